/* The catalogue's guide for visitors: see catalog_guide.h. */
#include "core/catalog_guide.h"
#include "core/catalog_db.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prepares sql and binds the strings given (NULL or "" as NULL), one a
 * parameter from ?1; returns NULL with err on failure. */
static sqlite3_stmt *statement(sqlite3 *db, const char *sql, char err[256], int n, ...)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		catalog_db_failed(db, "prepare", err);
		return NULL;
	}
	va_list ap;
	va_start(ap, n);
	for (int i = 1; i <= n; i++) {
		const char *s = va_arg(ap, const char *);
		if (s && s[0])
			sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	}
	va_end(ap);
	return st;
}

/* Steps a statement that returns no rows, then finalizes it. */
static int done(sqlite3 *db, sqlite3_stmt *st, const char *what, char err[256])
{
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : catalog_db_failed(db, what, err);
}

static int put_about(sqlite3 *db, const guide_about *a, char err[256])
{
	if (done(db, statement(db, "DELETE FROM about", err, 0), "about", err) != 0 ||
	    done(db, statement(db, "INSERT INTO about(lang, title, intro) VALUES ('', ?1, ?2)", err, 2, a->title, a->intro),
		 "about", err) != 0)
		return -1;
	/* A language with a title or an introduction, or both. */
	for (int pass = 0; pass < 2; pass++) {
		const item_text *texts = pass ? a->intros : a->titles;
		int count = pass ? a->intro_count : a->title_count;
		for (int i = 0; i < count; i++) {
			const char *sql = pass ? "INSERT INTO about(lang, intro) VALUES (?1, ?2) ON CONFLICT(lang) DO UPDATE SET intro = ?2"
					       : "INSERT INTO about(lang, title) VALUES (?1, ?2) ON CONFLICT(lang) DO UPDATE SET title = ?2";
			if (done(db, statement(db, sql, err, 2, texts[i].lang, texts[i].text), "about", err) != 0)
				return -1;
		}
	}
	return 0;
}

static int put_topic(sqlite3 *db, const guide_topic *t, int pos, char err[256])
{
	char position[16];
	snprintf(position, sizeof position, "%d", pos);
	if (done(db, statement(db, "DELETE FROM topics WHERE topic = ?1", err, 1, t->id), "topic", err) != 0 ||
	    done(db, statement(db, "INSERT INTO topics(topic, pos, label) VALUES (?1, ?2, ?3)", err, 3, t->id, position, t->label),
		 "topic", err) != 0)
		return -1;
	for (int i = 0; i < t->label_count; i++)
		if (done(db, statement(db, "INSERT OR REPLACE INTO topic_labels(topic, lang, label) VALUES (?1, ?2, ?3)", err, 3,
				       t->id, t->labels[i].lang, t->labels[i].text), "topic label", err) != 0)
			return -1;
	return 0;
}

static int item_is_held(sqlite3 *db, const char *id)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM items WHERE id = ?1 AND withdrawn = 0", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	int yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return yes;
}

