/* Applying bundles: see bundle.h. The order of work makes a power cut or a
 * kill harmless at any moment: files are written to the store (each fsynced
 * and renamed into place) before the one catalogue transaction that makes
 * them visible, together with the bundle's sequence and its log line. What
 * an interrupted import leaves is unreferenced files, removed by
 * data_collect_garbage at the next start or import. */
#include "core/bundle.h"
#include "core/convert.h"
#include "core/files.h"
#include "core/ingest.h"
#include "core/manifest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SIGNATURE_MAX 4096
#define FILE_MAX (4LL << 30) /* a declared size above this is absurd */

/* Opens path (already checked by manifest_path_is_valid) beneath the folder
 * dirfd, one segment at a time, following no link. A regular file only. */
static int open_beneath(int dirfd, const char *path, char err[256])
{
	char copy[1100];
	snprintf(copy, sizeof copy, "%s", path);
	int fd = dup(dirfd);
	char *save = NULL;
	for (char *seg = strtok_r(copy, "/", &save); seg && fd >= 0; seg = strtok_r(NULL, "/", &save)) {
		int last = save == NULL || *save == 0;
		int next = openat(fd, seg, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | (last ? O_NONBLOCK : O_DIRECTORY));
		if (next < 0)
			snprintf(err, 256, "file %s: %s", path,
				 errno == ELOOP || errno == ENOTDIR ? "a link, not a file" : errno == ENOENT ? "missing" : strerror(errno));
		close(fd);
		fd = next;
	}
	struct stat st;
	if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
		snprintf(err, 256, "file %s: not a regular file", path);
		close(fd);
		return -1;
	}
	return fd;
}

/* Reads a small file beneath dirfd into memory (NUL-terminated). */
static char *read_beneath(int dirfd, const char *name, size_t max, size_t *len, char err[256])
{
	int fd = open_beneath(dirfd, name, err);
	if (fd < 0)
		return NULL;
	char *buf = malloc(max + 1);
	size_t n = 0;
	ssize_t got = 0;
	while (buf && n <= max && (got = read(fd, buf + n, max + 1 - n)) > 0)
		n += (size_t)got;
	close(fd);
	if (!buf || got < 0 || n > max) {
		snprintf(err, 256, "%s: %s", name, !buf ? "out of memory" : got < 0 ? strerror(errno) : "too large");
		free(buf);
		return NULL;
	}
	buf[n] = 0;
	*len = n;
	return buf;
}

static int is_bundle_dir(const char *dir)
{
	char path[4200];
	struct stat st;
	snprintf(path, sizeof path, "%s/bundle.json", dir);
	return lstat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int bundle_find(const char *path, char ***dirs, int *count)
{
	*dirs = NULL;
	*count = 0;
	if (!files_is_dir(path))
		return -1;
	if (is_bundle_dir(path))
		item_list_add(dirs, count, path);
	DIR *dp = opendir(path);
	if (!dp)
		return *count > 0 ? 0 : -1;
	struct dirent *e;
	while ((e = readdir(dp))) {
		char sub[4200];
		struct stat st;
		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode) && is_bundle_dir(sub))
			item_list_add(dirs, count, sub);
	}
	closedir(dp);
	return 0;
}

typedef struct {
	data_folder *d;
	const ingest_reader *reader;
	bundle_report *r;
	bundle_progress progress;
	void *ctx;
	char notes[512]; /* for the log: what was withdrawn and why, what could not be, what was repaired */
} applying;

/* An update without a file keeps the item's document and passages: it
 * is the old item (its document fields from the catalogue) with the
 * bundle's metadata merged in. */
static int update_metadata(catalog *c, const item *merged, char err[256])
{
	char **passages;
	int n, rc = catalog_passages(c, merged->id, &passages, &n);
	if (rc == 0)
		rc = catalog_put(c, merged, passages, n);
	for (int i = 0; i < n; i++)
		free(passages[i]);
	free(passages);
	if (rc != 0)
		snprintf(err, 256, "%s", catalog_error(c));
	return rc;
}

/* Notes a withdrawal of an id this archive does not hold (a typo, or an
 * item withdrawn before): nothing is withdrawn, and the report says so. */
static void note_not_held(bundle_report *r, const char *id)
{
	size_t n = strlen(r->not_held_ids);
	if (n + strlen(id) + 3 < sizeof r->not_held_ids)
		snprintf(r->not_held_ids + n, sizeof r->not_held_ids - n, "%s%s", n ? ", " : "", id);
	r->not_held++;
}

