/* The manifest parser: see manifest.h. SQLite's JSON1 does the parsing (no
 * hand-written JSON parser); this file only walks the tree and checks rules. */
#include "core/manifest.h"
#include "core/json.h"
#include "core/minisign.h"
#include "core/store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	sqlite3 *db;
	sqlite3_stmt *get;   /* type and value of one path in one JSON text */
	sqlite3_stmt *each;  /* members of an array or object */
	sqlite3_stmt *empty; /* whether one path is given as null, "", [] or {} */
	char *err;
} parser;

/* Looks up path in json (json_get): its type, valid until the next call. */
static const char *get(parser *p, const char *json, const char *path, char **value)
{
	static char type[16];
	return json_get(p->get, json, path, value, type);
}

/* An optional string field: 0 when absent or a string, -1 (with err) otherwise. */
static int get_string(parser *p, const char *json, const char *path, const char *where, char **out)
{
	char *v;
	const char *type = get(p, json, path, &v);
	if (strcmp(type, "null") == 0) {
		free(v);
		*out = NULL;
		return 0;
	}
	if (strcmp(type, "text") != 0) {
		free(v);
		snprintf(p->err, 256, "%s: %s must be a string", where, path + 2);
		return -1;
	}
	*out = v;
	return 0;
}

typedef int (*member_fn)(parser *p, const char *key, const char *type, const char *value, void *ctx);

/* Calls fn for each member of the array or object at path. */
static int each(parser *p, const char *json, const char *path, member_fn fn, void *ctx)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(p->db, "SELECT key, type, value FROM json_each(?1, ?2)", -1, &st, NULL) != SQLITE_OK) {
		snprintf(p->err, 256, "JSON: %s", sqlite3_errmsg(p->db));
		return -1;
	}
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
	int rc = 0, step;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = fn(p, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2), ctx);
	sqlite3_finalize(st);
	return rc;
}

typedef struct {
	manifest_entry *entry;
	const char *field;
} list_ctx;

static int add_string(parser *p, const char *key, const char *type, const char *value, void *ctx)
{
	list_ctx *lc = ctx;
	item *m = &lc->entry->meta;
	if (strcmp(type, "text") != 0) {
		snprintf(p->err, 256, "item %s: %s must hold strings", m->id, lc->field);
		return -1;
	}
	if (strcmp(lc->field, "authors") == 0)
		return item_list_add(&m->authors, &m->author_count, value);
	return item_list_add(&m->topics, &m->topic_count, value);
}

static int add_translation(parser *p, const char *key, const char *type, const char *value, void *ctx)
{
	list_ctx *lc = ctx;
	item *m = &lc->entry->meta;
	if (strcmp(type, "text") != 0 || strlen(key) == 0 || strlen(key) > 35) {
		snprintf(p->err, 256, "item %s: %s must map language tags to strings", m->id, lc->field);
		return -1;
	}
	if (strcmp(lc->field, "titles") == 0)
		return item_text_add(&m->titles, &m->title_count, key, value);
	if (strcmp(lc->field, "summaries") == 0)
		return item_text_add(&m->summaries, &m->summary_count, key, value);
	if (strcmp(lc->field, "sources") == 0)
		return item_text_add(&m->sources, &m->source_count, key, value);
	return item_text_add(&m->warnings, &m->warning_count, key, value);
}

static int read_list(parser *p, const char *json, manifest_entry *e, const char *field, const char *want)
{
	char path[64], *v;
	snprintf(path, sizeof path, "$.%s", field);
	const char *type = get(p, json, path, &v);
	free(v);
	if (strcmp(type, "null") == 0)
		return 0;
	if (strcmp(type, want) != 0) {
		snprintf(p->err, 256, "item %s: %s must be an %s", e->meta.id, field, want);
		return -1;
	}
	list_ctx lc = {e, field};
	return each(p, json, path, strcmp(want, "array") == 0 ? add_string : add_translation, &lc);
}

int manifest_path_is_valid(const char *path)
{
	size_t n = strlen(path);
	if (n == 0 || n > 1024 || path[0] == '/')
		return 0;
	const char *seg = path;
	for (size_t i = 0; i <= n; i++) {
		char c = path[i];
		if (c == '/' || c == 0) {
			size_t len = (size_t)(path + i - seg);
			if (len == 0 || (len == 1 && seg[0] == '.') || (len == 2 && seg[0] == '.' && seg[1] == '.'))
				return 0;
			seg = path + i + 1;
		} else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			     c == '.' || c == '_' || c == '-')) {
			return 0;
		}
	}
	return 1;
}

static int is_utc_time(const char *s)
{
	int y, mo, d, h, mi, sec, n = 0;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6 || n != 19)
		return 0;
	const char *rest = s + 19;
	if (*rest == '.')
		for (rest++; *rest >= '0' && *rest <= '9'; rest++)
			;
	return strcmp(rest, "Z") == 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h < 24 && mi < 60 && sec <= 60;
}

