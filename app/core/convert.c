/* The converters: see convert.h. Markdown is read line by line into blocks
 * (heading, paragraph, list item, quote); inline marks are handled while a
 * block is written. Everything not recognised is escaped and shown as text:
 * raw HTML in a source never reaches MuPDF. */
#include "core/convert.h"
#include "core/sbuf.h"
#include "core/item.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The reading typography: serif text with generous leading, headings that
 * stand out, notes set smaller, timestamps in a column of their own. */
static const char css[] =
	"@page{margin:0}"
	"body{margin:1.2em 1.4em;font-family:serif;line-height:1.55;color:#1b1b1b}"
	"h1{font-size:1.55em;line-height:1.25;margin:0.2em 0 0.8em;color:#13294b}"
	"h2{font-size:1.25em;line-height:1.3;margin:1.3em 0 0.5em;color:#13294b}"
	"h3,h4,h5,h6{font-size:1.08em;margin:1.1em 0 0.4em;color:#13294b}"
	"p{margin:0 0 0.75em}"
	"ul,ol{margin:0 0 0.75em;padding-left:1.6em}li{margin:0 0 0.35em}"
	"blockquote{margin:0.8em 1.4em;font-style:italic}"
	"a{color:#1f4e8c;text-decoration:none}"
	"sup{font-size:0.8em;line-height:1}sup a{font-weight:bold;color:#0b57d0}"
	"section.notes{margin-top:2em;font-size:0.86em;line-height:1.45}"
	"section.notes h2{font-size:1.2em;margin-bottom:0.9em}"
	"section.notes p{padding-left:2em;text-indent:-2em;margin:0 0 0.5em}"
	"p.seg{margin:0;padding-left:5.4em;text-indent:-5.4em}"
	"p.seg.first{margin-top:0.75em}"
	"span.ts{font-family:monospace;font-size:0.9em;color:#7a5c1e}"
	"p.from{color:#555}";

/* Escaped text; bytes that are not valid in XML (control characters) dropped. */
static void put_text(sbuf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '&')
			sbuf_put(b, "&amp;");
		else if (c == '<')
			sbuf_put(b, "&lt;");
		else if (c == '>')
			sbuf_put(b, "&gt;");
		else if (c == '"')
			sbuf_put(b, "&quot;");
		else if (c == '\n' || c == '\t')
			sbuf_put(b, " "); /* lines of one paragraph join with a space */
		else if (c >= 0x20)
			sbuf_put_n(b, (const char *)&c, 1);
	}
}

typedef struct {
	sbuf out;
	convert_result *result;
	int transcript;
	int plain;           /* plain text: no marks of any kind */
	sbuf notes;          /* footnote definitions, written at the end */
} converter;

static void add_topic(converter *cv, const char *id, size_t n)
{
	char topic[128];
	if (n == 0 || n >= sizeof topic)
		return;
	for (size_t i = 0; i < n; i++)
		topic[i] = id[i] == '_' ? ' ' : id[i];
	topic[n] = 0;
	convert_result *r = cv->result;
	if (!item_list_has(r->topics, r->topic_count, topic))
		item_list_add(&r->topics, &r->topic_count, topic);
}

static int starts(const char *s, const char *end, const char *prefix)
{
	size_t n = strlen(prefix);
	return (size_t)(end - s) >= n && memcmp(s, prefix, n) == 0;
}

/* Finds the closing marker for emphasis starting after s. */
static const char *closing(const char *s, const char *end, const char *mark)
{
	size_t n = strlen(mark);
	for (const char *p = s; p + n <= end; p++)
		if (memcmp(p, mark, n) == 0 && p > s && p[-1] != ' ')
			return p;
	return NULL;
}

static int is_url_char(char c)
{
	return c > ' ' && c != '>' && c != '<' && c != '"';
}

static void inline_text(converter *cv, const char *s, const char *end);

/* Writes one inline element starting at s if there is one; returns where it
 * ended, or NULL when s is plain text. */
