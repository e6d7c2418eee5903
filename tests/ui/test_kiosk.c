/* The kiosk, run headless with scripts as a person would use it: real SDL
 * touch and key events, screenshots checked as images. */
#include "pixels.h"
#include "core/catalog.h"
#include "core/convert.h"
#include "core/doc.h"
#include "core/files.h"

#include <dirent.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include <time.h>
#include <zlib.h>

static char out[65536];
/* A copy of the default archive (build/data) that the tests' kiosks count
 * their visits in, made once: build/data is the developer's own. */
static char archive[256];

/* Runs a script on the default archive; returns the kiosk's exit status. */
static int kiosk(const char *size, const char *lang, const char *script, const char *data)
{
	char path[512], cmd[2048];
	snprintf(path, sizeof path, "%s/script.txt", test_dir);
	write_text(path, script);
	snprintf(cmd, sizeof cmd, "HISHATAK_CHECK_LAYOUT=1 " HISHATAK " kiosk --data %s --size %s --lang %s --script %s --shots %s/shots 2>&1",
		 data ? data : archive, size, lang, path, test_dir);
	return run(cmd, out, sizeof out);
}

static SDL_Surface *shot(const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/shots/%s.png", test_dir, name);
	return png_load(path);
}

static int marker_yellow(const Uint8 *p)
{
	return p[0] > 200 && p[1] > 180 && p[2] < 120;
}

static int paper_white(const Uint8 *p)
{
	return p[0] > 250 && p[1] > 250 && p[2] > 250;
}

/* Pixels of rows y0 to y1 (not included) whose colour passes is. */
static int count_pixels(SDL_Surface *s, int y0, int y1, int (*is)(const Uint8 *))
{
	int n = 0;
	for (int y = y0; y < y1; y++)
		for (int x = 0; x < s->w; x++)
			n += is((Uint8 *)s->pixels + y * s->pitch + x * s->format->BytesPerPixel);
	return n;
}

/* Home, a document's first and second page, back home: at each size and in
 * English and Armenian. */
static void check_session(const char *size, const char *lang)
{
	int w, h;
	sscanf(size, "%dx%d", &w, &h);
	int rc = kiosk(size, lang,
		       "expect home\nshot home\n"
		       "open what-can-be-done-now\nkey Right\nexpect reader\nshot page1\n"
		       "key Right\nshot page2\n"
		       "back\nexpect home\n", NULL);
	if (rc != 0)
		fail_msg("kiosk %s %s: exit %d: %s", size, lang, rc, out);
	SDL_Surface *home = shot("home"), *page1 = shot("page1"), *page2 = shot("page2");
	assert_int_equal(home->w, w);
	assert_int_equal(home->h, h);
	assert_int_equal(page1->w, w);
	assert_true(png_colours(home) > 20);  /* not blank: text, thumbnails */
	assert_true(png_colours(page1) > 20);
	assert_true(png_difference(home, page1) > 0.3);
	assert_true(png_difference(page1, page2) > 0.02);
	SDL_FreeSurface(home);
	SDL_FreeSurface(page1);
	SDL_FreeSurface(page2);
}

static void test_a_small_screen_session_in_english(void **state)
{
	check_session("800x480", "en");
}

static void test_a_small_screen_session_in_armenian(void **state)
{
	check_session("800x480", "hy");
}

static void test_a_large_screen_session_in_english(void **state)
{
	check_session("1920x1080", "en");
}

static void test_a_portrait_screen_session_in_armenian(void **state)
{
	check_session("1080x1920", "hy");
}

static void test_the_language_buttons_change_the_words_on_screen(void **state)
{
	/* The three language buttons sit at the right of the header. */
	assert_int_equal(kiosk("800x480", "en", "shot en\ntap \"Հայերեն\"\nshot hy\ntap \"Русский\"\nshot ru\n", NULL), 0);
	SDL_Surface *en = shot("en"), *hy = shot("hy"), *ru = shot("ru");
	assert_true(png_difference(en, hy) > 0.005);
	assert_true(png_difference(hy, ru) > 0.005);
	SDL_FreeSurface(en);
	SDL_FreeSurface(hy);
	SDL_FreeSurface(ru);
}

static void test_a_tap_on_a_tile_opens_it_and_swipes_turn_pages(void **state)
{
	int rc = kiosk("800x480", "en",
		       "tap \"Browse all\"\nexpect browse\ntap 500 300\nexpect cover\nkey Right\nexpect reader\nshot first\n"
		       "swipe 700 240 100 240 250\nshot second\n"
		       "swipe 100 240 700 240 250\nshot first-again\n"
		       "tap \"›\"\nshot second-by-button\n", NULL);
	if (rc != 0)
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *first = shot("first"), *second = shot("second"), *again = shot("first-again"), *button = shot("second-by-button");
	assert_true(png_difference(first, second) > 0.02);
	assert_true(png_difference(first, again) < 0.001);
	assert_true(png_difference(second, button) < 0.001);
	SDL_FreeSurface(first);
	SDL_FreeSurface(second);
	SDL_FreeSurface(again);
	SDL_FreeSurface(button);
}

static void test_an_item_with_a_content_note_opens_to_the_note_first(void **state)
{
	/* On 800x480 the note's buttons are at the bottom of its card. */
	int rc = kiosk("800x480", "en",
		       "open call-for-action-2022-11\nexpect note\nshot note\n"
		       "tap \"Go back\"\nexpect home\n"
		       "open call-for-action-2022-11\ntap \"Open the document\"\nexpect reader\n"
		       "key Escape\nexpect home\n", NULL);
	if (rc != 0)
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *note = shot("note");
	assert_true(png_colours(note) > 10);
	SDL_FreeSurface(note);
}

static void test_a_failed_expect_exits_1_with_its_line(void **state)
{
	assert_int_equal(kiosk("800x480", "en", "# comment\nexpect home\nexpect reader\n", NULL), 1);
	assert_non_null(strstr(out, "script.txt:3: expected reader, the kiosk shows home"));
}

/* tap "LABEL" finds the button by its words in the kiosk's language; a
 * label that is not on the screen fails with the line and the labels that
 * are. */
static void test_a_tap_by_label_presses_that_button_or_fails_with_its_line(void **state)
{
	assert_int_equal(kiosk("800x480", "ru", "expect home\ntap \"Хронология\"\nexpect timeline\n", NULL), 0);
	assert_int_equal(kiosk("800x480", "en", "expect home\ntap \"Timeline\"\nexpect timeline\ntap \"Timeline\"\n", NULL), 1);
	assert_non_null(strstr(out, "script.txt:4: no touch target \"Timeline\" on the timeline screen"));
	assert_non_null(strstr(out, "\"Back\""));
	assert_int_equal(kiosk("800x480", "en", "tap \"Search\"\nexpect search\nlongpress \"Hide\" 100\nexpect search\n", NULL), 0);
	assert_int_equal(kiosk("800x480", "en", "tap \"Search\n", NULL), 2);
	assert_int_equal(kiosk("800x480", "en", "longpress \"Search\"\n", NULL), 2);
}

/* Without a script the kiosk needs a screen: where SDL can only give a
 * window nobody sees, it says what to do in one line and exits 2 (timeout
 * would end a kiosk that ran on, invisible, with 124). */
static void test_without_a_display_the_kiosk_says_so_and_exits_2(void **state)
{
	const char *drivers[] = {"offscreen", "dummy"};
	for (int i = 0; i < 2; i++) {
		char cmd[1024];
		snprintf(cmd, sizeof cmd, "SDL_VIDEODRIVER=%s timeout 20 " HISHATAK " kiosk --data build/data 2>&1", drivers[i]);
		assert_int_equal(run(cmd, out, sizeof out), 2);
		assert_non_null(strstr(out, "no display to show the kiosk on"));
		assert_non_null(strstr(out, "--script FILE --shots DIR"));
		assert_int_equal(count(out, "\n"), 1);
	}
}

static void test_a_bad_script_exits_2_before_anything_runs(void **state)
{
	assert_int_equal(kiosk("800x480", "en", "shot before\ntap 10\n", NULL), 2);
	assert_non_null(strstr(out, ":2:"));
	char path[512];
	snprintf(path, sizeof path, "%s/shots/before.png", test_dir);
	assert_int_not_equal(access(path, F_OK), 0);
	assert_int_equal(kiosk("800x480", "en", "expect nowhere\n", NULL), 2);
	assert_int_equal(kiosk("800x480", "en", "key NoSuchKey\n", NULL), 2);
}

static void test_a_missing_archive_shows_a_notice_instead_of_crashing(void **state)
{
	assert_int_equal(kiosk("800x480", "en", "expect home\nshot notice\n", "/nonexistent/archive"), 0);
	SDL_Surface *s = shot("notice");
	assert_true(png_colours(s) > 5);
	SDL_FreeSurface(s);
}

static void test_a_document_whose_file_is_gone_says_so_on_its_page(void **state)
{
	char cmd[1024], data[512];
	snprintf(data, sizeof data, "%s/data", test_dir);
	snprintf(cmd, sizeof cmd, "cp -r build/data %s && rm -rf %s/store/*", data, data);
	assert_int_equal(run(cmd, NULL, 0), 0);
	assert_int_equal(kiosk("800x480", "en", "shot home\nopen exodus-and-return\nkey Right\nexpect reader\nshot gone\nback\nexpect home\n", data), 0);
	SDL_Surface *home = shot("home"), *gone = shot("gone");
	assert_true(png_colours(gone) > 5); /* the notice, on the reader's bars */
	assert_true(png_difference(home, gone) > 0.3);
	SDL_FreeSurface(home);
	SDL_FreeSurface(gone);
}

/* A stick with a signed bundle of four documents for the default archive,
 * in test_dir/stick, and a copy of the default archive in test_dir/data. */
static void make_stick(void)
{
	char cmd[2048];
	snprintf(cmd, sizeof cmd,
		 "cd %s && cp -a %s/build/data data && mkdir src && "
		 "for i in 1 2 3 4; do cp %s/archive/files/exodus-and-return.md src/d$i.md && echo \"Copy $i.\" >> src/d$i.md; done && "
		 "(echo 'id,kind,file,title,title_hy'; for i in 1 2 3 4; do echo \"new-$i,article,d$i.md,New document $i,Նոր փաստաթուղթ $i\"; done) > src/items.csv && "
		 "%s/" HISHATAK " bundle --archive artsakh-archive --sequence 2 --key %s/build/keys/archive.key src stick >/dev/null 2>&1",
		 test_dir, getenv("PWD"), getenv("PWD"), getenv("PWD"), getenv("PWD"));
	assert_int_equal(run(cmd, NULL, 0), 0);
}

static int listed(const char *data)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, HISHATAK " list --data %s --json | grep -c '\"id\": '", data);
	run(cmd, out, sizeof out);
	return atoi(out);
}

static void check_import(const char *size, const char *lang)
{
	char script[1024], data[512];
	make_stick();
	snprintf(data, sizeof data, "%s/data", test_dir);
	snprintf(script, sizeof script,
		 "open what-can-be-done-now\nkey Right\nshot page2\n"
		 "usb %s/stick\nshot progress\nexpect import\n"
		 "wait 1000\nexpect import\nshot result\n"
		 "back\nexpect reader\nshot after\n", test_dir);
	int rc = kiosk(size, lang, script, data);
	if (rc != 0)
		fail_msg("kiosk %s %s: exit %d: %s", size, lang, rc, out);
	SDL_Surface *page2 = shot("page2"), *progress = shot("progress"), *result = shot("result"), *after = shot("after");
	assert_true(png_difference(page2, progress) > 0.3);
	assert_true(png_difference(progress, result) > 0.02); /* the bar gave way to the result */
	assert_true(png_difference(page2, after) < 0.01);     /* back on the same page */
	SDL_FreeSurface(page2);
	SDL_FreeSurface(progress);
	SDL_FreeSurface(result);
	SDL_FreeSurface(after);
	assert_int_equal(listed(data), 10);
}

static void test_a_stick_is_imported_with_progress_and_the_reader_comes_back(void **state)
{
	check_import("800x480", "en");
}

static void test_a_stick_is_imported_on_a_portrait_screen_in_armenian(void **state)
{
	check_import("1080x1920", "hy");
}

/* A stick whose bundle (sequence 2) withdraws items: written as the format
 * says and signed with the default archive's key. */
static void withdrawal_stick(const char *ids)
{
	char cmd[2048], items[512] = "";
	for (const char *p = ids; *p;) {
		size_t n = strcspn(p, " ");
		snprintf(items + strlen(items), sizeof items - strlen(items), "%s{\"id\": \"%.*s\", \"withdraw\": true}",
			 items[0] ? ", " : "", (int)n, p);
		p += n + (p[n] == ' ');
	}
	snprintf(cmd, sizeof cmd,
		 "cd %s && rm -rf data stick && cp -a %s/build/data data && mkdir -p stick/w && printf '%%s' '{\"format\": "
		 "\"hishatak-bundle/1\", \"archive\": \"artsakh-archive\", \"sequence\": 2, \"created\": "
		 "\"2026-11-20T09:30:00Z\", \"items\": [%s]}' > stick/w/bundle.json && "
		 "minisign -S -s %s/build/keys/archive.key -m stick/w/bundle.json >/dev/null",
		 test_dir, getenv("PWD"), items, getenv("PWD"));
	assert_int_equal(run(cmd, NULL, 0), 0);
}

/* Plugs the stick in with a document open; the result goes to shot NAME. */
static int import_result(const char *data, const char *size, const char *lang, const char *name)
{
	char script[1024];
	snprintf(script, sizeof script, "open what-can-be-done-now\nusb %s/stick\nwait 1000\nexpect import\nshot %s\n", test_dir,
		 name);
	return kiosk(size, lang, script, data);
}

static void test_a_withdrawal_of_an_id_the_kiosk_does_not_hold_is_said_on_the_result(void **state)
{
	char data[512];
	snprintf(data, sizeof data, "%s/data", test_dir);
	withdrawal_stick("exodus-and-return");
	assert_int_equal(import_result(data, "800x480", "en", "held"), 0);
	assert_int_equal(listed(data), 5);
	withdrawal_stick("exodus-and-return exodus-and-retrun");
	assert_int_equal(import_result(data, "800x480", "en", "not-held"), 0);
	assert_int_equal(listed(data), 5);
	SDL_Surface *held = shot("held"), *not_held = shot("not-held");
	assert_true(png_difference(held, not_held) > 0.002); /* the line saying nothing was withdrawn for it */
	SDL_FreeSurface(held);
	SDL_FreeSurface(not_held);
	char cmd[512];
	snprintf(cmd, sizeof cmd, HISHATAK " log --data %s", data);
	run(cmd, out, sizeof out);
	assert_non_null(strstr(out, "not withdrawn, not in this archive: exodus-and-retrun"));
	assert_non_null(strstr(out, "withdrawn exodus-and-return"));
	withdrawal_stick("exodus-and-return exodus-and-retrun");
	assert_int_equal(import_result(data, "1080x1920", "hy", "not-held-hy"), 0);
}

static void test_a_refused_stick_says_so_and_changes_nothing(void **state)
{
	char script[1024], data[512], cmd[1024];
	make_stick();
	snprintf(cmd, sizeof cmd, "sed -i 's/New document 2/Forged/' %s/stick/artsakh-archive-2/bundle.json && mkdir %s/photos",
		 test_dir, test_dir);
	assert_int_equal(run(cmd, NULL, 0), 0);
	snprintf(data, sizeof data, "%s/data", test_dir);
	snprintf(script, sizeof script,
		 "shot home\nusb %s/photos\nexpect home\n" /* a stick without bundles: nothing happens */
		 "usb %s/stick\nwait 100\nexpect import\nshot refused\nback\nexpect home\n", test_dir, test_dir);
	assert_int_equal(kiosk("800x480", "en", script, data), 0);
	SDL_Surface *home = shot("home"), *refused = shot("refused");
	assert_true(png_difference(home, refused) > 0.3);
	SDL_FreeSurface(home);
	SDL_FreeSurface(refused);
	assert_int_equal(listed(data), 6);
	snprintf(cmd, sizeof cmd, HISHATAK " log --data %s", data);
	run(cmd, out, sizeof out);
	assert_non_null(strstr(out, "bad signature"));
}

/* A stick DIR with a signed bundle of n documents (ids PREFIX-1 ...) at
 * sequence, for the default archive; test_dir/data a copy of it. */
static void make_stick_of(const char *dir, int sequence, int n, const char *prefix)
{
	char cmd[4096];
	snprintf(cmd, sizeof cmd,
		 "cd %s && (test -d data || cp -a %s/build/data data) && rm -rf src-%s && mkdir src-%s && "
		 "for i in $(seq %d); do cp %s/archive/files/exodus-and-return.md src-%s/d$i.md && echo \"%s $i.\" >> src-%s/d$i.md; done && "
		 "(echo 'id,kind,file,title'; for i in $(seq %d); do echo \"%s-$i,article,d$i.md,Document %s $i\"; done) > src-%s/items.csv && "
		 "%s/" HISHATAK " bundle --archive artsakh-archive --sequence %d --key %s/build/keys/archive.key src-%s %s >/dev/null 2>&1",
		 test_dir, getenv("PWD"), prefix, prefix, n, getenv("PWD"), prefix, prefix, prefix, n, prefix, prefix, prefix,
		 getenv("PWD"), sequence, getenv("PWD"), prefix, dir);
	assert_int_equal(run(cmd, NULL, 0), 0);
}

