/* WebVTT and SRT transcripts: see subtitles.h. One pass over the lines,
 * a block at a time; nothing is allocated for a cue before its size is
 * known to be sane. */
#include "core/subtitles.h"
#include "core/fail.h"
#include "core/sbuf.h"
#include "core/convert.h"
#include "core/ohms.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int subtitles_handles(const char *ext)
{
	return strcmp(ext, "vtt") == 0 || strcmp(ext, "srt") == 0;
}

int subtitles_timed(const char *ext)
{
	return subtitles_handles(ext) || strcmp(ext, "xml") == 0 || strcmp(ext, "md") == 0;
}

/* A cursor over the lines of the source, any of \n, \r\n or \r ending one. */
typedef struct {
	const char *p, *end;
	int line;               /* of the line last read, from 1 */
} lines;

static int next_line(lines *ls, const char **s, const char **e)
{
	if (ls->p >= ls->end)
		return 0;
	const char *q = ls->p;
	while (q < ls->end && *q != '\n' && *q != '\r')
		q++;
	*s = ls->p;
	*e = q;
	if (q < ls->end && *q == '\r')
		q++;
	if (q < ls->end && *q == '\n')
		q++;
	ls->p = q;
	ls->line++;
	return 1;
}

static int is_blank(const char *s, const char *e)
{
	for (; s < e; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

/* True when the line starts with word followed by a space, a tab or its end. */
static int starts_word(const char *s, const char *e, const char *word)
{
	size_t n = strlen(word);
	return (size_t)(e - s) >= n && memcmp(s, word, n) == 0 && (s + n == e || s[n] == ' ' || s[n] == '\t');
}

/* Reads 1 to max digits into *v; the position after them, or NULL. */
static const char *digits(const char *p, const char *e, int max, long long *v)
{
	int n = 0;
	for (*v = 0; p < e && n < max && *p >= '0' && *p <= '9'; p++, n++)
		*v = *v * 10 + (*p - '0');
	return n ? p : NULL;
}

/* [h:]mm:ss(.|,)fff, hours up to six digits; the position after, or NULL. */
static const char *parse_time(const char *p, const char *e, long long *ms)
{
	long long a, b, c = -1, frac = 0;
	if (!(p = digits(p, e, 6, &a)) || p >= e || *p != ':' || !(p = digits(p + 1, e, 2, &b)))
		return NULL;
	if (p < e && *p == ':') {
		if (!(p = digits(p + 1, e, 2, &c)))
			return NULL;
	}
	if (c < 0) { /* mm:ss */
		c = b;
		b = a;
		a = 0;
	} else if (b > 59) {
		return NULL;
	}
	if (c > 59)
		return NULL;
	if (p < e && (*p == '.' || *p == ',')) {
		const char *f = p + 1;
		if (!(p = digits(f, e, 3, &frac)))
			return NULL;
		for (long long k = p - f; k < 3; k++)
			frac *= 10;
	}
	*ms = ((a * 60 + b) * 60 + c) * 1000 + frac;
	return p;
}

const char *subtitles_parse_time(const char *p, const char *e, long long *ms)
{
	return parse_time(p, e, ms);
}

/* "START --> END [settings]": 0, or -1 when the line is not that. */
static int parse_timing(const char *s, const char *e, long long *start, long long *end)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	if (!(s = parse_time(s, e, start)))
		return -1;
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	if (e - s < 3 || memcmp(s, "-->", 3) != 0)
		return -1;
	for (s += 3; s < e && (*s == ' ' || *s == '\t');)
		s++;
	if (!(s = parse_time(s, e, end)))
		return -1;
	return s == e || *s == ' ' || *s == '\t' ? 0 : -1;
}

static int has_arrow(const char *s, const char *e)
{
	for (; e - s >= 3; s++)
		if (memcmp(s, "-->", 3) == 0)
			return 1;
	return 0;
}

/* Writes a code point named by an entity as UTF-8 (no NUL, no surrogates). */
static size_t put_utf8(char *o, unsigned long cp)
{
	if (cp < 0x20 || cp == 0x7F) /* a control character (a line break): a space in a cue's one line */
		cp = ' ';
	if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		cp = 0xFFFD;
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Decodes the entity at s ('&'); its length, 0 when it is none we know
 * (the '&' then stands for itself). */
static size_t entity(const char *s, const char *e, char *o, size_t *written)
{
	static const struct { const char *name; const char *text; } named[] = {
		{"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"},
		{"nbsp", " "}, {"lrm", "\xe2\x80\x8e"}, {"rlm", "\xe2\x80\x8f"},
	};
	const char *semi = s + 1;
	while (semi < e && semi - s < 12 && *semi != ';')
		semi++;
	if (semi >= e || *semi != ';')
		return 0;
	size_t n = (size_t)(semi - s - 1);
	if (n > 1 && s[1] == '#') {
		unsigned long cp = 0;
		int hex = s[2] == 'x' || s[2] == 'X';
		const char *d = s + 2 + hex;
		if (d == semi)
			return 0;
		for (; d < semi; d++) {
			int v = *d >= '0' && *d <= '9' ? *d - '0'
				: hex && *d >= 'a' && *d <= 'f' ? *d - 'a' + 10
				: hex && *d >= 'A' && *d <= 'F' ? *d - 'A' + 10 : -1;
			if (v < 0)
				return 0;
			cp = cp * (hex ? 16u : 10u) + (unsigned long)v;
			if (cp > 0x10FFFF)
				cp = 0x110000;
		}
		*written = put_utf8(o, cp);
		return (size_t)(semi - s + 1);
	}
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strlen(named[i].name) == n && memcmp(s + 1, named[i].name, n) == 0) {
			*written = strlen(named[i].text);
			memcpy(o, named[i].text, *written);
			return n + 2;
		}
	return 0;
}

/* A cue's raw text (its lines joined by '\n') made one plain line: tags
 * left out, the first voice's name taken as the speaker, entities
 * decoded, runs of white space made one space. */
static int clean_cue(const char *raw, size_t len, subtitle_cue *cue)
{
	char *text = malloc(len + 1);
	if (!text)
		return -1;
	size_t o = 0;
	int space = 1; /* drops leading white space */
	const char *p = raw, *e = raw + len;
	while (p < e) {
		if (*p == '<') {
			const char *close = memchr(p, '>', (size_t)(e - p));
			if (close) {
				/* <v Name> or <v.class Name> */
				if (p[1] == 'v' && (p[2] == ' ' || p[2] == '\t' || p[2] == '.') && !cue->speaker) {
					const char *n = p + 2;
					while (n < close && *n != ' ' && *n != '\t')
						n++;
					while (n < close && (*n == ' ' || *n == '\t'))
						n++;
					const char *ne = close;
					while (ne > n && (ne[-1] == ' ' || ne[-1] == '\t'))
						ne--;
					/* Copied by its length: the cue is not NUL-terminated. */
					if (ne > n && !(cue->speaker = malloc((size_t)(ne - n) + 1))) {
						free(text);
						return -1;
					}
					if (ne > n) {
						memcpy(cue->speaker, n, (size_t)(ne - n));
						cue->speaker[ne - n] = 0;
					}
				}
				p = close + 1;
				continue;
			}
		}
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			if (!space)
				text[o++] = ' ';
			space = 1;
			p++;
			continue;
		}
		size_t w = 0, used = *p == '&' ? entity(p, e, text + o, &w) : 0;
		if (used && used >= w) { /* an entity is never shorter than its text */
			o += w;
			p += used;
		} else {
			text[o++] = *p++;
		}
		space = 0;
	}
	while (o > 0 && text[o - 1] == ' ')
		o--;
	text[o] = 0;
	cue->text = text;
	return 0;
}