/* Everything the bundle changes, inside the caller's transaction. */
static int apply_entries(applying *a, int dirfd, manifest *m, char err[256])
{
	catalog *c = a->d->cat;
	long long bytes_total = 0, bytes_done = 0;
	for (int i = 0; i < m->count; i++) {
		if (m->entries[i].size > FILE_MAX) {
			snprintf(err, 256, "item %s: declared size %lld bytes is not believable", m->entries[i].meta.id,
				 m->entries[i].size);
			return -1;
		}
		bytes_total += m->entries[i].size > 0 ? m->entries[i].size : 0;
	}
	for (int i = 0; i < m->count; i++) {
		manifest_entry *e = &m->entries[i];
		item it; /* as it was (zeroed when new), then as the bundle leaves it */
		int exists = catalog_get(c, e->meta.id, &it) == 0, rc = 0;
		if (!exists)
			memset(&it, 0, sizeof it);
		if (e->withdraw) {
			size_t n = strlen(a->notes);
			snprintf(a->notes + n, sizeof a->notes - n, "%s%s %s: %s", n ? "; " : "",
				 exists ? "withdrawn" : "not withdrawn, not in this archive:", e->meta.id,
				 e->reason ? e->reason : "no reason given");
		}
		if (e->withdraw && !exists) {
			note_not_held(a->r, e->meta.id);
		} else if (e->withdraw) {
			if ((rc = catalog_withdraw(c, e->meta.id, e->reason)) != 0)
				snprintf(err, 256, "%s", catalog_error(c));
			a->r->withdrawn++;
		} else if (!e->file) {
			manifest_merge(&it, e); /* an update changes only what it names */
			if (!exists) {
				snprintf(err, 256, "item %s: a new item needs a file", e->meta.id);
				rc = -1;
			} else {
				rc = update_metadata(c, &it, err);
			}
			a->r->changed++;
		} else {
			char why[256], repaired[256] = "";
			manifest_merge(&it, e);
			int fd = open_beneath(dirfd, e->file, why);
			rc = fd < 0 ? -1 : ingest_item(c, a->d->st, a->reader, &it, fd, e->file, e->size, e->sha256, repaired, why);
			size_t n = strlen(a->notes);
			if (rc == 0 && repaired[0]) /* kept in the log: the catalogue has the original's hash */
				snprintf(a->notes + n, sizeof a->notes - n, "%srepaired %s: %s", n ? "; " : "", e->meta.id, repaired);
			if (fd >= 0)
				close(fd);
			if (rc != 0)
				snprintf(err, 256, "item %s: %s", e->meta.id, why);
			bytes_done += e->size;
			exists ? a->r->changed++ : a->r->added++;
		}
		item_clear(&it);
		if (rc != 0)
			return -1;
		if (a->progress)
			a->progress(a->ctx, a->r, i + 1, m->count, bytes_done, bytes_total);
	}
	if (m->snapshot) { /* afterwards the archive holds exactly the listed items */
		item *items;
		int n;
		if (catalog_list(c, &items, &n) != 0) {
			snprintf(err, 256, "%s", catalog_error(c));
			return -1;
		}
		for (int i = 0; i < n; i++) {
			int listed = 0;
			for (int j = 0; j < m->count && !listed; j++)
				listed = !m->entries[j].withdraw && strcmp(m->entries[j].meta.id, items[i].id) == 0;
			if (!listed && catalog_withdraw(c, items[i].id, "not in a snapshot bundle") == 0)
				a->r->withdrawn++;
		}
		catalog_free_items(items, n);
	}
	return catalog_drop_unused_files(c);
}

/* The bundle's "keys" section: keys to trust from now on, keys to retire. */
static int apply_keys(data_folder *d, const manifest *m, bundle_report *r, char err[256])
{
	char why[256];
	for (int i = 0; i < m->trust_count; i++) {
		if (data_trust_key(d, m->trust[i], why) != 0) {
			snprintf(err, 256, "keys: %s", why);
			return -1;
		}
		r->keys_trusted++;
	}
	for (int i = 0; i < m->retire_count; i++) {
		int rc = data_retire_key(d, m->retire[i], why);
		if (rc < 0) {
			snprintf(err, 256, "keys: %s", why);
			return -1;
		}
		r->keys_retired += rc == 0;
	}
	return 0;
}

