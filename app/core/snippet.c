/* Snippets: see snippet.h. */
#include "core/snippet.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TERMS 16

struct snippet_maker {
	fts5_tokenizer api;
	Fts5Tokenizer *tokenizer;
	char *terms[MAX_TERMS];   /* the query's words, folded */
	int term_len[MAX_TERMS], term_count;
	fold *fold;               /* with snippet_maker_fold: */
	char *folded[MAX_TERMS * 2];
	int folded_count;
};

typedef struct {
	int start, end, match;    /* bytes of the text; a query word's prefix */
} token;

typedef struct {
	snippet_maker *m;
	const char *text;         /* what is tokenized, for folded matches */
	token *tokens;
	int count, cap, oom;
} token_list;

/* A word folded begins with a folded term. A word that begins with an
 * ASCII letter or digit folds to that one in lower case, and so does its
 * stem: unless a term begins with it, the word is not folded at all (ICU
 * takes microseconds a word; a hundred results' snippets have thousands). */
static int folded_match(snippet_maker *m, const char *word, int len)
{
	char rom[FOLD_MAX], stem[FOLD_MAX];
	unsigned char first = (unsigned char)word[0];
	if (first < 0x80 && isalnum(first)) {
		int any = 0;
		for (int i = 0; i < m->folded_count && !any; i++)
			any = m->folded[i][0] == tolower(first);
		if (!any)
			return 0;
	}
	if (!fold_word(m->fold, word, len, rom, stem))
		return 0;
	for (int i = 0; i < m->folded_count; i++) {
		size_t k = strlen(m->folded[i]);
		if (!strncmp(rom, m->folded[i], k) || (stem[0] && !strncmp(stem, m->folded[i], k)))
			return 1;
	}
	return 0;
}

static fts5_api *fts5_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

static int add_term(void *ctx, int flags, const char *folded, int len, int start, int end)
{
	snippet_maker *m = ctx;
	if (m->term_count < MAX_TERMS && len > 0 && (m->terms[m->term_count] = malloc((size_t)len))) {
		memcpy(m->terms[m->term_count], folded, (size_t)len);
		m->term_len[m->term_count++] = len;
	}
	return SQLITE_OK;
}

snippet_maker *snippet_maker_new(sqlite3 *db, const char *query)
{
	fts5_api *fts = fts5_of(db);
	void *user;
	snippet_maker *m = calloc(1, sizeof *m);
	const char *args[] = {"remove_diacritics", "2"}; /* as the index was made */
	if (!fts || !m || fts->xFindTokenizer(fts, "unicode61", &user, &m->api) != SQLITE_OK ||
	    m->api.xCreate(user, args, 2, &m->tokenizer) != SQLITE_OK) {
		free(m);
		return NULL;
	}
	m->api.xTokenize(m->tokenizer, m, FTS5_TOKENIZE_QUERY, query, (int)strlen(query), add_term);
	return m;
}

void snippet_maker_free(snippet_maker *m)
{
	if (!m)
		return;
	for (int i = 0; i < m->term_count; i++)
		free(m->terms[i]);
	for (int i = 0; i < m->folded_count; i++)
		free(m->folded[i]);
	m->api.xDelete(m->tokenizer);
	free(m);
}

static int add_token(void *ctx, int flags, const char *folded, int len, int start, int end)
{
	token_list *l = ctx;
	if (l->count == l->cap) {
		token *bigger = realloc(l->tokens, (size_t)(l->cap = l->cap ? l->cap * 2 : 64) * sizeof *bigger);
		if (!bigger) {
			l->oom = 1;
			return SQLITE_NOMEM;
		}
		l->tokens = bigger;
	}
	int match = 0;
	for (int i = 0; i < l->m->term_count && !match; i++)
		match = len >= l->m->term_len[i] && memcmp(folded, l->m->terms[i], (size_t)l->m->term_len[i]) == 0;
	if (!match && l->m->fold && l->text)
		match = folded_match(l->m, l->text + start, end - start);
	l->tokens[l->count++] = (token){start, end, match};
	return SQLITE_OK;
}

void snippet_maker_fold(snippet_maker *m, fold *f, char *const *terms, int count)
{
	if (!m)
		return;
	m->fold = f;
	for (int i = 0; i < count && m->folded_count < MAX_TERMS * 2; i++)
		if ((m->folded[m->folded_count] = strdup(terms[i])))
			m->folded_count++;
}

/* About `words` tokens of l around its first match, as snippet_of_columns says
 * (NULL when none matches). */
static char *snippet_of_tokens(const token_list *l, const char *text, int words)
{
	int first = 0;
	while (first < l->count && !l->tokens[first].match)
		first++;
	if (l->oom || first == l->count)
		return NULL;
	/* A few words before the match, the rest after it. */
	int from = first - words / 3 > 0 ? first - words / 3 : 0, to = from + words < l->count ? from + words : l->count;
	size_t size = (size_t)(l->tokens[to - 1].end - l->tokens[from].start) + 2 * (size_t)(to - from) + 8;
	char *out = malloc(size), *o = out;
	if (!out)
		return NULL;
	if (from > 0)
		o += strlen(strcpy(o, "…"));
	for (int t = from; t < to; t++) {
		const token *k = &l->tokens[t];
		int gap_end = t + 1 < to ? l->tokens[t + 1].start : k->end;
		if (k->match)
			*o++ = '[';
		memcpy(o, text + k->start, (size_t)(k->end - k->start));
		o += k->end - k->start;
		if (k->match)
			*o++ = ']';
		memcpy(o, text + k->end, (size_t)(gap_end - k->end)); /* the spaces and marks between */
		o += gap_end - k->end;
	}
	if (to < l->count)
		o += strlen(strcpy(o, "…"));
	*o = 0;
	return out;
}

char *snippet_of_columns(snippet_maker *m, const char *const *cols, int n, int words, int *at, int *len)
{
	size_t size = 1;
	for (int i = 0; i < n; i++) {
		at[i] = -1;
		len[i] = 0;
		size += (cols[i] ? strlen(cols[i]) : 0) + 4;
	}
	char *text = m ? malloc(size) : NULL, *snippet = NULL;
	int *start = m ? malloc((size_t)n * sizeof *start) : NULL;
	if (!text || !start) {
		free(text);
		free(start);
		return NULL;
	}
	size_t k = 0;
	for (int i = 0; i < n; i++) {
		start[i] = (int)k;
		if (!cols[i] || !cols[i][0])
			continue;
		if (k)
			k += strlen(strcpy(text + k, " · "));
		start[i] = (int)k;
		k += strlen(strcpy(text + k, cols[i]));
	}
	text[k] = 0;
	token_list l = {m, text};
	m->api.xTokenize(m->tokenizer, &l, FTS5_TOKENIZE_DOCUMENT, text, (int)k, add_token);
	for (int t = 0, col = 0; t < l.count && !l.oom; t++) {
		while (col + 1 < n && l.tokens[t].start >= start[col + 1])
			col++;
		if (l.tokens[t].match && at[col] < 0) {
			at[col] = l.tokens[t].start - start[col];
			len[col] = l.tokens[t].end - l.tokens[t].start;
		}
	}
	snippet = snippet_of_tokens(&l, text, words);
	free(l.tokens);
	free(start);
	free(text);
	return snippet;
}
