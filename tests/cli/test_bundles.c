/* Signed bundles end to end: made with `hishatak bundle` or written by hand
 * from the format spec, signed with the real minisign, applied with
 * `hishatak import`. Every refusal must leave the archive exactly as it was:
 * the same list, the same stored files, and `verify` still passing. */
#include "helpers.h"
#include "core/bundle.h"
#include "core/store.h"
#include "render/render.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>

static char out[1 << 20];
static char group[256];        /* keys, documents and the base archive */
static char base_list[1 << 16]; /* `list --json` of the base archive */

/* A command (printf-style); its output in out. */
#define sh(...) run_fmt(out, sizeof out, __VA_ARGS__)

#define hishatak(...) run_hishatak(out, sizeof out, __VA_ARGS__)

/* `list --json` without the time each item was added, which differs
 * between two imports of the same bundle. */
static void list_into(char *dst, size_t size)
{
	assert_int_equal(hishatak("list --data %s/data --json", test_dir), 0);
	char *p = out, *added;
	while ((added = strstr(p, ", \"added\": \""))) {
		char *end = strchr(added + 12, '"');
		memmove(added, end + 1, strlen(end + 1) + 1);
		p = added;
	}
	if (dst != out)
		snprintf(dst, size, "%s", out);
}

static int stored_files(void)
{
	sh("find %s/data/store -type f | wc -l", test_dir);
	return atoi(out);
}

/* Item JSON for document doc (copied from the group's docs into the bundle
 * folder's files/), with its real size and hash; extra is more JSON fields. */
static const char *entry(const char *bundle, const char *id, const char *doc, const char *extra)
{
	static char json[4][1024];
	static int next;
	char path[512], sha[65], err[256];
	long long size;
	assert_int_equal(sh("mkdir -p %s/stick/%s/files && cp %s/docs/%s %s/stick/%s/files/", test_dir, bundle, group, doc,
			    test_dir, bundle), 0);
	snprintf(path, sizeof path, "%s/stick/%s/files/%s", test_dir, bundle, doc);
	assert_int_equal(store_hash_file(path, sha, &size, err), 0);
	char *j = json[next++ % 4];
	snprintf(j, 1024, "{\"id\": \"%s\", \"kind\": \"article\", \"title\": \"Title of %s\", \"file\": \"files/%s\", "
		 "\"size\": %lld, \"sha256\": \"%s\"%s%s}", id, id, doc, size, sha, extra[0] ? ", " : "", extra);
	return j;
}

/* When the bundles bundle_with writes were made (a test may change it). */
static const char *created = "2026-11-20T09:30:00Z";

/* Writes stick/NAME/bundle.json of this archive with the given sequence,
 * snapshot flag and items, and signs it with key ("" leaves it unsigned). */
static void bundle_with(const char *name, const char *archive, long long sequence, const char *items, const char *key)
{
	char path[512], json[8192];
	assert_int_equal(sh("mkdir -p %s/stick/%s", test_dir, name), 0);
	snprintf(path, sizeof path, "%s/stick/%s/bundle.json", test_dir, name);
	snprintf(json, sizeof json, "{\"format\": \"hishatak-bundle/1\", \"archive\": \"%s\", \"sequence\": %lld, "
		 "\"created\": \"%s\", \"items\": [%s]}", archive, sequence, created, items);
	write_text(path, json);
	if (key[0])
		assert_int_equal(sh("minisign -S -s %s/%s -m %s -t 'test bundle %lld' >/dev/null 2>&1", group, key, path,
				    sequence), 0);
}

static void bundle(const char *name, long long sequence, const char *items)
{
	bundle_with(name, "test-archive", sequence, items, "k.key");
}

static void resign(const char *name)
{
	assert_int_equal(sh("minisign -S -s %s/k.key -m %s/stick/%s/bundle.json -t resigned >/dev/null 2>&1", group, test_dir, name), 0);
}

static void assert_unchanged(int files_before)
{
	list_into(out, sizeof out);
	assert_string_equal(out, base_list);
	assert_int_equal(stored_files(), files_before);
	assert_int_equal(hishatak("verify --data %s/data", test_dir), 0);
}

/* Imports stick/NAME: refused, with reason in the output, nothing changed,
 * and the refusal in the import log. */
static void assert_refused(const char *name, const char *reason)
{
	int files = stored_files();
	int rc = hishatak("import --data %s/data %s/stick/%s", test_dir, test_dir, name);
	if (rc != 1 || !strstr(out, reason))
		fail_msg("%s: expected refusal \"%s\", got %d: %s", name, reason, rc, out);
	assert_non_null(strstr(out, "refused: "));
	assert_int_equal(count(out, "\n"), 1);
	assert_unchanged(files);
	assert_int_equal(hishatak("log --data %s/data", test_dir), 0);
	assert_non_null(strstr(out, reason));
	assert_int_equal(sh("rm -rf %s/stick/%s", test_dir, name), 0);
}

static int group_setup(void **state)
{
	char cmd[2048];
	temp_dir(group);
	snprintf(cmd, sizeof cmd,
		 "cd %s && minisign -G -W -p k.pub -s k.key >/dev/null && minisign -G -W -p s.pub -s s.key >/dev/null && "
		 "mkdir docs && cp " "%s/archive/files/exodus-and-return.md docs/exodus.md && "
		 "printf '# Alpha\\n\\nThe first document, about the Lachin corridor.\\n' > docs/alpha.md && "
		 "printf 'Beta, a plain text document.\\n\\nIts second paragraph.\\n' > docs/beta.txt && "
		 "printf '# Gamma\\n\\nA third document.\\n' > docs/gamma.md && "
		 "printf 'this is not a pdf' > docs/fake.pdf && printf 'MZ' > docs/program.exe && "
		 "printf 'caf\\351\\n' > docs/latin1.txt",
		 group, getenv("PWD") ? getenv("PWD") : ".");
	assert_int_equal(run(cmd, NULL, 0), 0);
	/* The base archive: alpha and beta at sequence 2. */
	snprintf(test_dir, sizeof test_dir, "%s", group);
	assert_int_equal(hishatak("init --data %s/data --archive test-archive --trust %s/k.pub", group, group), 0);
	char items[2048];
	snprintf(items, sizeof items, "%s, ", entry("base", "alpha", "alpha.md", ""));
	strcat(items, entry("base", "beta", "beta.txt", ""));
	bundle("base", 2, items);
	assert_int_equal(hishatak("import --data %s/data %s/stick/base", group, group), 0);
	list_into(base_list, sizeof base_list);
	assert_int_equal(count(base_list, "\"id\": "), 2);
	return 0;
}

static int group_teardown(void **state)
{
	remove_dir(group);
	return 0;
}

/* Each test gets its own copy of the base archive and an empty stick. */
static int setup(void **state)
{
	setup_test_dir(state);
	created = "2026-11-20T09:30:00Z";
	return sh("cp -a %s/data %s/data && mkdir %s/stick", group, test_dir, test_dir);
}

static void test_a_good_bundle_is_applied_and_logged(void **state)
{
	bundle("b3", 3, entry("b3", "gamma", "gamma.md", "\"topics\": [\"test\"], \"date\": \"2023-09\""));
	assert_int_equal(hishatak("import --data %s/data %s/stick", test_dir, test_dir), 0);
	assert_non_null(strstr(out, "applied sequence 3: 1 added, 0 changed, 0 withdrawn"));
	assert_int_equal(hishatak("list --data %s/data --json", test_dir), 0);
	assert_int_equal(count(out, "\"id\": "), 3);
	assert_int_equal(hishatak("search --data %s/data --json third", test_dir), 0);
	assert_non_null(strstr(out, "\"id\": \"gamma\""));
	assert_int_equal(hishatak("log --data %s/data", test_dir), 0);
	assert_non_null(strstr(out, "test bundle 3"));
	/* The same stick again: already applied, not an error, nothing changes. */
	int files = stored_files();
	assert_int_equal(hishatak("import --data %s/data %s/stick", test_dir, test_dir), 0);
	assert_non_null(strstr(out, "already applied (sequence 3)"));
	assert_int_equal(stored_files(), files);
}

