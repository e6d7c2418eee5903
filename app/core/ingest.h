/* Taking one document into the archive: text formats converted to XHTML,
 * the file (and its conversion) put in the store, the document opened with
 * MuPDF (one that cannot be opened is refused), its passages extracted, and
 * the item written to the catalogue. Shared by `hishatak add` and bundles. */
#ifndef HISHATAK_INGEST_H
#define HISHATAK_INGEST_H

#include "core/catalog.h"
#include "core/item.h"
#include "core/media.h"
#include "core/store.h"

/* The layout at which the catalogue counts a reflowable document's pages
 * (a full-HD screen): what `list` and `search` report. */
#define INGEST_REFERENCE_W 1920
#define INGEST_REFERENCE_H 1080

/* What the catalogue keeps of a document MuPDF has read: its pages at the
 * reference layout, whether it reflows, and its passages (doc_passages). */
typedef struct {
	int pages, reflowable, count;
	char **passages;
} ingest_facts;

void ingest_facts_free(ingest_facts *f);

/* Who reads documents for an import: read opens the stored file at path as
 * format and fills facts (0), or gives the reason it cannot be read (-1, a
 * phrase such as "takes longer than 60 s to read"). Documents come from
 * sticks and MuPDF is large, so the kiosk and the command line read them
 * in a worker process (render_reader_open, in app/render/). */
typedef struct {
	int (*read)(void *ctx, const char *path, const char *format, ingest_facts *facts, char err[256]);
	void *ctx;
	/* Recordings: the media program's answer for the stored file at path
	 * (media_probe_file, media_client.h) (NULL: recordings are refused). */
	int (*probe)(void *ctx, const char *path, const char *name, media_facts *f, unsigned char **png, size_t *png_len,
		     char err[256]);
} ingest_reader;

typedef struct doc_cancel doc_cancel; /* see doc.h */

/* MuPDF reads the document here, in the calling process: opens it, lays it
 * out, counts its pages and takes its passages, its pages run with cancel
 * (doc_set_cancel; NULL: the doc's own). For the worker that reads them
 * (free facts with ingest_facts_free). */
int ingest_read_here(const char *path, const char *format, doc_cancel *cancel, ingest_facts *facts, char err[256]);

/* Ingests the open file fd (its name says its type, and is how messages call
 * it) for the item meta (its id, kind, titles ...). expected_size < 0 and
 * expected_sha256 "" or NULL skip those checks. Must run inside a catalogue
 * transaction; on failure nothing is written to the catalogue (files already
 * stored stay unreferenced until data_collect_garbage). The document is
 * read by reader. A document mended on the way (epub.h) is taken mended,
 * and repaired says what was mended ("" when nothing was). */
int ingest_item(catalog *c, store *s, const ingest_reader *reader, item *meta, int fd, const char *name,
		long long expected_size, const char *expected_sha256, char repaired[256], char err[256]);

#endif
