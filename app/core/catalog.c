/* The catalogue: see catalog.h. Every statement is prepared with bound
 * parameters; every write runs inside a transaction the caller opens. */
#include "core/catalog.h"
#include "core/catalog_recordings.h"
#include "core/catalog_db.h"
#include "core/catalog_terms.h"
#include "core/expand.h"
#include "core/fold.h"
#include "core/snippet.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct catalog {
	sqlite3 *db;
	char error[256];
	fold *fold;          /* the folded index's words, and the query's */
	terms_tokenizers *tokenizers; /* the indexes' own, for search_terms */
};

/* Migration N takes the schema from version N-1 to N. Never edit one that has
 * shipped: add the next. */
static const char *migrations[CATALOG_VERSION] = {
	/* 1: items, their lists, their files and the text of their passages. */
	"CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE files(sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL);"
	"CREATE TABLE items("
	"  item_no INTEGER PRIMARY KEY,"
	"  id TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('report','testimony','transcript','article','photo','other')),"
	"  title TEXT NOT NULL,"
	"  date TEXT,"                       /* YYYY[-MM[-DD]]: sorts as text */
	"  language TEXT, summary TEXT, source TEXT, warning TEXT,"
	"  file_sha256 TEXT NOT NULL REFERENCES files(sha256),"
	"  doc_sha256 TEXT NOT NULL REFERENCES files(sha256),"
	"  format TEXT NOT NULL, pages INTEGER NOT NULL, reflowable INTEGER NOT NULL,"
	"  added TEXT NOT NULL,"
	"  withdrawn INTEGER NOT NULL DEFAULT 0, withdraw_reason TEXT);"
	"CREATE INDEX items_by_date ON items(withdrawn, date);"
	"CREATE TABLE item_titles(item INTEGER NOT NULL REFERENCES items ON DELETE CASCADE,"
	"  lang TEXT NOT NULL, title TEXT NOT NULL, PRIMARY KEY(item, lang));"
	"CREATE TABLE item_warnings(item INTEGER NOT NULL REFERENCES items ON DELETE CASCADE,"
	"  lang TEXT NOT NULL, warning TEXT NOT NULL, PRIMARY KEY(item, lang));"
	"CREATE TABLE item_authors(item INTEGER NOT NULL REFERENCES items ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY(item, pos));"
	"CREATE TABLE item_topics(item INTEGER NOT NULL REFERENCES items ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL, topic TEXT NOT NULL, PRIMARY KEY(item, pos));"
	"CREATE INDEX topics_by_name ON item_topics(topic);"
	"CREATE TABLE passages(passage_no INTEGER PRIMARY KEY,"
	"  item INTEGER NOT NULL REFERENCES items ON DELETE CASCADE,"
	"  seq INTEGER NOT NULL, text TEXT NOT NULL, UNIQUE(item, seq));",

	/* 2: full-text search. One row per passage (rowid = passage_no); the
	 * metadata of an item is indexed in an extra passage numbered -1.
	 * unicode61 folds case in Latin, Cyrillic and Armenian alike and
	 * remove_diacritics 2 folds accents; prefix indexes make as-you-type fast. */
	"CREATE VIRTUAL TABLE search USING fts5(title, authors, topics, summary, body,"
	"  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');"
	"INSERT OR IGNORE INTO passages(item, seq, text) SELECT item_no, -1, '' FROM items;",

	/* 3: the import log, for staff: every bundle seen, applied or not. */
	"CREATE TABLE import_log(entry_no INTEGER PRIMARY KEY, time TEXT NOT NULL, source TEXT NOT NULL,"
	"  sequence INTEGER, signer TEXT, result TEXT NOT NULL, added INTEGER NOT NULL DEFAULT 0,"
	"  changed INTEGER NOT NULL DEFAULT 0, withdrawn INTEGER NOT NULL DEFAULT 0, reason TEXT);"
	"DELETE FROM items WHERE withdrawn = 1;",

	/* 4: trusted keys in the catalogue, so that a bundle changes them in its
	 * own transaction (key rotation). */
	"CREATE TABLE trusted_keys(key_id TEXT PRIMARY KEY, key_line TEXT NOT NULL);",

	/* 5: the count of each kind without reading every item (Home's first
	 * frame, before the kiosk has read the whole list). */
	"CREATE INDEX items_by_kind ON items(withdrawn, kind);",

	/* 6: search from any script. search_folded holds each row of search
	 * folded (fold.h: romanized, and stems): Armenian, Cyrillic and Latin
	 * spellings meet there, and its words (search_words) are what a typing
	 * mistake is looked up in. Contentless: its text is search's, folded
	 * again when a row is taken out (fold_version says by what). names:
	 * the archive's thesaurus, each set the names of one thing. The rows
	 * are made after this (migrate). */
	"CREATE VIRTUAL TABLE search_folded USING fts5(title, authors, topics, summary, body,"
	"  tokenize = 'unicode61', prefix = '2 3', content = '');"
	"CREATE VIRTUAL TABLE search_words USING fts5vocab(search_folded, 'row');"
	"CREATE TABLE names(name_no INTEGER PRIMARY KEY, name_set INTEGER NOT NULL, name TEXT NOT NULL);",

	/* 7: recordings. What a recording file is (keyed by its SHA-256, so an
	 * update of metadata alone keeps it), its transcripts (stored files,
	 * the first the original) and the time of each of its item's passages
	 * (a transcript's cue each). The poster is the item's doc_sha256. */
	"CREATE TABLE recordings(sha256 TEXT PRIMARY KEY, duration_ms INTEGER NOT NULL,"
	"  video INTEGER NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL,"
	"  container TEXT NOT NULL, video_codec TEXT, audio_codec TEXT);"
	"CREATE TABLE recording_tracks(recording TEXT NOT NULL REFERENCES recordings ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL, lang TEXT NOT NULL, file_sha256 TEXT NOT NULL, format TEXT NOT NULL,"
	"  PRIMARY KEY(recording, pos));"
	"CREATE TABLE recording_times(recording TEXT NOT NULL REFERENCES recordings ON DELETE CASCADE,"
	"  seq INTEGER NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL, track INTEGER NOT NULL,"
	"  PRIMARY KEY(recording, seq));",

	/* 8: each applied bundle's archive in its log row, so that the
	 * archive's identity lives on two pages: repair finds it again when
	 * the settings' page is lost. */
	"ALTER TABLE import_log ADD COLUMN archive TEXT;"
	"UPDATE import_log SET archive = (SELECT value FROM settings WHERE key = 'archive') WHERE result = 'applied';",

	/* 9: recordings' segments (chapters) and content notes at times. */
	CATALOG_RECORDING_SEGMENTS_MIGRATION,

	/* 10: what the archive tells its visitors beside its items (guide.h):
	 * its name and introduction per language (lang '' the original), its
	 * topics' labels, its collections (a picture, their items by id, in
	 * order); and each item's note for curators, never shown to visitors. */
	"ALTER TABLE items ADD COLUMN curator_note TEXT;"
	"CREATE TABLE about(lang TEXT PRIMARY KEY, title TEXT, intro TEXT);"
	"CREATE TABLE topics(topic TEXT PRIMARY KEY, pos INTEGER NOT NULL, label TEXT NOT NULL);"
	"CREATE TABLE topic_labels(topic TEXT NOT NULL REFERENCES topics ON DELETE CASCADE,"
	"  lang TEXT NOT NULL, label TEXT NOT NULL, PRIMARY KEY(topic, lang));"
	"CREATE TABLE collections(collection_no INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, pos INTEGER NOT NULL,"
	"  title TEXT NOT NULL, intro TEXT, picture_sha256 TEXT REFERENCES files(sha256));"
	"CREATE TABLE collection_texts(collection INTEGER NOT NULL REFERENCES collections ON DELETE CASCADE,"
	"  lang TEXT NOT NULL, title TEXT, intro TEXT, PRIMARY KEY(collection, lang));"
	"CREATE TABLE collection_items(collection INTEGER NOT NULL REFERENCES collections ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL, item TEXT NOT NULL, PRIMARY KEY(collection, pos));",

	/* 11: anonymous usage counts for the staff's report (usage.h): one row
	 * a day, a kind of use and its key, summed. No time of any single
	 * event, and no rowid whose order would tell which came after which. */
	"CREATE TABLE usage(day TEXT NOT NULL, what TEXT NOT NULL"
	"  CHECK (what IN ('open', 'search', 'miss', 'listen', 'lang')),"
	"  key TEXT NOT NULL, count INTEGER NOT NULL, seconds INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY(day, what, key)) WITHOUT ROWID;",

	/* 12: the words of both search indexes (catalog_terms.h), so that a
	 * prefix longer than the prefix indexes' is searched as its words.
	 * Filled after this (migrate). */
	"CREATE TABLE search_terms(folded INTEGER NOT NULL, term TEXT NOT NULL,"
	"  PRIMARY KEY(folded, term)) WITHOUT ROWID;"
	/* and the titles alone (the metadata rows' title column), as typed
	 * and folded: "title : (...)" on the whole index reads every row a
	 * word is in, with its positions, to find the few in a title. */
	"CREATE VIRTUAL TABLE search_titles USING fts5(title,"
	"  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3', content = '');"
	"CREATE VIRTUAL TABLE search_folded_titles USING fts5(title, tokenize = 'unicode61', prefix = '2 3', content = '');",

	/* 13: summaries in the visitors' languages (an item's summary is in
	 * the archive's; the cover shows the visitor's where there is one). */
	"CREATE TABLE item_summaries(item INTEGER NOT NULL REFERENCES items ON DELETE CASCADE,"
	"  lang TEXT NOT NULL, summary TEXT NOT NULL, PRIMARY KEY(item, lang));",

	/* 14: sources in the visitors' languages, the same (the details panel
	 * shows the visitor's); not searched. */
	"CREATE TABLE item_sources(item INTEGER NOT NULL REFERENCES items ON DELETE CASCADE,"
	"  lang TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY(item, lang));",
};

/* The index rows of items: their passages, the metadata in passage -1,
 * whose summary is in every language the item has it in. */
#define ALL_SUMMARIES \
	"nullif(coalesce(i.summary, '') || ' ' ||" \
	"    coalesce((SELECT group_concat(summary, ' ') FROM item_summaries WHERE item = i.item_no), ''), ' ')"
#define INDEX_ROWS "INSERT INTO search(rowid, title, authors, topics, summary, body)" INDEX_SELECT(ALL_SUMMARIES)
#define INDEX_SELECT(summary) \
	" SELECT p.passage_no," \
	"  CASE WHEN p.seq < 0 THEN i.title || ' ' ||" \
	"    coalesce((SELECT group_concat(title, ' ') FROM item_titles WHERE item = i.item_no), '') END," \
	"  CASE WHEN p.seq < 0 THEN (SELECT group_concat(name, ' ') FROM item_authors WHERE item = i.item_no) END," \
	"  CASE WHEN p.seq < 0 THEN (SELECT group_concat(topic, ' ') FROM item_topics WHERE item = i.item_no) END," \
	"  CASE WHEN p.seq < 0 THEN " summary " END," \
	"  p.text" \
	" FROM passages p JOIN items i ON i.item_no = p.item"