static void test_several_bundles_on_one_stick_apply_lowest_first(void **state)
{
	/* 4 adds gamma; 5 withdraws it: the other order would fail to withdraw. */
	bundle("z-first", 4, entry("z-first", "gamma", "gamma.md", ""));
	bundle("a-second", 5, "{\"id\": \"gamma\", \"withdraw\": true, \"reason\": \"a test\"}");
	int files = stored_files();
	assert_int_equal(hishatak("import --data %s/data %s/stick", test_dir, test_dir), 0);
	const char *four = strstr(out, "applied sequence 4"), *five = strstr(out, "applied sequence 5");
	assert_non_null(four);
	assert_non_null(five);
	assert_true(four < five);
	assert_non_null(strstr(five, "0 added, 0 changed, 1 withdrawn"));
	list_into(out, sizeof out);
	assert_string_equal(out, base_list);
	assert_int_equal(stored_files(), files); /* gamma's file is gone again */
	assert_int_equal(hishatak("log --data %s/data", test_dir), 0);
	assert_non_null(strstr(out, "withdrawn gamma: a test"));
}

static void test_withdrawal_removes_the_item_its_file_and_its_search_hits(void **state)
{
	int files = stored_files();
	bundle("w", 3, "{\"id\": \"alpha\", \"withdraw\": true}");
	assert_int_equal(hishatak("import --data %s/data %s/stick", test_dir, test_dir), 0);
	assert_int_equal(hishatak("list --data %s/data --json", test_dir), 0);
	assert_int_equal(count(out, "\"id\": "), 1);
	assert_null(strstr(out, "alpha"));
	assert_int_equal(hishatak("search --data %s/data --json Lachin", test_dir), 0);
	assert_string_equal(out, "[]\n");
	assert_int_equal(hishatak("show --data %s/data alpha", test_dir), 1);
	assert_true(stored_files() < files);
	assert_int_equal(hishatak("verify --data %s/data", test_dir), 0);
}

static void test_a_snapshot_leaves_exactly_the_listed_items(void **state)
{
	char items[2048];
	snprintf(items, sizeof items, "%s, ", entry("s", "beta", "beta.txt", ""));
	strcat(items, entry("s", "gamma", "gamma.md", ""));
	assert_int_equal(sh("mkdir -p %s/stick/s && printf '{\"format\": \"hishatak-bundle/1\", \"archive\": \"test-archive\", "
			    "\"sequence\": 3, \"created\": \"2026-11-20T09:30:00Z\", \"snapshot\": true, \"items\": [%s]}' > %s/stick/s/bundle.json",
			    test_dir, items, test_dir), 0);
	resign("s");
	assert_int_equal(hishatak("import --data %s/data %s/stick", test_dir, test_dir), 0);
	assert_non_null(strstr(out, "1 added, 1 changed, 1 withdrawn"));
	assert_int_equal(hishatak("list --data %s/data --json", test_dir), 0);
	assert_int_equal(count(out, "\"id\": "), 2);
	assert_non_null(strstr(out, "\"id\": \"gamma\""));
	assert_null(strstr(out, "alpha"));
}

static void test_an_update_without_a_file_changes_only_the_metadata(void **state)
{
	bundle("m", 3, "{\"id\": \"alpha\", \"kind\": \"report\", \"title\": \"Alpha, renamed\", \"titles\": {\"hy\": \"Ալֆա\"}}");
	int files = stored_files();
	assert_int_equal(hishatak("import --data %s/data %s/stick", test_dir, test_dir), 0);
	assert_non_null(strstr(out, "0 added, 1 changed"));
	assert_int_equal(hishatak("show --data %s/data --json alpha", test_dir), 0);
	assert_non_null(strstr(out, "Alpha, renamed"));
	assert_non_null(strstr(out, "\"kind\": \"report\""));
	assert_int_equal(stored_files(), files);
	assert_int_equal(hishatak("search --data %s/data --json Lachin", test_dir), 0);
	assert_non_null(strstr(out, "\"id\": \"alpha\"")); /* its text is still indexed */
}

/* Issue 20, item 1: a field the bundle leaves out keeps its value, one given
 * as null is cleared; an update with a new file keeps the metadata too. */
static void test_an_update_changes_only_the_fields_it_names(void **state)
{
	bundle("m3", 3, entry("m3", "gamma", "gamma.md", "\"titles\": {\"hy\": \"Գամմա\", \"ru\": \"Гамма\"}, "
			      "\"date\": \"2023-09\", \"authors\": [\"A. Author\"], \"topics\": [\"exodus\"], "
			      "\"summary\": \"About gamma.\", \"source\": \"A blog\", \"warning\": \"Describes violence.\""));
	bundle("m4", 4, "{\"id\": \"gamma\", \"kind\": \"report\", \"title\": \"Gamma, renamed\"}");
	bundle("m5", 5, "{\"id\": \"gamma\", \"kind\": \"report\", \"title\": \"Gamma, renamed\", \"summary\": null, "
			"\"date\": null, \"topics\": [\"refugees\"]}");
	assert_int_equal(hishatak("import --data %s/data %s/stick/m3 && " HISHATAK " import --data %s/data %s/stick/m4",
				  test_dir, test_dir, test_dir, test_dir), 0);
	assert_int_equal(hishatak("show --data %s/data --json gamma", test_dir), 0);
	assert_non_null(strstr(out, "\"title\": \"Gamma, renamed\""));
	assert_non_null(strstr(out, "\"kind\": \"report\""));
	assert_non_null(strstr(out, "\"titles\": {\"hy\": \"Գամմա\", \"ru\": \"Гамма\"}"));
	assert_non_null(strstr(out, "\"date\": \"2023-09\""));
	assert_non_null(strstr(out, "\"authors\": [\"A. Author\"]"));
	assert_non_null(strstr(out, "\"summary\": \"About gamma.\""));
	assert_non_null(strstr(out, "\"warning\": \"Describes violence.\""));
	assert_int_equal(hishatak("import --data %s/data %s/stick/m5", test_dir, test_dir), 0);
	assert_int_equal(hishatak("show --data %s/data --json gamma", test_dir), 0);
	assert_non_null(strstr(out, "\"date\": null"));
	assert_non_null(strstr(out, "\"summary\": \"\""));
	assert_non_null(strstr(out, "\"topics\": [\"refugees\"]"));
	assert_non_null(strstr(out, "\"source\": \"A blog\""));
	assert_non_null(strstr(out, "\"warning\": \"Describes violence.\""));
	/* A new file, no other field but the required: the metadata stays. */
	bundle("m6", 6, entry("m6", "gamma", "exodus.md", ""));
	assert_int_equal(hishatak("import --data %s/data %s/stick/m6", test_dir, test_dir), 0);
	assert_non_null(strstr(out, "0 added, 1 changed"));
	assert_int_equal(hishatak("show --data %s/data --json gamma", test_dir), 0);
	assert_non_null(strstr(out, "\"warning\": \"Describes violence.\""));
	assert_non_null(strstr(out, "\"titles\": {\"hy\": \"Գամմա\""));
	assert_int_equal(hishatak("verify --data %s/data", test_dir), 0);
}

