/* bundle.json: the manifest of an update bundle (see README "Update bundles"
 * and the bundle format spec). Parsed strictly with SQLite's JSON functions;
 * every rule of the format is checked here, except those that need the
 * catalogue (sequence order, updates of existing items) or the files. */
#ifndef HISHATAK_MANIFEST_H
#define HISHATAK_MANIFEST_H

#include "core/guide.h"
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

/* A content note for a passage of a recording (its "warnings_at"): the
 * player pauses before start and offers to skip to end. */
typedef struct {
	long long start_ms, end_ms;
	char *warning;
	item_text *warnings;     /* its translations */
	int warning_count;
} manifest_note;

/* The optional fields an update clears: given as null (or "", [], {}) in
 * bundle.json. A field left out keeps its value (manifest_merge). */
enum {
	MANIFEST_CLEAR_TITLES = 1 << 0, MANIFEST_CLEAR_DATE = 1 << 1, MANIFEST_CLEAR_AUTHORS = 1 << 2,
	MANIFEST_CLEAR_LANGUAGE = 1 << 3, MANIFEST_CLEAR_TOPICS = 1 << 4, MANIFEST_CLEAR_SUMMARY = 1 << 5,
	MANIFEST_CLEAR_SOURCE = 1 << 6, MANIFEST_CLEAR_WARNING = 1 << 7, MANIFEST_CLEAR_WARNINGS = 1 << 8,
	MANIFEST_CLEAR_CURATOR_NOTE = 1 << 9, MANIFEST_CLEAR_SUMMARIES = 1 << 10, MANIFEST_CLEAR_SOURCES = 1 << 11,
};

typedef struct {
	item meta;          /* id, kind, titles, date ... (document fields unset) */
	unsigned cleared;   /* MANIFEST_CLEAR_* */
	char *file;         /* path relative to the bundle folder, or NULL */
	long long size;     /* -1 when not given */
	char sha256[65];    /* "" when not given */
	int withdraw;
	char *reason;       /* why it was withdrawn, or NULL */
	manifest_track *transcripts; /* a recording's, or NULL */
	int transcript_count;
	manifest_track *segments;   /* a recording's index ("segments"; no language), or NULL */
	manifest_note *notes;       /* a recording's "warnings_at" */
	int note_count;
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
	guide guide;        /* "about", "topics", "collections" (guide.h) */
} manifest;

/* Parses and checks a manifest (len bytes of text, no NUL needed). NULL with the reason in err when refused. */
manifest *manifest_parse(const char *json, size_t len, char err[256]);
void manifest_free(manifest *m);

/* Applies an entry's metadata to an item as a kiosk does: into holds the
 * item as it was (zeroed for a new one); the fields the entry gives replace
 * its own, the fields it clears are emptied, the rest keep their value.
 * Copies what it takes; the document fields are left alone. */
void manifest_merge(item *into, const manifest_entry *e);

/* Frees an entry's segments and notes (manifest_free does). */
void manifest_free_recording_extras(manifest_entry *e);

/* Writes m as bundle.json text (the fields of the format, indented). */
void manifest_write(FILE *f, const manifest *m);

/* Segments of A-Z a-z 0-9 . _ - separated by '/', no '.' or '..', no leading '/'. */
int manifest_path_is_valid(const char *path);

#endif
