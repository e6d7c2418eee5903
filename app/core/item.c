/* Item metadata helpers: see item.h. */
#include "core/item.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *kind_names[KIND_COUNT] = {
	"report", "testimony", "transcript", "article", "photo", "other"
};

const char *item_kind_name(item_kind kind)
{
	return kind >= 0 && kind < KIND_COUNT ? kind_names[kind] : "other";
}

int item_kind_parse(const char *name)
{
	for (int k = 0; k < KIND_COUNT; k++)
		if (name && strcmp(name, kind_names[k]) == 0)
			return k;
	return -1;
}

static void free_list(char **list, int count)
{
	for (int i = 0; i < count; i++)
		free(list[i]);
	free(list);
}

static void free_texts(item_text *list, int count)
{
	for (int i = 0; i < count; i++)
		free(list[i].text);
	free(list);
}

void item_clear(item *it)
{
	free(it->title);
	free_texts(it->titles, it->title_count);
	free_list(it->authors, it->author_count);
	free_list(it->topics, it->topic_count);
	free(it->summary);
	free_texts(it->summaries, it->summary_count);
	free(it->source);
	free_texts(it->sources, it->source_count);
	free(it->warning);
	free_texts(it->warnings, it->warning_count);
	free(it->curator_note);
	memset(it, 0, sizeof *it);
}

int item_id_is_valid(const char *id)
{
	size_t n = 0;
	for (; id[n]; n++) {
		char c = id[n];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return 0;
	}
	return n >= 1 && n <= 64;
}

int item_date_is_valid(const char *date)
{
	int y, m = 1, d = 1;
	char tail;
	size_t n = strlen(date);
	for (size_t i = 0; i < n; i++)
		if (!((date[i] >= '0' && date[i] <= '9') || ((i == 4 || i == 7) && date[i] == '-')))
			return 0;
	if (n == 4)
		return sscanf(date, "%4d%c", &y, &tail) == 1;
	if (n == 7)
		return sscanf(date, "%4d-%2d%c", &y, &m, &tail) == 2 && m >= 1 && m <= 12;
	if (n == 10) {
		static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
		if (sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1)
			return 0;
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		return d <= (m == 2 && !leap ? 28 : days[m - 1]);
	}
	return 0;
}

static const char *text_in(const item_text *list, int count, const char *lang, const char *fallback)
{
	for (int i = 0; lang && i < count; i++)
		if (strcmp(list[i].lang, lang) == 0)
			return list[i].text;
	return fallback;
}

const char *item_title_in(const item *it, const char *lang)
{
	return text_in(it->titles, it->title_count, lang, it->title);
}

const char *item_warning_in(const item *it, const char *lang)
{
	return text_in(it->warnings, it->warning_count, lang, it->warning);
}

const char *item_summary_only_in(const item *it, const char *lang)
{
	return text_in(it->summaries, it->summary_count, lang, NULL);
}

const char *item_source_in(const item *it, const char *lang)
{
	return text_in(it->sources, it->source_count, lang, it->source);
}

int item_list_has(char *const *list, int count, const char *s)
{
	for (int i = 0; i < count; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

int item_list_add(char ***list, int *count, const char *s)
{
	char **bigger = realloc(*list, (size_t)(*count + 1) * sizeof **list);
	if (!bigger)
		return -1;
	*list = bigger;
	if (!(bigger[*count] = strdup(s)))
		return -1;
	(*count)++;
	return 0;
}

int item_text_add(item_text **list, int *count, const char *lang, const char *text)
{
	item_text *bigger = realloc(*list, (size_t)(*count + 1) * sizeof **list);
	if (!bigger)
		return -1;
	*list = bigger;
	snprintf(bigger[*count].lang, sizeof bigger[*count].lang, "%s", lang);
	if (!(bigger[*count].text = strdup(text)))
		return -1;
	(*count)++;
	return 0;
}
