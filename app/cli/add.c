/* hishatak add: takes the items of an unsigned archive folder (a folder with
 * bundle.json, as a bundle has, but no signature) into the archive, in one
 * transaction. For staff building an archive on their own machine (make
 * does it with archive/); the kiosk itself only takes signed bundles. */
#include "cli/cli.h"
#include "core/files.h"
#include "core/ingest.h"
#include "core/manifest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int add_entries(data_folder *d, const char *folder, manifest *m)
{
	char err[256], path[4096];
	for (int i = 0; i < m->count; i++) {
		manifest_entry *e = &m->entries[i];
		if (e->withdraw) {
			if (catalog_withdraw(d->cat, e->meta.id, e->reason) < 0) {
				cli_error("add: %s", catalog_error(d->cat));
				return -1;
			}
			printf("  withdrawn %s\n", e->meta.id);
			continue;
		}
		if (!e->file) {
			cli_error("add: item %s: no file", e->meta.id);
			return -1;
		}
		snprintf(path, sizeof path, "%s/%s", folder, e->file);
		int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		if (fd < 0) {
			cli_error("add: item %s: file %s: %s", e->meta.id, e->file, strerror(errno));
			return -1;
		}
		int rc = ingest_item(d->cat, d->st, &e->meta, fd, e->file, e->size, e->sha256, err);
		close(fd);
		if (rc != 0) {
			cli_error("add: item %s: %s", e->meta.id, err);
			return -1;
		}
		printf("  %-40s %-10s %3d page%s\n", e->meta.id, item_kind_name(e->meta.kind), e->meta.pages,
		       e->meta.pages == 1 ? "" : "s");
	}
	return 0;
}

int cli_add(int argc, char **argv)
{
	const char *dir = NULL, *args[1];
	int n;
	cli_option opts[] = {{"--data", &dir}, {0}};
	const char *usage = "hishatak add --data DIR FOLDER";
	int rc = cli_parse(argc, argv, opts, args, 1, &n, usage);
	if (rc)
		return rc == -2 ? CLI_OK : CLI_USAGE;
	if (n != 1) {
		cli_error("add: which folder?\nusage: %s", usage);
		return CLI_USAGE;
	}
	char path[4096], err[256];
	size_t size;
	snprintf(path, sizeof path, "%s/bundle.json", args[0]);
	char *json = files_read(path, MANIFEST_MAX_SIZE, &size, err);
	if (!json) {
		cli_error("add: %s", err);
		return CLI_FAILED;
	}
	manifest *m = manifest_parse(json, size, 0, err);
	free(json);
	if (!m) {
		cli_error("add: %s: %s", path, err);
		return CLI_FAILED;
	}
	data_folder *d = cli_open_data(dir, 0);
	if (!d) {
		manifest_free(m);
		return CLI_FAILED;
	}
	char *archive = catalog_get_setting(d->cat, "archive");
	rc = CLI_FAILED;
	if (!archive || strcmp(archive, m->archive) != 0) {
		cli_error("add: %s is for archive \"%s\", this data folder holds \"%s\"", path, m->archive,
			  archive ? archive : "(none: run hishatak init)");
	} else if (catalog_begin(d->cat) != 0) {
		cli_error("add: %s", catalog_error(d->cat));
	} else if (add_entries(d, args[0], m) != 0) {
		catalog_rollback(d->cat);
		cli_error("add: nothing was changed");
	} else if (catalog_commit(d->cat) != 0) {
		cli_error("add: %s", catalog_error(d->cat));
		catalog_rollback(d->cat);
	} else {
		printf("added %d item%s from %s\n", m->count, m->count == 1 ? "" : "s", args[0]);
		rc = CLI_OK;
	}
	free(archive);
	data_close(d);
	manifest_free(m);
	return rc;
}