static void free_cue(subtitle_cue *c)
{
	free(c->speaker);
	free(c->text);
}

void subtitles_free(subtitles *s)
{
	for (int i = 0; i < s->count; i++)
		free_cue(&s->cues[i]);
	free(s->cues);
	memset(s, 0, sizeof *s);
}

void subtitles_format_time(long long ms, char *out, size_t size)
{
	long long s = ms / 1000;
	if (s >= 3600)
		snprintf(out, size, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(out, size, "%lld:%02lld", s / 60, s % 60);
}

/* Reads the text lines of a cue (up to a blank line) and adds it. */
static int add_cue(lines *ls, subtitles *out, int *cap, long long start, long long end, int timing_line, char err[256])
{
	char at[16], before[16];
	if (end < start) {
		subtitles_format_time(end, at, sizeof at);
		subtitles_format_time(start, before, sizeof before);
		return fail(err, "line %d: the cue ends (%s) before it starts (%s)", timing_line, at, before);
	}
	if (out->count > 0 && start < out->cues[out->count - 1].start_ms) {
		subtitles_format_time(start, at, sizeof at);
		subtitles_format_time(out->cues[out->count - 1].start_ms, before, sizeof before);
		return fail(err, "line %d: the cue starts at %s, before the one above it (%s): cues must be in order of time",
			    timing_line, at, before);
	}
	/* Its lines are measured before anything is copied. */
	lines scan = *ls;
	const char *s, *e, *first = ls->p, *last = ls->p;
	size_t total = 0;
	while (next_line(&scan, &s, &e) && !is_blank(s, e)) {
		total += (size_t)(e - s) + 1;
		if (total > SUBTITLES_MAX_CUE)
			return fail(err, "line %d: the cue is longer than %d KB", timing_line, SUBTITLES_MAX_CUE / 1024);
		if (has_arrow(s, e))
			return fail(err, "line %d: a cue's times without a blank line before them", scan.line);
		last = e;
		*ls = scan;
	}
	if (out->count >= SUBTITLES_MAX_CUES)
		return fail(err, "line %d: more than %d cues", timing_line, SUBTITLES_MAX_CUES);
	/* The lines as they stand: their ends are white space to clean_cue. */
	return subtitles_add(out, cap, start, end, NULL, 0, first, (size_t)(last - first), err);
}

int subtitles_add(subtitles *out, int *cap, long long start, long long end, const char *speaker, size_t speaker_len,
		  const char *raw, size_t len, char err[256])
{
	if (out->count >= SUBTITLES_MAX_CUES)
		return fail(err, "more than %d cues", SUBTITLES_MAX_CUES);
	if (len > SUBTITLES_MAX_CUE)
		return fail(err, "a cue longer than %d KB", SUBTITLES_MAX_CUE / 1024);
	subtitle_cue cue = {start, end, NULL, NULL};
	if (clean_cue(raw, len, &cue) != 0)
		return fail(err, "out of memory");
	if (!cue.text[0]) { /* a cue of tags alone says nothing */
		free_cue(&cue);
		return 0;
	}
	if (speaker_len && !cue.speaker) {
		if (!(cue.speaker = malloc(speaker_len + 1))) {
			free_cue(&cue);
			return fail(err, "out of memory");
		}
		memcpy(cue.speaker, speaker, speaker_len);
		cue.speaker[speaker_len] = 0;
	}
	if (out->count == *cap) {
		int grown = *cap ? *cap * 2 : 64;
		subtitle_cue *more = realloc(out->cues, (size_t)grown * sizeof *more);
		if (!more) {
			free_cue(&cue);
			return fail(err, "out of memory");
		}
		out->cues = more;
		*cap = grown;
	}
	out->cues[out->count++] = cue;
	if (end > out->end_ms)
		out->end_ms = end;
	return 0;
}

/* Skips the rest of a block, up to a blank line. */
static void skip_block(lines *ls)
{
	const char *s, *e;
	lines scan = *ls;
	while (next_line(&scan, &s, &e) && !is_blank(s, e))
		*ls = scan;
}

/* --- the archive's Markdown transcript --- */

/* A line's words with Markdown's marks left out: "[[page | words]]" and
 * "[[words]]" are the words, "**", "__" and a heading's or quotation's
 * mark at its start go; tags stay for clean_cue to drop. */
static void plain_words(sbuf *b, const char *s, const char *e)
{
	while (s < e && (*s == '#' || *s == '>' || *s == ' '))
		s++;
	while (s < e) {
		if (e - s >= 2 && s[0] == '[' && s[1] == '[') {
			const char *close = s + 2;
			while (close + 1 < e && !(close[0] == ']' && close[1] == ']'))
				close++;
			if (close + 1 < e) {
				const char *bar = memchr(s + 2, '|', (size_t)(close - s - 2)), *w = bar ? bar + 1 : s + 2;
				sbuf_put_n(b, w, (size_t)(close - w));
				s = close + 2;
				continue;
			}
		}
		if (e - s >= 2 && ((s[0] == '*' && s[1] == '*') || (s[0] == '_' && s[1] == '_'))) {
			s += 2;
			continue;
		}
		sbuf_put_n(b, s, 1);
		s++;
	}
	while (b->len > 0 && b->data[b->len - 1] == ' ') /* the punctuation after the anchor follows the words */
		b->data[--b->len] = 0;
}

/* The transcript the archive has (archive/files/ker-lindsay-*.md): a
 * front-matter block, then paragraphs in which an anchor
 * <a class="yt-timestamp" data-t="HH:MM:SS"> follows each sentence with
 * the time it was said. A cue is the words before an anchor (with the
 * punctuation just after it), at the anchor's time, until the next one's;
 * headings and lines without an anchor are not spoken and are left out. */
static int parse_markdown(const char *src, size_t len, subtitles *out, char err[256])
{
	static const char anchor[] = "data-t=\"";
	lines ls = {src, src + len, 0};
	const char *s, *e;
	int cap = 0, in_front = 0;
	if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0)
		ls.p += 3;
	sbuf words = {0};
	long long last_start = -1;
	while (next_line(&ls, &s, &e)) {
		if (e - s == 3 && memcmp(s, "---", 3) == 0 && (ls.line == 1 || in_front)) {
			in_front = !in_front;
			continue;
		}
		if (in_front || is_blank(s, e) || *s == '#') {
			words.len = 0;
			continue;
		}
		const char *p = s;
		while (p < e) {
			const char *a = p;
			while (a < e && !((size_t)(e - a) >= sizeof anchor - 1 && memcmp(a, anchor, sizeof anchor - 1) == 0))
				a++;
			if (a >= e) { /* words after the last anchor: not timed, left out */
				break;
			}
			const char *tag = a;
			while (tag > p && *tag != '<')
				tag--;
			long long at;
			const char *t = a + sizeof anchor - 1, *after = subtitles_parse_time(t, e, &at);
			if (!after || after >= e || *after != '"') {
				free(words.data);
				subtitles_free(out);
				return fail(err, "line %d: a timestamp anchor without a time like data-t=\"00:01:02\"", ls.line);
			}
			const char *close = after;
			while (close + 4 <= e && memcmp(close, "</a>", 4) != 0)
				close++;
			close = close + 4 <= e ? close + 4 : e;
			const char *punct = close;
			while (punct < e && strchr(".,;:!?\"')", *punct))
				punct++;
			words.len = 0;
			plain_words(&words, p, tag);
			sbuf_put_n(&words, close, (size_t)(punct - close));
			if (words.oom) {
				free(words.data);
				subtitles_free(out);
				return fail(err, "out of memory");
			}
			if (at < last_start) {
				char when[16], before[16];
				subtitles_format_time(at, when, sizeof when);
				subtitles_format_time(last_start, before, sizeof before);
				free(words.data);
				subtitles_free(out);
				return fail(err, "line %d: the timestamp %s comes after %s: times must go forward", ls.line, when, before);
			}
			/* It is spoken until the next one starts; the last, a moment. */
			if (out->count > 0 && out->cues[out->count - 1].end_ms < 0)
				out->cues[out->count - 1].end_ms = (at > out->cues[out->count - 1].start_ms ? at : out->cues[out->count - 1].start_ms);
			int before_count = out->count;
			if (subtitles_add(out, &cap, at, -1, NULL, 0, words.data, words.len, err) != 0) {
				free(words.data);
				subtitles_free(out);
				return -1;
			}
			if (out->count > before_count)
				last_start = at;
			p = punct;
		}
	}
	free(words.data);
	if (out->count == 0)
		return fail(err, "has no timestamp anchors (<a class=\"yt-timestamp\" data-t=\"00:01:02\">): not a timed transcript");
	subtitle_cue *tail = &out->cues[out->count - 1];
	if (tail->end_ms < 0) /* no later time says how long: it must still fit the recording */
		tail->end_ms = tail->start_ms;
	for (int i = 0; i < out->count; i++)
		if (out->cues[i].end_ms > out->end_ms)
			out->end_ms = out->cues[i].end_ms;
	return 0;
}