/* Issue 20, item 2: a withdrawal of an id the archive does not hold is said
 * to have withdrawn nothing, on the result line and in the log. */
static void test_a_withdrawal_of_an_id_not_held_is_not_reported_as_done(void **state)
{
	bundle("w", 3, "{\"id\": \"alpah\", \"withdraw\": true, \"reason\": \"the witness asked\"}");
	assert_int_equal(hishatak("import --data %s/data %s/stick", test_dir, test_dir), 0);
	assert_non_null(strstr(out, "applied sequence 3: 0 added, 0 changed, 0 withdrawn; not withdrawn, not in this archive: alpah"));
	assert_int_equal(hishatak("log --data %s/data", test_dir), 0);
	assert_non_null(strstr(out, "not withdrawn, not in this archive: alpah: the witness asked"));
	assert_null(strstr(out, "withdrawn alpah"));
	list_into(out, sizeof out);
	assert_string_equal(out, base_list);
}

static void test_a_legacy_signature_is_accepted(void **state)
{
	bundle_with("l", "test-archive", 3, entry("l", "gamma", "gamma.md", ""), "");
	assert_int_equal(sh("minisign -S -l -s %s/k.key -m %s/stick/l/bundle.json >/dev/null 2>&1", group, test_dir), 0);
	assert_int_equal(hishatak("import --data %s/data %s/stick/l", test_dir, test_dir), 0);
	assert_non_null(strstr(out, "applied sequence 3"));
}

static void test_signature_problems_are_refused(void **state)
{
	const char *gamma = entry("x", "gamma", "gamma.md", "");
	bundle_with("x", "test-archive", 3, gamma, "");
	assert_refused("x", "not signed");

	entry("x", "gamma", "gamma.md", "");
	bundle_with("x", "test-archive", 3, gamma, "s.key");
	assert_refused("x", "signed by an unknown key");

	entry("x", "gamma", "gamma.md", "");
	bundle("x", 3, gamma);
	assert_int_equal(sh("sed -i 's/Title of gamma/Title of GAMMA/' %s/stick/x/bundle.json", test_dir), 0);
	assert_refused("x", "bad signature");

	entry("x", "gamma", "gamma.md", "");
	bundle("x", 3, gamma);
	assert_int_equal(sh("sed -i 's/^trusted comment: .*/trusted comment: signed by the director/' %s/stick/x/bundle.json.minisig",
			    test_dir), 0);
	assert_refused("x", "bad signature");

	entry("x", "gamma", "gamma.md", "");
	bundle("x", 3, gamma);
	assert_int_equal(sh("cd %s/stick/x && cp bundle.json other.json && echo ' ' >> other.json && "
			    "minisign -S -s %s/k.key -m other.json >/dev/null 2>&1 && mv other.json.minisig bundle.json.minisig",
			    test_dir, group), 0);
	assert_refused("x", "bad signature");

	entry("x", "gamma", "gamma.md", "");
	bundle("x", 3, gamma);
	assert_int_equal(sh("head -c 300 /dev/urandom > %s/stick/x/bundle.json.minisig", test_dir), 0);
	assert_refused("x", "not a minisign signature");
}

static void test_bundles_of_another_archive_are_refused_and_older_ones_skipped(void **state)
{
	bundle_with("x", "another-archive", 3, entry("x", "gamma", "gamma.md", ""), "k.key");
	assert_refused("x", "belongs to archive \"another-archive\"");
	/* Older or equal: the kiosk has it (or what came after it), exit 0,
	 * nothing changed. */
	for (int sequence = 1; sequence <= 2; sequence++) {
		bundle("x", sequence, entry("x", "gamma", "gamma.md", ""));
		int files = stored_files();
		assert_int_equal(hishatak("import --data %s/data %s/stick/x", test_dir, test_dir), 0);
		assert_non_null(strstr(out, sequence == 1 ? "already applied (sequence 1; this kiosk has sequence 2)"
							  : "already applied (sequence 2)"));
		assert_unchanged(files);
	}
	/* Numbered as old, but made after the one the kiosk has: made on a
	 * computer without the later bundles. */
	created = "2026-11-21T08:00:00Z";
	bundle("x", 1, entry("x", "gamma", "gamma.md", ""));
	assert_refused("x", "sequence 1, made 2026-11-21T08:00:00Z, is newer than the sequence 2 this kiosk has "
			    "(made 2026-11-20T09:30:00Z): it was made where the later bundles are not; make it again with "
			    "hishatak bundle --sequence 3");
}

/* Writes stick/x/bundle.json as given (files from entry() are there), signs it. */
static void raw(const char *json)
{
	char path[512];
	snprintf(path, sizeof path, "%s/stick/x/bundle.json", test_dir);
	sh("mkdir -p %s/stick/x", test_dir);
	write_text(path, json);
	resign("x");
}

#define HEAD "{\"format\": \"hishatak-bundle/1\", \"archive\": \"test-archive\", \"sequence\": 3, \"created\": \"2026-11-20T09:30:00Z\", "

static void test_malformed_manifests_are_refused(void **state)
{
	char json[8192];
	raw("{\"format\": \"hishatak-bundle/2\", \"archive\": \"test-archive\", \"sequence\": 3, \"items\": []}");
	assert_refused("x", "format must be \"hishatak-bundle/1\"");
	raw(HEAD "\"items\": [{\"id\": \"gamma\", \"kind\": \"art");
	assert_refused("x", "malformed JSON");
	snprintf(json, sizeof json, HEAD "\"items\": ");
	for (int i = 0; i < 3000; i++)
		strcat(json, "[");
	raw(json);
	assert_refused("x", "malformed JSON");
	raw(HEAD "\"items\": [{\"id\": \"gamma\", \"kind\": \"article\", \"title\": \"caf\xe9\"}]}");
	assert_refused("x", "not UTF-8");

	char items[2048];
	snprintf(items, sizeof items, "%s, %s", entry("x", "gamma", "gamma.md", ""), entry("x", "gamma", "alpha.md", ""));
	bundle("x", 3, items);
	assert_refused("x", "item gamma: id appears twice");
	bundle("x", 3, "{\"id\": \"gamma\", \"kind\": \"poem\", \"title\": \"G\", \"file\": \"files/g.md\", \"size\": 1, "
		       "\"sha256\": \"0000000000000000000000000000000000000000000000000000000000000000\"}");
	assert_refused("x", "item gamma: unknown kind");
	bundle("x", 3, "{\"id\": \"gamma\", \"kind\": \"article\"}");
	assert_refused("x", "item gamma: missing title");
	bundle("x", 3, "{\"id\": \"gamma\", \"kind\": \"article\", \"title\": \"New, but no file\"}");
	assert_refused("x", "item gamma: a new item needs a file");
	bundle("x", 3, "{\"id\": \"Gamma Ray\", \"kind\": \"article\", \"title\": \"G\"}");
	assert_refused("x", "item 1: bad id");
	const char *paths[] = {"files/../../gamma.md", "/etc/passwd", "files\\\\gamma.md", "./files/gamma.md"};
	for (int i = 0; i < 4; i++) {
		snprintf(items, sizeof items, "{\"id\": \"gamma\", \"kind\": \"article\", \"title\": \"G\", \"file\": \"%s\", "
			 "\"size\": 10, \"sha256\": \"%064d\"}", paths[i], 0);
		bundle("x", 3, items);
		assert_refused("x", "item gamma: bad file path");
	}
	bundle("x", 3, "{\"id\": \"gamma\", \"kind\": \"article\", \"title\": \"G\", \"file\": \"files/gamma.md\"}");
	assert_refused("x", "needs size and sha256");
}

