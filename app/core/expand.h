/* The query for the second search index (the folded one, see fold.h):
 * every word typed as its romanized form and its stem, each matched as a
 * prefix, and a run of words that is one of the archive's names for a
 * thing (its thesaurus, bundle.json's "names") also as each of the others. */
#ifndef HISHATAK_EXPAND_H
#define HISHATAK_EXPAND_H

#include "core/fold.h"

typedef struct {
	int set;               /* the thing it names: names of one set are one */
	const char *name;      /* as the archivist wrote it */
} expand_name;

#define EXPAND_MAX_WORDS 12 /* of a query: a pasted page searches its start */

typedef struct {
	char *fts;             /* the FTS5 query, "" when no word is searchable */
	char **terms;          /* every folded form it matches as a prefix */
	int term_count;
	char words[EXPAND_MAX_WORDS][FOLD_MAX]; /* the query's words, romanized */
	int word_count;
} expand_query;

/* Builds q from text (names sorted by set, name_count of them); 0, or -1
 * when memory runs out. A word of one letter is left out, as in the plain
 * index. The caller frees q with expand_free. */
int expand_make(fold *f, const expand_name *names, int name_count, const char *text, expand_query *q);
void expand_free(expand_query *q);

/* How many edits (insert, delete, change, swap of two neighbours) turn a
 * into b; max + 1 when more than max. */
int expand_distance(const char *a, const char *b, int max);

#endif