int subtitles_parse(const char *src, size_t len, const char *ext, subtitles *out, char err[256])
{
	memset(out, 0, sizeof *out);
	int vtt = strcmp(ext, "vtt") == 0;
	if (!vtt && strcmp(ext, "srt") != 0 && strcmp(ext, "xml") != 0 && strcmp(ext, "md") != 0)
		return fail(err, "not a transcript format: .%s", ext);
	const char *nul = memchr(src, 0, len);
	if (nul)
		return fail(err, "has a NUL byte (at byte %lld): not a text file", (long long)(nul - src));
	if (strcmp(ext, "xml") == 0) /* its own encoding declaration says what it is */
		return ohms_transcript(src, len, out, err);
	if (!convert_is_utf8(src, len))
		return fail(err, "is not UTF-8 text (save it as UTF-8)");
	if (strcmp(ext, "md") == 0)
		return parse_markdown(src, len, out, err);
	lines ls = {src, src + len, 0};
	if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0)
		ls.p += 3;
	const char *s, *e;
	if (vtt) {
		if (!next_line(&ls, &s, &e) || !starts_word(s, e, "WEBVTT"))
			return fail(err, "line 1: a WebVTT file starts with WEBVTT");
		skip_block(&ls); /* the header's lines */
	}
	int cap = 0;
	while (next_line(&ls, &s, &e)) {
		if (is_blank(s, e))
			continue;
		if (vtt && starts_word(s, e, "NOTE")) {
			out->notes++;
			skip_block(&ls);
			continue;
		}
		if (vtt && (starts_word(s, e, "STYLE") || starts_word(s, e, "REGION"))) {
			skip_block(&ls);
			continue;
		}
		if (!has_arrow(s, e)) { /* an identifier (SRT: the cue's number) */
			int id_line = ls.line;
			if (!next_line(&ls, &s, &e) || !has_arrow(s, e)) {
				subtitles_free(out);
				return fail(err, "line %d: a cue without its times (like 00:01:02.500 --> 00:01:04.000)", id_line);
			}
		}
		long long start, end;
		if (parse_timing(s, e, &start, &end) != 0) {
			subtitles_free(out);
			return fail(err, "line %d: not a cue's times (like 00:01:02.500 --> 00:01:04.000)", ls.line);
		}
		if (add_cue(&ls, out, &cap, start, end, ls.line, err) != 0) {
			subtitles_free(out);
			return -1;
		}
	}
	if (out->count == 0)
		return fail(err, "has no cues");
	return 0;
}