static const char *inline_mark(converter *cv, const char *s, const char *end)
{
	sbuf *b = &cv->out;
	if (*s == '\\' && s + 1 < end) {
		put_text(b, s + 1, 1);
		return s + 2;
	}
	if (starts(s, end, "**") || starts(s, end, "__")) {
		char mark[3] = {s[0], s[0], 0};
		const char *e = closing(s + 2, end, mark);
		if (e) {
			sbuf_put(b, "<b>");
			inline_text(cv, s + 2, e);
			sbuf_put(b, "</b>");
			return e + 2;
		}
	}
	if ((*s == '*' || *s == '_') && s + 1 < end && s[1] != ' ') {
		char mark[2] = {s[0], 0};
		const char *e = closing(s + 1, end, mark);
		if (e && !(*s == '_' && e + 1 < end && e[1] != ' ' && e[1] != '.' && e[1] != ',')) {
			sbuf_put(b, "<i>");
			inline_text(cv, s + 1, e);
			sbuf_put(b, "</i>");
			return e + 1;
		}
	}
	if (starts(s, end, "[^")) {
		const char *e = memchr(s, ']', (size_t)(end - s));
		if (e && e - s < 12) {
			int n = (int)(e - s - 2);
			sbuf_putf(b, "<sup><a id=\"ref-%.*s\" href=\"#note-%.*s\">%.*s</a></sup>", n, s + 2, n, s + 2, n, s + 2);
			return e + 1;
		}
	}
	if (starts(s, end, "[[")) {
		const char *e = strstr(s, "]]");
		if (e && e < end) {
			const char *bar = memchr(s, '|', (size_t)(e - s));
			const char *id = s + 2, *id_end = bar ? bar : e;
			while (id_end > id && id_end[-1] == ' ')
				id_end--;
			if (bar) {
				add_topic(cv, id, (size_t)(id_end - id));
				const char *label = bar + 1;
				while (label < e && *label == ' ')
					label++;
				inline_text(cv, label, e);
			} else {
				put_text(b, id, (size_t)(id_end - id));
			}
			return e + 2;
		}
	}
	if (*s == '[') {
		const char *close = memchr(s, ']', (size_t)(end - s));
		if (close && close + 1 < end && close[1] == '(') {
			const char *paren = memchr(close, ')', (size_t)(end - close));
			if (paren) {
				sbuf_put(b, "<a href=\"");
				put_text(b, close + 2, (size_t)(paren - close - 2));
				sbuf_put(b, "\">");
				inline_text(cv, s + 1, close);
				sbuf_put(b, "</a>");
				return paren + 1;
			}
		}
	}
	if (*s == '<') {
		if (starts(s, end, "<http")) {
			const char *e = s + 1;
			while (e < end && is_url_char(*e))
				e++;
			if (e < end && *e == '>') {
				sbuf_put(b, "<a href=\"");
				put_text(b, s + 1, (size_t)(e - s - 1));
				sbuf_put(b, "\">");
				put_text(b, s + 1, (size_t)(e - s - 1));
				sbuf_put(b, "</a>");
				return e + 1;
			}
		}
		if (starts(s, end, "<br/>") || starts(s, end, "<br>") || starts(s, end, "<br />")) {
			sbuf_put(b, "<br/>");
			return (const char *)memchr(s, '>', (size_t)(end - s)) + 1;
		}
	}
	return NULL;
}

static void inline_text(converter *cv, const char *s, const char *end)
{
	if (cv->plain) {
		put_text(&cv->out, s, (size_t)(end - s));
		return;
	}
	while (s < end) {
		const char *next = inline_mark(cv, s, end);
		if (next) {
			s = next;
			continue;
		}
		/* A bare URL becomes a link too. */
		if (starts(s, end, "https://") || starts(s, end, "http://")) {
			const char *e = s;
			while (e < end && is_url_char(*e))
				e++;
			while (e > s && (e[-1] == '.' || e[-1] == ',' || e[-1] == ')'))
				e--;
			sbuf_put(&cv->out, "<a href=\"");
			put_text(&cv->out, s, (size_t)(e - s));
			sbuf_put(&cv->out, "\">");
			put_text(&cv->out, s, (size_t)(e - s));
			sbuf_put(&cv->out, "</a>");
			s = e;
			continue;
		}
		put_text(&cv->out, s, 1);
		s++;
	}
}

