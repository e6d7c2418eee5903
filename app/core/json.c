/* Writing JSON: see json.h. */
#include "core/json.h"

#include <stdlib.h>
#include <string.h>

void json_write_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

const char *json_get(sqlite3_stmt *get, const char *json, const char *path, char **value, char type[16])
{
	*value = NULL;
	snprintf(type, 16, "null");
	sqlite3_reset(get);
	sqlite3_bind_text(get, 1, json, -1, SQLITE_STATIC);
	sqlite3_bind_text(get, 2, path, -1, SQLITE_STATIC);
	if (sqlite3_step(get) != SQLITE_ROW || sqlite3_column_type(get, 0) == SQLITE_NULL)
		return type;
	snprintf(type, 16, "%s", (const char *)sqlite3_column_text(get, 0));
	const unsigned char *v = sqlite3_column_text(get, 1);
	if (v)
		*value = strdup((const char *)v);
	return type;
}