/* True when path is given but empty: null, "", [] or {} (an update that
 * clears the field; absent is not given). */
static int given_empty(parser *p, const char *json, const char *path)
{
	sqlite3_reset(p->empty);
	sqlite3_bind_text(p->empty, 1, json, -1, SQLITE_STATIC);
	sqlite3_bind_text(p->empty, 2, path, -1, SQLITE_STATIC);
	return sqlite3_step(p->empty) == SQLITE_ROW && sqlite3_column_int(p->empty, 0) == 1;
}

/* Notes the optional fields given empty, and forgets their empty values. */
static void read_clears(parser *p, const char *json, manifest_entry *e)
{
	static const struct {
		const char *path;
		unsigned flag;
	} fields[] = {{"$.titles", MANIFEST_CLEAR_TITLES}, {"$.date", MANIFEST_CLEAR_DATE},
		      {"$.authors", MANIFEST_CLEAR_AUTHORS}, {"$.language", MANIFEST_CLEAR_LANGUAGE},
		      {"$.topics", MANIFEST_CLEAR_TOPICS}, {"$.summary", MANIFEST_CLEAR_SUMMARY},
		      {"$.source", MANIFEST_CLEAR_SOURCE}, {"$.warning", MANIFEST_CLEAR_WARNING},
		      {"$.warnings", MANIFEST_CLEAR_WARNINGS}, {"$.curator_note", MANIFEST_CLEAR_CURATOR_NOTE},
		      {"$.summaries", MANIFEST_CLEAR_SUMMARIES}, {"$.sources", MANIFEST_CLEAR_SOURCES}};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (given_empty(p, json, fields[i].path))
			e->cleared |= fields[i].flag;
	char **strings[] = {&e->meta.summary, &e->meta.source, &e->meta.warning, &e->meta.curator_note};
	for (int i = 0; i < 4; i++)
		if (*strings[i] && !(*strings[i])[0]) {
			free(*strings[i]);
			*strings[i] = NULL;
		}
}

static int parse_entry(parser *p, const char *json, int index, manifest_entry *e)
{
	char *v = NULL, where[96];
	e->size = -1;
	snprintf(where, sizeof where, "item %d", index + 1);
	if (strcmp(get(p, json, "$", &v), "object") != 0) {
		free(v);
		snprintf(p->err, 256, "%s: must be an object", where);
		return -1;
	}
	free(v);
	if (get_string(p, json, "$.id", where, &v) != 0)
		return -1;
	if (!v || !item_id_is_valid(v)) {
		snprintf(p->err, 256, "%s: %s id (1-64 characters of a-z 0-9 -)", where, v ? "bad" : "missing");
		free(v);
		return -1;
	}
	snprintf(e->meta.id, sizeof e->meta.id, "%s", v);
	free(v);
	snprintf(where, sizeof where, "item %s", e->meta.id);

	const char *type = get(p, json, "$.withdraw", &v);
	free(v);
	if (strcmp(type, "true") == 0) {
		e->withdraw = 1;
		return get_string(p, json, "$.reason", where, &e->reason);
	}
	if (strcmp(type, "null") != 0 && strcmp(type, "false") != 0) {
		snprintf(p->err, 256, "%s: withdraw must be true or false", where);
		return -1;
	}

	if (get_string(p, json, "$.kind", where, &v) != 0)
		return -1;
	int kind = item_kind_parse(v);
	if (kind < 0) {
		snprintf(p->err, 256, "%s: %s kind (report, testimony, transcript, article, photo or other)",
			 where, v ? "unknown" : "missing");
		free(v);
		return -1;
	}
	free(v);
	e->meta.kind = (item_kind)kind;
	if (get_string(p, json, "$.title", where, &e->meta.title) != 0)
		return -1;
	if (!e->meta.title || !e->meta.title[0]) {
		snprintf(p->err, 256, "%s: missing title", where);
		return -1;
	}
	if (get_string(p, json, "$.date", where, &v) != 0)
		return -1;
	if (v && v[0] && !item_date_is_valid(v)) {
		snprintf(p->err, 256, "%s: bad date \"%.20s\" (YYYY, YYYY-MM or YYYY-MM-DD)", where, v);
		free(v);
		return -1;
	}
	snprintf(e->meta.date, sizeof e->meta.date, "%s", v ? v : "");
	free(v);
	if (get_string(p, json, "$.language", where, &v) != 0)
		return -1;
	if (v && strlen(v) > 35) {
		snprintf(p->err, 256, "%s: bad language tag", where);
		free(v);
		return -1;
	}
	snprintf(e->meta.language, sizeof e->meta.language, "%s", v ? v : "");
	free(v);
	if (get_string(p, json, "$.summary", where, &e->meta.summary) != 0 ||
	    get_string(p, json, "$.source", where, &e->meta.source) != 0 ||
	    get_string(p, json, "$.warning", where, &e->meta.warning) != 0 ||
	    get_string(p, json, "$.curator_note", where, &e->meta.curator_note) != 0 ||
	    read_list(p, json, e, "authors", "array") != 0 ||
	    read_list(p, json, e, "topics", "array") != 0 ||
	    read_list(p, json, e, "titles", "object") != 0 ||
	    read_list(p, json, e, "summaries", "object") != 0 ||
	    read_list(p, json, e, "sources", "object") != 0 ||
	    read_list(p, json, e, "warnings", "object") != 0)
		return -1;
	read_clears(p, json, e);
	if (!e->meta.warning && e->meta.warning_count > 0)
		e->meta.warning = strdup(e->meta.warnings[0].text);

	if (get_string(p, json, "$.file", where, &e->file) != 0)
		return -1;
	type = get(p, json, "$.size", &v);
	if (strcmp(type, "integer") == 0 && v && atoll(v) >= 0)
		e->size = atoll(v);
	else if (strcmp(type, "null") != 0) {
		snprintf(p->err, 256, "%s: size must be a whole number of bytes", where);
		free(v);
		return -1;
	}
	free(v);
	if (get_string(p, json, "$.sha256", where, &v) != 0)
		return -1;
	if (v && !store_is_hash(v)) {
		snprintf(p->err, 256, "%s: sha256 must be 64 lowercase hex digits", where);
		free(v);
		return -1;
	}
	snprintf(e->sha256, sizeof e->sha256, "%s", v ? v : "");
	free(v);
	if (e->file) {
		if (!manifest_path_is_valid(e->file)) {
			snprintf(p->err, 256, "%s: bad file path \"%.60s\"", where, e->file);
			return -1;
		}
		if ((e->size < 0 || !e->sha256[0])) {
			snprintf(p->err, 256, "%s: file %s needs size and sha256", where, e->file);
			return -1;
		}
	}
	return 0;
}