/* A transcript paragraph: the text before each timestamp anchor (the time
 * the speaker said it) is one row, with that time in the left column. */
static void transcript_paragraph(converter *cv, const char *s, const char *end)
{
	static const char open_anchor[] = "<a class=\"yt-timestamp\" data-t=\"";
	int first = 1;
	while (s < end) {
		const char *anchor = strstr(s, open_anchor);
		if (anchor && anchor >= end)
			anchor = NULL;
		const char *t = anchor ? anchor + strlen(open_anchor) : NULL;
		const char *close = t ? strstr(t, "</a>") : NULL;
		if (close && (close >= end || t + 8 > end || t[8] != '"'))
			t = close = NULL;
		const char *text_end = anchor ? anchor : end;
		/* The anchor stands before the sentence's closing punctuation:
		 * that punctuation belongs to this row. */
		const char *after = close ? close + 4 : end, *punct_end = after;
		while (punct_end < end && strchr(".,;:!?\"')", *punct_end))
			punct_end++;
		while (s < text_end && *s == ' ')
			s++;
		while (text_end > s && text_end[-1] == ' ')
			text_end--;
		if (s < text_end || punct_end > after) {
			/* The time and two no-break spaces: ten monospace cells at
			 * 0.9em make the 5.4em column of the hanging indent. */
			sbuf_putf(&cv->out, "<p class=\"seg%s\"><span class=\"ts\">", first ? " first" : "");
			if (close)
				put_text(&cv->out, t, 8);
			else
				sbuf_put(&cv->out, "\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0");
			sbuf_put(&cv->out, "\xc2\xa0\xc2\xa0</span>");
			inline_text(cv, s, text_end);
			inline_text(cv, after, punct_end);
			sbuf_put(&cv->out, "</p>\n");
			first = 0;
		}
		if (!close)
			break;
		cv->result->timestamps++;
		s = punct_end;
	}
}

static void paragraph(converter *cv, const char *tag, const char *s, const char *end)
{
	while (s < end && *s == ' ')
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\r'))
		end--;
	if (s == end)
		return;
	if (cv->transcript && strcmp(tag, "p") == 0 && strstr(s, "data-t=\"") && strstr(s, "data-t=\"") < end) {
		transcript_paragraph(cv, s, end);
		return;
	}
	if (cv->transcript && strcmp(tag, "blockquote") == 0 && strstr(s, "data-t=\"") && strstr(s, "data-t=\"") < end) {
		sbuf_put(&cv->out, "<blockquote>");
		transcript_paragraph(cv, s, end);
		sbuf_put(&cv->out, "</blockquote>\n");
		return;
	}
	sbuf_putf(&cv->out, "<%s>", tag);
	inline_text(cv, s, end);
	sbuf_putf(&cv->out, "</%s>\n", tag);
}

/* One source line; the caller joins paragraph lines. */
typedef struct {
	const char *s, *end;
} span;

static span next_line(const char **p, const char *end)
{
	span l = {*p, *p};
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	l.end = nl ? nl : end;
	*p = nl ? nl + 1 : end;
	if (l.end > l.s && l.end[-1] == '\r')
		l.end--;
	return l;
}

static int blank(span l)
{
	for (const char *p = l.s; p < l.end; p++)
		if (*p != ' ' && *p != '\t')
			return 0;
	return 1;
}

static int list_marker(span l, int *ordered)
{
	const char *p = l.s;
	if (l.end - p >= 2 && (p[0] == '-' || p[0] == '*' || p[0] == '+') && p[1] == ' ') {
		*ordered = 0;
		return 2;
	}
	while (p < l.end && *p >= '0' && *p <= '9')
		p++;
	if (p > l.s && p - l.s < 4 && p + 1 < l.end && (*p == '.' || *p == ')') && p[1] == ' ') {
		*ordered = 1;
		return (int)(p - l.s) + 2;
	}
	return 0;
}

