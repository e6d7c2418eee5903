/* The archive's guide for visitors: see guide.h. SQLite's JSON1 does the
 * parsing, as for the rest of bundle.json (manifest.c); this file walks the
 * three fields and checks their rules. */
#include "core/guide.h"
#include "core/json.h"
#include "core/manifest.h"
#include "core/store.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
	sqlite3 *db;
	sqlite3_stmt *get;
	char *err;
} reader;

static const char *get(reader *r, const char *json, const char *path, char **value, char type[16])
{
	return json_get(r->get, json, path, value, type);
}

/* An optional string: NULL when absent or "", -1 when of another type. */
static int get_string(reader *r, const char *json, const char *path, const char *where, char **out)
{
	char type[16], *v;
	get(r, json, path, &v, type);
	*out = NULL;
	if (strcmp(type, "null") == 0) {
		free(v);
		return 0;
	}
	if (strcmp(type, "text") != 0) {
		free(v);
		snprintf(r->err, 256, "bundle.json: %s: %s must be a string", where, path + 2);
		return -1;
	}
	if (v && !v[0]) {
		free(v);
		v = NULL;
	}
	*out = v;
	return 0;
}

/* An optional object of translations keyed by language: {"hy": "...", ...}. */
static int get_texts(reader *r, const char *json, const char *path, const char *where, item_text **list, int *count)
{
	char type[16], *v;
	get(r, json, path, &v, type);
	free(v);
	if (strcmp(type, "null") == 0)
		return 0;
	sqlite3_stmt *st = NULL;
	int ok = strcmp(type, "object") == 0 &&
		 sqlite3_prepare_v2(r->db, "SELECT key, type, value FROM json_each(?1, ?2)", -1, &st, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
		while (ok && sqlite3_step(st) == SQLITE_ROW) {
			const char *key = (const char *)sqlite3_column_text(st, 0), *t = (const char *)sqlite3_column_text(st, 1);
			const char *text = (const char *)sqlite3_column_text(st, 2);
			ok = key && t && strcmp(t, "text") == 0 && key[0] && strlen(key) <= 35;
			if (ok && text && text[0])
				ok = item_text_add(list, count, key, text) == 0;
		}
	}
	sqlite3_finalize(st);
	if (!ok)
		snprintf(r->err, 256, "bundle.json: %s: %s must map language tags to strings", where, path + 2);
	return ok ? 0 : -1;
}

typedef int (*member_fn)(reader *r, int index, const char *type, const char *value, guide *g);

/* Calls fn for each member of the list at path (absent: none). */
static int each(reader *r, const char *json, const char *path, member_fn fn, guide *g)
{
	char type[16], *v;
	get(r, json, path, &v, type);
	free(v);
	if (strcmp(type, "null") == 0)
		return 0;
	if (strcmp(type, "array") != 0) {
		snprintf(r->err, 256, "bundle.json: %s must be a list", path + 2);
		return -1;
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(r->db, "SELECT type, value FROM json_each(?1, ?2)", -1, &st, NULL) != SQLITE_OK) {
		snprintf(r->err, 256, "JSON: %s", sqlite3_errmsg(r->db));
		return -1;
	}
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
	int rc = 0;
	for (int i = 0; rc == 0 && sqlite3_step(st) == SQLITE_ROW; i++)
		rc = fn(r, i, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1), g);
	sqlite3_finalize(st);
	return rc;
}

static int topic_id_is_valid(const char *id)
{
	size_t n = strlen(id);
	if (n == 0 || n > GUIDE_TOPIC_MAX || id[0] == ' ' || id[n - 1] == ' ')
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)id[i] < 0x20 || id[i] == 0x7f)
			return 0;
	return 1;
}

