/* The archivist's tables of what the archive tells visitors, beside
 * items.csv (guide.h): topics.csv (id, label, label_LANG: a row a topic),
 * collections.csv (id, title, title_LANG, intro, intro_LANG, items,
 * picture, withdraw: a row a collection) and about.csv (title, title_LANG,
 * intro, intro_LANG: one row). Each is optional; every cell is checked, and
 * what is wrong goes to the findings with its file, row, column and value
 * and how to put it right. See README "Preparing a USB stick". */
#ifndef HISHATAK_GUIDE_TABLES_H
#define HISHATAK_GUIDE_TABLES_H

#include "core/findings.h"
#include "core/guide.h"
#include "core/history.h"
#include "core/manifest.h"

/* Reads the tables in the folder source into out, checking a collection's
 * items against the items m lists and those the earlier bundles h leave
 * (m's withdrawals taken away) and a topic against the items' topics. A
 * collection's picture is left as its path in source (the bundle tool
 * copies it). */
void guide_tables_read(const char *source, const manifest *m, const history *h, findings *found, guide *out);

/* The tables' columns, for --help. */
void guide_tables_print_columns(FILE *f);

#endif