static void test_bad_files_are_refused(void **state)
{
	char items[2048];
	/* A link on the stick, to a file and through a folder. */
	snprintf(items, sizeof items, "%s", entry("x", "gamma", "gamma.md", ""));
	sh("cd %s/stick/x/files && mv gamma.md ../real.md && ln -s ../real.md gamma.md", test_dir);
	bundle("x", 3, items);
	assert_refused("x", "a link, not a file");
	snprintf(items, sizeof items, "%s", entry("x", "gamma", "gamma.md", ""));
	sh("cd %s/stick/x && mv files real && ln -s real files", test_dir);
	bundle("x", 3, items);
	assert_refused("x", "a link, not a file");

	snprintf(items, sizeof items, "%s", entry("x", "gamma", "gamma.md", ""));
	sh("rm %s/stick/x/files/gamma.md", test_dir);
	bundle("x", 3, items);
	assert_refused("x", "file files/gamma.md: missing");

	snprintf(items, sizeof items, "%s", entry("x", "gamma", "gamma.md", ""));
	sh("echo more >> %s/stick/x/files/gamma.md", test_dir);
	bundle("x", 3, items);
	assert_refused("x", "larger than its declared");

	snprintf(items, sizeof items, "%s", entry("x", "gamma", "gamma.md", ""));
	sh("truncate -s 5 %s/stick/x/files/gamma.md", test_dir);
	bundle("x", 3, items);
	assert_refused("x", "size is 5 bytes, bundle.json says");

	snprintf(items, sizeof items, "%s", entry("x", "gamma", "gamma.md", ""));
	sh("sed -i 's/third/THIRD/' %s/stick/x/files/gamma.md", test_dir);
	bundle("x", 3, items);
	assert_refused("x", "file files/gamma.md: SHA-256 does not match");

	const char *good = entry("x", "gamma", "gamma.md", ""), *size = strstr(good, "\"size\": ");
	snprintf(items, sizeof items, "%.*s\"size\": 9999999999999%s", (int)(size - good), good, strchr(size, ','));
	bundle("x", 3, items);
	assert_refused("x", "declared size 9999999999999 bytes is not believable");

	bundle("x", 3, entry("x", "gamma", "fake.pdf", ""));
	assert_refused("x", "item gamma: file files/fake.pdf: cannot open as pdf");
	bundle("x", 3, entry("x", "gamma", "program.exe", ""));
	assert_refused("x", "Hishatak cannot show .exe files");
	bundle("x", 3, entry("x", "gamma", "latin1.txt", ""));
	assert_refused("x", "not UTF-8");

	/* One bad item among good ones refuses the whole bundle. */
	snprintf(items, sizeof items, "%s, %s", entry("x", "gamma", "gamma.md", ""), entry("x", "delta", "fake.pdf", ""));
	bundle("x", 3, items);
	assert_refused("x", "item delta");
}

/* Removes the bundle folder as soon as the first item is in: the rest of
 * the stick has vanished. */
static void pull_the_stick(void *ctx, const bundle_report *r, int done, int total, long long bytes, long long all)
{
	if (done == 1)
		assert_int_equal(sh("rm -rf %s", (const char *)ctx), 0);
}

static void test_a_stick_pulled_out_midway_is_a_clean_refusal(void **state)
{
	char items[2048], path[512], err[256];
	snprintf(items, sizeof items, "%s, %s", entry("x", "gamma", "gamma.md", ""), entry("x", "delta", "exodus.md", ""));
	bundle("x", 3, items);
	int files = stored_files();
	snprintf(path, sizeof path, "%s/data", test_dir);
	data_folder *d = data_open(path, 0, err);
	assert_non_null(d);
	bundle_report *reports;
	int n;
	snprintf(path, sizeof path, "%s/stick/x", test_dir);
	render_reader *rr = render_reader_open(HISHATAK);
	ingest_reader reader = render_reader_ingest(rr);
	assert_int_equal(bundle_import(d, path, &reader, &reports, &n, pull_the_stick, path), 1);
	render_reader_close(rr);
	assert_int_equal(n, 1);
	assert_int_equal(reports[0].outcome, BUNDLE_REFUSED);
	assert_non_null(strstr(reports[0].reason, "item delta: file files/exodus.md: missing"));
	free(reports);
	data_close(d);
	assert_unchanged(files);
}

/* A larger bundle: the archive's documents under many ids, each a little
 * different so that each is its own stored file. */
static void large_bundle(const char *name, long long sequence, int items)
{
	static char json[1 << 16];
	size_t n = 0;
	const char *docs[] = {"exodus.md", "alpha.md", "beta.txt", "gamma.md"};
	for (int i = 0; i < items; i++) {
		char id[32], doc[64];
		snprintf(id, sizeof id, "big-%d", i);
		snprintf(doc, sizeof doc, "big-%d.%s", i, strrchr(docs[i % 4], '.') + 1);
		assert_int_equal(sh("cp %s/docs/%s %s/docs/%s && echo 'Copy %d.' >> %s/docs/%s", group, docs[i % 4], group, doc,
				    i, group, doc), 0);
		n += (size_t)snprintf(json + n, sizeof json - n, "%s%s", i ? ", " : "", entry(name, id, doc, ""));
	}
	bundle(name, sequence, json);
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Runs import in a child killed with SIGKILL after delay seconds. */
static void import_killed_after(const char *stick, double delay)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char data[512];
		snprintf(data, sizeof data, "%s/data", test_dir);
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 1);
		dup2(null, 2);
		execl(HISHATAK, "hishatak", "import", "--data", data, stick, (char *)NULL);
		_exit(127);
	}
	struct timespec t = {(time_t)delay, (long)((delay - (double)(long)delay) * 1e9)};
	nanosleep(&t, NULL);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

static void test_an_import_killed_at_any_moment_leaves_before_or_after(void **state)
{
	const char *env = getenv("HISHATAK_KILL_TRIALS");
	int trials = env ? atoi(env) : 6;
	char stick[512], after[1 << 16];
	snprintf(stick, sizeof stick, "%s/stick/big", test_dir);
	large_bundle("big", 3, 24);
	/* Once whole, to learn the time it takes and the list after it. */
	assert_int_equal(sh("cp -a %s/data %s/pristine", test_dir, test_dir), 0);
	double start = now();
	assert_int_equal(hishatak("import --data %s/data %s", test_dir, stick), 0);
	double took = now() - start;
	list_into(after, sizeof after);
	assert_int_equal(count(after, "\"id\": "), 26);
	int before_seen = 0, after_seen = 0;
	srand((unsigned)time(NULL));
	for (int i = 0; i < trials; i++) {
		assert_int_equal(sh("rm -rf %s/data && cp -a %s/pristine %s/data", test_dir, test_dir, test_dir), 0);
		import_killed_after(stick, took * 1.1 * rand() / RAND_MAX);
		list_into(out, sizeof out);
		int is_before = strcmp(out, base_list) == 0, is_after = strcmp(out, after) == 0;
		if (!is_before && !is_after)
			fail_msg("trial %d: the archive is neither as before nor as after the bundle:\n%s", i, out);
		before_seen += is_before;
		after_seen += is_after;
		/* Importing again finishes the job, and everything is whole. */
		assert_int_equal(hishatak("import --data %s/data %s", test_dir, stick), 0);
		list_into(out, sizeof out);
		assert_string_equal(out, after);
		assert_int_equal(hishatak("verify --data %s/data", test_dir), 0);
		sh("find %s/data/staging -type f | wc -l", test_dir);
		assert_int_equal(atoi(out), 0);
	}
	print_message("kill trials: %d, %d found as before, %d as after (import takes %.2f s)\n", trials, before_seen,
		      after_seen, took);
}

