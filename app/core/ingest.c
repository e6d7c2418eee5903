/* Ingesting a document: see ingest.h. */
#include "core/ingest.h"
#include "core/config.h"
#include "core/convert.h"
#include "core/doc.h"
#include "core/files.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_TEXT_SIZE (64u << 20)

static void free_passages(char **passages, int count)
{
	for (int i = 0; i < count; i++)
		free(passages[i]);
	free(passages);
}

/* What the catalogue keeps of a document MuPDF has read. */
typedef struct {
	int pages, reflowable, count;
	char **passages;
} document_facts;

/* MuPDF reads the document: opens it, lays it out, counts its pages and
 * takes its passages. All in the calling process; see read_document. */
static int read_here(const char *path, const char *format, document_facts *f, char err[256])
{
	float w, h, em;
	memset(f, 0, sizeof *f);
	doc *d = doc_open(path, format, err);
	if (!d)
		return -1;
	int rc = -1;
	if (doc_passages(d, &f->passages, &f->count, err) != 0)
		goto done;
	f->reflowable = doc_is_reflowable(d);
	doc_layout_for_screen(INGEST_REFERENCE_W, INGEST_REFERENCE_H, 1.0f, &w, &h, &em);
	if (doc_layout(d, w, h, em, err) != 0 || (f->pages = doc_page_count(d, err)) < 1) {
		if (f->pages == 0)
			snprintf(err, 256, "has no pages");
		goto done;
	}
	rc = 0;
done:
	if (rc != 0) {
		free_passages(f->passages, f->count);
		f->passages = NULL;
		f->count = 0;
	}
	doc_close(d);
	return rc;
}

/* Reads len bytes from fd before the deadline (CLOCK_MONOTONIC, ms). 1 at
 * the end of the data, -1 when time ran out or on an error. */
static int read_by(int fd, void *p, size_t len, long long deadline)
{
	for (char *c = p; len > 0;) {
		struct timespec t;
		clock_gettime(CLOCK_MONOTONIC, &t);
		long long left = deadline - ((long long)t.tv_sec * 1000 + t.tv_nsec / 1000000);
		struct pollfd in = {fd, POLLIN, 0};
		int ready = left > 0 ? poll(&in, 1, left > INT_MAX ? INT_MAX : (int)left) : 0;
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready <= 0)
			return -1;
		ssize_t r = read(fd, c, len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			return 1;
		c += r;
		len -= (size_t)r;
	}
	return 0;
}

/* Documents come from sticks, and MuPDF is large: a hostile one could
 * crash it, or make it run for ever or take all memory. So MuPDF reads
 * each in a child process, with the memory a page may take and a time
 * limit; the facts come back through a pipe. What went wrong is told as
 * the reason the document is refused. */