static int add_topic(reader *r, int index, const char *type, const char *value, guide *g)
{
	char where[64], *id = NULL;
	snprintf(where, sizeof where, "topic %d", index + 1);
	if (strcmp(type, "object") != 0) {
		snprintf(r->err, 256, "bundle.json: %s must be an object", where);
		return -1;
	}
	guide_topic *more = realloc(g->topics, (size_t)(g->topic_count + 1) * sizeof *more);
	if (!more)
		return -1;
	g->topics = more;
	guide_topic *t = &g->topics[g->topic_count++];
	memset(t, 0, sizeof *t);
	if (get_string(r, value, "$.id", where, &id) != 0)
		return -1;
	if (!id || !topic_id_is_valid(id)) {
		snprintf(r->err, 256, "bundle.json: %s: %s id (the topic as items name it, up to %d bytes)", where,
			 id ? "bad" : "missing", GUIDE_TOPIC_MAX);
		free(id);
		return -1;
	}
	snprintf(t->id, sizeof t->id, "%s", id);
	free(id);
	snprintf(where, sizeof where, "topic \"%.40s\"", t->id);
	for (int i = 0; i < g->topic_count - 1; i++)
		if (strcmp(g->topics[i].id, t->id) == 0) {
			snprintf(r->err, 256, "bundle.json: %s appears twice", where);
			return -1;
		}
	if (get_string(r, value, "$.label", where, &t->label) != 0 ||
	    get_texts(r, value, "$.labels", where, &t->labels, &t->label_count) != 0)
		return -1;
	if (!t->label) {
		snprintf(r->err, 256, "bundle.json: %s: missing label", where);
		return -1;
	}
	return 0;
}

static int is_picture_path(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot && (strcasecmp(dot, ".png") == 0 || strcasecmp(dot, ".jpg") == 0 || strcasecmp(dot, ".jpeg") == 0);
}

/* "picture": a path with the collection's "size" and "sha256" beside it,
 * as an item's "file" has them, or {"file", "size", "sha256"}. */
static int read_picture(reader *r, const char *json, const char *where, guide_collection *col)
{
	char type[16], *v, *file = NULL, *hash = NULL;
	const char *at = json;
	char *object = NULL;
	get(r, json, "$.picture", &v, type);
	if (strcmp(type, "null") == 0) {
		free(v);
		return 0;
	}
	if (strcmp(type, "object") == 0) {
		object = v;
		at = object;
		if (get_string(r, at, "$.file", where, &file) != 0)
			goto bad;
	} else if (strcmp(type, "text") == 0) {
		file = v;
	} else {
		free(v);
		snprintf(r->err, 256, "bundle.json: %s: picture must be a file's path", where);
		return -1;
	}
	if (!file || !manifest_path_is_valid(file) || !is_picture_path(file)) {
		snprintf(r->err, 256, "bundle.json: %s: picture \"%.60s\" must be a .png or .jpg file's path in the bundle", where,
			 file ? file : "");
		goto bad;
	}
	get(r, at, "$.size", &v, type);
	col->picture_size = strcmp(type, "integer") == 0 && v && atoll(v) >= 0 ? atoll(v) : -1;
	free(v);
	if (get_string(r, at, "$.sha256", where, &hash) != 0)
		goto bad;
	if (col->picture_size < 0 || !hash || !store_is_hash(hash)) {
		snprintf(r->err, 256, "bundle.json: %s: picture %s needs size and sha256", where, file);
		goto bad;
	}
	snprintf(col->picture_sha256, sizeof col->picture_sha256, "%s", hash);
	col->picture = file;
	free(hash);
	free(object);
	return 0;
bad:
	free(file);
	free(hash);
	free(object);
	return -1;
}

