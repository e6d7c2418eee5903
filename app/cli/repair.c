/* hishatak repair: puts right what `verify` finds. The catalogue is made
 * again from all that can still be read of it; an item whose stored file
 * is damaged or missing is taken out. What was lost comes back when the
 * archive's sticks are imported again (their bundles are then taken from
 * the first). The archive's identity (its id, the last sequence) comes
 * back from the import log; what could not be saved is said, one line
 * each. Nothing is deleted: the damaged catalogue is kept beside. */
#include "cli/cli.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

/* Says what the remade catalogue lost besides items, one line each, and
 * what staff can do about it; the number of such losses. */
static int tell_losses(const catalog_repair_report *r, const char *folder)
{
	int lost = 0;
	if (r->archive_how == REPAIR_FROM_LOG)
		printf("archive id: %s, found again in the import log\n", r->archive);
	else if (r->archive_how == REPAIR_LOST)
		lost++, printf("lost: the archive id, not in the import log either: give it back with "
			       "hishatak init --data %s --archive ID\n", folder);
	if (r->sequence_how == REPAIR_FROM_LOG)
		printf("last sequence: %lld, found again in the import log%s\n", r->last_sequence,
		       r->log_damaged ? " (the log was damaged too: a later one may have been lost)" : "");
	else if (r->sequence_how == REPAIR_FROM_FIRST)
		printf("last sequence set back from %lld to 0: the sticks' bundles are taken again from the first, "
		       "to bring back what was lost\n", r->last_sequence);
	if (r->settings_damaged)
		lost++, printf("lost: the kiosk's settings on the damaged page: the idle time-out, screen hours, large text, "
			       "volume and sound output are back to their defaults (set them in Admin)\n");
	if (r->pin_lost)
		lost++, printf("lost: the staff PIN, if one was set: it is 0000 until it is changed in Admin; change it now\n");
	if (r->log_damaged) /* how many is not known: the log is pruned, its numbers have gaps */
		lost++, printf("lost: rows of the import log on the damaged pages\n");
	if (r->keys_damaged)
		lost++, printf("lost: trusted keys on a damaged page, %d left%s\n", r->keys_left,
			       r->keys_left ? "" : ": no bundle can be applied until one is trusted (hishatak keys --trust KEY.pub)");
	return lost;
}

/* Takes out the items whose file or document is damaged; their count. */
static int take_out_damaged(data_folder *d)
{
	item *items = NULL;
	int count = 0, out = 0;
	char err[256];
	if (catalog_list(d->cat, &items, &count) != 0)
		return -1;
	for (int i = 0; i < count; i++) {
		const item *it = &items[i];
		if (store_check(d->st, it->sha256, err) == 0 && store_check(d->st, it->doc_sha256, err) == 0)
			continue;
		printf("taken out: %s (%s)\n", it->id, err);
		if (catalog_begin(d->cat) != 0 || catalog_withdraw(d->cat, it->id, "repair: its file was damaged") < 0 ||
		    catalog_set(d->cat, "last_sequence", "0") != 0 || catalog_drop_unused_files(d->cat) != 0 ||
		    catalog_commit(d->cat) != 0) {
			catalog_rollback(d->cat);
			out = -1;
			break;
		}
		out++;
	}
	for (int i = 0; i < count; i++)
		item_clear(&items[i]);
	free(items);
	return out;
}

static void count_orphan(data_folder *d, const char *path, const char *sha256, void *ctx)
{
	(*(int *)ctx)++;
}

int cli_repair(int argc, char **argv)
{
	const char *dir = NULL, *args[1];
	int n;
	cli_option opts[] = {{"--data", &dir}, {0}};
	int rc = cli_parse(argc, argv, opts, args, 0, &n, "hishatak repair --data DIR");
	if (rc)
		return rc == -2 ? CLI_OK : CLI_USAGE;
	char path[4096], lock[4096], folder[4096], err[256];
	if (dir)
		snprintf(folder, sizeof folder, "%s", dir);
	else
		data_default_dir(folder);
	snprintf(path, sizeof path, "%s/catalog.db", folder);
	snprintf(lock, sizeof lock, "%s/lock", folder);
	if (access(path, F_OK) != 0) {
		cli_error("repair: %s: no catalogue there", folder);
		return CLI_FAILED;
	}
	int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) != 0) {
		cli_error("repair: %s is being changed (an import?): try again when it is done", folder);
		if (fd >= 0)
			close(fd);
		return CLI_FAILED;
	}
	/* The catalogue: made again only when SQLite finds it damaged. */
	catalog *c = catalog_open(path, err); /* FTS5's check writes */
	int damaged = !c || catalog_check(c, err) != 0 || catalog_check_identity(c, err) != 0, lost = 0, other_lost = 0;
	catalog_close(c);
	if (damaged) {
		printf("damaged: %s\n", err);
		catalog_repair_report r;
		if (catalog_repair(path, &r, err) != 0) {
			cli_error("repair: %s (import the archive's sticks into a new folder made by hishatak init)", err);
			close(fd);
			return CLI_FAILED;
		}
		printf("catalogue made again: %lld rows saved, %d damaged place%s skipped, %d of %d items kept\n"
		       "the damaged one is kept as %s\n", r.rows, r.damaged_places, r.damaged_places == 1 ? "" : "s",
		       r.items_after, r.items_before, r.kept);
		lost = r.items_before - r.items_after;
		other_lost = tell_losses(&r, folder);
	}
	close(fd); /* data_open takes the lock as it needs it */
	data_folder *d = cli_open_data(folder, 0);
	if (!d)
		return CLI_FAILED;
	int taken = take_out_damaged(d), orphans = 0;
	if (taken >= 0 && data_lock(d, 0) == 0) {
		data_each_orphan(d, count_orphan, &orphans);
		data_collect_garbage(d);
		data_unlock(d);
	}
	if (orphans)
		printf("removed: %d file%s no item refers to (documents withdrawn or left by an interrupted import, "
		       "or their thumbnails)\n", orphans, orphans == 1 ? "" : "s");
	int still = catalog_check(d->cat, err) != 0 || catalog_check_identity(d->cat, err) != 0;
	data_close(d);
	if (taken < 0 || still) {
		cli_error("repair: %s", still ? err : "cannot take out the damaged items");
		return CLI_FAILED;
	}
	lost += taken;
	if (!damaged && !lost && !orphans)
		printf("ok: nothing to repair in %s\n", folder);
	else if (lost)
		printf("repaired %s: %d item%s lost%s; import the archive's sticks again to bring %s back\n", folder, lost,
		       lost == 1 ? "" : "s", other_lost ? ", and what is said above" : "", lost == 1 ? "it" : "them");
	else if (other_lost)
		printf("repaired %s: every item kept; what was lost is said above\n", folder);
	else
		printf("repaired %s: nothing was lost\n", folder);
	return CLI_OK;
}
