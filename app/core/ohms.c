/* OHMS XML: see ohms.h. The file is parsed by MuPDF (fz_parse_xml); what
 * is read from the tree is copied out before the tree is dropped, so no
 * MuPDF type or exception leaves this file. */
#include "core/ohms.h"
#include "core/fail.h"
#include "core/convert.h"
#include "core/sbuf.h"

#include <mupdf/fitz.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define OHMS_MAX_WORDS  2000000
#define WORD_MS         400     /* a word's time where no mark says (150 a minute) */

/* The text inside n (every text node below it, in order) appended to b. */
static void element_text(fz_xml *n, sbuf *b)
{
	for (fz_xml *c = fz_xml_down(n); c; c = fz_xml_next(c)) {
		const char *t = fz_xml_text(c);
		if (t)
			sbuf_put(b, t);
		else
			element_text(c, b);
	}
}

/* The text of the first child element of n called tag, trimmed (a copy;
 * NULL when there is none or it is empty). */
static char *child_text(fz_xml *n, const char *tag)
{
	fz_xml *c = n ? fz_xml_find_down(n, tag) : NULL;
	if (!c)
		return NULL;
	sbuf b = {0};
	element_text(c, &b);
	if (b.oom || !b.data) {
		free(b.data);
		return NULL;
	}
	char *s = b.data, *e = b.data + b.len;
	while (s < e && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		e--;
	if (s == e) {
		free(b.data);
		return NULL;
	}
	memmove(b.data, s, (size_t)(e - s));
	b.data[e - s] = 0;
	return b.data;
}

void ohms_language_tag(const char *name, char tag[16])
{
	static const struct { const char *name, *tag; } known[] = {
		{"english", "en"}, {"en", "en"}, {"eng", "en"}, {"armenian", "hy"}, {"hy", "hy"}, {"arm", "hy"},
		{"hye", "hy"}, {"russian", "ru"}, {"ru", "ru"}, {"rus", "ru"},
		{"\xd5\xb0\xd5\xa1\xd5\xb5\xd5\xa5\xd6\x80\xd5\xa5\xd5\xb6", "hy"}, /* հայերեն */
		{"\xd1\x80\xd1\x83\xd1\x81\xd1\x81\xd0\xba\xd0\xb8\xd0\xb9", "ru"}, /* русский */
	};
	tag[0] = 0;
	if (!name)
		return;
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcasecmp(name, known[i].name) == 0) {
			snprintf(tag, 16, "%s", known[i].tag);
			return;
		}
}

static void quiet(void *user, const char *message)
{
	(void)user;
	(void)message;
}

/* Parses src into a tree and calls read with its <record> (or the root).
 * 0, or -1 with the reason (the parser's, or read's). */
static int with_record(const char *src, size_t len, int (*read)(fz_xml *record, void *arg, char err[256]), void *arg,
		       char err[256])
{
	fz_context *ctx = fz_new_context(NULL, NULL, FZ_STORE_DEFAULT);
	fz_buffer *buf = NULL;
	fz_xml *xml = NULL;
	int rc = -1;
	if (!ctx)
		return fail(err, "cannot start MuPDF");
	fz_set_error_callback(ctx, quiet, NULL); /* the reason goes to err, not to stderr */
	fz_set_warning_callback(ctx, quiet, NULL);
	fz_var(buf);
	fz_var(xml);
	fz_var(rc);
	fz_try(ctx) {
		buf = fz_new_buffer_from_copied_data(ctx, (const unsigned char *)src, len);
		xml = fz_parse_xml(ctx, buf, 1);
	}
	fz_catch(ctx) {
		snprintf(err, 256, "is not well-formed XML: %s", fz_caught_message(ctx));
		xml = NULL;
	}
	if (xml) {
		fz_xml *root = fz_xml_root(xml), *record = root ? fz_xml_find_dfs(root, "record", NULL, NULL) : NULL;
		if (!root || (!record && !fz_xml_is_tag(root, "ROOT")))
			fail(err, "is not an OHMS file (no <record>)");
		else
			rc = read(record ? record : root, arg, err);
	}
	fz_drop_xml(ctx, xml);
	fz_drop_buffer(ctx, buf);
	fz_drop_context(ctx);
	return rc;
}

/* --- the transcript --- */

typedef struct {
	int line, nth;             /* its line (from 0) and place in it (from 0, marks not counted) */
	size_t start, end;         /* bytes of the text */
	long long at;              /* a mark's time before it, or -1 */
} word;

typedef struct {
	subtitles *out;
	int cap;
} transcript_read;