/* The id of the key in DIR/NAME.pub in 16 hex digits, as Hishatak names it
 * (the .pub's comment leaves out leading zeros). */
static void key_id_of(const char *dir, const char *name, char id[32])
{
	assert_int_equal(sh("sed -n '1s/.* //p' %s/%s.pub", dir, name), 0);
	snprintf(id, 32, "%016llX", strtoull(out, NULL, 16));
}

static void test_a_signed_bundle_can_rotate_the_trusted_keys(void **state)
{
	/* Signed by k: trust n from now on, retire k. */
	assert_int_equal(sh("cd %s && minisign -G -W -p n.pub -s n.key >/dev/null && mkdir src && cp %s/docs/gamma.md src/ && "
			    "printf 'id,kind,file,title\ngamma,article,gamma.md,Gamma\n' > src/items.csv",
			    test_dir, group), 0);
	assert_int_equal(hishatak("bundle --archive test-archive --sequence 3 --key %s/k.key --trust %s/n.pub --retire %s/k.pub "
				  "%s/src %s/stick", group, test_dir, group, test_dir, test_dir), 0);
	assert_int_equal(hishatak("import --data %s/data %s/stick", test_dir, test_dir), 0);
	assert_non_null(strstr(out, "trusted keys changed"));
	assert_int_equal(hishatak("keys --data %s/data", test_dir), 0);
	assert_int_equal(count(out, "\n"), 1);
	assert_int_equal(sh("sed -n 2p %s/n.pub", test_dir), 0);
	char line[128];
	snprintf(line, sizeof line, "%s", out);
	assert_int_equal(hishatak("keys --data %s/data", test_dir), 0);
	assert_non_null(strstr(out, line));
	/* The old key is refused now, the new one accepted; an old bundle signed
	 * by the retired key stays on the stick, known for what it is. */
	sh("sed -i 's/,Gamma$/,Gamma again/' %s/src/items.csv", test_dir);
	assert_int_equal(hishatak("bundle --archive test-archive --sequence 4 --key %s/k.key %s/src %s/stick", group, test_dir, test_dir), 0);
	char k_id[32], n_id[32], want[200];
	key_id_of(group, "k", k_id);
	key_id_of(test_dir, "n", n_id);
	assert_int_equal(hishatak("import --data %s/data %s/stick", test_dir, test_dir), 1);
	snprintf(want, sizeof want, "test-archive-4: refused: signed by key %s, which this kiosk has retired (it trusts %s)", k_id, n_id);
	if (!strstr(out, want))
		fail_msg("expected \"%s\" in: %s", want, out);
	snprintf(want, sizeof want, "test-archive-3: already applied (sequence 3; signed by key %s, since retired)", k_id);
	if (!strstr(out, want))
		fail_msg("expected \"%s\" in: %s", want, out);
	assert_int_equal(sh("rm -r %s/stick/test-archive-4", test_dir), 0);
	assert_int_equal(hishatak("bundle --archive test-archive --sequence 4 --key %s/n.key --retire %s/n.pub %s/src %s/stick", test_dir,
				  test_dir, test_dir, test_dir), 0);
	assert_int_equal(hishatak("import --data %s/data %s/stick", test_dir, test_dir), 1);
	assert_non_null(strstr(out, "would leave no trusted key"));
	assert_int_equal(sh("rm -r %s/stick/test-archive-4", test_dir), 0);
	assert_int_equal(hishatak("bundle --archive test-archive --sequence 4 --key %s/n.key %s/src %s/stick", test_dir, test_dir, test_dir), 0);
	if (hishatak("import --data %s/data %s/stick", test_dir, test_dir) != 0)
		fail_msg("%s", out);
	assert_non_null(strstr(out, "applied sequence 4: 0 added, 1 changed"));
	/* Staff at the kiosk can change them by hand too. */
	if (hishatak("keys --data %s/data --trust %s/k.pub", test_dir, group) != 0)
		fail_msg("%s", out);
	assert_int_equal(count(out, "\n"), 2);
	assert_int_equal(hishatak("keys --data %s/data --retire %s/n.pub", test_dir, test_dir), 0);
	assert_int_equal(count(out, "\n"), 1);
	assert_int_equal(hishatak("keys --data %s/data --retire %s/k.pub", test_dir, group), 1);
	assert_non_null(strstr(out, "would leave no trusted key"));
	assert_int_equal(hishatak("keys --data %s/data --trust %s/k.key", test_dir, group), 1);
	assert_non_null(strstr(out, "not a minisign public key"));
}

static void test_the_bundle_command_makes_a_bundle_the_kiosk_accepts(void **state)
{
	char csv[2048];
	assert_int_equal(sh("mkdir -p %s/src/docs && cp %s/docs/gamma.md '%s/src/docs/Gamma draft.md' && cp %s/docs/exodus.md %s/src/",
			    test_dir, group, test_dir, group, test_dir), 0);
	/* As a spreadsheet in a Russian locale saves it: a BOM, ';' between
	 * cells, a cell over two lines. */
	snprintf(csv, sizeof csv, "%s/src/items.csv", test_dir);
	write_text(csv, "\xEF\xBB\xBFid;kind;file;title;title_hy;date;topics;summary\n"
			"gamma;article;docs/Gamma draft.md;Gamma;Գամմա;2024-01;\"one; two\";\"First line;\nsecond line\"\n"
			"delta;testimony;exodus.md;\"Delta, \"\"quoted\"\"\";;2023;;\n"
			";;;;;;;\n"
			"alpha;;;;;;;\n");
	assert_int_equal(hishatak("bundle --archive test-archive --key %s/k.key %s/src %s/stick", group, test_dir, test_dir), 1);
	/* alpha, with no file, is an update: of nothing the bundles folder knows. */
	assert_non_null(strstr(out, "items.csv row 5, column id, \"alpha\": the file cell is empty"));
	assert_non_null(strstr(out, "holds no earlier bundle of this archive"));
	assert_int_equal(sh("test -e %s/stick/test-archive-1", test_dir), 1); /* nothing left behind */
	assert_int_equal(sh("cp -a %s/stick/base %s/stick/", group, test_dir), 0); /* the earlier bundle */
	assert_int_equal(sh("sed -i 's/^alpha;;;;;;;$/alpha;report;;Alpha, renamed;;;;/' %s", csv), 0);
	assert_int_equal(hishatak("bundle --archive test-archive --key %s/k.key %s/src %s/stick", group, test_dir, test_dir), 0);
	assert_non_null(strstr(out, "test-archive-3: made and signed"));
	assert_non_null(strstr(out, "row 2 (gamma): added: \"Gamma\" (article)"));
	assert_non_null(strstr(out, "row 5 (alpha): kind article -> report; title \"Title of alpha\" -> \"Alpha, renamed\""));
	assert_int_equal(sh("ls %s/stick/test-archive-3/files", test_dir), 0);
	assert_string_equal(out, "delta.md\ngamma.md\n");
	assert_int_equal(hishatak("import --data %s/data %s/stick", test_dir, test_dir), 0);
	assert_non_null(strstr(out, "applied sequence 3: 2 added, 1 changed, 0 withdrawn"));
	assert_int_equal(hishatak("show --data %s/data --json delta", test_dir), 0);
	assert_non_null(strstr(out, "Delta, \\\"quoted\\\""));
	assert_int_equal(hishatak("show --data %s/data --json gamma", test_dir), 0);
	assert_non_null(strstr(out, "\"topics\": [\"one\", \"two\"]"));
	assert_non_null(strstr(out, "First line;\\nsecond line"));
	/* The next one takes the next sequence by itself; without a key it says
	 * how to sign. */
	assert_int_equal(sh("printf 'id,withdraw,reason\\ndelta,yes,a test\\n' > %s", csv), 0);
	assert_int_equal(hishatak("bundle --archive test-archive %s/src %s/stick", test_dir, test_dir), 0);
	assert_non_null(strstr(out, "row 2 (delta): withdrawn from the kiosks: \"Delta, \"quoted\"\" (reason: a test)"));
	assert_non_null(strstr(out, "test-archive-4: made; sign it with:\n  minisign -S -s SECRET.key -m"));
	assert_int_equal(hishatak("import --data %s/data %s/stick", test_dir, test_dir), 1);
	assert_non_null(strstr(out, "already applied (sequence 3)"));
	assert_non_null(strstr(out, "test-archive-4: refused: not signed"));
	/* Tables the bundle command refuses, each with its row. */
	assert_int_equal(sh("printf 'id,colour\\nx,red\\n' > %s", csv), 0);
	assert_int_equal(hishatak("bundle --archive test-archive %s/src %s/stick", test_dir, test_dir), 1);
	assert_non_null(strstr(out, "unknown column \"colour\""));
	assert_int_equal(sh("printf 'id,kind, Title,summary,summary\nx,article,X,a,b\n' > %s", csv), 0);
	assert_int_equal(hishatak("bundle --archive test-archive %s/src %s/stick", test_dir, test_dir), 1);
	assert_non_null(strstr(out, "the column \"summary\" is there twice"));
	assert_int_equal(sh("printf 'id,kind,file,title\nx,article,exodus.md,\"X\n' > %s", csv), 0);
	assert_int_equal(hishatak("bundle --archive test-archive %s/src %s/stick", test_dir, test_dir), 1);
	assert_non_null(strstr(out, "a quote is not closed"));
	assert_int_equal(sh("printf 'id,kind,title,file\\nx,article,X,missing.pdf\\n' > %s", csv), 0);
	assert_int_equal(hishatak("bundle --archive test-archive %s/src %s/stick", test_dir, test_dir), 1);
	assert_non_null(strstr(out, "items.csv row 2 (x), column file, \"missing.pdf\": there is no such file"));
	assert_int_equal(sh("printf 'id,kind,title,file,date\\nx,article,X,exodus.md,01/06/2023\\n' > %s", csv), 0);
	assert_int_equal(hishatak("bundle --archive test-archive %s/src %s/stick", test_dir, test_dir), 1);
	assert_non_null(strstr(out, "row 2 (x), column date: \"01/06/2023\" could be 2023-06-01 (day first) or 2023-01-06 (month first)"));
	assert_int_equal(sh("ls %s/stick", test_dir), 0);
	assert_string_equal(out, "base\ntest-archive-3\ntest-archive-4\n");
}