/* One of a recording's "transcripts": {"language", "file", "size", "sha256"}. */
static int add_transcript(parser *p, const char *key, const char *type, const char *value, void *ctx)
{
	manifest_entry *e = ctx;
	char where[128], *v = NULL;
	snprintf(where, sizeof where, "item %s: transcript %d", e->meta.id, e->transcript_count + 1);
	if (strcmp(type, "object") != 0) {
		snprintf(p->err, 256, "%s: must be an object", where);
		return -1;
	}
	manifest_track *more = realloc(e->transcripts, (size_t)(e->transcript_count + 1) * sizeof *more);
	if (!more) {
		snprintf(p->err, 256, "out of memory");
		return -1;
	}
	e->transcripts = more;
	manifest_track *t = &e->transcripts[e->transcript_count++];
	memset(t, 0, sizeof *t);
	t->size = -1;
	if (get_string(p, value, "$.language", where, &v) != 0)
		return -1;
	if (!v || !v[0] || strlen(v) > 35) {
		snprintf(p->err, 256, "%s: %s language tag", where, v ? "bad" : "missing");
		free(v);
		return -1;
	}
	snprintf(t->language, sizeof t->language, "%s", v);
	free(v);
	if (get_string(p, value, "$.file", where, &t->file) != 0)
		return -1;
	if (!t->file || !manifest_path_is_valid(t->file)) {
		snprintf(p->err, 256, "%s: %s file path", where, t->file ? "bad" : "missing");
		return -1;
	}
	const char *size_type = get(p, value, "$.size", &v);
	if (strcmp(size_type, "integer") == 0 && v && atoll(v) >= 0)
		t->size = atoll(v);
	free(v);
	if (get_string(p, value, "$.sha256", where, &v) != 0)
		return -1;
	if (t->size < 0 || !v || !store_is_hash(v)) {
		snprintf(p->err, 256, "%s: file %s needs size and sha256", where, t->file);
		free(v);
		return -1;
	}
	snprintf(t->sha256, sizeof t->sha256, "%s", v);
	free(v);
	return 0;
}

static int read_transcripts(parser *p, const char *json, manifest_entry *e)
{
	char *v;
	const char *type = get(p, json, "$.transcripts", &v);
	free(v);
	if (strcmp(type, "null") == 0)
		return 0;
	if (strcmp(type, "array") != 0) {
		snprintf(p->err, 256, "item %s: transcripts must be an array", e->meta.id);
		return -1;
	}
	if (!e->file) {
		snprintf(p->err, 256, "item %s: transcripts come with the recording's file", e->meta.id);
		return -1;
	}
	return each(p, json, "$.transcripts", add_transcript, e);
}

