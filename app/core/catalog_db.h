/* For the catalogue's own files (catalog_recordings.c) only: the SQLite
 * connection under a catalog. Nothing outside app/core/catalog*.c uses it. */
#ifndef HISHATAK_CATALOG_DB_H
#define HISHATAK_CATALOG_DB_H

#include "core/catalog.h"
#include <sqlite3.h>

sqlite3 *catalog_db(catalog *c);

#endif
