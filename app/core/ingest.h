/* Taking one document into the archive: text formats converted to XHTML,
 * the file (and its conversion) put in the store, the document opened with
 * MuPDF (one that cannot be opened is refused), its passages extracted, and
 * the item written to the catalogue. Shared by `hishatak add` and bundles. */
#ifndef HISHATAK_INGEST_H
#define HISHATAK_INGEST_H

#include "core/catalog.h"
#include "core/item.h"
#include "core/store.h"

/* The layout at which the catalogue counts a reflowable document's pages
 * (a full-HD screen): what `list` and `search` report. */
#define INGEST_REFERENCE_W 1920
#define INGEST_REFERENCE_H 1080

/* Ingests the open file fd (its name says its type, and is how messages call
 * it) for the item meta (its id, kind, titles ...). expected_size < 0 and
 * expected_sha256 "" or NULL skip those checks. Must run inside a catalogue
 * transaction; on failure nothing is written to the catalogue (files already
 * stored stay unreferenced until data_collect_garbage). */
int ingest_item(catalog *c, store *s, item *meta, int fd, const char *name,
		long long expected_size, const char *expected_sha256, char err[256]);

#endif