static void test_the_import_screen_can_be_left_and_its_result_comes_back(void **state)
{
	char script[1024], data[512];
	make_stick_of("stick", 2, 30, "long");
	snprintf(data, sizeof data, "%s/data", test_dir);
	/* Continue while it runs: Home, then the result over it at the end. */
	snprintf(script, sizeof script,
		 "usb %s/stick\nexpect import\nshot running\ntap \"Continue\"\nexpect home\nshot left\n"
		 "wait 3000\nexpect import\nshot result\ntap \"Continue\"\nexpect home\n", test_dir);
	int rc = kiosk("800x480", "en", script, data);
	if (rc != 0)
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *running = shot("running"), *left = shot("left");
	assert_true(png_difference(running, left) > 0.3);
	SDL_FreeSurface(running);
	SDL_FreeSurface(left);
	assert_int_equal(listed(data), 6 + 30);
}

static void test_a_second_stick_mounted_during_an_import_is_imported_next(void **state)
{
	char script[1024], data[512], cmd[1024];
	make_stick_of("stick", 2, 6, "first");
	make_stick_of("stick2", 3, 4, "second");
	snprintf(data, sizeof data, "%s/data", test_dir);
	snprintf(script, sizeof script, "usb %s/stick\nexpect import\nusb %s/stick2\nwait 3000\nexpect import\nshot result\n"
		 "back\nexpect home\n", test_dir, test_dir);
	int rc = kiosk("800x480", "en", script, data);
	if (rc != 0)
		fail_msg("exit %d: %s", rc, out);
	assert_int_equal(count(out, ": applied"), 2);
	assert_int_equal(listed(data), 6 + 6 + 4);
	snprintf(cmd, sizeof cmd, HISHATAK " log --data %s", data);
	run(cmd, out, sizeof out);
	assert_int_equal(count(out, "applied  sequence"), 3); /* the archive's first, and these two */
}

static void test_old_bundles_on_a_stick_are_skipped_and_the_new_ones_named(void **state)
{
	char script[1024], data[512], cmd[1024];
	/* The kiosk has 1; the stick 1, 2 and 3 in a copied bundles/ folder. */
	make_stick_of("stick/bundles", 2, 2, "two");
	make_stick_of("stick/bundles", 3, 2, "three");
	snprintf(cmd, sizeof cmd, "cp -a build/bundles/artsakh-archive-1 %s/stick/bundles/", test_dir);
	assert_int_equal(run(cmd, NULL, 0), 0);
	snprintf(data, sizeof data, "%s/data", test_dir);
	snprintf(script, sizeof script, "usb %s/stick\nwait 3000\nexpect import\nshot result\nback\nexpect home\n", test_dir);
	int rc = kiosk("800x480", "en", script, data);
	if (rc != 0)
		fail_msg("exit %d: %s", rc, out);
	assert_int_equal(count(out, ": applied"), 2);
	assert_int_equal(count(out, "artsakh-archive-1: already applied"), 1);
	assert_int_equal(count(out, "refused"), 0);
	assert_int_equal(listed(data), 6 + 4);
}

/* Whatever screen a stick is applied over, staff see the result, and the
 * visitor then goes back to where they were: Browse, the Timeline, a
 * document's cover. */
static void test_the_result_is_shown_over_any_screen_and_the_visitor_goes_back(void **state)
{
	const char *ways[][2] = {{"tap \"Browse all\"", "browse"}, {"tap \"Timeline\"", "timeline"},
				 {"open exodus-and-return", "cover"}, {"idle 900", "home"}};
	char script[1024], data[512], cmd[1024];
	snprintf(data, sizeof data, "%s/data", test_dir);
	make_stick_of("stick", 2, 1, "new");
	for (int i = 0; i < 4; i++) {
		snprintf(cmd, sizeof cmd, "rm -rf %s && cp -a build/data %s", data, data);
		assert_int_equal(run(cmd, NULL, 0), 0);
		snprintf(script, sizeof script, "expect home\n%s\nusb %s/stick\nwait 3000\nexpect import\nshot result\n"
			 "tap \"Continue\"\nexpect %s\n", ways[i][0], test_dir, ways[i][1]);
		int rc = kiosk("800x480", "en", script, data);
		if (rc != 0)
			fail_msg("%s: exit %d: %s", ways[i][1], rc, out);
		assert_int_equal(count(out, ": applied"), 1);
	}
}

static void test_a_stick_whose_bundle_is_too_deep_says_where_it_belongs(void **state)
{
	char script[1024], data[512];
	make_stick_of("stick/a/b/c", 2, 1, "deep");
	snprintf(data, sizeof data, "%s/data", test_dir);
	snprintf(script, sizeof script, "usb %s/stick\nwait 500\nexpect import\nshot deep\nback\nexpect home\n", test_dir);
	int rc = kiosk("800x480", "en", script, data);
	if (rc != 0)
		fail_msg("exit %d: %s", rc, out);
	assert_non_null(strstr(out, "stick/a/b/c/artsakh-archive-2: refused: bundle.json is too deep"));
	assert_int_equal(listed(data), 6);
}

/* The issue's "done when": at six sizes and in three languages, Home, a
 * report (through its content note) in the reader, a swipe to the next page,
 * a pinch, back, the idle time-out to Home, and the long press in the corner
 * to the PIN pad, with no touch target too small or overlapping another. */
static void test_the_whole_visit_at_six_sizes_in_three_languages(void **state)
{
	static const char *sizes[] = {"800x480", "1024x600", "1280x800", "1920x1080", "1080x1920", "720x1280"};
	static const char *langs[] = {"en", "hy", "ru"};
	for (int s = 0; s < 6; s++)
		for (int l = 0; l < 3; l++) {
			int w, h;
			char script[1024];
			sscanf(sizes[s], "%dx%d", &w, &h);
			snprintf(script, sizeof script,
				 "expect home\nshot home\n"
				 "open call-for-action-2022-11\nexpect note\nkey Return\nexpect cover\nshot cover\nkey Right\nexpect reader\nshot page1\n"
				 "swipe %d %d %d %d 300\nexpect reader\nshot page2\n"
				 "pinch %d %d 2.2\nexpect reader\nshot zoomed\n"
				 "back\nexpect home\n"
				 "open what-can-be-done-now\nexpect reader\nidle 181\nexpect home\n"
				 "idle 60\nexpect attract\nshot attract\ntap %d %d\nexpect home\n"
				 "longpress 8 8 5200\nexpect pin\nshot pin\n",
				 w * 4 / 5, h / 2, w / 5, h / 2, w / 2, h / 2, w / 2, h / 2);
			int rc = kiosk(sizes[s], langs[l], script, NULL);
			if (rc != 0 || strstr(out, "layout:"))
				fail_msg("kiosk %s %s: exit %d: %s", sizes[s], langs[l], rc, out);
			SDL_Surface *home = shot("home"), *page1 = shot("page1"), *page2 = shot("page2"), *zoomed = shot("zoomed"),
				    *attract = shot("attract"), *pin = shot("pin");
			assert_int_equal(home->w, w);
			assert_int_equal(home->h, h);
			assert_true(png_difference(page1, page2) > 0.02);
			assert_true(png_difference(page2, zoomed) > 0.05);
			assert_true(png_difference(home, attract) > 0.3);
			assert_true(png_difference(home, pin) > 0.1);
			SDL_FreeSurface(home);
			SDL_FreeSurface(page1);
			SDL_FreeSurface(page2);
			SDL_FreeSurface(zoomed);
			SDL_FreeSurface(attract);
			SDL_FreeSurface(pin);
		}
}

/* Where Home's buttons are at 800x480 (landscape: the ways in on the left). */
#define HOME_SEARCH "tap \"Search\"\n"
#define HOME_BROWSE "tap \"Browse all\"\n"
#define HOME_TIMELINE "tap \"Timeline\"\n"
#define HOME_TOPICS "tap \"Topics\"\n"
#define HOME_REPORTS "tap \"Reports\"\n"

/* Browse's thumbnails are all drawn after a document is opened and closed
 * while they were being rendered (one render worker, 45 items: most are
 * still queued when the reader opens): the reader's requests are cancelled,
 * not theirs, and a cancelled one is asked for again. */
static void test_browse_thumbnails_come_back_after_a_document_opened_while_they_were_drawn(void **state)
{
	char cmd[4096], data[512];
	const char *pwd = getenv("PWD");
	snprintf(data, sizeof data, "%s/data", test_dir);
	snprintf(cmd, sizeof cmd,
		 "cd %s && cp -a %s/build/data data && rm -rf data/cache && mkdir src && "
		 "for i in $(seq 1 40); do cp %s/archive/files/exodus-and-return.md src/d$i.md && echo \"Copy $i.\" >> src/d$i.md; done && "
		 "(echo 'id,kind,file,title'; for i in $(seq 1 40); do echo \"many-$i,article,d$i.md,Document $i\"; done) > src/items.csv && "
		 "%s/" HISHATAK " bundle --archive artsakh-archive --sequence 2 --key %s/build/keys/archive.key src stick >/dev/null 2>&1 && "
		 "%s/" HISHATAK " import --data data stick >/dev/null",
		 test_dir, pwd, pwd, pwd, pwd, pwd);
	assert_int_equal(run(cmd, NULL, 0), 0);
	setenv("HISHATAK_RENDER_WORKERS", "1", 1);
	int rc = kiosk("800x480", "en", "expect home\n" HOME_BROWSE "expect browse\nshot reference\n", data);
	if (rc != 0)
		fail_msg("exit %d: %s", rc, out);
	snprintf(cmd, sizeof cmd, "rm -rf %s/cache", data); /* drawn again, not read from the disk */
	assert_int_equal(run(cmd, NULL, 0), 0);
	rc = kiosk("800x480", "en", "expect home\n" HOME_BROWSE "open many-40\nexpect reader\nback\nexpect browse\nshot after\n", data);
	unsetenv("HISHATAK_RENDER_WORKERS");
	if (rc != 0)
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *reference = shot("reference"), *after = shot("after");
	assert_true(png_colours(reference) > 20);
	assert_true(png_difference(reference, after) < 0.002);
	SDL_FreeSurface(reference);
	SDL_FreeSurface(after);
}

static void test_home_leads_to_browse_timeline_topics_and_search(void **state)
{
	int rc = kiosk("800x480", "en",
		       HOME_BROWSE "expect browse\nshot browse\nback\nexpect home\n"
		       HOME_TIMELINE "expect timeline\nshot timeline\nback\n"
		       HOME_TOPICS "expect topics\nshot topics\nback\n"
		       HOME_SEARCH "expect search\nshot search\nback\n"
		       HOME_REPORTS "expect browse\nshot reports\n"
		       "tap 100 300\nexpect note\n", NULL);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *browse = shot("browse"), *reports = shot("reports"), *timeline = shot("timeline"), *topics = shot("topics");
	assert_true(png_difference(browse, reports) > 0.05); /* one report, not five documents */
	assert_true(png_difference(browse, timeline) > 0.2);
	assert_true(png_difference(timeline, topics) > 0.2);
	SDL_FreeSurface(browse);
	SDL_FreeSurface(reports);
	SDL_FreeSurface(timeline);
	SDL_FreeSurface(topics);
}

/* Upright, the Timeline shows its newest two years; Earlier brings the
 * year before into view (its column then a target); a wide screen with
 * every year in sight has no such button. */
static void test_the_timeline_says_there_are_earlier_years_and_goes_to_them(void **state)
{
	int rc = kiosk("720x1280", "ru", "expect home\ntap \"Хронология\"\nexpect timeline\ntap \"2022\"\n", NULL);
	assert_int_equal(rc, 1); /* out of sight */
	assert_non_null(strstr(out, "\"Раньше\""));
	rc = kiosk("720x1280", "ru",
		   "expect home\ntap \"Хронология\"\nexpect timeline\ntap \"Раньше\"\nwait 300\ntap \"2022\"\nexpect browse\n", NULL);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
	kiosk("800x480", "en", "expect home\n" HOME_TIMELINE "expect timeline\ntap \"no such label\"\n", NULL);
	assert_non_null(strstr(out, "\"2023\""));
	assert_null(strstr(out, "\"Earlier\"")); /* every year in sight: no way to more */
}

/* Home's collections are the places to start: a card for each, titled in
 * the visitor's language, leading to Browse with the collection's items
 * alone; and Home has a tile only for the kinds the archive holds. */
