/* UI strings: see strings.h. */
#include "ui/strings.h"
#include "core/files.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const strings_langs[STRINGS_LANG_COUNT] = {"en", "hy", "ru"};

typedef struct {
	char *key, *text;
} entry;

static struct {
	char *file;     /* the file's text, cut in place into keys and texts */
	entry *entries;
	int count;
} tables[STRINGS_LANG_COUNT];

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	char *e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = 0;
	return s;
}

int strings_load(const char *assets_dir, char err[256])
{
	for (int l = 0; l < STRINGS_LANG_COUNT; l++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/strings/%s.txt", assets_dir, strings_langs[l]);
		char *text = files_read(path, 1 << 20, NULL, err);
		if (!text)
			return -1;
		tables[l].file = text;
		for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
			char *eq = strchr(line, '=');
			if (line[0] == '#' || !eq)
				continue;
			*eq = 0;
			entry *bigger = realloc(tables[l].entries, (size_t)(tables[l].count + 1) * sizeof *bigger);
			if (!bigger)
				return -1;
			tables[l].entries = bigger;
			bigger[tables[l].count++] = (entry){trim(line), trim(eq + 1)};
		}
	}
	return 0;
}

void strings_free(void)
{
	for (int l = 0; l < STRINGS_LANG_COUNT; l++) {
		free(tables[l].file);
		free(tables[l].entries);
		memset(&tables[l], 0, sizeof tables[l]);
	}
}

const char *strings_get(int lang, const char *key)
{
	for (int pass = 0; pass < 2; pass++) {
		int l = pass == 0 ? lang : 0;
		if (l < 0 || l >= STRINGS_LANG_COUNT)
			continue;
		for (int i = 0; i < tables[l].count; i++)
			if (strcmp(tables[l].entries[i].key, key) == 0)
				return tables[l].entries[i].text;
	}
	return key;
}

int strings_lang_index(const char *code)
{
	for (int l = 0; l < STRINGS_LANG_COUNT; l++)
		if (strcmp(code, strings_langs[l]) == 0)
			return l;
	return -1;
}