/* --- a recording's segments and content notes --- */

/* A time in seconds (whole or not) at path: 0 and *ms, or -1. */
static int get_seconds(parser *p, const char *json, const char *path, long long *ms)
{
	char *v;
	const char *type = get(p, json, path, &v);
	double s = v ? atof(v) : -1;
	free(v);
	if ((strcmp(type, "integer") != 0 && strcmp(type, "real") != 0) || !(s >= 0) || s > 1e8)
		return -1;
	*ms = (long long)(s * 1000.0 + 0.5);
	return 0;
}

static int add_note_translation(parser *p, const char *key, const char *type, const char *value, void *ctx)
{
	manifest_note *n = ctx;
	if (strcmp(type, "text") != 0 || strlen(key) == 0 || strlen(key) > 35) {
		snprintf(p->err, 256, "warnings must map language tags to strings");
		return -1;
	}
	return item_text_add(&n->warnings, &n->warning_count, key, value);
}

/* One of "warnings_at": {"start", "end", "warning", "warnings"}. */
static int add_note(parser *p, const char *key, const char *type, const char *value, void *ctx)
{
	manifest_entry *e = ctx;
	char where[128], *v;
	snprintf(where, sizeof where, "item %s: warnings_at %d", e->meta.id, e->note_count + 1);
	if (strcmp(type, "object") != 0) {
		snprintf(p->err, 256, "%s: must be an object", where);
		return -1;
	}
	manifest_note *more = realloc(e->notes, (size_t)(e->note_count + 1) * sizeof *more);
	if (!more) {
		snprintf(p->err, 256, "out of memory");
		return -1;
	}
	e->notes = more;
	manifest_note *n = &e->notes[e->note_count++];
	memset(n, 0, sizeof *n);
	if (get_seconds(p, value, "$.start", &n->start_ms) != 0 || get_seconds(p, value, "$.end", &n->end_ms) != 0 ||
	    n->end_ms <= n->start_ms) {
		snprintf(p->err, 256, "%s: needs start and end, in seconds, the end after the start", where);
		return -1;
	}
	if (get_string(p, value, "$.warning", where, &n->warning) != 0)
		return -1;
	type = get(p, value, "$.warnings", &v);
	free(v);
	if (strcmp(type, "object") == 0) {
		if (each(p, value, "$.warnings", add_note_translation, n) != 0) {
			snprintf(p->err, 256, "%s: warnings must map language tags to strings", where);
			return -1;
		}
	} else if (strcmp(type, "null") != 0) {
		snprintf(p->err, 256, "%s: warnings must be an object", where);
		return -1;
	}
	if (!n->warning && n->warning_count > 0)
		n->warning = strdup(n->warnings[0].text);
	if (!n->warning || !n->warning[0]) {
		snprintf(p->err, 256, "%s: needs a warning (what the passage holds)", where);
		return -1;
	}
	return 0;
}

/* "segments": {"file", "size", "sha256"}, and "warnings_at": [...]. */
static int read_recording_extras(parser *p, const char *json, manifest_entry *e)
{
	char *v;
	const char *type = get(p, json, "$.segments", &v);
	free(v);
	if (strcmp(type, "null") != 0) {
		if (strcmp(type, "object") != 0 || !e->file) {
			snprintf(p->err, 256, "item %s: segments %s", e->meta.id,
				 e->file ? "must be an object {\"file\", \"size\", \"sha256\"}" : "come with the recording's file");
			return -1;
		}
		/* Read as a transcript is, with a language it does not need. */
		int count = e->transcript_count;
		manifest_track *kept = e->transcripts;
		char *obj = NULL;
		get(p, json, "$.segments", &obj);
		size_t n = obj ? strlen(obj) : 0;
		char *with_lang = obj ? malloc(n + 32) : NULL;
		int rc = -1;
		if (with_lang && n > 1) {
			snprintf(with_lang, n + 32, "{\"language\":\"und\",%s", obj + 1);
			e->transcripts = NULL;
			e->transcript_count = 0;
			rc = add_transcript(p, "", "object", with_lang, e);
			e->segments = e->transcripts;
			e->transcripts = kept;
			e->transcript_count = count;
		}
		free(obj);
		free(with_lang);
		if (rc != 0) {
			if (strstr(p->err, "transcript 1"))
				snprintf(p->err, 256, "item %s: segments: needs file, size and sha256", e->meta.id);
			return -1;
		}
	}
	type = get(p, json, "$.warnings_at", &v);
	free(v);
	if (strcmp(type, "null") == 0)
		return 0;
	if (strcmp(type, "array") != 0) {
		snprintf(p->err, 256, "item %s: warnings_at must be an array", e->meta.id);
		return -1;
	}
	return each(p, json, "$.warnings_at", add_note, e);
}

