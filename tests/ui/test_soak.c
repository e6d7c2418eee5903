/* The soak: one kiosk run through a long random session (touches, swipes,
 * pinches, long presses, typing, keys, idle periods, sticks, every screen
 * and the PIN), on a copy of the default archive. It must run to its end
 * with no fault, and (not under the sanitizers, whose memory grows by
 * design) its memory must stay flat: what it holds after the first fifth
 * of the session may not grow by more than SOAK_GROWTH_MB by the end.
 *   HISHATAK_SOAK_COMMANDS  how many commands (1000 in make test)
 *   HISHATAK_SOAK_SEED      the random session (the same seed, the same one)
 *   HISHATAK_SOAK_SHOTS=N   a screenshot every N commands, to look at
 *                           (with HISHATAK_KEEP_TEST_DIR=1)
 * The script is left in the test folder when it fails. */
#include "helpers.h"

#include <signal.h>
#include <sys/stat.h>
#include <time.h>

#define SOAK_GROWTH_MB 24

static unsigned next_random(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 8) & 0xFFFFFF;
}

static int below(unsigned *seed, int n)
{
	return (int)(next_random(seed) % (unsigned)n);
}

/* Screens reached from Home by their buttons at 800x480 (as test_kiosk
 * knows them); Escape goes back a screen, three of them to Home. */
#define HOME "key Escape\nkey Escape\nkey Escape\n"
static const char *const routes[] = {
	HOME "tap 97 180\n",   /* Search (under the archive's sentence) */
	HOME "tap 272 180\n",  /* Browse */
	HOME "tap 97 256\n",   /* Timeline */
	HOME "tap 272 256\n",  /* Topics */
	HOME "tap 97 368\n",   /* Reports */
	HOME "tap 620 250\n",  /* the first collection */
	HOME "tap 438 34\n",   /* Listen */
	"tap 548 34\n",        /* the access panel */
	"tap 682 46\n",   /* Armenian */
	"tap 752 46\n",   /* Russian */
	"tap 612 46\n",   /* English */
	"back\n",
	"key Escape\n",
};

static const char *const items[] = {"what-can-be-done-now", "exodus-and-return", "call-for-action-2022-11",
				    "ker-lindsay-nagorno-karabakh", "reverse-ethnic-cleansing-part-2"};
static const char *const words[] = {"Lachin", "Արցախ", "беженцы", "ethnic cleansing", "a", "zzzz", "1994", "\"",
				    "Ստեփանակերտ"};
static const char *const keys[] = {"Right", "Left", "Up", "Down", "Return", "Escape", "Tab", "Backspace", "Space",
				   "PageDown", "Home", "F4", "F11", "Q"};

/* One random command (or a few that belong together) for a W x H window. */
static void random_command(FILE *f, unsigned *seed, int w, int h, const char *stick)
{
	int r = below(seed, 1000);
	if (r < 380)
		fprintf(f, "tap %d %d\n", below(seed, w), below(seed, h));
	else if (r < 480)
		fprintf(f, "swipe %d %d %d %d %d\n", below(seed, w), below(seed, h), below(seed, w), below(seed, h),
			50 + below(seed, 600));
	else if (r < 520)
		fprintf(f, "pinch %d %d %.2f\n", below(seed, w), below(seed, h), 0.3 + below(seed, 300) / 100.0);
	else if (r < 560)
		fprintf(f, "longpress %d %d %d\n", below(seed, w), below(seed, h), 300 + below(seed, 1500));
	else if (r < 600)
		fprintf(f, "type %s\n", words[below(seed, sizeof words / sizeof *words)]);
	else if (r < 660)
		fprintf(f, "key %s\n", keys[below(seed, sizeof keys / sizeof *keys)]);
	else if (r < 850)
		fputs(routes[below(seed, sizeof routes / sizeof *routes)], f);
	else if (r < 880)
		fprintf(f, "open %s\n", items[below(seed, sizeof items / sizeof *items)]);
	else if (r < 950)
		fprintf(f, "wait %d\n", below(seed, 2000));
	else if (r < 985)
		fprintf(f, "idle %d\n", 1 + below(seed, 400)); /* up to the attract loop and back */
	else if (r < 995)
		fprintf(f, "usb %s\nwait 1500\nback\n", stick);
	else /* Admin, through the PIN, and out again before a tap can quit */
		fputs("longpress 8 8 5200\ntap 599 432\ntap 599 432\ntap 599 432\ntap 599 432\ntap 683 432\n"
		      "wait 200\nkey Escape\nkey Escape\n", f);
}