int subtitles_fit(const subtitles *s, long long duration_ms, char err[256])
{
	for (int i = 0; i < s->count; i++)
		if (s->cues[i].end_ms > duration_ms + 1000) {
			char at[16], end[16], length[16];
			subtitles_format_time(s->cues[i].start_ms, at, sizeof at);
			subtitles_format_time(s->cues[i].end_ms, end, sizeof end);
			subtitles_format_time(duration_ms, length, sizeof length);
			return fail(err, "the cue at %s ends at %s, after the recording's end (%s)", at, end, length);
		}
	return 0;
}

int subtitles_at(const subtitles *s, long long t_ms)
{
	int lo = 0, hi = s->count; /* the first cue starting after t */
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (s->cues[mid].start_ms <= t_ms)
			lo = mid + 1;
		else
			hi = mid;
	}
	int last = lo - 1;
	/* Voices overlap: the newest cue still being spoken. */
	for (int i = last; i >= 0 && i > last - 8; i--)
		if (s->cues[i].end_ms > t_ms)
			return i;
	return last;
}

/* --- a transcript without its recording, for the reader --- */

static void put_escaped(sbuf *b, const char *s)
{
	for (; *s; s++) {
		const char *r = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : *s == '"' ? "&quot;" : NULL;
		if (r)
			sbuf_put(b, r);
		else
			sbuf_put_n(b, s, 1);
	}
}