static int log_lines(void)
{
	assert_int_equal(hishatak("log --data %s/data", test_dir), 0);
	int n = 0;
	for (const char *p = out; *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p))
		n += strncmp(p, "20", 2) == 0; /* an entry starts with its time */
	return n;
}

static void test_a_wrong_key_names_the_key_that_signed_and_those_trusted(void **state)
{
	char k_id[32], s_id[32], want[256];
	key_id_of(group, "k", k_id);
	key_id_of(group, "s", s_id);
	bundle_with("x", "test-archive", 3, entry("x", "gamma", "gamma.md", ""), "s.key");
	snprintf(want, sizeof want, "signed by an unknown key %s (this kiosk trusts %s)", s_id, k_id);
	assert_refused("x", want);
}

static void test_names_from_a_stick_reach_no_terminal_and_no_log(void **state)
{
	/* A folder whose name erases the line, writes the clipboard (OSC 52),
	 * forges a line and is not UTF-8; unsigned. */
	char evil[512], path[600];
	snprintf(evil, sizeof evil, "%s/stick/evil\x1b]52;c;ZXZpbA==\x07\x1b[2K\r\nx: applied sequence 9\xff", test_dir);
	assert_int_equal(mkdir(evil, 0755), 0);
	snprintf(path, sizeof path, "%s/bundle.json", evil);
	write_text(path, "{}");
	/* A signed bundle whose trusted comment and withdrawal reason hold
	 * escapes too: signed, but still not for a terminal. */
	assert_int_equal(sh("mkdir -p %s/stick/w && printf '{\"format\": \"hishatak-bundle/1\", \"archive\": \"test-archive\", "
			    "\"sequence\": 3, \"created\": \"2026-11-20T09:30:00Z\", \"items\": [{\"id\": \"alpha\", \"withdraw\": true, "
			    "\"reason\": \"red \\\\u001b[31m text\"}]}' > %s/stick/w/bundle.json && "
			    "minisign -S -s %s/k.key -m %s/stick/w/bundle.json -t \"$(printf 'title \\033]0;pwned\\007')\" >/dev/null 2>&1",
			    test_dir, test_dir, group, test_dir), 0);
	assert_int_equal(hishatak("import --data %s/data %s/stick", test_dir, test_dir), 1);
	assert_null(memchr(out, '\x1b', strlen(out)));
	assert_null(strchr(out, '\r'));
	assert_null(strchr(out, '\xff'));
	assert_non_null(strstr(out, "evil\\x1b]52;c;ZXZpbA==\\x07\\x1b[2K\\x0d\\x0ax: applied sequence 9\\xff: refused: not signed"));
	assert_non_null(strstr(out, "w: applied sequence 3: 0 added, 0 changed, 1 withdrawn"));
	assert_int_equal(count(out, "\n"), 2);
	assert_int_equal(hishatak("log --data %s/data", test_dir), 0);
	assert_null(memchr(out, '\x1b', strlen(out)));
	assert_null(strstr(out, "evil")); /* what an unsigned stick names stays out */
	assert_non_null(strstr(out, "signed: title \\x1b]0;pwned\\x07"));
	assert_non_null(strstr(out, "withdrawn alpha: red \\x1b[31m text"));
	assert_non_null(strstr(out, "not signed (bundle.json.minisig: missing)"));
}

static double seconds_since(double start)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9 - start;
}

