/* The catalogue under faults (fault_vfs.h): an import of a signed bundle
 * into a copy of the default archive, with an I/O error, a full disk, a
 * power loss or a torn write at one write after another. After each, the
 * archive must be whole (`hishatak verify`), hold either all of the bundle
 * or none of it, and take the bundle when it is imported again.
 * HISHATAK_FAULT_EVERY=1 tries every write; by default a dozen spread
 * over the import for each kind of fault. */
#include "helpers.h"
#include "core/bundle.h"
#include "core/data.h"
#include "fault_vfs.h"
#include "render/render.h"

static char out[1 << 20];
static char group[256]; /* the base archive and the stick */
static int before, after; /* items without and with the bundle */

/* A command (printf-style); its output in out. */
#define sh(...) run_fmt(out, sizeof out, __VA_ARGS__)

static int items_in(const char *data)
{
	assert_int_equal(sh(HISHATAK " list --data %s --json", data), 0);
	return count(out, "\"id\": ");
}

/* A copy of the default archive, and a stick with bundle 2 of it: two new
 * documents and a changed title. */
static int setup_group(void **state)
{
	snprintf(group, sizeof group, "/tmp/hishatak-faults-XXXXXX");
	assert_non_null(mkdtemp(group));
	assert_int_equal(sh("cp -a build/data %s/base && rm -rf %s/base/cache && mkdir -p %s/src && "
			    "cp archive/files/exodus-and-return.md %s/src/new-one.md && "
			    "cp archive/files/what-can-be-done-now.md %s/src/new-two.md && "
			    "printf 'id,kind,file,title,date\\nnew-one,article,new-one.md,A new one,2024\\n"
			    "new-two,testimony,new-two.md,A new two,2024-05\\n"
			    "exodus-and-return,article,new-one.md,The Exodus (a new title),2023-10\\n' > %s/src/items.csv && "
			    HISHATAK " bundle --archive artsakh-archive --sequence 2 --key build/keys/archive.key %s/src %s/stick",
			    group, group, group, group, group, group, group, group), 0);
	before = items_in("build/data");
	assert_int_equal(sh("cp -a %s/base %s/full && " HISHATAK " import --data %s/full %s/stick", group, group, group, group), 0);
	after = items_in(strcat(strcpy(out, group), "/full"));
	assert_int_equal(after, before + 2);
	return 0;
}

static int teardown_group(void **state)
{
	remove_dir(group);
	return 0;
}

/* One trial: the import in this process with the fault at write at.
 * Returns whether the fault came (the import wrote that much). */
static int trial(fault_kind kind, int at)
{
	char data[512], stick[512], err[256];
	snprintf(data, sizeof data, "%s/trial", group);
	snprintf(stick, sizeof stick, "%s/stick", group);
	assert_int_equal(sh("rm -rf %s && cp -a %s/base %s", data, group, data), 0);
	fault_vfs_install(kind, at);
	data_folder *d = data_open(data, 0, err);
	bundle_report *reports = NULL;
	int n = 0, refused = -1, applied = 0;
	if (d) {
		render_reader *rr = render_reader_open(HISHATAK);
		ingest_reader reader = render_reader_ingest(rr);
		refused = bundle_import(d, stick, &reader, &reports, &n, NULL, NULL);
		render_reader_close(rr);
		applied = n == 1 && reports[0].outcome == BUNDLE_APPLIED;
		data_close(d);
	}
	int happened = fault.happened;
	fault_vfs_remove();
	if (kind == FAULT_POWER_LOSS || kind == FAULT_TORN)
		assert_int_equal(sh("rm -f %s/catalog.db-shm", data), 0); /* memory, gone with the power */
	if (happened && (kind == FAULT_IOERR || kind == FAULT_FULL) && d && refused != 0) {
		/* Told, in words staff can act on. */
		assert_int_equal(n, 1);
		if (!strstr(reports[0].reason, kind == FAULT_FULL ? "full" : "I/O"))
			fail_msg("write %d: the refusal does not say what is wrong: %s", at, reports[0].reason);
	}
	free(reports);

	/* Whole, and all of the bundle or none of it. */
	if (sh(HISHATAK " verify --data %s 2>&1", data) != 0)
		fail_msg("fault %d at write %d: verify: %s", kind, at, out);
	int items = items_in(data);
	if (items != before && items != after)
		fail_msg("fault %d at write %d: %d items, neither %d nor %d", kind, at, items, before, after);
	if (applied && items != after) /* it said applied: that must hold */
		fail_msg("fault %d at write %d: the import said applied, and %d items are there, not %d", kind, at, items, after);
	/* And the stick, tried again, gives all of it. */
	if (sh(HISHATAK " import --data %s %s 2>&1", data, stick) != 0)
		fail_msg("fault %d at write %d: import again: %s", kind, at, out);
	assert_int_equal(items_in(data), after);
	assert_int_equal(sh(HISHATAK " verify --data %s 2>&1", data), 0);
	return happened;
}

