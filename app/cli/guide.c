/* hishatak guide: what the archive tells its visitors beside its items
 * (its name and introduction, its topics' labels, its collections), as
 * bundle.json writes them, for staff checking what a kiosk holds. */
#include "cli/cli.h"
#include "core/catalog_guide.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_guide(int argc, char **argv)
{
	const char *dir = NULL;
	const char *args[1];
	int n, json = 0; /* --json: the only form there is */
	cli_option opts[] = {{"--data", &dir}, {"--json", NULL, &json}, {0}};
	const char *usage = "hishatak guide --data DIR [--json]";
	int rc = cli_parse(argc, argv, opts, args, 0, &n, usage);
	if (rc)
		return rc == -2 ? CLI_OK : CLI_USAGE;
	data_folder *d = cli_open_data(dir, DATA_READONLY);
	if (!d)
		return CLI_FAILED;
	guide g;
	char err[256];
	if (catalog_get_guide(d->cat, &g, err) != 0) {
		cli_error("guide: %s", err);
		data_close(d);
		return CLI_FAILED;
	}
	/* A stored picture is named by its place in the store. */
	for (int i = 0; i < g.collection_count; i++)
		if (g.collections[i].picture_sha256[0]) {
			char path[4096];
			store_path(d->st, g.collections[i].picture_sha256, path);
			g.collections[i].picture = strdup(path);
		}
	char *archive = catalog_get_setting(d->cat, "archive");
	fputs("{\"archive\": ", stdout);
	json_write_string(stdout, archive ? archive : "");
	guide_write_json(stdout, &g);
	fputs("\n}\n", stdout);
	free(archive);
	guide_free(&g);
	data_close(d);
	return CLI_OK;
}