static void test_an_unsigned_stick_costs_little_and_one_log_line(void **state)
{
	char k_id[32];
	key_id_of(group, "k", k_id);
	/* A real signature by a trusted key, of something else. */
	assert_int_equal(sh("cd %s && echo other > other.json && minisign -S -s %s/k.key -m other.json >/dev/null 2>&1 && "
			    "minisign -S -s %s/s.key -m other.json -x stranger.minisig >/dev/null 2>&1", test_dir, group, group), 0);
	/* 50 folders whose bundle.json is one 64 MiB file through hard links,
	 * one of 1 GiB, 20 of 60 MiB each, 5 signed by a stranger's key: sparse
	 * files, so that reading them is what costs. */
	assert_int_equal(sh("cd %s/stick && truncate -s 64M big.json && "
			    "for i in $(seq -w 0 49); do mkdir hard-$i && ln big.json hard-$i/bundle.json && cp ../other.json.minisig hard-$i/bundle.json.minisig; done && "
			    "mkdir huge && truncate -s 1G huge/bundle.json && cp ../other.json.minisig huge/bundle.json.minisig && "
			    "for i in $(seq -w 0 19); do mkdir sparse-$i && truncate -s 60M sparse-$i/bundle.json && cp ../other.json.minisig sparse-$i/bundle.json.minisig; done && "
			    "for i in 0 1 2 3 4; do mkdir stranger-$i && truncate -s 60M stranger-$i/bundle.json && cp ../stranger.minisig stranger-$i/bundle.json.minisig; done && "
			    "rm big.json", test_dir), 0);
	int lines = log_lines(), files = stored_files();
	double start = seconds_since(0);
	assert_int_equal(hishatak("import --data %s/data %s/stick", test_dir, test_dir), 1);
	double took = seconds_since(start);
	print_message("a stick of 76 hostile bundle folders: %.2f s\n", took);
	assert_int_equal(count(out, "hard-00: refused: bad signature"), 1);
	assert_int_equal(count(out, "same file as another bundle folder's (a hard link)"), 49);
	assert_int_equal(count(out, "huge: refused: bundle.json: larger than 64 MiB"), 1);
	assert_int_equal(count(out, ": refused: bad signature"), 1 + 3);                   /* 64 + 3 x 60 MiB read */
	assert_int_equal(count(out, "not read: the bundle.json files on this stick come to more than 256 MiB"), 17);
	assert_int_equal(count(out, "signed by an unknown key"), 5);
	assert_true(took < 20);
	assert_int_equal(log_lines(), lines + 1);
	assert_unchanged(files);

	/* 300 tiny folders: 128 looked at, the rest said, one log line. */
	assert_int_equal(sh("rm -rf %s/stick && mkdir %s/stick && cd %s/stick && "
			    "for i in $(seq -w 1 300); do mkdir b$i && echo '{}' > b$i/bundle.json; done", test_dir, test_dir, test_dir), 0);
	assert_int_equal(hishatak("import --data %s/data %s/stick", test_dir, test_dir), 1);
	assert_int_equal(count(out, "refused: not signed"), 128);
	assert_non_null(strstr(out, "172 more bundle folders not looked at: the kiosk takes at most 128 from one stick"));
	assert_int_equal(log_lines(), lines + 2);
	assert_int_equal(hishatak("log --data %s/data", test_dir), 0);
	assert_non_null(strstr(out, "128 folders: not signed (bundle.json.minisig: missing); 172 more bundle folders not looked at"));
}

static void test_the_log_is_pruned_but_keeps_every_bundle_applied(void **state)
{
	char path[512], err[256];
	snprintf(path, sizeof path, "%s/data", test_dir);
	data_folder *d = data_open(path, 0, err);
	assert_non_null(d);
	assert_int_equal(catalog_begin(d->cat), 0);
	for (int i = 0; i < 1000; i++) {
		catalog_log_entry e = {.result = "refused", .source = "/media/old", .reason = "not signed"};
		assert_int_equal(catalog_log_add(d->cat, &e), 0);
	}
	assert_int_equal(catalog_commit(d->cat), 0);
	assert_int_equal(sh("mkdir -p %s/stick/u && echo '{}' > %s/stick/u/bundle.json", test_dir, test_dir), 0);
	bundle_report *reports;
	int n;
	snprintf(path, sizeof path, "%s/stick", test_dir);
	render_reader *rr = render_reader_open(HISHATAK);
	ingest_reader reader = render_reader_ingest(rr);
	assert_int_equal(bundle_import(d, path, &reader, &reports, &n, NULL, NULL), 1);
	render_reader_close(rr);
	free(reports);
	catalog_log_entry *entries;
	assert_int_equal(catalog_log_list(d->cat, 5000, &entries, &n), 0);
	assert_int_equal(n, 500 + 1); /* the newest 500, and the base bundle applied */
	assert_string_equal(entries[0].reason, "not signed (bundle.json.minisig: missing)");
	assert_string_equal(entries[n - 1].result, "applied");
	free(entries);
	data_close(d);
}

static void test_keys_rotated_on_one_stick_are_in_force_for_the_next_bundle(void **state)
{
	char k_id[32];
	key_id_of(group, "k", k_id);
	/* 3, signed by k, trusts n and retires k; 4 is signed by n. */
	assert_int_equal(sh("cd %s && minisign -G -W -p n.pub -s n.key >/dev/null && mkdir src && cp %s/docs/gamma.md src/ && "
			    "printf 'id,kind,file,title\ngamma,article,gamma.md,Gamma\n' > src/items.csv && cp -a data data2",
			    test_dir, group), 0);
	assert_int_equal(hishatak("bundle --archive test-archive --sequence 3 --key %s/k.key --trust %s/n.pub --retire %s/k.pub "
				  "%s/src %s/stick", group, test_dir, group, test_dir, test_dir), 0);
	assert_int_equal(sh("sed -i 's/,Gamma$/,Gamma again/' %s/src/items.csv", test_dir), 0);
	assert_int_equal(hishatak("bundle --archive test-archive --sequence 4 --key %s/n.key %s/src %s/stick", test_dir, test_dir,
				  test_dir), 0);
	if (hishatak("import --data %s/data %s/stick", test_dir, test_dir) != 0)
		fail_msg("%s", out);
	assert_non_null(strstr(out, "applied sequence 3: 1 added"));
	assert_non_null(strstr(out, "applied sequence 4: 0 added, 1 changed"));
	/* The same stick again: nothing to do, and no error for ever after. */
	if (hishatak("import --data %s/data %s/stick", test_dir, test_dir) != 0)
		fail_msg("%s", out);
	char want[200];
	snprintf(want, sizeof want, "test-archive-3: already applied (sequence 3; signed by key %s, since retired)", k_id);
	assert_non_null(strstr(out, want));
	assert_non_null(strstr(out, "test-archive-4: already applied (sequence 4)"));
	/* A 4 still signed by the key 3 retired is refused, 3 applied. */
	assert_int_equal(sh("rm -r %s/stick/test-archive-4", test_dir), 0);
	assert_int_equal(hishatak("bundle --archive test-archive --sequence 4 --key %s/k.key %s/src %s/stick", group, test_dir,
				  test_dir), 0);
	assert_int_equal(hishatak("import --data %s/data2 %s/stick", test_dir, test_dir), 1);
	assert_non_null(strstr(out, "applied sequence 3: 1 added"));
	snprintf(want, sizeof want, "test-archive-4: refused: signed by key %s, which a bundle before it retired", k_id);
	if (!strstr(out, want))
		fail_msg("expected \"%s\" in: %s", want, out);
	assert_int_equal(hishatak("show --data %s/data2 --json gamma", test_dir), 0);
	assert_non_null(strstr(out, "\"title\": \"Gamma\""));
}

static void test_old_bundles_are_skipped_and_bundles_found_two_folders_down(void **state)
{
	/* The kiosk has 2; a copied bundles/ folder holds 1, 2 and 3. */
	bundle("bundles/test-archive-1", 1, entry("bundles/test-archive-1", "alpha", "alpha.md", ""));
	bundle("bundles/test-archive-2", 2, entry("bundles/test-archive-2", "beta", "beta.txt", ""));
	bundle("bundles/test-archive-3", 3, entry("bundles/test-archive-3", "gamma", "gamma.md", ""));
	if (hishatak("import --data %s/data %s/stick", test_dir, test_dir) != 0)
		fail_msg("%s", out);
	assert_non_null(strstr(out, "bundles/test-archive-1: already applied (sequence 1; this kiosk has sequence 2)"));
	assert_non_null(strstr(out, "bundles/test-archive-2: already applied (sequence 2)"));
	assert_non_null(strstr(out, "bundles/test-archive-3: applied sequence 3: 1 added"));
	assert_int_equal(count(out, "\n"), 3);
}