static void test_a_collection_on_home_leads_to_its_items(void **state)
{
	static const struct {
		const char *lang, *size, *title;
	} cases[] = {
		{"en", "800x480", "The blockade of the Lachin corridor"},
		{"hy", "1920x1080", "Լաչինի միջանցքի շրջափակումը"},
		{"ru", "1080x1920", "Блокада Лачинского коридора"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char script[512];
		snprintf(script, sizeof script, "expect home\nshot home\ntap \"%s\"\nexpect browse\nshot collection\ntap \"no such label\"\n",
			 cases[i].title);
		int rc = kiosk(cases[i].size, cases[i].lang, script, NULL);
		if (rc != 1 || strstr(out, "layout:") || !strstr(out, "no touch target \"no such label\" on the browse screen"))
			fail_msg("%s %s: exit %d: %s", cases[i].lang, cases[i].size, rc, out);
		/* Its four items, and not the transcript, which it does not hold. */
		assert_null(strstr(out, "\"Azerbaijan and Armenian conflict in Nagorno-Karabakh\""));
		assert_null(strstr(out, "Ադրբեջանա-հայկական"));
		assert_null(strstr(out, "Азербайджано-армянский"));
	}
	/* As a list, all four are on the screen at once (the grid's tiles are large). */
	assert_int_equal(kiosk("1920x1080", "en",
			       "expect home\ntap \"The blockade of the Lachin corridor\"\ntap \"Show as list\"\ntap \"no such label\"\n", NULL),
			 1);
	assert_non_null(strstr(out, "\"Call for Action: Decisive Measures Needed for Preventing Ethnic Cleansing or Worse in Nagorno-Karabakh\""));
	assert_non_null(strstr(out, "\"What Can Be Done After the September 19 Offensive\""));
	assert_non_null(strstr(out, "\"The Exodus of Nagorno-Karabakh Armenians and the Conditions for Return\""));
	assert_non_null(strstr(out, "\"Can the International Community Reverse the Ethnic Cleansing of Armenians of Nagorno-Karabakh? Part 2\""));
	/* No tile says 0: the archive holds no photographs; its one testimony
	 * (the test recording) has a tile. */
	assert_int_equal(kiosk("800x480", "en", "expect home\ntap \"no such label\"\n", NULL), 1);
	assert_null(strstr(out, "\"Photographs\""));
	assert_non_null(strstr(out, "\"Testimonies\""));
	assert_non_null(strstr(out, "\"Articles\""));
}

/* Topics are the archive's own, labelled in the visitor's language: in
 * Armenian and Russian, not the raw English tags (the transcript's topic
 * links among them); a tap browses the topic's items. */
static void test_topics_show_in_armenian_and_russian_and_lead_to_their_items(void **state)
{
	int rc = kiosk("800x480", "hy", "expect home\ntap \"Թեմաներ\"\nexpect topics\nshot topics\ntap \"Լաչինի միջանցք\"\nexpect browse\n"
			  "back\nexpect topics\ntap \"no such label\"\n", NULL);
	if (rc != 1 || strstr(out, "layout:"))
		fail_msg("hy: exit %d: %s", rc, out);
	assert_non_null(strstr(out, "\"Էթնիկ զտում\""));
	assert_null(strstr(out, "ethnic cleansing"));
	assert_null(strstr(out, "Lachin corridor"));
	rc = kiosk("1080x1920", "ru", "expect home\ntap \"Темы\"\nexpect topics\ntap \"Беженцы\"\nexpect browse\nshot refugees\n"
		   "tap \"no such label\"\n", NULL);
	if (rc != 1 || strstr(out, "layout:"))
		fail_msg("ru: exit %d: %s", rc, out);
	/* Browse says the topic in Russian on its chip. */
	assert_non_null(strstr(out, "\"Беженцы\""));
	assert_null(strstr(out, "\"refugees\""));
}

/* A translation missing in one language is the English text, never an
 * empty card: a collection and a topic without their Armenian. */
static void test_a_missing_translation_is_shown_in_english(void **state)
{
	char data[512], cmd[1024];
	snprintf(data, sizeof data, "%s/data", test_dir);
	snprintf(cmd, sizeof cmd, "cp -a build/data %s && sqlite3 %s/catalog.db \"DELETE FROM collection_texts WHERE lang = 'hy';"
		 " DELETE FROM topic_labels WHERE lang = 'hy'; DELETE FROM about WHERE lang = 'hy'\"", data, data);
	assert_int_equal(run(cmd, NULL, 0), 0);
	int rc = kiosk("800x480", "hy", "expect home\nshot home\ntap \"The blockade of the Lachin corridor\"\nexpect browse\nback\n"
			  "tap \"Թեմաներ\"\nexpect topics\ntap \"The Lachin corridor\"\nexpect browse\n", data);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
}

/* One mistyped date (0202 beside 2023) does not make eighteen centuries of
 * empty Timeline columns: the year is a column beside the others, at once
 * in view, and leads to its document. */
static void test_a_mistyped_year_makes_one_column_not_centuries_of_empty_ones(void **state)
{
	char data[400], cmd[1200];
	snprintf(data, sizeof data, "%s/data", test_dir);
	snprintf(cmd, sizeof cmd,
		 "cp -a build/data %s && sqlite3 %s/catalog.db \"UPDATE items SET date = '0202-03' WHERE id = 'exodus-and-return'\"",
		 data, data);
	assert_int_equal(run(cmd, NULL, 0), 0);
	int rc = kiosk("1920x1080", "en", "tap \"Timeline\"\nexpect timeline\ntap \"202\"\nexpect browse\n", data);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
}

/* Photographs (and other documents) have a tile of their own on Home once
 * the archive holds some, at every size, laid out without overlap. */
static void test_home_counts_photographs_and_leads_to_them(void **state)
{
	char data[400], cmd[1200];
	snprintf(data, sizeof data, "%s/data", test_dir);
	snprintf(cmd, sizeof cmd,
		 "cp -a build/data %s && sqlite3 %s/catalog.db \"UPDATE items SET kind = 'photo' WHERE id = 'exodus-and-return'\"",
		 data, data);
	assert_int_equal(run(cmd, NULL, 0), 0);
	const char *sizes[] = {"800x480", "1920x1080", "1080x1920"};
	for (int i = 0; i < 3; i++) {
		int rc = kiosk(sizes[i], "en", "expect home\ntap \"Photographs\"\nexpect browse\nshot photos\n", data);
		if (rc != 0 || strstr(out, "layout:"))
			fail_msg("%s: exit %d: %s", sizes[i], rc, out);
	}
	assert_int_not_equal(kiosk("800x480", "en", "expect home\ntap \"Photographs\"\n", NULL), 0); /* none: no tile */
}

/* Home has no tile that leads to an empty list: the default archive holds
 * no photographs, so there is no "0 Photographs" (issue 21, item 10); its
 * test recording gives Testimonies a tile, which leads to it. */
static void test_home_has_no_tile_for_a_kind_the_archive_does_not_hold(void **state)
{
	assert_int_equal(kiosk("800x480", "en", "expect home\n" HOME_REPORTS "expect browse\n", NULL), 0);
	assert_int_not_equal(kiosk("800x480", "en", "expect home\ntap \"Photographs\"\n", NULL), 0);
	assert_int_equal(kiosk("800x480", "en", "expect home\ntap \"Testimonies\"\nexpect browse\n"
			       "open test-recording\nexpect player\n", NULL), 0);
}

/* Browse's title says what is shown: filtered to a topic (three
 * documents) it is not the title of the three articles, and neither says
 * "all" (once both were "Browse all · 3"). */
static void test_browse_says_what_it_is_filtered_to(void **state)
{
	int rc = kiosk("800x480", "en",
		       HOME_TOPICS "tap \"Ethnic cleansing\"\nexpect browse\nshot topic\nback\nback\n"
		       HOME_BROWSE "tap \"Kind\"\ntap \"Articles\"\nexpect browse\nshot articles\n", NULL);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *topic = shot("topic"), *articles = shot("articles");
	assert_true(png_difference_rows(topic, articles, 0, 68) > 0.02); /* the top bar's title */
	SDL_FreeSurface(topic);
	SDL_FreeSurface(articles);
}

/* The view's button says what a tap shows: "Show as list" on the grid,
 * "Show as pictures" on the list (it was the other way round). */
static void test_the_view_button_says_what_a_tap_shows(void **state)
{
	int rc = kiosk("800x480", "en",
		       HOME_BROWSE "expect browse\nshot grid\ntap \"Show as list\"\nshot list\ntap \"Show as pictures\"\nshot again\n", NULL);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *grid = shot("grid"), *list = shot("list"), *again = shot("again");
	assert_true(png_difference(grid, list) > 0.05);
	assert_true(png_difference(grid, again) < 0.001);
	SDL_FreeSurface(grid);
	SDL_FreeSurface(list);
	SDL_FreeSurface(again);
}

/* A filter that is on has a × on its chip that clears it: from a topic,
 * or a year, back to every document, as Browse all shows them. */
static void test_a_filter_is_cleared_by_the_cross_on_its_chip(void **state)
{
	int rc = kiosk("800x480", "en",
		       HOME_BROWSE "expect browse\nshot all\nback\n"
		       HOME_TOPICS "tap \"Ethnic cleansing\"\nexpect browse\nshot topic\n"
		       "tap \"Show all, not only “Ethnic cleansing”\"\nexpect browse\nshot cleared\n", NULL);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *all = shot("all"), *topic = shot("topic"), *cleared = shot("cleared");
	assert_true(png_difference(all, topic) > 0.05);
	assert_true(png_difference(all, cleared) < 0.001);
	SDL_FreeSurface(all);
	SDL_FreeSurface(topic);
	SDL_FreeSurface(cleared);
	/* A year from the Timeline has a chip of its own, all of it a ×. */
	rc = kiosk("800x480", "en", HOME_TIMELINE "tap \"2023\"\nexpect browse\nshot year\ntap \"Show all, not only “2023”\"\nshot year-cleared\n", NULL);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("year: exit %d: %s", rc, out);
	SDL_Surface *year = shot("year"), *year_cleared = shot("year-cleared");
	all = shot("all");
	assert_true(png_difference(all, year) > 0.02);
	assert_true(png_difference(all, year_cleared) < 0.001);
	SDL_FreeSurface(all);
	SDL_FreeSurface(year);
	SDL_FreeSurface(year_cleared);
	/* In Russian too, by its words. */
	rc = kiosk("800x480", "ru", "tap \"Темы\"\ntap \"Этническая чистка\"\ntap \"Показать все, не только «Этническая чистка»\"\n"
				    "tap \"Тема\"\nexpect browse\n", NULL);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("ru: exit %d: %s", rc, out);
}

static void test_search_finds_as_one_types_and_opens_on_a_marked_page(void **state)
{
	/* On the keyboard at 800x480: l a c h, then the first result. */
	int rc = kiosk("800x480", "en",
		       HOME_SEARCH "expect search\nshot empty\n"
		       "tap \"l\"\ntap \"a\"\ntap \"c\"\ntap \"h\"\nshot typed\n"
		       "tap 400 140\nexpect reader\nshot marked\n"
		       "back\nexpect search\nshot again\n", NULL);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *empty = shot("empty"), *typed = shot("typed"), *again = shot("again"), *marked = shot("marked");
	assert_true(png_difference(empty, typed) > 0.03); /* results appeared */
	assert_true(png_difference(typed, again) < 0.01);  /* back to the same results */
	/* The marked words are yellow on the page. */
	assert_true(count_pixels(marked, 0, marked->h, marker_yellow) > 200);
	SDL_FreeSurface(empty);
	SDL_FreeSurface(typed);
	SDL_FreeSurface(again);
	SDL_FreeSurface(marked);
}

/* The query is under the top bar, whole and large, with the count beside
 * it or below: its field is found by its words, and nothing is cut (once
 * "ethnic cleansing" showed as "ansing|" at 1080x1920, and only
 * "5 результатов" at 720x1280, out of its box). */
static void test_the_query_is_shown_whole_under_the_top_bar(void **state)
{
	const char *runs[][3] = {
		{"1080x1920", "en", "tap \"Search\"\ntype ethnic cleansing\nwait 300\ntap \"ethnic cleansing\"\nexpect search\n"},
		{"720x1280", "ru", "tap \"Поиск\"\ntype этническая чистка\nwait 300\ntap \"этническая чистка\"\nexpect search\n"},
		{"800x480", "hy", "tap \"Որոնում\"\ntype Լաչինի միջանցքը և փախստականների վերադարձի իրավունքը\nwait 300\n"
				  "tap \"Լաչինի միջանցքը և փախստականների վերադարձի իրավունքը\"\n"},
		{"1920x1080", "ru", "tap \"Поиск\"\ntype лачин\nwait 300\ntap \"лачин\"\nshot query\n"},
	};
	for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
		int rc = kiosk(runs[i][0], runs[i][1], runs[i][2], NULL);
		if (rc != 0 || strstr(out, "layout:"))
			fail_msg("%s %s: exit %d: %s", runs[i][0], runs[i][1], rc, out);
	}
}

/* On 800x480 the keyboard slides away when the results are scrolled, and
 * comes back with a tap on the query. */
static void test_the_keyboard_makes_way_for_the_results_on_a_small_screen(void **state)
{
	int rc = kiosk("800x480", "en",
		       HOME_SEARCH "type lach\nwait 300\nshot up\nswipe 400 190 400 150 300\nshot away\n"
		       "tap \"lach\"\nshot back\ntap \"s\"\nwait 300\nexpect search\n", NULL);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *up = shot("up"), *away = shot("away"), *back = shot("back");
	assert_true(png_difference_rows(up, away, 300, 480) > 0.2);    /* results where the keys were */
	assert_true(png_difference_rows(up, back, 300, 480) < 0.001);  /* the keys again */
	SDL_FreeSurface(up);
	SDL_FreeSurface(away);
	SDL_FreeSurface(back);
	assert_int_not_equal(kiosk("800x480", "en", HOME_SEARCH "type lach\nwait 300\nswipe 400 190 400 150 300\ntap \"q\"\n", NULL), 0);
}

/* Every layout has its tab in sight, the one in use chosen: a letter of
 * each, tapped after its tab, makes the query. */
static void test_the_keyboard_has_a_tab_for_each_layout(void **state)
{
	int rc = kiosk("800x480", "en",
		       HOME_SEARCH "tap \"АБВ\"\ntap \"ж\"\ntap \"ԱԲԳ\"\ntap \"ք\"\ntap \"123\"\ntap \"7\"\ntap \"ABC\"\ntap \"q\"\n"
		       "wait 300\ntap \"жք7q\"\nexpect search\n", NULL);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
}

/* In a document, the keyboard starts in the document's script: a Russian
 * visitor searching an English document finds Latin letters first. */
static void test_search_in_a_document_starts_in_its_script(void **state)
{
	int rc = kiosk("800x480", "ru",
		       "open what-can-be-done-now\nkey Right\nexpect reader\ntap \"Поиск\"\nexpect search\ntap \"l\"\ntap \"a\"\n"
		       "back\nexpect reader\nkey Escape\nexpect home\ntap \"Поиск\"\ntap \"л\"\n", NULL);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
}

/* A script's type of more than SDL's 31 bytes arrives whole, in pieces
 * cut between characters: the same as typed in four goes. */
static void test_a_long_typed_text_arrives_whole(void **state)
{
	const char *words = "Լեռնային Ղարաբաղի հայերի արտագաղթը"; /* 64 bytes */
	char script[1024];
	snprintf(script, sizeof script, HOME_SEARCH "expect search\ntype %s\nshot once\n", words);
	int rc = kiosk("1920x1080", "en", script, NULL);
	if (rc != 0)
		fail_msg("exit %d: %s", rc, out);
	snprintf(script, sizeof script,
		 HOME_SEARCH "expect search\ntype Լեռնային\ntap \"space\"\ntype Ղարաբաղի\ntap \"space\"\ntype հայերի\n"
			     "tap \"space\"\ntype արտագաղթը\nshot parts\n");
	rc = kiosk("1920x1080", "en", script, NULL);
	if (rc != 0)
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *once = shot("once"), *parts = shot("parts");
	assert_true(png_difference(once, parts) < 0.001);
	SDL_FreeSurface(once);
	SDL_FreeSurface(parts);
}

/* The pad at 800x480: 1 2 3 / 4 5 6 / 7 8 9 / delete 0 OK. */
#define PIN_WRONG "tap \"1\"\ntap \"1\"\ntap \"1\"\ntap \"1\"\ntap \"OK\"\n"
/* About shows the item's source and summary, which the kiosk's list
 * leaves out and reads when asked: the same panel with the summary taken
 * out of the catalogue looks different below the topics. */
static void test_about_shows_the_summary_read_when_asked(void **state)
{
	char data[512], cmd[1024];
	const char *script = "open call-for-action-2022-11\nkey Return\nexpect cover\nkey Right\nexpect reader\ntap \"About\"\nwait 300\nshot about\n";
	assert_int_equal(kiosk("1080x1920", "en", script, NULL), 0);
	snprintf(cmd, sizeof cmd, "mv %s/shots/about.png %s/with.png", test_dir, test_dir);
	assert_int_equal(run(cmd, NULL, 0), 0);
	snprintf(data, sizeof data, "%s/data", test_dir);
	snprintf(cmd, sizeof cmd,
		 "cp -a build/data %s && sqlite3 %s/catalog.db \"UPDATE items SET summary = NULL WHERE id = 'call-for-action-2022-11'\"",
		 data, data);
	assert_int_equal(run(cmd, NULL, 0), 0);
	assert_int_equal(kiosk("1080x1920", "en", script, data), 0);
	char path[512];
	snprintf(path, sizeof path, "%s/with.png", test_dir);
	SDL_Surface *with = png_load(path), *without = shot("about");
	assert_true(png_difference_rows(with, without, 0, 900) < 0.001);      /* kind to source: the same */
	assert_true(png_difference_rows(with, without, 950, 1400) > 0.02);    /* the summary's lines */
	SDL_FreeSurface(with);
	SDL_FreeSurface(without);
}

#define PIN_RIGHT "tap \"0\"\ntap \"0\"\ntap \"0\"\ntap \"0\"\ntap \"OK\"\n"

static void test_the_pin_pad_locks_after_three_wrong_pins_and_the_right_one_opens_admin(void **state)
{
	char data[512], cmd[1024];
	snprintf(data, sizeof data, "%s/data", test_dir);
	snprintf(cmd, sizeof cmd, "cp -a build/data %s", data);
	assert_int_equal(run(cmd, NULL, 0), 0);
	int rc = kiosk("800x480", "en",
		       "longpress 8 8 3000\nexpect home\n" /* too short */
		       "longpress 8 8 5200\nexpect pin\n"
		       PIN_WRONG PIN_WRONG PIN_WRONG "shot locked\n"
		       PIN_RIGHT "expect pin\n" /* locked: ignored */
		       "wait 61000\n"
		       PIN_RIGHT "expect admin\nshot admin\n",
		       data);
	if (rc != 0)
		fail_msg("exit %d: %s", rc, out);
}

/* SQL on DATA/catalog.db, through SQLite itself. */
static void catalogue_sql(const char *data, const char *sql)
{
	char path[512];
	snprintf(path, sizeof path, "%s/catalog.db", data);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* Noise over the page of data/catalog.db's settings table (the PIN's hash
 * among them), found with SQLite's dbstat. */
static void damage_settings_page(const char *data)
{
	char path[512];
	snprintf(path, sizeof path, "%s/catalog.db", data);
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT pageno FROM dbstat WHERE name = 'settings'", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long pageno = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	FILE *f = fopen(path, "r+b");
	assert_non_null(f);
	unsigned char noise[4096];
	for (size_t i = 0; i < sizeof noise; i++)
		noise[i] = (unsigned char)(i * 37 + 11);
	assert_int_equal(fseek(f, (pageno - 1) * 4096, SEEK_SET), 0);
	assert_int_equal(fwrite(noise, 1, sizeof noise, f), sizeof noise);
	fclose(f);
}

/* The PIN fails closed: with the settings' page damaged, 0000 does not
 * open Admin (where the kiosk can be quit); the pad is locked and says why. */
static void test_the_pin_pad_stays_locked_when_the_pin_cannot_be_read(void **state)
{
	char data[512], cmd[1024];
	snprintf(data, sizeof data, "%s/data", test_dir);
	snprintf(cmd, sizeof cmd, "cp -a build/data %s && rm -f %s/catalog.db-*", data, data);
	assert_int_equal(run(cmd, NULL, 0), 0);
	assert_int_equal(kiosk("800x480", "en", "longpress 8 8 5200\nexpect pin\nshot pad\n", data), 0);
	damage_settings_page(data);
	int rc = kiosk("800x480", "en", "longpress 8 8 5200\nexpect pin\n" PIN_RIGHT "expect pin\nshot locked\n"
		       "wait 61000\n" PIN_RIGHT "expect pin\n", data);
	if (rc != 0)
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *pad = shot("pad"), *locked = shot("locked");
	assert_true(png_difference_rows(pad, locked, 60, 400) > 0.005); /* the message for staff */
	SDL_FreeSurface(pad);
	SDL_FreeSurface(locked);
}

/* The page button opens the contents (the transcript's headings) and the
 * page numbers; an entry goes to its page. */
