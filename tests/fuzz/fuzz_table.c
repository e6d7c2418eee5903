/* items.csv, the metadata table `hishatak bundle` reads. */
#include "fuzz.h"
#include "core/bundle_make.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bundle_make_report report;
	memset(&report, 0, sizeof report);
	manifest_free(bundle_table_parse((const char *)data, size, NULL, NULL, &report));
	bundle_make_report_free(&report);
	return 0;
}
