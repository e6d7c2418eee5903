/* A damaged archive: `verify` says what is damaged and `repair` puts it
 * right, with importing the sticks again for what was lost. Damage is done
 * to copies of the default archive: pages of the catalogue overwritten
 * (found with SQLite's dbstat table), a stored document changed, the
 * catalogue's header destroyed. */
#include "helpers.h"

#include <sqlite3.h>

static char out[1 << 20];

/* A command (printf-style); its output in out. */
#define sh(...) run_fmt(out, sizeof out, __VA_ARGS__)

static int items(void)
{
	assert_int_equal(sh(HISHATAK " list --data %s/data --json", test_dir), 0);
	return count(out, "\"id\": ");
}

static int setup(void **state)
{
	setup_test_dir(state);
	assert_int_equal(sh("cp -a build/data %s/data && rm -f %s/data/catalog.db-*", test_dir, test_dir), 0);
	return 0;
}

/* Overwrites, with noise, the page-th page (from 0, of those it has) of
 * table's b-tree of the given type ("leaf", "internal"). */
static void damage_page(const char *table, const char *type, int page)
{
	char path[512], sql[256];
	snprintf(path, sizeof path, "%s/data/catalog.db", test_dir);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE", NULL, NULL, NULL), SQLITE_OK);
	snprintf(sql, sizeof sql, "SELECT pageno FROM dbstat WHERE name = '%s' AND pagetype = '%s' ORDER BY pageno", table, type);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	int pageno = 0;
	for (int i = 0; i <= page && sqlite3_step(st) == SQLITE_ROW; i++)
		pageno = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	assert_true(pageno > 1);
	FILE *f = fopen(path, "r+b");
	assert_non_null(f);
	unsigned char noise[4096];
	for (size_t i = 0; i < sizeof noise; i++)
		noise[i] = (unsigned char)(i * 37 + 11);
	assert_int_equal(fseek(f, (long)(pageno - 1) * 4096, SEEK_SET), 0);
	assert_int_equal(fwrite(noise, 1, sizeof noise, f), sizeof noise);
	fclose(f);
}

static void test_a_damaged_search_index_is_made_again_and_nothing_is_lost(void **state)
{
	damage_page("search_data", "leaf", 1);
	assert_int_equal(sh(HISHATAK " verify --data %s/data", test_dir), 1);
	assert_non_null(strstr(out, "damaged: catalogue"));
	assert_int_equal(sh(HISHATAK " repair --data %s/data", test_dir), 0);
	assert_non_null(strstr(out, "6 of 6 items kept"));
	assert_non_null(strstr(out, "nothing was lost"));
	assert_int_equal(sh(HISHATAK " verify --data %s/data", test_dir), 0);
	assert_int_equal(sh(HISHATAK " search --data %s/data --json Lachin", test_dir), 0);
	assert_true(count(out, "\"id\": ") >= 3);
	assert_int_equal(sh("ls %s/data | grep -c 'catalog.db.damaged-'", test_dir), 0); /* kept */
	assert_int_equal(sh(HISHATAK " repair --data %s/data", test_dir), 0);
	assert_non_null(strstr(out, "ok: nothing to repair"));
}

static void test_lost_passages_take_their_items_out_until_the_stick_brings_them_back(void **state)
{
	damage_page("passages", "leaf", 2);
	assert_int_equal(sh(HISHATAK " verify --data %s/data", test_dir), 1);
	assert_int_equal(sh(HISHATAK " repair --data %s/data", test_dir), 0);
	assert_non_null(strstr(out, "damaged place"));
	assert_non_null(strstr(out, "import the archive's sticks again"));
	int kept = items();
	assert_true(kept >= 1 && kept < 6);
	assert_int_equal(sh(HISHATAK " verify --data %s/data", test_dir), 0);
	/* The stick of the default archive: its bundle is taken again. */
	assert_int_equal(sh(HISHATAK " import --data %s/data build/bundles", test_dir), 0);
	assert_non_null(strstr(out, "applied sequence 1"));
	assert_int_equal(items(), 6);
	assert_int_equal(sh(HISHATAK " verify --data %s/data", test_dir), 0);
}

static void test_a_damaged_document_is_taken_out_until_the_stick_brings_it_back(void **state)
{
	assert_int_equal(sh(HISHATAK " show --data %s/data --json exodus-and-return | sed -n 's/.*\"sha256\": \"\\([0-9a-f]*\\)\".*/\\1/p'",
			    test_dir), 0);
	char sha[65];
	snprintf(sha, sizeof sha, "%.64s", out);
	assert_int_equal(strlen(sha), 64);
	assert_int_equal(sh("chmod u+w %s/data/store/%.2s/%s && printf 'X' | dd of=%s/data/store/%.2s/%s bs=1 seek=100 conv=notrunc 2>/dev/null",
			    test_dir, sha, sha, test_dir, sha, sha), 0);
	assert_int_equal(sh(HISHATAK " verify --data %s/data", test_dir), 1);
	assert_non_null(strstr(out, sha));
	assert_int_equal(sh(HISHATAK " repair --data %s/data", test_dir), 0);
	assert_non_null(strstr(out, "taken out: exodus-and-return"));
	assert_non_null(strstr(out, "1 item lost"));
	assert_int_equal(items(), 5);
	assert_int_equal(sh(HISHATAK " verify --data %s/data", test_dir), 0);
	assert_int_equal(sh(HISHATAK " import --data %s/data build/bundles", test_dir), 0);
	assert_int_equal(items(), 6);
	assert_int_equal(sh(HISHATAK " verify --data %s/data", test_dir), 0);
}

