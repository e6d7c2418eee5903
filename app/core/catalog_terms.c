/* The words of the search indexes: see catalog_terms.h. Words of items
 * withdrawn stay: a word that no row holds costs one look-up when ORed. */
#include "core/catalog_terms.h"

#include "core/sbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Words a prefix is made of, at most: FTS5 looks through every word ORed
 * for each row it hands over, so that a few hundred cost more than the
 * merge. A prefix that begins more is searched as the shortest of them:
 * the text of PDFs glues words ("karabakhthe", and a hundred more
 * begun by "karabakh"), and the word being typed is among the short. */
#define WIDEN_MAX 32

struct terms_tokenizers {
	fts5_tokenizer api;
	Fts5Tokenizer *plain;
	sqlite3_stmt *add;
	/* The words put in search_terms in this transaction (a set, by
	 * open addressing): a word is looked up in the table once, not at
	 * every item that has it. */
	char **seen;
	size_t seen_count, seen_cap;
};

terms_tokenizers *terms_tokenizers_new(sqlite3 *db)
{
	fts5_api *fts = NULL;
	sqlite3_stmt *st;
	void *user = NULL;
	const char *args[2] = {"remove_diacritics", "2"};
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, &fts, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	terms_tokenizers *t = calloc(1, sizeof *t);
	if (!t || !fts || fts->xFindTokenizer(fts, "unicode61", &user, &t->api) != SQLITE_OK ||
	    t->api.xCreate(user, args, 2, &t->plain) != SQLITE_OK) {
		free(t);
		return NULL;
	}
	return t;
}

void terms_forget(terms_tokenizers *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->seen_cap; i++)
		free(t->seen[i]);
	free(t->seen);
	t->seen = NULL;
	t->seen_count = t->seen_cap = 0;
}

void terms_tokenizers_free(terms_tokenizers *t)
{
	if (!t)
		return;
	t->api.xDelete(t->plain);
	sqlite3_finalize(t->add);
	terms_forget(t);
	free(t);
}

