/* hishatak log: the import log, newest first. */
#include "cli/cli.h"
#include "core/printable.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_log(int argc, char **argv)
{
	const char *dir = NULL, *args[1];
	int n;
	cli_option opts[] = {{"--data", &dir}, {0}};
	int rc = cli_parse(argc, argv, opts, args, 0, &n, "hishatak log --data DIR");
	if (rc)
		return rc == -2 ? CLI_OK : CLI_USAGE;
	data_folder *d = cli_open_data(dir, DATA_READONLY);
	if (!d)
		return CLI_FAILED;
	catalog_log_entry *entries;
	int count;
	catalog_log_list(d->cat, 200, &entries, &count);
	/* Lines written before the log was kept printable are escaped here. */
	for (int i = 0; i < count; i++) {
		const catalog_log_entry *e = &entries[i];
		char source[800], signer[800], reason[1600], result[64];
		printable(e->source, source, sizeof source);
		printable(e->signer, signer, sizeof signer);
		printable(e->reason, reason, sizeof reason);
		printable(e->result, result, sizeof result);
		printf("%s  %-8s sequence %-4lld %s\n", e->time, result, e->sequence, source);
		if (signer[0])
			printf("    signed: %s\n", signer);
		if (strcmp(result, "applied") == 0)
			printf("    %d added, %d changed, %d withdrawn\n", e->added, e->changed, e->withdrawn);
		if (reason[0])
			printf("    %s\n", reason);
	}
	if (count == 0)
		printf("no imports yet\n");
	free(entries);
	data_close(d);
	return CLI_OK;
}
