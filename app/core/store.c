/* The content-addressed store: see store.h. SHA-256 comes from libsodium. */
#include "core/store.h"
#include "core/files.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct store {
	char root[4096];     /* DATA/store */
	char staging[4096];  /* DATA/staging */
	int deferred;        /* store_defer_sync: the fsyncs are store_sync's */
};

store *store_open(const char *data_dir, char err[256])
{
	if (sodium_init() < 0) {
		snprintf(err, 256, "libsodium could not start");
		return NULL;
	}
	store *s = calloc(1, sizeof *s);
	if (!s) {
		snprintf(err, 256, "out of memory");
		return NULL;
	}
	snprintf(s->root, sizeof s->root, "%s/store", data_dir);
	snprintf(s->staging, sizeof s->staging, "%s/staging", data_dir);
	if (files_make_dirs(s->root, err) != 0 || files_make_dirs(s->staging, err) != 0) {
		free(s);
		return NULL;
	}
	return s;
}

store *store_open_readonly(const char *data_dir)
{
	store *s = calloc(1, sizeof *s);
	if (s) {
		snprintf(s->root, sizeof s->root, "%s/store", data_dir);
		snprintf(s->staging, sizeof s->staging, "%s/staging", data_dir);
	}
	return s;
}

void store_close(store *s)
{
	free(s);
}

static int is_link(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

void store_path(const store *s, const char *sha256, char out[4096])
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/%.2s", s->root, sha256);
	snprintf(out, 4096, "%s/%s", dir, sha256);
	/* Only what is in the store: a link put there is never followed. */
	if (is_link(s->root) || is_link(dir) || is_link(out))
		out[0] = 0;
}

int store_is_hash(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
			return 0;
	return n == STORE_HASH_LEN;
}

static void hex(const unsigned char digest[32], char out[65])
{
	sodium_bin2hex(out, 65, digest, 32);
}

/* Moves a staging file (fd, still open: closed here) to its place in the
 * store: fsynced first, and its folder after, unless deferred to
 * store_sync. A file that replaces one already there (the same content,
 * or a damaged copy) is always fsynced first: what a committed row refers
 * to is never left to a later sync. */
static int publish(store *s, int fd, const char *tmp, const char *sha256, char err[256])
{
	char dir[4096], path[4096];
	snprintf(dir, sizeof dir, "%s/%.2s", s->root, sha256);
	store_path(s, sha256, path);
	int now = !s->deferred || files_exists(path);
	if (now && fsync(fd) != 0) {
		snprintf(err, 256, "%s: fsync: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	close(fd);
	if (files_make_dirs(dir, err) != 0) {
		unlink(tmp);
		return -1;
	}
	if (rename(tmp, path) != 0) {
		snprintf(err, 256, "%s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	if (now)
		files_sync_dir(dir);
	return 0;
}

void store_defer_sync(store *s, int on)
{
	s->deferred = on;
}

int store_sync(store *s, char err[256])
{
	int fd = open(s->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || syncfs(fd) != 0) {
		snprintf(err, 256, "%s: sync: %s", s->root, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int store_put_fd(store *s, int in, const char *name, long long max_size, char sha256[65], long long *size, char err[256])
{
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s/put-%ld-XXXXXX", s->staging, (long)getpid());
	int out = mkstemp(tmp);
	if (out < 0) {
		snprintf(err, 256, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	unsigned char buf[65536];
	long long total = 0;
	for (;;) {
		ssize_t n = read(in, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(err, 256, "%s: %s", name, strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		total += n;
		if (max_size >= 0 && total > max_size) {
			snprintf(err, 256, "%s: larger than its declared %lld bytes", name, max_size);
			goto fail;
		}
		crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
		if (files_write_all(out, buf, (size_t)n) != 0) {
			snprintf(err, 256, "%s: %s", tmp, strerror(errno));
			goto fail;
		}
	}
	unsigned char digest[32];
	crypto_hash_sha256_final(&st, digest);
	hex(digest, sha256);
	if (size)
		*size = total;
	return publish(s, out, tmp, sha256, err);
fail:
	close(out);
	unlink(tmp);
	return -1;
}

int store_put_file(store *s, const char *src_path, char sha256[65], long long *size, char err[256])
{
	int in = open(src_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (in < 0) {
		snprintf(err, 256, "%s: %s", src_path, strerror(errno));
		return -1;
	}
	int rc = store_put_fd(s, in, src_path, -1, sha256, size, err);
	close(in);
	return rc;
}

int store_put_buffer(store *s, const void *data, size_t size, char sha256[65], char err[256])
{
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s/put-%ld-XXXXXX", s->staging, (long)getpid());
	int out = mkstemp(tmp);
	if (out < 0) {
		snprintf(err, 256, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	if (files_write_all(out, data, size) != 0) {
		snprintf(err, 256, "%s: %s", tmp, strerror(errno));
		close(out);
		unlink(tmp);
		return -1;
	}
	unsigned char digest[32];
	crypto_hash_sha256(digest, data, size);
	hex(digest, sha256);
	return publish(s, out, tmp, sha256, err);
}

int store_hash_file(const char *path, char sha256[65], long long *size, char err[256])
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, 256, "%s: %s", path, strerror(errno));
		return -1;
	}
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	unsigned char buf[65536];
	long long total = 0;
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
		total += n;
	}
	close(fd);
	if (n < 0) {
		snprintf(err, 256, "%s: %s", path, strerror(errno));
		return -1;
	}
	unsigned char digest[32];
	crypto_hash_sha256_final(&st, digest);
	hex(digest, sha256);
	if (size)
		*size = total;
	return 0;
}

int store_check(const store *s, const char *sha256, char err[256])
{
	char path[4096], actual[65];
	store_path(s, sha256, path);
	if (store_hash_file(path, actual, NULL, err) != 0)
		return -1;
	if (strcmp(actual, sha256) != 0) {
		snprintf(err, 256, "store/%.2s/%s: SHA-256 does not match (the file is damaged)", sha256, sha256);
		return -1;
	}
	return 0;
}

int store_each(const store *s, int (*fn)(const char *sha256, void *ctx), void *ctx)
{
	DIR *top = opendir(s->root);
	if (!top)
		return -1;
	struct dirent *e;
	int rc = 0;
	while (rc == 0 && (e = readdir(top))) {
		char sub[4200];
		if (strlen(e->d_name) != 2 || e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof sub, "%s/%s", s->root, e->d_name);
		DIR *d = opendir(sub);
		if (!d)
			continue;
		struct dirent *f;
		while (rc == 0 && (f = readdir(d)))
			if (store_is_hash(f->d_name))
				rc = fn(f->d_name, ctx);
		closedir(d);
	}
	closedir(top);
	return rc;
}

void store_clear_staging(store *s)
{
	files_remove_tree(s->staging);
	char err[256];
	files_make_dirs(s->staging, err);
}

int store_remove(store *s, const char *sha256)
{
	char path[4096];
	store_path(s, sha256, path);
	return unlink(path);
}
