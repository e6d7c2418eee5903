/* hishatak import: applies the bundles at PATH (a stick's root, or one
 * bundle folder) as the kiosk does when a stick is plugged in. */
#include "cli/cli.h"
#include "core/bundle.h"
#include "core/printable.h"
#include "render/render.h"

#include <stdio.h>
#include <stdlib.h>

int cli_import(int argc, char **argv)
{
	const char *dir = NULL, *args[1];
	int n;
	cli_option opts[] = {{"--data", &dir}, {0}};
	const char *usage = "hishatak import --data DIR PATH";
	int rc = cli_parse(argc, argv, opts, args, 1, &n, usage);
	if (rc)
		return rc == -2 ? CLI_OK : CLI_USAGE;
	if (n != 1) {
		cli_error("import: from where?\nusage: %s", usage);
		return CLI_USAGE;
	}
	data_folder *d = cli_open_data(dir, 0);
	if (!d)
		return CLI_FAILED;
	render_reader *rr = render_reader_open(NULL);
	if (!rr) {
		cli_error("import: out of memory");
		data_close(d);
		return CLI_FAILED;
	}
	ingest_reader reader = render_reader_ingest(rr);
	bundle_report *reports;
	int count;
	char path[4200];
	int refused = bundle_import(d, args[0], &reader, &reports, &count, NULL, NULL);
	render_reader_close(rr);
	if (refused < 0)
		cli_error("import: %s: cannot be read", printable(args[0], path, sizeof path));
	else if (count == 0)
		printf("%s: no bundles (a bundle is a folder with bundle.json, at the root or up to two folders below)\n",
		       printable(args[0], path, sizeof path));
	/* Names from the stick are shown as escapes: none can drive the terminal. */
	for (int i = 0; i < count; i++) {
		const bundle_report *r = &reports[i];
		char where[4200], reason[800];
		printable(r->dir, where, sizeof where);
		printable(r->reason, reason, sizeof reason);
		if (r->outcome == BUNDLE_APPLIED) {
			printf("%s: applied sequence %lld: %d added, %d changed, %d withdrawn%s", where, r->sequence, r->added,
			       r->changed, r->withdrawn, r->keys_trusted || r->keys_retired ? "; trusted keys changed" : "");
			if (r->not_held) /* a withdrawal that matched nothing is never reported as done */
				printf("; not withdrawn, not in this archive: %s", r->not_held_ids);
			putchar('\n');
		}
		else if (r->outcome == BUNDLE_ALREADY)
			printf("%s: already applied (sequence %lld%s%s)\n", where, r->sequence, reason[0] ? "; " : "", reason);
		else
			printf("%s: refused: %s\n", where, reason);
	}
	free(reports);
	data_close(d);
	return refused == 0 ? CLI_OK : CLI_FAILED;
}
