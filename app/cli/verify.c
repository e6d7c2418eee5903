/* hishatak verify: checks the catalogue (SQLite's integrity check, foreign
 * keys, the search index, the archive's id and last sequence), re-hashes
 * every stored file, and finds the files no item accounts for. */
#include "cli/cli.h"

#include <stdio.h>

typedef struct {
	data_folder *d;
	int files, bad, left_over;
} verify_state;

static int check_file(const char *sha256, long long size, void *ctx)
{
	verify_state *v = ctx;
	char err[256];
	v->files++;
	if (store_check(v->d->st, sha256, err) != 0) {
		printf("damaged: %s\n", err);
		v->bad++;
	}
	return 0;
}

/* A file no item accounts for: a document left by a withdrawal or an
 * interrupted import, or a thumbnail of one. Said, but not damage: the
 * next start, import or repair removes it. */
static void report_orphan(data_folder *d, const char *path, const char *sha256, void *ctx)
{
	verify_state *v = ctx;
	printf("left over: %s (no item refers to it; the next start, import or hishatak repair removes it)\n", path);
	v->left_over++;
}

int cli_verify(int argc, char **argv)
{
	const char *dir = NULL, *args[1];
	int n;
	cli_option opts[] = {{"--data", &dir}, {0}};
	int rc = cli_parse(argc, argv, opts, args, 0, &n, "hishatak verify --data DIR");
	if (rc)
		return rc == -2 ? CLI_OK : CLI_USAGE;
	data_folder *d = cli_open_data(dir, 0);
	if (!d)
		return CLI_FAILED;
	char err[256];
	verify_state v = {d, 0, 0, 0};
	if (catalog_check(d->cat, err) != 0) {
		printf("damaged: %s\n", err);
		v.bad++;
	}
	if (catalog_check_identity(d->cat, err) != 0) {
		printf("damaged: %s (hishatak repair finds it again in the import log)\n", err);
		v.bad++;
	}
	catalog_each_file(d->cat, check_file, &v);
	data_each_orphan(d, report_orphan, &v);
	if (v.bad)
		printf("%d problem%s found in %s\n", v.bad, v.bad == 1 ? "" : "s", d->dir);
	else
		printf("ok: catalogue whole, %d stored file%s match their SHA-256%s\n", v.files, v.files == 1 ? "" : "s",
		       v.left_over ? "; the files left over above are no item's" : "");
	data_close(d);
	return v.bad ? CLI_FAILED : CLI_OK;
}
