/* Applying bundles: see bundle.h. The order of work makes a power cut or a
 * kill harmless at any moment: files are written to the store (renamed
 * into place, then all synced at once: store_defer_sync) before the one catalogue transaction that makes
 * them visible, together with the bundle's sequence and its log line. What
 * an interrupted import leaves is unreferenced files, removed by
 * data_collect_garbage at the next start or import. */
#include "core/bundle.h"
#include "core/catalog_guide.h"
#include "core/catalog_recordings.h"
#include "core/recording.h"
#include "core/convert.h"
#include "core/files.h"
#include "core/ingest.h"
#include "core/manifest.h"
#include "core/printable.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SIGNATURE_MAX 4096
#define FILE_MAX (4LL << 30) /* a declared size above this is absurd */
#define LOG_KEPT 500         /* log lines kept besides those of bundles applied */

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

static int by_path(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

#define FIND_DEPTH 2   /* bundles at the root and up to two folders below */
#define DEEPER_DEPTH 4 /* below that, only to say where a bundle.json should be */

#define STICK_ENTRIES 100000 /* names read in all, files among them */

/* The folders below dir (depth: dir's own), in order of name: bundles are
 * listed, others looked through. Every folder seen counts against the
 * stick's limit, whether it holds anything or not, and so does every name
 * read. */
static void scan(const char *dir, int depth, bundle_places *f, int *folders, int *entries)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return;
	char **subs = NULL;
	int n = 0;
	struct dirent *e;
	while (*folders < BUNDLE_STICK_FOLDERS && *entries < STICK_ENTRIES && (e = readdir(dp))) {
		char sub[4200];
		struct stat st;
		++*entries;
		if (e->d_name[0] == '.' || (e->d_type != DT_DIR && e->d_type != DT_UNKNOWN))
			continue;
		snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode)) { /* never through a link */
			item_list_add(&subs, &n, sub);
			++*folders;
		}
	}
	if (*folders >= BUNDLE_STICK_FOLDERS || *entries >= STICK_ENTRIES)
		f->folders_left = 1;
	closedir(dp);
	if (subs)
		qsort(subs, (size_t)n, sizeof *subs, by_path);
	for (int i = 0; i < n; i++) {
		if (!is_bundle_dir(subs[i])) {
			if (depth + 1 < DEEPER_DEPTH)
				scan(subs[i], depth + 1, f, folders, entries);
		} else if (depth + 1 > FIND_DEPTH) {
			if (!f->deeper[0])
				snprintf(f->deeper, sizeof f->deeper, "%s", subs[i]);
		} else if (f->count < BUNDLE_STICK_MAX) {
			item_list_add(&f->dirs, &f->count, subs[i]);
		} else {
			f->more++;
		}
		free(subs[i]);
	}
	free(subs);
}

int bundle_find_places(const char *path, bundle_places *found)
{
	memset(found, 0, sizeof *found);
	if (!files_is_dir(path))
		return -1;
	if (is_bundle_dir(path)) { /* one bundle folder given: that one alone */
		item_list_add(&found->dirs, &found->count, path);
		return 0;
	}
	int folders = 0, entries = 0;
	scan(path, 0, found, &folders, &entries);
	return 0;
}

int bundle_find(const char *path, char ***dirs, int *count)
{
	bundle_places found;
	int rc = bundle_find_places(path, &found);
	*dirs = found.dirs;
	*count = found.count;
	return rc;
}

void bundle_places_free(bundle_places *found)
{
	for (int i = 0; i < found->count; i++)
		free(found->dirs[i]);
	free(found->dirs);
	memset(found, 0, sizeof *found);
}