/* Of one item (?1); its own statement, since "?1 IS NULL OR p.item = ?1"
 * would make SQLite look through every item on each import. */
static const char *item_rows_sql = INDEX_SELECT(ALL_SUMMARIES) " WHERE p.item = ?1 AND i.withdrawn = 0";
static const char *index_all_sql = INDEX_ROWS " WHERE i.withdrawn = 0";
/* As schema 2 made it: item_summaries came with 13. */
static const char *index_v2_sql = "INSERT INTO search(rowid, title, authors, topics, summary, body)"
				  INDEX_SELECT("i.summary") " WHERE i.withdrawn = 0";

/* The folded rows, made from search's own (fold() is fold_text). */
#define FOLDED_ROWS \
	"INSERT INTO search_folded(rowid, title, authors, topics, summary, body)" \
	" SELECT rowid, fold(title), fold(authors), fold(topics), fold(summary), fold(body) FROM search"
static const char *fold_all_sql = FOLDED_ROWS;

/* The titles alone, of the metadata rows (search_titles). */
#define TITLE_ROWS "INSERT INTO search_titles(rowid, title) SELECT rowid, title FROM search WHERE title IS NOT NULL"
#define FOLDED_TITLE_ROWS \
	"INSERT INTO search_folded_titles(rowid, title) SELECT rowid, fold(title) FROM search WHERE title IS NOT NULL"
#define OF_ITEM " AND rowid IN (SELECT passage_no FROM passages WHERE item = ?1 AND seq < 0)"
static const char *const untitle_sql[2] = {
	"INSERT INTO search_titles(search_titles, rowid, title) SELECT 'delete', rowid, title FROM search"
	" WHERE title IS NOT NULL" OF_ITEM,
	"INSERT INTO search_folded_titles(search_folded_titles, rowid, title) SELECT 'delete', rowid, fold(title) FROM search"
	" WHERE title IS NOT NULL" OF_ITEM};

static const char *unindex_sql =
	"DELETE FROM search WHERE rowid IN (SELECT passage_no FROM passages WHERE item = ?1)";
/* A contentless index takes a row out given the text it was made of. */
static const char *unfold_sql =
	"INSERT INTO search_folded(search_folded, rowid, title, authors, topics, summary, body)"
	" SELECT 'delete', rowid, fold(title), fold(authors), fold(topics), fold(summary), fold(body) FROM search"
	" WHERE rowid IN (SELECT passage_no FROM passages WHERE item = ?1)";

sqlite3 *catalog_db(catalog *c)
{
	return c->db;
}

int catalog_db_failed(sqlite3 *db, const char *what, char err[256])
{
	snprintf(err, 256, "catalogue: %s: %s", what, sqlite3_errmsg(db));
	return -1;
}

const char *catalog_error(catalog *c)
{
	return c->error;
}

static int fail(catalog *c, const char *what)
{
	snprintf(c->error, sizeof c->error, "catalogue: %s: %s", what, sqlite3_errmsg(c->db));
	return -1;
}

static int exec(catalog *c, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(c->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(c->error, sizeof c->error, "catalogue: %s", msg ? msg : sqlite3_errmsg(c->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static sqlite3_stmt *prepare(catalog *c, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) != SQLITE_OK)
		fail(c, "prepare");
	return st;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s && s[0])
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

/* Runs a prepared statement that returns no rows, then finalizes it. */
static int run(catalog *c, sqlite3_stmt *st, const char *what)
{
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return fail(c, what);
	return 0;
}

int catalog_version(catalog *c)
{
	sqlite3_stmt *st = prepare(c, "PRAGMA user_version");
	int v = -1;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int migrate(catalog *c, int target)
{
	int version = catalog_version(c);
	if (version < 0)
		return -1;
	if (version > CATALOG_VERSION) {
		snprintf(c->error, sizeof c->error,
			 "catalogue: made by a newer Hishatak (schema %d, this one knows %d)", version, CATALOG_VERSION);
		return -1;
	}
	for (int v = version + 1; v <= target; v++) {
		char bump[64];
		snprintf(bump, sizeof bump, "PRAGMA user_version = %d", v);
		if (exec(c, "BEGIN IMMEDIATE") != 0)
			return -1;
		if (exec(c, migrations[v - 1]) != 0 || exec(c, bump) != 0)
			goto fail;
		if (v == 2) {
			sqlite3_stmt *st = prepare(c, index_v2_sql);
			if (run(c, st, "index") != 0)
				goto fail;
		}
		if (v == 6 && (exec(c, fold_all_sql) != 0 || catalog_set(c, "fold_version", fold_version()) != 0))
			goto fail; /* an existing archive's folded index */
		if (v == 12 && (exec(c, TITLE_ROWS) != 0 || exec(c, FOLDED_TITLE_ROWS) != 0 || terms_refill(c->db) != 0))
			goto fail;
		if (exec(c, "COMMIT") != 0)
			goto fail;
	}
	/* Folded by another ICU or other rules: its rows could not be taken
	 * out again, so it is made anew. A settings page that cannot be read
	 * is repair's to mend: the archive still opens, as far as it goes
	 * (verify says the folded index is not whole). */
	sqlite3_stmt *st = target >= 6 ? prepare(c, "SELECT value FROM settings WHERE key = 'fold_version'") : NULL;
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
	int stale = rc == SQLITE_DONE || (rc == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(st, 0), fold_version()) != 0);
	sqlite3_finalize(st);
	if (stale)
		catalog_rebuild_folded(c);
	return 0;
fail:
	sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* The rank of a search row: each column's matches, more of them counting
 * for less (tf / (tf + 1.2), as BM25 saturates them), weighted by its
 * arguments (one a column); the negative, so that the best sorts first as
 * with bm25. Unlike bm25 it needs nothing but the row: bm25 first counts
 * every row the query matches (for its IDF), which for the first letters
 * of a word typed is most of the archive, at each keystroke. */
static void rank_row(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	int count, columns = api->xColumnCount(fts);
	double tf[16] = {0}, score = 0;
	if (api->xInstCount(fts, &count) != SQLITE_OK) {
		sqlite3_result_error(ctx, "search rank: no matches", -1);
		return;
	}
	for (int i = 0; i < count; i++) {
		int phrase, column, offset;
		if (api->xInst(fts, i, &phrase, &column, &offset) == SQLITE_OK && column >= 0 && column < 16)
			tf[column] += 1;
	}
	for (int col = 0; col < columns && col < 16; col++)
		score += (col < argc ? sqlite3_value_double(argv[col]) : 1.0) * tf[col] * 2.2 / (tf[col] + 1.2);
	sqlite3_result_double(ctx, -score);
}

/* The connection's fold, made when first needed: ICU's first transform
 * takes about 90 ms to set up, which the kiosk's start need not wait for.
 * NULL with c->error. */
static fold *fold_of(catalog *c)
{
	char err[256];
	if (!c->fold && !(c->fold = fold_new(err)))
		snprintf(c->error, sizeof c->error, "catalogue: %s", err);
	return c->fold;
}

/* fold(text): fold_text, for the folded index's rows. */
static void fold_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	catalog *c = sqlite3_user_data(ctx);
	const char *text = (const char *)sqlite3_value_text(argv[0]);
	if (!text)
		return; /* NULL stays NULL */
	if (!fold_of(c)) {
		sqlite3_result_error(ctx, c->error, -1);
		return;
	}
	char *folded = fold_text(c->fold, text);
	if (!folded)
		sqlite3_result_error_nomem(ctx);
	else
		sqlite3_result_text(ctx, folded, -1, free);
}

/* FTS5's API of this connection, to add rank_row to it. */
static int add_rank_function(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api && api->xCreateFunction(api, "rank_row", NULL, rank_row, NULL) == SQLITE_OK ? 0 : -1;
}

static catalog *open_db(const char *path, int flags, int version, char err[256])
{
	catalog *c = calloc(1, sizeof *c);
	if (!c) {
		snprintf(err, 256, "out of memory");
		return NULL;
	}
	if (sqlite3_open_v2(path, &c->db, flags, NULL) != SQLITE_OK) {
		snprintf(err, 256, "%s: %s", path, c->db ? sqlite3_errmsg(c->db) : "cannot open");
		goto fail;
	}
	sqlite3_busy_timeout(c->db, 5000);
	sqlite3_extended_result_codes(c->db, 1);
	if (sqlite3_create_function(c->db, "fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, c, fold_function, NULL, NULL) != SQLITE_OK) {
		snprintf(err, 256, "%s: %s", path, sqlite3_errmsg(c->db));
		goto fail;
	}
	if (add_rank_function(c->db) != 0) {
		snprintf(err, 256, "%s: SQLite has no full-text search (FTS5)", path);
		goto fail;
	}
	/* synchronous=FULL: in WAL mode a commit is durable once it returns. */
	int readonly = !(flags & SQLITE_OPEN_READWRITE);
	if ((!readonly && exec(c, "PRAGMA journal_mode = WAL") != 0) ||
	    exec(c, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON") != 0 ||
	    catalog_version(c) < 0 ||
	    (!readonly && migrate(c, version) != 0)) {
		snprintf(err, 256, "%s: %s", path, c->error[0] ? c->error + 11 : sqlite3_errmsg(c->db));
		goto fail;
	}
	return c;
fail:
	sqlite3_close(c->db);
	fold_free(c->fold);
	free(c);
	return NULL;
}

catalog *catalog_open_at(const char *path, int version, char err[256])
{
	assert(version >= 1 && version <= CATALOG_VERSION);
	return open_db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, version, err);
}

catalog *catalog_open(const char *path, char err[256])
{
	return catalog_open_at(path, CATALOG_VERSION, err);
}

catalog *catalog_open_readonly(const char *path, char err[256])
{
	catalog *c = open_db(path, SQLITE_OPEN_READONLY, 0, err);
	char wal[4200], uri[8500], *u = uri;
	snprintf(wal, sizeof wal, "%s-wal", path);
	if (!c && access(wal, F_OK) != 0) {
		/* On a read-only file system SQLite cannot make the WAL's shared
		 * memory file. With no WAL left, nothing can change the file
		 * while it is open: SQLite may take it as immutable. */
		u += snprintf(u, 16, "file:");
		for (const char *p = path; *p && u < uri + sizeof uri - 20; p++)
			u += strchr("%?#", *p) ? snprintf(u, 4, "%%%02X", (unsigned char)*p) : (*u = *p, 1);
		snprintf(u, 16, "?immutable=1");
		c = open_db(uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, 0, err);
	}
	if (c && catalog_version(c) != CATALOG_VERSION) {
		snprintf(err, 256, "%s: catalogue schema %d, expected %d (open it once read-write to migrate)",
			 path, catalog_version(c), CATALOG_VERSION);
		catalog_close(c);
		return NULL;
	}
	return c;
}

void catalog_close(catalog *c)
{
	if (!c)
		return;
	terms_tokenizers_free(c->tokenizers);
	sqlite3_close_v2(c->db);
	fold_free(c->fold);
	free(c);
}

void catalog_interrupt(catalog *c)
{
	sqlite3_interrupt(c->db);
}

int catalog_begin(catalog *c)
{
	terms_forget(c->tokenizers);
	return exec(c, "BEGIN IMMEDIATE");
}

int catalog_try_begin(catalog *c)
{
	terms_forget(c->tokenizers);
	sqlite3_busy_timeout(c->db, 0);
	int rc = sqlite3_exec(c->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	sqlite3_busy_timeout(c->db, 5000);
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return 1;
	return rc == SQLITE_OK ? 0 : fail(c, "begin");
}

int catalog_commit(catalog *c)
{
	return exec(c, "COMMIT");
}

void catalog_rollback(catalog *c)
{
	if (!sqlite3_get_autocommit(c->db))
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
}

int catalog_set(catalog *c, const char *key, const char *value)
{
	sqlite3_stmt *st = prepare(c, "INSERT OR REPLACE INTO settings(key, value) VALUES (?1, ?2)");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
	return run(c, st, "settings");
}

int catalog_find_setting(catalog *c, const char *key, char **value)
{
	*value = NULL;
	/* Every row read (a dozen): absence is believed only when the table
	 * itself was read whole, not from its index alone, which a damaged
	 * table page leaves intact. */
	sqlite3_stmt *st = prepare(c, "SELECT value FROM settings NOT INDEXED WHERE key = ?1");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && !(*value = strdup((const char *)sqlite3_column_text(st, 0))))
		rc = SQLITE_NOMEM;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		fail(c, "settings");
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

char *catalog_get_setting(catalog *c, const char *key)
{
	sqlite3_stmt *st = prepare(c, "SELECT value FROM settings WHERE key = ?1");
	char *value = NULL;
	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		value = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return value;
}

static sqlite3_int64 item_no_of(catalog *c, const char *id)
{
	sqlite3_stmt *st = prepare(c, "SELECT item_no FROM items WHERE id = ?1");
	sqlite3_int64 no = 0;
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		no = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return no;
}

static int put_texts(catalog *c, sqlite3_int64 no, const char *table, const char *column,
		     const item_text *texts, int count)
{
	char sql[160];
	snprintf(sql, sizeof sql, "INSERT INTO %s(item, lang, %s) VALUES (?1, ?2, ?3)", table, column);
	for (int i = 0; i < count; i++) {
		sqlite3_stmt *st = prepare(c, sql);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, no);
		sqlite3_bind_text(st, 2, texts[i].lang, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, texts[i].text, -1, SQLITE_TRANSIENT);
		if (run(c, st, table) != 0)
			return -1;
	}
	return 0;
}

static int put_list(catalog *c, sqlite3_int64 no, const char *table, const char *column,
		    char *const *list, int count)
{
	char sql[160];
	snprintf(sql, sizeof sql, "INSERT OR IGNORE INTO %s(item, pos, %s) VALUES (?1, ?2, ?3)", table, column);
	for (int i = 0; i < count; i++) {
		sqlite3_stmt *st = prepare(c, sql);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, no);
		sqlite3_bind_int(st, 2, i);
		sqlite3_bind_text(st, 3, list[i], -1, SQLITE_TRANSIENT);
		if (run(c, st, table) != 0)
			return -1;
	}
	return 0;
}

static int put_file(catalog *c, const char *sha256, long long size)
{
	sqlite3_stmt *st = prepare(c, "INSERT OR IGNORE INTO files(sha256, size) VALUES (?1, ?2)");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, sha256, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, size);
	return run(c, st, "files");
}

static void column_copy(sqlite3_stmt *st, int i, char *out, size_t size);

/* Runs sql (one statement) of the item numbered no (?1). */
static int run_of_item(catalog *c, const char *sql, sqlite3_int64 no, const char *what)
{
	sqlite3_stmt *st = prepare(c, sql);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, no);
	return run(c, st, what);
}