/* "[hh:mm:ss]" or "{mm:ss}" standing alone: its time, else -1. */
static long long mark_time(const char *s, size_t n)
{
	long long ms;
	if (n < 6 || !((s[0] == '[' && s[n - 1] == ']') || (s[0] == '{' && s[n - 1] == '}')))
		return -1;
	const char *after = subtitles_parse_time(s + 1, s + n - 1, &ms);
	return after == s + n - 1 ? ms : -1;
}

/* "1:|13(3)|19(14)": a mark each N minutes, at line 13 (from 0, as the
 * OHMS viewer counts) word 3, ... Puts each mark's time on its word. */
static void apply_sync(const char *sync, word *w, int count)
{
	char *colon;
	double minutes = strtod(sync, &colon);
	if (colon == sync || *colon != ':' || !(minutes > 0) || minutes > 60)
		return;
	const char *p = colon + 1;
	int k = 0, at = 0;
	while (*p) {
		if (*p == '|') {
			p++;
			k++;
			continue;
		}
		char *q;
		long line = strtol(p, &q, 10), nth = 0;
		if (q == p)
			break;
		if (*q == '(') {
			nth = strtol(q + 1, &q, 10);
			if (*q == ')')
				q++;
		}
		p = q;
		if (k <= 0)
			continue;
		/* The marks go forward through the text: look on from the last. */
		while (at < count && (w[at].line < line || (w[at].line == line && w[at].nth < nth)))
			at++;
		if (at < count && w[at].at < 0)
			w[at].at = (long long)((double)k * minutes * 60000.0);
	}
}

/* "NAME:" at a line's start (a few words, no sentence's end before the
 * colon): the name's length, else 0. */
static size_t speaker_label(const char *s, size_t n)
{
	int words = 1;
	for (size_t i = 0; i < n && i < 48; i++) {
		if (s[i] == ':')
			return i > 0 && (i + 1 == n || s[i + 1] == ' ' || s[i + 1] == '\t') ? i : 0;
		if (s[i] == '.' || s[i] == '?' || s[i] == '!' || s[i] == ',' || s[i] == '[' || s[i] == '"')
			return 0;
		if (s[i] == ' ' && ++words > 4)
			return 0;
	}
	return 0;
}

static int read_transcript(fz_xml *record, void *arg, char err[256])
{
	transcript_read *tr = arg;
	char *text = child_text(record, "transcript"), *sync = child_text(record, "sync");
	word *w = NULL;
	int count = 0, cap = 0, rc = -1;
	if (!text) {
		fail(err, "has no <transcript>");
		goto out;
	}
	if (!convert_is_utf8(text, strlen(text))) {
		fail(err, "its transcript is not UTF-8 text");
		goto out;
	}
	/* The words, line by line; a time mark is a word of its own. */
	int line = 0, nth = 0;
	long long pending = -1, last_mark = -1;
	for (size_t i = 0; text[i];) {
		if (text[i] == '\n') {
			line++;
			nth = 0;
			i++;
			continue;
		}
		if (text[i] == ' ' || text[i] == '\t' || text[i] == '\r') {
			i++;
			continue;
		}
		size_t s = i;
		while (text[i] && text[i] != ' ' && text[i] != '\t' && text[i] != '\r' && text[i] != '\n')
			i++;
		long long t = mark_time(text + s, i - s);
		if (t >= 0) {
			if (t < last_mark) {
				char when[16], before[16];
				subtitles_format_time(t, when, sizeof when);
				subtitles_format_time(last_mark, before, sizeof before);
				fail(err, "transcript line %d: the mark [%s] comes after [%s]: times must go forward", line + 1, when,
				     before);
				goto out;
			}
			pending = last_mark = t;
			continue;
		}
		if (count == OHMS_MAX_WORDS) {
			fail(err, "its transcript has more than %d words", OHMS_MAX_WORDS);
			goto out;
		}
		if (count == cap) {
			int grown = cap ? cap * 2 : 1024;
			word *more = realloc(w, (size_t)grown * sizeof *more);
			if (!more) {
				fail(err, "out of memory");
				goto out;
			}
			w = more;
			cap = grown;
		}
		w[count++] = (word){line, nth++, s, i, pending};
		pending = -1;
	}
	if (sync)
		apply_sync(sync, w, count);
	/* Every word's time: between the marks around it, by its place. */
	long long *at = count ? malloc((size_t)count * sizeof *at) : NULL;
	if (count && !at) {
		fail(err, "out of memory");
		goto out;
	}
	int prev = -1; /* the last word with a mark */
	for (int i = 0; i <= count; i++) {
		if (i < count && w[i].at < 0)
			continue;
		long long t0 = prev >= 0 ? w[prev].at : 0, t1 = i < count ? w[i].at : -1;
		int from = prev >= 0 ? prev : 0;
		if (t1 >= 0 && t1 < t0) {
			char when[16], before[16];
			subtitles_format_time(t1, when, sizeof when);
			subtitles_format_time(t0, before, sizeof before);
			free(at);
			fail(err, "transcript line %d: the time %s comes after %s: times must go forward", w[i].line + 1, when, before);
			goto out;
		}
		for (int j = from; j < i; j++)
			at[j] = t1 >= 0 ? t0 + (t1 - t0) * (j - from) / (i - from) : t0 + (long long)(j - from) * WORD_MS;
		if (i < count)
			at[i] = w[i].at;
		prev = i;
	}
	/* The cues: a line's words, broken where a mark is. */
	for (int i = 0; i < count;) {
		int j = i + 1;
		while (j < count && w[j].line == w[i].line && w[j].at < 0)
			j++;
		const char *s = text + w[i].start;
		size_t n = w[j - 1].end - w[i].start, name = w[i].nth == 0 ? speaker_label(s, n) : 0;
		const char *words = name ? s + name + 1 : s;
		long long end = j < count ? at[j] : at[i];
		if (subtitles_add(tr->out, &tr->cap, at[i], end < at[i] ? at[i] : end, s, name, words, (size_t)(s + n - words),
				  err) != 0) {
			free(at);
			goto out;
		}
		i = j;
	}
	free(at);
	if (tr->out->count == 0) {
		fail(err, "its transcript is empty");
		goto out;
	}
	rc = 0;
out:
	free(w);
	free(text);
	free(sync);
	return rc;
}

