/* Timed transcripts: WebVTT, SRT and the archive's Markdown transcript
 * (the first byte picks which: '#' Markdown, else odd WebVTT, even SRT). What
 * parses must hold together: cues in order of start, each ending after it
 * starts, its text one line of UTF-8, and the reader's XHTML made of it. */
#include "fuzz.h"
#include "core/convert.h"
#include "core/subtitles.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	char err[256];
	subtitles s;
	if (subtitles_parse((const char *)data + 1, size - 1, data[0] == '#' ? "md" : data[0] % 2 ? "vtt" : "srt", &s, err) != 0)
		return 0;
	for (int i = 0; i < s.count; i++) {
		const subtitle_cue *c = &s.cues[i];
		if (c->end_ms < c->start_ms || (i > 0 && c->start_ms < s.cues[i - 1].start_ms) || !c->text[0] ||
		    strchr(c->text, '\n') || !convert_is_utf8(c->text, strlen(c->text)) ||
		    (c->speaker && !convert_is_utf8(c->speaker, strlen(c->speaker))))
			abort();
		if (subtitles_at(&s, c->start_ms) < i && c->end_ms > c->start_ms)
			abort();
	}
	size_t len;
	char *x = subtitles_to_xhtml(&s, "t", "hy", &len);
	if (x && !convert_is_utf8(x, len))
		abort();
	free(x);
	subtitles_free(&s);
	return 0;
}
