/* The catalogue: a SQLite file (DATA/catalog.db) with the items, their
 * translated titles, authors, topics, the text of every passage of every
 * document, and an FTS5 index over all of it. WAL, synchronous=FULL, foreign
 * keys on; the schema grows by numbered migrations (PRAGMA user_version).
 * One connection per thread. */
#ifndef HISHATAK_CATALOG_H
#define HISHATAK_CATALOG_H

#include "core/item.h"

typedef struct catalog catalog;

#define CATALOG_VERSION 14

/* Opens (creating if needed) and migrates to CATALOG_VERSION. */
catalog *catalog_open(const char *path, char err[256]);
/* The same, migrating only up to version (for tests of the migrations). */
catalog *catalog_open_at(const char *path, int version, char err[256]);
/* Opens an existing catalogue read-only, without migrating. */
catalog *catalog_open_readonly(const char *path, char err[256]);
void catalog_close(catalog *c);
int catalog_version(catalog *c);
const char *catalog_error(catalog *c);

/* Writes go inside one transaction. */
/* Makes the query running on c (in another thread) stop with an error
 * saying "interrupted"; safe to call from any thread. */
void catalog_interrupt(catalog *c);

int catalog_begin(catalog *c);
/* The same, but 1 at once, with no transaction, when another connection
 * is writing (an import): for a thread that must not wait. */
int catalog_try_begin(catalog *c);
int catalog_commit(catalog *c);
void catalog_rollback(catalog *c);

/* Settings (archive id, last applied sequence, ...). get returns a malloc'ed
 * copy or NULL (not there, or not readable). */
int catalog_set(catalog *c, const char *key, const char *value);
char *catalog_get_setting(catalog *c, const char *key);
/* The same, telling absence from failure: 0 found (*value malloc'ed), 1 no
 * such row, -1 it could not be read (catalog_error says why). */
int catalog_find_setting(catalog *c, const char *key, char **value);

/* The minisign public keys bundles must be signed with, each kept as the
 * key line of its .pub file and known by its key id (16 hex digits).
 * trust refuses (-1) a key other than the one already trusted under its
 * id; retire returns 1 when the key was not trusted. */
int catalog_trust_key(catalog *c, const char *key_id, const char *key_line);
int catalog_retire_key(catalog *c, const char *key_id);
int catalog_trusted_keys(catalog *c, char ***key_lines, int *count);

/* Inserts the item, or replaces the one with the same id, with the text of
 * each of its passages (reading units that survive re-layout: a page of a
 * fixed-layout document, a paragraph of a reflowable one). */
int catalog_put(catalog *c, const item *it, char *const *passages, int passage_count);

/* Removes an item from the archive (the import log keeps why); 1 when there
 * is no such item. Its files go with catalog_drop_unused_files. */
int catalog_withdraw(catalog *c, const char *id, const char *reason);

/* Forgets files no item refers to any more; the store removes them after
 * the commit (data_collect_garbage). */
int catalog_drop_unused_files(catalog *c);

/* True when an item refers to the stored file. */
int catalog_has_file(catalog *c, const char *sha256);

/* One line of the import log. */
typedef struct {
	char time[24];          /* UTC, filled by catalog_log_add */
	char source[256];       /* the bundle folder */
	long long sequence;
	char signer[256];       /* the signature's trusted comment */
	char result[16];        /* applied, already, refused */
	int added, changed, withdrawn;
	char reason[512];       /* why refused, or what was withdrawn and why */
} catalog_log_entry;

/* An applied row also keeps the archive id (from the settings, in the same
 * transaction): repair finds the archive's identity there again. */
int catalog_log_add(catalog *c, const catalog_log_entry *e);
/* Forgets the lines older than the newest keep, but for those of bundles
 * applied (the archive's history, one a sequence), inside the caller's
 * transaction: no stick can fill the log. */
int catalog_log_prune(catalog *c, int keep);
/* The newest entries first (caller frees). */
int catalog_log_list(catalog *c, int limit, catalog_log_entry **out, int *count);

/* Reads one visible item (caller item_clear()s it); 1 when not found. */
int catalog_get(catalog *c, const char *id, item *out);

/* The visible items, newest date first (caller frees with catalog_free_items). */
int catalog_list(catalog *c, item **out, int *count);
/* The same without summaries and sources (catalog_get has them): what the
 * kiosk keeps of every item, in a tenth of the time and memory. */
int catalog_list_shown(catalog *c, item **out, int *count);
/* The limit items that came into the archive last, newest first, as
 * catalog_list_shown has them: what Home shows before the whole list is read. */
int catalog_recent(catalog *c, int limit, item **out, int *count);
/* How many visible items of each kind. */
int catalog_count_kinds(catalog *c, int counts[KIND_COUNT]);
void catalog_free_items(item *items, int count);

/* The texts of an item's passages, in order (caller frees each and the array). */
int catalog_passages(catalog *c, const char *id, char ***out, int *count);

