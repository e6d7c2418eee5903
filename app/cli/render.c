/* hishatak render: pages of an item to PNG files, fitted to WxH, laid out
 * (for reflowable documents) as the kiosk lays them out at that size. */
#include "cli/cli.h"
#include "core/doc.h"

#include <stdio.h>
#include <string.h>

int cli_render(int argc, char **argv)
{
	const char *dir = NULL, *pages = NULL, *size = NULL, *pattern = NULL, *args[1];
	int n, w, h, first, last;
	char tail;
	cli_option opts[] = {{"--data", &dir}, {"--pages", &pages}, {"--size", &size}, {"--out", &pattern}, {0}};
	const char *usage = "hishatak render --data DIR ID --pages A-B --size WxH --out PATTERN";
	int rc = cli_parse(argc, argv, opts, args, 1, &n, usage);
	if (rc)
		return rc == -2 ? CLI_OK : CLI_USAGE;
	if (n != 1 || !pages || !size || !pattern) {
		cli_error("render: ID, --pages, --size and --out are required\nusage: %s", usage);
		return CLI_USAGE;
	}
	if (sscanf(pages, "%d-%d%c", &first, &last, &tail) != 2) {
		if (sscanf(pages, "%d%c", &first, &tail) != 1) {
			cli_error("render: bad --pages \"%s\" (A-B, like 1-3)", pages);
			return CLI_USAGE;
		}
		last = first;
	}
	if (first < 1 || last < first) {
		cli_error("render: bad --pages \"%s\" (pages count from 1)", pages);
		return CLI_USAGE;
	}
	if (!cli_parse_size(size, &w, &h)) {
		cli_error("render: bad --size \"%s\" (WxH, like 1920x1080)", size);
		return CLI_USAGE;
	}
	data_folder *d = cli_open_data(dir, DATA_READONLY);
	if (!d)
		return CLI_FAILED;
	item it;
	char path[4096], err[256];
	doc *dc = NULL;
	rc = catalog_get(d->cat, args[0], &it);
	if (rc != 0) {
		cli_error("render: %s: %s", args[0], rc > 0 ? "no such item" : catalog_error(d->cat));
		data_close(d);
		return CLI_FAILED;
	}
	rc = CLI_FAILED;
	store_path(d->st, it.doc_sha256, path);
	float pw, ph, em;
	doc_layout_for_screen(w, h, 1.0f, &pw, &ph, &em);
	int count;
	if (!(dc = doc_open(path, it.format, err)) || doc_layout(dc, pw, ph, em, err) != 0 ||
	    (count = doc_page_count(dc, err)) < 0) {
		cli_error("render: %s: %s", it.id, err);
		goto done;
	}
	if (last > count) {
		cli_error("render: %s has %d page%s", it.id, count, count == 1 ? "" : "s");
		goto done;
	}
	for (int p = first; p <= last; p++) {
		char out[4096];
		doc_pixels px;
		const char *at = strstr(pattern, "%d"); /* the page number goes there */
		if (at)
			snprintf(out, sizeof out, "%.*s%d%s", (int)(at - pattern), pattern, p, at + 2);
		else
			snprintf(out, sizeof out, "%s", pattern);
		if (doc_render(dc, p - 1, w, h, &px, err) != 0 || doc_pixels_save_png(&px, out, err) != 0) {
			doc_pixels_free(&px);
			cli_error("render: %s: %s", it.id, err);
			goto done;
		}
		doc_pixels_free(&px);
		printf("%s\n", out);
	}
	rc = CLI_OK;
done:
	doc_close(dc);
	item_clear(&it);
	data_close(d);
	return rc;
}