/* FNV-1a of the word and which index it is of. */
static size_t word_hash(int folded, const char *w, int len)
{
	size_t h = 2166136261u ^ (size_t)folded;
	for (int i = 0; i < len; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h;
}

/* The slot of the word (folded is its first byte, '0' or '1'), empty or its own. */
static size_t word_slot(const terms_tokenizers *t, int folded, const char *w, int len)
{
	size_t i = word_hash(folded, w, len) & (t->seen_cap - 1);
	while (t->seen[i] && !(t->seen[i][0] == '0' + folded && strncmp(t->seen[i] + 1, w, (size_t)len) == 0 &&
			       t->seen[i][len + 1] == 0))
		i = (i + 1) & (t->seen_cap - 1);
	return i;
}

/* 1 when the word was put in search_terms in this transaction; else it is
 * counted as put (the caller puts it). */
static int seen_before(terms_tokenizers *t, int folded, const char *w, int len)
{
	if (t->seen_count * 2 >= t->seen_cap) { /* half full: twice the room */
		size_t cap = t->seen_cap ? t->seen_cap * 2 : 4096;
		char **old = t->seen, **room = calloc(cap, sizeof *room);
		size_t old_cap = t->seen_cap;
		if (!room)
			return 0; /* the table decides, as without the set */
		t->seen = room;
		t->seen_cap = cap;
		for (size_t i = 0; i < old_cap; i++)
			if (old[i])
				t->seen[word_slot(t, old[i][0] - '0', old[i] + 1, (int)strlen(old[i] + 1))] = old[i];
		free(old);
	}
	size_t i = word_slot(t, folded, w, len);
	if (t->seen[i])
		return 1;
	if ((t->seen[i] = malloc((size_t)len + 2))) {
		t->seen[i][0] = (char)('0' + folded);
		memcpy(t->seen[i] + 1, w, (size_t)len);
		t->seen[i][len + 1] = 0;
		t->seen_count++;
	}
	return 0;
}

typedef struct {
	terms_tokenizers *t;
	int rc;
} note_ctx;

static int add_term(note_ctx *n, int folded, const char *term, int len)
{
	if (seen_before(n->t, folded, term, len))
		return SQLITE_OK;
	sqlite3_stmt *add = n->t->add;
	sqlite3_reset(add);
	sqlite3_bind_int(add, 1, folded);
	sqlite3_bind_text(add, 2, term, len, SQLITE_TRANSIENT);
	if (sqlite3_step(add) != SQLITE_DONE)
		n->rc = -1;
	return n->rc ? SQLITE_ERROR : SQLITE_OK;
}

static int on_token(void *ctx, int flags, const char *token, int len, int start, int end)
{
	(void)flags, (void)start, (void)end;
	return add_term(ctx, 0, token, len);
}

int terms_note(sqlite3 *db, terms_tokenizers *t, const char *text, const char *folded)
{
	note_ctx n = {t, 0};
	if (!text || !text[0])
		return 0;
	if (!t->add &&
	    sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO search_terms(folded, term) VALUES (?1, ?2)", -1, &t->add, NULL) != SQLITE_OK)
		return -1;
	t->api.xTokenize(t->plain, &n, FTS5_TOKENIZE_DOCUMENT, text, (int)strlen(text), on_token);
	/* The folded text is lower-case ASCII words and spaces: unicode61's
	 * words are those between the spaces. */
	for (const char *w = folded; !n.rc && w && *w;) {
		size_t len = strcspn(w, " ");
		if (len)
			add_term(&n, 1, w, (int)len);
		w += len + (w[len] == ' ');
	}
	sqlite3_reset(t->add);
	if (n.rc) /* the set may now hold a word the table has not */
		terms_forget(t);
	return n.rc;
}

int terms_refill(sqlite3 *db)
{
	return sqlite3_exec(db,
			    "DELETE FROM search_terms;"
			    "CREATE VIRTUAL TABLE temp.plain_words USING fts5vocab(main, search, 'row');"
			    "INSERT INTO search_terms(folded, term) SELECT 0, term FROM temp.plain_words;"
			    "INSERT INTO search_terms(folded, term) SELECT 1, term FROM search_words;"
			    "DROP TABLE temp.plain_words;",
			    NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* Appends the words that prefix (len bytes) begins, ORed, to out; 0 when
 * it is to stay a prefix. */
static int words_of(sqlite3_stmt *st, const char *prefix, int len, sbuf *out)
{
	char end[256];
	int n = 0;
	size_t start = out->len;
	snprintf(end, sizeof end, "%.*s\xf4\x8f\xbf\xbf", len, prefix); /* after every word it begins */
	sqlite3_reset(st);
	sqlite3_bind_text(st, 2, prefix, len, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, end, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 4, WIDEN_MAX);
	sbuf_put(out, "(");
	while (sqlite3_step(st) == SQLITE_ROW)
		sbuf_putf(out, "%s\"%s\"", ++n > 1 ? " OR " : "", (const char *)sqlite3_column_text(st, 0));
	if (!n) { /* none: the prefix finds none, at once */
		out->len = start;
		if (out->data)
			out->data[start] = 0;
		return 0;
	}
	sbuf_put(out, ")");
	return 1;
}

typedef struct {
	char token[256];
	int count;
} one_token;

static int on_query_token(void *ctx, int flags, const char *token, int len, int start, int end)
{
	one_token *o = ctx;
	(void)flags, (void)start, (void)end;
	if (o->count++ == 0)
		snprintf(o->token, sizeof o->token, "%.*s", len, token);
	return SQLITE_OK;
}

char *terms_widen(sqlite3 *db, terms_tokenizers *t, int folded, const char *fts)
{
	sqlite3_stmt *st;
	sbuf out = {0};
	if (sqlite3_prepare_v2(db, "SELECT term FROM search_terms WHERE folded = ?1 AND term >= ?2 AND term < ?3"
			       " ORDER BY length(term), term LIMIT ?4",
			       -1, &st, NULL) != SQLITE_OK)
		return strdup(fts); /* no search_terms: as it was */
	sqlite3_bind_int(st, 1, folded);
	for (const char *p = fts; *p;) {
		if (*p != '"') {
			sbuf_put_n(&out, p++, 1);
			continue;
		}
		/* FTS5 takes two phrases side by side as both, but not a phrase
		 * beside a group: "a"* AND ("b" OR "c"). */
		size_t last = out.len;
		while (last > 0 && out.data[last - 1] == ' ')
			last--;
		if (last > 0 && strchr("\"*)", out.data[last - 1]))
			sbuf_put(&out, "AND ");
		const char *q = p + 1;
		while (*q && !(q[0] == '"' && q[1] != '"'))
			q += q[0] == '"' ? 2 : 1; /* "" is a quote inside */
		int len = (int)(q - p - 1), letters = 0;
		for (int i = 0; i < len; i++)
			letters += ((unsigned char)p[1 + i] & 0xC0) != 0x80;
		/* The prefix as the index holds its words ("Lachin": "lachin"). */
		one_token word = {"", 0};
		if (*q == '"' && q[1] == '*' && letters > 3 && len < 200 && !memchr(p + 1, '"', (size_t)len))
			t->api.xTokenize(t->plain, &word, FTS5_TOKENIZE_QUERY, p + 1, len, on_query_token);
		if (word.count == 1 && words_of(st, word.token, (int)strlen(word.token), &out)) {
			p = q + 2;
			continue;
		}
		size_t n = (size_t)(*q ? q + 1 - p : q - p);
		sbuf_put_n(&out, p, n);
		p += n;
	}
	sqlite3_finalize(st);
	if (out.oom) {
		free(out.data);
		return NULL;
	}
	return out.data ? out.data : strdup("");
}