static int unindex(catalog *c, sqlite3_int64 no)
{
	return run_of_item(c, untitle_sql[0], no, "unindex") != 0 || run_of_item(c, untitle_sql[1], no, "unindex") != 0 ||
	       run_of_item(c, unfold_sql, no, "unindex") != 0 ? -1 : run_of_item(c, unindex_sql, no, "unindex");
}

/* One item's rows into the four indexes, and their words into
 * search_terms, each column folded once for both. A row at a time, from
 * values: FTS5 writes out what it holds in memory at every statement
 * that may change several rows (INSERT ... SELECT opens a savepoint),
 * which made each import's items thousands of small segments to merge. */
static int index_item(catalog *c, sqlite3_int64 no)
{
	static const char *const into[4] = {
		"INSERT INTO search(rowid, title, authors, topics, summary, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		"INSERT INTO search_folded(rowid, title, authors, topics, summary, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		"INSERT INTO search_titles(rowid, title) VALUES (?1, ?2)",
		"INSERT INTO search_folded_titles(rowid, title) VALUES (?1, ?2)"};
	if ((!c->tokenizers && !(c->tokenizers = terms_tokenizers_new(c->db))) || !fold_of(c))
		return fail(c, "search words");
	sqlite3_stmt *rows = prepare(c, item_rows_sql), *ins[4] = {0};
	int rc = rows ? 0 : -1, step = SQLITE_DONE;
	for (int k = 0; k < 4 && rc == 0; k++)
		rc = (ins[k] = prepare(c, into[k])) ? 0 : -1;
	if (rc == 0)
		sqlite3_bind_int64(rows, 1, no);
	while (rc == 0 && (step = sqlite3_step(rows)) == SQLITE_ROW) {
		char *folded[6] = {0};
		for (int k = 0; k < 4; k++)
			sqlite3_reset(ins[k]);
		for (int col = 0; col < 6 && rc == 0; col++) {
			sqlite3_value *v = sqlite3_column_value(rows, col);
			const char *text = col ? (const char *)sqlite3_column_text(rows, col) : NULL; /* 0: the rowid */
			if (col && text && !(folded[col] = fold_text(c->fold, text)))
				rc = fail(c, "folded index");
			else if (col && terms_note(c->db, c->tokenizers, text, folded[col]) != 0)
				rc = fail(c, "search words");
			sqlite3_bind_value(ins[0], col + 1, v);
			if (col)
				sqlite3_bind_text(ins[1], col + 1, folded[col], -1, SQLITE_STATIC);
			else
				sqlite3_bind_value(ins[1], 1, v);
			if (col < 2) {
				sqlite3_bind_value(ins[2], col + 1, v);
				if (col)
					sqlite3_bind_text(ins[3], 2, folded[1], -1, SQLITE_STATIC);
				else
					sqlite3_bind_value(ins[3], 1, v);
			}
		}
		/* The titles' indexes take the metadata row alone: the one with a title. */
		for (int k = 0; k < (folded[1] ? 4 : 2) && rc == 0; k++)
			if (sqlite3_step(ins[k]) != SQLITE_DONE)
				rc = fail(c, "index");
		for (int k = 0; k < 4; k++)
			sqlite3_clear_bindings(ins[k]);
		for (int col = 0; col < 6; col++)
			free(folded[col]);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = fail(c, "index");
	sqlite3_finalize(rows);
	for (int k = 0; k < 4; k++)
		sqlite3_finalize(ins[k]);
	return rc;
}

int catalog_put(catalog *c, const item *it, char *const *passages, int passage_count)
{
	assert(!sqlite3_get_autocommit(c->db)); /* inside the caller's transaction */
	sqlite3_int64 old = item_no_of(c, it->id);
	if (old < 0)
		return -1;
	if (old > 0) {
		if (unindex(c, old) != 0)
			return -1;
		sqlite3_stmt *del = prepare(c, "DELETE FROM items WHERE item_no = ?1");
		if (!del)
			return -1;
		sqlite3_bind_int64(del, 1, old);
		if (run(c, del, "replace") != 0)
			return -1;
	}
	if (put_file(c, it->sha256, it->size) != 0)
		return -1;
	if (strcmp(it->doc_sha256, it->sha256) != 0 && put_file(c, it->doc_sha256, it->doc_size) != 0)
		return -1;

	sqlite3_stmt *st = prepare(c,
		"INSERT INTO items(item_no, id, kind, title, date, language, summary, source, warning,"
		" file_sha256, doc_sha256, format, pages, reflowable, added, curator_note)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
		"  coalesce(?15, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), ?16)");
	if (!st)
		return -1;
	if (old > 0)
		sqlite3_bind_int64(st, 1, old); /* keep the number: nothing else changes */
	sqlite3_bind_text(st, 2, it->id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, item_kind_name(it->kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, it->title, -1, SQLITE_TRANSIENT);
	bind_text(st, 5, it->date);
	bind_text(st, 6, it->language);
	bind_text(st, 7, it->summary);
	bind_text(st, 8, it->source);
	bind_text(st, 9, it->warning);
	sqlite3_bind_text(st, 10, it->sha256, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 11, it->doc_sha256, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 12, it->format, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 13, it->pages);
	sqlite3_bind_int(st, 14, it->reflowable);
	bind_text(st, 15, it->added);
	bind_text(st, 16, it->curator_note);
	if (run(c, st, "insert item") != 0)
		return -1;
	sqlite3_int64 no = item_no_of(c, it->id);

	if (put_texts(c, no, "item_titles", "title", it->titles, it->title_count) != 0 ||
	    put_texts(c, no, "item_warnings", "warning", it->warnings, it->warning_count) != 0 ||
	    put_texts(c, no, "item_summaries", "summary", it->summaries, it->summary_count) != 0 ||
	    put_texts(c, no, "item_sources", "source", it->sources, it->source_count) != 0 ||
	    put_list(c, no, "item_authors", "name", it->authors, it->author_count) != 0 ||
	    put_list(c, no, "item_topics", "topic", it->topics, it->topic_count) != 0)
		return -1;
	for (int seq = -1; seq < passage_count; seq++) {
		st = prepare(c, "INSERT INTO passages(item, seq, text) VALUES (?1, ?2, ?3)");
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, no);
		sqlite3_bind_int(st, 2, seq);
		sqlite3_bind_text(st, 3, seq < 0 ? "" : passages[seq], -1, SQLITE_TRANSIENT);
		if (run(c, st, "passages") != 0)
			return -1;
	}
	return index_item(c, no);
}

int catalog_withdraw(catalog *c, const char *id, const char *reason)
{
	sqlite3_int64 no = item_no_of(c, id);
	if (no <= 0)
		return no < 0 ? -1 : 1;
	if (unindex(c, no) != 0)
		return -1;
	sqlite3_stmt *st = prepare(c, "DELETE FROM items WHERE item_no = ?1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, no);
	return run(c, st, "withdraw");
}

int catalog_drop_unused_files(catalog *c)
{
	return exec(c, "DELETE FROM recordings WHERE sha256 NOT IN (SELECT file_sha256 FROM items);"
		       "DELETE FROM files WHERE sha256 NOT IN (SELECT file_sha256 FROM items)"
		       " AND sha256 NOT IN (SELECT doc_sha256 FROM items)"
		       " AND sha256 NOT IN (SELECT file_sha256 FROM recording_tracks)"
		       " AND sha256 NOT IN (SELECT picture_sha256 FROM collections WHERE picture_sha256 IS NOT NULL)");
}

int catalog_has_file(catalog *c, const char *sha256)
{
	sqlite3_stmt *st = prepare(c, "SELECT 1 FROM files WHERE sha256 = ?1");
	int yes = 1; /* when in doubt, keep the file */
	if (!st)
		return yes;
	sqlite3_bind_text(st, 1, sha256, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	yes = rc == SQLITE_ROW || rc != SQLITE_DONE;
	sqlite3_finalize(st);
	return yes;
}

/* A key id names one public key for good: the same key again changes
 * nothing, and another key under an id already trusted is refused (a key
 * made to pass for the archivist's must not replace it without a word). */
int catalog_trust_key(catalog *c, const char *key_id, const char *key_line)
{
	sqlite3_stmt *st = prepare(c, "SELECT key_line FROM trusted_keys WHERE key_id = ?1");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, key_id, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st), same = rc == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(st, 0), key_line) == 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fail(c, "trusted keys");
	if (rc == SQLITE_ROW) {
		if (!same)
			snprintf(c->error, sizeof c->error, "key %s is already trusted as another public key "
				 "(retire the trusted one first if the archivist really changed it)", key_id);
		return same ? 0 : -1;
	}
	st = prepare(c, "INSERT INTO trusted_keys(key_id, key_line) VALUES (?1, ?2)");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, key_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, key_line, -1, SQLITE_TRANSIENT);
	return run(c, st, "trusted keys");
}

int catalog_retire_key(catalog *c, const char *key_id)
{
	sqlite3_stmt *st = prepare(c, "DELETE FROM trusted_keys WHERE key_id = ?1");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, key_id, -1, SQLITE_TRANSIENT);
	if (run(c, st, "trusted keys") != 0)
		return -1;
	return sqlite3_changes(c->db) > 0 ? 0 : 1;
}

