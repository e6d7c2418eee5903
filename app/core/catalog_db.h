/* For the catalogue's own files (catalog_guide.c, catalog_recordings.c, catalog_usage.c) only: the SQLite
 * connection under a catalog. Nothing outside app/core/catalog*.c uses it. */
#ifndef HISHATAK_CATALOG_DB_H
#define HISHATAK_CATALOG_DB_H

#include "core/catalog.h"
#include <sqlite3.h>

sqlite3 *catalog_db(catalog *c);

/* Says in err that what failed, with SQLite's message; returns -1. */
int catalog_db_failed(sqlite3 *db, const char *what, char err[256]);

#endif
