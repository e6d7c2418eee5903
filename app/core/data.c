/* The data folder: see data.h. */
#include "core/data.h"
#include "core/files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/statvfs.h>
#include <unistd.h>

void data_default_dir(char out[4096])
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	if (xdg && xdg[0])
		snprintf(out, 4096, "%s/hishatak", xdg);
	else
		snprintf(out, 4096, "%s/.local/share/hishatak", home && home[0] ? home : ".");
}

void data_path(const data_folder *d, const char *name, char out[4096])
{
	snprintf(out, 4096, "%s/%s", d->dir, name);
}

data_folder *data_open(const char *dir, int flags, char err[256])
{
	char path[4096], why[256];
	data_folder *d = calloc(1, sizeof *d);
	if (!d) {
		snprintf(err, 256, "out of memory");
		return NULL;
	}
	snprintf(d->dir, sizeof d->dir, "%s", dir);
	d->lock_fd = -1;
	data_path(d, "catalog.db", path);
	if (!(flags & DATA_CREATE)) {
		if (!files_is_dir(dir)) {
			snprintf(err, 256, "%s: no such data folder (make one with: hishatak init --data %s --archive ID)", dir, dir);
			goto fail;
		}
		if (!files_exists(path)) {
			snprintf(err, 256, "%s: not a Hishatak data folder (no catalog.db)", dir);
			goto fail;
		}
		if (access(path, R_OK) != 0) {
			snprintf(err, 256, "%s: %s", path, strerror(errno));
			goto fail;
		}
	} else if (files_make_dirs(dir, why) != 0) {
		snprintf(err, 256, "%s", why);
		goto fail;
	}
	d->cat = (flags & DATA_READONLY) ? catalog_open_readonly(path, why) : catalog_open(path, why);
	if (!d->cat) {
		snprintf(err, 256, "%s", why);
		goto fail;
	}
	if (!(flags & DATA_READONLY)) {
		char sub[4096];
		data_path(d, "cache", sub);
		if (files_make_dirs(sub, why) != 0)
			goto fail_why;
		d->st = store_open(dir, why);
		if (!d->st)
			goto fail_why;
	} else {
		d->st = store_open_readonly(dir);
	}
	return d;
fail_why:
	snprintf(err, 256, "%s", why);
fail:
	data_close(d);
	return NULL;
}

void data_close(data_folder *d)
{
	if (!d)
		return;
	if (d->lock_fd >= 0)
		close(d->lock_fd);
	catalog_close(d->cat);
	store_close(d->st);
	free(d);
}

int data_lock(data_folder *d, int wait)
{
	char path[4096];
	if (d->lock_fd < 0) {
		data_path(d, "lock", path);
		d->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	}
	return d->lock_fd >= 0 && flock(d->lock_fd, LOCK_EX | (wait ? 0 : LOCK_NB)) == 0 ? 0 : -1;
}

void data_unlock(data_folder *d)
{
	if (d->lock_fd >= 0)
		flock(d->lock_fd, LOCK_UN);
}

static int drop_if_unused(const char *sha256, void *ctx)
{
	data_folder *d = ctx;
	if (!catalog_has_file(d->cat, sha256))
		store_remove(d->st, sha256);
	return 0;
}

void data_collect_garbage(data_folder *d)
{
	if (!d->st)
		return;
	store_clear_staging(d->st);
	store_each(d->st, drop_if_unused, d);
}

int data_trusted_keys(const data_folder *d, minisign_key **keys, int *count)
{
	char **lines, err[256];
	int n;
	*keys = NULL;
	*count = 0;
	if (catalog_trusted_keys(d->cat, &lines, &n) != 0)
		return -1;
	*keys = calloc((size_t)n + 1, sizeof **keys);
	for (int i = 0; i < n; i++) {
		if (*keys && minisign_parse_public_key(lines[i], &(*keys)[*count], err) == 0)
			(*count)++;
		free(lines[i]);
	}
	free(lines);
	return *keys ? 0 : -1;
}

/* Parses key lines separated by white space (the "retired_keys" setting). */
static int parse_key_lines(const char *text, minisign_key **keys, int *count)
{
	char err[256], line[128];
	*count = 0;
	*keys = calloc(strlen(text ? text : "") / 40 + 1, sizeof **keys);
	for (const char *p = text ? text : ""; *keys && *p;) {
		size_t n = strcspn(p, " \n");
		if (n > 0 && n < sizeof line) {
			memcpy(line, p, n);
			line[n] = 0;
			if (minisign_parse_public_key(line, &(*keys)[*count], err) == 0)
				(*count)++;
		}
		p += n;
		p += strspn(p, " \n");
	}
	return *keys ? 0 : -1;
}

