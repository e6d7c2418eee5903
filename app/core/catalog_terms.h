/* The words of the two search indexes, each kept in search_terms, so that
 * a prefix longer than any prefix index covers is searched as the few
 * words it begins (for the catalogue's own files only). FTS5 answers a
 * prefix query that no prefix index holds by first merging the whole
 * list of rows of every word the prefix begins, with their positions:
 * "huma"* costs the rows of "human", "humanity" and "humanitarian", all
 * of them, before the first is handed over, at each keystroke. The same
 * words ORed are read lazily, newest first, and stop at the LIMIT. */
#ifndef HISHATAK_CATALOG_TERMS_H
#define HISHATAK_CATALOG_TERMS_H

#include "core/fold.h"
#include <sqlite3.h>

/* The tokenizers of the two indexes (search: unicode61 without
 * diacritics; search_folded: unicode61), for terms_note. */
typedef struct terms_tokenizers terms_tokenizers;
terms_tokenizers *terms_tokenizers_new(sqlite3 *db);
void terms_tokenizers_free(terms_tokenizers *t);

/* Adds the words of text, as the plain index holds them, and those of
 * folded (its fold_text, as the folded index holds it), to search_terms.
 * Inside a transaction: the words already put in it are not looked up
 * again. */
int terms_note(sqlite3 *db, terms_tokenizers *t, const char *text, const char *folded);

/* Forgets which words this transaction put (at its beginning: those of
 * one rolled back are not in the table). */
void terms_forget(terms_tokenizers *t);

/* Fills search_terms again from both indexes (their fts5vocab: reads
 * every list of rows, once, for a migration or a rebuild). */
int terms_refill(sqlite3 *db);

/* The FTS5 query fts with each "prefix"* of more than three letters
 * (the prefix indexes are of two and three) made the words of the
 * index (folded or not) that it begins, ORed (the shortest few dozen of
 * them). NULL when out of memory. */
char *terms_widen(sqlite3 *db, terms_tokenizers *t, int folded, const char *fts);

#endif
