/* The catalogue's usage counts: see catalog_usage.h. */
#include "core/catalog_usage.h"
#include "core/catalog_db.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether the day already has the key, and how many keys of what it has. */
static int keys_of_day(sqlite3 *db, const catalog_usage_row *r, int *has_key, long long *keys, char err[256])
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT count(*), coalesce(max(key = ?3), 0) FROM usage WHERE day = ?1 AND what = ?2",
			       -1, &st, NULL) != SQLITE_OK)
		return catalog_db_failed(db, "usage: prepare", err);
	sqlite3_bind_text(st, 1, r->day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, r->what, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, r->key, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*keys = sqlite3_column_int64(st, 0);
		*has_key = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : catalog_db_failed(db, "usage: count", err);
}

int catalog_usage_add(catalog *c, const catalog_usage_row *r, int max_keys, const char *other_key, char err[256])
{
	sqlite3 *db = catalog_db(c);
	assert(!sqlite3_get_autocommit(db)); /* inside the caller's transaction */
	const char *key = r->key;
	if (max_keys > 0) {
		int has_key = 0;
		long long keys = 0;
		if (keys_of_day(db, r, &has_key, &keys, err) != 0)
			return -1;
		if (!has_key && keys >= max_keys)
			key = other_key;
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "INSERT INTO usage(day, what, key, count, seconds) VALUES (?1, ?2, ?3, ?4, ?5)"
				   " ON CONFLICT(day, what, key) DO UPDATE"
				   " SET count = count + excluded.count, seconds = seconds + excluded.seconds",
			       -1, &st, NULL) != SQLITE_OK)
		return catalog_db_failed(db, "usage: prepare", err);
	sqlite3_bind_text(st, 1, r->day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, r->what, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, r->count);
	sqlite3_bind_int64(st, 5, r->seconds);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : catalog_db_failed(db, "usage: add", err);
}

int catalog_usage_rows(catalog *c, catalog_usage_row **rows, int *count, char err[256])
{
	sqlite3 *db = catalog_db(c);
	sqlite3_stmt *st = NULL;
	*rows = NULL;
	*count = 0;
	if (sqlite3_prepare_v2(db, "SELECT day, what, key, count, seconds FROM usage ORDER BY day, what, key", -1, &st,
			       NULL) != SQLITE_OK)
		return catalog_db_failed(db, "usage: prepare", err);
	int rc, cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*count == cap) {
			cap = cap ? 2 * cap : 64;
			catalog_usage_row *grown = realloc(*rows, (size_t)cap * sizeof **rows);
			if (!grown) {
				snprintf(err, 256, "catalogue: usage: out of memory");
				goto fail;
			}
			*rows = grown;
		}
		catalog_usage_row *r = &(*rows)[(*count)++];
		snprintf(r->day, sizeof r->day, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(r->what, sizeof r->what, "%s", (const char *)sqlite3_column_text(st, 1));
		snprintf(r->key, sizeof r->key, "%s", (const char *)sqlite3_column_text(st, 2));
		r->count = sqlite3_column_int64(st, 3);
		r->seconds = sqlite3_column_int64(st, 4);
	}
	if (rc != SQLITE_DONE) {
		catalog_db_failed(db, "usage: read", err);
		goto fail;
	}
	sqlite3_finalize(st);
	return 0;
fail:
	sqlite3_finalize(st);
	free(*rows);
	*rows = NULL;
	*count = 0;
	return -1;
}
