/* bundle.json: the manifest of an update bundle (see README "Update bundles"
 * and the bundle format spec). Parsed strictly with SQLite's JSON functions;
 * every rule of the format is checked here, except those that need the
 * catalogue (sequence order, updates of existing items) or the files. */
#ifndef HISHATAK_MANIFEST_H
#define HISHATAK_MANIFEST_H

#include "core/item.h"
#include "core/names.h"
#include <stddef.h>
#include <stdio.h>

#define MANIFEST_FORMAT   "hishatak-bundle/1"
#define MANIFEST_MAX_SIZE (64u << 20)

/* A recording's transcript (its "transcripts"): the first the original,
 * the others translations timed the same. */
typedef struct {
	char language[36];
	char *file;
	long long size;
	char sha256[65];
} manifest_track;

typedef struct {
	item meta;          /* id, kind, titles, date ... (document fields unset) */
	char *file;         /* path relative to the bundle folder, or NULL */
	long long size;     /* -1 when not given */
	char sha256[65];    /* "" when not given */
	int withdraw;
	char *reason;       /* why it was withdrawn, or NULL */
	manifest_track *transcripts; /* a recording's, or NULL */
	int transcript_count;
} manifest_entry;

typedef struct {
	char archive[65];
	long long sequence;
	char created[40];
	int snapshot;
	manifest_entry *entries;
	int count;
	/* Extension "keys": {"trust": [KEY], "retire": [KEY]}, each KEY the key
	 * line of a minisign .pub file: key rotation by a trusted signer. */
	char **trust, **retire;
	int trust_count, retire_count;
	names_list names;   /* "names": the thesaurus (names.h) */
} manifest;

/* Parses and checks a manifest (len bytes of text, no NUL needed). NULL with the reason in err when refused. */
manifest *manifest_parse(const char *json, size_t len, char err[256]);
void manifest_free(manifest *m);

/* Writes m as bundle.json text (the fields of the format, indented). */
void manifest_write(FILE *f, const manifest *m);

/* Segments of A-Z a-z 0-9 . _ - separated by '/', no '.' or '..', no leading '/'. */
int manifest_path_is_valid(const char *path);

#endif
