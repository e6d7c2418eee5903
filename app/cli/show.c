/* hishatak show: one item's metadata, for staff checking an archive. */
#include "cli/cli.h"

#include <stdio.h>

int cli_show(int argc, char **argv)
{
	const char *dir = NULL, *args[1];
	int json = 0, n;
	cli_option opts[] = {{"--data", &dir}, {"--json", NULL, &json}, {0}};
	const char *usage = "hishatak show --data DIR [--json] ID";
	int rc = cli_parse(argc, argv, opts, args, 1, &n, usage);
	if (rc)
		return rc == -2 ? CLI_OK : CLI_USAGE;
	if (n != 1) {
		cli_error("show: which item?\nusage: %s", usage);
		return CLI_USAGE;
	}
	data_folder *d = cli_open_data(dir, DATA_READONLY);
	if (!d)
		return CLI_FAILED;
	item it;
	rc = catalog_get(d->cat, args[0], &it);
	if (rc != 0) {
		cli_error("show: %s", rc > 0 ? "no such item" : catalog_error(d->cat));
		data_close(d);
		return CLI_FAILED;
	}
	if (json) {
		cli_item_json(stdout, &it);
		fputc('\n', stdout);
	} else {
		printf("id:        %s\nkind:      %s\ntitle:     %s\n", it.id, item_kind_name(it.kind), it.title);
		for (int i = 0; i < it.title_count; i++)
			printf("title[%s]: %s\n", it.titles[i].lang, it.titles[i].text);
		printf("date:      %s\nlanguage:  %s\n", it.date, it.language);
		for (int i = 0; i < it.author_count; i++)
			printf("author:    %s\n", it.authors[i]);
		for (int i = 0; i < it.topic_count; i++)
			printf("topic:     %s\n", it.topics[i]);
		printf("summary:   %s\n", it.summary ? it.summary : "");
		for (int i = 0; i < it.summary_count; i++)
			printf("summary[%s]: %s\n", it.summaries[i].lang, it.summaries[i].text);
		printf("source:    %s\n", it.source ? it.source : "");
		for (int i = 0; i < it.source_count; i++)
			printf("source[%s]: %s\n", it.sources[i].lang, it.sources[i].text);
		if (it.warning)
			printf("warning:   %s\n", it.warning);
		if (it.curator_note) /* for staff: the kiosk never shows it */
			printf("curator:   %s\n", it.curator_note);
		printf("pages:     %d (%s)\nfile:      %s, %lld bytes\nadded:     %s\n", it.pages,
		       it.reflowable ? "reflowable, at 1920x1080" : "fixed", it.sha256, it.size, it.added);
	}
	item_clear(&it);
	data_close(d);
	return CLI_OK;
}