void manifest_free_recording_extras(manifest_entry *e)
{
	if (e->segments)
		free(e->segments->file);
	free(e->segments);
	for (int i = 0; i < e->note_count; i++) {
		free(e->notes[i].warning);
		for (int t = 0; t < e->notes[i].warning_count; t++)
			free(e->notes[i].warnings[t].text);
		free(e->notes[i].warnings);
	}
	free(e->notes);
	e->segments = NULL;
	e->notes = NULL;
	e->note_count = 0;
}

static int add_entry(parser *p, const char *key, const char *type, const char *value, void *ctx)
{
	manifest *m = ctx;
	manifest_entry *bigger = realloc(m->entries, (size_t)(m->count + 1) * sizeof *bigger);
	if (!bigger) {
		snprintf(p->err, 256, "out of memory");
		return -1;
	}
	m->entries = bigger;
	manifest_entry *e = &m->entries[m->count++];
	memset(e, 0, sizeof *e);
	if (parse_entry(p, value, m->count - 1, e) != 0 ||
	    (!e->withdraw && (read_transcripts(p, value, e) != 0 || read_recording_extras(p, value, e) != 0)))
		return -1;
	for (int i = 0; i < m->count - 1; i++)
		if (strcmp(m->entries[i].meta.id, e->meta.id) == 0) {
			snprintf(p->err, 256, "item %s: id appears twice", e->meta.id);
			return -1;
		}
	return 0;
}

static int add_key(parser *p, const char *key, const char *type, const char *value, void *ctx)
{
	manifest *m = ctx;
	const char *field = m->trust_count < 0 ? "retire" : "trust";
	minisign_key k;
	char why[256];
	if (strcmp(type, "text") != 0 || minisign_parse_public_key(value, &k, why) != 0) {
		snprintf(p->err, 256, "bundle.json: keys.%s must hold minisign public keys (the key line of a .pub file)", field);
		return -1;
	}
	if (m->trust_count < 0)
		return item_list_add(&m->retire, &m->retire_count, value);
	return item_list_add(&m->trust, &m->trust_count, value);
}

static int parse_keys(parser *p, const char *json, manifest *m)
{
	char *v, keys[16], trust[16], retire[16]; /* get's answer is overwritten by the next call */
	snprintf(keys, sizeof keys, "%s", get(p, json, "$.keys", &v));
	free(v);
	if (strcmp(keys, "null") == 0)
		return 0;
	snprintf(trust, sizeof trust, "%s", get(p, json, "$.keys.trust", &v));
	free(v);
	snprintf(retire, sizeof retire, "%s", get(p, json, "$.keys.retire", &v));
	free(v);
	int ok = strcmp(keys, "object") == 0 && (!strcmp(trust, "array") || !strcmp(trust, "null")) &&
		 (!strcmp(retire, "array") || !strcmp(retire, "null"));
	if (ok && !strcmp(trust, "array"))
		ok = each(p, json, "$.keys.trust", add_key, m) == 0;
	if (!ok)
		goto bad;
	if (strcmp(retire, "null") == 0)
		return 0;
	int trusted = m->trust_count;
	m->trust_count = -1; /* add_key: now the retire list */
	ok = each(p, json, "$.keys.retire", add_key, m) == 0;
	m->trust_count = trusted;
	if (ok)
		return 0;
bad:
	if (!p->err[0])
		snprintf(p->err, 256, "bundle.json: keys must be {\"trust\": [...], \"retire\": [...]}");
	return -1;
}

