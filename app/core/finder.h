/* Search away from the caller's thread: each keystroke asks, nobody waits.
 * A worker thread with its own read-only connection runs the latest query
 * only; a query still running when a newer one is asked is interrupted, so
 * that typing fast never queues up work. */
#ifndef HISHATAK_FINDER_H
#define HISHATAK_FINDER_H

#include "core/catalog.h"

typedef struct finder finder;

/* Starts the worker on the catalogue at db_path. NULL with err. */
finder *finder_new(const char *db_path, char err[256]);
void finder_free(finder *f);

/* Asks for query (catalog_search, at most limit items), or, with within_id,
 * for the passages of that item (catalog_search_within). Supersedes any
 * earlier question. */
void finder_ask(finder *f, const char *query, const char *within_id, int limit);

/* 1 and the answer to the latest question once it is there (the caller
 * frees it with catalog_free_hits); 0 while it is being worked on or was
 * already taken. A failed search answers with no hits. */
int finder_take(finder *f, catalog_hit **hits, int *count);

/* True until the answer to the latest question has been taken (so that a
 * caller waiting for quiet never misses an answer that just came in). */
int finder_busy(finder *f);

#endif
