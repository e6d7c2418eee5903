/* bundle.json, the manifest of a bundle from a USB stick. */
#include "fuzz.h"
#include "core/manifest.h"
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	manifest *m = manifest_parse((const char *)data, size, err);
	if (m) { /* what was accepted can be written out again */
		FILE *f = fopen("/dev/null", "w");
		if (f) {
			manifest_write(f, m);
			fclose(f);
		}
		for (int i = 0; i < m->count; i++)
			if (m->entries[i].file)
				manifest_path_is_valid(m->entries[i].file);
	}
	manifest_free(m);
	return 0;
}
