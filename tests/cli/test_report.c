/* hishatak report end to end: real kiosk runs with scripts count what a
 * visitor does, the report says it in JSON and in one HTML page of its own,
 * Admin saves it onto a stick (a writable folder, and a read-only mount
 * the image's stick writer writes), and several reports merge into one
 * table. On copies of the default archive (build/data). */
#include "helpers.h"
#include "core/files.h"

#include <sqlite3.h>
#include <sys/mount.h>
#include <sys/statvfs.h>

static char out[1 << 20];

#define PIN_RIGHT "longpress 8 8 5200\nexpect pin\ntap \"0\"\ntap \"0\"\ntap \"0\"\ntap \"0\"\ntap \"OK\"\nexpect admin\n"

/* A visitor: two languages, a document read for about 7 s, Listen on
 * another's cover, a search typed in two goes that finds nothing. */
static const char *visitor =
	"expect home\n"
	"tap \"Русский\"\ntap \"English\"\n"
	"open what-can-be-done-now\nexpect cover\nwait 3000\nkey Right\nexpect reader\nwait 4000\nback\nback\nexpect home\n"
	"open ker-lindsay-nagorno-karabakh\nexpect cover\ntap \"Listen\"\nwait 2000\nexpect reader\nback\nexpect home\n"
	"tap \"Search\"\nexpect search\ntype lach\nwait 4000\ntype in zzqx\nwait 4000\nback\nexpect home\n";

/* Another: the same document for about 2 s, a search that finds something. */
static const char *another = "expect home\nopen what-can-be-done-now\nexpect cover\nwait 2000\nback\n"
			     "tap \"Search\"\ntype peacekeep\nwait 4000\nback\n";

static int hishatak(const char *args)
{
	char cmd[8192];
	snprintf(cmd, sizeof cmd, HISHATAK " %s 2>&1", args);
	return run(cmd, out, sizeof out);
}

/* A copy of the default archive, as test_dir/NAME, with no counts yet
 * (the kiosk's tests count their visits in build/data). */