static int put_collection(sqlite3 *db, const guide_collection *col, int pos, char *notes, size_t notes_size, char err[256])
{
	char old_picture[65] = "", position[16];
	sqlite3_stmt *st = statement(db, "SELECT picture_sha256 FROM collections WHERE id = ?1", err, 1, col->id);
	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(old_picture, sizeof old_picture, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (done(db, statement(db, "DELETE FROM collections WHERE id = ?1", err, 1, col->id), "collection", err) != 0)
		return -1;
	if (col->withdraw)
		return 0;
	snprintf(position, sizeof position, "%d", pos);
	const char *picture = col->picture_sha256[0] ? col->picture_sha256 : old_picture;
	if (done(db, statement(db, "INSERT INTO collections(id, pos, title, intro, picture_sha256) VALUES (?1, ?2, ?3, ?4, ?5)",
			       err, 5, col->id, position, col->title, col->intro, picture), "collection", err) != 0)
		return -1;
	sqlite3_int64 no = sqlite3_last_insert_rowid(db);
	char number[32];
	snprintf(number, sizeof number, "%lld", (long long)no);
	for (int pass = 0; pass < 2; pass++) {
		const item_text *texts = pass ? col->intros : col->titles;
		int count = pass ? col->intro_count : col->title_count;
		for (int i = 0; i < count; i++) {
			const char *sql = pass ? "INSERT INTO collection_texts(collection, lang, intro) VALUES (?1, ?2, ?3)"
						 " ON CONFLICT DO UPDATE SET intro = ?3"
					       : "INSERT INTO collection_texts(collection, lang, title) VALUES (?1, ?2, ?3)"
						 " ON CONFLICT DO UPDATE SET title = ?3";
			if (done(db, statement(db, sql, err, 3, number, texts[i].lang, texts[i].text), "collection", err) != 0)
				return -1;
		}
	}
	char missing[200] = "";
	for (int i = 0, kept = 0; i < col->item_count; i++) {
		if (!item_is_held(db, col->items[i])) {
			size_t n = strlen(missing);
			if (n + strlen(col->items[i]) + 3 < sizeof missing)
				snprintf(missing + n, sizeof missing - n, "%s%s", n ? ", " : "", col->items[i]);
			continue;
		}
		snprintf(position, sizeof position, "%d", kept++);
		if (done(db, statement(db, "INSERT INTO collection_items(collection, pos, item) VALUES (?1, ?2, ?3)", err, 3, number,
				       position, col->items[i]), "collection item", err) != 0)
			return -1;
	}
	size_t n = strlen(notes);
	if (missing[0] && n + 8 < notes_size)
		snprintf(notes + n, notes_size - n, "%scollection %s: not in this archive, left out: %s", n ? "; " : "", col->id,
			 missing);
	return 0;
}

int catalog_put_guide(catalog *c, const guide *g, char *notes, size_t notes_size, char err[256])
{
	sqlite3 *db = catalog_db(c);
	assert(!sqlite3_get_autocommit(db)); /* inside the caller's transaction */
	if (g->about_given && put_about(db, &g->about, err) != 0)
		return -1;
	for (int i = 0; i < g->topic_count; i++)
		if (put_topic(db, &g->topics[i], i, err) != 0)
			return -1;
	for (int i = 0; i < g->collection_count; i++)
		if (put_collection(db, &g->collections[i], i, notes, notes_size, err) != 0)
			return -1;
	return 0;
}

static char *dup_column(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s && s[0] ? strdup((const char *)s) : NULL;
}

/* Rows of (lang, title, intro) into two lists of translations. */
static int read_texts(sqlite3_stmt *st, item_text **titles, int *title_count, item_text **intros, int *intro_count)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *lang = (const char *)sqlite3_column_text(st, 0);
		const char *title = (const char *)sqlite3_column_text(st, 1), *intro = (const char *)sqlite3_column_text(st, 2);
		if (title && title[0])
			item_text_add(titles, title_count, lang, title);
		if (intro && intro[0])
			item_text_add(intros, intro_count, lang, intro);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int catalog_get_guide(catalog *c, guide *out, char err[256])
{
	sqlite3 *db = catalog_db(c);
	memset(out, 0, sizeof *out);
	err[0] = 0;
	sqlite3_stmt *st = statement(db, "SELECT title, intro FROM about WHERE lang = ''", err, 0);
	if (!st)
		goto fail;
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->about_given = 1;
		out->about.title = dup_column(st, 0);
		out->about.intro = dup_column(st, 1);
	}
	sqlite3_finalize(st);
	guide_about *a = &out->about;
	if (!(st = statement(db, "SELECT lang, title, intro FROM about WHERE lang != '' ORDER BY lang", err, 0)) ||
	    read_texts(st, &a->titles, &a->title_count, &a->intros, &a->intro_count) != 0)
		goto fail;

	if (!(st = statement(db, "SELECT topic, label FROM topics ORDER BY pos, topic", err, 0)))
		goto fail;
	while (sqlite3_step(st) == SQLITE_ROW) {
		guide_topic *more = realloc(out->topics, (size_t)(out->topic_count + 1) * sizeof *more);
		if (!more)
			break;
		out->topics = more;
		guide_topic *t = &out->topics[out->topic_count++];
		memset(t, 0, sizeof *t);
		snprintf(t->id, sizeof t->id, "%s", (const char *)sqlite3_column_text(st, 0));
		t->label = dup_column(st, 1);
	}
	sqlite3_finalize(st);
	if (!(st = statement(db, "SELECT topic, lang, label FROM topic_labels ORDER BY topic, lang", err, 0)))
		goto fail;
	while (sqlite3_step(st) == SQLITE_ROW)
		for (int i = 0; i < out->topic_count; i++)
			if (strcmp(out->topics[i].id, (const char *)sqlite3_column_text(st, 0)) == 0)
				item_text_add(&out->topics[i].labels, &out->topics[i].label_count,
					      (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2));
	sqlite3_finalize(st);

	if (!(st = statement(db, "SELECT collection_no, id, title, intro, picture_sha256,"
				 " (SELECT size FROM files WHERE sha256 = picture_sha256) FROM collections ORDER BY pos, id", err, 0)))
		goto fail;
	while (sqlite3_step(st) == SQLITE_ROW) {
		guide_collection *more = realloc(out->collections, (size_t)(out->collection_count + 1) * sizeof *more);
		if (!more)
			break;
		out->collections = more;
		guide_collection *col = &out->collections[out->collection_count++];
		memset(col, 0, sizeof *col);
		char number[32];
		snprintf(number, sizeof number, "%lld", (long long)sqlite3_column_int64(st, 0));
		snprintf(col->id, sizeof col->id, "%s", (const char *)sqlite3_column_text(st, 1));
		col->title = dup_column(st, 2);
		col->intro = dup_column(st, 3);
		if (sqlite3_column_text(st, 4))
			snprintf(col->picture_sha256, sizeof col->picture_sha256, "%s", (const char *)sqlite3_column_text(st, 4));
		col->picture_size = sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 5);
		sqlite3_stmt *texts = statement(db, "SELECT lang, title, intro FROM collection_texts WHERE collection = ?1 ORDER BY lang",
						err, 1, number);
		sqlite3_stmt *items = statement(db, "SELECT ci.item FROM collection_items ci JOIN items i ON i.id = ci.item"
						    " AND i.withdrawn = 0 WHERE ci.collection = ?1 ORDER BY ci.pos", err, 1, number);
		int ok = texts && items;
		if (ok) {
			ok = read_texts(texts, &col->titles, &col->title_count, &col->intros, &col->intro_count) == 0;
			texts = NULL; /* finalized */
		}
		while (ok && sqlite3_step(items) == SQLITE_ROW)
			item_list_add(&col->items, &col->item_count, (const char *)sqlite3_column_text(items, 0));
		sqlite3_finalize(texts);
		sqlite3_finalize(items);
		if (!ok) {
			sqlite3_finalize(st);
			goto fail;
		}
	}
	sqlite3_finalize(st);
	return 0;
fail:
	if (!err[0])
		catalog_db_failed(db, "guide", err);
	guide_free(out);
	return -1;
}
