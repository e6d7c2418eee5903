/* Writing JSON, and the one lookup through which it is read (SQLite's
 * JSON1 parses: no hand-written parser). */
#ifndef HISHATAK_JSON_H
#define HISHATAK_JSON_H

#include <sqlite3.h>
#include <stdio.h>

/* The statement json_get runs, prepared once on any connection. */
#define JSON_GET_SQL "SELECT json_type(?1, ?2), json_extract(?1, ?2)"

/* Looks up path in json with get (JSON_GET_SQL): copies its JSON type
 * ("null" when absent or null) into type and returns it, and sets *value
 * to a malloc'ed copy of its text or JSON (NULL when absent). */
const char *json_get(sqlite3_stmt *get, const char *json, const char *path, char **value, char type[16]);

/* Writes s (UTF-8, NULL as "") as a JSON string. */
void json_write_string(FILE *f, const char *s);

#endif