int catalog_trusted_keys(catalog *c, char ***key_lines, int *count)
{
	*key_lines = NULL;
	*count = 0;
	sqlite3_stmt *st = prepare(c, "SELECT key_line FROM trusted_keys ORDER BY key_id");
	if (!st)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		item_list_add(key_lines, count, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : fail(c, "trusted keys");
}

int catalog_log_add(catalog *c, const catalog_log_entry *e)
{
	sqlite3_stmt *st = prepare(c,
		"INSERT INTO import_log(time, source, sequence, signer, result, added, changed, withdrawn, reason, archive)"
		" VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
		"  CASE WHEN ?4 = 'applied' THEN (SELECT value FROM settings WHERE key = 'archive') END)");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, e->source, -1, SQLITE_TRANSIENT);
	if (e->sequence > 0)
		sqlite3_bind_int64(st, 2, e->sequence);
	bind_text(st, 3, e->signer);
	sqlite3_bind_text(st, 4, e->result, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 5, e->added);
	sqlite3_bind_int(st, 6, e->changed);
	sqlite3_bind_int(st, 7, e->withdrawn);
	bind_text(st, 8, e->reason);
	return run(c, st, "import log");
}

int catalog_log_prune(catalog *c, int keep)
{
	sqlite3_stmt *st = prepare(c, "DELETE FROM import_log WHERE result <> 'applied'"
				      " AND entry_no <= (SELECT max(entry_no) FROM import_log) - ?1");
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, keep);
	return run(c, st, "import log");
}

int catalog_log_list(catalog *c, int limit, catalog_log_entry **out, int *count)
{
	*out = NULL;
	*count = 0;
	sqlite3_stmt *st = prepare(c, "SELECT time, source, sequence, signer, result, added, changed, withdrawn, reason"
				      " FROM import_log ORDER BY entry_no DESC LIMIT ?1");
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, limit > 0 ? limit : 1000);
	while (sqlite3_step(st) == SQLITE_ROW) {
		catalog_log_entry *bigger = realloc(*out, (size_t)(*count + 1) * sizeof *bigger);
		if (!bigger)
			break;
		*out = bigger;
		catalog_log_entry *e = &bigger[(*count)++];
		memset(e, 0, sizeof *e);
		column_copy(st, 0, e->time, sizeof e->time);
		column_copy(st, 1, e->source, sizeof e->source);
		e->sequence = sqlite3_column_int64(st, 2);
		column_copy(st, 3, e->signer, sizeof e->signer);
		column_copy(st, 4, e->result, sizeof e->result);
		e->added = sqlite3_column_int(st, 5);
		e->changed = sqlite3_column_int(st, 6);
		e->withdrawn = sqlite3_column_int(st, 7);
		column_copy(st, 8, e->reason, sizeof e->reason);
	}
	sqlite3_finalize(st);
	return 0;
}

static char *column_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? strdup((const char *)s) : NULL;
}

/* A column into a fixed field, cut to fit (memcpy: snprintf was a tenth of
 * the time a list of 10,000 items takes). */
static void column_copy(sqlite3_stmt *st, int i, char *out, size_t size)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	size_t n = s ? (size_t)sqlite3_column_bytes(st, i) : 0;
	if (n >= size)
		n = size - 1;
	memcpy(out, s ? (const char *)s : "", n);
	out[n] = 0;
}

/* The lists of items: their translated titles and content notes, their
 * authors and topics, and (for one item, as its summary and source) the
 * translated summaries and sources; the item's number comes first. */
enum { BRIEF_LISTS = 4, ALL_LISTS = 6 };
static const char *const list_sql[ALL_LISTS] = {
	"SELECT item, lang, title FROM item_titles",
	"SELECT item, lang, warning FROM item_warnings",
	"SELECT item, NULL, name FROM item_authors",
	"SELECT item, NULL, topic FROM item_topics",
	"SELECT item, lang, summary FROM item_summaries",
	"SELECT item, lang, source FROM item_sources",
};
static const char *const list_order[ALL_LISTS] = {" ORDER BY item, lang", " ORDER BY item, lang", " ORDER BY item, pos",
						  " ORDER BY item, pos", " ORDER BY item, lang", " ORDER BY item, lang"};

static void add_to_list(item *it, int list, sqlite3_stmt *st)
{
	const char *lang = (const char *)sqlite3_column_text(st, 1);
	const char *text = (const char *)sqlite3_column_text(st, 2);
	if (list == 0)
		item_text_add(&it->titles, &it->title_count, lang, text);
	else if (list == 1)
		item_text_add(&it->warnings, &it->warning_count, lang, text);
	else if (list == 2)
		item_list_add(&it->authors, &it->author_count, text);
	else if (list == 3)
		item_list_add(&it->topics, &it->topic_count, text);
	else if (list == 4)
		item_text_add(&it->summaries, &it->summary_count, lang, text);
	else
		item_text_add(&it->sources, &it->source_count, lang, text);
}

/* Fills the lists of one item read from the items table. */
static int read_lists(catalog *c, sqlite3_int64 no, item *it)
{
	for (int q = 0; q < ALL_LISTS; q++) {
		char sql[200];
		snprintf(sql, sizeof sql, "%s WHERE item = ?1%s", list_sql[q], list_order[q]);
		sqlite3_stmt *st = prepare(c, sql);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, no);
		while (sqlite3_step(st) == SQLITE_ROW)
			add_to_list(it, q, st);
		sqlite3_finalize(st);
	}
	return 0;
}

typedef struct {
	sqlite3_int64 no;
	int index;
} item_number;

static int by_number(const void *a, const void *b)
{
	sqlite3_int64 x = ((const item_number *)a)->no, y = ((const item_number *)b)->no;
	return (x > y) - (x < y);
}

/* Fills the lists of many items with one pass over each list table (one
 * query an item would cost a second at 100,000 items). */
static int read_all_lists(catalog *c, item *items, item_number *numbers, int count, int lists)
{
	if (count == 0) /* an empty archive: numbers is NULL, which qsort may not be given */
		return 0;
	qsort(numbers, (size_t)count, sizeof *numbers, by_number);
	for (int q = 0; q < lists; q++) {
		char sql[200];
		snprintf(sql, sizeof sql, "%s%s", list_sql[q], list_order[q]);
		sqlite3_stmt *st = prepare(c, sql);
		if (!st)
			return -1;
		while (sqlite3_step(st) == SQLITE_ROW) {
			item_number key = {sqlite3_column_int64(st, 0), 0};
			item_number *found = bsearch(&key, numbers, (size_t)count, sizeof *numbers, by_number);
			if (found) /* else an item withdrawn */
				add_to_list(&items[found->index], q, st);
		}
		sqlite3_finalize(st);
	}
	return 0;
}

#define ITEM_COLUMNS \
	"item_no, id, kind, title, date, language, summary, source, warning, file_sha256," \
	" (SELECT size FROM files WHERE sha256 = file_sha256), doc_sha256, format, pages, reflowable, added," \
	" coalesce((SELECT duration_ms FROM recordings WHERE sha256 = file_sha256), 0), curator_note"
/* The same but for the summary and the source: most of an item's bytes. */
#define BRIEF_COLUMNS \
	"item_no, id, kind, title, date, language, NULL, NULL, warning, file_sha256," \
	" (SELECT size FROM files WHERE sha256 = file_sha256), doc_sha256, format, pages, reflowable, added," \
	" coalesce((SELECT duration_ms FROM recordings WHERE sha256 = file_sha256), 0), NULL"

/* An item from a row of ITEM_COLUMNS; its lists too when with_lists. */
static int read_item(catalog *c, sqlite3_stmt *st, item *it, int with_lists)
{
	memset(it, 0, sizeof *it);
	sqlite3_int64 no = sqlite3_column_int64(st, 0);
	column_copy(st, 1, it->id, sizeof it->id);
	it->kind = (item_kind)item_kind_parse((const char *)sqlite3_column_text(st, 2));
	it->title = column_dup(st, 3);
	column_copy(st, 4, it->date, sizeof it->date);
	column_copy(st, 5, it->language, sizeof it->language);
	it->summary = column_dup(st, 6);
	it->source = column_dup(st, 7);
	it->warning = column_dup(st, 8);
	column_copy(st, 9, it->sha256, sizeof it->sha256);
	it->size = sqlite3_column_int64(st, 10);
	column_copy(st, 11, it->doc_sha256, sizeof it->doc_sha256);
	column_copy(st, 12, it->format, sizeof it->format);
	it->pages = sqlite3_column_int(st, 13);
	it->reflowable = sqlite3_column_int(st, 14);
	column_copy(st, 15, it->added, sizeof it->added);
	it->duration_ms = sqlite3_column_int64(st, 16);
	it->curator_note = column_dup(st, 17);
	it->number = no;
	return with_lists ? read_lists(c, no, it) : 0;
}

