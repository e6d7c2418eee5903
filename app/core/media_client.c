/* The media worker's client: see media_client.h. */
#include "core/media_client.h"
#include "core/config.h"
#include "core/files.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
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

int media_play_start(const char *program, const char *path, int rate, int picture_w, int *to, pid_t *pid)
{
	int out[2], in[2];
	char hz[16], wide[16];
	snprintf(hz, sizeof hz, "%d", rate);
	snprintf(wide, sizeof wide, "%d", picture_w);
	if (pipe2(out, O_CLOEXEC) != 0)
		return -1;
	/* The commands' way is a socket: a write to a worker that died fails
	 * (MSG_NOSIGNAL) rather than ending the kiosk with SIGPIPE. */
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in) != 0) {
		close(out[0]);
		close(out[1]);
		return -1;
	}
	*pid = fork();
	if (*pid == 0) { /* the kiosk has threads: only exec from here */
		dup2(in[0], 0);
		dup2(out[1], 1);
		execl(program, "hishatak-media", "play", path, hz, wide, (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	close(in[0]);
	if (*pid < 0) {
		close(out[0]);
		close(in[1]);
		return -1;
	}
	*to = in[1];
	return out[0];
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

void media_play_stop(int from, int to, pid_t pid)
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
}
