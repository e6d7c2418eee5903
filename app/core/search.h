/* Search as visitors and staff see it: the catalogue's full-text matches,
 * each item with the pages where the query occurs in the document as laid
 * out for a given screen (the index keeps passages, which survive re-layout;
 * this finds their pages again). */
#ifndef HISHATAK_SEARCH_H
#define HISHATAK_SEARCH_H

#include "core/data.h"

typedef struct {
	item meta;
	int *pages;          /* from 1, ascending, no repeats */
	int page_count;
	char *snippet;       /* with the match between [ and ] */
	long long *times_ms; /* a recording's: where the query is spoken, ascending (pages: none) */
	int time_count;
	catalog_match matched[6]; /* where it matched, and the word there */
	int match_count;
	int folded;          /* through another script, form or name alone */
	char corrected[128]; /* what was searched instead (catalog_hit) */
} search_result;

/* Searches and locates pages at the layout for a w x h screen. Best first. */
int search_run(data_folder *d, const char *query, int w, int h, int limit,
	       search_result **out, int *count, char err[256]);
void search_free(search_result *results, int count);

#endif
