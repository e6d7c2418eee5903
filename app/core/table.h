/* The metadata table a bundle is made from: items.csv, one row per item,
 * its first row naming the columns (see table_print_columns). */
#ifndef HISHATAK_TABLE_H
#define HISHATAK_TABLE_H

#include "core/findings.h"
#include "core/history.h"
#include "core/manifest.h"
#include <stddef.h>
#include <stdio.h>

typedef struct {
	const char *name;     /* how messages call the table: items.csv, or the items.xlsx LibreOffice read */
	const history *h;     /* the earlier bundles; NULL: none are known */
	const char *bundles;  /* their folder, for messages */
	findings *found;      /* where problems and warnings go */
} table_check;

/* Reads the table's text (UTF-8 CSV, comma or semicolon separated) as
 * manifest entries, files still the source folder's paths, every cell
 * checked. rows (may be NULL) gets each entry's row number (caller frees).
 * NULL when the table cannot be read at all; problems are in ck->found
 * either way. */
manifest *table_read(const table_check *ck, const char *text, size_t len, int **rows);

/* Where a cell is, for a message: "items.csv row 4 (gamma), column date"
 * (col NULL: the row). A static buffer, overwritten by the next call. */
const char *table_where(const table_check *ck, int number, const char *id, const char *col);

/* The rows of any of the archivist's CSV tables (UTF-8, comma or semicolon
 * separated, as table_read reads items.csv), cells as they are; name is how
 * problems call the table. 0, or -1 with the problem in found. Free with
 * table_rows_free. */
typedef struct {
	char **cells;
	int count;
} table_row;
int table_rows(const char *name, const char *text, size_t len, findings *found, table_row **rows, int *count);
void table_rows_free(table_row *rows, int count);

/* True when a spreadsheet lost v's letters (it saved a ? for each). */
int table_lost_letters(const char *v);

/* The columns, one a line with what to write in them: for --help. */
void table_print_columns(FILE *f);

#endif