static void test_the_contents_lead_to_a_heading_and_the_page_grid_to_a_page(void **state)
{
	int rc = kiosk("800x480", "en",
		       "open ker-lindsay-nagorno-karabakh\nkey Right\nshot first\n"
		       "tap \"1 / 22\"\nshot contents\ntap 300 176\nexpect reader\nshot heading\n", NULL);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *first = shot("first"), *contents = shot("contents"), *heading = shot("heading");
	assert_true(png_difference(first, contents) > 0.3);
	assert_true(png_difference(first, heading) > 0.05); /* another page */
	assert_true(png_difference(contents, heading) > 0.3); /* the panel closed */
	SDL_FreeSurface(first);
	SDL_FreeSurface(contents);
	SDL_FreeSurface(heading);
}

/* A+ lays a reflowable document out again with larger text, on the page
 * where the visitor was; A- back. */
static void test_text_size_relays_out_a_reflowable_document(void **state)
{
	int rc = kiosk("800x480", "en",
		       "open exodus-and-return\nkey Right\nkey Right\nkey Right\nshot normal\n"
		       "tap \"Larger letters\"\nexpect reader\nshot bigger\ntap \"Smaller letters\"\nshot again\n", NULL);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *normal = shot("normal"), *bigger = shot("bigger"), *again = shot("again");
	assert_true(png_difference(normal, bigger) > 0.05);
	assert_true(png_difference(normal, again) < 0.01); /* the same page as before */
	SDL_FreeSurface(normal);
	SDL_FreeSurface(bigger);
	SDL_FreeSurface(again);
}

/* Where the first footnote mark of the Call for Action is on a w x h
 * screen: the reader's page area lies between two bars of 64 size units
 * (kiosk.c's set_size), the page centred in it. */
static void first_footnote_mark(int sw, int sh, int *page, int *x, int *y)
{
	char err[256], xhtml[512];
	size_t size;
	char *src = files_read("archive/files/call-for-action-2022-11.md", 1 << 24, &size, err);
	assert_non_null(src);
	convert_result r;
	assert_int_equal(convert_to_xhtml(src, size, "md", "en", &r, err), 0);
	snprintf(xhtml, sizeof xhtml, "%s/call.xhtml", test_dir);
	assert_int_equal(files_write_durably(xhtml, r.xhtml, r.len, err), 0);
	convert_result_free(&r);
	free(src);
	doc *d = doc_open(xhtml, "xhtml", err);
	assert_non_null(d);
	float u = (float)SDL_min(sw, sh) / 480, w, h, em;
	u = u <= 1 ? u : 1 + (u - 1) * 0.55f;
	int bar = (int)(64 * u + 0.5f), area_h = sh - 2 * bar;
	doc_layout_for_screen(sw, area_h, 1, &w, &h, &em);
	assert_int_equal(doc_layout(d, w, h, em, err), 0);
	float scale = SDL_min((float)sw / w, (float)area_h / h);
	*page = -1;
	for (int p = 0; p < 10 && *page < 0; p++) {
		doc_link links[64];
		int n = doc_page_links(d, p, links, 64, err);
		for (int i = 0; i < n && *page < 0; i++)
			if (links[i].page > p) {
				*page = p;
				*x = (int)(((float)sw - w * scale) / 2 + (links[i].where.x0 + links[i].where.x1) / 2 * scale);
				*y = (int)((float)bar + ((float)area_h - h * scale) / 2 + (links[i].where.y0 + links[i].where.y1) / 2 * scale);
			}
	}
	assert_true(*page >= 0);
	doc_close(d);
}

/* A tap near a footnote mark shows its note over the page; a tap beside
 * the card puts it away, on the same page; "Go there" goes to the notes. */
static void check_footnote(const char *size, const char *lang)
{
	int sw, sh, page, x = 0, y = 0;
	sscanf(size, "%dx%d", &sw, &sh);
	first_footnote_mark(sw, sh, &page, &x, &y);
	/* The content note's "open" button: Return does the same. */
	char script[1024] = "open call-for-action-2022-11\nkey Return\nkey Right\nexpect reader\n"; /* note, cover */
	for (int p = 0; p < page; p++)
		strcat(script, "key Right\n");
	snprintf(script + strlen(script), sizeof script - strlen(script),
		 "shot page\ntap %d %d\nexpect reader\nshot note\ntap %d %d\nshot closed\n"
		 "tap %d %d\nexpect reader\nkey Return\nshot notes\n", x + 3, y + 8, sw / 2, y, x, y);
	int rc = kiosk(size, lang, script, NULL);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *at = shot("page"), *note = shot("note"), *closed = shot("closed"), *notes = shot("notes");
	assert_true(png_difference(at, note) > 0.3);    /* the card and the dimmed page */
	assert_true(png_difference(at, closed) < 0.01); /* the same page again */
	assert_true(png_difference(at, notes) > 0.05);  /* another page: the notes */
	assert_true(png_difference(note, notes) > 0.3); /* and the card is gone */
	SDL_FreeSurface(at);
	SDL_FreeSurface(note);
	SDL_FreeSurface(closed);
	SDL_FreeSurface(notes);
}

static void test_a_footnote_mark_shows_its_note(void **state)
{
	check_footnote("800x480", "en");
}

static void test_a_footnote_mark_shows_its_note_upright_in_armenian(void **state)
{
	check_footnote("1080x1920", "hy");
}

static void test_a_footnote_mark_shows_its_note_on_a_large_screen_in_russian(void **state)
{
	check_footnote("1920x1080", "ru");
}

/* The title of item id in lang ("ru", "hy") as the kiosk shows it, from
 * `hishatak list --json` (into title). */
static void title_in(const char *list, const char *id, const char *lang, char title[512])
{
	char key[128];
	snprintf(key, sizeof key, "{\"id\": \"%s\"", id);
	const char *it = strstr(list, key);
	assert_non_null(it);
	snprintf(key, sizeof key, "\"%s\": \"", lang);
	const char *t = strstr(it, key);
	assert_non_null(t);
	t += strlen(key);
	snprintf(title, 512, "%.*s", (int)strcspn(t, "\""), t);
}

/* Issue 22's table in the kiosk: what a visitor types in Russian or
 * Armenian letters, or misspells, shows each document the Latin spelling
 * finds (a long press on a result finds its card and opens nothing). */
static void test_search_in_the_kiosk_finds_from_any_script_what_the_latin_spelling_finds(void **state)
{
	static char list[1 << 16], ids[1 << 16];
	const char *rows[][3] = {
		{"Lachin", "ru", "Лачин"}, {"Lachin", "hy", "Լաչին"}, {"Stepanakert", "ru", "Степанакерт"},
		{"Stepanakert", "hy", "Ստեփանակերտ"}, {"Artsakh", "ru", "Арцах"}, {"Artsakh", "hy", "Արցախ"},
		{"Nagorno-Karabakh", "ru", "Нагорный Карабах"}, {"Lachin", "ru", "lachn"},
	};
	assert_int_equal(run(HISHATAK " list --data build/data --json", list, sizeof list), 0);
	for (size_t r = 0; r < sizeof rows / sizeof *rows; r++) {
		assert_int_equal(run_fmt(ids, sizeof ids, HISHATAK " search --data build/data --json '%s'", rows[r][0]), 0);
		char script[8192];
		int n = snprintf(script, sizeof script, "tap \"%s\"\nexpect search\ntype %s\nwait 300\ntap \"%s\"\n",
				 !strcmp(rows[r][1], "ru") ? "Поиск" : "Որոնում", rows[r][2],
				 !strcmp(rows[r][1], "ru") ? "Скрыть" : "Թաքցնել");
		int found = 0;
		for (const char *p = ids; (p = strstr(p, "{\"id\": \"")); p++, found++) {
			char id[80], title[512];
			snprintf(id, sizeof id, "%.*s", (int)strcspn(p + 8, "\""), p + 8);
			title_in(list, id, rows[r][1], title);
			n += snprintf(script + n, sizeof script - (size_t)n, "tap \"%s\"\nback\nexpect search\n", title); /* it is there */
		}
		assert_true(found >= 3);
		n += snprintf(script + n, sizeof script - (size_t)n, "shot results\n");
		int rc = kiosk("1080x1920", rows[r][1], script, NULL);
		if (rc != 0 || strstr(out, "layout:"))
			fail_msg("\"%s\": exit %d: %s", rows[r][2], rc, out);
	}
}

/* Nothing found, even after correction: the screen offers the archive's
 * topics and collections, in the visitor's language, as buttons into
 * Browse filtered to the one tapped. */
static void test_a_query_that_finds_nothing_offers_topics_and_collections(void **state)
{
	const char *rows[][4] = {
		{"en", "Search", "qwzxqj", "The exodus"},
		{"ru", "Поиск", "щщжжщ", "Исход"},
		{"hy", "Որոնում", "ֆֆքքֆ", "Լաչինի միջանցք"},
	};
	(void)state;
	for (size_t r = 0; r < sizeof rows / sizeof *rows; r++) {
		char script[1024];
		snprintf(script, sizeof script, "tap \"%s\"\nexpect search\ntype %s\nwait 300\ntap \"%s\"\nexpect browse\n",
			 rows[r][1], rows[r][2], rows[r][3]);
		int rc = kiosk("1080x1920", rows[r][0], script, NULL);
		if (rc != 0 || strstr(out, "layout:"))
			fail_msg("\"%s\": exit %d: %s", rows[r][2], rc, out);
	}
}

/* A slip of the finger: the kiosk shows the results for the nearest word
 * with a tap to search what was typed, which then finds nothing. */
static void test_a_misspelt_query_shows_results_for_the_nearest_word_and_offers_what_was_typed(void **state)
{
	int rc = kiosk("800x480", "ru",
		       "tap \"Поиск\"\ntype lachn\nwait 300\ntap \"Скрыть\"\nshot corrected\n"
		       "tap \"Исход армян Нагорного Карабаха и условия возвращения\"\nback\nexpect search\n" /* it is there */
		       "tap \"Искать «lachn»\"\nwait 300\nshot as-typed\n", NULL);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
	/* As typed, nothing: the result is gone, and the offer with it. */
	assert_int_equal(kiosk("800x480", "ru", "tap \"Поиск\"\ntype lachn\nwait 300\ntap \"Искать «lachn»\"\nwait 300\n"
					 "longpress \"Искать «lachn»\" 100\n", NULL), 1);
	SDL_Surface *corrected = shot("corrected"), *as_typed = shot("as-typed");
	assert_true(png_difference(corrected, as_typed) > 0.03);
	SDL_FreeSurface(corrected);
	SDL_FreeSurface(as_typed);
}

/* The reader's Search, typed in Cyrillic letters in an English document:
 * its passage, opened with the word as the page writes it marked. */
static void test_search_in_a_document_finds_a_word_typed_in_another_script(void **state)
{
	int rc = kiosk("800x480", "ru",
		       "open what-can-be-done-now\nkey Right\nexpect reader\ntap \"Поиск\"\nexpect search\ntype Степанакерт\nwait 300\n"
		       "tap \"Скрыть\"\ntap 400 140\nexpect reader\nwait 300\nshot marked\n", NULL);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *marked = shot("marked");
	assert_true(count_pixels(marked, 130, marked->h, marker_yellow) > 200); /* on the page, below the match bar */
	SDL_FreeSurface(marked);
}

/* The reader's Search looks in the document alone: a result for each
 * passage, in reading order; each opens on its page with the words marked;
 * Back goes to the results, then to the reader, then Home. */
static void test_search_in_a_document_goes_to_each_passage(void **state)
{
	/* At 800x480: Search in the bottom bar, Hide on the keyboard, the
	 * first and third results. */
	int rc = kiosk("800x480", "en",
		       "open call-for-action-2022-11\nkey Return\nkey Right\nexpect reader\nshot start\n"
		       "tap \"Search\"\nexpect search\nshot empty\ntype ethnic\ntap \"Hide\"\nshot typed\n"
		       "tap 400 140\nexpect reader\nshot first\nback\nexpect search\n"
		       "tap 400 392\nexpect reader\nshot third\n"
		       "back\nexpect search\nback\nexpect reader\nback\nexpect home\n", NULL);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *start = shot("start"), *empty = shot("empty"), *typed = shot("typed");
	SDL_Surface *first = shot("first"), *third = shot("third");
	assert_true(png_difference(empty, typed) > 0.1); /* results, the keyboard hidden */
	assert_true(png_difference(first, third) > 0.05); /* another page */
	assert_true(png_difference(start, third) > 0.05);
	/* Each page shows the word marked in yellow. */
	SDL_Surface *pages[2] = {first, third};
	for (int i = 0; i < 2; i++)
		assert_true(count_pixels(pages[i], 130, pages[i]->h - 64, marker_yellow) > 200);
	SDL_FreeSurface(start);
	SDL_FreeSurface(empty);
	SDL_FreeSurface(typed);
	SDL_FreeSurface(first);
	SDL_FreeSurface(third);
}

/* The reading ruler under the sentence being read aloud. */
static int ruler_blue(const Uint8 *p)
{
	return abs(p[0] - 30) < 16 && abs(p[1] - 80) < 16 && abs(p[2] - 190) < 16;
}

/* The mean row of the pixels that pass is, or -1 when none do. */
static double mean_row(SDL_Surface *s, int (*is)(const Uint8 *))
{
	double sum = 0;
	int n = 0;
	for (int y = 0; y < s->h; y++)
		for (int x = 0; x < s->w; x++)
			if (is((Uint8 *)s->pixels + y * s->pitch + x * s->format->BytesPerPixel)) {
				sum += y;
				n++;
			}
	return n ? sum / n : -1;
}

/* Listen reads the transcript from its first page: the sentence heard is
 * marked, and the mark moves down the page as the voice goes on. */
static void check_reading_aloud(const char *size, const char *lang, int listen_x, int listen_y)
{
	char script[512];
	snprintf(script, sizeof script,
		 "open ker-lindsay-nagorno-karabakh\nkey Right\nexpect reader\nshot before\n"
		 "tap %d %d\nwait 300\nshot first\nwait 6000\nshot later\nback\nexpect home\n", listen_x, listen_y);
	int rc = kiosk(size, lang, script, NULL);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("kiosk %s %s: exit %d: %s", size, lang, rc, out);
	SDL_Surface *before = shot("before"), *first = shot("first"), *later = shot("later");
	assert_int_equal(count_pixels(before, 0, before->h, ruler_blue), 0);
	assert_true(count_pixels(first, 0, first->h, ruler_blue) > 100);
	/* The title first, high on the page; six seconds on, a sentence lower. */
	double y1 = mean_row(first, ruler_blue), y2 = mean_row(later, ruler_blue);
	assert_true(y1 > 0 && y1 < first->h / 3);
	assert_true(y2 > y1 + 40);
	SDL_FreeSurface(before);
	SDL_FreeSurface(first);
	SDL_FreeSurface(later);
}

static void test_reading_aloud_marks_the_sentence_heard(void **state)
{
	check_reading_aloud("800x480", "en", 472, 448);
}

static void test_reading_aloud_marks_the_sentence_heard_upright_in_armenian(void **state)
{
	check_reading_aloud("1080x1920", "hy", 626, 1866);
}

/* After the page's last sentence the page turns by itself and reading goes
 * on; Stop ends it and gives the page's own buttons back. */
static void test_reading_aloud_turns_the_page_and_stops_when_asked(void **state)
{
	int rc = kiosk("800x480", "en",
		       "open ker-lindsay-nagorno-karabakh\nkey Right\nexpect reader\nshot page1\ntap \"Listen\"\nwait 300\nshot reading\n"
		       "wait 40000\nshot turned\ntap \"Stop\"\nshot stopped\n", NULL);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *page1 = shot("page1"), *reading = shot("reading"), *turned = shot("turned"), *stopped = shot("stopped");
	/* The page area (without the bars) is another page, still read. */
	assert_true(png_difference(reading, turned) > 0.05);
	assert_true(count_pixels(turned, 64, turned->h - 64, ruler_blue) > 100);
	assert_int_equal(count_pixels(stopped, 0, stopped->h, ruler_blue), 0);
	assert_true(count_pixels(page1, page1->h - 64, page1->h, paper_white) > 0);
	/* The bottom bar is the page's again (as on page 1 but for "‹"). */
	assert_true(png_difference(reading, stopped) > 0.02);
	SDL_FreeSurface(page1);
	SDL_FreeSurface(reading);
	SDL_FreeSurface(turned);
	SDL_FreeSurface(stopped);
}

/* The sound itself: with SDL's disk audio driver the samples the kiosk
 * plays go to a file, which must hold speech, not silence. */
/* Runs script with SDL's disk audio driver; what the kiosk played is
 * measured: bytes, RMS and peak (all 0 when it played nothing). */
