/* items.csv, the metadata table `hishatak bundle` reads. */
#include "fuzz.h"
#include "core/bundle_make.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];
	manifest_free(bundle_table_parse((const char *)data, size, err));
	return 0;
}