int catalog_get(catalog *c, const char *id, item *out)
{
	sqlite3_stmt *st = prepare(c, "SELECT " ITEM_COLUMNS " FROM items WHERE id = ?1 AND withdrawn = 0");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	int result = 1;
	if (rc == SQLITE_ROW)
		result = read_item(c, st, out, 1);
	else if (rc != SQLITE_DONE)
		result = fail(c, "read item");
	sqlite3_finalize(st);
	return result;
}

/* Newest date first (YYYY[-MM[-DD]] sorts as text), undated last, then
 * by title and id, as bytes. */
static int by_date(const void *a, const void *b)
{
	const item *x = a, *y = b;
	if (!x->date[0] != !y->date[0])
		return !x->date[0] ? 1 : -1;
	int d = strcmp(y->date, x->date);
	if (!d)
		d = strcmp(x->title ? x->title : "", y->title ? y->title : "");
	return d ? d : strcmp(x->id, y->id);
}

/* The visible items, all of each or (brief) without summary and source. */
static int list_items(catalog *c, int brief, item **out, int *count)
{
	*out = NULL;
	*count = 0;
	/* Sorted here, not by SQLite: its sorter would copy every row once
	 * more, a third of the time a start takes at 10,000 items. */
	sqlite3_stmt *st = prepare(c, brief ? "SELECT " BRIEF_COLUMNS " FROM items WHERE withdrawn = 0"
					    : "SELECT " ITEM_COLUMNS " FROM items WHERE withdrawn = 0");
	if (!st)
		return -1;
	item_number *numbers = NULL;
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*count == cap) {
			cap = cap ? cap * 2 : 16;
			item *bigger = realloc(*out, (size_t)cap * sizeof *bigger);
			item_number *more = realloc(numbers, (size_t)cap * sizeof *more);
			if (bigger)
				*out = bigger;
			if (more)
				numbers = more;
			if (!bigger || !more)
				break;
		}
		numbers[*count] = (item_number){sqlite3_column_int64(st, 0), *count};
		read_item(c, st, &(*out)[(*count)++], 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || read_all_lists(c, *out, numbers, *count, brief ? BRIEF_LISTS : ALL_LISTS) != 0) {
		free(numbers);
		catalog_free_items(*out, *count);
		*out = NULL;
		*count = 0;
		return fail(c, "list");
	}
	free(numbers);
	if (*count)
		qsort(*out, (size_t)*count, sizeof **out, by_date);
	return 0;
}

int catalog_list(catalog *c, item **out, int *count)
{
	return list_items(c, 0, out, count);
}

int catalog_list_shown(catalog *c, item **out, int *count)
{
	return list_items(c, 1, out, count);
}

int catalog_recent(catalog *c, int limit, item **out, int *count)
{
	*count = 0;
	*out = calloc(limit > 0 ? (size_t)limit : 1, sizeof **out);
	/* An item keeps its number through updates, and a new one gets a higher
	 * number than any before it: the order of arrival, whatever the clock
	 * said. "+withdrawn": from the newest row back, not through an index
	 * on withdrawn and a sort of every item. */
	sqlite3_stmt *st = *out ? prepare(c, "SELECT " BRIEF_COLUMNS " FROM items WHERE +withdrawn = 0"
					     " ORDER BY item_no DESC LIMIT ?1")
				: NULL;
	if (!st) {
		free(*out);
		*out = NULL;
		return -1;
	}
	sqlite3_bind_int(st, 1, limit);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *count < limit)
		if (read_item(c, st, &(*out)[(*count)++], 1) != 0) {
			rc = SQLITE_ERROR;
			break;
		}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		catalog_free_items(*out, *count);
		*out = NULL;
		*count = 0;
		return fail(c, "recent items");
	}
	return 0;
}

int catalog_count_kinds(catalog *c, int counts[KIND_COUNT])
{
	memset(counts, 0, KIND_COUNT * sizeof *counts);
	sqlite3_stmt *st = prepare(c, "SELECT kind, count(*) FROM items WHERE withdrawn = 0 GROUP BY kind");
	if (!st)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int kind = item_kind_parse((const char *)sqlite3_column_text(st, 0));
		if (kind >= 0)
			counts[kind] = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : fail(c, "count kinds");
}

void catalog_free_items(item *items, int count)
{
	for (int i = 0; i < count; i++)
		item_clear(&items[i]);
	free(items);
}

int catalog_passages(catalog *c, const char *id, char ***out, int *count)
{
	*out = NULL;
	*count = 0;
	sqlite3_stmt *st = prepare(c, "SELECT p.text FROM passages p JOIN items i ON i.item_no = p.item"
				      " WHERE i.id = ?1 AND p.seq >= 0 ORDER BY p.seq");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	while (sqlite3_step(st) == SQLITE_ROW)
		item_list_add(out, count, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return 0;
}

/* Turns what a visitor typed into an FTS5 query: every word quoted (so that
 * FTS5 syntax in the input means nothing) and matched as a prefix. A word
 * of one letter waits for the next: as a prefix it matches most of the
 * archive, and SQLite would merge the lists of thousands of words to find
 * nothing worth ranking. */
static char *fts_query(const char *text)
{
	size_t n = strlen(text);
	char *q = malloc(n * 2 + 8), *o = q;
	int words = 0;
	if (!q)
		return NULL;
	const char *p = text;
	while (*p && words < EXPAND_MAX_WORDS) { /* a pasted page searches its start, as the folded query does */
		while (*p && (unsigned char)*p < 0x80 && !(*p >= '0' && *p <= '9') &&
		       !((*p | 32) >= 'a' && (*p | 32) <= 'z'))
			p++;
		if (!*p)
			break;
		const char *word = p;
		int letters = 0;
		for (; *p && ((unsigned char)*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'z')); p++)
			letters += ((unsigned char)*p & 0xC0) != 0x80; /* UTF-8: not a continuation byte */
		char quoted[FOLD_MAX * 4];
		if (letters < 2 || p - word > (int)sizeof quoted - 4)
			continue;
		snprintf(quoted, sizeof quoted, "\"%.*s\"*", (int)(p - word), word);
		*o = 0;
		if (strstr(q, quoted)) /* a word twice asks nothing more (a paste repeats) */
			continue;
		words++;
		o += sprintf(o, "%s%s", o != q ? " " : "", quoted);
	}
	*o = 0;
	return q;
}

int catalog_searchable(const char *query)
{
	char *q = fts_query(query);
	int yes = q && q[0];
	free(q);
	return yes;
}

/* Matches as typed first, then those of the folded index; each best first. */
static int compare_hits(const void *a, const void *b)
{
	const catalog_hit *x = a, *y = b;
	if (x->folded != y->folded)
		return x->folded - y->folded;
	return x->score < y->score ? -1 : x->score > y->score;
}

static int compare_ints(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* The row's text and its item's own title and kind, for describe_row. */
static const char *row_text_sql = "SELECT s.title, s.authors, s.topics, s.summary, s.body, i.title, i.kind"
				  " FROM search s JOIN passages p ON p.passage_no = s.rowid"
				  " JOIN items i ON i.item_no = p.item WHERE s.rowid = ?1";

/* The snippet of one indexed row, and where in it the query matched: its
 * columns' text (st: row_text_sql), marked by m. */
static char *describe_row(sqlite3_stmt *st, snippet_maker *m, sqlite3_int64 rowid, catalog_hit *hit)
{
	static const char *const fields[5] = {"title", "authors", "topics", "summary", "text"};
	char *snippet = NULL;
	if (!st)
		return NULL;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, rowid);
	if (m && sqlite3_step(st) == SQLITE_ROW) {
		const char *cols[5];
		int at[5], len[5];
		for (int i = 0; i < 5; i++)
			cols[i] = (const char *)sqlite3_column_text(st, i);
		snippet = snippet_of_columns(m, cols, 5, 14, at, len);
		const char *own_title = (const char *)sqlite3_column_text(st, 5);
		const char *kind = (const char *)sqlite3_column_text(st, 6);
		for (int i = 0; i < 5 && hit->match_count < 6; i++) {
			catalog_match *mt = &hit->matched[hit->match_count];
			if (at[i] < 0)
				continue;
			snprintf(mt->form, sizeof mt->form, "%.*s", len[i], cols[i] + at[i]);
			const char *field = fields[i];
			if (i == 0 && own_title && !strstr(own_title, mt->form))
				field = "titles"; /* the match is in a translation */
			if (i == 4 && kind && !strcmp(kind, "transcript"))
				field = "transcript";
			snprintf(mt->field, sizeof mt->field, "%s", field);
			hit->match_count++;
		}
	}
	return snippet;
}

/* Hits being gathered, with the row each one's snippet comes from. */
typedef struct {
	catalog_hit *hits;
	sqlite3_int64 *best_row;
	int n, cap, limit, oom;
} hit_list;

static int add_passage(catalog_hit *hit, int seq)
{
	for (int i = 0; i < hit->passage_count; i++)
		if (hit->passages[i] == seq)
			return 0;
	int *bigger = realloc(hit->passages, (size_t)(hit->passage_count + 1) * sizeof *bigger);
	if (!bigger)
		return -1;
	hit->passages = bigger;
	hit->passages[hit->passage_count++] = seq;
	return 0;
}

/* The best rows of one index into l: of search, or of search_folded (its
 * items not found already, which rank below: folded). */