/* Runs SQL on the copy's catalogue (checkpointed first, so that pages can
 * be found and damaged in the file itself). */
static void catalogue_sql(const char *sql)
{
	char path[512];
	snprintf(path, sizeof path, "%s/data/catalog.db", test_dir);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* The page holding the settings (archive id, last sequence, the PIN's
 * hash) damaged: repair finds the archive and the sequence again in the
 * import log, says the PIN and the kiosk's settings were lost, and the
 * archive's stick is still its own: already applied, not another archive's. */
static void test_repair_finds_the_archive_identity_again_in_the_log_and_says_what_was_lost(void **state)
{
	catalogue_sql("BEGIN; INSERT INTO settings VALUES ('kiosk.pin_hash', '$argon2id$v=19$not-a-real-hash');"
		      " INSERT INTO settings VALUES ('kiosk.idle_seconds', '300'); COMMIT");
	damage_page("settings", "leaf", 0);
	assert_int_equal(sh(HISHATAK " verify --data %s/data", test_dir), 1);
	assert_int_equal(sh(HISHATAK " repair --data %s/data 2>&1", test_dir), 0);
	assert_non_null(strstr(out, "6 of 6 items kept"));
	assert_non_null(strstr(out, "archive id: artsakh-archive, found again in the import log"));
	assert_non_null(strstr(out, "last sequence: 1, found again in the import log"));
	assert_non_null(strstr(out, "lost: the staff PIN, if one was set: it is 0000"));
	assert_non_null(strstr(out, "lost: the kiosk's settings"));
	assert_null(strstr(out, "nothing was lost"));
	assert_non_null(strstr(out, "what was lost is said above"));
	assert_int_equal(sh(HISHATAK " verify --data %s/data", test_dir), 0);
	assert_int_equal(sh(HISHATAK " import --data %s/data build/bundles", test_dir), 0);
	assert_non_null(strstr(out, "already applied"));
	assert_int_equal(items(), 6);
}

/* The settings' page and the import log both lost: the archive id cannot
 * be found; repair says so and how to give it back, and exits 1, and
 * verify fails until it is given back. */
static void test_an_archive_id_found_nowhere_is_told_and_verify_fails_until_it_is_given_back(void **state)
{
	damage_page("settings", "leaf", 0);
	damage_page("import_log", "leaf", 0);
	assert_int_equal(sh(HISHATAK " repair --data %s/data 2>&1", test_dir), 1);
	assert_non_null(strstr(out, "lost: the archive id, not in the import log either"));
	assert_non_null(strstr(out, "hishatak init --data"));
	assert_non_null(strstr(out, "lost: rows of the import log"));
	assert_int_equal(sh(HISHATAK " verify --data %s/data", test_dir), 1);
	assert_non_null(strstr(out, "no archive id"));
	assert_int_equal(sh(HISHATAK " init --data %s/data --archive artsakh-archive 2>&1", test_dir), 0);
	assert_int_equal(sh(HISHATAK " verify --data %s/data", test_dir), 0);
	assert_int_equal(sh(HISHATAK " import --data %s/data build/bundles 2>&1", test_dir), 0);
	assert_int_equal(items(), 6);
}

/* A whole catalogue without its archive id, or without the last sequence
 * once bundles were applied, is not "ok". */
static void test_verify_fails_on_a_catalogue_without_an_archive_id_or_a_sequence(void **state)
{
	catalogue_sql("DELETE FROM settings WHERE key = 'last_sequence'");
	assert_int_equal(sh(HISHATAK " verify --data %s/data", test_dir), 1);
	assert_non_null(strstr(out, "no last sequence"));
	catalogue_sql("DELETE FROM settings WHERE key = 'archive'");
	assert_int_equal(sh(HISHATAK " verify --data %s/data", test_dir), 1);
	assert_non_null(strstr(out, "no archive id"));
	assert_int_equal(sh(HISHATAK " repair --data %s/data", test_dir), 0);
	assert_non_null(strstr(out, "archive id: artsakh-archive, found again"));
	assert_int_equal(sh(HISHATAK " verify --data %s/data", test_dir), 0);
}

/* How many thumbnails in the copy's cache begin with prefix ("" all). */
static int thumbnails(const char *prefix)
{
	sh("ls %s/data/cache/thumbs 2>/dev/null | grep -c '^%s'", test_dir, prefix);
	return atoi(out);
}

/* A withdrawn document takes what was made from it (its thumbnails) with
 * it; a file nothing accounts for is reported by verify and removed by
 * repair. Thumbnails are the kiosk's own, made by showing Home. */
static void test_a_withdrawn_items_thumbnails_go_with_it_and_leftovers_are_found(void **state)
{
	char doc[65] = "", path[512];
	snprintf(path, sizeof path, "%s/data/catalog.db", test_dir);
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT doc_sha256 FROM items WHERE id = 'exodus-and-return'", -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(doc, sizeof doc, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	assert_int_equal(strlen(doc), 64);
	assert_int_equal(sh("rm -rf %s/data/cache/thumbs && printf 'expect home\\nshot home\\nopen exodus-and-return\\nback\\nshot again\\n' > %s/script && "
			    HISHATAK " kiosk --data %s/data --size 800x480 --script %s/script --shots %s/shots 2>&1", test_dir, test_dir,
			    test_dir, test_dir, test_dir), 0);
	int before = thumbnails(""), mine = thumbnails(doc);
	assert_true(mine >= 1 && before > mine);
	/* Withdrawn by a bundle signed with the default archive's key. */
	/* The stick holds the archive's first bundle too: bundle checks a withdrawal against the earlier ones. */
	assert_int_equal(sh("mkdir -p %s/withdraw %s/stick && cp -a build/bundles/artsakh-archive-1 %s/stick/ && "
			    "printf 'id,withdraw,reason\\nexodus-and-return,yes,a test\\n' > "
			    "%s/withdraw/items.csv && " HISHATAK " bundle --archive artsakh-archive --sequence 2 --key build/keys/archive.key "
			    "%s/withdraw %s/stick 2>&1 && " HISHATAK " import --data %s/data %s/stick 2>&1", test_dir, test_dir, test_dir,
			    test_dir, test_dir, test_dir, test_dir, test_dir), 0);
	assert_non_null(strstr(out, "1 withdrawn"));
	assert_int_equal(thumbnails(doc), 0);
	assert_int_equal(thumbnails(""), before - mine);
	assert_int_equal(sh(HISHATAK " verify --data %s/data", test_dir), 0);
	assert_null(strstr(out, "left over"));
	/* Left-overs: a thumbnail of no document, a stored file of no item. */
	assert_int_equal(sh("cp %s/data/cache/thumbs/$(ls %s/data/cache/thumbs | head -1) %s/data/cache/thumbs/%s-200.png && "
			    "mkdir -p %s/data/store/%.2s && printf 'stray' > %s/data/store/%.2s/%.2s%s",
			    test_dir, test_dir, test_dir, "ab00000000000000000000000000000000000000000000000000000000000000",
			    test_dir, "cd", test_dir, "cd", "cd", "00000000000000000000000000000000000000000000000000000000000000"), 0);
	assert_int_equal(sh(HISHATAK " verify --data %s/data", test_dir), 0); /* not damage: said */
	assert_int_equal(count(out, "left over: "), 2);
	assert_int_equal(sh(HISHATAK " repair --data %s/data", test_dir), 0);
	assert_non_null(strstr(out, "removed: 2 files no item refers to"));
	assert_int_equal(sh(HISHATAK " verify --data %s/data", test_dir), 0);
	assert_null(strstr(out, "left over"));
	assert_int_equal(thumbnails(""), before - mine);
}

static void test_a_catalogue_with_no_header_is_told_and_not_made_worse(void **state)
{
	assert_int_equal(sh("dd if=/dev/zero of=%s/data/catalog.db bs=100 count=1 conv=notrunc 2>/dev/null && "
			    "md5sum < %s/data/catalog.db", test_dir, test_dir), 0);
	char before[64];
	snprintf(before, sizeof before, "%s", out);
	assert_int_equal(sh(HISHATAK " verify --data %s/data 2>&1", test_dir), 1);
	assert_non_null(strstr(out, "not a database"));
	assert_int_equal(sh(HISHATAK " repair --data %s/data 2>&1", test_dir), 1);
	assert_non_null(strstr(out, "hishatak init"));
	assert_int_equal(sh("md5sum < %s/data/catalog.db", test_dir), 0);
	assert_string_equal(out, before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_damaged_search_index_is_made_again_and_nothing_is_lost, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_lost_passages_take_their_items_out_until_the_stick_brings_them_back, setup,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_damaged_document_is_taken_out_until_the_stick_brings_it_back, setup,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_catalogue_with_no_header_is_told_and_not_made_worse, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_repair_finds_the_archive_identity_again_in_the_log_and_says_what_was_lost, setup,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_an_archive_id_found_nowhere_is_told_and_verify_fails_until_it_is_given_back,
						setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_verify_fails_on_a_catalogue_without_an_archive_id_or_a_sequence, setup,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_withdrawn_items_thumbnails_go_with_it_and_leftovers_are_found, setup,
						teardown_test_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
