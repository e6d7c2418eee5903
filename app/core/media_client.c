/* The media worker's client: see media_client.h. */
#include "core/media_client.h"
#include "core/config.h"
#include "core/files.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define POSTER_MAX (8u << 20)

void media_client_program(const char *program, char out[4096])
{
	char exe[4096];
	ssize_t n;
	if (!program || strcmp(program, "/proc/self/exe") == 0) {
		n = readlink("/proc/self/exe", exe, sizeof exe - 1);
		exe[n > 0 ? n : 0] = 0;
		program = exe;
	}
	const char *slash = strrchr(program, '/');
	int folder = slash ? (int)(slash - program) + 1 : 0; /* with its slash */
	snprintf(out, 4096, "%.*shishatak-media", folder, program);
}

int media_probe_file(const char *program, const char *path, const char *name, media_facts *f, unsigned char **png,
		     size_t *png_len, char err[256])
{
	int out[2];
	*png = NULL;
	if (pipe2(out, O_CLOEXEC) != 0) {
		snprintf(err, 256, "cannot start reading it: %s", strerror(errno));
		return -1;
	}
	pid_t pid = fork();
	if (pid == 0) { /* the caller may have threads: only exec from here */
		dup2(out[1], 1);
		execl(program, "hishatak-media", "probe", path, name, (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	if (pid < 0) {
		close(out[0]);
		snprintf(err, 256, "cannot start reading it: %s", strerror(errno));
		return -1;
	}
	long long deadline = files_now_ms() + config_int(CONFIG_READ_TIMEOUT_MS);
	media_answer a;
	int got = files_read_by(out[0], &a, sizeof a, deadline);
	int nonsense = got == 0 && (a.png_len < 0 || a.png_len > POSTER_MAX || (a.rc == 0 && a.png_len == 0));
	if (got == 0 && !nonsense && a.rc == 0) {
		if (!(*png = malloc((size_t)a.png_len)))
			nonsense = 1;
		else
			got = files_read_by(out[0], *png, (size_t)a.png_len, deadline);
	}
	close(out[0]);
	int status = 0;
	if (got != 0 || nonsense)
		kill(pid, SIGKILL); /* it holds nothing worth saving */
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (got != 0 || nonsense) {
		free(*png);
		*png = NULL;
		if (got < 0)
			snprintf(err, 256, "takes longer than %lld s to read", (long long)config_int(CONFIG_READ_TIMEOUT_MS) / 1000);
		else if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL)
			snprintf(err, 256, "cannot be read: the reader stopped on it (%s)", strsignal(WTERMSIG(status)));
		else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			snprintf(err, 256, "cannot start reading it: %s did not start", program);
		else
			snprintf(err, 256, "cannot be read (it may need more memory than there is)");
		return -1;
	}
	a.error[sizeof a.error - 1] = 0;
	if (a.rc != 0) {
		snprintf(err, 256, "%s", a.error);
		return -1;
	}
	*f = a.facts;
	*png_len = (size_t)a.png_len;
	return 0;
}

/* The ring's first page holds three counters: the slots in use (a bit
 * each), the picture records read, and the changes to either, on which the
 * worker waits (a futex: the client only ever wakes it, so that a worker
 * gone wrong cannot make the kiosk wait); the slots follow. */
#define RING_HEAD 4096
enum { IN_USE, READS, CHANGES };
_Static_assert(MEDIA_RING_SLOTS <= 32, "a bit of IN_USE for each slot");

int media_ring_map(media_ring *r, int fd, int picture_w)
{
	r->slot_bytes = (size_t)picture_w * (size_t)picture_w * 3 / 2;
	r->size = RING_HEAD + MEDIA_RING_SLOTS * r->slot_bytes;
	r->base = mmap(NULL, r->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (r->base == MAP_FAILED) {
		r->base = NULL;
		return -1;
	}
	return 0;
}

void media_ring_unmap(media_ring *r)
{
	if (r && r->base)
		munmap(r->base, r->size);
	if (r)
		r->base = NULL;
}

static _Atomic unsigned *counter(const media_ring *r, int which)
{
	return (_Atomic unsigned *)(void *)r->base + which;
}

static void changed(media_ring *r)
{
	atomic_fetch_add(counter(r, CHANGES), 1u);
	syscall(SYS_futex, counter(r, CHANGES), FUTEX_WAKE, 1, NULL, NULL, 0);
}

unsigned char *media_ring_slot(const media_ring *r, int slot)
{
	return r->base + RING_HEAD + (size_t)slot * r->slot_bytes;
}

int media_ring_take(media_ring *r, unsigned sent, int (*interrupted)(void *ctx), void *ctx)
{
	for (;;) {
		unsigned changes = atomic_load(counter(r, CHANGES));
		unsigned used = atomic_load(counter(r, IN_USE));
		if (sent - atomic_load(counter(r, READS)) <= 1)
			for (int slot = 0; slot < MEDIA_RING_SLOTS; slot++)
				if (!(used & 1u << slot)) {
					atomic_fetch_or(counter(r, IN_USE), 1u << slot); /* only the worker sets bits */
					return slot;
				}
		if (interrupted(ctx))
			return -1;
		struct timespec most = {0, 20000000}; /* then a look at the commands */
		syscall(SYS_futex, counter(r, CHANGES), FUTEX_WAIT, changes, &most, NULL, 0);
	}
}

void media_ring_release(media_ring *r, int slot)
{
	atomic_fetch_and(counter(r, IN_USE), ~(1u << slot));
	changed(r);
}

void media_ring_read(media_ring *r)
{
	atomic_fetch_add(counter(r, READS), 1u);
	changed(r);
}

int media_play_start(const char *program, const char *path, int rate, int picture_w, int *to, pid_t *pid,
		     media_ring *ring)
{
	int out[2], in[2], shared = -1;
	char hz[16], wide[16];
	snprintf(hz, sizeof hz, "%d", rate);
	snprintf(wide, sizeof wide, "%d", picture_w);
	if (ring)
		ring->base = NULL;
	if (picture_w > 0 && ring) {
		size_t bytes = RING_HEAD + MEDIA_RING_SLOTS * (size_t)picture_w * (size_t)picture_w * 3 / 2;
		/* Sealed at its size: a worker taken over by a hostile file cannot
		 * shrink it under the kiosk's mapping (a SIGBUS here). */
		shared = memfd_create("hishatak-pictures", MFD_CLOEXEC | MFD_ALLOW_SEALING);
		if (shared < 0 || ftruncate(shared, (off_t)bytes) != 0 ||
		    fcntl(shared, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) != 0 ||
		    media_ring_map(ring, shared, picture_w) != 0) {
			if (shared >= 0)
				close(shared);
			return -1;
		}
	}
	if (pipe2(out, O_CLOEXEC) != 0)
		goto fail;
	/* The commands' way is a socket: a write to a worker that died fails
	 * (MSG_NOSIGNAL) rather than ending the kiosk with SIGPIPE. */
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in) != 0) {
		close(out[0]);
		close(out[1]);
		goto fail;
	}
	*pid = fork();
	if (*pid == 0) { /* the kiosk has threads: only exec from here */
		dup2(in[0], 0);
		dup2(out[1], 1);
		if (shared == 3) /* the ring is the worker's fd 3, kept open across exec */
			fcntl(3, F_SETFD, 0);
		else if (shared >= 0)
			dup2(shared, 3);
		execl(program, "hishatak-media", "play", path, hz, wide, (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	close(in[0]);
	if (*pid < 0) {
		close(out[0]);
		close(in[1]);
		goto fail;
	}
	if (shared >= 0)
		close(shared); /* the mapping stays */
	*to = in[1];
	return out[0];
fail:
	if (shared >= 0)
		close(shared);
	media_ring_unmap(ring);
	return -1;
}

int media_play_command(int to, int number, long long ms)
{
	media_command c = {number, 0, ms};
	/* Sixteen bytes: sent whole, or not at all. */
	ssize_t n;
	while ((n = send(to, &c, sizeof c, MSG_NOSIGNAL)) < 0 && errno == EINTR)
		;
	return n == (ssize_t)sizeof c ? 0 : -1;
}

void media_play_stop(int from, int to, pid_t pid, media_ring *ring)
{
	if (to >= 0)
		close(to);
	if (from >= 0)
		close(from);
	if (pid > 0) {
		kill(pid, SIGKILL);
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	media_ring_unmap(ring);
}
