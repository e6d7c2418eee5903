/* items.csv, the metadata table `hishatak bundle` reads. */
#include "fuzz.h"
#include "core/table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	findings found = {0};
	table_check ck = {"items.csv", NULL, "bundles", &found};
	manifest_free(table_read(&ck, (const char *)data, size, NULL));
	findings_free(&found);
	return 0;
}