/* The kiosk's resident memory in kB, or -1 when it has gone. */
static long resident_kb(pid_t pid)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	long kb = -1;
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "VmRSS:", 6) == 0)
			kb = atol(line + 6);
	if (f)
		fclose(f);
	return kb;
}

static void test_a_long_random_session_leaves_no_fault_and_no_growth(void **state)
{
	const char *env = getenv("HISHATAK_SOAK_COMMANDS");
	int commands = env && atoi(env) > 0 ? atoi(env) : 1000;
	env = getenv("HISHATAK_SOAK_SEED");
	unsigned seed = env ? (unsigned)atol(env) : 20261201u, first_seed = seed;
	int sanitized = strstr(HISHATAK, "sanitize") != NULL;
	char cmd[2048], script[512], stick[512];

	/* A copy of the archive (Admin and imports may change it) and a stick
	 * whose bundle is already applied, so a plugged stick says so. */
	snprintf(cmd, sizeof cmd, "cp -a build/data %s/data && mkdir -p %s/stick && cp -a build/bundles/. %s/stick/", test_dir,
		 test_dir, test_dir);
	assert_int_equal(system(cmd), 0);
	snprintf(stick, sizeof stick, "%s/stick", test_dir);
	snprintf(script, sizeof script, "%s/soak.txt", test_dir);
	FILE *f = fopen(script, "w");
	assert_non_null(f);
	env = getenv("HISHATAK_SOAK_SHOTS");
	int shots_every = env ? atoi(env) : 0;
	for (int i = 0; i < commands; i++) {
		random_command(f, &seed, 800, 480, stick);
		if (shots_every > 0 && i % shots_every == 0)
			fprintf(f, "shot s%05d\n", i);
	}
	fprintf(f, "key Escape\nidle 600\nexpect attract\nshot end\n");
	fclose(f);

	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char data[512], shots[512];
		snprintf(data, sizeof data, "%s/data", test_dir);
		snprintf(shots, sizeof shots, "%s/shots", test_dir);
		mkdir(shots, 0755);
		setenv("SDL_AUDIODRIVER", "dummy", 1);
		execl(HISHATAK, "hishatak", "kiosk", "--data", data, "--size", "800x480", "--script", script, "--shots", shots,
		      (char *)NULL);
		_exit(127);
	}
	/* Resident memory, once a tenth of a second, until the kiosk ends. */
	long samples[1 << 16];
	int n = 0, status;
	struct timespec tenth = {0, 100000000}, t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (waitpid(pid, &status, WNOHANG) == 0) {
		long kb = resident_kb(pid);
		if (kb > 0 && n < (int)(sizeof samples / sizeof *samples))
			samples[n++] = kb;
		nanosleep(&tenth, NULL);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	char end[512];
	snprintf(end, sizeof end, "%s/shots/end.png", test_dir);
	int ended = access(end, F_OK) == 0;
	long settled = n > 10 ? samples[n / 5] : 0, last = n > 0 ? samples[n - 1] : 0, peak = 0;
	for (int i = 0; i < n; i++)
		peak = samples[i] > peak ? samples[i] : peak;
	fprintf(stderr, "soak: %d random commands (seed %u) in %.0f s: exit %d; memory %ld MB after a fifth, %ld MB at the end, "
		"%ld MB at most%s\n", commands, first_seed, seconds, WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status),
		settled / 1024, last / 1024, peak / 1024, sanitized ? " (sanitizers: not judged)" : "");
	fprintf(stderr, "soak: memory at each tenth of the session (MB):");
	for (int i = 1; i <= 10 && n > 10; i++)
		fprintf(stderr, " %ld", samples[n * i / 10 - 1] / 1024);
	fprintf(stderr, "\n");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !ended) {
		snprintf(cmd, sizeof cmd, "cp %s /tmp/hishatak-soak-failed.txt", script);
		assert_int_equal(system(cmd), 0);
		fail_msg("the kiosk did not run the session to its end (script kept in /tmp/hishatak-soak-failed.txt)");
	}
	if (!sanitized)
		assert_true(last - settled < SOAK_GROWTH_MB * 1024);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_long_random_session_leaves_no_fault_and_no_growth, setup_test_dir,
						teardown_test_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
