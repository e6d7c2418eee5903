/* The kiosk's test-script language (kiosk --script). */
#include "fuzz.h"
#include "ui/script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	if (!text)
		return 0;
	char err[256];
	script_free(script_parse(text, "fuzz", err));
	free(text);
	return 0;
}
