/* OHMS XML: its transcript (timed by <sync> or by marks in the text) and
 * its index of segments. What parses must hold together: cues in order,
 * each ending at or after its start, one line of UTF-8; segments in order
 * with a title, each ending at or after its start. */
#include "fuzz.h"
#include "core/convert.h"
#include "core/ohms.h"
#include "core/segments.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	subtitles s;
	if (subtitles_parse((const char *)data, size, "xml", &s, err) == 0) {
		for (int i = 0; i < s.count; i++) {
			const subtitle_cue *c = &s.cues[i];
			if (c->end_ms < c->start_ms || (i > 0 && c->start_ms < s.cues[i - 1].start_ms) || !c->text[0] ||
			    strchr(c->text, '\n') || !convert_is_utf8(c->text, strlen(c->text)) ||
			    (c->speaker && !convert_is_utf8(c->speaker, strlen(c->speaker))))
				abort();
		}
		subtitles_free(&s);
	}
	segments g;
	if (segments_parse((const char *)data, size, "xml", &g, err) == 0) {
		for (int i = 0; i < g.count; i++) {
			const segment *p = &g.items[i];
			if (!p->title || p->end_ms < p->start_ms || p->seq >= g.segment_count ||
			    (i > 0 && (p->seq < g.items[i - 1].seq || p->start_ms < g.items[i - 1].start_ms)))
				abort();
		}
		segments_free(&g);
	}
	return 0;
}