static void copy_archive(const char *name)
{
	char path[512];
	sqlite3 *db;
	assert_int_equal(run_fmt(NULL, 0, "cp -r build/data %s/%s", test_dir, name), 0);
	snprintf(path, sizeof path, "%s/%s/catalog.db", test_dir, name);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DELETE FROM usage", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static int run_kiosk(const char *data, const char *script)
{
	char path[512];
	snprintf(path, sizeof path, "%s/script.txt", test_dir);
	write_text(path, script);
	return run_fmt(out, sizeof out, HISHATAK " kiosk --data %s/%s --size 800x480 --script %s --shots %s/shots 2>&1",
		       test_dir, data, path, test_dir);
}

static void kiosk(const char *data, const char *script)
{
	int rc = run_kiosk(data, script);
	if (rc != 0)
		fail_msg("kiosk: exit %d: %s", rc, out);
}

/* The value at path of the JSON text (SQLite's json_extract), as text. */
static const char *json(const char *text, const char *path)
{
	static char value[4096];
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT json_extract(?1, ?2)", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	const char *v = (const char *)sqlite3_column_text(st, 0);
	snprintf(value, sizeof value, "%s", v ? v : "(null)");
	sqlite3_finalize(st);
	sqlite3_close(db);
	return value;
}

static char *read_report(const char *dir, const char *file)
{
	char path[4200], err[256];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	char *text = files_read(path, 16 << 20, NULL, err);
	if (!text)
		fail_msg("%s", err);
	return text;
}

static void test_a_kiosk_run_is_counted_and_the_report_says_it_in_json(void **state)
{
	skip_unless_the_program_runs();
	char cmd[1024], dir[512];
	copy_archive("data");
	kiosk("data", visitor);
	kiosk("data", another);
	snprintf(dir, sizeof dir, "%s/out", test_dir);
	snprintf(cmd, sizeof cmd, "report --data %s/data --out %s", test_dir, dir);
	if (hishatak(cmd) != 0)
		fail_msg("%s", out);
	char *r = read_report(dir, "report.json");
	assert_string_equal(json(r, "$.format"), "hishatak-report/1");
	assert_string_equal(json(r, "$.archive"), "artsakh-archive");
	assert_true(atoi(json(r, "$.sequence")) >= 1);
	assert_string_equal(json(r, "$.items"), "6");
	assert_string_equal(json(r, "$.kinds.article"), "3");
	assert_true(atoll(json(r, "$.free_bytes")) > 0);
	assert_string_equal(json(r, "$.imports[0].result"), "applied");
	assert_string_equal(json(r, "$.imports[0].added"), "6");
	/* What the two visitors did. */
	assert_string_equal(json(r, "$.usage.documents[0].id"), "what-can-be-done-now");
	assert_string_equal(json(r, "$.usage.documents[0].opened"), "2");
	int read = atoi(json(r, "$.usage.documents[0].seconds_read"));
	assert_true(read >= 8 && read <= 10); /* 7 s, then 2 s: to the last touch */
	assert_string_equal(json(r, "$.usage.documents[0].title"), "What Can Be Done After the September 19 Offensive");
	assert_string_equal(json(r, "$.usage.documents[1].id"), "ker-lindsay-nagorno-karabakh");
	assert_string_equal(json(r, "$.usage.documents[1].listens"), "1");
	assert_string_equal(json(r, "$.usage.totals.opened"), "3");
	assert_string_equal(json(r, "$.usage.totals.listens"), "1");
	assert_string_equal(json(r, "$.usage.totals.searches"), "2");
	assert_string_equal(json(r, "$.usage.totals.searches_found_nothing"), "1");
	assert_string_equal(json(r, "$.usage.words_found_nothing[0].word"), "lachin");
	assert_string_equal(json(r, "$.usage.words_found_nothing[1].word"), "zzqx");
	assert_string_equal(json(r, "$.usage.words_found_nothing[2].word"), "(null)"); /* peacekeep found something */
	assert_string_equal(json(r, "$.usage.languages[0].count"), "1");
	assert_string_equal(json(r, "$.usage.days[0].opened"), "3");
	assert_string_equal(json(r, "$.usage.days[1].day"), "(null)"); /* all today */
	free(r);

	/* In the catalogue: the day's sums alone, one row a document however
	 * many visitors opened it, and no other row of any of it. */
	sqlite3 *db;
	sqlite3_stmt *st;
	char path[512];
	snprintf(path, sizeof path, "%s/data/catalog.db", test_dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*), sum(count) FROM usage WHERE what = 'open' AND key = 'what-can-be-done-now'", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	assert_int_equal(sqlite3_column_int(st, 1), 2);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT group_concat(what || ':' || key, ' ') FROM usage ORDER BY 1", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	const char *all = (const char *)sqlite3_column_text(st, 0);
	assert_int_equal(count(all, ":"), 9); /* 2 languages, 2 documents, 1 listen, 2 searches, 2 words */
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void test_the_html_is_one_page_with_its_charts_and_nothing_from_outside(void **state)
{
	skip_unless_the_program_runs();
	char cmd[1024], dir[512];
	copy_archive("data");
	kiosk("data", visitor);
	snprintf(dir, sizeof dir, "%s/out", test_dir);
	snprintf(cmd, sizeof cmd, "report --data %s/data --out %s", test_dir, dir);
	assert_int_equal(hishatak(cmd), 0);
	char *h = read_report(dir, "report.html");
	assert_int_equal(count(h, "<svg "), 4); /* a day, documents, words, languages */
	assert_int_equal(count(h, "<html"), 1);
	assert_non_null(strstr(h, ">What Can Be Done After the September 19 Of…<")); /* cut, between letters */
	assert_non_null(strstr(h, ">zzqx<"));
	assert_non_null(strstr(h, ">Russian<"));
	assert_non_null(strstr(h, "@media print"));
	/* No script, nothing fetched: no src, href, url() or @import, and no
	 * address but the SVG namespace's name. */
	assert_null(strstr(h, "<script"));
	assert_null(strstr(h, "src="));
	assert_null(strstr(h, "href"));
	assert_null(strstr(h, "url("));
	assert_null(strstr(h, "@import"));
	assert_int_equal(count(h, "http"), count(h, "xmlns=\"http://www.w3.org/2000/svg\""));
	free(h);
}

static void test_admin_saves_the_report_onto_a_writable_stick_whole(void **state)
{
	skip_unless_the_program_runs();
	char script[2048], pattern[512];
	copy_archive("data");
	assert_int_equal(run_fmt(NULL, 0, "mkdir -p %s/stick", test_dir), 0);
	snprintf(script, sizeof script,
		 "usb %s/stick\nwait 500\nexpect home\nopen what-can-be-done-now\nexpect cover\nwait 1000\nback\n" PIN_RIGHT
		 "swipe 400 400 400 100 300\nwait 500\nswipe 400 400 400 100 300\nwait 500\ntap \"Save report to stick\"\nwait 1500\nshot saved\n",
		 test_dir);
	kiosk("data", script);
	/* One folder, whole: no .part left, both files. */
	snprintf(pattern, sizeof pattern, "ls -A %s/stick/hishatak-reports", test_dir);
	assert_int_equal(run(pattern, out, sizeof out), 0);
	assert_int_equal(count(out, "\n"), 1);
	assert_non_null(strstr(out, "artsakh-archive-"));
	assert_null(strstr(out, ".part"));
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/stick/hishatak-reports/%.*s", test_dir, (int)strcspn(out, "\n"), out);
	char *r = read_report(dir, "report.json"), *h = read_report(dir, "report.html");
	/* This run's counts are in it: flushed before the save. */
	assert_string_equal(json(r, "$.usage.documents[0].id"), "what-can-be-done-now");
	assert_string_equal(json(r, "$.usage.totals.opened"), "1");
	assert_non_null(strstr(h, "<svg "));
	free(r);
	free(h);
}

/* The image's stick writer, as root, on a read-only tmpfs "stick": the
 * kiosk queues the report in its outbox, the writer makes the stick
 * writable for the copy and read-only again. */
static void test_a_read_only_stick_is_written_by_the_system_and_left_read_only(void **state)
{
	skip_unless_the_program_runs();
	char stick[512], script[2048], cmd[2048];
	snprintf(stick, sizeof stick, "%s/media-usb-sdz1", test_dir);
	assert_int_equal(run_fmt(NULL, 0, "mkdir -p %s", stick), 0);
	if (geteuid() != 0 || mount("tmpfs", stick, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4m") != 0) {
		print_message("skipped: mounting a tmpfs stick needs root\n");
		skip();
	}
	copy_archive("data");
	snprintf(script, sizeof script,
		 "usb %s\nwait 500\nexpect home\n" PIN_RIGHT "swipe 400 400 400 100 300\nwait 500\nswipe 400 400 400 100 300\nwait 500\ntap \"Save report to stick\"\nwait 1500\n",
		 stick);
	int ran = run_kiosk("data", script);
	snprintf(cmd, sizeof cmd, "ls %s/data/outbox/*/report.json %s/data/outbox/*/stick", test_dir, test_dir);
	int queued = run(cmd, out, sizeof out);
	snprintf(cmd, sizeof cmd, "HISHATAK_STICK_ROOTS=%s/media-usb- image/rootfs/usr/lib/hishatak/stick-write %s/data/outbox 2>&1",
		 test_dir, test_dir);
	int wrote = run(cmd, out, sizeof out);
	struct statvfs fs;
	int still_ro = statvfs(stick, &fs) == 0 && (fs.f_flag & ST_RDONLY);
	snprintf(cmd, sizeof cmd, "ls -A %s/hishatak-reports/*/", stick);
	char listed[4096], outbox[4096];
	run(cmd, listed, sizeof listed);
	snprintf(cmd, sizeof cmd, "ls -A %s/data/outbox", test_dir);
	run(cmd, outbox, sizeof outbox);
	char *result = NULL, err[256], path[600];
	snprintf(path, sizeof path, "%s/data/outbox.result", test_dir);
	result = files_read(path, 4096, NULL, err);
	umount(stick);
	assert_int_equal(ran, 0);
	assert_int_equal(queued, 0);
	if (wrote != 0)
		fail_msg("stick-write: %s", out);
	assert_true(still_ro);
	assert_non_null(strstr(listed, "report.json"));
	assert_non_null(strstr(listed, "report.html"));
	assert_null(strstr(listed, ".part"));
	assert_string_equal(outbox, ""); /* the job is gone from the outbox */
	assert_non_null(result);
	assert_non_null(strstr(result, "written: "));
	free(result);
}

static void test_several_kiosks_reports_merge_into_one_table_and_a_csv(void **state)
{
	skip_unless_the_program_runs();
	char cmd[2048];
	copy_archive("a");
	copy_archive("b");
	kiosk("a", visitor);
	kiosk("b", "expect home\nopen what-can-be-done-now\nexpect cover\nwait 1000\nback\n");
	/* b's as on a stick: hishatak-reports/NAME/report.json */
	snprintf(cmd, sizeof cmd, "report --data %s/a --out %s/ra && " HISHATAK " report --data %s/b --out %s/stick/hishatak-reports/b-1",
		 test_dir, test_dir, test_dir, test_dir);
	assert_int_equal(hishatak(cmd), 0);
	snprintf(cmd, sizeof cmd, "report --merge --csv %s/all.csv %s/ra/report.json %s/stick/hishatak-reports", test_dir, test_dir,
		 test_dir);
	if (hishatak(cmd) != 0)
		fail_msg("%s", out);
	assert_int_equal(count(out, "\n"), 3); /* the header and a row a kiosk */
	assert_non_null(strstr(out, "archive"));
	assert_non_null(strstr(out, "opened"));
	assert_int_equal(count(out, "artsakh-archive"), 2);
	char path[600], err[256];
	snprintf(path, sizeof path, "%s/all.csv", test_dir);
	char *csv = files_read(path, 1 << 20, NULL, err);
	assert_non_null(csv);
	assert_int_equal(count(csv, "\r\n"), 3);
	assert_int_equal(strncmp(csv, "archive,kiosk,generated,sequence,items,free_mb,opened,", 54), 0);
	/* a's row: 2 opened (a document, a Listen's cover), 2 searches; b's: 1 */
	char *row_a = strstr(csv, "\r\n") + 2, *row_b = strstr(row_a, "\r\n") + 2;
	int field = 0;
	const char *p = row_a;
	while (field < 6 && (p = strchr(p, ',')))
		p++, field++;
	assert_int_equal(atoi(p), 2);
	for (p = row_b, field = 0; field < 6 && (p = strchr(p, ','));)
		p++, field++;
	assert_int_equal(atoi(p), 1);
	free(csv);
	/* Something that is not a report is named. */
	snprintf(path, sizeof path, "%s/ra/report.html", test_dir);
	snprintf(cmd, sizeof cmd, "report --merge %s", path);
	assert_int_equal(hishatak(cmd), 1);
	assert_non_null(strstr(out, "report.html"));
	assert_int_equal(hishatak("report --merge"), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_kiosk_run_is_counted_and_the_report_says_it_in_json, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_html_is_one_page_with_its_charts_and_nothing_from_outside, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_admin_saves_the_report_onto_a_writable_stick_whole, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_read_only_stick_is_written_by_the_system_and_left_read_only, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_several_kiosks_reports_merge_into_one_table_and_a_csv, setup_test_dir,
						teardown_test_dir),
	};
	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