char *subtitles_to_xhtml(const subtitles *s, const char *title, const char *lang, size_t *len)
{
	sbuf b = {0};
	sbuf_put(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"");
	if (lang && lang[0]) {
		sbuf_put(&b, " lang=\"");
		put_escaped(&b, lang);
		sbuf_put(&b, "\"");
	}
	sbuf_put(&b, "><head><meta charset=\"UTF-8\"/><title>");
	put_escaped(&b, title ? title : "");
	/* The times in a column of their own, as the archive's transcripts have. */
	sbuf_put(&b, "</title><style>@page{margin:0}"
		"body{margin:1.2em 1.4em;font-family:serif;line-height:1.55;color:#1b1b1b}"
		"h1{font-size:1.55em;line-height:1.25;margin:0.2em 0 0.8em;color:#13294b}"
		"p{margin:0 0 0.4em;padding-left:5.4em;text-indent:-5.4em}"
		"span.ts{font-family:monospace;font-size:0.9em;color:#7a5c1e}"
		"b{color:#13294b}</style></head>\n<body>\n");
	if (title && title[0]) {
		sbuf_put(&b, "<h1>");
		put_escaped(&b, title);
		sbuf_put(&b, "</h1>\n");
	}
	const char *speaker = NULL;
	for (int i = 0; i < s->count; i++) {
		char t[24], cell[64];
		subtitles_format_time(s->cues[i].start_ms, t, sizeof t);
		/* Ten cells of monospace: the time, padded by no-break spaces. */
		snprintf(cell, sizeof cell, "%s", t);
		sbuf_put(&b, "<p><span class=\"ts\">");
		sbuf_put(&b, cell);
		for (size_t k = strlen(t); k < 10; k++)
			sbuf_put(&b, "\xc2\xa0");
		sbuf_put(&b, "</span>");
		const char *who = s->cues[i].speaker;
		if (who && (!speaker || strcmp(who, speaker) != 0)) {
			sbuf_put(&b, "<b>");
			put_escaped(&b, who);
			sbuf_put(&b, ":</b> ");
		}
		if (who)
			speaker = who;
		put_escaped(&b, s->cues[i].text);
		sbuf_put(&b, "</p>\n");
	}
	sbuf_put(&b, "</body></html>\n");
	if (b.oom) {
		free(b.data);
		return NULL;
	}
	*len = b.len;
	return b.data;
}
