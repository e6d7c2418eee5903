/* Text formats converted at import to XHTML that MuPDF lays out: plain text
 * (one paragraph per line or per blank-line-separated block), Markdown
 * (headings, paragraphs, lists, quotes, emphasis, links, footnotes), and
 * transcripts (Markdown with a front-matter block and yt-timestamp anchors,
 * whose times are set in a column beside the text). */
#ifndef HISHATAK_CONVERT_H
#define HISHATAK_CONVERT_H

#include <stddef.h>

typedef struct {
	char *xhtml;         /* the document, UTF-8 */
	size_t len;
	char *title;         /* from the front matter, or NULL */
	char **topics;       /* transcript topic links ([[topic_id | label]]) */
	int topic_count;
	int timestamps;      /* how many timestamp anchors it had */
} convert_result;

/* True when s[0..n) is well-formed UTF-8. */
int convert_is_utf8(const char *s, size_t n);

/* True for the extensions convert handles: txt, md, markdown. */
int convert_handles(const char *ext);

/* Converts src (UTF-8) to XHTML. lang is the document's language tag for
 * the html element ("" when unknown). Fills out; the caller frees it with
 * convert_result_free. */
int convert_to_xhtml(const char *src, size_t len, const char *ext, const char *lang,
		     convert_result *out, char err[256]);
void convert_result_free(convert_result *r);

#endif
