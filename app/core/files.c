/* File-system helpers: see files.h. Durability follows the usual recipe:
 * data fsynced before the rename, the folder fsynced after it. */
#include "core/files.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

char *files_read(const char *path, size_t max_size, size_t *size_out, char err[256])
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, 256, "%s: %s", path, strerror(errno));
		return NULL;
	}
	char *buf = NULL;
	size_t size = 0, cap = 0;
	for (;;) {
		if (size + 65536 + 1 > cap) {
			cap = cap ? cap * 2 : 65536 * 2;
			char *bigger = realloc(buf, cap);
			if (!bigger) {
				snprintf(err, 256, "%s: out of memory", path);
				goto fail;
			}
			buf = bigger;
		}
		size_t n = fread(buf + size, 1, cap - size - 1, f);
		size += n;
		if (size > max_size) {
			snprintf(err, 256, "%s: larger than %zu bytes", path, max_size);
			goto fail;
		}
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		snprintf(err, 256, "%s: read error", path);
		goto fail;
	}
	fclose(f);
	buf[size] = 0;
	if (size_out)
		*size_out = size;
	return buf;
fail:
	free(buf);
	fclose(f);
	return NULL;
}

int files_sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

static void dir_of(const char *path, char *out, size_t out_size)
{
	snprintf(out, out_size, "%s", path);
	char *slash = strrchr(out, '/');
	if (slash == out)
		out[1] = 0;
	else if (slash)
		*slash = 0;
	else
		snprintf(out, out_size, ".");
}

int files_write_all(int fd, const void *p, size_t n)
{
	for (const char *c = p; n > 0;) {
		ssize_t w = write(fd, c, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

int files_read_all(int fd, void *p, size_t n)
{
	for (char *c = p; n > 0;) {
		ssize_t r = read(fd, c, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

int files_write_durably(const char *path, const void *data, size_t size, char err[256])
{
	char tmp[4096], dir[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		snprintf(err, 256, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	if (files_write_all(fd, data, size) != 0) {
		snprintf(err, 256, "%s: %s", tmp, strerror(errno));
		goto fail;
	}
	if (fsync(fd) != 0) {
		snprintf(err, 256, "%s: fsync: %s", tmp, strerror(errno));
		goto fail;
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		snprintf(err, 256, "%s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	dir_of(path, dir, sizeof dir);
	files_sync_dir(dir);
	return 0;
fail:
	close(fd);
	unlink(tmp);
	return -1;
}

int files_make_dirs(const char *path, char err[256])
{
	char buf[4096];
	snprintf(buf, sizeof buf, "%s", path);
	for (char *p = buf + 1; ; p++) {
		if (*p == '/' || *p == 0) {
			char saved = *p;
			*p = 0;
			if (mkdir(buf, 0755) != 0 && errno != EEXIST) {
				snprintf(err, 256, "%s: %s", buf, strerror(errno));
				return -1;
			}
			*p = saved;
			if (!saved)
				break;
		}
	}
	if (!files_is_dir(path)) {
		snprintf(err, 256, "%s: not a folder", path);
		return -1;
	}
	return 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

int files_remove_tree(const char *path)
{
	if (!files_exists(path))
		return 0;
	return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int files_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

int files_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

void files_extension(const char *path, char out[16])
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	out[0] = 0;
	if (!dot || strlen(dot + 1) >= 16)
		return;
	size_t i = 0;
	for (const char *p = dot + 1; *p; p++)
		out[i++] = (char)tolower((unsigned char)*p);
	out[i] = 0;
}


long long files_now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int files_read_by(int fd, void *buf, size_t len, long long deadline)
{
	for (char *p = buf; len > 0;) {
		long long left = deadline - files_now_ms();
		struct pollfd in = {fd, POLLIN, 0};
		int ready = left > 0 ? poll(&in, 1, left > 1 << 30 ? 1 << 30 : (int)left) : 0;
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready == 0)
			return -1;
		if (ready < 0)
			return 1;
		ssize_t n = read(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}