/* Where a result matched, and the word there: "title" (the item's own),
 * "titles" (a translated title), "authors", "topics", "summary", "text"
 * (a passage), "transcript" (a transcript's passage). */
typedef struct {
	char field[12];
	char form[64];      /* as it stands there: maybe another script */
} catalog_match;

typedef struct {
	char id[65];
	double score;       /* bm25: lower is better */
	int *passages;      /* matching passage numbers (from 0), ascending; for
			     * catalog_search, those among the best-ranked */
	int passage_count;
	int in_metadata;    /* title, authors, topics or summary matched */
	char *snippet;      /* matching text with the match between [ and ] */
	int folded;         /* found only through the folded index: another
			     * script, another form of a word, another name */
	catalog_match matched[6]; /* catalog_search: in its best passage */
	int match_count;
	char corrected[128]; /* catalog_search, when the query as typed found
			      * nothing: what was searched for instead (a
			      * word taken for the nearest in the index) */
} catalog_hit;

/* A query starting with this is searched as typed, never corrected. */
#define CATALOG_AS_TYPED '='

/* Replaces the archive's thesaurus: count names, names[i] of the thing
 * numbered set_of[i] (names of one set are searched as one). Inside a
 * transaction. */
int catalog_set_names(catalog *c, char *const *names, const int *set_of, int count);

/* Full-text search, best first, at most limit items (0: all); every word
 * of query is matched as a prefix, case and diacritics ignored. A query
 * that matches more passages than SQLite can rank within a keystroke is
 * ranked among its newest matches and its title matches. Then, ranked
 * below them all, what the folded index finds (fold.h): the words in other scripts
 * and other forms, and the other names of a name in the thesaurus. When
 * nothing is found, a word that is in no passage is taken for the nearest
 * word of the index (hits[].corrected says so), unless the query starts
 * with CATALOG_AS_TYPED. */
int catalog_search(catalog *c, const char *query, int limit, catalog_hit **out, int *count);
/* False when query has no word of two letters or more: one letter alone
 * is not searched (it waits for the next). */
int catalog_searchable(const char *query);
void catalog_free_hits(catalog_hit *hits, int count);

/* The passages of one item where every word of query occurs (as a prefix),
 * in reading order: one hit each, with its passage number and snippet;
 * when there are none, those the folded index finds (folded, matched). */
int catalog_search_within(catalog *c, const char *id, const char *query, int limit, catalog_hit **out, int *count);

/* Makes the folded index again from the search index, in one transaction
 * (make bench times it). */
int catalog_rebuild_folded(catalog *c);

/* Calls fn for every stored file the catalogue refers to. */
int catalog_each_file(catalog *c, int (*fn)(const char *sha256, long long size, void *ctx), void *ctx);

/* SQLite's own integrity and foreign-key checks; 0 when whole, else the
 * first problem in err. */
int catalog_check(catalog *c, char err[256]);

/* SQLite's quick check (the pages, not the indexes' contents): fast enough
 * to run at start in the background. 0 when whole, else what is wrong. */
int catalog_quick_check(catalog *c, char err[256]);

/* 0 when the catalogue knows its archive id and the last sequence applied
 * (none is needed before the first bundle), else what is missing: without
 * them every bundle would be refused, or an old one taken again. */
int catalog_check_identity(catalog *c, char err[256]);

/* Where repair found a part of the archive's identity. */
enum { REPAIR_KEPT, REPAIR_FROM_LOG, REPAIR_LOST, REPAIR_FROM_FIRST, REPAIR_NONE_APPLIED };

typedef struct {
	long long rows;          /* rows saved */
	int damaged_places;      /* where damaged pages were skipped */
	int items_before, items_after;
	char kept[4300];         /* where the damaged file was moved */
	char archive[65];        /* the archive id, "" when lost */
	int archive_how;         /* REPAIR_KEPT, _FROM_LOG or _LOST */
	long long last_sequence; /* as kept or found in the log; with _FROM_FIRST, the one it was */
	int sequence_how;        /* REPAIR_KEPT, _FROM_LOG, _FROM_FIRST (items lost: bundles
				  * are taken again from the first) or _NONE_APPLIED */
	int settings_damaged;    /* the settings' rows were on a damaged page */
	int pin_lost;            /* ... and the staff PIN's hash is not among those saved */
	int log_damaged;         /* the import log lost rows */
	int keys_damaged, keys_left;    /* the trusted keys: damaged, how many are left */
} catalog_repair_report;

/* Makes a new catalogue of all that can still be read from the one at path
 * (which must be closed everywhere): every readable row, then a new search
 * index. The damaged file is kept beside it (r->kept). The archive id and
 * the last sequence, when their rows are lost, come back from the import
 * log. When items were lost the bundles are taken again from the first, so
 * that importing the sticks brings them back. r says what was lost. */
int catalog_repair(const char *path, catalog_repair_report *r, char err[256]);

#endif