static int add_collection(reader *r, int index, const char *type, const char *value, guide *g)
{
	char where[96], *v = NULL, t[16];
	snprintf(where, sizeof where, "collection %d", index + 1);
	if (strcmp(type, "object") != 0) {
		snprintf(r->err, 256, "bundle.json: %s must be an object", where);
		return -1;
	}
	guide_collection *more = realloc(g->collections, (size_t)(g->collection_count + 1) * sizeof *more);
	if (!more)
		return -1;
	g->collections = more;
	guide_collection *c = &g->collections[g->collection_count++];
	memset(c, 0, sizeof *c);
	c->picture_size = -1;
	if (get_string(r, value, "$.id", where, &v) != 0)
		return -1;
	if (!v || !item_id_is_valid(v)) {
		snprintf(r->err, 256, "bundle.json: %s: %s id (1-64 characters of a-z 0-9 -)", where, v ? "bad" : "missing");
		free(v);
		return -1;
	}
	snprintf(c->id, sizeof c->id, "%s", v);
	free(v);
	snprintf(where, sizeof where, "collection %s", c->id);
	for (int i = 0; i < g->collection_count - 1; i++)
		if (strcmp(g->collections[i].id, c->id) == 0) {
			snprintf(r->err, 256, "bundle.json: %s appears twice", where);
			return -1;
		}
	get(r, value, "$.withdraw", &v, t);
	free(v);
	if (strcmp(t, "true") == 0) {
		c->withdraw = 1;
		return 0;
	}
	if (strcmp(t, "null") != 0 && strcmp(t, "false") != 0) {
		snprintf(r->err, 256, "bundle.json: %s: withdraw must be true or false", where);
		return -1;
	}
	if (get_string(r, value, "$.title", where, &c->title) != 0 ||
	    get_texts(r, value, "$.titles", where, &c->titles, &c->title_count) != 0 ||
	    get_string(r, value, "$.intro", where, &c->intro) != 0 ||
	    get_texts(r, value, "$.intros", where, &c->intros, &c->intro_count) != 0 ||
	    read_picture(r, value, where, c) != 0)
		return -1;
	if (!c->title) {
		snprintf(r->err, 256, "bundle.json: %s: missing title", where);
		return -1;
	}
	get(r, value, "$.items", &v, t);
	free(v);
	if (strcmp(t, "array") != 0) {
		snprintf(r->err, 256, "bundle.json: %s: %s items (a list of item ids)", where, strcmp(t, "null") ? "bad" : "missing");
		return -1;
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(r->db, "SELECT type, value FROM json_each(?1, '$.items')", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC);
	int rc = 0;
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		const char *it = (const char *)sqlite3_column_text(st, 1);
		if (strcmp((const char *)sqlite3_column_text(st, 0), "text") != 0 || !it || !item_id_is_valid(it)) {
			snprintf(r->err, 256, "bundle.json: %s: items must be item ids", where);
			rc = -1;
		} else if (!item_list_has(c->items, c->item_count, it)) {
			rc = item_list_add(&c->items, &c->item_count, it);
		}
	}
	sqlite3_finalize(st);
	return rc;
}

static int read_about(reader *r, const char *json, guide *g)
{
	char type[16], *v;
	get(r, json, "$.about", &v, type);
	if (strcmp(type, "null") == 0) {
		free(v);
		return 0;
	}
	if (strcmp(type, "object") != 0) {
		free(v);
		snprintf(r->err, 256, "bundle.json: about must be an object");
		return -1;
	}
	guide_about *a = &g->about;
	g->about_given = 1;
	int rc = get_string(r, v, "$.title", "about", &a->title) != 0 ||
		 get_texts(r, v, "$.titles", "about", &a->titles, &a->title_count) != 0 ||
		 get_string(r, v, "$.intro", "about", &a->intro) != 0 ||
		 get_texts(r, v, "$.intros", "about", &a->intros, &a->intro_count) != 0
		 ? -1 : 0;
	free(v);
	return rc;
}