/* Checks and applies one bundle folder whose manifest m is already parsed
 * and signed; fills the report. */
static void apply(applying *a, int dirfd, manifest *m)
{
	bundle_report *r = a->r;
	catalog *c = a->d->cat;
	char seq[32], err[256] = "";
	if (catalog_begin(c) != 0) {
		snprintf(r->reason, sizeof r->reason, "%s", catalog_error(c));
		r->outcome = BUNDLE_REFUSED;
		return;
	}
	/* Read inside the transaction: no other import can slip in between. */
	char *archive = catalog_get_setting(c, "archive"), *last = catalog_get_setting(c, "last_sequence");
	long long last_sequence = last ? atoll(last) : 0;
	if (!archive || strcmp(archive, m->archive) != 0) {
		r->why = BUNDLE_WHY_ARCHIVE;
		snprintf(r->reason, sizeof r->reason, "belongs to archive \"%s\", this one is \"%s\"", m->archive,
			 archive ? archive : "(none)");
		r->outcome = BUNDLE_REFUSED;
	} else if (m->sequence < last_sequence) {
		r->why = BUNDLE_WHY_OLDER;
		snprintf(r->reason, sizeof r->reason, "sequence %lld is older than the last one applied (%lld)", m->sequence,
			 last_sequence);
		r->outcome = BUNDLE_REFUSED;
	} else if (m->sequence == last_sequence) {
		r->outcome = BUNDLE_ALREADY;
	} else if (apply_entries(a, dirfd, m, err) != 0 || apply_keys(a->d, m, r, err) != 0) {
		r->why = BUNDLE_WHY_CONTENT;
		snprintf(r->reason, sizeof r->reason, "%s", err);
		r->outcome = BUNDLE_REFUSED;
	} else {
		r->outcome = BUNDLE_APPLIED;
	}
	free(archive);
	free(last);
	snprintf(seq, sizeof seq, "%lld", m->sequence);
	if (r->outcome != BUNDLE_APPLIED) {
		catalog_rollback(c);
		r->added = r->changed = r->withdrawn = r->keys_trusted = r->keys_retired = r->not_held = 0;
		r->not_held_ids[0] = 0;
		return;
	}
	catalog_log_entry log = {0};
	snprintf(log.source, sizeof log.source, "%s", r->dir);
	log.sequence = m->sequence;
	snprintf(log.signer, sizeof log.signer, "%s", r->signer);
	snprintf(log.result, sizeof log.result, "applied");
	log.added = r->added;
	log.changed = r->changed;
	log.withdrawn = r->withdrawn;
	size_t n = (size_t)snprintf(log.reason, sizeof log.reason, "%s", a->notes);
	if ((r->keys_trusted || r->keys_retired) && n < sizeof log.reason - 60)
		snprintf(log.reason + n, sizeof log.reason - n, "%skeys: %d trusted, %d retired", n ? "; " : "",
			 r->keys_trusted, r->keys_retired);
	if (catalog_set(c, "last_sequence", seq) != 0 || catalog_log_add(c, &log) != 0 || catalog_commit(c) != 0) {
		snprintf(r->reason, sizeof r->reason, "%s", catalog_error(c));
		catalog_rollback(c);
		r->outcome = BUNDLE_REFUSED;
	}
}

/* Reads, verifies and parses one bundle; NULL with r->reason when refused. */
static manifest *check(data_folder *d, int dirfd, bundle_report *r)
{
	size_t json_len, sig_len;
	char err[256];
	char *json = read_beneath(dirfd, "bundle.json", MANIFEST_MAX_SIZE, &json_len, err);
	if (!json) {
		r->why = BUNDLE_WHY_CONTENT;
		snprintf(r->reason, sizeof r->reason, "%s", err);
		return NULL;
	}
	char *sig = read_beneath(dirfd, "bundle.json.minisig", SIGNATURE_MAX, &sig_len, err);
	manifest *m = NULL;
	minisign_key *keys;
	int key_count;
	data_trusted_keys(d, &keys, &key_count);
	r->why = BUNDLE_WHY_SIGNATURE;
	if (!sig)
		snprintf(r->reason, sizeof r->reason, "not signed (bundle.json.minisig: %s)", strstr(err, ": ") ? strstr(err, ": ") + 2 : err);
	else if (key_count == 0)
		snprintf(r->reason, sizeof r->reason, "this archive trusts no key yet (hishatak init --trust KEY.pub)");
	else if (minisign_verify(sig, (const unsigned char *)json, json_len, keys, key_count, r->signer, NULL, err) != 0)
		snprintf(r->reason, sizeof r->reason, "%s", err);
	else {
		r->why = BUNDLE_WHY_CONTENT;
		if (!convert_is_utf8(json, json_len))
			snprintf(r->reason, sizeof r->reason, "bundle.json: not UTF-8");
		else if (!(m = manifest_parse(json, json_len, err)))
			snprintf(r->reason, sizeof r->reason, "%s", err);
		else {
			r->why = BUNDLE_WHY_NONE;
			r->sequence = m->sequence;
			snprintf(r->created, sizeof r->created, "%s", m->created);
		}
	}
	free(keys);
	free(sig);
	free(json);
	return m;
}

