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
	char *lines[8];
	if (cli_read_keys(trust, trust_count, lines) != 0) {
		data_close(d);
		return CLI_FAILED;
	}
	rc = catalog_begin(d->cat) == 0 ? CLI_OK : CLI_FAILED;
	for (int i = 0; rc == CLI_OK && i < trust_count; i++) {
		minisign_key key;
		char id[17], err[256];
		minisign_parse_public_key(lines[i], &key, err);
		minisign_key_id_hex(&key, id);
		rc = catalog_trust_key(d->cat, id, lines[i]) == 0 ? CLI_OK : CLI_FAILED;
	}
	for (int i = 0; rc == CLI_OK && i < retire_count; i++) {
		/* A key id as minisign prints it, or the key's .pub file. */
		char id[17], *line;
		minisign_key key;
		snprintf(id, sizeof id, "%s", retire[i]);
		if (strlen(retire[i]) != 16) {
			char err[256];
			if (cli_read_keys(&retire[i], 1, &line) != 0) {
				rc = CLI_FAILED;
				break;
			}
			minisign_parse_public_key(line, &key, err);
			minisign_key_id_hex(&key, id);
			free(line);
		}
		int r = catalog_retire_key(d->cat, id);
		if (r == 1)
			cli_error("keys: %s is not a trusted key", retire[i]);
		rc = r == 0 ? CLI_OK : CLI_FAILED;
	}
	char **trusted;
	int count = 0;
	if (rc == CLI_OK && catalog_trusted_keys(d->cat, &trusted, &count) == 0) {
		if (count == 0 && retire_count > 0) {
			cli_error("keys: that would leave no trusted key");
			rc = CLI_FAILED;
		}
		for (int i = 0; i < count; i++) {
			minisign_key key;
			char id[17], err[256];
			minisign_parse_public_key(trusted[i], &key, err);
			minisign_key_id_hex(&key, id);
			if (rc == CLI_OK)
				printf("%s  %s\n", id, trusted[i]);
			free(trusted[i]);
		}
		free(trusted);
	}
	if (rc == CLI_OK && catalog_commit(d->cat) != 0)
		rc = CLI_FAILED;
	if (rc != CLI_OK) {
		if (catalog_error(d->cat)[0])
			cli_error("keys: %s", catalog_error(d->cat));
		catalog_rollback(d->cat);
	}
	cli_free_keys(lines, trust_count);
	data_close(d);
	return rc;
}
