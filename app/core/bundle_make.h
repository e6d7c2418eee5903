/* Making a bundle, for the archivist: from a folder of documents and a
 * metadata table (items.csv, one row per item, as any spreadsheet saves it)
 * to a bundle folder that only needs signing. See README "Preparing a USB
 * stick" for the columns. */
#ifndef HISHATAK_BUNDLE_MAKE_H
#define HISHATAK_BUNDLE_MAKE_H

#include "core/manifest.h"
#include <stddef.h>

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

/* Called as each document is copied and checked. */
typedef void (*bundle_make_progress)(void *ctx, const char *id, int done, int total);

/* Writes OUT/ARCHIVE-SEQUENCE/ with bundle.json and files/ (the documents
 * renamed ID.EXT, each checked to open). Its path goes to made. On failure
 * nothing is left behind and err says which row or file is wrong. */
int bundle_make(const bundle_make_options *o, bundle_make_progress progress, void *ctx,
		char made[4096], char err[512]);

/* The metadata table (items.csv's text) read and checked as entries of a
 * manifest (files still the source folder's paths): all bundle_make checks
 * before it touches a file. NULL with err when refused. */
manifest *bundle_table_parse(const char *text, size_t len, char err[512]);

#endif