static void log_refusal(data_folder *d, const bundle_report *r)
{
	catalog_log_entry log = {0};
	snprintf(log.source, sizeof log.source, "%s", r->dir);
	log.sequence = r->sequence;
	snprintf(log.signer, sizeof log.signer, "%s", r->signer);
	snprintf(log.result, sizeof log.result, "%s", r->outcome == BUNDLE_ALREADY ? "already" : "refused");
	snprintf(log.reason, sizeof log.reason, "%s", r->reason);
	if (catalog_begin(d->cat) == 0 && catalog_log_add(d->cat, &log) == 0)
		catalog_commit(d->cat);
	catalog_rollback(d->cat);
}

typedef struct {
	manifest *m;
	int dirfd;
	bundle_report report;
} pending;

static int by_sequence(const void *x, const void *y)
{
	const pending *a = x, *b = y;
	long long sa = a->m ? a->m->sequence : 0, sb = b->m ? b->m->sequence : 0;
	return sa < sb ? -1 : sa > sb;
}

int bundle_import(data_folder *d, const char *path, const ingest_reader *reader, bundle_report **reports, int *count,
		  bundle_progress progress, void *ctx)
{
	char **dirs;
	int n;
	*reports = NULL;
	*count = 0;
	if (bundle_find(path, &dirs, &n) != 0)
		return -1;
	data_lock(d, 1);
	data_collect_garbage(d);
	pending *p = calloc((size_t)n + 1, sizeof *p);
	*reports = calloc((size_t)n + 1, sizeof **reports);
	if (!p || !*reports) {
		data_unlock(d);
		free(p);
		for (int i = 0; i < n; i++)
			free(dirs[i]);
		free(dirs);
		return -1;
	}
	/* Check them all first: the order of application is by sequence. */
	for (int i = 0; i < n; i++) {
		snprintf(p[i].report.dir, sizeof p[i].report.dir, "%s", dirs[i]);
		p[i].dirfd = open(dirs[i], O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
		if (p[i].dirfd < 0) {
			snprintf(p[i].report.reason, sizeof p[i].report.reason, "%s: %s", dirs[i], strerror(errno));
			continue;
		}
		p[i].m = check(d, p[i].dirfd, &p[i].report);
	}
	qsort(p, (size_t)n, sizeof *p, by_sequence);
	/* A folder that is gone or cannot be written takes nothing: what was
	 * written would be lost, or half there. */
	char why[256];
	int problem = data_problem(d, why), refused = 0;
	for (int i = 0; i < n; i++) {
		bundle_report *r = &p[i].report;
		if (p[i].m && problem != DATA_WELL) {
			snprintf(r->reason, sizeof r->reason, "%s (%s)",
				 problem == DATA_GONE ? "the data folder is gone"
				 : problem == DATA_FULL ? "the storage is full" : "nothing can be written to the data folder",
				 why);
			r->outcome = BUNDLE_REFUSED;
			r->why = BUNDLE_WHY_CONTENT;
		} else if (p[i].m) {
			applying a = {d, reader, r, progress, ctx};
			apply(&a, p[i].dirfd, p[i].m);
		} else {
			r->outcome = BUNDLE_REFUSED;
		}
		if (r->outcome != BUNDLE_APPLIED)
			log_refusal(d, r);
		refused += r->outcome == BUNDLE_REFUSED;
		(*reports)[i] = *r;
		manifest_free(p[i].m);
		if (p[i].dirfd >= 0)
			close(p[i].dirfd);
	}
	*count = n;
	data_collect_garbage(d);
	data_unlock(d);
	free(p);
	for (int i = 0; i < n; i++)
		free(dirs[i]);
	free(dirs);
	return refused;
}