static int gather(catalog *c, const char *table, const char *q, int folded, hit_list *l)
{
	/* SQLite ranks the passages (title matches weigh most, then authors
	 * and topics, then the summary) and hands over only the best, enough
	 * of them for `limit` items; an item ranks as its best passage.
	 * Ranking costs about a microsecond a passage, so a word found in much
	 * of the archive is ranked among its RANKED newest passages and its
	 * RANKED_TITLES newest title matches, from the titles' own index (all
	 * of them when there are fewer: the ranking is then exact; a title is
	 * in an item's metadata row, seen twice then, once with its best score
	 * first). Fewer titles: a title is short, and one that has the words
	 * scores about as well as any other that has them. */
	enum { RANKED = 4000, RANKED_TITLES = 1000 };
	if (!c->tokenizers && !(c->tokenizers = terms_tokenizers_new(c->db)))
		return fail(c, "search");
	char sql[1400], *wide = terms_widen(c->db, c->tokenizers, folded, q);
	if (!wide)
		return -1;
	snprintf(sql, sizeof sql,
		 "SELECT i.id, p.seq, s.score, s.rowid FROM"
		 " (SELECT rowid, score FROM"
		 "   (SELECT rowid, rank_row(%s, 10.0, 5.0, 5.0, 2.0, 1.0) AS score FROM %s"
		 "    WHERE %s MATCH ?1 ORDER BY rowid DESC LIMIT ?3)"
		 "  UNION ALL SELECT rowid, score FROM"
		 "   (SELECT rowid, rank_row(%s_titles, 10.0) AS score FROM %s_titles"
		 "    WHERE %s_titles MATCH ?1 ORDER BY rowid DESC LIMIT ?4)"
		 "  ORDER BY score LIMIT ?2) s"
		 " JOIN passages p ON p.passage_no = s.rowid JOIN items i ON i.item_no = p.item"
		 " WHERE i.withdrawn = 0 ORDER BY s.score", table, table, table, table, table, table);
	sqlite3_stmt *st = prepare(c, sql);
	if (!st) {
		free(wide);
		return -1;
	}
	sqlite3_bind_text(st, 1, wide, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, l->limit < 1000000 / 4 ? l->limit * 4 : 1000000);
	sqlite3_bind_int(st, 3, RANKED);
	sqlite3_bind_int(st, 4, RANKED_TITLES);
	free(wide);
	int first_new = l->n, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		int seq = sqlite3_column_int(st, 1), h = 0;
		while (h < l->n && strcmp(l->hits[h].id, id) != 0) /* at most `limit` to look through */
			h++;
		if (h < first_new) /* found already, better */
			continue;
		if (h == l->n) {
			if (l->n == l->limit)
				continue;
			if (l->n == l->cap) {
				l->cap = l->cap ? l->cap * 2 : 16;
				catalog_hit *bigger = realloc(l->hits, (size_t)l->cap * sizeof *bigger);
				sqlite3_int64 *rows = realloc(l->best_row, (size_t)l->cap * sizeof *rows);
				if (bigger)
					l->hits = bigger;
				if (rows)
					l->best_row = rows;
				if (!bigger || !rows) {
					l->oom = 1;
					break;
				}
			}
			memset(&l->hits[l->n], 0, sizeof l->hits[l->n]);
			snprintf(l->hits[l->n].id, sizeof l->hits[l->n].id, "%s", id);
			l->hits[l->n].score = sqlite3_column_double(st, 2); /* the best: rows come best first */
			l->hits[l->n].folded = folded;
			l->best_row[l->n] = sqlite3_column_int64(st, 3);
			l->n++;
		}
		catalog_hit *hit = &l->hits[h];
		if (seq < 0) {
			hit->in_metadata = 1;
			continue;
		}
		if (!hit->passage_count) /* the snippet shows the best passage; the metadata only without one */
			l->best_row[h] = sqlite3_column_int64(st, 3);
		if (add_passage(hit, seq) != 0) {
			l->oom = 1;
			break;
		}
	}
	sqlite3_finalize(st);
	return l->oom ? -1 : rc == SQLITE_DONE ? 0 : fail(c, "search");
}

/* The thesaurus, sorted by set (caller frees both). */
static int read_names(catalog *c, expand_name **out, char ***texts, int *count)
{
	sqlite3_stmt *st = prepare(c, "SELECT name_set, name FROM names ORDER BY name_set, name_no");
	*out = NULL;
	*texts = NULL;
	*count = 0;
	if (!st)
		return -1;
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		expand_name *bigger = realloc(*out, (size_t)(n + 1) * sizeof *bigger);
		if (!bigger)
			break;
		*out = bigger;
		item_list_add(texts, &n, (const char *)sqlite3_column_text(st, 1));
		(*out)[n - 1].set = sqlite3_column_int(st, 0);
	}
	sqlite3_finalize(st);
	for (int i = 0; i < n; i++)
		(*out)[i].name = (*texts)[i];
	*count = n;
	return 0;
}

int catalog_set_names(catalog *c, char *const *names, const int *set_of, int count)
{
	assert(!sqlite3_get_autocommit(c->db)); /* inside the caller's transaction */
	if (exec(c, "DELETE FROM names") != 0)
		return -1;
	for (int i = 0; i < count; i++) {
		sqlite3_stmt *st = prepare(c, "INSERT INTO names(name_set, name) VALUES (?1, ?2)");
		if (!st)
			return -1;
		sqlite3_bind_int(st, 1, set_of[i]);
		sqlite3_bind_text(st, 2, names[i], -1, SQLITE_TRANSIENT);
		if (run(c, st, "names") != 0)
			return -1;
	}
	return 0;
}

/* Is any word of the folded index the start of this one (or this one)? */
static int in_index(catalog *c, const char *word)
{
	sqlite3_stmt *st = prepare(c, "SELECT 1 FROM search_terms WHERE folded = 1 AND term >= ?1 AND term < ?2 LIMIT 1");
	char end[FOLD_MAX + 2];
	int yes = 0;
	if (!st)
		return 1;
	snprintf(end, sizeof end, "%s\x7f", word);
	sqlite3_bind_text(st, 1, word, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, end, -1, SQLITE_TRANSIENT);
	yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return yes;
}

typedef struct {
	int best, best_full, best_docs;
	char word[FOLD_MAX];
} nearest;

/* The rows of the folded index a word is in, counted up to 500: to tell
 * a common word from a rare one. fts5vocab's count would read the word's
 * whole list, a hundred thousand entries for "azerbaijan" in a large
 * archive, at each keystroke. */
static int docs_of(catalog *c, const char *term)
{
	sqlite3_stmt *st = prepare(c, "SELECT count(*) FROM (SELECT rowid FROM search_folded WHERE search_folded MATCH ?1"
				      " LIMIT 500)");
	char phrase[FOLD_MAX + 3];
	int docs = 0;
	if (!st)
		return 0;
	snprintf(phrase, sizeof phrase, "\"%s\"", term); /* folded: letters and digits alone */
	sqlite3_bind_text(st, 1, phrase, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		docs = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return docs;
}

/* Looks through the words of the folded index from `from` up to `to`
 * (search_terms: fts5vocab would count each word's rows as it goes, which
 * for the words of two letters is most of the index; only words as near
 * as the nearest are counted). */
static void nearest_in(catalog *c, const char *word, const char *from, const char *to, int max, nearest *n)
{
	sqlite3_stmt *st = prepare(c, "SELECT term FROM search_terms WHERE folded = 1 AND term >= ?1 AND term < ?2");
	int len = (int)strlen(word);
	if (!st)
		return;
	sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *term = (const char *)sqlite3_column_text(st, 0);
		int full = expand_distance(word, term, max), d = full;
		/* Words are typed from their start: "vanadzr" is "vanadzorum" begun. */
		for (int cut = len - 1; cut <= len + 1; cut++)
			if (cut > 1 && cut < (int)strlen(term)) {
				char start[FOLD_MAX];
				snprintf(start, sizeof start, "%.*s", cut, term);
				int pd = expand_distance(word, start, max);
				d = pd < d ? pd : d;
			}
		int better = d < n->best || (d == n->best && d <= max && full < n->best_full), docs = -1;
		if (!better && d == n->best && d <= max && full == n->best_full) {
			if (n->best_docs < 0)
				n->best_docs = docs_of(c, n->word);
			better = (docs = docs_of(c, term)) > n->best_docs;
		}
		if (better) {
			n->best = d;
			n->best_full = full;
			n->best_docs = docs;
			snprintf(n->word, FOLD_MAX, "%s", term);
		}
	}
	sqlite3_finalize(st);
}

/* The word of the folded index nearest to word, or to whose start it is
 * nearest (one edit for a word of up to six letters, two for a longer
 * one): the nearest whole, then the one in the passages of most items
 * when several are as near; 0 when none is. The words that begin with
 * its first two letters are looked through first, then, when none is
 * near, those with its first letter: a slip is rarely on the first
 * letter, and the index is ordered by word. */
static int nearest_word(catalog *c, const char *word, char out[FOLD_MAX])
{
	int max = strlen(word) > 6 ? 2 : 1;
	nearest n = {max + 1, 99, -1, ""};
	char from[3] = {word[0], word[1], 0}, to[3] = {word[0], (char)(word[1] + 1), 0};
	nearest_in(c, word, from, to, max, &n);
	if (n.best > max) {
		char first[2] = {word[0], 0}, next[2] = {(char)(word[0] + 1), 0};
		nearest_in(c, word, first, next, max, &n);
	}
	snprintf(out, FOLD_MAX, "%s", n.word);
	return n.best <= max;
}

/* Snippets, the costly part, are made for the items shown alone; words
 * are folded to be marked only in the hits of the folded index. */
static int describe(catalog *c, const char *query, const expand_query *eq, hit_list *l)
{
	snippet_maker *plain = snippet_maker_new(c->db, query), *folded = NULL;
	sqlite3_stmt *st = prepare(c, row_text_sql);
	for (int h = 0; h < l->n; h++) {
		if (l->hits[h].passage_count) /* qsort of NULL is undefined even for none */
			qsort(l->hits[h].passages, (size_t)l->hits[h].passage_count, sizeof *l->hits[h].passages, compare_ints);
		if (l->hits[h].folded && !folded && (folded = snippet_maker_new(c->db, query)))
			snippet_maker_fold(folded, c->fold, eq->terms, eq->term_count);
		l->hits[h].snippet = describe_row(st, l->hits[h].folded ? folded : plain, l->best_row[h], &l->hits[h]);
	}
	sqlite3_finalize(st);
	snippet_maker_free(plain);
	snippet_maker_free(folded);
	return 0;
}

int catalog_search(catalog *c, const char *query, int limit, catalog_hit **out, int *count)
{
	*out = NULL;
	*count = 0;
	int as_typed = query[0] == CATALOG_AS_TYPED;
	char *q = fts_query(query + as_typed);
	if (!q)
		return -1;
	if (!q[0]) {
		free(q);
		return 0;
	}
	expand_name *names;
	char **name_texts;
	int name_count, rc = -1;
	expand_query eq;
	hit_list l = {.limit = limit <= 0 ? 1000000 : limit};
	if (!fold_of(c) || read_names(c, &names, &name_texts, &name_count) != 0) {
		free(q);
		return -1;
	}
	if (expand_make(c->fold, names, name_count, query + as_typed, &eq) != 0)
		goto done;
	/* The folded index's hits rank below every hit as typed: with `limit`
	 * of those, none of its could be shown. */
	if (gather(c, "search", q, 0, &l) != 0 || (eq.fts[0] && l.n < l.limit && gather(c, "search_folded", eq.fts, 1, &l) != 0))
		goto done;
	if (l.n == 0 && !as_typed && eq.word_count) {
		/* Nothing: the words no passage holds, taken for the nearest. */
		char corrected[128] = "", near[FOLD_MAX];
		int changed = 0;
		for (int w = 0; w < eq.word_count; w++) {
			const char *word = eq.words[w];
			if (!in_index(c, word) && nearest_word(c, word, near)) {
				word = near;
				changed = 1;
			}
			snprintf(corrected + strlen(corrected), sizeof corrected - strlen(corrected), "%s%s", w ? " " : "", word);
		}
		if (changed) {
			char again[130];
			snprintf(again, sizeof again, "%c%s", CATALOG_AS_TYPED, corrected);
			expand_free(&eq);
			free(q);
			q = NULL;
			for (int i = 0; i < name_count; i++)
				free(name_texts[i]);
			free(name_texts);
			free(names);
			if (catalog_search(c, again, limit, out, count) != 0)
				return -1;
			for (int i = 0; i < *count; i++)
				snprintf((*out)[i].corrected, sizeof (*out)[i].corrected, "%s", corrected);
			return 0;
		}
	}
	describe(c, query + as_typed, &eq, &l);
	rc = 0;
done:
	expand_free(&eq);
	for (int i = 0; i < name_count; i++)
		free(name_texts[i]);
	free(name_texts);
	free(names);
	free(l.best_row);
	free(q);
	if (rc != 0) {
		catalog_free_hits(l.hits, l.n);
		return -1;
	}
	if (l.n)
		qsort(l.hits, (size_t)l.n, sizeof *l.hits, compare_hits);
	*out = l.hits;
	*count = l.n;
	return 0;
}

