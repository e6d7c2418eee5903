/* hishatak list: the items visitors can see. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>

/* Translations as "name": {"lang": "text", ...}; nothing when none. */
static void write_texts(FILE *f, const char *name, const item_text *texts, int count)
{
	if (!count)
		return;
	fprintf(f, ", \"%s\": {", name);
	for (int i = 0; i < count; i++) {
		fputs(i ? ", " : "", f);
		json_write_string(f, texts[i].lang);
		fputs(": ", f);
		json_write_string(f, texts[i].text);
	}
	fputs("}", f);
}

void cli_item_json(FILE *f, const item *it)
{
	fputs("{\"id\": ", f);
	json_write_string(f, it->id);
	fputs(", \"kind\": ", f);
	json_write_string(f, item_kind_name(it->kind));
	fputs(", \"title\": ", f);
	json_write_string(f, it->title);
	write_texts(f, "titles", it->titles, it->title_count);
	fputs(", \"date\": ", f);
	if (it->date[0])
		json_write_string(f, it->date);
	else
		fputs("null", f);
	fputs(", \"authors\": [", f);
	for (int i = 0; i < it->author_count; i++) {
		fputs(i ? ", " : "", f);
		json_write_string(f, it->authors[i]);
	}
	fputs("], \"language\": ", f);
	json_write_string(f, it->language);
	fputs(", \"topics\": [", f);
	for (int i = 0; i < it->topic_count; i++) {
		fputs(i ? ", " : "", f);
		json_write_string(f, it->topics[i]);
	}
	fputs("], \"summary\": ", f);
	json_write_string(f, it->summary);
	write_texts(f, "summaries", it->summaries, it->summary_count);
	fputs(", \"source\": ", f);
	json_write_string(f, it->source);
	write_texts(f, "sources", it->sources, it->source_count);
	if (it->warning) {
		fputs(", \"warning\": ", f);
		json_write_string(f, it->warning);
	}
	if (it->curator_note) { /* for staff: the kiosk never shows it */
		fputs(", \"curator_note\": ", f);
		json_write_string(f, it->curator_note);
	}
	if (it->duration_ms > 0) /* a recording; its format is its poster's */
		fprintf(f, ", \"duration\": %.3f", (double)it->duration_ms / 1000.0);
	fprintf(f, ", \"pages\": %d, \"format\": ", it->pages);
	json_write_string(f, it->format);
	fprintf(f, ", \"size\": %lld, \"sha256\": ", it->size);
	json_write_string(f, it->sha256);
	fputs(", \"added\": ", f);
	json_write_string(f, it->added);
	fputs("}", f);
}

int cli_list(int argc, char **argv)
{
	const char *dir = NULL, *args[1];
	int json = 0, n;
	cli_option opts[] = {{"--data", &dir}, {"--json", NULL, &json}, {0}};
	int rc = cli_parse(argc, argv, opts, args, 0, &n, "hishatak list --data DIR [--json]");
	if (rc)
		return rc == -2 ? CLI_OK : CLI_USAGE;
	data_folder *d = cli_open_data(dir, DATA_READONLY);
	if (!d)
		return CLI_FAILED;
	item *items;
	int count;
	if (catalog_list(d->cat, &items, &count) != 0) {
		cli_error("list: %s", catalog_error(d->cat));
		data_close(d);
		return CLI_FAILED;
	}
	if (json)
		fputs("[", stdout);
	for (int i = 0; i < count; i++) {
		if (json) {
			fputs(i ? ",\n " : "", stdout);
			cli_item_json(stdout, &items[i]);
		} else {
			printf("%-40s %-10s %-10s %4d  %s\n", items[i].id, item_kind_name(items[i].kind),
			       items[i].date[0] ? items[i].date : "-", items[i].pages, items[i].title);
		}
	}
	if (json)
		fputs("]\n", stdout);
	catalog_free_items(items, count);
	data_close(d);
	return CLI_OK;
}