static int parse_top(parser *p, const char *json, manifest *m)
{
	char *v;
	if (strcmp(get(p, json, "$", &v), "object") != 0) {
		free(v);
		snprintf(p->err, 256, "bundle.json: malformed JSON (not an object)");
		return -1;
	}
	free(v);
	if (get_string(p, json, "$.format", "bundle.json", &v) != 0)
		return -1;
	if (!v || strcmp(v, MANIFEST_FORMAT) != 0) {
		snprintf(p->err, 256, "bundle.json: format must be \"%s\"%s", MANIFEST_FORMAT, v ? "" : " (missing)");
		free(v);
		return -1;
	}
	free(v);
	if (get_string(p, json, "$.archive", "bundle.json", &v) != 0)
		return -1;
	if (!v || !v[0] || strlen(v) > 64) {
		snprintf(p->err, 256, "bundle.json: %s archive", v ? "bad" : "missing");
		free(v);
		return -1;
	}
	snprintf(m->archive, sizeof m->archive, "%s", v);
	free(v);
	const char *type = get(p, json, "$.sequence", &v);
	if (strcmp(type, "integer") != 0 || atoll(v) < 1) {
		snprintf(p->err, 256, "bundle.json: %s sequence (a whole number from 1)", strcmp(type, "null") ? "bad" : "missing");
		free(v);
		return -1;
	}
	m->sequence = atoll(v);
	free(v);
	if (get_string(p, json, "$.created", "bundle.json", &v) != 0)
		return -1;
	if (!v || !is_utc_time(v)) {
		snprintf(p->err, 256, "bundle.json: %s created time (RFC 3339 UTC, like 2026-11-20T09:30:00Z)", v ? "bad" : "missing");
		free(v);
		return -1;
	}
	snprintf(m->created, sizeof m->created, "%s", v ? v : "");
	free(v);
	type = get(p, json, "$.snapshot", &v);
	free(v);
	if (strcmp(type, "true") == 0)
		m->snapshot = 1;
	else if (strcmp(type, "false") != 0 && strcmp(type, "null") != 0) {
		snprintf(p->err, 256, "bundle.json: snapshot must be true or false");
		return -1;
	}
	type = get(p, json, "$.items", &v);
	free(v);
	if (strcmp(type, "array") != 0) {
		snprintf(p->err, 256, "bundle.json: %s items (an array)", strcmp(type, "null") ? "bad" : "missing");
		return -1;
	}
	return each(p, json, "$.items", add_entry, m) == 0 ? parse_keys(p, json, m) : -1;
}