static int footnote_def(span l, span *label, span *text)
{
	if (!starts(l.s, l.end, "[^"))
		return 0;
	const char *close = memchr(l.s, ']', (size_t)(l.end - l.s));
	if (!close || close + 1 >= l.end || close[1] != ':')
		return 0;
	*label = (span){l.s + 2, close};
	*text = (span){close + 2, l.end};
	return 1;
}

/* Lines that end a paragraph of plain prose. */
static int starts_block(span l)
{
	int ordered;
	span label, text;
	return blank(l) || *l.s == '#' || *l.s == '>' || list_marker(l, &ordered) || footnote_def(l, &label, &text) ||
	       starts(l.s, l.end, "---");
}

static void markdown(converter *cv, const char *p, const char *end)
{
	int list = 0; /* 0 none, 1 ul, 2 ol */
	while (p < end) {
		const char *line_start = p;
		span l = next_line(&p, end);
		int ordered = 0, marker;
		span label, text;
		if (blank(l))
			continue;
		marker = list_marker(l, &ordered);
		if (list && (!marker || (ordered ? 2 : 1) != list)) {
			sbuf_put(&cv->out, list == 2 ? "</ol>\n" : "</ul>\n");
			list = 0;
		}
		if (*l.s == '#') {
			int level = 0;
			while (l.s + level < l.end && l.s[level] == '#' && level < 6)
				level++;
			if (l.s + level < l.end && l.s[level] == ' ') {
				char tag[4];
				snprintf(tag, sizeof tag, "h%d", level);
				paragraph(cv, tag, l.s + level + 1, l.end);
				continue;
			}
		}
		if (l.end - l.s >= 3 && starts(l.s, l.end, "---") && blank((span){l.s + 3, l.end})) {
			sbuf_put(&cv->out, "<hr/>\n");
			continue;
		}
		if (marker) {
			if (!list) {
				sbuf_put(&cv->out, ordered ? "<ol>\n" : "<ul>\n");
				list = ordered ? 2 : 1;
			}
			paragraph(cv, "li", l.s + marker, l.end);
			continue;
		}
		if (footnote_def(l, &label, &text)) {
			int n = (int)(label.end - label.s);
			sbuf saved = cv->out;
			cv->out = cv->notes;
			sbuf_putf(&cv->out, "<p id=\"note-%.*s\"><a href=\"#ref-%.*s\">%.*s</a>. ", n, label.s, n, label.s, n, label.s);
			const char *ts = text.s;
			while (ts < text.end && *ts == ' ')
				ts++;
			inline_text(cv, ts, text.end);
			sbuf_put(&cv->out, "</p>\n");
			cv->notes = cv->out;
			cv->out = saved;
			continue;
		}
		/* A paragraph (or quote): this line and the prose lines after it. */
		int quote = *l.s == '>';
		const char *para_end = l.end;
		while (p < end) {
			const char *save = p;
			span next = next_line(&p, end);
			if (starts_block(next) && !(quote && *next.s == '>')) {
				p = save;
				break;
			}
			if (!quote && *next.s == '>') {
				p = save;
				break;
			}
			para_end = next.end;
		}
		if (quote) {
			/* Strip the '>' of each line by writing line by line. */
			const char *q = line_start;
			sbuf joined = {0};
			while (q < para_end) {
				span ql = next_line(&q, para_end);
				const char *s = ql.s;
				if (s < ql.end && *s == '>')
					s++;
				sbuf_put_n(&joined, s, (size_t)(ql.end - s));
				sbuf_put(&joined, " ");
			}
			if (joined.data)
				paragraph(cv, "blockquote", joined.data, joined.data + joined.len);
			free(joined.data);
		} else {
			paragraph(cv, "p", l.s, para_end);
		}
	}
	if (list)
		sbuf_put(&cv->out, list == 2 ? "</ol>\n" : "</ul>\n");
}

static void plain_text(converter *cv, const char *p, const char *end)
{
	while (p < end) {
		span l = next_line(&p, end);
		if (!blank(l))
			paragraph(cv, "p", l.s, l.end);
	}
}