static void each_fault(fault_kind kind, const char *name)
{
	/* How many writes an import makes, counted on a run without a fault. */
	trial(FAULT_NONE, 0);
	int writes = fault.writes;
	assert_true(writes > 5);
	int every = getenv("HISHATAK_FAULT_EVERY") ? 1 : writes / 12 + 1, tried = 0, came = 0;
	for (int at = 1; at <= writes + 1; at += at < 4 ? 1 : every) {
		came += trial(kind, at);
		tried++;
	}
	fprintf(stderr, "%s: %d trials of %d writes, the fault came in %d; each time the archive was whole\n", name,
		tried, writes, came);
	assert_true(came >= tried - 1);
}

static void test_an_io_error_at_any_write_loses_nothing(void **state)
{
	each_fault(FAULT_IOERR, "I/O error");
}

static void test_a_full_disk_at_any_write_loses_nothing(void **state)
{
	each_fault(FAULT_FULL, "full disk");
}

static void test_a_power_loss_at_any_write_loses_nothing_committed(void **state)
{
	each_fault(FAULT_POWER_LOSS, "power loss");
}

static void test_torn_writes_at_a_power_loss_lose_nothing_committed(void **state)
{
	each_fault(FAULT_TORN, "torn writes");
}

/* The data folder removed under a running kiosk (a stick pulled that held
 * it, a slip at a shell): what is open is still shown, Admin is told, and
 * an import is refused with the reason, not a crash. */
static void test_a_data_folder_removed_while_open_keeps_showing_and_says_so(void **state)
{
	char data[512], stick[512], err[256], detail[256];
	snprintf(data, sizeof data, "%s/gone", group);
	snprintf(stick, sizeof stick, "%s/stick", group);
	assert_int_equal(sh("rm -rf %s && cp -a %s/base %s", data, group, data), 0);
	data_folder *d = data_open(data, 0, err);
	assert_non_null(d);
	assert_int_equal(data_problem(d, detail), DATA_WELL);
	assert_int_equal(sh("rm -rf %s", data), 0);
	item *items = NULL;
	int n = 0;
	assert_int_equal(catalog_list(d->cat, &items, &n), 0);
	assert_int_equal(n, before);
	catalog_free_items(items, n);
	assert_int_equal(data_problem(d, detail), DATA_GONE);
	assert_non_null(strstr(detail, "No such file"));
	bundle_report *reports = NULL;
	int count = 0;
	render_reader *rr = render_reader_open(HISHATAK);
	ingest_reader reader = render_reader_ingest(rr);
	assert_true(bundle_import(d, stick, &reader, &reports, &count, NULL, NULL) != 0);
	render_reader_close(rr);
	if (count > 0) {
		assert_int_equal(reports[0].outcome, BUNDLE_REFUSED);
		assert_true(strlen(reports[0].reason) > 10);
	}
	free(reports);
	data_close(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_an_io_error_at_any_write_loses_nothing),
		cmocka_unit_test(test_a_full_disk_at_any_write_loses_nothing),
		cmocka_unit_test(test_a_power_loss_at_any_write_loses_nothing_committed),
		cmocka_unit_test(test_torn_writes_at_a_power_loss_lose_nothing_committed),
		cmocka_unit_test(test_a_data_folder_removed_while_open_keeps_showing_and_says_so),
	};
	return cmocka_run_group_tests(tests, setup_group, teardown_group);
}