static void test_a_bundle_too_deep_says_where_it_belongs(void **state)
{
	bundle("a/b/c/test-archive-3", 3, entry("a/b/c/test-archive-3", "gamma", "gamma.md", ""));
	int files = stored_files();
	assert_int_equal(hishatak("import --data %s/data %s/stick", test_dir, test_dir), 1);
	assert_non_null(strstr(out, "stick/a/b/c/test-archive-3: refused: bundle.json is too deep: the kiosk looks for bundle "
				    "folders at the stick's root and up to two folders below it; move this folder up"));
	assert_unchanged(files);
	/* Moved up two levels, it is found. */
	assert_int_equal(sh("mv %s/stick/a/b/c/test-archive-3 %s/stick/a/", test_dir, test_dir), 0);
	assert_int_equal(hishatak("import --data %s/data %s/stick", test_dir, test_dir), 0);
	assert_non_null(strstr(out, "stick/a/test-archive-3: applied sequence 3"));
}

/* A PDF of size bytes: one blank page, and a stream no reader looks at. */
static void big_pdf(const char *path, long long size)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	long offsets[5];
	fputs("%PDF-1.4\n", f);
	offsets[1] = ftell(f);
	fputs("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n", f);
	offsets[2] = ftell(f);
	fputs("2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n", f);
	offsets[3] = ftell(f);
	fputs("3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n", f);
	offsets[4] = ftell(f);
	long long padding = size - 400 - ftell(f);
	fprintf(f, "4 0 obj << /Length %lld >> stream\n", padding);
	static char zeros[1 << 16];
	for (long long left = padding; left > 0; left -= (long long)sizeof zeros)
		fwrite(zeros, 1, left < (long long)sizeof zeros ? (size_t)left : sizeof zeros, f);
	fputs("\nendstream endobj\n", f);
	long xref = ftell(f);
	fputs("xref\n0 5\n0000000000 65535 f \n", f);
	for (int i = 1; i < 5; i++)
		fprintf(f, "%010ld 00000 n \n", offsets[i]);
	fprintf(f, "trailer << /Size 5 /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", xref);
	fclose(f);
}

static long long free_bytes(const char *dir)
{
	assert_int_equal(sh("df -B1 --output=avail %s | tail -1", dir), 0);
	return atoll(out);
}

/* A bundle NAME at sequence with one item id: a PDF of size bytes. */
static void bundle_of_pdf(const char *name, long long sequence, const char *id, long long size)
{
	char path[512];
	assert_int_equal(sh("mkdir -p %s/docs", test_dir), 0);
	snprintf(path, sizeof path, "%s/docs/%s.pdf", test_dir, id);
	big_pdf(path, size);
	assert_int_equal(sh("mkdir -p %s/stick/%s/files && mv %s %s/stick/%s/files/", test_dir, name, path, test_dir, name), 0);
	snprintf(path, sizeof path, "%s/stick/%s/files/%s.pdf", test_dir, name, id);
	char sha[65], err[256], json_item[1024];
	long long real;
	assert_int_equal(store_hash_file(path, sha, &real, err), 0);
	snprintf(json_item, sizeof json_item, "{\"id\": \"%s\", \"kind\": \"report\", \"title\": \"%s\", \"file\": \"files/%s.pdf\", "
		 "\"size\": %lld, \"sha256\": \"%s\"}", id, id, id, real, sha);
	bundle(name, sequence, json_item);
}

static void test_a_full_card_keeps_a_reserve_and_takes_withdrawals(void **state)
{
	/* The data folder on a small card of its own: a real tmpfs. */
	if (sh("mv %s/data %s/base && mkdir %s/data && mount -t tmpfs -o size=48m hishatak-test %s/data 2>&1", test_dir, test_dir,
	       test_dir, test_dir) != 0) {
		print_message("skipped: cannot mount a tmpfs here (%s)\n", out);
		skip();
	}
	assert_int_equal(sh("cp -a %s/base/. %s/data/", test_dir, test_dir), 0);
	bundle_of_pdf("b3", 3, "big", 20 << 20);
	if (hishatak("import --data %s/data %s/stick", test_dir, test_dir) != 0)
		fail_msg("%s", out);
	/* A bundle that would leave 2 MB: refused, it would eat the reserve. */
	char before[1 << 16], data[512];
	snprintf(data, sizeof data, "%s/data", test_dir);
	list_into(before, sizeof before);
	int files = stored_files();
	assert_int_equal(sh("rm -rf %s/stick/b3", test_dir), 0);
	bundle_of_pdf("b4", 4, "huge", free_bytes(data) - (2 << 20));
	assert_int_equal(hishatak("import --data %s/data %s/stick", test_dir, test_dir), 1);
	assert_non_null(strstr(out, "b4: refused: the storage is too full for its files: they need "));
	assert_non_null(strstr(out, "MB kept for withdrawals and changes); withdraw items to make room"));
	list_into(out, sizeof out);
	assert_string_equal(out, before);
	assert_int_equal(stored_files(), files);
	assert_int_equal(hishatak("verify --data %s/data", test_dir), 0);
	/* Something else fills the card to 2 MB (the cache, here): a bundle
	 * that withdraws an item and renames another is still taken. */
	assert_int_equal(sh("rm -rf %s/stick/b4 && dd if=/dev/zero of=%s/data/cache/filler bs=1M count=%lld 2>/dev/null",
			    test_dir, test_dir, (free_bytes(data) >> 20) - 2), 0);
	assert_true(free_bytes(data) < (4 << 20));
	bundle("b5", 4, "{\"id\": \"big\", \"withdraw\": true}, {\"id\": \"alpha\", \"kind\": \"report\", \"title\": \"Alpha, renamed\"}");
	if (hishatak("import --data %s/data %s/stick", test_dir, test_dir) != 0)
		fail_msg("%s", out);
	assert_non_null(strstr(out, "b5: applied sequence 4: 0 added, 1 changed, 1 withdrawn"));
	assert_true(free_bytes(data) > (20 << 20)); /* the big file is gone */
	assert_int_equal(hishatak("show --data %s/data --json alpha", test_dir), 0);
	assert_non_null(strstr(out, "Alpha, renamed"));
	assert_int_equal(hishatak("verify --data %s/data", test_dir), 0);
}

/* The test's own tmpfs goes before its folder. */
static int teardown_card(void **state)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "umount %s/data 2>/dev/null", test_dir);
	if (system(cmd) != 0) { /* not mounted: nothing to do */
	}
	return teardown_test_dir(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_good_bundle_is_applied_and_logged, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_several_bundles_on_one_stick_apply_lowest_first, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_withdrawal_removes_the_item_its_file_and_its_search_hits, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_snapshot_leaves_exactly_the_listed_items, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_an_update_without_a_file_changes_only_the_metadata, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_an_update_changes_only_the_fields_it_names, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_withdrawal_of_an_id_not_held_is_not_reported_as_done, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_legacy_signature_is_accepted, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_signature_problems_are_refused, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_bundles_of_another_archive_are_refused_and_older_ones_skipped, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_malformed_manifests_are_refused, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_bad_files_are_refused, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_stick_pulled_out_midway_is_a_clean_refusal, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_an_import_killed_at_any_moment_leaves_before_or_after, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_signed_bundle_can_rotate_the_trusted_keys, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_bundle_command_makes_a_bundle_the_kiosk_accepts, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_wrong_key_names_the_key_that_signed_and_those_trusted, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_names_from_a_stick_reach_no_terminal_and_no_log, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_an_unsigned_stick_costs_little_and_one_log_line, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_log_is_pruned_but_keeps_every_bundle_applied, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_keys_rotated_on_one_stick_are_in_force_for_the_next_bundle, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_old_bundles_are_skipped_and_bundles_found_two_folders_down, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_bundle_too_deep_says_where_it_belongs, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_full_card_keeps_a_reserve_and_takes_withdrawals, setup, teardown_card),
	};
	if (getenv("TEST_ONLY")) /* a pattern, like "*withdraw*" */
		cmocka_set_test_filter(getenv("TEST_ONLY"));
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
