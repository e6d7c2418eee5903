/* Making a bundle, for the archivist: from a folder of documents and a
 * metadata table (items.csv, one row per item, as any spreadsheet saves it,
 * or items.ods / items.xlsx read with LibreOffice) to a bundle folder that
 * only needs signing. Every row and every file is checked in one pass, and
 * the bundle is made only when all is well. See README "Preparing a USB
 * stick" for the columns. */
#ifndef HISHATAK_BUNDLE_MAKE_H
#define HISHATAK_BUNDLE_MAKE_H

#include "core/findings.h"
#include "core/history.h"
#include "core/manifest.h"
#include <stddef.h>
#include <stdio.h>

typedef struct {
	const char *source;    /* the folder with items.csv and the documents */
	const char *out;       /* the folder where the bundle folders are kept */
	const char *archive;   /* the archive's id */
	long long sequence;    /* 0: one more than the highest bundle in out */
	int snapshot;          /* the bundle lists the whole archive */
	char *const *trust;    /* key lines of minisign keys to trust from now on */
	int trust_count;
	char *const *retire;   /* ... and to retire */
	int retire_count;
} bundle_make_options;

/* What bundle_make found and did, for the archivist. */
typedef struct {
	findings found;        /* problems (any: nothing made), warnings, notes, changes */
	char **key_ids;        /* the keys the earlier bundles leave trusted (history.h) */
	int key_count;
	int earlier_bundles;   /* how many earlier bundles of the archive out holds */
} bundle_make_report;

void bundle_make_report_free(bundle_make_report *r);

/* Called as each document is copied and checked. */
typedef void (*bundle_make_progress)(void *ctx, const char *id, int done, int total);

/* Writes OUT/ARCHIVE-SEQUENCE/ with bundle.json and files/ (the documents
 * renamed ID.EXT, each checked to open). Its path goes to made. Returns 0
 * when made; -1 when report holds problems, and then nothing is left. */
int bundle_make(const bundle_make_options *o, bundle_make_progress progress, void *ctx, char made[4096],
		bundle_make_report *report);

#endif