/* Reads a front-matter block (--- ... ---) and returns where the body starts. */
static const char *front_matter(converter *cv, const char *p, const char *end)
{
	const char *q = p;
	span first = next_line(&q, end);
	if (first.end - first.s != 3 || !starts(first.s, first.end, "---"))
		return p;
	while (q < end) {
		span l = next_line(&q, end);
		if (l.end - l.s == 3 && starts(l.s, l.end, "---"))
			return q;
		if (starts(l.s, l.end, "title:")) {
			const char *t = l.s + 6;
			while (t < l.end && *t == ' ')
				t++;
			free(cv->result->title);
			cv->result->title = strndup(t, (size_t)(l.end - t));
		}
	}
	return p; /* not closed: not front matter */
}

int convert_handles(const char *ext)
{
	return strcmp(ext, "txt") == 0 || strcmp(ext, "md") == 0 || strcmp(ext, "markdown") == 0;
}

int convert_is_utf8(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	while (p < end) {
		int len = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : (*p >> 3) == 30 ? 4 : 0;
		if (!len || p + len > end)
			return 0;
		for (int i = 1; i < len; i++)
			if ((p[i] & 0xC0) != 0x80)
				return 0;
		p += len;
	}
	return 1;
}

int convert_to_xhtml(const char *src, size_t len, const char *ext, const char *lang,
		     convert_result *out, char err[256])
{
	memset(out, 0, sizeof *out);
	if (!convert_is_utf8(src, len)) {
		snprintf(err, 256, "the text is not UTF-8");
		return -1;
	}
	char *text = malloc(len + 1); /* NUL-terminated, for the searches below */
	if (!text) {
		snprintf(err, 256, "out of memory");
		return -1;
	}
	memcpy(text, src, len);
	text[len] = 0;
	src = text;
	converter cv = {.result = out};
	const char *p = src, *end = src + len;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3; /* byte-order mark */
	int md = strcmp(ext, "txt") != 0;
	cv.plain = !md;
	if (md) {
		p = front_matter(&cv, p, end);
		cv.transcript = p != src && strstr(p, "class=\"yt-timestamp\"") != NULL;
	}
	sbuf_put(&cv.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"");
	if (lang && lang[0]) {
		sbuf_put(&cv.out, " lang=\"");
		put_text(&cv.out, lang, strlen(lang));
		sbuf_put(&cv.out, "\"");
	}
	sbuf_put(&cv.out, "><head><meta charset=\"UTF-8\"/><title>");
	if (out->title)
		put_text(&cv.out, out->title, strlen(out->title));
	sbuf_put(&cv.out, "</title><style>");
	sbuf_put(&cv.out, css);
	sbuf_put(&cv.out, "</style></head>\n<body>\n");
	if (cv.transcript && out->title) {
		sbuf_put(&cv.out, "<h1>");
		put_text(&cv.out, out->title, strlen(out->title));
		sbuf_put(&cv.out, "</h1>\n");
	}
	if (md)
		markdown(&cv, p, end);
	else
		plain_text(&cv, p, end);
	if (cv.notes.len) {
		sbuf_put(&cv.out, "<section class=\"notes\"><h2>Notes</h2>\n");
		sbuf_put_n(&cv.out, cv.notes.data, cv.notes.len);
		sbuf_put(&cv.out, "</section>\n");
	}
	sbuf_put(&cv.out, "</body></html>\n");
	free(cv.notes.data);
	free(text);
	if (cv.out.oom || cv.notes.oom) {
		free(cv.out.data);
		convert_result_free(out);
		snprintf(err, 256, "out of memory");
		return -1;
	}
	out->xhtml = cv.out.data;
	out->len = cv.out.len;
	return 0;
}

void convert_result_free(convert_result *r)
{
	free(r->xhtml);
	free(r->title);
	for (int i = 0; i < r->topic_count; i++)
		free(r->topics[i]);
	free(r->topics);
	memset(r, 0, sizeof *r);
}
