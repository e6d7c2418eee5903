/* hishatak init: a new, empty archive that accepts bundles of one archive
 * id, signed by the given minisign keys. */
#include "cli/cli.h"
#include "core/item.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_KEYS 16

int cli_init(int argc, char **argv)
{
	const char *dir = NULL, *archive = NULL, *keys[MAX_KEYS], *args[1];
	int key_count = 0, n;
	cli_option opts[] = {
		{"--data", &dir}, {"--archive", &archive},
		{"--trust", NULL, NULL, keys, &key_count, MAX_KEYS}, {0},
	};
	const char *usage = "hishatak init --data DIR --archive ID [--trust KEY.pub]...";
	int rc = cli_parse(argc, argv, opts, args, 0, &n, usage);
	if (rc)
		return rc == -2 ? CLI_OK : CLI_USAGE;
	if (!dir || !archive) {
		cli_error("init: --data and --archive are required\nusage: %s", usage);
		return CLI_USAGE;
	}
	if (!item_id_is_valid(archive)) {
		cli_error("init: bad archive id \"%s\" (1-64 characters of a-z 0-9 -)", archive);
		return CLI_USAGE;
	}
	/* Check every key before anything is created. */
	char *lines[MAX_KEYS], err[256];
	if (cli_read_keys(keys, key_count, lines) != 0)
		return CLI_FAILED;
	data_folder *d = cli_open_data(dir, DATA_CREATE);
	if (!d) {
		rc = CLI_FAILED;
		goto done;
	}
	char *existing = catalog_get_setting(d->cat, "archive");
	if (existing && strcmp(existing, archive) != 0) {
		cli_error("init: %s already holds archive \"%s\"", dir, existing);
		rc = CLI_FAILED;
	} else {
		int ok = catalog_begin(d->cat) == 0 && catalog_set(d->cat, "archive", archive) == 0;
		if (!ok)
			snprintf(err, sizeof err, "%s", catalog_error(d->cat));
		for (int i = 0; ok && i < key_count; i++)
			ok = data_trust_key(d, lines[i], err) == 0;
		if (ok && catalog_commit(d->cat) != 0) {
			snprintf(err, sizeof err, "%s", catalog_error(d->cat));
			ok = 0;
		}
		if (!ok) {
			cli_error("init: %s", err);
			catalog_rollback(d->cat);
			rc = CLI_FAILED;
		}
	}
	if (rc == 0)
		printf("archive %s in %s, %d trusted key%s\n", archive, dir, key_count, key_count == 1 ? "" : "s");
	free(existing);
	data_close(d);
done:
	cli_free_keys(lines, key_count);
	return rc;
}
