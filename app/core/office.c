/* LibreOffice conversions: see office.h. soffice is exec'd with a profile
 * of its own in a temporary folder (so that a LibreOffice the archivist
 * has open does not take the job, or lock it), its output thrown away,
 * and killed when it takes longer than two minutes. */
#include "core/office.h"
#include "core/config.h"
#include "core/files.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define TIMEOUT_S 120

static const char *program(void)
{
	const char *p = config_string(CONFIG_SOFFICE);
	return p[0] ? p : "soffice";
}

int office_available(void)
{
	const char *p = program();
	if (strchr(p, '/'))
		return access(p, X_OK) == 0;
	const char *path = getenv("PATH");
	char dir[4096], file[4200];
	for (const char *s = path ? path : "/usr/bin:/bin"; *s;) {
		size_t n = strcspn(s, ":");
		snprintf(dir, sizeof dir, "%.*s", (int)n, s);
		snprintf(file, sizeof file, "%s/%s", n ? dir : ".", p);
		if (access(file, X_OK) == 0)
			return 1;
		s += n + (s[n] == ':');
	}
	return 0;
}

/* Waits for pid, killing it after TIMEOUT_S; its exit status, or -1. */
static int wait_for(pid_t pid)
{
	struct timespec tick = {0, 50 * 1000 * 1000};
	for (int waited = 0; waited < TIMEOUT_S * 20; waited++) {
		int status;
		pid_t got = waitpid(pid, &status, WNOHANG);
		if (got == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		if (got < 0)
			return -1;
		nanosleep(&tick, NULL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return -2;
}

int office_convert(const char *src, const char *to, const char *out_dir, char made[4096], char why[512])
{
	char profile[] = "/tmp/hishatak-office-XXXXXX", profile_url[256];
	/* csv: LibreOffice's Text CSV filter with its options: comma (44),
	 * double quotes (34), UTF-8 (76); pdf: Writer's PDF export. */
	const char *filter = strcmp(to, "csv") == 0 ? "csv:Text - txt - csv (StarCalc):44,34,76" : "pdf";
	made[0] = 0;
	if (!mkdtemp(profile)) {
		snprintf(why, 512, "cannot make a folder for LibreOffice in /tmp");
		return -1;
	}
	snprintf(profile_url, sizeof profile_url, "-env:UserInstallation=file://%s", profile);
	char *argv[] = {(char *)program(), "--headless", "--norestore", "--nolockcheck", profile_url, "--convert-to",
			(char *)filter, "--outdir", (char *)out_dir, (char *)src, NULL};
	posix_spawn_file_actions_t io;
	posix_spawn_file_actions_init(&io);
	posix_spawn_file_actions_addopen(&io, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&io, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&io, 2, "/dev/null", O_WRONLY, 0);
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], &io, NULL, argv, environ) == 0 ? wait_for(pid) : -3;
	posix_spawn_file_actions_destroy(&io);
	files_remove_tree(profile);

	/* LibreOffice names the result after the source, with the new extension. */
	const char *base = strrchr(src, '/') ? strrchr(src, '/') + 1 : src, *dot = strrchr(base, '.');
	int stem = dot ? (int)(dot - base) : (int)strlen(base);
	snprintf(made, 4096, "%s/%.*s.%s", out_dir, stem, base, to);
	struct stat st;
	if (rc == 0 && stat(made, &st) == 0 && st.st_size > 0)
		return 0;
	snprintf(why, 512, "LibreOffice could not convert it to %s (%s)", to,
		 rc == -3 ? "cannot run soffice"
		 : rc == -2 ? "it took longer than 2 minutes"
			    : "is the file damaged, or password-protected?");
	remove(made);
	made[0] = 0;
	return -1;
}