manifest *manifest_parse(const char *text, size_t len, char err[256])
{
	err[0] = 0;
	if (len > MANIFEST_MAX_SIZE || memchr(text, 0, len)) {
		snprintf(err, 256, "bundle.json: %s", len > MANIFEST_MAX_SIZE ? "larger than 64 MiB" : "holds a NUL byte");
		return NULL;
	}
	manifest *m = calloc(1, sizeof *m);
	char *json = malloc(len + 1); /* SQLite is given it NUL-terminated */
	parser p = {.err = err};
	if (!m || !json) {
		free(m);
		free(json);
		snprintf(err, 256, "out of memory");
		return NULL;
	}
	memcpy(json, text, len);
	json[len] = 0;
	if (sqlite3_open_v2(":memory:", &p.db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(p.db, JSON_GET_SQL, -1, &p.get, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(p.db, "SELECT CASE json_type(?1, ?2) WHEN 'null' THEN 1 WHEN 'text' THEN json_extract(?1, ?2) = '' "
			       "WHEN 'array' THEN json_array_length(?1, ?2) = 0 WHEN 'object' THEN json_extract(?1, ?2) = '{}' "
			       "ELSE 0 END", -1, &p.empty, NULL) != SQLITE_OK) {
		snprintf(err, 256, "JSON: %s", p.db ? sqlite3_errmsg(p.db) : "cannot start SQLite");
		goto fail;
	}
	sqlite3_stmt *valid;
	sqlite3_prepare_v2(p.db, "SELECT json_valid(?1)", -1, &valid, NULL);
	sqlite3_bind_text(valid, 1, json, (int)len, SQLITE_STATIC);
	int ok = sqlite3_step(valid) == SQLITE_ROW && sqlite3_column_int(valid, 0) == 1;
	sqlite3_finalize(valid);
	if (!ok) {
		snprintf(err, 256, "bundle.json: malformed JSON");
		goto fail;
	}
	if (parse_top(&p, json, m) != 0 || names_parse_json(json, len, &m->names, err) != 0 ||
	    guide_parse_json(json, len, &m->guide, err) != 0)
		goto fail;
	sqlite3_finalize(p.get);
	sqlite3_finalize(p.empty);
	sqlite3_close(p.db);
	free(json);
	return m;
fail:
	sqlite3_finalize(p.get);
	sqlite3_finalize(p.empty);
	sqlite3_close(p.db);
	free(json);
	manifest_free(m);
	return NULL;
}

void manifest_free(manifest *m)
{
	if (!m)
		return;
	for (int i = 0; i < m->count; i++) {
		item_clear(&m->entries[i].meta);
		free(m->entries[i].file);
		free(m->entries[i].reason);
		for (int t = 0; t < m->entries[i].transcript_count; t++)
			free(m->entries[i].transcripts[t].file);
		free(m->entries[i].transcripts);
		manifest_free_recording_extras(&m->entries[i]);
	}
	free(m->entries);
	for (int i = 0; i < m->trust_count; i++)
		free(m->trust[i]);
	for (int i = 0; i < m->retire_count; i++)
		free(m->retire[i]);
	free(m->trust);
	free(m->retire);
	names_free(&m->names);
	guide_free(&m->guide);
	free(m);
}

static void write_field(FILE *f, const char *name, const char *value)
{
	if (!value || !value[0])
		return;
	fprintf(f, ",\n      \"%s\": ", name);
	json_write_string(f, value);
}

static void write_list(FILE *f, const char *name, char *const *values, int count)
{
	if (count == 0)
		return;
	fprintf(f, ",\n      \"%s\": [", name);
	for (int i = 0; i < count; i++) {
		fputs(i ? ", " : "", f);
		json_write_string(f, values[i]);
	}
	fputc(']', f);
}

static void write_texts(FILE *f, const char *name, const item_text *texts, int count)
{
	if (count == 0)
		return;
	fprintf(f, ",\n      \"%s\": {", name);
	for (int i = 0; i < count; i++) {
		fputs(i ? ", " : "", f);
		json_write_string(f, texts[i].lang);
		fputs(": ", f);
		json_write_string(f, texts[i].text);
	}
	fputc('}', f);
}

/* A field the entry clears, as null. */
static void write_null(FILE *f, const manifest_entry *e, unsigned flag, const char *name)
{
	if (e->cleared & flag)
		fprintf(f, ",\n      \"%s\": null", name);
}

static void write_recording_extras(FILE *f, const manifest_entry *e);

void manifest_write(FILE *f, const manifest *m)
{
	fprintf(f, "{\n  \"format\": \"%s\",\n  \"archive\": ", MANIFEST_FORMAT);
	json_write_string(f, m->archive);
	fprintf(f, ",\n  \"sequence\": %lld,\n  \"created\": ", m->sequence);
	json_write_string(f, m->created);
	fprintf(f, ",\n  \"snapshot\": %s,\n  \"items\": [", m->snapshot ? "true" : "false");
	for (int i = 0; i < m->count; i++) {
		const manifest_entry *e = &m->entries[i];
		const item *it = &e->meta;
		fprintf(f, "%s\n    {\n      \"id\": ", i ? "," : "");
		json_write_string(f, it->id);
		if (e->withdraw) {
			fputs(",\n      \"withdraw\": true", f);
			write_field(f, "reason", e->reason);
			fputs("\n    }", f);
			continue;
		}
		write_field(f, "kind", item_kind_name(it->kind));
		write_field(f, "title", it->title);
		write_texts(f, "titles", it->titles, it->title_count);
		write_null(f, e, MANIFEST_CLEAR_TITLES, "titles");
		write_field(f, "date", it->date);
		write_null(f, e, MANIFEST_CLEAR_DATE, "date");
		write_list(f, "authors", it->authors, it->author_count);
		write_null(f, e, MANIFEST_CLEAR_AUTHORS, "authors");
		write_field(f, "language", it->language);
		write_null(f, e, MANIFEST_CLEAR_LANGUAGE, "language");
		write_list(f, "topics", it->topics, it->topic_count);
		write_null(f, e, MANIFEST_CLEAR_TOPICS, "topics");
		write_field(f, "summary", it->summary);
		write_null(f, e, MANIFEST_CLEAR_SUMMARY, "summary");
		write_texts(f, "summaries", it->summaries, it->summary_count);
		write_null(f, e, MANIFEST_CLEAR_SUMMARIES, "summaries");
		write_field(f, "source", it->source);
		write_null(f, e, MANIFEST_CLEAR_SOURCE, "source");
		write_texts(f, "sources", it->sources, it->source_count);
		write_null(f, e, MANIFEST_CLEAR_SOURCES, "sources");
		write_field(f, "warning", it->warning);
		write_null(f, e, MANIFEST_CLEAR_WARNING, "warning");
		write_texts(f, "warnings", it->warnings, it->warning_count);
		write_null(f, e, MANIFEST_CLEAR_WARNINGS, "warnings");
		write_field(f, "curator_note", it->curator_note);
		write_null(f, e, MANIFEST_CLEAR_CURATOR_NOTE, "curator_note");
		if (e->file) {
			write_field(f, "file", e->file);
			fprintf(f, ",\n      \"size\": %lld", e->size);
			write_field(f, "sha256", e->sha256);
		}
		for (int t = 0; t < e->transcript_count; t++) {
			const manifest_track *tr = &e->transcripts[t];
			fprintf(f, "%s\n        {\"language\": ", t ? "," : ",\n      \"transcripts\": [");
			json_write_string(f, tr->language);
			fputs(", \"file\": ", f);
			json_write_string(f, tr->file);
			fprintf(f, ", \"size\": %lld, \"sha256\": \"%s\"}", tr->size, tr->sha256);
			if (t == e->transcript_count - 1)
				fputs("\n      ]", f);
		}
		write_recording_extras(f, e);
		fputs("\n    }", f);
	}
	fputs("\n  ]", f);
	if (m->trust_count || m->retire_count) {
		const char *names[2] = {"trust", "retire"};
		char **lists[2] = {m->trust, m->retire};
		int counts[2] = {m->trust_count, m->retire_count};
		fputs(",\n  \"keys\": {", f);
		for (int l = 0; l < 2; l++) {
			fprintf(f, "%s\"%s\": [", l ? ", " : "", names[l]);
			for (int i = 0; i < counts[l]; i++) {
				fputs(i ? ", " : "", f);
				json_write_string(f, lists[l][i]);
			}
			fputc(']', f);
		}
		fputc('}', f);
	}
	names_write_json(f, &m->names);
	guide_write_json(f, &m->guide);
	fputs("\n}\n", f);
}

/* A recording's "segments" and "warnings_at". */
static void write_recording_extras(FILE *f, const manifest_entry *e)
{
	if (e->segments) {
		fputs(",\n      \"segments\": {\"file\": ", f);
		json_write_string(f, e->segments->file);
		fprintf(f, ", \"size\": %lld, \"sha256\": \"%s\"}", e->segments->size, e->segments->sha256);
	}
	for (int i = 0; i < e->note_count; i++) {
		const manifest_note *n = &e->notes[i];
		fprintf(f, "%s\n        {\"start\": %.3f, \"end\": %.3f, \"warning\": ", i ? "," : ",\n      \"warnings_at\": [",
			(double)n->start_ms / 1000.0, (double)n->end_ms / 1000.0);
		json_write_string(f, n->warning);
		if (n->warning_count) {
			fputs(", \"warnings\": {", f);
			for (int t = 0; t < n->warning_count; t++) {
				fputs(t ? ", " : "", f);
				json_write_string(f, n->warnings[t].lang);
				fputs(": ", f);
				json_write_string(f, n->warnings[t].text);
			}
			fputc('}', f);
		}
		fputc('}', f);
		if (i == e->note_count - 1)
			fputs("\n      ]", f);
	}
}

/* The merge: see manifest.h. */
static void merge_text(char **field, const char *given, int clear)
{
	if (!given && !clear)
		return;
	free(*field);
	*field = given ? strdup(given) : NULL;
}

static void merge_list(char ***list, int *count, char *const *given, int given_count, int clear)
{
	if (!given_count && !clear)
		return;
	for (int i = 0; i < *count; i++)
		free((*list)[i]);
	free(*list);
	*list = NULL;
	*count = 0;
	for (int i = 0; i < given_count; i++)
		item_list_add(list, count, given[i]);
}

static void merge_texts(item_text **list, int *count, const item_text *given, int given_count, int clear)
{
	if (!given_count && !clear)
		return;
	for (int i = 0; i < *count; i++)
		free((*list)[i].text);
	free(*list);
	*list = NULL;
	*count = 0;
	for (int i = 0; i < given_count; i++)
		item_text_add(list, count, given[i].lang, given[i].text);
}

void manifest_merge(item *into, const manifest_entry *e)
{
	const item *g = &e->meta;
	unsigned c = e->cleared;
	snprintf(into->id, sizeof into->id, "%s", g->id);
	into->kind = g->kind;
	merge_text(&into->title, g->title, 0);
	merge_texts(&into->titles, &into->title_count, g->titles, g->title_count, c & MANIFEST_CLEAR_TITLES);
	if (g->date[0] || (c & MANIFEST_CLEAR_DATE))
		snprintf(into->date, sizeof into->date, "%s", g->date);
	merge_list(&into->authors, &into->author_count, g->authors, g->author_count, c & MANIFEST_CLEAR_AUTHORS);
	if (g->language[0] || (c & MANIFEST_CLEAR_LANGUAGE))
		snprintf(into->language, sizeof into->language, "%s", g->language);
	merge_list(&into->topics, &into->topic_count, g->topics, g->topic_count, c & MANIFEST_CLEAR_TOPICS);
	merge_text(&into->summary, g->summary, c & MANIFEST_CLEAR_SUMMARY);
	merge_texts(&into->summaries, &into->summary_count /* the summary off takes its translations with it */, g->summaries, g->summary_count,
		    c & (MANIFEST_CLEAR_SUMMARY | MANIFEST_CLEAR_SUMMARIES));
	merge_text(&into->source, g->source, c & MANIFEST_CLEAR_SOURCE);
	merge_texts(&into->sources, &into->source_count, g->sources, g->source_count,
		    c & (MANIFEST_CLEAR_SOURCE | MANIFEST_CLEAR_SOURCES));
	/* Taking the note off takes its translations with it. */
	merge_text(&into->warning, g->warning, c & MANIFEST_CLEAR_WARNING);
	merge_texts(&into->warnings, &into->warning_count, g->warnings, g->warning_count,
		    c & (MANIFEST_CLEAR_WARNING | MANIFEST_CLEAR_WARNINGS));
	merge_text(&into->curator_note, g->curator_note, c & MANIFEST_CLEAR_CURATOR_NOTE);
}