int guide_parse_json(const char *json, size_t len, guide *out, char err[256])
{
	memset(out, 0, sizeof *out);
	err[0] = 0;
	char *text = malloc(len + 1);
	reader r = {.err = err};
	int rc = -1;
	if (!text)
		goto done;
	memcpy(text, json, len);
	text[len] = 0;
	if (sqlite3_open_v2(":memory:", &r.db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(r.db, JSON_GET_SQL, -1, &r.get, NULL) != SQLITE_OK) {
		snprintf(err, 256, "JSON: %s", r.db ? sqlite3_errmsg(r.db) : "cannot start SQLite");
		goto done;
	}
	rc = read_about(&r, text, out) != 0 || each(&r, text, "$.topics", add_topic, out) != 0 ||
	     each(&r, text, "$.collections", add_collection, out) != 0 ? -1 : 0;
done:
	sqlite3_finalize(r.get);
	sqlite3_close(r.db);
	free(text);
	if (rc != 0) {
		if (!err[0])
			snprintf(err, 256, "out of memory");
		guide_free(out);
	}
	return rc;
}

static void free_texts(item_text *texts, int count)
{
	for (int i = 0; i < count; i++)
		free(texts[i].text);
	free(texts);
}

void guide_free(guide *g)
{
	free(g->about.title);
	free(g->about.intro);
	free_texts(g->about.titles, g->about.title_count);
	free_texts(g->about.intros, g->about.intro_count);
	for (int i = 0; i < g->topic_count; i++) {
		free(g->topics[i].label);
		free_texts(g->topics[i].labels, g->topics[i].label_count);
	}
	free(g->topics);
	for (int i = 0; i < g->collection_count; i++) {
		guide_collection *c = &g->collections[i];
		free(c->title);
		free(c->intro);
		free_texts(c->titles, c->title_count);
		free_texts(c->intros, c->intro_count);
		for (int j = 0; j < c->item_count; j++)
			free(c->items[j]);
		free(c->items);
		free(c->picture);
	}
	free(g->collections);
	memset(g, 0, sizeof *g);
}

static void write_string(FILE *f, const char *indent, const char *name, const char *value, int *first)
{
	if (!value)
		return;
	fprintf(f, "%s%s\"%s\": ", *first ? "" : ",", indent, name);
	json_write_string(f, value);
	*first = 0;
}

static void write_texts(FILE *f, const char *indent, const char *name, const item_text *texts, int count, int *first)
{
	if (count == 0)
		return;
	fprintf(f, "%s%s\"%s\": {", *first ? "" : ",", indent, name);
	for (int i = 0; i < count; i++) {
		fputs(i ? ", " : "", f);
		json_write_string(f, texts[i].lang);
		fputs(": ", f);
		json_write_string(f, texts[i].text);
	}
	fputc('}', f);
	*first = 0;
}

void guide_write_json(FILE *f, const guide *g)
{
	const char *in = "\n    ";
	if (g->about_given) {
		int first = 1;
		fputs(",\n  \"about\": {", f);
		write_string(f, in, "title", g->about.title, &first);
		write_texts(f, in, "titles", g->about.titles, g->about.title_count, &first);
		write_string(f, in, "intro", g->about.intro, &first);
		write_texts(f, in, "intros", g->about.intros, g->about.intro_count, &first);
		fputs("\n  }", f);
	}
	if (g->topic_count) {
		fputs(",\n  \"topics\": [", f);
		for (int i = 0; i < g->topic_count; i++) {
			const guide_topic *t = &g->topics[i];
			int first = 0;
			fprintf(f, "%s\n    {\"id\": ", i ? "," : "");
			json_write_string(f, t->id);
			write_string(f, " ", "label", t->label, &first);
			write_texts(f, " ", "labels", t->labels, t->label_count, &first);
			fputc('}', f);
		}
		fputs("\n  ]", f);
	}
	if (g->collection_count) {
		const char *field = "\n      ";
		fputs(",\n  \"collections\": [", f);
		for (int i = 0; i < g->collection_count; i++) {
			const guide_collection *c = &g->collections[i];
			int first = 0;
			fprintf(f, "%s\n    {%s\"id\": ", i ? "," : "", field);
			json_write_string(f, c->id);
			if (c->withdraw) {
				fputs(",\n      \"withdraw\": true\n    }", f);
				continue;
			}
			write_string(f, field, "title", c->title, &first);
			write_texts(f, field, "titles", c->titles, c->title_count, &first);
			write_string(f, field, "intro", c->intro, &first);
			write_texts(f, field, "intros", c->intros, c->intro_count, &first);
			fprintf(f, ",%s\"items\": [", field);
			for (int j = 0; j < c->item_count; j++) {
				fputs(j ? ", " : "", f);
				json_write_string(f, c->items[j]);
			}
			fputc(']', f);
			if (c->picture) {
				write_string(f, field, "picture", c->picture, &first);
				fprintf(f, ",%s\"size\": %lld,%s\"sha256\": \"%s\"", field, c->picture_size, field, c->picture_sha256);
			}
			fputs("\n    }", f);
		}
		fputs("\n  ]", f);
	}
}

const char *guide_text_in(const char *original, const item_text *texts, int count, const char *lang)
{
	for (int i = 0; lang && i < count; i++)
		if (strcmp(texts[i].lang, lang) == 0)
			return texts[i].text;
	if (original)
		return original;
	for (int i = 0; i < count; i++) /* no original: English, then any */
		if (strcmp(texts[i].lang, "en") == 0)
			return texts[i].text;
	return count ? texts[0].text : NULL;
}

const guide_topic *guide_find_topic(const guide *g, const char *topic)
{
	for (int i = 0; g && topic && i < g->topic_count; i++)
		if (strcmp(g->topics[i].id, topic) == 0)
			return &g->topics[i];
	return NULL;
}

const char *guide_topic_label(const guide *g, const char *topic, const char *lang)
{
	const guide_topic *t = guide_find_topic(g, topic);
	const char *label = t ? guide_text_in(t->label, t->labels, t->label_count, lang) : NULL;
	return label ? label : topic;
}

const guide_collection *guide_find_collection(const guide *g, const char *id)
{
	for (int i = 0; g && id && i < g->collection_count; i++)
		if (strcmp(g->collections[i].id, id) == 0)
			return &g->collections[i];
	return NULL;
}