int data_retired_keys(const data_folder *d, minisign_key **keys, int *count)
{
	char *text = catalog_get_setting(d->cat, "retired_keys");
	int rc = parse_key_lines(text, keys, count);
	free(text);
	return rc;
}

int data_trust_key(data_folder *d, const char *text, char err[256])
{
	minisign_key key;
	char id[17], line[64];
	if (minisign_parse_public_key(text, &key, err) != 0)
		return -1;
	minisign_key_id_hex(&key, id);
	minisign_key_line(&key, line);
	if (catalog_trust_key(d->cat, id, line) != 0) {
		snprintf(err, 256, "%s", catalog_error(d->cat));
		return -1;
	}
	return 0;
}

int data_retire_key(data_folder *d, const char *text_or_id, char err[256])
{
	minisign_key key, *keys;
	char id[17];
	int n;
	if (strlen(text_or_id) == 16) {
		snprintf(id, sizeof id, "%s", text_or_id);
	} else {
		if (minisign_parse_public_key(text_or_id, &key, err) != 0)
			return -1;
		minisign_key_id_hex(&key, id);
	}
	/* Its key line, to remember it by (retired by its id alone too). */
	char line[64] = "", *retired = NULL;
	if (data_trusted_keys(d, &keys, &n) == 0) {
		for (int i = 0; i < n; i++) {
			char key_id[17];
			minisign_key_id_hex(&keys[i], key_id);
			if (strcmp(key_id, id) == 0)
				minisign_key_line(&keys[i], line);
		}
		free(keys);
	}
	int rc = catalog_retire_key(d->cat, id);
	if (rc == 0 && line[0]) {
		char *old = catalog_get_setting(d->cat, "retired_keys");
		size_t size = (old ? strlen(old) : 0) + sizeof line + 2;
		if ((retired = malloc(size))) {
			snprintf(retired, size, "%s%s%s", old ? old : "", old && old[0] ? " " : "", line);
			if (old && strstr(old, line))
				snprintf(retired, size, "%s", old);
		}
		free(old);
		if (!retired || catalog_set(d->cat, "retired_keys", retired) != 0)
			rc = -1;
		free(retired);
	}
	if (rc < 0 || data_trusted_keys(d, &keys, &n) != 0) {
		snprintf(err, 256, "%s", catalog_error(d->cat));
		return -1;
	}
	free(keys);
	if (n == 0) {
		snprintf(err, 256, "retiring %s would leave no trusted key", id);
		return -1;
	}
	return rc;
}

long long data_usable_space(const data_folder *d, long long *free_bytes, long long *reserve_bytes)
{
	struct statvfs fs;
	if (statvfs(d->dir, &fs) != 0)
		return -1;
	long long total = (long long)fs.f_blocks * (long long)fs.f_frsize;
	long long avail = (long long)fs.f_bavail * (long long)fs.f_frsize;
	long long reserve = total / 16;
	reserve = reserve < (8LL << 20) ? 8LL << 20 : reserve > (128LL << 20) ? 128LL << 20 : reserve;
	if (free_bytes)
		*free_bytes = avail;
	if (reserve_bytes)
		*reserve_bytes = reserve;
	return avail - reserve;
}

int data_problem(const data_folder *d, char detail[256])
{
	char path[4096];
	struct statvfs fs;
	detail[0] = 0;
	data_path(d, "catalog.db", path);
	if (access(path, F_OK) != 0) {
		snprintf(detail, 256, "%s: %s", path, strerror(errno));
		return DATA_GONE;
	}
	/* A probe file says what the file system will take. */
	data_path(d, "staging/.probe", path);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	int failed = fd < 0 || write(fd, "probe", 5) != 5;
	int why = errno;
	if (fd >= 0) {
		close(fd);
		unlink(path);
	}
	if (failed && why != ENOSPC && why != EDQUOT) {
		snprintf(detail, 256, "%s", strerror(why));
		return DATA_UNWRITABLE;
	}
	if (failed || (statvfs(d->dir, &fs) == 0 && (double)fs.f_bavail * (double)fs.f_frsize < 4e6)) {
		snprintf(detail, 256, "%s", strerror(ENOSPC));
		return DATA_FULL;
	}
	return DATA_WELL;
}