/* The passages of one item that the folded index finds, as
 * catalog_search_within gives them (folded, with the forms that matched). */
static int within_folded(catalog *c, const char *id, const char *query, int limit, catalog_hit **out, int *count)
{
	expand_name *names;
	char **texts;
	int name_count, rc = -1, n = 0;
	expand_query eq;
	catalog_hit *hits = NULL;
	if (!fold_of(c) || read_names(c, &names, &texts, &name_count) != 0)
		return -1;
	if (expand_make(c->fold, names, name_count, query, &eq) != 0)
		goto done;
	sqlite3_stmt *st = prepare(c, "SELECT p.seq, search_folded.rowid FROM search_folded"
				      " JOIN passages p ON p.passage_no = search_folded.rowid JOIN items i ON i.item_no = p.item"
				      " WHERE search_folded MATCH ?1 AND i.id = ?2 AND p.seq >= 0 ORDER BY p.seq LIMIT ?3");
	sqlite3_stmt *text = prepare(c, row_text_sql);
	snippet_maker *m = snippet_maker_new(c->db, query);
	snippet_maker_fold(m, c->fold, eq.terms, eq.term_count);
	if (st && text && eq.fts[0]) {
		sqlite3_bind_text(st, 1, eq.fts, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, limit > 0 ? limit : -1);
		int step;
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			catalog_hit *bigger = realloc(hits, (size_t)(n + 1) * sizeof *bigger);
			if (!bigger)
				break;
			hits = bigger;
			catalog_hit *h = &hits[n++];
			memset(h, 0, sizeof *h);
			snprintf(h->id, sizeof h->id, "%s", id);
			h->folded = 1;
			if (!(h->passages = malloc(sizeof *h->passages)))
				break;
			h->passages[0] = sqlite3_column_int(st, 0);
			h->passage_count = 1;
			h->snippet = describe_row(text, m, sqlite3_column_int64(st, 1), h);
		}
		rc = step == SQLITE_DONE ? 0 : fail(c, "search within");
	} else if (st && text) {
		rc = 0;
	}
	snippet_maker_free(m);
	sqlite3_finalize(text);
	sqlite3_finalize(st);
done:
	expand_free(&eq);
	for (int i = 0; i < name_count; i++)
		free(texts[i]);
	free(texts);
	free(names);
	if (rc != 0) {
		catalog_free_hits(hits, n);
		return -1;
	}
	*out = hits;
	*count = n;
	return 0;
}

int catalog_search_within(catalog *c, const char *id, const char *query, int limit, catalog_hit **out, int *count)
{
	*out = NULL;
	*count = 0;
	char *q = fts_query(query);
	if (!q)
		return -1;
	if (!q[0]) {
		free(q);
		return 0;
	}
	sqlite3_stmt *st = prepare(c,
		"SELECT p.seq, snippet(search, 4, '[', ']', '…', 16)"
		" FROM search JOIN passages p ON p.passage_no = search.rowid JOIN items i ON i.item_no = p.item"
		" WHERE search MATCH ?1 AND i.id = ?2 AND p.seq >= 0 ORDER BY p.seq LIMIT ?3");
	if (!st) {
		free(q);
		return -1;
	}
	sqlite3_bind_text(st, 1, q, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, limit > 0 ? limit : -1);
	catalog_hit *hits = NULL;
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		catalog_hit *bigger = realloc(hits, (size_t)(n + 1) * sizeof *bigger);
		if (!bigger)
			break;
		hits = bigger;
		catalog_hit *h = &hits[n];
		memset(h, 0, sizeof *h);
		snprintf(h->id, sizeof h->id, "%s", id);
		h->passages = malloc(sizeof *h->passages);
		h->snippet = column_dup(st, 1);
		n++;
		if (!h->passages || !h->snippet)
			break;
		h->passages[0] = sqlite3_column_int(st, 0);
		h->passage_count = 1;
	}
	sqlite3_finalize(st);
	free(q);
	if (rc != SQLITE_DONE) {
		catalog_free_hits(hits, n);
		return fail(c, "search within");
	}
	if (n == 0) /* none as typed: in another script, another form */
		return within_folded(c, id, query, limit, out, count);
	*out = hits;
	*count = n;
	return 0;
}

int catalog_rebuild_folded(catalog *c)
{
	if (catalog_begin(c) != 0)
		return -1;
	if (exec(c, "INSERT INTO search_folded(search_folded) VALUES ('delete-all');"
		    "INSERT INTO search_folded_titles(search_folded_titles) VALUES ('delete-all')") != 0 ||
	    exec(c, fold_all_sql) != 0 || exec(c, FOLDED_TITLE_ROWS) != 0 ||
	    terms_refill(c->db) != 0 || catalog_set(c, "fold_version", fold_version()) != 0) {
		catalog_rollback(c);
		return -1;
	}
	return catalog_commit(c);
}

void catalog_free_hits(catalog_hit *hits, int count)
{
	for (int i = 0; i < count; i++) {
		free(hits[i].passages);
		free(hits[i].snippet);
	}
	free(hits);
}

int catalog_each_file(catalog *c, int (*fn)(const char *sha256, long long size, void *ctx), void *ctx)
{
	sqlite3_stmt *st = prepare(c, "SELECT sha256, size FROM files ORDER BY sha256");
	if (!st)
		return -1;
	int rc = 0;
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW)
		rc = fn((const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1), ctx);
	sqlite3_finalize(st);
	return rc;
}

int catalog_check(catalog *c, char err[256])
{
	static const char *checks[] = {
		"PRAGMA integrity_check",
		"PRAGMA foreign_key_check",
		"SELECT 'item ' || id || ': no pages' FROM items WHERE pages < 1 AND withdrawn = 0",
	};
	for (int i = 0; i < 3; i++) {
		sqlite3_stmt *st = prepare(c, checks[i]);
		if (!st) {
			snprintf(err, 256, "%s", c->error);
			return -1;
		}
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW && !(i == 0 && strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0)) {
			snprintf(err, 256, "catalogue: %s%s", i == 1 ? "broken reference in table " : "",
				 (const char *)sqlite3_column_text(st, 0));
			sqlite3_finalize(st);
			return -1;
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			snprintf(err, 256, "catalogue: %s", sqlite3_errmsg(c->db));
			return -1;
		}
	}
	/* FTS5's own consistency check, of both indexes; and the folded one
	 * has a row for each of the other's. */
	for (int i = 0; i < 2; i++) {
		sqlite3_stmt *st = prepare(c, i ? "INSERT INTO search_folded(search_folded, rank) VALUES ('integrity-check', 1)"
						: "INSERT INTO search(search, rank) VALUES ('integrity-check', 1)");
		if (!st || sqlite3_step(st) != SQLITE_DONE) {
			snprintf(err, 256, "catalogue: %s index: %s", i ? "folded search" : "search", sqlite3_errmsg(c->db));
			sqlite3_finalize(st);
			return -1;
		}
		sqlite3_finalize(st);
	}
	sqlite3_stmt *st = prepare(c, "SELECT (SELECT count(*) FROM search) = (SELECT count(*) FROM search_folded)");
	int same = st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (!same) {
		snprintf(err, 256, "catalogue: the folded search index does not hold a row for each of the search index's");
		return -1;
	}
	return 0;
}

/* --- repair --- */

/* The tables that hold what the catalogue knows (the search index is made
 * again from them), in an order where each row's references come first. */
static const char *const kept_tables[] = {"settings", "files", "items", "item_titles", "item_warnings",
					  "item_authors", "item_topics", "passages", "import_log", "trusted_keys",
					  "recordings", "recording_tracks", "recording_times", "names",
					  "recording_segments", "recording_notes", "about", "topics", "topic_labels",
					  "collections", "collection_texts", "collection_items", "item_summaries",
					  "item_sources"};

/* Copies the rows of old.table that can still be read into main.table.
 * Where a damaged page stops the scan, it goes on past it: after the last
 * row read, then further and further on. Returns the number of gaps. */
static int copy_readable(catalog *c, const char *table, long long *copied)
{
	char sql[1024], columns[512] = "", into[520] = "";
	/* The old table's columns by name: it may be of an older schema, with
	 * fewer (a column added later keeps its default). */
	snprintf(sql, sizeof sql, "SELECT name FROM pragma_table_info('%s', 'old')", table);
	sqlite3_stmt *names = prepare(c, sql);
	size_t used = 0;
	while (names && sqlite3_step(names) == SQLITE_ROW && used < sizeof columns - 70)
		used += (size_t)snprintf(columns + used, sizeof columns - used, "%s\"%s\"", used ? ", " : "",
					 (const char *)sqlite3_column_text(names, 0));
	sqlite3_finalize(names);
	if (columns[0])
		snprintf(into, sizeof into, "(%s)", columns);
	else
		snprintf(columns, sizeof columns, "*");
	snprintf(sql, sizeof sql, "INSERT OR IGNORE INTO main.%s%s SELECT %s FROM old.%s", table, into, columns, table);
	/* Each statement its own transaction: after a damaged page SQLite
	 * takes back the whole transaction it was in. */
	if (exec(c, sql) == 0) {
		*copied += sqlite3_changes(c->db);
		return 0;
	}
	sqlite3_stmt *scan = NULL, *copy = NULL;
	snprintf(sql, sizeof sql, "SELECT rowid FROM old.%s WHERE rowid > ?1 ORDER BY rowid", table);
	sqlite3_prepare_v2(c->db, sql, -1, &scan, NULL);
	snprintf(sql, sizeof sql, "INSERT OR IGNORE INTO main.%s%s SELECT %s FROM old.%s WHERE rowid = ?1", table, into,
		 columns, table);
	sqlite3_prepare_v2(c->db, sql, -1, &copy, NULL);
	long long after = LLONG_MIN, jump = 1;
	int gaps = 0, misses = 0;
	while (scan && copy && misses < 48) {
		sqlite3_reset(scan);
		sqlite3_bind_int64(scan, 1, after);
		int rc, rows = 0;
		while ((rc = sqlite3_step(scan)) == SQLITE_ROW) {
			after = sqlite3_column_int64(scan, 0);
			sqlite3_reset(copy);
			sqlite3_bind_int64(copy, 1, after);
			if (sqlite3_step(copy) == SQLITE_DONE)
				*copied += sqlite3_changes(c->db);
			rows++;
		}
		if (rc == SQLITE_DONE)
			break;
		if (rows) { /* a new gap */
			gaps++;
			jump = 1;
			misses = 0;
		}
		if (after == LLONG_MIN)
			after = 0;
		after += jump; /* past the damaged page, one step further each time */
		jump *= 2;
		misses++;
	}
	sqlite3_finalize(scan);
	sqlite3_finalize(copy);
	return gaps ? gaps : 1;
}