static void run_listening(const char *data, const char *lang, const char *script, size_t *size, double *rms, double *peak)
{
	char path[512], cmd[2048], raw[512], err[256];
	snprintf(path, sizeof path, "%s/script.txt", test_dir);
	snprintf(raw, sizeof raw, "%s/audio.raw", test_dir);
	write_text(path, script);
	snprintf(cmd, sizeof cmd,
		 "SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=%s " HISHATAK
		 " kiosk --data %s --size 800x480 --lang %s --script %s --shots %s/shots 2>&1", raw, data, lang, path, test_dir);
	int rc = run(cmd, out, sizeof out);
	if (rc != 0)
		fail_msg("exit %d: %s", rc, out);
	*size = 0;
	*rms = *peak = 0;
	unsigned char *samples = (unsigned char *)files_read(raw, 1 << 26, size, err);
	if (samples)
		pcm_levels(samples, *size, rms, peak);
	free(samples);
}

static void check_heard_in(const char *data, const char *lang, const char *script)
{
	size_t size;
	double rms, peak;
	run_listening(data, lang, script, &size, &rms, &peak);
	assert_true(size > 22050); /* half a second at least */
	assert_true(rms > 0.02);
	assert_true(peak < 0.99);
}

static void check_heard(const char *lang, const char *script)
{
	check_heard_in(archive, lang, script);
}

static void test_reading_aloud_is_heard_through_the_sound_device(void **state)
{
	check_heard("en", "open ker-lindsay-nagorno-karabakh\nkey Right\nexpect reader\ntap \"Listen\"\nwait 300\nshot first\nwait 20000\nshot later\n");
}

/* A tile opens to the document's cover, in the visitor's language, at every
 * size without a cut label; Read goes on to the first page, and Back from it
 * to where the visitor was. */
static void test_a_document_opens_to_its_cover_in_the_visitors_language(void **state)
{
	const char *sizes[] = {"800x480", "1920x1080", "1080x1920"}, *langs[] = {"en", "hy", "ru"};
	const char *reads[] = {"Read", "Կարդալ", "Читать"};
	for (int i = 0; i < 9; i++) {
		char script[512];
		snprintf(script, sizeof script,
			 "open exodus-and-return\nexpect cover\nshot cover\ntap \"%s\"\nexpect reader\nshot page\nback\nexpect home\n",
			 reads[i % 3]);
		int rc = kiosk(sizes[i / 3], langs[i % 3], script, NULL);
		if (rc != 0 || strstr(out, "layout:"))
			fail_msg("%s %s: exit %d: %s", sizes[i / 3], langs[i % 3], rc, out);
		SDL_Surface *cover = shot("cover"), *page = shot("page");
		assert_true(png_difference(cover, page) > 0.1);
		SDL_FreeSurface(cover);
		SDL_FreeSurface(page);
	}
}

/* The attract loop goes through the collections slowly, one picture fading
 * into the next over several frames (not a cut), each with its title: a
 * frame every 300 ms for 13.5 s sees one change of slide at least. */
static void test_the_attract_loop_crossfades_from_one_collection_to_the_next(void **state)
{
	char script[4096] = "idle 250\nexpect attract\n";
	for (int i = 0; i < 45; i++)
		snprintf(script + strlen(script), sizeof script - strlen(script), "wait 300\nshot s%d\n", i);
	int rc = kiosk("800x480", "ru", script, NULL);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
	int run = 0, longest = 0;
	SDL_Surface *first = shot("s0"), *prev = first, *last = NULL;
	for (int i = 1; i < 45; i++) {
		char name[16];
		snprintf(name, sizeof name, "s%d", i);
		SDL_Surface *s = shot(name);
		run = png_difference(prev, s) > 0.001 ? run + 1 : 0;
		longest = SDL_max(longest, run);
		if (prev != first)
			SDL_FreeSurface(prev);
		prev = last = s;
	}
	assert_true(longest >= 3);                      /* a crossfade, frame by frame */
	assert_true(png_difference(first, last) > 0.05); /* another collection */
	SDL_FreeSurface(first);
	SDL_FreeSurface(last);
}

/* A collection with its own picture shows it in the attract loop (here a
 * yellow one, the archive's only collection); the default archive's have
 * none, and show their first documents' pages. */
static void test_the_attract_loop_shows_a_collections_own_picture(void **state)
{
	char cmd[2048], data[512];
	const char *pwd = getenv("PWD");
	snprintf(data, sizeof data, "%s/data", test_dir);
	snprintf(cmd, sizeof cmd,
		 "cd %s && mkdir src && cp %s/archive/files/exodus-and-return.md src/a.md && "
		 "ffmpeg -loglevel error -f lavfi -i color=c=0xF0D020:s=400x300 -frames:v 1 src/pic.png && "
		 "printf 'id,kind,file,title\nalpha,article,a.md,Alpha\n' > src/items.csv && "
		 "printf 'id,title,title_ru,intro,intro_ru,items,picture\nvoices,Voices,Голоса,Those who left.,Воспоминания уехавших.,alpha,pic.png\n' > src/collections.csv && "
		 "%s/" HISHATAK " bundle --archive artsakh-archive --snapshot --sequence 1 --key %s/build/keys/archive.key src bundles >/dev/null 2>&1 && "
		 "%s/" HISHATAK " init --data data --archive artsakh-archive --trust %s/build/keys/archive.pub >/dev/null && "
		 "%s/" HISHATAK " import --data data bundles >/dev/null",
		 test_dir, pwd, pwd, pwd, pwd, pwd, pwd);
	assert_int_equal(run(cmd, NULL, 0), 0);
	/* The attract screen comes at 240 s (180 to Home, 60 more) and the next
	 * slide 12 s after it: the shot is taken 8 s into the first. */
	const char *script = "idle 245\nexpect attract\nwait 3000\nshot pictured\n";
	int rc = kiosk("800x480", "ru", script, data);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *pictured = shot("pictured");
	assert_true(count_pixels(pictured, 0, pictured->h, marker_yellow) > 30000);
	SDL_FreeSurface(pictured);
	assert_int_equal(kiosk("800x480", "ru", script, NULL), 0);
	SDL_Surface *pages = shot("pictured");
	assert_true(count_pixels(pages, 0, pages->h, marker_yellow) < 100);
	assert_true(count_pixels(pages, 0, pages->h, paper_white) > 30000); /* a page */
	SDL_FreeSurface(pages);
}

/* Two items alike but for an Armenian translation (items_csv: the two
 * rows, with-hy and without-hy, under their header), imported into a copy
 * of the default archive, then shown by scripts[0] in English and
 * scripts[1] in Armenian: alike to an English visitor, not to an Armenian
 * one. what names the screen compared. */
static void alike_but_for_armenian(const char *items_csv, const char *const scripts[2], const char *what)
{
	char cmd[2048], data[512];
	snprintf(data, sizeof data, "%s/data", test_dir);
	snprintf(cmd, sizeof cmd,
		 "cd %s && cp -a %s/build/data data && mkdir src && cp %s/archive/files/exodus-and-return.md src/a.md && "
		 "printf '%s' > src/items.csv && "
		 "%s/" HISHATAK " bundle --archive artsakh-archive --sequence 2 --key %s/build/keys/archive.key src stick >/dev/null 2>&1 && "
		 "%s/" HISHATAK " import --data data stick >/dev/null",
		 test_dir, getenv("PWD"), getenv("PWD"), items_csv, getenv("PWD"), getenv("PWD"), getenv("PWD"));
	assert_int_equal(run(cmd, NULL, 0), 0);
	static const char *const langs[] = {"en", "hy"};
	for (int i = 0; i < 2; i++) {
		int rc = kiosk("800x480", langs[i], scripts[i], data);
		if (rc != 0 || strstr(out, "layout:"))
			fail_msg("%s: exit %d: %s", langs[i], rc, out);
		SDL_Surface *with = shot("with"), *without = shot("without");
		double d = png_difference(with, without);
		if (i == 0 ? d != 0 : d == 0)
			fail_msg("%s: the %s differ by %.4f", langs[i], what, d);
		SDL_FreeSurface(with);
		SDL_FreeSurface(without);
	}
}

/* A cover gives the summary in the visitor's language where the bundle
 * has it (summary_hy), else the archive's, saying it is not translated:
 * two items alike but for an Armenian summary look the same to an English
 * visitor and differ for an Armenian one, in the summary's lines only. */
static void test_a_cover_gives_the_summary_in_the_visitors_language(void **state)
{
	static const char *const script = "open with-hy\nexpect cover\nshot with\nback\nopen without-hy\nexpect cover\nshot without\n";
	alike_but_for_armenian("id,kind,file,title,summary,summary_hy\n"
			       "with-hy,article,a.md,A summary,Refugees and their return.,Փախստականները և նրանց վերադարձը։\n"
			       "without-hy,article,a.md,A summary,Refugees and their return.,\n",
			       (const char *const[]){script, script}, "covers");
}

/* The reader's About gives the source in the visitor's language where the
 * bundle has it (source_hy), else the archive's: two items alike but for an
 * Armenian source look the same to an English visitor and differ for an
 * Armenian one. */
static void test_about_gives_the_source_in_the_visitors_language(void **state)
{
#define ABOUT(label) "open with-hy\nexpect cover\nkey Right\nexpect reader\ntap \"" label "\"\nshot with\n" \
		     "open without-hy\nexpect cover\nkey Right\nexpect reader\ntap \"" label "\"\nshot without\n"
	alike_but_for_armenian("id,kind,file,title,source,source_hy\n"
			       "with-hy,article,a.md,A source,A blog.,Բլոգ։\n"
			       "without-hy,article,a.md,A source,A blog.,\n",
			       (const char *const[]){ABOUT("About"), ABOUT("Մասին")}, "About panels");
#undef ABOUT
}

/* Take it home: a cover whose document has a source on the web shows a QR
 * code of the address, which a phone (zbarimg, Debian's zbar-tools) reads
 * back from the screenshot at every size; a cover without one shows none. */
static void test_a_cover_with_a_web_source_has_a_qr_code_a_phone_reads(void **state)
{
	const char *url = "https://evnreport.com/politics/reverse-ethnic-cleansing-part-2/";
	char cmd[2048], data[512];
	snprintf(data, sizeof data, "%s/data", test_dir);
	snprintf(cmd, sizeof cmd,
		 "cd %s && cp -a %s/build/data data && mkdir src && cp %s/archive/files/exodus-and-return.md src/web.md && "
		 "printf 'id,kind,file,title,source\nfrom-the-web,article,web.md,From the web,%s\n' > src/items.csv && "
		 "%s/" HISHATAK " bundle --archive artsakh-archive --sequence 2 --key %s/build/keys/archive.key src stick >/dev/null 2>&1 && "
		 "%s/" HISHATAK " import --data data stick >/dev/null",
		 test_dir, getenv("PWD"), getenv("PWD"), url, getenv("PWD"), getenv("PWD"), getenv("PWD"));
	assert_int_equal(run(cmd, NULL, 0), 0);
	static const char *const sizes[] = {"800x480", "1920x1080", "1080x1920"}, *const langs[] = {"hy", "ru", "en"};
	for (int i = 0; i < 3; i++) {
		int rc = kiosk(sizes[i], langs[i], "open from-the-web\nexpect cover\nshot web\nback\nopen exodus-and-return\nexpect cover\nshot plain\n", data);
		if (rc != 0 || strstr(out, "layout:"))
			fail_msg("%s %s: exit %d: %s", sizes[i], langs[i], rc, out);
		char read[512];
		snprintf(cmd, sizeof cmd, "zbarimg -q --raw %s/shots/web.png 2>/dev/null", test_dir);
		assert_int_equal(run(cmd, read, sizeof read), 0);
		read[strcspn(read, "\n")] = 0;
		if (strcmp(read, url) != 0)
			fail_msg("%s: the phone read \"%s\"", sizes[i], read);
		snprintf(cmd, sizeof cmd, "zbarimg -q --raw %s/shots/plain.png >/dev/null 2>&1", test_dir);
		assert_int_not_equal(run(cmd, NULL, 0), 0); /* no code on a cover without an address */
	}
}

/* Listen on the cover reads the document aloud from its first page. */
static void test_listen_on_the_cover_reads_the_document_aloud(void **state)
{
	check_heard("ru", "open ker-lindsay-nagorno-karabakh\nexpect cover\ntap \"Слушать\"\nexpect reader\nwait 300\nshot first\n"
			  "wait 20000\nshot later\n");
}

/* A visitor who listens does not touch: reading aloud holds the return to
 * Home, which comes the usual time after the reading stops. */
static void test_reading_aloud_holds_the_return_to_home(void **state)
{
	int rc = kiosk("800x480", "en",
		       "open ker-lindsay-nagorno-karabakh\nkey Right\ntap \"Listen\"\nidle 200\nexpect reader\n"
		       "tap \"Stop\"\nidle 100\nexpect reader\nidle 100\nexpect home\n", NULL);
	if (rc != 0)
		fail_msg("exit %d: %s", rc, out);
}

/* The last seconds before the return to Home are counted down on a card in
 * the three languages; a touch on it keeps the visitor where they were,
 * and never reaches the page under it. */
static void test_a_count_down_comes_before_the_return_home_and_a_touch_stays(void **state)
{
	int rc = kiosk("800x480", "ru",
		       "open ker-lindsay-nagorno-karabakh\nkey Right\nexpect reader\nidle 160\nshot before\n"
		       "idle 10\nshot counting\ntap \"Да, я здесь\"\nidle 20\nexpect reader\nshot stayed\n"
		       "idle 150\nexpect reader\nidle 11\nexpect home\n", NULL);
	if (rc != 0)
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *before = shot("before"), *counting = shot("counting"), *stayed = shot("stayed");
	assert_true(png_difference(before, counting) > 0.3); /* the card came, over a dimmed page */
	assert_true(png_difference(before, stayed) < 0.01);  /* and went, the page as it was */
	SDL_FreeSurface(before);
	SDL_FreeSurface(counting);
	SDL_FreeSurface(stayed);
	/* Under the card, the reader's buttons are not there to tap. */
	rc = kiosk("800x480", "ru", "open ker-lindsay-nagorno-karabakh\nkey Right\ntap \"Поиск\"\nexpect search\n", NULL);
	assert_int_equal(rc, 0);
	rc = kiosk("800x480", "ru", "open ker-lindsay-nagorno-karabakh\nkey Right\nidle 170\ntap \"Поиск\"\n", NULL);
	assert_int_not_equal(rc, 0);
}

/* Home's Listen says what the screen offers, in Armenian here. */
static void test_home_says_what_it_offers_in_the_visitors_language(void **state)
{
	check_heard("hy", "expect home\ntap \"Լսել\"\nwait 300\nshot home\nwait 20000\nexpect home\nshot later\n");
}

/* Admin chooses the sound device (HDMI or the headphone jack on a Pi): the
 * choice is kept in the catalogue and speech goes through it. */
static void test_admin_chooses_the_sound_output_and_speech_goes_there(void **state)
{
	char data[512], cmd[1024], err[256];
	snprintf(data, sizeof data, "%s/data", test_dir);
	snprintf(cmd, sizeof cmd, "cp -a build/data %s", data);
	assert_int_equal(run(cmd, NULL, 0), 0);
	check_heard_in(data, "en", "longpress 8 8 5200\nexpect pin\n" PIN_RIGHT "expect admin\nswipe 400 400 400 150 300\nwait 500\n"
				   "tap 743 213\nshot admin\nback\nback\nexpect home\ntap \"Listen\"\nwait 20000\n"); /* Sound output's + */
	if (strstr(out, "layout:"))
		fail_msg("%s", out);
	snprintf(cmd, sizeof cmd, "%s/catalog.db", data);
	catalog *c = catalog_open(cmd, err);
	assert_non_null(c);
	char *output = catalog_get_setting(c, "kiosk.sound_output");
	assert_non_null(output);
	assert_true(strlen(output) > 0); /* a device's name, not the default */
	free(output);
	catalog_close(c);
}

/* What the Pi image's set-up found wrong (HISHATAK_SYSTEM_NOTES names the
 * file) is shown to staff in Admin, above the settings. */
static void test_admin_shows_what_the_system_found_wrong(void **state)
{
	char notes[512], cmd[2048], script[512];
	snprintf(notes, sizeof notes, "%s/notes", test_dir);
	write_text(notes, "hishatak-trust.pub on the boot partition is not a minisign public key.\n");
	snprintf(script, sizeof script, "%s/script.txt", test_dir);
	write_text(script, "longpress 8 8 5200\nexpect pin\n" PIN_RIGHT "expect admin\nshot admin\n");
	for (int with = 0; with < 2; with++) {
		snprintf(cmd, sizeof cmd,
			 "HISHATAK_CHECK_LAYOUT=1 HISHATAK_SYSTEM_NOTES=%s " HISHATAK
			 " kiosk --data %s --size 800x480 --lang en --script %s --shots %s/shots%d 2>&1",
			 with ? notes : "", archive, script, test_dir, with);
		int rc = run(cmd, out, sizeof out);
		if (rc != 0 || strstr(out, "layout:"))
			fail_msg("exit %d: %s", rc, out);
	}
	char a[512], b[512];
	snprintf(a, sizeof a, "%s/shots0/admin.png", test_dir);
	snprintf(b, sizeof b, "%s/shots1/admin.png", test_dir);
	SDL_Surface *without = png_load(a), *with = png_load(b);
	/* A line more under the figures; the settings below are where they were. */
	assert_true(png_difference_rows(without, with, 68, 218) > 0.005);
	assert_true(png_difference_rows(without, with, 230, 480) < 0.001);
	SDL_FreeSurface(without);
	SDL_FreeSurface(with);
}

