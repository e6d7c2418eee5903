/* The text converters: plain text, Markdown, and transcripts (Markdown
 * with front matter and timestamp anchors). The first byte picks the
 * format, so one corpus serves all three. */
#include "fuzz.h"
#include "core/convert.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *ext = data[0] % 2 ? "md" : "txt";
	char err[256];
	convert_result r = {0};
	if (convert_is_utf8((const char *)data + 1, size - 1) &&
	    convert_to_xhtml((const char *)data + 1, size - 1, ext, data[0] % 3 ? "hy" : "", &r, err) == 0) {
		if (!convert_is_utf8(r.xhtml, r.len)) /* what MuPDF gets must be UTF-8 still */
			abort();
	}
	convert_result_free(&r);
	return 0;
}
