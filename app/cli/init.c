/* hishatak init: a new, empty archive that accepts bundles of one archive
 * id, signed by the given minisign keys. */
#include "cli/cli.h"
#include "core/files.h"
#include "core/item.h"
#include "core/minisign.h"

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
	minisign_key parsed[MAX_KEYS];
	char *texts[MAX_KEYS] = {0}, err[256];
	for (int i = 0; i < key_count; i++) {
		texts[i] = files_read(keys[i], 4096, NULL, err);
		if (!texts[i] || minisign_parse_public_key(texts[i], &parsed[i], err) != 0) {
			cli_error("init: %s: %s", keys[i], err);
			rc = CLI_FAILED;
			goto done;
		}
	}
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
		for (int i = 0; ok && i < key_count; i++) {
			char id[17], line[64];
			minisign_key_id_hex(&parsed[i], id);
			minisign_key_line(&parsed[i], line);
			ok = catalog_trust_key(d->cat, id, line) == 0;
		}
		if (!ok || catalog_commit(d->cat) != 0) {
			cli_error("init: %s", catalog_error(d->cat));
			catalog_rollback(d->cat);
			rc = CLI_FAILED;
		}
	}
	if (rc == 0)
		printf("archive %s in %s, %d trusted key%s\n", archive, dir, key_count, key_count == 1 ? "" : "s");
	free(existing);
	data_close(d);
done:
	for (int i = 0; i < key_count; i++)
		free(texts[i]);
	return rc;
}