/* The access panel: the button beside the languages, then its rows
 * (larger text, high contrast, speak buttons, sound) and Done, in English
 * and in Armenian. */
#define ACCESS_BUTTON "\"Easier to see and hear\""
#define ACCESS_CONTRAST "\"High contrast\""
#define ACCESS_DONE "\"Done\""
#define ACCESS_BUTTON_HY "\"Ավելի հեշտ տեսնել և լսել\""
#define ACCESS_LARGE_HY "\"Ավելի մեծ տառեր\""
#define ACCESS_SPEAK_HY "\"Պահեք կոճակը՝ այն լսելու համար\""
#define ACCESS_DONE_HY "\"Պատրաստ\""

static int dark(const Uint8 *p)
{
	return p[0] < 40 && p[1] < 40 && p[2] < 40;
}

static int light(const Uint8 *p)
{
	return p[0] > 200 && p[1] > 200 && p[2] > 200;
}

/* The access panel is a panel as the others are (panel.c): its × closes
 * it, leaving the screen as it was, at every size and with larger text. */
static void test_the_access_panel_closes_with_its_cross(void **state)
{
	const char *sizes[] = {"800x480", "1080x1920"};
	for (int i = 0; i < 2; i++) {
		int rc = kiosk(sizes[i], "en",
			       "expect home\nshot before\ntap " ACCESS_BUTTON "\nshot panel\ntap \"Close\"\nshot after\n"
			       "tap " ACCESS_BUTTON "\ntap \"Larger text\"\nshot larger\ntap \"Close\"\nexpect home\n", NULL);
		if (rc != 0 || strstr(out, "layout:"))
			fail_msg("%s: exit %d: %s", sizes[i], rc, out);
		SDL_Surface *before = shot("before"), *panel = shot("panel"), *after = shot("after");
		assert_true(png_difference(before, panel) > 0.1);
		assert_true(png_difference(before, after) < 0.001);
		SDL_FreeSurface(before);
		SDL_FreeSurface(panel);
		SDL_FreeSurface(after);
	}
}

/* High contrast is one tap away on every screen (here Home and Browse),
 * turns the reader's pages light on black, and lasts until the kiosk goes
 * idle. */
static void test_high_contrast_lasts_from_screen_to_screen_until_idle(void **state)
{
	int rc = kiosk("800x480", "en",
		       "expect home\nshot normal\ntap \"Browse all\"\nexpect browse\ntap " ACCESS_BUTTON "\nshot panel\n"
		       "tap " ACCESS_CONTRAST "\ntap " ACCESS_DONE "\nshot browse\nback\nexpect home\nshot home\n"
		       "open ker-lindsay-nagorno-karabakh\nkey Right\nexpect reader\nshot page\n"
		       "idle 200\nexpect home\nshot after\n", NULL);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *normal = shot("normal"), *browse = shot("browse"), *home = shot("home"), *page = shot("page"),
		    *after = shot("after");
	int all = normal->w * normal->h;
	assert_true(count_pixels(normal, 0, normal->h, dark) < all / 10);
	assert_true(count_pixels(browse, 0, browse->h, dark) > all / 3); /* thumbnails stay as they are */
	assert_true(count_pixels(home, 0, home->h, dark) > all / 2);
	/* The page itself, between the bars: light text on black. */
	assert_true(count_pixels(page, 64, page->h - 64, dark) > page->w * (page->h - 128) * 3 / 4);
	assert_true(count_pixels(page, 64, page->h - 64, light) > 1000);
	/* The next visitor finds the kiosk as it was. */
	assert_true(png_difference(normal, after) < 0.01);
	SDL_FreeSurface(normal);
	SDL_FreeSurface(browse);
	SDL_FreeSurface(home);
	SDL_FreeSurface(page);
	SDL_FreeSurface(after);
}

/* Larger text makes the words on every screen larger, and a reflowable
 * document starts larger too: more pages, so the last page is later. */
static void test_larger_text_is_one_tap_away_and_makes_documents_larger(void **state)
{
	int rc = kiosk("800x480", "hy",
		       "expect home\nshot normal\nopen ker-lindsay-nagorno-karabakh\nkey Right\nshot page\nback\n"
		       "tap " ACCESS_BUTTON_HY "\ntap " ACCESS_LARGE_HY "\nshot panel\ntap " ACCESS_DONE_HY "\nshot large\n"
		       "open ker-lindsay-nagorno-karabakh\nkey Right\nexpect reader\nshot large_page\n", NULL);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *normal = shot("normal"), *large = shot("large"), *page = shot("page"), *large_page = shot("large_page");
	assert_true(png_difference(normal, large) > 0.05);
	assert_true(png_difference_rows(page, large_page, 64, page->h - 64) > 0.05);
	SDL_FreeSurface(normal);
	SDL_FreeSurface(large);
	SDL_FreeSurface(page);
	SDL_FreeSurface(large_page);
}

/* With speak buttons on, a finger held on a button says its label and does
 * not press it; without, a held finger says nothing. */
static void test_a_held_button_says_its_label_when_speak_buttons_is_on(void **state)
{
	check_heard("hy", "expect home\ntap " ACCESS_BUTTON_HY "\ntap " ACCESS_SPEAK_HY "\ntap " ACCESS_DONE_HY "\n"
			  "longpress \"Բոլորը\" 1200\nwait 20000\nexpect home\n");
}

/* Older hands: a press held long (and let go where it went down) is a tap. */
static void test_a_long_press_on_a_button_presses_it(void **state)
{
	int rc = kiosk("800x480", "en", "expect home\nlongpress \"Browse all\" 1500\nexpect browse\n", NULL);
	if (rc != 0)
		fail_msg("exit %d: %s", rc, out);
}

static void test_a_held_button_says_nothing_when_speak_buttons_is_off(void **state)
{
	size_t size;
	double rms, peak;
	run_listening(archive, "hy", "expect home\nlongpress \"Բոլորը\" 1200\nwait 20000\nexpect browse\n", &size, &rms, &peak); /* pressed, not said */
	assert_true(rms < 0.001);
}

/* A scanned page has no text: Listen says so, on screen and aloud, and the
 * reader goes on as before. */
static void test_a_document_without_text_says_it_cannot_be_read_aloud(void **state)
{
	char cmd[2048], data[512];
	snprintf(data, sizeof data, "%s/data", test_dir);
	snprintf(cmd, sizeof cmd,
		 "cd %s && cp -a %s/build/data data && mkdir src && "
		 "%s/" HISHATAK " render --data data what-can-be-done-now --pages 1 --size 600x800 --out src/scan.png >/dev/null && "
		 "printf 'id,kind,file,title\\nscanned-page,photo,scan.png,A scanned page\\n' > src/items.csv && "
		 "%s/" HISHATAK " bundle --archive artsakh-archive --sequence 2 --key %s/build/keys/archive.key src stick >/dev/null 2>&1 && "
		 "%s/" HISHATAK " import --data data stick >/dev/null",
		 test_dir, getenv("PWD"), getenv("PWD"), getenv("PWD"), getenv("PWD"), getenv("PWD"));
	assert_int_equal(run(cmd, NULL, 0), 0);
	int rc = kiosk("800x480", "en", "open scanned-page\nkey Right\nexpect reader\nshot before\ntap \"Listen\"\nwait 300\nshot said\nexpect reader\n",
		       data);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *before = shot("before"), *said = shot("said");
	assert_true(png_difference(before, said) > 0.01);                  /* the notice over the page */
	assert_true(png_difference_rows(before, said, said->h - 64, said->h) < 0.001); /* the page's own bar */
	assert_int_equal(count_pixels(said, 0, said->h, ruler_blue), 0);
	SDL_FreeSurface(before);
	SDL_FreeSurface(said);
}

/* Render worker processes running now that a kiosk started with
 * HISHATAK_TEST_TAG=tag in its environment left (workers inherit it), so
 * that other kiosks on the machine (a soak, another test run) do not count. */
static int render_workers(const char *tag)
{
	char want[600];
	/* With its end (the NUL between variables): another tag that begins with this one is another. */
	int n = 0, wlen = snprintf(want, sizeof want, "HISHATAK_TEST_TAG=%s", tag) + 1;
	DIR *proc = opendir("/proc");
	assert_non_null(proc);
	for (struct dirent *e; (e = readdir(proc));) {
		char path[300], cmdline[256] = "", env[65536];
		snprintf(path, sizeof path, "/proc/%s/cmdline", e->d_name);
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		size_t got = fread(cmdline, 1, sizeof cmdline - 1, f);
		fclose(f);
		if (got == 0 || !memmem(cmdline, got, "render-worker", 13))
			continue;
		snprintf(path, sizeof path, "/proc/%s/environ", e->d_name);
		if (!(f = fopen(path, "rb")))
			continue;
		got = fread(env, 1, sizeof env, f);
		fclose(f);
		n += memmem(env, got, want, (size_t)wlen) != NULL;
	}
	closedir(proc);
	return n;
}

/* Pixels of the reader's page area (at 800x480) that are white paper. */
static int white_pixels(SDL_Surface *s)
{
	return count_pixels(s, 70, s->h - 70, paper_white);
}

/* A page whose rendering crashes or hangs the render worker (faults made
 * on purpose in the worker) says so; the kiosk lives on and the next page
 * comes from a new worker. */
static void check_render_fault(const char *fault)
{
	char cmd[4096], path[512];
	snprintf(path, sizeof path, "%s/script.txt", test_dir);
	write_text(path, "open what-can-be-done-now\nkey Right\nshot first\nkey Right\nshot bad\nkey Right\nshot next\nexpect reader\n");
	snprintf(cmd, sizeof cmd,
		 "HISHATAK_TEST_TAG=%s HISHATAK_RENDER_FAULT=%s HISHATAK_RENDER_TIMEOUT_MS=1500 " HISHATAK
		 " kiosk --data %s --size 800x480 --script %s --shots %s/shots 2>&1",
		 test_dir, fault, archive, path, test_dir);
	int rc = run(cmd, out, sizeof out);
	if (rc != 0)
		fail_msg("%s: exit %d: %s", fault, rc, out);
	SDL_Surface *first = shot("first"), *bad = shot("bad"), *next = shot("next");
	assert_true(white_pixels(bad) < white_pixels(first) / 20); /* a message, not a white page */
	assert_true(png_difference(first, next) > 0.05);          /* the page after it is shown */
	assert_true(png_colours(next) > 20);
	SDL_FreeSurface(first);
	SDL_FreeSurface(bad);
	SDL_FreeSurface(next);
	assert_int_equal(render_workers(test_dir), 0); /* none left behind */
}

static void test_a_page_that_crashes_the_renderer_costs_only_that_page(void **state)
{
	check_render_fault("crash:1");
}

static void test_a_page_that_hangs_the_renderer_is_given_up(void **state)
{
	check_render_fault("hang:1");
}

/* A one-page PDF of two million filled triangles: seconds of MuPDF's work
 * that it can be stopped in (its cookie). */
