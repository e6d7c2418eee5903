/* Segments (chapters) of a recording: see segments.h. */
#include "core/segments.h"
#include "core/fail.h"
#include "core/ohms.h"
#include "core/subtitles.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int segments_handles(const char *ext)
{
	return strcmp(ext, "xml") == 0 || strcmp(ext, "vtt") == 0;
}

void segments_free(segments *s)
{
	for (int i = 0; i < s->count; i++) {
		free(s->items[i].title);
		free(s->items[i].synopsis);
		free(s->items[i].keywords);
	}
	free(s->items);
	memset(s, 0, sizeof *s);
}

int segments_add(segments *s, int seq, const char *lang, long long start_ms, const char *title, const char *synopsis,
		 const char *keywords, char err[256])
{
	segment *more = realloc(s->items, (size_t)(s->count + 1) * sizeof *more);
	if (!more)
		return fail(err, "out of memory");
	s->items = more;
	segment *g = &s->items[s->count];
	memset(g, 0, sizeof *g);
	g->seq = seq;
	snprintf(g->lang, sizeof g->lang, "%s", lang ? lang : "");
	g->start_ms = g->end_ms = start_ms;
	g->title = strdup(title);
	g->synopsis = synopsis ? strdup(synopsis) : NULL;
	g->keywords = keywords ? strdup(keywords) : NULL;
	s->count++;
	if (!g->title || (synopsis && !g->synopsis) || (keywords && !g->keywords))
		return fail(err, "out of memory");
	if (seq + 1 > s->segment_count)
		s->segment_count = seq + 1;
	return 0;
}

/* Each segment lasts until the next one starts. */
static void set_ends(segments *s)
{
	for (int i = 0; i < s->count; i++)
		for (int j = i + 1; j < s->count; j++)
			if (s->items[j].seq > s->items[i].seq) {
				s->items[i].end_ms = s->items[j].start_ms;
				break;
			}
}

int segments_parse(const char *src, size_t len, const char *ext, segments *out, char err[256])
{
	memset(out, 0, sizeof *out);
	if (strcmp(ext, "xml") == 0) {
		if (memchr(src, 0, len))
			return fail(err, "has a NUL byte: not a text file");
		if (ohms_index(src, len, out, err) != 0)
			return -1;
		set_ends(out);
		return 0;
	}
	if (strcmp(ext, "vtt") != 0)
		return fail(err, "the kiosk reads segments from an OHMS index (.xml) or WebVTT chapters (.vtt), not .%s", ext);
	subtitles chapters;
	if (subtitles_parse(src, len, "vtt", &chapters, err) != 0)
		return -1;
	int rc = 0;
	if (chapters.count > SEGMENTS_MAX)
		rc = fail(err, "more than %d chapters", SEGMENTS_MAX);
	for (int i = 0; i < chapters.count && rc == 0; i++)
		rc = segments_add(out, i, "", chapters.cues[i].start_ms, chapters.cues[i].text, NULL, NULL, err);
	subtitles_free(&chapters);
	if (rc != 0) {
		segments_free(out);
		return -1;
	}
	set_ends(out);
	return 0;
}

int segments_fit(const segments *s, long long duration_ms, char err[256])
{
	for (int i = 0; i < s->count; i++)
		if (s->items[i].start_ms > duration_ms + 1000) {
			char at[16], length[16];
			subtitles_format_time(s->items[i].start_ms, at, sizeof at);
			subtitles_format_time(duration_ms, length, sizeof length);
			return fail(err, "the segment \"%.60s\" starts at %s, after the recording's end (%s)", s->items[i].title, at,
				    length);
		}
	return 0;
}
