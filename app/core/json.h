/* Writing JSON (reading it is SQLite's JSON1, see manifest.c). */
#ifndef HISHATAK_JSON_H
#define HISHATAK_JSON_H

#include <stdio.h>

/* Writes s (UTF-8, NULL as "") as a JSON string. */
void json_write_string(FILE *f, const char *s);

#endif