static int read_document(const char *path, const char *format, document_facts *f, char err[256])
{
	int fds[2];
	memset(f, 0, sizeof *f);
	if (pipe2(fds, O_CLOEXEC) != 0) {
		snprintf(err, 256, "cannot start reading it: %s", strerror(errno));
		return -1;
	}
	pid_t child = fork();
	if (child < 0) {
		snprintf(err, 256, "cannot start reading it: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (child == 0) {
		close(fds[0]);
		doc_limit_worker();
		int rc = read_here(path, format, f, err);
		int head[4] = {rc, f->pages, f->reflowable, f->count};
		int failed = files_write_all(fds[1], head, sizeof head) != 0;
		if (rc != 0)
			failed |= files_write_all(fds[1], err, 256) != 0;
		for (int i = 0; !failed && i < f->count; i++) {
			size_t n = strlen(f->passages[i]);
			failed = files_write_all(fds[1], &n, sizeof n) != 0 || files_write_all(fds[1], f->passages[i], n) != 0;
		}
		_exit(failed ? 3 : 0); /* nothing of the parent's: no atexit, no stdio */
	}
	close(fds[1]);
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	long long limit = config_int(CONFIG_READ_TIMEOUT_MS); /* 60 s: longer than any sound document takes on a Pi */
	long long deadline = (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000 + limit;
	int head[4] = {0}, got = read_by(fds[0], head, sizeof head, deadline);
	int rc = got == 0 ? head[0] : -1;
	if (got == 0 && rc != 0 && read_by(fds[0], err, 256, deadline) == 0)
		err[255] = 0;
	else if (got == 0 && rc == 0 && head[3] >= 0 && head[3] <= 10000000) {
		f->pages = head[1];
		f->reflowable = head[2];
		f->passages = calloc((size_t)head[3] + 1, sizeof *f->passages);
		for (; f->passages && f->count < head[3]; f->count++) {
			size_t n;
			if ((got = read_by(fds[0], &n, sizeof n, deadline)) != 0 || n > MAX_TEXT_SIZE ||
			    !(f->passages[f->count] = malloc(n + 1)) ||
			    (got = read_by(fds[0], f->passages[f->count], n, deadline)) != 0)
				break;
			f->passages[f->count][n] = 0;
		}
		if (!f->passages || f->count < head[3])
			rc = -1;
	}
	int timed_out = got < 0;
	if (timed_out)
		kill(child, SIGKILL);
	close(fds[0]);
	int status;
	while (waitpid(child, &status, 0) < 0 && errno == EINTR)
		;
	if (timed_out)
		snprintf(err, 256, "takes longer than %lld s to read", limit / 1000);
	else if (WIFSIGNALED(status))
		snprintf(err, 256, "cannot be read: the reader stopped on it (%s)", strsignal(WTERMSIG(status)));
	else if (rc == 0 && WEXITSTATUS(status) != 0)
		snprintf(err, 256, "cannot be read (it may need more memory than there is)");
	if (timed_out || WIFSIGNALED(status) || WEXITSTATUS(status) != 0)
		rc = -1;
	if (rc != 0) {
		free_passages(f->passages, f->count);
		memset(f, 0, sizeof *f);
	}
	return rc;
}

/* Converts a text file and stores the conversion; topics found in it join
 * the item's. */
static int convert_text(store *s, item *meta, const char *path, const char *ext, const char *name, char err[256])
{
	char why[256];
	size_t size;
	char *text = files_read(path, MAX_TEXT_SIZE, &size, why);
	convert_result conv;
	if (!text) {
		snprintf(err, 256, "file %s: %s", name, why);
		return -1;
	}
	int rc = convert_to_xhtml(text, size, ext, meta->language, &conv, why);
	free(text);
	if (rc != 0) {
		snprintf(err, 256, "file %s: %s", name, why);
		return -1;
	}
	for (int i = 0; i < conv.topic_count; i++)
		if (!item_list_has(meta->topics, meta->topic_count, conv.topics[i]))
			item_list_add(&meta->topics, &meta->topic_count, conv.topics[i]);
	rc = store_put_buffer(s, conv.xhtml, conv.len, meta->doc_sha256, err);
	meta->doc_size = (long long)conv.len;
	convert_result_free(&conv);
	snprintf(meta->format, sizeof meta->format, "xhtml");
	return rc;
}

int ingest_item(catalog *c, store *s, item *meta, int fd, const char *name,
		long long expected_size, const char *expected_sha256, char err[256])
{
	char ext[16], why[256], stored[4096];
	files_extension(name, ext);
	const char *format = doc_format_for_extension(ext);
	if (!format && !convert_handles(ext)) {
		snprintf(err, 256, "file %s: Hishatak cannot show .%s files", name, ext[0] ? ext : "(no extension)");
		return -1;
	}
	if (store_put_fd(s, fd, name, expected_size, meta->sha256, &meta->size, why) != 0) {
		snprintf(err, 256, "file %s", why);
		return -1;
	}
	if (expected_size >= 0 && meta->size != expected_size) {
		snprintf(err, 256, "file %s: size is %lld bytes, bundle.json says %lld", name, meta->size, expected_size);
		return -1;
	}
	if (expected_sha256 && expected_sha256[0] && strcmp(meta->sha256, expected_sha256) != 0) {
		snprintf(err, 256, "file %s: SHA-256 does not match", name);
		return -1;
	}
	/* From here on only the stored copy is read: the source may change. */
	if (format) {
		snprintf(meta->format, sizeof meta->format, "%s", format);
		snprintf(meta->doc_sha256, sizeof meta->doc_sha256, "%s", meta->sha256);
		meta->doc_size = meta->size;
	} else {
		store_path(s, meta->sha256, stored);
		if (convert_text(s, meta, stored, ext, name, err) != 0)
			return -1;
	}
	store_path(s, meta->doc_sha256, stored);
	document_facts facts;
	if (read_document(stored, meta->format, &facts, why) != 0) {
		snprintf(err, 256, "file %s: %s", name, why);
		return -1;
	}
	meta->reflowable = facts.reflowable;
	meta->pages = facts.pages;
	int rc = 0;
	if (catalog_put(c, meta, facts.passages, facts.count) != 0) {
		snprintf(err, 256, "%s", catalog_error(c));
		rc = -1;
	}
	free_passages(facts.passages, facts.count);
	return rc;
}
