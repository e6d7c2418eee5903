/* hishatak bundle: for the archivist, a bundle folder from a folder of
 * documents and its items.csv, signed with minisign when a key is given
 * (otherwise the exact minisign command is printed). */
#include "cli/cli.h"
#include "core/guide_tables.h"
#include "core/bundle_make.h"
#include "core/files.h"
#include "core/minisign.h"
#include "core/table.h"

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

static void print_lines(FILE *f, const char *heading, char *const *lines, int count)
{
	if (count && heading)
		fprintf(f, "%s\n", heading);
	for (int i = 0; i < count; i++)
		fprintf(f, "  %s\n", lines[i]);
}

/* The id of the key in the file key: read from it when it has no password,
 * else from the public key beside it (archive.key, archive.pub), as
 * minisign -G makes them; "" when neither says. */
static void secret_key_id(const char *key, char id[17])
{
	char path[4200], why[256];
	size_t len, n = strlen(key);
	char *text = files_read(key, 4096, &len, why);
	int known = text && minisign_secret_key_id(text, id) == 0;
	free(text);
	if (known || n < 4 || strcmp(key + n - 4, ".key") != 0)
		return;
	snprintf(path, sizeof path, "%.*s.pub", (int)(n - 4), key);
	minisign_key k;
	text = files_read(path, 4096, &len, why);
	if (text && minisign_parse_public_key(text, &k, why) == 0)
		minisign_key_id_hex(&k, id);
	free(text);
}

/* Warns when a bundle is (signed_json NULL: is about to be) signed by another
 * key than the one the earlier bundles leave the kiosks trusting: they would
 * refuse it. Returns 1 when it could tell. */
static int check_signer(const char *key, const char *signed_json, const char *out, const bundle_make_report *r)
{
	char path[4300], why[256], id[17] = "", expected[200] = "";
	size_t len;
	if (signed_json) {
		snprintf(path, sizeof path, "%s.minisig", signed_json);
		char *sig = files_read(path, 4096, &len, why);
		if (sig)
			minisign_signature_key_id(sig, id);
		free(sig);
	} else {
		secret_key_id(key, id);
	}
	if (!id[0] || r->key_count == 0)
		return id[0] != 0;
	if (item_list_has(r->key_ids, r->key_count, id))
		return 1;
	for (int i = 0; i < r->key_count; i++) {
		size_t n = strlen(expected);
		snprintf(expected + n, sizeof expected - n, "%s%s", i ? " or " : "", r->key_ids[i]);
	}
	fprintf(stderr, "hishatak: bundle: warning: %s with key %s, but the earlier bundles in %s leave the kiosks "
		"trusting %s: they will refuse this bundle. If that is the wrong key, %s; to change keys, see "
		"\"Changing keys\" in the README (--trust NEW.pub, signed with the old key)\n",
		signed_json ? "signed" : "about to be signed", id, out, expected,
		signed_json ? "delete the folder and sign with the right one" : "stop here (Ctrl-C) and give the right one");
	return 1;
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
	if (rc == -2) {
		printf("FOLDER holds the documents and their table, items.csv (or items.ods, items.xlsx: read with\n"
		       "LibreOffice), one row per item; OUT keeps the bundles, ARCHIVE-N, each made from the\n"
		       "one before. The table's first row names its columns, in any order:\n");
		table_print_columns(stdout);
		printf("\nBeside items.csv, FOLDER may hold names.csv (the thesaurus) and what the archive tells\n"
		       "visitors, each optional, checked as items.csv is:\n");
		guide_tables_print_columns(stdout);
		return CLI_OK;
	}
	if (rc)
		return CLI_USAGE;
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
	bundle_make_report report;
	char made[4096], json[4200], comment[200];
	rc = bundle_make(&o, show_progress, NULL, made, &report);
	cli_free_keys(trust_lines, trust_count);
	cli_free_keys(retire_lines, retire_count);
	print_lines(stdout, NULL, report.found.notes, report.found.note_count);
	print_lines(stderr, "warnings (the bundle is made all the same):", report.found.warnings, report.found.warning_count);
	if (rc != 0) {
		cli_error("bundle: %d problem%s, nothing was made or signed:", report.found.problem_count,
			  report.found.problem_count == 1 ? "" : "s");
		print_lines(stderr, NULL, report.found.problems, report.found.problem_count);
		bundle_make_report_free(&report);
		return CLI_FAILED;
	}
	print_lines(stdout, "what this bundle changes on the kiosks:", report.found.changes, report.found.change_count);
	snprintf(json, sizeof json, "%s/bundle.json", made);
	snprintf(comment, sizeof comment, "%s bundle %s", archive, strrchr(made, '-') + 1);
	rc = CLI_OK;
	int told = key && check_signer(key, NULL, args[1], &report); /* before minisign asks for the password */
	if (!key) {
		printf("%s: made; sign it with:\n  minisign -S -s SECRET.key -m '%s' -t '%s'\n", made, json, comment);
	} else if (sign(key, json, comment) != 0) {
		char sig[4300];
		snprintf(sig, sizeof sig, "%s.minisig", json);
		remove(sig);
		rc = CLI_FAILED;
	} else {
		printf("%s: made and signed; copy this folder to the stick\n", made);
		if (!told)
			check_signer(key, json, args[1], &report);
	}
	bundle_make_report_free(&report);
	return rc;
}