static void write_slow_pdf(const char *path)
{
	const char *op = "0 0 m 612 792 l 612 0 l h B ";
	size_t n = strlen(op) * 2000000;
	char *content = malloc(n);
	for (size_t i = 0; i < n; i += strlen(op))
		memcpy(content + i, op, strlen(op));
	uLongf zlen = compressBound(n);
	unsigned char *z = malloc(zlen);
	assert_int_equal(compress2(z, &zlen, (const unsigned char *)content, n, 9), Z_OK);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	long offsets[4];
	fprintf(f, "%%PDF-1.7\n");
	offsets[0] = ftell(f);
	fprintf(f, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	offsets[1] = ftell(f);
	fprintf(f, "2 0 obj\n<< /Type /Pages /Count 1 /Kids [3 0 R] >>\nendobj\n");
	offsets[2] = ftell(f);
	fprintf(f, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>\nendobj\n");
	offsets[3] = ftell(f);
	fprintf(f, "4 0 obj\n<< /Length %lu /Filter /FlateDecode >>\nstream\n", (unsigned long)zlen);
	fwrite(z, 1, zlen, f);
	fprintf(f, "\nendstream\nendobj\n");
	long xref = ftell(f);
	fprintf(f, "xref\n0 5\n0000000000 65535 f \n");
	for (int i = 0; i < 4; i++)
		fprintf(f, "%010ld 00000 n \n", offsets[i]);
	fprintf(f, "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", xref);
	fclose(f);
	free(content);
	free(z);
}

/* The visitor opens a document whose page takes long, and goes on to
 * another before it is drawn: the page left behind is stopped (MuPDF's
 * cookie), and the next document's page is drawn at once, not after it. */
static void test_a_page_left_behind_is_stopped_and_the_next_comes_at_once(void **state)
{
	char cmd[4096], path[512];
	snprintf(path, sizeof path, "%s/src/slow.pdf", test_dir);
	snprintf(cmd, sizeof cmd, "mkdir -p %s/src %s/src3 && cp -a build/data %s/data && "
		 "cp archive/files/exodus-and-return.md %s/src3/a.md && cp archive/files/what-can-be-done-now.md %s/src3/b.md",
		 test_dir, test_dir, test_dir, test_dir, test_dir);
	assert_int_equal(run(cmd, NULL, 0), 0);
	write_slow_pdf(path);
	snprintf(path, sizeof path, "%s/src/items.csv", test_dir);
	write_text(path, "id,kind,file,title,date\nslow,report,slow.pdf,A slow page,2020\n");
	snprintf(path, sizeof path, "%s/src3/items.csv", test_dir); /* newer: Home shows these, not the slow one */
	write_text(path, "id,kind,file,title,date\nnew-a,article,a.md,New A,2025\nnew-b,article,b.md,New B,2025\n");
	snprintf(cmd, sizeof cmd, HISHATAK " bundle --archive artsakh-archive --sequence 2 --key build/keys/archive.key %s/src %s/stick && "
		 HISHATAK " bundle --archive artsakh-archive --sequence 3 --key build/keys/archive.key %s/src3 %s/stick && "
		 /* the import reads the slow page too: under the sanitizers on a busy machine, past 8 s */
		 "HISHATAK_PAGE_TIME_LIMIT_MS=120000 HISHATAK_RENDER_TIMEOUT_MS=120000 " HISHATAK " import --data %s/data %s/stick",
		 test_dir, test_dir, test_dir, test_dir, test_dir, test_dir);
	if (run(cmd, out, sizeof out) != 0)
		fail_msg("%s", out);
	assert_int_equal(kiosk("800x480", "en", "open exodus-and-return\nkey Right\nshot ref\n", NULL), 0);
	/* Neither the page time limit nor the watchdog would stop it in time. */
	snprintf(path, sizeof path, "%s/script.txt", test_dir);
	write_text(path, "open slow\nkey Right\nwait 300\nback\nopen exodus-and-return\nkey Right\nshot next\n");
	snprintf(cmd, sizeof cmd, "HISHATAK_PAGE_TIME_LIMIT_MS=120000 HISHATAK_RENDER_TIMEOUT_MS=120000 " HISHATAK
		 " kiosk --data %s/data --size 800x480 --script %s --shots %s/shots 2>&1", test_dir, path, test_dir);
	int rc = run(cmd, out, sizeof out);
	if (rc != 0)
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *ref = shot("ref"), *next = shot("next");
	assert_true(png_difference_rows(ref, next, 70, ref->h - 70) < 0.01);
	SDL_FreeSurface(ref);
	SDL_FreeSurface(next);
}

static int accent_ink(const Uint8 *p)
{
	return p[0] > 150 && p[0] < 215 && p[1] > 60 && p[1] < 110 && p[2] > 20 && p[2] < 70;
}

/* Admin's warnings at 800x480 are in the band below the PIN's: accent ink
 * there means staff are told something is wrong. */
static int admin_warning_ink(const char *name)
{
	SDL_Surface *s = shot(name);
	int n = count_pixels(s, 165, 210, accent_ink);
	SDL_FreeSurface(s);
	return n;
}

#define TO_ADMIN "longpress 8 8 5200\n" PIN_RIGHT "expect admin\nwait 500\nback\nlongpress 8 8 5200\n" PIN_RIGHT

static void test_a_damaged_catalogue_is_shown_as_far_as_it_goes_and_admin_says_so(void **state)
{
	char data[512], cmd[1024];
	snprintf(data, sizeof data, "%s/data", test_dir);
	snprintf(cmd, sizeof cmd, "cp -a build/data %s && rm -f %s/catalog.db-* && cp -a build/data %s/sound", data, data, test_dir);
	assert_int_equal(run(cmd, NULL, 0), 0);
	assert_int_equal(kiosk("800x480", "en", TO_ADMIN "shot sound\n", strcat(strcpy(cmd, test_dir), "/sound")), 0);
	assert_int_equal(admin_warning_ink("sound"), 0);
	/* Noise over a page of the search index, found by SQLite's dbstat (a
	 * page number fixed here would move with every change of the schema). */
	snprintf(cmd, sizeof cmd, "%s/catalog.db", data);
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open_v2(cmd, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT pageno FROM dbstat WHERE name = 'search_data' ORDER BY pageno LIMIT 1 OFFSET 3",
					    -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long page = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	FILE *f = fopen(cmd, "r+b");
	assert_non_null(f);
	unsigned char noise[4096];
	for (size_t i = 0; i < sizeof noise; i++)
		noise[i] = (unsigned char)(i * 37 + 11);
	fseek(f, 4096L * (page - 1), SEEK_SET);
	assert_int_equal(fwrite(noise, 1, sizeof noise, f), sizeof noise);
	fclose(f);
	int rc = kiosk("800x480", "en", "open exodus-and-return\nexpect reader\nback\n" TO_ADMIN "shot damaged\n", data);
	if (rc != 0)
		fail_msg("exit %d: %s", rc, out);
	assert_true(admin_warning_ink("damaged") > 200);
}

/* A clock set back between imports (a Pi without a real-time clock): the
 * item of sequence 2 is "added" in 2001, yet Home's "Recently added" puts
 * it first, as the order of import says. The touch targets on the screen,
 * in the order drawn, are what a failed tap lists. (Without the archive's
 * collections, which take the room of the newest at 800x480.) */
static void test_recently_added_follows_the_order_of_import_not_the_clock(void **state)
{
	char cmd[2048];
	snprintf(cmd, sizeof cmd,
		 "cp -a build/data %s/data && mkdir -p %s/src %s/stick && printf '# Zeta\\n\\nA later document.\\n' > %s/src/zeta.md && "
		 "printf 'id,kind,file,title\\nzeta,article,zeta.md,Zeta the latest\\n' > %s/src/items.csv && "
		 HISHATAK " bundle --archive artsakh-archive --sequence 2 --key build/keys/archive.key %s/src %s/stick >/dev/null 2>&1 && "
		 HISHATAK " import --data %s/data %s/stick >/dev/null",
		 test_dir, test_dir, test_dir, test_dir, test_dir, test_dir, test_dir, test_dir, test_dir);
	assert_int_equal(run(cmd, NULL, 0), 0);
	snprintf(cmd, sizeof cmd, "%s/data", test_dir);
	catalogue_sql(cmd, "UPDATE items SET added = '2001-01-01T00:00:00Z' WHERE id = 'zeta'; DELETE FROM collections");
	assert_int_equal(kiosk("800x480", "en", "expect home\ntap \"no such label\"\n", cmd), 1);
	const char *recent = strstr(out, "\"Articles\" "); /* the last kind's tile, then the recent items */
	assert_non_null(recent);
	assert_true(strncmp(recent + strlen("\"Articles\" "), "\"Zeta the latest\"", 17) == 0);
}

/* The clock before the last import (the log's newest row is from 2030):
 * screen hours that would black out the screen now are not kept, and
 * Admin tells staff to set the clock. */
static void test_a_clock_that_cannot_be_right_keeps_the_screen_on_and_admin_says_so(void **state)
{
	char data[512], cmd[2048];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	snprintf(data, sizeof data, "%s/data", test_dir);
	snprintf(cmd, sizeof cmd, "cp -a build/data %s", data);
	assert_int_equal(run(cmd, NULL, 0), 0);
	snprintf(cmd, sizeof cmd, "BEGIN; INSERT OR REPLACE INTO settings VALUES ('kiosk.on_hour', '%d');"
		 " INSERT OR REPLACE INTO settings VALUES ('kiosk.off_hour', '%d'); COMMIT",
		 (tm.tm_hour + 2) % 24, (tm.tm_hour + 3) % 24);
	catalogue_sql(data, cmd);
	/* The hours black it out while the clock is believed... */
	assert_int_equal(kiosk("800x480", "en", "idle 250\nexpect attract\nshot dark\n", data), 0);
	SDL_Surface *dark = shot("dark");
	assert_true(png_colours(dark) <= 2);
	SDL_FreeSurface(dark);
	/* ...not once it cannot be right. */
	catalogue_sql(data, "UPDATE import_log SET time = '2030-01-01T00:00:00Z'");
	int rc = kiosk("800x480", "en", "idle 250\nexpect attract\nshot lit\n", data);
	if (rc != 0)
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *lit = shot("lit");
	assert_true(png_colours(lit) > 20);
	SDL_FreeSurface(lit);
	assert_int_equal(kiosk("800x480", "en", TO_ADMIN "shot clock\n", data), 0);
	assert_true(admin_warning_ink("clock") > 200);
}

/* Staff set the date and time by hand: a year on, a minute back, "Set the
 * clock". The kiosk asks the system (the request in its data folder,
 * which the Pi image's service carries out) and never changes this
 * machine's clock itself. */
static void test_admin_sets_the_date_and_time_by_hand_without_touching_this_clock(void **state)
{
	char data[512], cmd[2048], path[600];
	snprintf(data, sizeof data, "%s/data", test_dir);
	snprintf(cmd, sizeof cmd, "cp -a build/data %s && rm -f %s/clock-set", data, data);
	assert_int_equal(run(cmd, NULL, 0), 0);
	time_t before = time(NULL);
	int rc = kiosk("800x480", "en", TO_ADMIN "swipe 400 400 400 100 300\nwait 800\ntap \"Year +\"\ntap \"Minute –\"\n"
			   "shot chosen\ntap \"Set the clock\"\nwait 300\nshot set\nwait 11000\nshot nobody\n", data);
	if (rc != 0)
		fail_msg("exit %d: %s", rc, out);
	time_t after = time(NULL);
	assert_true(after - before < 600); /* this machine's clock as it was */
	snprintf(path, sizeof path, "%s/clock-set", data);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	long long asked = 0;
	assert_int_equal(fscanf(f, "%lld", &asked), 1);
	fclose(f);
	/* The minute it showed when Admin opened, a year on, a minute back. */
	struct tm tm;
	time_t t = (time_t)asked;
	localtime_r(&t, &tm);
	tm.tm_year -= 1;
	tm.tm_min += 1;
	tm.tm_isdst = -1;
	time_t shown = mktime(&tm);
	assert_int_equal(asked % 60, 0);
	assert_true(shown >= before / 60 * 60 && shown <= after);
	assert_non_null(strstr(out, "the clock set by hand to"));
	/* Admin says what it is being set to. */
	SDL_Surface *chosen = shot("chosen"), *set = shot("set"), *nobody = shot("nobody");
	assert_true(png_difference(chosen, set) > 0.005); /* its line "The clock is being set to ..." */
	/* Nothing here carries the request out (no image's clock service): after a while Admin says so. */
	assert_true(png_difference(set, nobody) > 0.002);
	SDL_FreeSurface(chosen);
	SDL_FreeSurface(set);
	SDL_FreeSurface(nobody);
}

static void test_a_read_only_storage_is_shown_and_admin_says_nothing_can_be_saved(void **state)
{
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "mkdir -p %s/src %s/ro && cp -a build/data %s/src/data && rm -f %s/src/data/catalog.db-* && "
		 "mount --bind %s/src %s/ro 2>/dev/null && mount -o remount,bind,ro %s/ro 2>/dev/null",
		 test_dir, test_dir, test_dir, test_dir, test_dir, test_dir, test_dir);
	if (run(cmd, NULL, 0) != 0) {
		snprintf(cmd, sizeof cmd, "umount %s/ro 2>/dev/null", test_dir);
		run(cmd, NULL, 0);
		skip(); /* a read-only mount needs root and a kernel that lets it */
	}
	snprintf(cmd, sizeof cmd, "%s/ro/data", test_dir);
	int rc = kiosk("800x480", "en", "open exodus-and-return\nexpect reader\nkey Right\nback\n" TO_ADMIN "shot admin\n", cmd);
	snprintf(cmd, sizeof cmd, "umount %s/ro", test_dir);
	assert_int_equal(run(cmd, NULL, 0), 0);
	if (rc != 0)
		fail_msg("exit %d: %s", rc, out);
	assert_true(admin_warning_ink("admin") > 200);
}

/* --- a fixed-layout page on a landscape screen (issue 21) --- */

/* An A4 PDF of three pages, each a heading and a column of 11-point
 * Helvetica from 72 points in on either side, as office programs write
 * reports: the archive at test_dir/data holds it as "a4-report". */
/* The archive with a 12-page book (write_book_pdf: pages named i to iv
 * and 1 to 8, a folded outline of three chapters) as item "book". */
static void make_book_archive(void)
{
	char path[512], cmd[2048];
	snprintf(path, sizeof path, "%s/src", test_dir);
	mkdir(path, 0755);
	snprintf(path, sizeof path, "%s/src/book.pdf", test_dir);
	write_book_pdf(path);
	snprintf(path, sizeof path, "%s/src/items.csv", test_dir);
	write_text(path, "id,kind,file,title,date\nbook,report,book.pdf,A book in chapters,2021\n");
	snprintf(cmd, sizeof cmd, "rm -rf %s/data %s/stick && cp -a build/data %s/data && " HISHATAK " bundle --archive artsakh-archive "
		 "--sequence 2 --key build/keys/archive.key %s/src %s/stick >/dev/null 2>&1 && " HISHATAK " import --data %s/data %s/stick >/dev/null",
		 test_dir, test_dir, test_dir, test_dir, test_dir, test_dir, test_dir);
	assert_int_equal(run(cmd, out, sizeof out), 0);
}

static int kiosk_book(const char *size, const char *lang, const char *script)
{
	char data[512];
	snprintf(data, sizeof data, "%s/data", test_dir);
	return kiosk(size, lang, script, data);
}

/* The contents show the chapters first: a part is not there until its
 * chapter's + is tapped, then it leads to its page; the counter says the
 * page's own name with its number. */
static void test_the_contents_show_chapters_first_and_unfold_a_chapter(void **state)
{
	make_book_archive();
	/* Folded: no "Part One A" to tap. */
	int rc = kiosk_book("800x480", "en", "open book\nkey Right\nexpect reader\ntap \"i (1 / 12)\"\nshot folded\ntap \"Part One A\"\n");
	if (rc != 1 || !strstr(out, "Part One A"))
		fail_msg("a part shown before its chapter was opened: exit %d: %s", rc, out);
	rc = kiosk_book("800x480", "en",
			"open book\nkey Right\nexpect reader\ntap \"i (1 / 12)\"\nshot folded\n"
			"tap \"Chapter One: show its parts\"\nshot unfolded\ntap \"Part One B\"\nexpect reader\n"
			"tap \"iii (3 / 12)\"\nshot still_open\ntap \"Chapter One: hide its parts\"\ntap \"Chapter Three\"\nexpect reader\ntap \"6 (10 / 12)\"\nshot chapter_three\n");
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *folded = shot("folded"), *unfolded = shot("unfolded");
	assert_true(png_difference(folded, unfolded) > 0.01); /* two more rows */
	SDL_FreeSurface(folded);
	SDL_FreeSurface(unfolded);
	/* The same in Armenian and Russian, their words for it. */
	rc = kiosk_book("800x480", "ru", "open book\nkey Right\ntap \"i (1 / 12)\"\ntap \"Chapter Two: показать разделы\"\n"
			"tap \"Part Two A\"\nexpect reader\ntap \"3 (7 / 12)\"\n");
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("ru: exit %d: %s", rc, out);
	rc = kiosk_book("800x480", "hy", "open book\nkey Right\ntap \"i (1 / 12)\"\ntap \"Chapter Two — ցույց տալ բաժինները\"\n"
			"tap \"Part Two A\"\nexpect reader\ntap \"3 (7 / 12)\"\n");
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("hy: exit %d: %s", rc, out);
}

/* The slider over the page grid: a tap on it (its middle) goes to the
 * page there, which the counter then names; a finger slid along it goes
 * to the page where it lets go. */
static void test_the_page_slider_goes_to_a_page(void **state)
{
	make_book_archive();
	int rc = kiosk_book("800x480", "en", "open book\nkey Right\nexpect reader\nshot first\ntap \"i (1 / 12)\"\nshot panel\n"
			    "tap \"Slide to a page\"\nexpect reader\nshot middle\ntap \"3 (7 / 12)\"\n"
			    /* Held and slid to its right end (at 800x480 the track runs at y 147 from x 72 to 728): the last page on release. */
			    "swipe 400 147 790 147 600\nexpect reader\ntap \"8 (12 / 12)\"\n");
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *first = shot("first"), *middle = shot("middle");
	assert_true(png_difference(first, middle) > 0.01); /* another page */
	SDL_FreeSurface(first);
	SDL_FreeSurface(middle);
}

/* Home is on every screen's bar and goes home from the reader, its
 * cover, a content note, Browse, the Timeline, Topics and Search. */
static void test_home_is_on_every_screen(void **state)
{
	make_book_archive();
	int rc = kiosk_book("800x480", "en",
			    "open book\nexpect cover\ntap \"Home\"\nexpect home\n"
			    "open book\nkey Right\nexpect reader\ntap \"Home\"\nexpect home\n"
			    "open call-for-action-2022-11\nexpect note\ntap \"Home\"\nexpect home\n"
			    "tap \"Browse all\"\nexpect browse\ntap \"Home\"\nexpect home\n"
			    "tap \"Timeline\"\nexpect timeline\ntap \"Home\"\nexpect home\n"
			    "tap \"Topics\"\nexpect topics\ntap \"Home\"\nexpect home\n"
			    "tap \"Search\"\nexpect search\ntap \"Home\"\nexpect home\n"
			    /* Home leaves no history: Back from Home stays there. */
			    "back\nexpect home\n");
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
}

/* After a search in the document, Back goes to the results and then to
 * the page the visitor was reading, not to the last match. */
static void test_back_after_a_search_in_it_returns_to_the_page_being_read(void **state)
{
	make_book_archive();
	int rc = kiosk_book("800x480", "en",
			    "open book\nkey Right\nexpect reader\nkey Right\nkey Right\nkey Right\nwait 500\nshot reading\n"
			    "tap \"Search\"\nexpect search\ntype Lachin\ntap \"Hide\"\ntap \"A book in chapters\"\nexpect reader\n"
			    "tap \"5 (9 / 12)\"\nback\nexpect reader\nback\nexpect search\nback\nexpect reader\nshot back\n"
			    "tap \"iv (4 / 12)\"\n");
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("exit %d: %s", rc, out);
	SDL_Surface *reading = shot("reading"), *back = shot("back");
	assert_true(png_difference(reading, back) < 0.01); /* the same page, unmarked */
	SDL_FreeSurface(reading);
	SDL_FreeSurface(back);
}

static void make_a4_archive(void)
{
	static const char *words[] = {"Stepanakert", "Shushi", "Askeran", "Martakert", "Hadrut", "the", "archive", "keeps",
				      "letters", "reports", "and", "photographs", "of", "people", "who", "lived", "in", "valleys"};
	char path[512], cmd[2048], content[3][8192];
	long offsets[10];
	for (int p = 0, w = 0; p < 3; p++) {
		int n = snprintf(content[p], sizeof content[p], "BT /F1 18 Tf 72 770 Td (Report, page %d) Tj ET\n", p + 1);
		for (int line = 0, y = 740; line < 52; line++, y -= 13) {
			char text[128] = "";
			while (strlen(text) < 84) {
				strcat(text, words[w++ % 18]);
				strcat(text, " ");
			}
			n += snprintf(content[p] + n, sizeof content[p] - (size_t)n, "BT /F1 11 Tf 72 %d Td (%s) Tj ET\n", y, text);
		}
	}
	snprintf(path, sizeof path, "%s/src", test_dir);
	mkdir(path, 0755);
	snprintf(path, sizeof path, "%s/src/a4.pdf", test_dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fprintf(f, "%%PDF-1.4\n");
	offsets[0] = ftell(f);
	fprintf(f, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	offsets[1] = ftell(f);
	fprintf(f, "2 0 obj\n<< /Type /Pages /Count 3 /Kids [3 0 R 5 0 R 7 0 R] >>\nendobj\n");
	for (int p = 0; p < 3; p++) {
		offsets[2 + 2 * p] = ftell(f);
		fprintf(f, "%d 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 9 0 R >> >> "
			"/Contents %d 0 R >>\nendobj\n", 3 + 2 * p, 4 + 2 * p);
		offsets[3 + 2 * p] = ftell(f);
		fprintf(f, "%d 0 obj\n<< /Length %zu >>\nstream\n%sendstream\nendobj\n", 4 + 2 * p, strlen(content[p]), content[p]);
	}
	offsets[8] = ftell(f);
	fprintf(f, "9 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n");
	long xref = ftell(f);
	fprintf(f, "xref\n0 10\n0000000000 65535 f \n");
	for (int i = 0; i < 9; i++)
		fprintf(f, "%010ld 00000 n \n", offsets[i]);
	fprintf(f, "trailer\n<< /Size 10 /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", xref);
	fclose(f);
	snprintf(path, sizeof path, "%s/src/items.csv", test_dir);
	write_text(path, "id,kind,file,title,date\na4-report,report,a4.pdf,An A4 report,2020\n");
	snprintf(cmd, sizeof cmd, "cp -a build/data %s/data && " HISHATAK " bundle --archive artsakh-archive --sequence 2 --key build/keys/archive.key "
		 "%s/src %s/stick >/dev/null 2>&1 && " HISHATAK " import --data %s/data %s/stick >/dev/null", test_dir, test_dir, test_dir,
		 test_dir, test_dir);
	assert_int_equal(run(cmd, out, sizeof out), 0);
}

/* Runs script on the A4 report's archive at size in lang: its exit status,
 * with no cut label allowed. */
static void kiosk_a4(const char *size, const char *lang, const char *script)
{
	char data[512];
	snprintf(data, sizeof data, "%s/data", test_dir);
	int rc = kiosk(size, lang, script, data);
	if (rc != 0 || strstr(out, "layout:"))
		fail_msg("kiosk %s %s: exit %d: %s", size, lang, rc, out);
}

static int dark_ink(const Uint8 *p)
{
	return p[0] < 110 && p[1] < 110 && p[2] < 110;
}

/* The leftmost and rightmost dark pixels (text) of rows y0 to y1. */
static void ink_span(SDL_Surface *s, int y0, int y1, int *left, int *right)
{
	*left = s->w;
	*right = -1;
	for (int y = y0; y < y1; y++)
		for (int x = 0; x < s->w; x++)
			if (dark_ink((Uint8 *)s->pixels + y * s->pitch + x * s->format->BytesPerPixel)) {
				*left = SDL_min(*left, x);
				*right = SDL_max(*right, x);
			}
}

/* The issue's "done when": at 800x480 an A4 PDF's text column spans at
 * least nine tenths of the screen's width, as it opens. */
static void test_an_a4_page_is_fitted_to_the_width_of_a_small_landscape_screen(void **state)
{
	make_a4_archive();
	kiosk_a4("800x480", "en", "open a4-report\nexpect cover\nkey Right\nexpect reader\nshot page\n");
	SDL_Surface *page = shot("page");
	int left, right;
	ink_span(page, 70, page->h - 70, &left, &right); /* between the bars */
	if (right - left + 1 < page->w * 9 / 10)
		fail_msg("the text spans %d to %d of %d pixels", left, right, page->w);
	SDL_FreeSurface(page);
}

/* Dragging up scrolls from the first page's bottom into the second's top
 * (the counter says so), and dragging down comes back. */
static void test_a_page_fitted_to_the_width_scrolls_on_into_the_next(void **state)
{
	make_a4_archive();
	kiosk_a4("800x480", "en",
		 "open a4-report\nkey Right\nexpect reader\nshot top\n"
		 "swipe 400 380 400 80 600\nswipe 400 380 400 80 600\nswipe 400 380 400 80 600\nswipe 400 380 400 80 600\nwait 1500\nshot down\n"
		 "tap \"2 / 3\"\nback\nexpect reader\n"
		 "swipe 400 80 400 380 600\nswipe 400 80 400 380 600\nswipe 400 80 400 380 600\nswipe 400 80 400 380 600\n"
		 "swipe 400 80 400 380 600\nswipe 400 80 400 380 600\nwait 1500\n"
		 "tap \"1 / 3\"\nback\nexpect reader\n");
	SDL_Surface *top = shot("top"), *down = shot("down");
	assert_true(png_difference_rows(top, down, 70, top->h - 70) > 0.02);
	SDL_FreeSurface(top);
	SDL_FreeSurface(down);
}

/* Sideways swipes and › turn a page fitted to the width, zoomed or not,
 * to the next page's top; the zoom stays from page to page, and Whole page
 * is offered while zoomed. */
static void test_swipes_turn_pages_fitted_to_the_width_and_the_zoom_stays(void **state)
{
	make_a4_archive();
	kiosk_a4("800x480", "en",
		 "open a4-report\nkey Right\nexpect reader\nswipe 640 240 160 240 300\nwait 500\nshot second\n"
		 "tap \"2 / 3\"\nback\nkey Left\nwait 500\ntap \"1 / 3\"\nback\n"
		 "pinch 400 240 2\nwait 500\ntap \"›\"\nwait 500\nshot zoomed_second\ntap \"2 / 3\"\nback\n"
		 "swipe 700 240 20 240 200\nwait 300\nswipe 700 240 20 240 200\nwait 500\ntap \"3 / 3\"\nback\n");
	SDL_Surface *second = shot("second"), *zoomed = shot("zoomed_second");
	assert_true(png_difference_rows(second, zoomed, 70, second->h - 70) > 0.05); /* larger: the zoom stayed */
	SDL_FreeSurface(second);
	SDL_FreeSurface(zoomed);
}

/* How many pages the reader's counter says ("1 / N") in the kiosk's
 * output, where a tap on no target listed the labels; 0 when none. */
static int pages_counted(void)
{
	const char *at = strstr(out, "\"1 / ");
	return at ? atoi(at + 5) : 0;
}

/* A pinch on reflowed text makes the text larger, laid out again (more
 * pages, the first still first), not a picture whose lines run off the
 * screen's sides; a pinch in makes it smaller. */
static void test_a_pinch_on_reflowed_text_sets_its_size(void **state)
{
	const char *open = "open what-can-be-done-now\nexpect cover\nkey Right\nexpect reader\nwait 500\n";
	char script[512];
	snprintf(script, sizeof script, "%stap \"?\"\n", open);
	kiosk("800x480", "en", script, NULL);
	int usual = pages_counted();
	snprintf(script, sizeof script, "%spinch 400 240 2\nwait 1500\nshot larger\ntap \"?\"\n", open);
	kiosk("800x480", "en", script, NULL);
	int larger = pages_counted();
	snprintf(script, sizeof script, "%spinch 400 240 0.5\nwait 1500\ntap \"?\"\n", open);
	kiosk("800x480", "en", script, NULL);
	int smaller = pages_counted();
	if (usual == 0 || larger <= usual || smaller == 0 || smaller >= usual)
		fail_msg("pages: %d usual, %d after a pinch out, %d after a pinch in", usual, larger, smaller);
	SDL_Surface *page = shot("larger");
	int left, right;
	ink_span(page, 70, page->h - 70, &left, &right); /* the lines within the screen, with margins */
	assert_true(left > 8 && right < page->w - 8);
	SDL_FreeSurface(page);
}

/* Whole page, in each language, shows two whole pages side by side on a
 * landscape screen, and › turns by both; the way back to the width is
 * there too. */
static void test_whole_page_shows_two_pages_side_by_side_in_each_language(void **state)
{
	static const char *langs[] = {"en", "hy", "ru"};
	static const char *whole[] = {"Whole page", "Ամբողջ էջը", "Вся страница"};
	static const char *width[] = {"Fit width", "Ըստ լայնության", "По ширине"};
	make_a4_archive();
	for (int l = 0; l < 3; l++) {
		char script[1024];
		snprintf(script, sizeof script,
			 "open a4-report\nkey Right\nexpect reader\nshot fitted\ntap \"%s\"\nwait 500\nshot whole\n"
			 "tap \"›\"\nwait 300\ntap \"3 / 3\"\nback\ntap \"%s\"\nwait 500\nshot again\n", whole[l], width[l]);
		kiosk_a4("800x480", langs[l], script);
		SDL_Surface *fitted = shot("fitted"), *two = shot("whole");
		int left, right;
		ink_span(two, 70, two->h - 70, &left, &right);
		assert_true(left < two->w / 4 && right > two->w * 3 / 4); /* a page either side of the middle */
		int middle = 0; /* and the gap between them */
		for (int y = 70; y < two->h - 70; y++)
			middle += dark_ink((Uint8 *)two->pixels + y * two->pitch + (two->w / 2) * two->format->BytesPerPixel);
		assert_int_equal(middle, 0);
		assert_true(png_difference_rows(fitted, two, 70, two->h - 70) > 0.05);
		SDL_FreeSurface(fitted);
		SDL_FreeSurface(two);
	}
}

/* The fixed page's buttons (Whole page and Fit width, + and – where there
 * is room) fit the top bar at every size and in every language: nothing
 * cut, nothing overlapping. */
static void test_whole_page_and_fit_width_fit_the_bar_at_every_size_in_three_languages(void **state)
{
	static const char *sizes[] = {"1024x600", "1920x1080", "1080x1920", "720x1280"};
	static const char *langs[] = {"en", "hy", "ru"};
	static const char *whole[] = {"Whole page", "Ամբողջ էջը", "Вся страница"};
	static const char *width[] = {"Fit width", "Ըստ լայնության", "По ширине"};
	make_a4_archive();
	for (int s = 0; s < 4; s++)
		for (int l = 0; l < 3; l++) {
			char script[512];
			snprintf(script, sizeof script, "open a4-report\nkey Right\nexpect reader\nwait 300\ntap \"%s\"\nwait 300\ntap \"%s\"\nwait 300\n",
				 whole[l], width[l]);
			kiosk_a4(sizes[s], langs[l], script);
		}
}

static int navy(const Uint8 *p)
{
	return p[0] == 19 && p[1] == 41 && p[2] == 75;
}

/* A tap in the page's middle hides both bars (the page takes the screen,
 * a line at the bottom says how far in), another brings them back. */
static void test_a_tap_in_the_middle_of_the_page_hides_the_bars_and_another_brings_them_back(void **state)
{
	make_a4_archive();
	kiosk_a4("800x480", "en",
		 "open a4-report\nkey Right\nexpect reader\nshot bars\ntap 400 240\nwait 300\nshot hidden\n"
		 "tap 400 240\nwait 300\nshot back\ntap \"1 / 3\"\nback\nexpect reader\n");
	SDL_Surface *bars = shot("bars"), *hidden = shot("hidden"), *back = shot("back");
	assert_true(count_pixels(bars, 0, 64, navy) > 800 * 20);
	assert_int_equal(count_pixels(hidden, 0, 64, navy), 0);
	assert_true(count_pixels(hidden, 70, hidden->h - 70, dark_ink) > 0); /* the page, not a blank */
	assert_true(png_difference(bars, back) < 0.01);
	SDL_FreeSurface(bars);
	SDL_FreeSurface(hidden);
	SDL_FreeSurface(back);
}

/* Two quick taps at the page's right edge are two page turns, not a
 * double tap that zooms. */
static void test_two_quick_taps_at_the_edge_turn_two_pages(void **state)
{
	make_a4_archive();
	kiosk_a4("800x480", "en", "open a4-report\nkey Right\nexpect reader\nwait 300\ntap 780 240\ntap 780 240\nwait 500\ntap \"3 / 3\"\nback\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_about_shows_the_summary_read_when_asked, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_reading_aloud_marks_the_sentence_heard, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_reading_aloud_marks_the_sentence_heard_upright_in_armenian, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_reading_aloud_turns_the_page_and_stops_when_asked, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_reading_aloud_is_heard_through_the_sound_device, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_count_down_comes_before_the_return_home_and_a_touch_stays, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_home_says_what_it_offers_in_the_visitors_language, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_document_opens_to_its_cover_in_the_visitors_language, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_attract_loop_crossfades_from_one_collection_to_the_next, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_attract_loop_shows_a_collections_own_picture, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_cover_gives_the_summary_in_the_visitors_language, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_about_gives_the_source_in_the_visitors_language, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_cover_with_a_web_source_has_a_qr_code_a_phone_reads, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_listen_on_the_cover_reads_the_document_aloud, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_reading_aloud_holds_the_return_to_home, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_document_without_text_says_it_cannot_be_read_aloud, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_access_panel_closes_with_its_cross, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_high_contrast_lasts_from_screen_to_screen_until_idle, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_larger_text_is_one_tap_away_and_makes_documents_larger, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_held_button_says_its_label_when_speak_buttons_is_on, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_long_press_on_a_button_presses_it, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_held_button_says_nothing_when_speak_buttons_is_off, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_small_screen_session_in_english, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_small_screen_session_in_armenian, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_large_screen_session_in_english, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_portrait_screen_session_in_armenian, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_language_buttons_change_the_words_on_screen, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_tap_on_a_tile_opens_it_and_swipes_turn_pages, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_an_item_with_a_content_note_opens_to_the_note_first, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_failed_expect_exits_1_with_its_line, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_tap_by_label_presses_that_button_or_fails_with_its_line, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_without_a_display_the_kiosk_says_so_and_exits_2, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_bad_script_exits_2_before_anything_runs, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_missing_archive_shows_a_notice_instead_of_crashing, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_document_whose_file_is_gone_says_so_on_its_page, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_browse_thumbnails_come_back_after_a_document_opened_while_they_were_drawn, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_stick_is_imported_with_progress_and_the_reader_comes_back, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_stick_is_imported_on_a_portrait_screen_in_armenian, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_withdrawal_of_an_id_the_kiosk_does_not_hold_is_said_on_the_result, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_import_screen_can_be_left_and_its_result_comes_back, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_second_stick_mounted_during_an_import_is_imported_next, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_old_bundles_on_a_stick_are_skipped_and_the_new_ones_named, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_result_is_shown_over_any_screen_and_the_visitor_goes_back, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_stick_whose_bundle_is_too_deep_says_where_it_belongs, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_refused_stick_says_so_and_changes_nothing, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_whole_visit_at_six_sizes_in_three_languages, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_home_leads_to_browse_timeline_topics_and_search, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_collection_on_home_leads_to_its_items, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_topics_show_in_armenian_and_russian_and_lead_to_their_items, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_missing_translation_is_shown_in_english, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_home_counts_photographs_and_leads_to_them, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_mistyped_year_makes_one_column_not_centuries_of_empty_ones, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_home_has_no_tile_for_a_kind_the_archive_does_not_hold, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_browse_says_what_it_is_filtered_to, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_view_button_says_what_a_tap_shows, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_filter_is_cleared_by_the_cross_on_its_chip, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_search_finds_as_one_types_and_opens_on_a_marked_page, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_long_typed_text_arrives_whole, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_query_is_shown_whole_under_the_top_bar, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_keyboard_makes_way_for_the_results_on_a_small_screen, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_keyboard_has_a_tab_for_each_layout, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_search_in_a_document_starts_in_its_script, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_pin_pad_locks_after_three_wrong_pins_and_the_right_one_opens_admin, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_pin_pad_stays_locked_when_the_pin_cannot_be_read, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_recently_added_follows_the_order_of_import_not_the_clock, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_admin_sets_the_date_and_time_by_hand_without_touching_this_clock, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_clock_that_cannot_be_right_keeps_the_screen_on_and_admin_says_so, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_contents_lead_to_a_heading_and_the_page_grid_to_a_page, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_contents_show_chapters_first_and_unfold_a_chapter, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_page_slider_goes_to_a_page, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_home_is_on_every_screen, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_back_after_a_search_in_it_returns_to_the_page_being_read, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_admin_chooses_the_sound_output_and_speech_goes_there, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_admin_shows_what_the_system_found_wrong, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_text_size_relays_out_a_reflowable_document, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_footnote_mark_shows_its_note, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_search_in_a_document_goes_to_each_passage, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_search_in_a_document_finds_a_word_typed_in_another_script, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_search_in_the_kiosk_finds_from_any_script_what_the_latin_spelling_finds, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_query_that_finds_nothing_offers_topics_and_collections, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_misspelt_query_shows_results_for_the_nearest_word_and_offers_what_was_typed,
						setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_page_that_crashes_the_renderer_costs_only_that_page, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_page_that_hangs_the_renderer_is_given_up, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_footnote_mark_shows_its_note_upright_in_armenian, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_footnote_mark_shows_its_note_on_a_large_screen_in_russian, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_page_left_behind_is_stopped_and_the_next_comes_at_once, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_damaged_catalogue_is_shown_as_far_as_it_goes_and_admin_says_so, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_read_only_storage_is_shown_and_admin_says_nothing_can_be_saved, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_an_a4_page_is_fitted_to_the_width_of_a_small_landscape_screen, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_page_fitted_to_the_width_scrolls_on_into_the_next, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_swipes_turn_pages_fitted_to_the_width_and_the_zoom_stays, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_pinch_on_reflowed_text_sets_its_size, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_timeline_says_there_are_earlier_years_and_goes_to_them, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_whole_page_shows_two_pages_side_by_side_in_each_language, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_tap_in_the_middle_of_the_page_hides_the_bars_and_another_brings_them_back, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_two_quick_taps_at_the_edge_turn_two_pages, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_whole_page_and_fit_width_fit_the_bar_at_every_size_in_three_languages, setup_test_dir,
						teardown_test_dir),
	};
	if (getenv("TEST_ONLY")) /* a pattern, like "*contrast*": while working on one thing */
		cmocka_set_test_filter(getenv("TEST_ONLY"));
	char cmd[600];
	snprintf(archive, sizeof archive, "/tmp/hishatak-kiosk-archive-XXXXXX");
	if (!mkdtemp(archive))
		return 1;
	snprintf(cmd, sizeof cmd, "rmdir %s && cp -a build/data %s", archive, archive);
	if (system(cmd) != 0)
		return 1;
	int failed = cmocka_run_group_tests_name("kiosk", tests, NULL, NULL);
	snprintf(cmd, sizeof cmd, "rm -rf %s", archive);
	if (system(cmd) != 0)
		return 1;
	return failed;
}