/* The one number a query gives (0 when none or on error). */
static long long count_of(catalog *c, const char *sql)
{
	sqlite3_stmt *st = prepare(c, sql);
	long long n = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return n;
}

/* The archive id an applied log row names: its own column (schema 6 on),
 * else its trusted comment as hishatak bundle signs ("ID bundle N", N the
 * row's sequence). 1 when found. */
static int archive_in_log(catalog *c, char out[65])
{
	sqlite3_stmt *st = prepare(c, "SELECT archive, signer, sequence FROM main.import_log"
				      " WHERE result = 'applied' ORDER BY archive IS NULL, entry_no DESC");
	int found = 0;
	while (!found && st && sqlite3_step(st) == SQLITE_ROW) {
		const char *archive = (const char *)sqlite3_column_text(st, 0);
		const char *signer = (const char *)sqlite3_column_text(st, 1);
		char id[65];
		long long seq;
		if (archive && item_id_is_valid(archive)) {
			snprintf(out, 65, "%s", archive);
			found = 1;
		} else if (signer && sscanf(signer, "%64[a-z0-9-] bundle %lld", id, &seq) == 2 &&
			   seq == sqlite3_column_int64(st, 2) && item_id_is_valid(id)) {
			snprintf(out, 65, "%s", id);
			found = 1;
		}
	}
	sqlite3_finalize(st);
	return found;
}

/* Puts back the archive's identity in the repaired catalogue (inside its
 * transaction): the archive id and the last sequence, kept, or found again
 * in the import log; the sequence goes back to 0 when items were lost, so
 * that the sticks bring them back. Says in r what it did. */
static int recover_identity(catalog *c, catalog_repair_report *r, int items_lost)
{
	char *archive = catalog_get_setting(c, "archive"), *last = catalog_get_setting(c, "last_sequence");
	long long logged = count_of(c, "SELECT max(sequence) FROM main.import_log WHERE result = 'applied'");
	char seq[32];
	int rc = 0;
	r->archive_how = archive ? REPAIR_KEPT : archive_in_log(c, r->archive) ? REPAIR_FROM_LOG : REPAIR_LOST;
	if (archive)
		snprintf(r->archive, sizeof r->archive, "%s", archive);
	else if (r->archive_how == REPAIR_FROM_LOG)
		rc = catalog_set(c, "archive", r->archive);
	r->last_sequence = last ? atoll(last) : logged;
	r->sequence_how = items_lost ? REPAIR_FROM_FIRST : last ? REPAIR_KEPT : logged ? REPAIR_FROM_LOG : REPAIR_NONE_APPLIED;
	snprintf(seq, sizeof seq, "%lld", items_lost ? 0 : r->last_sequence);
	if (rc == 0 && (items_lost || !last))
		rc = catalog_set(c, "last_sequence", seq);
	free(archive);
	free(last);
	r->pin_lost = r->settings_damaged && !count_of(c, "SELECT count(*) FROM settings WHERE key = 'kiosk.pin_hash'");
	r->keys_left = (int)count_of(c, "SELECT count(*) FROM trusted_keys");
	return rc;
}

int catalog_check_identity(catalog *c, char err[256])
{
	char *archive = catalog_get_setting(c, "archive"), *last = catalog_get_setting(c, "last_sequence");
	long long applied = count_of(c, "SELECT count(*) FROM import_log WHERE result = 'applied'");
	int ok = archive && (last || !applied);
	if (!archive)
		snprintf(err, 256, "catalogue: no archive id (every bundle would be refused as another archive's)");
	else if (!ok)
		snprintf(err, 256, "catalogue: no last sequence, with %lld bundle%s applied (an older one would be taken again)",
			 applied, applied == 1 ? "" : "s");
	free(archive);
	free(last);
	return ok ? 0 : -1;
}

int catalog_repair(const char *path, catalog_repair_report *r, char err[256])
{
	char fresh[4200], kept[4200];
	memset(r, 0, sizeof *r);
	snprintf(fresh, sizeof fresh, "%s.repair", path);
	for (const char *end = "\0-wal\0-shm\0"; ; end += strlen(end) + 1) {
		char p[4300];
		snprintf(p, sizeof p, "%s%s", fresh, end);
		unlink(p);
		if (!strcmp(end, "-shm"))
			break;
	}
	catalog *c = catalog_open(fresh, err);
	if (!c)
		return -1;
	int rc = -1;
	sqlite3_stmt *attach = prepare(c, "ATTACH ?1 AS old");
	if (!attach)
		goto done;
	sqlite3_bind_text(attach, 1, path, -1, SQLITE_STATIC);
	int attached = sqlite3_step(attach) == SQLITE_DONE;
	sqlite3_finalize(attach);
	/* A scratch file until it is renamed into place: synced at the end. */
	if (!attached || exec(c, "PRAGMA foreign_keys = OFF; PRAGMA synchronous = OFF") != 0) {
		snprintf(err, 256, "%s: %s", path, sqlite3_errmsg(c->db));
		goto done;
	}
	sqlite3_stmt *st = prepare(c, "SELECT count(*) FROM old.items");
	if (st && sqlite3_step(st) == SQLITE_ROW)
		r->items_before = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	int gaps[sizeof kept_tables / sizeof *kept_tables], item_gaps = 0;
	for (size_t i = 0; i < sizeof kept_tables / sizeof *kept_tables; i++) {
		gaps[i] = copy_readable(c, kept_tables[i], &r->rows);
		r->damaged_places += gaps[i];
		int of_items = (i >= 1 && i <= 7) || !strcmp(kept_tables[i], "item_summaries") || !strcmp(kept_tables[i], "item_sources");
		item_gaps += of_items ? gaps[i] : 0; /* items' rows */
	}
	/* The usage counts, as far as they can be read (an older schema has
	 * none): the staff's report, not the archive, so not counted as lost. */
	sqlite3_exec(c->db, "INSERT OR IGNORE INTO main.usage(day, what, key, count, seconds)"
			    " SELECT day, what, key, count, seconds FROM old.usage", NULL, NULL, NULL);
	r->settings_damaged = gaps[0] > 0;
	r->log_damaged = gaps[8] > 0;
	r->keys_damaged = gaps[9] > 0;
	/* What lost its item or file goes; an item that lost any of its
	 * passages (numbered from 0) goes too: it comes back whole when its
	 * bundle is imported again. */
	if (catalog_begin(c) != 0 || exec(c, "DELETE FROM items WHERE file_sha256 NOT IN (SELECT sha256 FROM files)"
		    " OR doc_sha256 NOT IN (SELECT sha256 FROM files)"
		    " OR item_no NOT IN (SELECT item FROM passages)"
		    " OR item_no IN (SELECT item FROM passages WHERE seq >= 0 GROUP BY item HAVING count(*) != max(seq) + 1);"
		    "DELETE FROM item_titles WHERE item NOT IN (SELECT item_no FROM items);"
		    "DELETE FROM item_warnings WHERE item NOT IN (SELECT item_no FROM items);"
		    "DELETE FROM item_summaries WHERE item NOT IN (SELECT item_no FROM items);"
		    "DELETE FROM item_sources WHERE item NOT IN (SELECT item_no FROM items);"
		    "DELETE FROM item_authors WHERE item NOT IN (SELECT item_no FROM items);"
		    "DELETE FROM item_topics WHERE item NOT IN (SELECT item_no FROM items);"
		    "DELETE FROM passages WHERE item NOT IN (SELECT item_no FROM items);"
		    "DELETE FROM recordings WHERE sha256 NOT IN (SELECT file_sha256 FROM items);"
		    "UPDATE collections SET picture_sha256 = NULL WHERE picture_sha256 NOT IN (SELECT sha256 FROM files);"
		    "DELETE FROM topic_labels WHERE topic NOT IN (SELECT topic FROM topics);"
		    "DELETE FROM collection_texts WHERE collection NOT IN (SELECT collection_no FROM collections);"
		    "DELETE FROM collection_items WHERE collection NOT IN (SELECT collection_no FROM collections);"
		    "DELETE FROM files WHERE sha256 NOT IN (SELECT file_sha256 FROM items UNION SELECT doc_sha256 FROM items"
		    " UNION SELECT file_sha256 FROM recording_tracks"
		    " UNION SELECT picture_sha256 FROM collections WHERE picture_sha256 IS NOT NULL);") != 0 ||
	    exec(c, index_all_sql) != 0 || exec(c, fold_all_sql) != 0 || exec(c, TITLE_ROWS) != 0 ||
	    exec(c, FOLDED_TITLE_ROWS) != 0 || terms_refill(c->db) != 0)
		goto fail;
	r->items_after = (int)count_of(c, "SELECT count(*) FROM main.items");
	/* Rows of items lost: the next stick's bundles are taken again from
	 * the first, since any of them may hold what was lost. */
	if (recover_identity(c, r, item_gaps > 0 || r->items_after < r->items_before) != 0 || catalog_commit(c) != 0)
		goto fail;
	if (exec(c, "DETACH old; PRAGMA synchronous = FULL; PRAGMA wal_checkpoint(TRUNCATE)") != 0)
		goto fail;
	if (catalog_check(c, err) != 0)
		goto done;
	catalog_close(c);
	c = NULL;
	/* The damaged file is kept beside, never deleted: nothing is lost. */
	time_t now = time(NULL);
	char stamp[32];
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", gmtime(&now));
	snprintf(kept, sizeof kept, "%s.damaged-%s", path, stamp);
	snprintf(r->kept, sizeof r->kept, "%s", kept);
	for (const char *end = "\0-wal\0-shm\0"; ; end += strlen(end) + 1) {
		char from[4300], to[4300];
		snprintf(from, sizeof from, "%s%s", path, end);
		snprintf(to, sizeof to, "%s%s", kept, end);
		if (rename(from, to) != 0 && errno != ENOENT) {
			snprintf(err, 256, "%s: %s", from, strerror(errno));
			return -1;
		}
		if (!strcmp(end, "-shm"))
			break;
	}
	if (rename(fresh, path) != 0) {
		snprintf(err, 256, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
fail:
	snprintf(err, 256, "%s", c->error);
	catalog_rollback(c);
done:
	catalog_close(c);
	return rc;
}

int catalog_quick_check(catalog *c, char err[256])
{
	sqlite3_stmt *st = prepare(c, "PRAGMA quick_check(1)");
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
	int ok = rc == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
	if (!ok)
		snprintf(err, 256, "%s", rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : sqlite3_errmsg(c->db));
	sqlite3_finalize(st);
	return ok ? 0 : -1;
}
