/* The catalogue's usage counts (schema 11's table usage): sums a day, never
 * single events. usage.c counts; this file keeps. */
#ifndef HISHATAK_CATALOG_USAGE_H
#define HISHATAK_CATALOG_USAGE_H

#include "core/catalog.h"

/* One row: a day, a kind of use, its key, summed. */
typedef struct {
	char day[16];       /* YYYY-MM-DD, or "unknown" */
	char what[8];       /* open, search, miss, listen, lang */
	char key[72];       /* the item id, "found"/"nothing", the word, the language */
	long long count, seconds;
} catalog_usage_row;

/* Adds count and seconds to the row (day, what, key), made when new,
 * inside the caller's transaction. A word of what "miss" new to a day that
 * has max_keys of them already is added to other_key's row instead. */
int catalog_usage_add(catalog *c, const catalog_usage_row *r, int max_keys, const char *other_key, char err[256]);

/* Every row, by day, then what, then key (caller frees *rows). */
int catalog_usage_rows(catalog *c, catalog_usage_row **rows, int *count, char err[256]);

#endif
