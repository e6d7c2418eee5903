/* The kiosk on the wall is a locked room: no key, signal from a terminal,
 * or stick takes a visitor out of it, and nothing in its data folder
 * leads outside. The same keys in --windowed mode (for a desktop) do leave,
 * which shows that they reach the program. */
#include "helpers.h"

#include <signal.h>
#include <sys/stat.h>
#include <time.h>

static char out[65536];

/* A command (printf-style); its output in out. */
#define sh(...) run_fmt(out, sizeof out, __VA_ARGS__)

static int shot_exists(const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/shots/%s.png", test_dir, name);
	return access(path, F_OK) == 0;
}

#define SHORTCUTS \
	"key Alt+F4\nkey Ctrl+Q\nkey Ctrl+W\nkey Ctrl+Alt+Delete\nkey Ctrl+Alt+F2\nkey Ctrl+Alt+Backspace\n" \
	"key Alt+Tab\nkey Gui+D\nkey Ctrl+C\nkey Ctrl+Z\nkey Ctrl+Shift+T\nkey F11\nkey Gui+Tab\n"

static void test_no_key_leaves_the_kiosk_and_in_a_window_alt_f4_does(void **state)
{
	char script[512];
	snprintf(script, sizeof script, "%s/keys.txt", test_dir);
	write_text(script, "open exodus-and-return\n" SHORTCUTS "expect reader\nback\n" SHORTCUTS "expect home\nshot end\n");
	assert_int_equal(sh(HISHATAK " kiosk --data build/data --size 800x480 --script %s --shots %s/shots 2>&1", script, test_dir), 0);
	assert_true(shot_exists("end"));
	assert_int_equal(sh("rm -rf %s/shots", test_dir), 0);
	write_text(script, "key Alt+F4\nshot end\n");
	assert_int_equal(sh(HISHATAK " kiosk --windowed --data build/data --size 800x480 --script %s --shots %s/shots 2>&1", script,
			    test_dir), 0);
	assert_false(shot_exists("end"));
}

/* The state letter of /proc/PID/stat: R, S, T (stopped) ... */
static char process_state(pid_t pid)
{
	char path[64], line[512];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	char *ok = fgets(line, sizeof line, f);
	fclose(f);
	const char *paren = ok ? strrchr(line, ')') : NULL;
	return paren && paren[1] ? paren[2] : 0;
}

static void test_terminal_signals_are_ignored_and_the_system_stop_is_obeyed(void **state)
{
	char script[512], shots[512];
	snprintf(script, sizeof script, "%s/long.txt", test_dir);
	snprintf(shots, sizeof shots, "%s/shots", test_dir);
	write_text(script, "wait 900000\nshot end\n");
	mkdir(shots, 0755);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		execl(HISHATAK, "hishatak", "kiosk", "--data", "build/data", "--size", "800x480", "--script", script, "--shots",
		      shots, (char *)NULL);
		_exit(127);
	}
	struct timespec settle = {1, 0}, tick = {0, 50000000};
	nanosleep(&settle, NULL);
	const int ignored[] = {SIGINT, SIGQUIT, SIGTSTP, SIGHUP};
	for (int i = 0; i < 4; i++) {
		assert_int_equal(kill(pid, ignored[i]), 0);
		nanosleep(&tick, NULL);
		int status;
		assert_int_equal(waitpid(pid, &status, WNOHANG), 0); /* still there */
		assert_true(process_state(pid) != 'T');               /* and not stopped */
	}
	assert_int_equal(kill(pid, SIGTERM), 0);
	int status = 0, waited = 0;
	while (waitpid(pid, &status, WNOHANG) == 0 && waited++ < 200)
		nanosleep(&tick, NULL);
	if (waited >= 200) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		fail_msg("the kiosk did not stop on SIGTERM within 10 s");
	}
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_false(shot_exists("end")); /* it stopped, before its script's end */
}

/* A stick with what other systems run by themselves: none of it is run,
 * whether it is plugged in while the kiosk shows or imported by staff. */
static void test_nothing_on_a_stick_is_run(void **state)
{
	const char *marker = "/tmp/hishatak-lockdown-ran";
	unlink(marker);
	assert_int_equal(sh("mkdir -p %s/stick/evil-1/files && cd %s/stick && "
			    "for f in autorun.sh autorun.inf run.sh hishatak evil-1/hishatak evil-1/files/x.md; do "
			    "printf '#!/bin/sh\\ntouch %s\\n' > $f && chmod +x $f; done && "
			    "printf '[autorun]\\nopen=autorun.sh\\n' > autorun.inf && ln -s /bin/sh evil-1/files/shell.md && "
			    "printf '{\"format\": \"hishatak-bundle/1\", \"archive\": \"artsakh-archive\", \"sequence\": 9, "
			    "\"items\": [{\"id\": \"x\", \"kind\": \"article\", \"title\": \"$(touch %s)\", \"file\": \"files/shell.md\"}]}' "
			    "> evil-1/bundle.json",
			    test_dir, test_dir, marker, marker), 0);
	assert_int_equal(sh("cp -a build/data %s/data", test_dir), 0);
	char script[512];
	snprintf(script, sizeof script, "%s/usb.txt", test_dir);
	snprintf(out, sizeof out, "usb %s/stick\nwait 2000\nshot after\n", test_dir);
	write_text(script, out);
	assert_int_equal(sh(HISHATAK " kiosk --data %s/data --size 800x480 --script %s --shots %s/shots 2>&1", test_dir, script,
			    test_dir), 0);
	assert_int_equal(sh(HISHATAK " import --data %s/data %s/stick 2>&1", test_dir, test_dir), 1);
	assert_non_null(strstr(out, "refused"));
	assert_int_equal(access(marker, F_OK), -1);
}

/* Stored files replaced by links (to copies of themselves, elsewhere), then
 * the store's folders replaced by links: neither is followed. */
static void test_links_in_the_data_folder_are_not_followed(void **state)
{
	const char *render = HISHATAK " render --data %s/data exodus-and-return --pages 1-1 --size 400x300 --out %s/p%%d.png 2>&1";
	assert_int_equal(sh("cp -a build/data %s/data && cp -a %s/data/store %s/elsewhere", test_dir, test_dir, test_dir), 0);
	assert_int_equal(sh(render, test_dir, test_dir), 0);
	assert_int_equal(sh("cd %s/data/store && for f in */*; do ln -sf %s/elsewhere/$f $f; done", test_dir, test_dir), 0);
	assert_int_equal(sh(render, test_dir, test_dir), 1);
	assert_int_equal(sh(HISHATAK " verify --data %s/data 2>&1", test_dir), 1);
	assert_int_equal(sh("cd %s/data/store && for d in *; do rm -rf $d && ln -s %s/elsewhere/$d $d; done", test_dir, test_dir), 0);
	assert_int_equal(sh(render, test_dir, test_dir), 1);
	/* Real folders again, and it is shown. */
	assert_int_equal(sh("rm -rf %s/data/store && cp -a %s/elsewhere %s/data/store", test_dir, test_dir, test_dir), 0);
	assert_int_equal(sh(render, test_dir, test_dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_no_key_leaves_the_kiosk_and_in_a_window_alt_f4_does, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_terminal_signals_are_ignored_and_the_system_stop_is_obeyed, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_nothing_on_a_stick_is_run, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_links_in_the_data_folder_are_not_followed, setup_test_dir, teardown_test_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
