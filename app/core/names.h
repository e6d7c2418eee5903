/* The archive's thesaurus: sets of names, each the names of one thing in
 * any scripts ("Artsakh", "Nagorno-Karabakh", "Нагорный Карабах", "Արցախ"),
 * which search treats as one. The archivist keeps it as names.csv (a row a
 * set); a bundle carries it as "names", a list of lists; the catalogue
 * keeps the last bundle's (catalog_set_names). */
#ifndef HISHATAK_NAMES_H
#define HISHATAK_NAMES_H

#include <stddef.h>
#include <stdio.h>

typedef struct {
	int given;          /* the bundle has "names" (maybe empty) */
	char **names;       /* every name, set after set */
	int *set_of;        /* the set (from 0) of each */
	int count, set_count;
} names_list;

/* names.csv: each row a set; its cells, and the parts of a cell separated
 * by ';', its names; blank rows and rows starting with '#' are skipped. A
 * row of one name, or a name (folded: "Lachin" is "Лачин") on two rows, is
 * refused with the row. 0, or -1 with err. */
int names_parse_csv(const char *text, size_t len, names_list *out, char err[512]);

/* bundle.json's top-level "names" (json is the whole text), checked as
 * names.csv is; absent: out->given is 0. 0, or -1 with err. */
int names_parse_json(const char *json, size_t len, names_list *out, char err[256]);

/* Writes ",\n  \"names\": [...]" when l was given, else nothing. */
void names_write_json(FILE *f, const names_list *l);

void names_free(names_list *l);

#endif
