/* Ingesting a document: see ingest.h. */
#include "core/ingest.h"
#include "core/convert.h"
#include "core/doc.h"
#include "core/epub.h"
#include "core/files.h"
#include "core/recording.h"
#include "core/subtitles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TEXT_SIZE (64u << 20)

void ingest_facts_free(ingest_facts *f)
{
	for (int i = 0; i < f->count; i++)
		free(f->passages[i]);
	free(f->passages);
	memset(f, 0, sizeof *f);
}

int ingest_read_here(const char *path, const char *format, doc_cancel *cancel, ingest_facts *f, char err[256])
{
	float w, h, em;
	memset(f, 0, sizeof *f);
	doc *d = doc_open(path, format, err);
	if (!d)
		return -1;
	if (cancel)
		doc_set_cancel(d, cancel);
	int rc = -1;
	if (doc_passages(d, &f->passages, &f->count, err) != 0)
		goto done;
	f->reflowable = doc_is_reflowable(d);
	doc_layout_for_screen(INGEST_REFERENCE_W, INGEST_REFERENCE_H, 1.0f, &w, &h, &em);
	if (doc_layout(d, w, h, em, err) != 0 || (f->pages = doc_page_count(d, err)) < 1) {
		if (f->pages == 0)
			snprintf(err, 256, "has no pages");
		goto done;
	}
	rc = 0;
done:
	if (rc != 0)
		ingest_facts_free(f);
	doc_close(d);
	return rc;
}

/* A WebVTT or SRT transcript without its recording: read with its times. */
static int convert_subtitles(const char *text, size_t size, const char *ext, const item *meta, convert_result *conv,
			     char err[256])
{
	subtitles subs;
	memset(conv, 0, sizeof *conv);
	if (subtitles_parse(text, size, ext, &subs, err) != 0)
		return -1;
	conv->xhtml = subtitles_to_xhtml(&subs, meta->title, meta->language, &conv->len);
	conv->timestamps = subs.count;
	subtitles_free(&subs);
	if (!conv->xhtml) {
		snprintf(err, 256, "out of memory");
		return -1;
	}
	return 0;
}

/* Converts a text file and stores the conversion; topics found in it join
 * the item's. */
static int convert_text(store *s, item *meta, const char *path, const char *ext, const char *name, char err[256])
{
	char why[256];
	size_t size;
	char *text = files_read(path, MAX_TEXT_SIZE, &size, why);
	convert_result conv;
	if (!text) {
		snprintf(err, 256, "file %s: %s", name, why);
		return -1;
	}
	int rc = subtitles_handles(ext) ? convert_subtitles(text, size, ext, meta, &conv, why)
					: convert_to_xhtml(text, size, ext, meta->language, &conv, why);
	free(text);
	if (rc != 0) {
		snprintf(err, 256, "file %s: %s", name, why);
		return -1;
	}
	for (int i = 0; i < conv.topic_count; i++)
		if (!item_list_has(meta->topics, meta->topic_count, conv.topics[i]))
			item_list_add(&meta->topics, &meta->topic_count, conv.topics[i]);
	rc = store_put_buffer(s, conv.xhtml, conv.len, meta->doc_sha256, err);
	meta->doc_size = (long long)conv.len;
	convert_result_free(&conv);
	snprintf(meta->format, sizeof meta->format, "xhtml");
	return rc;
}

/* An EPUB with a fault epub.c mends: the mended copy is stored beside the
 * original, and is what MuPDF opens; the catalogue keeps the original's
 * hash as the file delivered. */
static int repair_epub(store *s, item *meta, const char *stored, const char *name, char repaired[256], char err[256])
{
	unsigned char *copy;
	size_t len;
	char why[256];
	int rc = epub_repair(stored, &copy, &len, repaired, why);
	if (rc <= 0) /* nothing to mend, or not a zip: MuPDF says what is wrong */
		return 0;
	rc = store_put_buffer(s, copy, len, meta->doc_sha256, why);
	free(copy);
	if (rc != 0) {
		snprintf(err, 256, "file %s: %s", name, why);
		return -1;
	}
	meta->doc_size = (long long)len;
	return 0;
}

int ingest_item(catalog *c, store *s, const ingest_reader *reader, item *meta, int fd, const char *name,
		long long expected_size, const char *expected_sha256, char repaired[256], char err[256])
{
	char ext[16], why[256], stored[4096];
	repaired[0] = 0;
	files_extension(name, ext);
	const char *format = doc_format_for_extension(ext);
	if (media_handles(ext))
		return recording_ingest(c, s, reader, meta, fd, name, expected_size, expected_sha256, NULL, 0, NULL, err);
	if (!format && !convert_handles(ext) && !subtitles_handles(ext)) {
		snprintf(err, 256, "file %s: Hishatak cannot show .%s files", name, ext[0] ? ext : "(no extension)");
		return -1;
	}
	if (store_put_fd(s, fd, name, expected_size, meta->sha256, &meta->size, why) != 0) {
		snprintf(err, 256, "file %s", why);
		return -1;
	}
	if (expected_size >= 0 && meta->size != expected_size) {
		snprintf(err, 256, "file %s: size is %lld bytes, bundle.json says %lld", name, meta->size, expected_size);
		return -1;
	}
	if (expected_sha256 && expected_sha256[0] && strcmp(meta->sha256, expected_sha256) != 0) {
		snprintf(err, 256, "file %s: SHA-256 does not match", name);
		return -1;
	}
	/* From here on only the stored copy is read: the source may change. */
	if (format) {
		snprintf(meta->format, sizeof meta->format, "%s", format);
		snprintf(meta->doc_sha256, sizeof meta->doc_sha256, "%s", meta->sha256);
		meta->doc_size = meta->size;
		store_path(s, meta->sha256, stored);
		if (strcmp(format, "epub") == 0 && repair_epub(s, meta, stored, name, repaired, err) != 0)
			return -1;
	} else {
		store_path(s, meta->sha256, stored);
		if (convert_text(s, meta, stored, ext, name, err) != 0)
			return -1;
	}
	store_path(s, meta->doc_sha256, stored);
	ingest_facts facts;
	if (reader->read(reader->ctx, stored, meta->format, &facts, why) != 0) {
		snprintf(err, 256, "file %s: %s", name, why);
		return -1;
	}
	meta->reflowable = facts.reflowable;
	meta->pages = facts.pages;
	int rc = 0;
	if (catalog_put(c, meta, facts.passages, facts.count) != 0) {
		snprintf(err, 256, "%s", catalog_error(c));
		rc = -1;
	}
	ingest_facts_free(&facts);
	return rc;
}
