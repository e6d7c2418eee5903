/* hishatak bundle: for the archivist, a bundle folder from a folder of
 * documents and its items.csv, signed with minisign when a key is given
 * (otherwise the exact minisign command is printed). */
#include "cli/cli.h"
#include "core/bundle_make.h"

#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

extern char **environ;

static void show_progress(void *ctx, const char *id, int done, int total)
{
	if (id[0])
		fprintf(stderr, "[%d/%d] %s\n", done + 1, total, id);
}

/* Runs minisign (which asks for the key's password, if it has one). */
static int sign(const char *key, const char *json, const char *comment)
{
	char *argv[] = {"minisign", "-S", "-s", (char *)key, "-m", (char *)json, "-t", (char *)comment, NULL};
	pid_t pid;
	int status;
	if (posix_spawnp(&pid, "minisign", NULL, NULL, argv, environ) != 0) {
		cli_error("bundle: cannot run minisign (is it installed?)");
		return -1;
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		cli_error("bundle: minisign could not sign %s", json);
		return -1;
	}
	return 0;
}

int cli_bundle(int argc, char **argv)
{
	const char *archive = NULL, *sequence = NULL, *key = NULL, *args[2], *trust[8], *retire[8];
	int snapshot = 0, n, trust_count = 0, retire_count = 0;
	cli_option opts[] = {{"--archive", &archive}, {"--sequence", &sequence}, {"--key", &key},
			     {"--snapshot", NULL, &snapshot}, {"--trust", NULL, NULL, trust, &trust_count, 8},
			     {"--retire", NULL, NULL, retire, &retire_count, 8}, {0}};
	const char *usage = "hishatak bundle --archive ID [--sequence N] [--snapshot] [--key SECRET.key]\n"
			    "                       [--trust NEW.pub]... [--retire OLD.pub]... FOLDER OUT";
	int rc = cli_parse(argc, argv, opts, args, 2, &n, usage);
	if (rc)
		return rc == -2 ? CLI_OK : CLI_USAGE;
	char *end = NULL;
	long long seq = sequence ? strtoll(sequence, &end, 10) : 0;
	if (!archive || n != 2 || (sequence && (*end || seq < 1))) {
		cli_error("bundle: %s\nusage: %s", !archive ? "--archive is needed" : n != 2 ? "FOLDER and OUT are needed"
							 : "--sequence must be a whole number from 1", usage);
		return CLI_USAGE;
	}
	char *trust_lines[8], *retire_lines[8];
	if (cli_read_keys(trust, trust_count, trust_lines) != 0)
		return CLI_FAILED;
	if (cli_read_keys(retire, retire_count, retire_lines) != 0) {
		cli_free_keys(trust_lines, trust_count);
		return CLI_FAILED;
	}
	bundle_make_options o = {args[0], args[1], archive, seq, snapshot, trust_lines, trust_count, retire_lines, retire_count};
	char made[4096], err[512], json[4200], comment[200];
	rc = bundle_make(&o, show_progress, NULL, made, err);
	cli_free_keys(trust_lines, trust_count);
	cli_free_keys(retire_lines, retire_count);
	if (rc != 0) {
		cli_error("bundle: %s", err);
		return CLI_FAILED;
	}
	snprintf(json, sizeof json, "%s/bundle.json", made);
	snprintf(comment, sizeof comment, "%s bundle %s", archive, strrchr(made, '-') + 1);
	if (!key) {
		printf("%s: made; sign it with:\n  minisign -S -s SECRET.key -m '%s' -t '%s'\n", made, json, comment);
		return CLI_OK;
	}
	if (sign(key, json, comment) != 0) {
		char sig[4300];
		snprintf(sig, sizeof sig, "%s.minisig", json);
		remove(sig);
		return CLI_FAILED;
	}
	printf("%s: made and signed; copy this folder to the stick\n", made);
	return CLI_OK;
}