typedef struct {
	data_folder *d;
	const ingest_reader *reader;
	bundle_report *r;
	bundle_progress progress;
	void *ctx;
	const char *source;  /* the stick, printable, as the log names it */
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

/* A recording and its transcripts, each opened beneath the bundle folder. */
static int ingest_with_transcripts(applying *a, int dirfd, const manifest_entry *e, item *it, int fd, char err[256])
{
	recording_track_source tracks[16];
	int n = 0, rc = -1;
	if (e->transcript_count > 16) {
		snprintf(err, 256, "more than 16 transcripts");
		return -1;
	}
	for (; n < e->transcript_count; n++) {
		const manifest_track *t = &e->transcripts[n];
		tracks[n] = (recording_track_source){t->language, open_beneath(dirfd, t->file, err), t->file, t->size, t->sha256};
		if (tracks[n].fd < 0)
			goto out;
	}
	recording_track_source segments_source;
	recording_extras extras = {NULL, e->notes, e->note_count};
	if (e->segments) {
		const manifest_track *g = e->segments;
		segments_source = (recording_track_source){"", open_beneath(dirfd, g->file, err), g->file, g->size, g->sha256};
		if (segments_source.fd < 0)
			goto out;
		extras.segments = &segments_source;
	}
	rc = recording_ingest(a->d->cat, a->d->st, a->reader, it, fd, e->file, e->size, e->sha256, tracks, n, &extras, err);
	if (extras.segments)
		close(segments_source.fd);
out:
	for (int i = 0; i < n; i++)
		close(tracks[i].fd);
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
			char why[200];
			size_t n = strlen(a->notes);
			printable(e->reason ? e->reason : "no reason given", why, sizeof why);
			snprintf(a->notes + n, sizeof a->notes - n, "%s%s %s: %s", n ? "; " : "",
				 exists ? "withdrawn" : "not withdrawn, not in this archive:", e->meta.id, why);
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
				if (rc == 0 && e->note_count) {
					char why[256];
					if ((rc = recording_update_notes(c, &it, e->notes, e->note_count, why)) != 0)
						snprintf(err, 256, "item %s: %s", e->meta.id, why);
				}
			}
			a->r->changed++;
		} else {
			char why[256], repaired[256] = "";
			manifest_merge(&it, e);
			int fd = open_beneath(dirfd, e->file, why);
			rc = fd < 0		 ? -1
			     : e->transcript_count || e->segments || e->note_count ? ingest_with_transcripts(a, dirfd, e, &it, fd, why)
						   : ingest_item(c, a->d->st, a->reader, &it, fd, e->file, e->size, e->sha256, repaired, why);
			size_t n = strlen(a->notes);
			if (rc == 0 && repaired[0]) { /* kept in the log: the catalogue has the original's hash */
				char what[300];
				printable(repaired, what, sizeof what);
				snprintf(a->notes + n, sizeof a->notes - n, "%srepaired %s: %s", n ? "; " : "", e->meta.id, what);
			}
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

/* What the bundle tells visitors (guide.h), after its items: each
 * collection's picture opened beneath the bundle folder and stored,
 * checked by size and SHA-256 as a document is, then the guide written. */
static int apply_guide(applying *a, int dirfd, manifest *m, char err[256])
{
	catalog *c = a->d->cat;
	for (int i = 0; i < m->guide.collection_count; i++) {
		guide_collection *col = &m->guide.collections[i];
		if (col->withdraw || !col->picture)
			continue;
		char why[256], sha256[65];
		long long size = 0;
		int fd = open_beneath(dirfd, col->picture, why);
		int rc = fd < 0 ? -1 : store_put_fd(a->d->st, fd, col->picture, col->picture_size, sha256, &size, why);
		if (fd >= 0)
			close(fd);
		if (rc == 0 && size != col->picture_size) {
			snprintf(why, sizeof why, "%s: size is %lld bytes, bundle.json says %lld", col->picture, size, col->picture_size);
			rc = -1;
		} else if (rc == 0 && strcmp(sha256, col->picture_sha256) != 0) {
			snprintf(why, sizeof why, "%s: SHA-256 does not match", col->picture);
			rc = -1;
		}
		if (rc == 0)
			rc = catalog_put_file(c, sha256, size, why);
		if (rc != 0) {
			snprintf(err, 256, "collection %s: picture %s", col->id, why);
			return -1;
		}
	}
	if (catalog_put_guide(c, &m->guide, a->notes, sizeof a->notes, err) != 0)
		return -1;
	if (catalog_drop_unused_files(c) != 0) {
		snprintf(err, 256, "%s", catalog_error(c));
		return -1;
	}
	return 0;
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

/* Megabytes, rounded up, for messages. */
static long long mb(long long bytes)
{
	return (bytes + (1 << 20) - 1) >> 20;
}

/* Whether the data folder can take the bundle: a bundle that adds files
 * may not use the reserve (data_usable_space); one that only withdraws
 * items or changes metadata always may, so a full card can still be put
 * right from a stick. 0, or -1 with why. */
static int space_problem(data_folder *d, const manifest *m, bundle_report *r, char err[256])
{
	char detail[256];
	int problem = data_problem(d, detail);
	if (problem == DATA_GONE || problem == DATA_UNWRITABLE) {
		snprintf(err, 256, "%s (%s)", problem == DATA_GONE ? "the data folder is gone" : "nothing can be written to the data folder",
			 detail);
		return -1;
	}
	long long needed = 0, free_bytes = 0, reserve = 0;
	for (int i = 0; i < m->count; i++) {
		if (m->entries[i].size > FILE_MAX) {
			snprintf(err, 256, "item %s: declared size %lld bytes is not believable", m->entries[i].meta.id,
				 m->entries[i].size);
			return -1;
		}
		char ext[16];
		const manifest_entry *e = &m->entries[i];
		if (!e->file || e->size <= 0)
			continue;
		/* A text file is stored twice (as it came, and as XHTML), and its
		 * words indexed: three times its size, roughly. */
		files_extension(e->file, ext);
		needed += convert_handles(ext) ? 3 * e->size : e->size;
	}
	if (needed == 0)
		return 0;
	long long usable = data_usable_space(d, &free_bytes, &reserve);
	if (problem == DATA_FULL || usable < needed) {
		r->why = BUNDLE_WHY_FULL;
		snprintf(err, 256, "the storage is too full for its files: they need %lld MB, %lld MB may be used "
			 "(%lld MB free, %lld MB kept for withdrawals and changes); withdraw items to make room",
			 mb(needed), usable > 0 ? usable >> 20 : 0, free_bytes >> 20, mb(reserve));
		return -1;
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
	char *last_created = catalog_get_setting(c, "last_created");
	long long last_sequence = last ? atoll(last) : 0;
	/* A bundle numbered as old but made after the last one applied was made
	 * on a computer that did not know the later ones. */
	int misnumbered = last_created && m->sequence <= last_sequence &&
			  (m->sequence == last_sequence ? strcmp(m->created, last_created) != 0 : strcmp(m->created, last_created) > 0);
	if (!archive || strcmp(archive, m->archive) != 0) {
		r->why = BUNDLE_WHY_ARCHIVE;
		snprintf(r->reason, sizeof r->reason, "belongs to archive \"%s\", this one is \"%s\"", m->archive,
			 archive ? archive : "(none)");
		r->outcome = BUNDLE_REFUSED;
	} else if (misnumbered) {
		r->why = BUNDLE_WHY_OLDER;
		snprintf(r->reason, sizeof r->reason, "sequence %lld, made %s, is newer than the sequence %lld this kiosk has (made %s): "
			 "it was made where the later bundles are not; make it again with hishatak bundle --sequence %lld",
			 m->sequence, m->created, last_sequence, last_created, last_sequence + 1);
		r->outcome = BUNDLE_REFUSED;
	} else if (m->sequence <= last_sequence) { /* the kiosk has it, or what came after it */
		r->outcome = BUNDLE_ALREADY;
		if (m->sequence < last_sequence)
			snprintf(r->reason, sizeof r->reason, "this kiosk has sequence %lld", last_sequence);
	} else if (space_problem(a->d, m, r, err) != 0) {
		if (r->why != BUNDLE_WHY_FULL)
			r->why = BUNDLE_WHY_CONTENT;
		snprintf(r->reason, sizeof r->reason, "%s", err);
		r->outcome = BUNDLE_REFUSED;
	} else if (apply_entries(a, dirfd, m, err) != 0 || apply_guide(a, dirfd, m, err) != 0 || apply_keys(a->d, m, r, err) != 0 ||
		   (m->names.given && catalog_set_names(c, m->names.names, m->names.set_of, m->names.count) != 0 &&
		    snprintf(err, 256, "%s", catalog_error(c)) > 0)) { /* the last bundle's names replace the earlier */
		r->why = BUNDLE_WHY_CONTENT;
		snprintf(r->reason, sizeof r->reason, "%s", err);
		r->outcome = BUNDLE_REFUSED;
	} else {
		r->outcome = BUNDLE_APPLIED;
	}
	free(archive);
	free(last);
	free(last_created);
	snprintf(seq, sizeof seq, "%lld", m->sequence);
	if (r->outcome != BUNDLE_APPLIED) {
		catalog_rollback(c);
		r->added = r->changed = r->withdrawn = r->keys_trusted = r->keys_retired = r->not_held = 0;
		r->not_held_ids[0] = 0;
		return;
	}
	catalog_log_entry log = {0};
	snprintf(log.source, sizeof log.source, "%s", a->source);
	log.sequence = m->sequence;
	printable(r->signer, log.signer, sizeof log.signer);
	snprintf(log.result, sizeof log.result, "applied");
	log.added = r->added;
	log.changed = r->changed;
	log.withdrawn = r->withdrawn;
	size_t n = (size_t)snprintf(log.reason, sizeof log.reason, "%s", a->notes);
	if ((r->keys_trusted || r->keys_retired) && n < sizeof log.reason - 60)
		snprintf(log.reason + n, sizeof log.reason - n, "%skeys: %d trusted, %d retired", n ? "; " : "",
			 r->keys_trusted, r->keys_retired);
	/* The bundle's files reach the disk before the commit that refers to them. */
	if (store_sync(a->d->st, err) != 0) {
		snprintf(r->reason, sizeof r->reason, "%s", err);
		catalog_rollback(c);
		r->outcome = BUNDLE_REFUSED;
		return;
	}
	if (catalog_set(c, "last_sequence", seq) != 0 || catalog_set(c, "last_created", m->created) != 0 ||
	    catalog_log_add(c, &log) != 0 || catalog_log_prune(c, LOG_KEPT) != 0 || catalog_commit(c) != 0) {
		snprintf(r->reason, sizeof r->reason, "%s", catalog_error(c));
		catalog_rollback(c);
		r->outcome = BUNDLE_REFUSED;
	}
}

/* One bundle folder on its way through bundle_import. */
typedef struct {
	int dirfd;
	int reported;       /* its report is in the caller's list */
	char *sig;          /* bundle.json.minisig */
	long long json_size;
	int state;
	manifest *m;        /* once checked */
	minisign_key signer;
	bundle_report report;
} pending;

enum {
	WAITING, /* its signature's key is not trusted (yet: a bundle before it may trust it) */
	CHECKED, /* signed by a trusted key; m parsed */
	DONE,    /* applied, skipped or refused: its report is final */
};

static int key_index(const minisign_key *keys, int n, const char *id)
{
	for (int i = 0; i < n; i++) {
		char key_id[17];
		minisign_key_id_hex(&keys[i], key_id);
		if (strcmp(key_id, id) == 0)
			return i;
	}
	return -1;
}

/* Refuses p with the reason: -1. */
static int refuse(pending *p, bundle_why why, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int refuse(pending *p, bundle_why why, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->report.reason, sizeof p->report.reason, fmt, ap);
	va_end(ap);
	p->report.why = why;
	p->report.outcome = BUNDLE_REFUSED;
	p->state = DONE;
	return -1;
}

/* What can be known of a folder without reading its bundle.json: the
 * signature's key id and the manifest's size (a hard link to another
 * folder's bundle.json is the same bundle.json: read once). */
static int first_look(pending *p, pending *all, int index)
{
	char err[256];
	size_t len;
	struct stat st;
	p->state = WAITING;
	p->dirfd = open(p->report.dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	if (p->dirfd < 0)
		return refuse(p, BUNDLE_WHY_CONTENT, "the folder cannot be opened: %s", strerror(errno));
	if (!(p->sig = read_beneath(p->dirfd, "bundle.json.minisig", SIGNATURE_MAX, &len, err)))
		return refuse(p, BUNDLE_WHY_SIGNATURE, "not signed (bundle.json.minisig: %s)",
			      strstr(err, ": ") ? strstr(err, ": ") + 2 : err);
	if (minisign_signature_key_id(p->sig, p->report.key_id) != 0)
		return refuse(p, BUNDLE_WHY_SIGNATURE, "not a minisign signature");
	int fd = open_beneath(p->dirfd, "bundle.json", err);
	if (fd < 0)
		return refuse(p, BUNDLE_WHY_CONTENT, "%s", err);
	int ok = fstat(fd, &st) == 0;
	close(fd);
	if (!ok || st.st_size > MANIFEST_MAX_SIZE)
		return refuse(p, BUNDLE_WHY_CONTENT, "bundle.json: %s", ok ? "larger than 64 MiB" : strerror(errno));
	p->json_size = st.st_size;
	for (int i = 0; i < index; i++) {
		struct stat other;
		if (all[i].dirfd >= 0 && fstatat(all[i].dirfd, "bundle.json", &other, AT_SYMLINK_NOFOLLOW) == 0 &&
		    other.st_dev == st.st_dev && other.st_ino == st.st_ino)
			return refuse(p, BUNDLE_WHY_CONTENT, "bundle.json is the same file as another bundle folder's (a hard link)");
	}
	return 0;
}

/* Reads bundle.json, checks its signature by one of keys and parses it:
 * CHECKED, or DONE with the reason. *budget: the bytes of bundle.json this
 * stick may still have read. */
static int check(pending *p, const minisign_key *keys, int key_count, long long *budget)
{
	bundle_report *r = &p->report;
	size_t len;
	char err[256];
	int signer;
	if (p->json_size > *budget)
		return refuse(p, BUNDLE_WHY_PLACE, "not read: the bundle.json files on this stick come to more than %lld MiB",
			      BUNDLE_STICK_JSON_BYTES >> 20);
	char *json = read_beneath(p->dirfd, "bundle.json", MANIFEST_MAX_SIZE, &len, err);
	if (!json)
		return refuse(p, BUNDLE_WHY_CONTENT, "%s", err);
	*budget -= (long long)len;
	int rc = minisign_verify(p->sig, (const unsigned char *)json, len, keys, key_count, r->signer, &signer, err);
	if (rc != 0) {
		refuse(p, BUNDLE_WHY_SIGNATURE, "%s", err);
	} else {
		r->verified = 1; /* from here on, what it says is its signer's */
		p->signer = keys[signer];
		if (!convert_is_utf8(json, len))
			rc = refuse(p, BUNDLE_WHY_CONTENT, "bundle.json: not UTF-8");
		else if (!(p->m = manifest_parse(json, len, err)))
			rc = refuse(p, BUNDLE_WHY_CONTENT, "%s", err);
	}
	if (rc == 0) {
		p->state = CHECKED;
		r->sequence = p->m->sequence;
		snprintf(r->created, sizeof r->created, "%s", p->m->created);
	}
	free(json);
	return rc;
}

/* "A, B" of the keys' ids, for a refusal that names them. */
static void key_ids(const minisign_key *keys, int n, char *out, size_t size)
{
	size_t len = 0;
	out[0] = 0;
	for (int i = 0; i < n && len + 20 < size; i++) {
		char id[17];
		minisign_key_id_hex(&keys[i], id);
		len += (size_t)snprintf(out + len, size - len, "%s%s", i ? ", " : "", id);
	}
}

/* What a bundle signed by a key the kiosk does not trust now is: an old
 * one signed by a key since retired (checked with that key: skipped), or
 * refused with the key that signed it and those the kiosk trusts. */
static void unknown_key(data_folder *d, pending *p, long long *budget)
{
	minisign_key *keys = NULL, *retired = NULL;
	int n = 0, retired_count = 0;
	char trusted[200];
	data_trusted_keys(d, &keys, &n);
	data_retired_keys(d, &retired, &retired_count);
	key_ids(keys, n, trusted, sizeof trusted);
	int was = key_index(retired, retired_count, p->report.key_id);
	if (n == 0) {
		refuse(p, BUNDLE_WHY_SIGNATURE, "this archive trusts no key yet (hishatak init --trust KEY.pub)");
	} else if (was >= 0) {
		check(p, &retired[was], 1, budget);
		char *archive = catalog_get_setting(d->cat, "archive"), *last = catalog_get_setting(d->cat, "last_sequence");
		if (p->state == CHECKED && archive && strcmp(archive, p->m->archive) == 0 && last && p->m->sequence <= atoll(last)) {
			p->report.outcome = BUNDLE_ALREADY;
			snprintf(p->report.reason, sizeof p->report.reason, "signed by key %s, since retired", p->report.key_id);
			p->state = DONE;
		} else if (p->state == CHECKED) {
			refuse(p, BUNDLE_WHY_SIGNATURE, "signed by key %s, which this kiosk has retired (it trusts %s)",
			       p->report.key_id, trusted);
		}
		free(archive);
		free(last);
	} else {
		refuse(p, BUNDLE_WHY_SIGNATURE, "signed by an unknown key %s (this kiosk trusts %s)", p->report.key_id, trusted);
	}
	free(keys);
	free(retired);
}

/* The import log's line for the rest of the stick: what was not applied,
 * counted by reason. Only what a signed bundle says is named; of the
 * others only the kiosk's own words. */
static void log_the_rest(data_folder *d, const char *source, const bundle_report *reports, int n)
{
	catalog_log_entry log = {0};
	int refused = 0, already = 0;
	long long highest = 0;
	size_t len = 0;
	snprintf(log.source, sizeof log.source, "%s", source);
	for (int i = 0; i < n; i++) {
		const bundle_report *r = &reports[i];
		if (r->outcome == BUNDLE_APPLIED)
			continue;
		refused += r->outcome == BUNDLE_REFUSED;
		already += r->outcome == BUNDLE_ALREADY;
		if (r->outcome == BUNDLE_ALREADY) {
			highest = r->sequence > highest ? r->sequence : highest;
			continue;
		}
		char line[300];
		if (r->verified)
			snprintf(line, sizeof line, "sequence %lld: %s", r->sequence, r->reason);
		else
			snprintf(line, sizeof line, "%s", r->reason);
		int times = 0, first = 1;
		for (int j = 0; j < n; j++) { /* the same words once, counted */
			const bundle_report *o = &reports[j];
			int same = o->outcome == BUNDLE_REFUSED && !o->verified && !r->verified && strcmp(o->reason, r->reason) == 0;
			times += same || j == i;
			if (same && j < i)
				first = 0;
		}
		if (!first || len + 8 >= sizeof log.reason)
			continue;
		char counted[400];
		if (times > 1)
			snprintf(counted, sizeof counted, "%d folders: %s", times, line);
		else
			snprintf(counted, sizeof counted, "%s", line);
		char shown[400];
		printable(counted, shown, sizeof shown);
		len += (size_t)snprintf(log.reason + len, sizeof log.reason - len, "%s%s", len ? "; " : "", shown);
	}
	if (refused + already == 0)
		return;
	if (already && len + 8 < sizeof log.reason)
		snprintf(log.reason + len, sizeof log.reason - len, "%s%d already applied", len ? "; " : "", already);
	log.sequence = refused ? 0 : highest;
	snprintf(log.result, sizeof log.result, "%s", refused ? "refused" : "already");
	if (catalog_begin(d->cat) == 0 && catalog_log_add(d->cat, &log) == 0 && catalog_log_prune(d->cat, LOG_KEPT) == 0)
		catalog_commit(d->cat);
	catalog_rollback(d->cat);
}

int bundle_import(data_folder *d, const char *path, const ingest_reader *reader, bundle_report **reports, int *count,
		  bundle_progress progress, void *ctx)
{
	bundle_places found;
	char source[256];
	*reports = NULL;
	*count = 0;
	if (bundle_find_places(path, &found) != 0)
		return -1;
	int n = found.count, out = 0, refused = 0;
	pending *p = calloc((size_t)n + 1, sizeof *p);
	*reports = calloc((size_t)n + 2, sizeof **reports);
	if (!p || !*reports) {
		free(p);
		free(*reports);
		*reports = NULL;
		bundle_places_free(&found);
		return -1;
	}
	printable(path, source, sizeof source);
	data_lock(d, 1);
	data_collect_garbage(d);
	for (int i = 0; i < n; i++) {
		snprintf(p[i].report.dir, sizeof p[i].report.dir, "%s", found.dirs[i]);
		first_look(&p[i], p, i);
	}
	/* Lowest sequence first; each checked with the keys in force just before
	 * it, so that a bundle signed by a key the one before trusts is
	 * applied, and one signed by a key it retired is not. */
	long long budget = BUNDLE_STICK_JSON_BYTES;
	for (;;) {
		minisign_key *keys;
		int key_count;
		data_trusted_keys(d, &keys, &key_count);
		pending *next = NULL;
		for (int i = 0; i < n; i++) {
			if (p[i].state == WAITING && key_index(keys, key_count, p[i].report.key_id) >= 0)
				check(&p[i], keys, key_count, &budget);
			if (p[i].state == CHECKED && (!next || p[i].m->sequence < next->m->sequence))
				next = &p[i];
		}
		if (next) {
			int k = key_index(keys, key_count, next->report.key_id);
			if (k < 0 || memcmp(keys[k].public_key, next->signer.public_key, sizeof keys[k].public_key) != 0) {
				refuse(next, BUNDLE_WHY_SIGNATURE, "signed by key %s, which a bundle before it retired", next->report.key_id);
			} else {
				applying a = {d, reader, &next->report, progress, ctx, source};
				store_defer_sync(d->st, 1); /* one sync for all its files, before its commit */
				apply(&a, next->dirfd, next->m);
				store_defer_sync(d->st, 0);
				next->state = DONE;
			}
			(*reports)[out++] = next->report;
			next->reported = 1;
		}
		free(keys);
		if (!next)
			break;
	}
	for (int i = 0; i < n; i++) {
		if (p[i].state == WAITING)
			unknown_key(d, &p[i], &budget);
		assert(p[i].state == DONE);
		if (!p[i].reported)
			(*reports)[out++] = p[i].report;
	}
	/* What the kiosk did not look at, said, not passed over. */
	bundle_report *note = &(*reports)[out];
	if (found.deeper[0] && n == 0) {
		snprintf(note->dir, sizeof note->dir, "%s", found.deeper);
		snprintf(note->reason, sizeof note->reason, "bundle.json is too deep: the kiosk looks for bundle folders at the "
			 "stick's root and up to two folders below it; move this folder up");
	} else if (found.more || found.folders_left) {
		snprintf(note->dir, sizeof note->dir, "%s", path);
		if (found.more)
			snprintf(note->reason, sizeof note->reason, "%s%d more bundle folders not looked at: the kiosk takes at most %d "
				 "from one stick; take old bundles off it", found.folders_left ? "at least " : "", found.more,
				 BUNDLE_STICK_MAX);
		else
			snprintf(note->reason, sizeof note->reason, "more folders than the kiosk looks through (%d): put the bundle "
				 "folders at the root or one folder below it", BUNDLE_STICK_FOLDERS);
	}
	if (note->reason[0]) {
		note->outcome = BUNDLE_REFUSED;
		note->why = BUNDLE_WHY_PLACE;
		out++;
	}
	for (int i = 0; i < out; i++)
		refused += (*reports)[i].outcome == BUNDLE_REFUSED;
	log_the_rest(d, source, *reports, out);
	*count = out;
	data_collect_garbage(d);
	data_unlock(d);
	for (int i = 0; i < n; i++) {
		manifest_free(p[i].m);
		free(p[i].sig);
		if (p[i].dirfd >= 0)
			close(p[i].dirfd);
	}
	free(p);
	bundle_places_free(&found);
	return refused;
}