int ohms_transcript(const char *src, size_t len, subtitles *out, char err[256])
{
	transcript_read tr = {out, 0};
	memset(out, 0, sizeof *out);
	if (with_record(src, len, read_transcript, &tr, err) != 0) {
		subtitles_free(out);
		return -1;
	}
	return 0;
}

/* --- the index --- */

/* A point's time: seconds ("125", "125.5") or [h:]mm:ss. */
static long long point_time(const char *t)
{
	if (!t)
		return -1;
	long long ms;
	const char *e = t + strlen(t), *after = subtitles_parse_time(t, e, &ms);
	if (after == e)
		return ms;
	char *end;
	double s = strtod(t, &end);
	return end != t && *end == 0 && s >= 0 && s < 1e9 ? (long long)(s * 1000.0 + 0.5) : -1;
}

static int read_index(fz_xml *record, void *arg, char err[256])
{
	segments *out = arg;
	char *lang_name = child_text(record, "language"), *alt_name = child_text(record, "language_for_translation");
	char lang[16], alt[16];
	ohms_language_tag(lang_name, lang);
	ohms_language_tag(alt_name, alt);
	free(lang_name);
	free(alt_name);
	fz_xml *index = fz_xml_find_down(record, "index");
	int rc = 0, seq = 0;
	long long last = -1;
	for (fz_xml *pt = index ? fz_xml_find_down(index, "point") : NULL; pt && rc == 0; pt = fz_xml_find_next(pt, "point")) {
		char *time = child_text(pt, "time"), *title = child_text(pt, "title"), *synopsis = child_text(pt, "synopsis"),
		     *keywords = child_text(pt, "keywords"), *title_alt = child_text(pt, "title_alt"),
		     *synopsis_alt = child_text(pt, "synopsis_alt"), *keywords_alt = child_text(pt, "keywords_alt");
		long long t = point_time(time);
		if (t < 0)
			rc = fail(err, "index point %d: no time (seconds, as <time>125</time>)", seq + 1);
		else if (t < last)
			rc = fail(err, "index point %d starts before the one above it: points must be in order of time", seq + 1);
		else if (!title)
			rc = fail(err, "index point %d: no <title>", seq + 1);
		else if (seq >= SEGMENTS_MAX)
			rc = fail(err, "more than %d index points", SEGMENTS_MAX);
		if (rc == 0)
			rc = segments_add(out, seq, lang, t, title, synopsis, keywords, err);
		if (rc == 0 && (title_alt || synopsis_alt))
			rc = segments_add(out, seq, alt[0] ? alt : "alt", t, title_alt ? title_alt : title, synopsis_alt, keywords_alt, err);
		last = t;
		seq++;
		free(time);
		free(title);
		free(synopsis);
		free(keywords);
		free(title_alt);
		free(synopsis_alt);
		free(keywords_alt);
	}
	if (rc == 0 && seq == 0)
		rc = fail(err, "has no index (<index> with <point>s)");
	return rc;
}

int ohms_index(const char *src, size_t len, segments *out, char err[256])
{
	memset(out, 0, sizeof *out);
	if (with_record(src, len, read_index, out, err) != 0) {
		segments_free(out);
		return -1;
	}
	return 0;
}
