/* Snippets for search results, made the way the index reads text: with
 * FTS5's own unicode61 tokenizer (case and diacritics folded alike in
 * Latin, Cyrillic and Armenian), so that what is marked is what matched.
 * Cheaper than FTS5's snippet(), which runs the whole query again for each
 * result. */
#ifndef HISHATAK_SNIPPET_H
#define HISHATAK_SNIPPET_H

#include "core/fold.h"

#include <sqlite3.h>
#include <stddef.h>

typedef struct snippet_maker snippet_maker;

/* For the words of query, each matched as a prefix. NULL when SQLite has
 * no FTS5 or memory runs out. */
snippet_maker *snippet_maker_new(sqlite3 *db, const char *query);
void snippet_maker_free(snippet_maker *m);

/* Matches a word of the text also when folded (fold.h) it begins with one
 * of terms (folded too): the same name in another script, another form of
 * the word. terms are copied; f must outlive m. */
void snippet_maker_fold(snippet_maker *m, fold *f, char *const *terms, int count);

/* About `words` words of the columns' texts, one after another with
 * " · " between, around the first match: the matching words between [ and
 * ], "…" where text was left out (malloc'ed; NULL when no word matches).
 * And of each column (NULL or ""  for none) its first matching word: at[i]
 * its byte offset in cols[i] and len[i] its length, at[i] -1 when none
 * matches there. The text is read once for both. */
char *snippet_of_columns(snippet_maker *m, const char *const *cols, int n, int words, int *at, int *len);

#endif
