/* hishatak search: matching items, best first, with the pages that match. */
#include "cli/cli.h"
#include "core/ingest.h"
#include "core/search.h"
#include "core/subtitles.h"

#include <stdio.h>
#include <string.h>

int cli_search(int argc, char **argv)
{
	const char *dir = NULL, *size = NULL, *args[16];
	int json = 0, n, w = INGEST_REFERENCE_W, h = INGEST_REFERENCE_H;
	cli_option opts[] = {{"--data", &dir}, {"--json", NULL, &json}, {"--size", &size}, {0}};
	const char *usage = "hishatak search --data DIR [--json] [--size WxH] QUERY";
	int rc = cli_parse(argc, argv, opts, args, 16, &n, usage);
	if (rc)
		return rc == -2 ? CLI_OK : CLI_USAGE;
	if (n == 0) {
		cli_error("search: what to search for?\nusage: %s", usage);
		return CLI_USAGE;
	}
	if (size && !cli_parse_size(size, &w, &h)) {
		cli_error("search: bad --size \"%s\" (WxH, like 1920x1080)", size);
		return CLI_USAGE;
	}
	char query[1024] = "", err[256];
	for (int i = 0; i < n; i++) {
		strncat(query, args[i], sizeof query - strlen(query) - 2);
		strcat(query, " ");
	}
	if (!catalog_searchable(query) && !json)
		fprintf(stderr, "hishatak: search: a word of one letter is not searched: type two letters or more\n");
	data_folder *d = cli_open_data(dir, DATA_READONLY);
	if (!d)
		return CLI_FAILED;
	search_result *results;
	int count;
	if (search_run(d, query, w, h, 200, &results, &count, err) != 0) {
		cli_error("search: %s", err);
		data_close(d);
		return CLI_FAILED;
	}
	if (json)
		fputs("[", stdout);
	for (int i = 0; i < count; i++) {
		search_result *r = &results[i];
		if (json) {
			fputs(i ? ",\n {\"id\": " : "{\"id\": ", stdout);
			json_write_string(stdout, r->meta.id);
			fputs(", \"title\": ", stdout);
			json_write_string(stdout, r->meta.title);
			fputs(", \"kind\": ", stdout);
			json_write_string(stdout, item_kind_name(r->meta.kind));
			fputs(", \"date\": ", stdout);
			json_write_string(stdout, r->meta.date);
			fputs(", \"pages\": [", stdout);
			for (int p = 0; p < r->page_count; p++)
				printf("%s%d", p ? ", " : "", r->pages[p]);
			fputs("]", stdout);
			if (r->meta.duration_ms > 0) { /* a recording: where, in seconds */
				fputs(", \"times\": [", stdout);
				for (int t = 0; t < r->time_count; t++)
					printf("%s%.3f", t ? ", " : "", (double)r->times_ms[t] / 1000.0);
				fputs("]", stdout);
			}
			fputs(", \"snippet\": ", stdout);
			json_write_string(stdout, r->snippet);
			fputs(", \"matched\": [", stdout);
			for (int m = 0; m < r->match_count; m++) {
				fputs(m ? ", {\"field\": " : "{\"field\": ", stdout);
				json_write_string(stdout, r->matched[m].field);
				fputs(", \"form\": ", stdout);
				json_write_string(stdout, r->matched[m].form);
				fputs("}", stdout);
			}
			fprintf(stdout, "], \"through\": \"%s\"", r->folded ? "folded" : "as typed");
			if (r->corrected[0]) {
				fputs(", \"corrected\": ", stdout);
				json_write_string(stdout, r->corrected);
			}
			fputs("}", stdout);
		} else {
			printf("%s  %s\n  pages:", r->meta.id, r->meta.title);
			for (int p = 0; p < r->page_count; p++)
				printf(" %d", r->pages[p]);
			if (r->time_count)
				fputs("\n  at:", stdout);
			for (int t = 0; t < r->time_count; t++) {
				char at[24];
				subtitles_format_time(r->times_ms[t], at, sizeof at);
				printf(" %s", at);
			}
			printf("\n  %s\n", r->snippet ? r->snippet : "");
		}
	}
	if (json)
		fputs("]\n", stdout);
	else if (count && results[0].corrected[0])
		printf("(showing results for %s: nothing has \"%.*s\")\n", results[0].corrected, (int)strlen(query) - 1, query);
	search_free(results, count);
	data_close(d);
	return CLI_OK;
}
