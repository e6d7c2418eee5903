/* hishatak keys: the keys this archive trusts, and changing them by hand
 * (bundles can change them too, with their "keys" section). */
#include "cli/cli.h"
#include "core/minisign.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_keys(int argc, char **argv)
{
	const char *dir = NULL, *trust[8], *retire[8], *args[1];
	int trust_count = 0, retire_count = 0, n;
	cli_option opts[] = {{"--data", &dir}, {"--trust", NULL, NULL, trust, &trust_count, 8},
			     {"--retire", NULL, NULL, retire, &retire_count, 8}, {0}};
	const char *usage = "hishatak keys --data DIR [--trust KEY.pub]... [--retire KEY.pub|KEYID]...";
	int rc = cli_parse(argc, argv, opts, args, 0, &n, usage);
	if (rc)
		return rc == -2 ? CLI_OK : CLI_USAGE;
	data_folder *d = cli_open_data(dir, 0);
	if (!d)
		return CLI_FAILED;
	char *lines[8], err[256];
	if (cli_read_keys(trust, trust_count, lines) != 0) {
		data_close(d);
		return CLI_FAILED;
	}
	rc = catalog_begin(d->cat) == 0 ? CLI_OK : CLI_FAILED;
	for (int i = 0; rc == CLI_OK && i < trust_count; i++)
		if (data_trust_key(d, lines[i], err) != 0) {
			cli_error("keys: %s", err);
			rc = CLI_FAILED;
		}
	for (int i = 0; rc == CLI_OK && i < retire_count; i++) {
		/* A key id as minisign prints it, or the key's .pub file. */
		char *line = NULL;
		if (strlen(retire[i]) != 16 && cli_read_keys(&retire[i], 1, &line) != 0) {
			rc = CLI_FAILED;
			break;
		}
		int r = data_retire_key(d, line ? line : retire[i], err);
		if (r != 0)
			cli_error("keys: %s", r == 1 ? "not a trusted key" : err);
		rc = r == 0 ? CLI_OK : CLI_FAILED;
		free(line);
	}
	if (rc == CLI_OK && catalog_commit(d->cat) != 0) {
		cli_error("keys: %s", catalog_error(d->cat));
		rc = CLI_FAILED;
	}
	if (rc != CLI_OK)
		catalog_rollback(d->cat);
	minisign_key *keys;
	int count;
	if (rc == CLI_OK && data_trusted_keys(d, &keys, &count) == 0) {
		for (int i = 0; i < count; i++) {
			char id[17], line[64];
			minisign_key_id_hex(&keys[i], id);
			minisign_key_line(&keys[i], line);
			printf("%s  %s\n", id, line);
		}
		free(keys);
	}
	cli_free_keys(lines, trust_count);
	data_close(d);
	return rc;
}
