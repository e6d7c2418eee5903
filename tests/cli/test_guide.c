/* What bundles tell visitors beside their items (the format's "Optional
 * fields for visitors"): the archive's about, topics and collections, and
 * items' curator_note. Bundles written by hand from the format spec,
 * signed with the real minisign, applied with `hishatak import`, read back
 * with `hishatak guide` and `hishatak show`; each on a real catalogue. */
#include "helpers.h"
#include "core/store.h"

static char out[1 << 18];
static char group[256]; /* keys, documents and the base archive (alpha and beta) */

#define sh(...) run_fmt(out, sizeof out, __VA_ARGS__)

#define hishatak(...) run_hishatak(out, sizeof out, __VA_ARGS__)

/* A one-pixel PNG, the smallest picture a collection can have. */
static const unsigned char pixel_png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
	0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0a, 0x49,
	0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00,
	0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

/* Writes stick/NAME/bundle.json (sequence, items, then the top-level
 * fields in top, which may be "") and signs it. */
static void bundle(const char *name, long long sequence, const char *items, const char *top)
{
	char path[512], json[16384];
	assert_int_equal(sh("mkdir -p %s/stick/%s", test_dir, name), 0);
	snprintf(path, sizeof path, "%s/stick/%s/bundle.json", test_dir, name);
	snprintf(json, sizeof json, "{\"format\": \"hishatak-bundle/1\", \"archive\": \"test-archive\", \"sequence\": %lld, "
		 "\"created\": \"2026-11-20T09:30:00Z\", \"items\": [%s]%s%s}", sequence, items, top[0] ? ", " : "", top);
	write_text(path, json);
	assert_int_equal(sh("minisign -S -s %s/k.key -m %s -t 'test bundle %lld' >/dev/null 2>&1", group, path, sequence), 0);
}

/* Puts the one-pixel PNG into stick/NAME/files/pixel.png and returns the
 * JSON of a picture field for it: "picture": ..., "size": ..., "sha256": ... */
static const char *picture(const char *name)
{
	static char json[256];
	char path[512], sha[65], err[256];
	long long size;
	assert_int_equal(sh("mkdir -p %s/stick/%s/files", test_dir, name), 0);
	snprintf(path, sizeof path, "%s/stick/%s/files/pixel.png", test_dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(pixel_png, 1, sizeof pixel_png, f), sizeof pixel_png);
	fclose(f);
	assert_int_equal(store_hash_file(path, sha, &size, err), 0);
	snprintf(json, sizeof json, "\"picture\": \"files/pixel.png\", \"size\": %lld, \"sha256\": \"%s\"", size, sha);
	return json;
}

static int import(const char *name)
{
	return hishatak("import --data %s/data %s/stick/%s", test_dir, test_dir, name);
}

static void guide_into(char *dst, size_t size)
{
	assert_int_equal(hishatak("guide --data %s/data --json", test_dir), 0);
	if (dst != out)
		snprintf(dst, size, "%s", out);
}

static int stored_files(void)
{
	sh("find %s/data/store -type f | wc -l", test_dir);
	return atoi(out);
}

static int group_setup(void **state)
{
	char cmd[2048];
	temp_dir(group);
	snprintf(cmd, sizeof cmd,
		 "cd %s && minisign -G -W -p k.pub -s k.key >/dev/null && mkdir -p stick/base/files && "
		 "printf '# Alpha\\n\\nThe first document, about the Lachin corridor.\\n' > stick/base/files/alpha.md && "
		 "printf 'Beta, a plain text document.\\n' > stick/base/files/beta.txt",
		 group);
	assert_int_equal(run(cmd, NULL, 0), 0);
	snprintf(test_dir, sizeof test_dir, "%s", group);
	assert_int_equal(hishatak("init --data %s/data --archive test-archive --trust %s/k.pub", group, group), 0);
	char items[2048], sha[2][65], err[256], path[512];
	long long size[2];
	const char *names[2] = {"alpha.md", "beta.txt"};
	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "%s/stick/base/files/%s", group, names[i]);
		assert_int_equal(store_hash_file(path, sha[i], &size[i], err), 0);
	}
	snprintf(items, sizeof items,
		 "{\"id\": \"alpha\", \"kind\": \"article\", \"title\": \"Alpha\", \"topics\": [\"exodus\", \"raw tag\"], "
		 "\"file\": \"files/alpha.md\", \"size\": %lld, \"sha256\": \"%s\"}, "
		 "{\"id\": \"beta\", \"kind\": \"report\", \"title\": \"Beta\", \"file\": \"files/beta.txt\", \"size\": %lld, "
		 "\"sha256\": \"%s\"}", size[0], sha[0], size[1], sha[1]);
	bundle("base", 2, items, "");
	assert_int_equal(import("base"), 0);
	return 0;
}

static int group_teardown(void **state)
{
	remove_dir(group);
	return 0;
}

static int setup(void **state)
{
	setup_test_dir(state);
	return sh("cp -a %s/data %s/data && mkdir %s/stick %s/bundles", group, test_dir, test_dir, test_dir);
}

static const char *about =
	"\"about\": {\"title\": \"Hishatak\", \"titles\": {\"hy\": \"Հիշատակ\", \"ru\": \"Ишатак\"}, "
	"\"intro\": \"Documents about the exodus.\", \"intros\": {\"ru\": \"Документы об исходе.\"}}";

static void test_about_topics_and_collections_are_kept_with_their_picture(void **state)
{
	char top[4096];
	int files = stored_files();
	snprintf(top, sizeof top,
		 "%s, \"topics\": [{\"id\": \"exodus\", \"label\": \"Exodus\", \"labels\": {\"hy\": \"Արտագաղթ\", \"ru\": \"Исход\"}}], "
		 "\"collections\": [{\"id\": \"voices\", \"title\": \"Voices of the exodus\", \"titles\": {\"ru\": \"Голоса исхода\"}, "
		 "\"intro\": \"Those who left.\", \"items\": [\"beta\", \"alpha\"], %s}]", about, picture("b3"));
	bundle("b3", 3, "", top);
	assert_int_equal(import("b3"), 0);
	assert_non_null(strstr(out, "applied sequence 3"));
	guide_into(out, sizeof out);
	assert_non_null(strstr(out, "\"hy\": \"Հիշատակ\""));
	assert_non_null(strstr(out, "\"intro\": \"Documents about the exodus.\""));
	assert_non_null(strstr(out, "\"ru\": \"Документы об исходе.\""));
	assert_non_null(strstr(out, "{\"id\": \"exodus\", \"label\": \"Exodus\", \"labels\": {\"hy\": \"Արտագաղթ\", \"ru\": \"Исход\"}}"));
	assert_non_null(strstr(out, "\"title\": \"Voices of the exodus\""));
	assert_non_null(strstr(out, "\"items\": [\"beta\", \"alpha\"]")); /* in the curator's order */
	assert_non_null(strstr(out, "\"size\": 67"));
	/* The picture is a stored file like a document: in the store, checked by verify. */
	assert_int_equal(stored_files(), files + 1);
	assert_int_equal(hishatak("verify --data %s/data", test_dir), 0);
	/* Items keep their count: a guide adds no items. */
	assert_int_equal(hishatak("list --data %s/data --json", test_dir), 0);
	assert_int_equal(count(out, "\"id\": "), 2);
}

static void test_a_topic_left_out_keeps_its_labels_and_a_withdrawn_collection_goes(void **state)
{
	char top[4096];
	snprintf(top, sizeof top,
		 "\"topics\": [{\"id\": \"exodus\", \"label\": \"Exodus\", \"labels\": {\"ru\": \"Исход\"}}, "
		 "{\"id\": \"raw tag\", \"label\": \"Tag\"}], "
		 "\"collections\": [{\"id\": \"voices\", \"title\": \"Voices\", \"items\": [\"alpha\"], %s}, "
		 "{\"id\": \"blockade\", \"title\": \"The blockade\", \"items\": [\"beta\"]}]", picture("b3"));
	bundle("b3", 3, "", top);
	assert_int_equal(import("b3"), 0);
	int files = stored_files();
	/* 4 relabels one topic and withdraws one collection; the other of
	 * each is left out, and stays as it was. */
	bundle("b4", 4, "",
	       "\"topics\": [{\"id\": \"raw tag\", \"label\": \"A tag\", \"labels\": {\"hy\": \"Պիտակ\"}}], "
	       "\"collections\": [{\"id\": \"voices\", \"withdraw\": true}]");
	assert_int_equal(import("b4"), 0);
	guide_into(out, sizeof out);
	assert_non_null(strstr(out, "{\"id\": \"exodus\", \"label\": \"Exodus\", \"labels\": {\"ru\": \"Исход\"}}"));
	assert_non_null(strstr(out, "{\"id\": \"raw tag\", \"label\": \"A tag\", \"labels\": {\"hy\": \"Պիտակ\"}}"));
	assert_null(strstr(out, "\"voices\""));
	assert_non_null(strstr(out, "\"blockade\""));
	/* The withdrawn collection's picture goes with it. */
	assert_int_equal(stored_files(), files - 1);
	assert_int_equal(hishatak("verify --data %s/data", test_dir), 0);
}

/* Imports stick/NAME: refused with reason, and the guide, the items and
 * the stored files as they were. */
static void assert_refused(const char *name, const char *reason)
{
	char before[8192], list[8192];
	int files = stored_files();
	guide_into(before, sizeof before);
	assert_int_equal(hishatak("list --data %s/data --json", test_dir), 0);
	snprintf(list, sizeof list, "%s", out);
	int rc = import(name);
	if (rc != 1 || !strstr(out, reason))
		fail_msg("%s: expected refusal \"%s\", got %d: %s", name, reason, rc, out);
	guide_into(out, sizeof out);
	assert_string_equal(out, before);
	assert_int_equal(hishatak("list --data %s/data --json", test_dir), 0);
	assert_string_equal(out, list);
	assert_int_equal(stored_files(), files);
	assert_int_equal(sh("rm -rf %s/stick/%s", test_dir, name), 0);
}

static void test_a_picture_of_the_wrong_size_or_hash_refuses_the_whole_bundle(void **state)
{
	char top[4096], items[512];
	/* The bundle also changes an item: that must not happen either. */
	snprintf(items, sizeof items, "{\"id\": \"alpha\", \"kind\": \"article\", \"title\": \"Alpha renamed\"}");
	snprintf(top, sizeof top, "%s, \"collections\": [{\"id\": \"voices\", \"title\": \"Voices\", \"items\": [\"alpha\"], %s}]",
		 about, picture("b3"));
	char *size = strstr(top, "\"size\": 67");
	assert_non_null(size);
	size[9] = '8';
	bundle("b3", 3, items, top);
	assert_refused("b3", "collection voices: picture files/pixel.png: size is 67 bytes, bundle.json says 68");
	snprintf(top, sizeof top, "%s, \"collections\": [{\"id\": \"voices\", \"title\": \"Voices\", \"items\": [\"alpha\"], %s}]",
		 about, picture("b3"));
	char *hash = strstr(top, "\"sha256\": \"");
	hash[11] = hash[11] == 'a' ? 'b' : 'a';
	bundle("b3", 3, items, top);
	assert_refused("b3", "SHA-256 does not match");
	snprintf(top, sizeof top, "\"collections\": [{\"id\": \"voices\", \"title\": \"Voices\", \"items\": [\"alpha\"], "
		 "\"picture\": \"files/missing.png\", \"size\": 3, \"sha256\": \"%064d\"}]", 0);
	bundle("b3", 3, items, top);
	assert_refused("b3", "collection voices: picture");
}

static void test_wrong_types_in_the_guide_are_refused_with_the_field(void **state)
{
	static const struct {
		const char *top, *reason;
	} cases[] = {
		{"\"about\": \"Hishatak\"", "about must be an object"},
		{"\"about\": {\"title\": 7}", "about: title must be a string"},
		{"\"about\": {\"intros\": {\"hy\": 1}}", "about: intros must map language tags to strings"},
		{"\"topics\": {\"id\": \"x\"}", "topics must be a list"},
		{"\"topics\": [{\"id\": \"exodus\"}]", "topic \"exodus\": missing label"},
		{"\"topics\": [{\"label\": \"Exodus\"}]", "topic 1: missing id"},
		{"\"topics\": [{\"id\": \"a\", \"label\": \"A\"}, {\"id\": \"a\", \"label\": \"B\"}]", "topic \"a\" appears twice"},
		{"\"collections\": [{\"id\": \"Voices!\", \"title\": \"V\", \"items\": []}]", "collection 1: bad id"},
		{"\"collections\": [{\"id\": \"voices\", \"items\": [\"alpha\"]}]", "collection voices: missing title"},
		{"\"collections\": [{\"id\": \"voices\", \"title\": \"V\"}]", "collection voices: missing items"},
		{"\"collections\": [{\"id\": \"voices\", \"title\": \"V\", \"items\": [1]}]", "collection voices: items must be item ids"},
		{"\"collections\": [{\"id\": \"voices\", \"title\": \"V\", \"items\": [], \"picture\": \"../x.png\", \"size\": 1, "
		 "\"sha256\": \"00\"}]", "must be a .png or .jpg file's path in the bundle"},
		{"\"collections\": [{\"id\": \"voices\", \"title\": \"V\", \"items\": [], \"picture\": \"files/x.png\"}]",
		 "picture files/x.png needs size and sha256"},
		{"\"collections\": [{\"id\": \"voices\", \"withdraw\": \"yes\"}]", "withdraw must be true or false"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		bundle("b3", 3, "", cases[i].top);
		assert_refused("b3", cases[i].reason);
	}
	bundle("b3", 3, "{\"id\": \"alpha\", \"kind\": \"article\", \"title\": \"Alpha\", \"curator_note\": 3}", "");
	assert_refused("b3", "item alpha: curator_note must be a string");
}

static void test_items_a_collection_names_that_the_archive_lacks_are_left_out_with_a_log_line(void **state)
{
	bundle("b3", 3, "", "\"collections\": [{\"id\": \"voices\", \"title\": \"Voices\", \"items\": [\"alpha\", \"nobody\", \"beta\"]}]");
	assert_int_equal(import("b3"), 0);
	guide_into(out, sizeof out);
	assert_non_null(strstr(out, "\"items\": [\"alpha\", \"beta\"]"));
	assert_int_equal(hishatak("log --data %s/data", test_dir), 0);
	assert_non_null(strstr(out, "collection voices: not in this archive, left out: nobody"));
	/* An item withdrawn later leaves its collections too. */
	bundle("b4", 4, "{\"id\": \"beta\", \"withdraw\": true}", "");
	assert_int_equal(import("b4"), 0);
	guide_into(out, sizeof out);
	assert_non_null(strstr(out, "\"items\": [\"alpha\"]"));
}

static void test_a_curator_note_is_for_staff_kept_by_updates_and_cleared_by_null(void **state)
{
	bundle("b3", 3, "{\"id\": \"alpha\", \"kind\": \"article\", \"title\": \"Alpha\", \"summary\": \"For visitors.\", "
		   "\"curator_note\": \"Footnotes set as notes at the end.\"}", "");
	assert_int_equal(import("b3"), 0);
	assert_int_equal(hishatak("show --data %s/data alpha", test_dir), 0);
	assert_non_null(strstr(out, "curator:   Footnotes set as notes at the end."));
	assert_non_null(strstr(out, "summary:   For visitors."));
	/* Search, which visitors use, does not find it. */
	assert_int_equal(hishatak("search --data %s/data --json footnotes", test_dir), 0);
	assert_null(strstr(out, "\"alpha\""));
	bundle("b4", 4, "{\"id\": \"alpha\", \"kind\": \"article\", \"title\": \"Alpha again\"}", "");
	assert_int_equal(import("b4"), 0);
	assert_int_equal(hishatak("show --data %s/data --json alpha", test_dir), 0);
	assert_non_null(strstr(out, "\"curator_note\": \"Footnotes set as notes at the end.\""));
	bundle("b5", 5, "{\"id\": \"alpha\", \"kind\": \"article\", \"title\": \"Alpha\", \"curator_note\": null}", "");
	assert_int_equal(import("b5"), 0);
	assert_int_equal(hishatak("show --data %s/data alpha", test_dir), 0);
	assert_null(strstr(out, "curator:"));
}

/* src/ of the base archive's documents with items.csv, and the tables given
 * (NULL: not there); then `hishatak bundle` of it, signed with k. */
static int bundle_folder(const char *topics, const char *collections, const char *about_csv)
{
	assert_int_equal(sh("mkdir -p %s/src && cp %s/stick/base/files/alpha.md %s/stick/base/files/beta.txt %s/src/", test_dir, group,
			    group, test_dir), 0);
	char path[512];
	snprintf(path, sizeof path, "%s/src/items.csv", test_dir);
	write_text(path, "id,kind,file,title,topics,summary,curator_note\n"
			 "alpha,article,alpha.md,Alpha,exodus; raw tag,For visitors.,Set from the plain text.\n"
			 "beta,report,beta.txt,Beta,,,\n");
	const char *tables[3] = {topics, collections, about_csv}, *names[3] = {"topics.csv", "collections.csv", "about.csv"};
	for (int i = 0; i < 3; i++)
		if (tables[i]) {
			snprintf(path, sizeof path, "%s/src/%s", test_dir, names[i]);
			write_text(path, tables[i]);
		}
	FILE *f = fopen((snprintf(path, sizeof path, "%s/src/cover.png", test_dir), path), "wb");
	assert_non_null(f);
	fwrite(pixel_png, 1, sizeof pixel_png, f);
	fclose(f);
	return hishatak("bundle --archive test-archive --sequence 3 --key %s/k.key %s/src %s/bundles", group, test_dir, test_dir);
}

static void test_the_bundle_command_takes_topics_collections_and_about_from_their_tables(void **state)
{
	int rc = bundle_folder("id,label,label_hy,label_ru\n"
			       "exodus,Exodus,Արտագաղթ,Исход\n",
			       "id,title,title_hy,title_ru,intro,intro_hy,intro_ru,items,picture\n"
			       "voices-of-the-exodus,Voices of the exodus,Արտագաղթի ձայները,Голоса исхода,Those who left.,"
			       "Նրանք՝ ովքեր հեռացան։,\"Те, кто уехал.\",beta alpha,cover.png\n",
			       "title,title_hy,title_ru,intro,intro_hy,intro_ru\n"
			       "Hishatak,Հիշատակ,Ишатак,An archive.,Արխիվ։,Архив.\n");
	if (rc != 0)
		fail_msg("bundle: %s", out);
	assert_non_null(strstr(out, "collections.csv (voices-of-the-exodus): on Home: \"Voices of the exodus\", 2 items, with its picture"));
	assert_non_null(strstr(out, "topics.csv: 1 topic labelled for visitors"));
	assert_int_equal(sh("grep -c collection-voices-of-the-exodus.png %s/bundles/test-archive-3/bundle.json", test_dir), 0);
	assert_int_equal(import("../bundles/test-archive-3"), 0);
	guide_into(out, sizeof out);
	assert_non_null(strstr(out, "{\"id\": \"exodus\", \"label\": \"Exodus\", \"labels\": {\"hy\": \"Արտագաղթ\", \"ru\": \"Исход\"}}"));
	assert_non_null(strstr(out, "\"titles\": {\"hy\": \"Արտագաղթի ձայները\", \"ru\": \"Голоса исхода\"}"));
	assert_non_null(strstr(out, "\"intros\": {\"hy\": \"Նրանք՝ ովքեր հեռացան։\", \"ru\": \"Те, кто уехал.\"}"));
	assert_non_null(strstr(out, "\"items\": [\"beta\", \"alpha\"]"));
	assert_non_null(strstr(out, "\"titles\": {\"hy\": \"Հիշատակ\", \"ru\": \"Ишатак\"}"));
	assert_int_equal(hishatak("show --data %s/data alpha", test_dir), 0);
	assert_non_null(strstr(out, "curator:   Set from the plain text."));
	assert_non_null(strstr(out, "summary:   For visitors."));
}

static void test_problems_in_the_guide_tables_are_reported_together_with_row_column_and_value(void **state)
{
	int rc = bundle_folder("id,label,label_hy,colour\n"
			       "exodus,,Արտագաղթ,red\n"
			       "nobody's topic,Nobody,,\n"
			       "exodus,Exodus again,,\n",
			       "id,title,intro,items,picture\n"
			       "Voices!,Voices,,alpha,\n"
			       "blockade,,,alpah gamma,\n"
			       "empty,Empty,,,missing.jpg\n"
			       "drawing,Drawing,,alpha,alpha.md\n",
			       "title,intro\n"
			       "Hishatak,An archive.\n"
			       "Second,Row\n");
	assert_int_equal(rc, 1);
	static const char *const said[] = {
		"topics.csv, row 1: unknown column \"colour\"",
		"topics.csv row 2 (exodus), column label is empty: write how visitors see the topic in English",
		"topics.csv row 3, column id, \"nobody's topic\": no item has this topic",
		"topics.csv row 4, column id, \"exodus\": this topic has a row above too",
		"collections.csv row 2, column id, \"Voices!\": write 1-64 characters of a-z 0-9 -",
		"collections.csv row 3 (blockade), column title is empty: a collection needs its title in English",
		"collections.csv row 3 (blockade), column items, \"alpah\": no item has this id",
		"collections.csv row 3 (blockade), column items, \"gamma\": no item has this id",
		"collections.csv row 4 (empty), column items is empty",
		"collections.csv row 4 (empty), column picture, \"missing.jpg\": there is no such file",
		"collections.csv row 5 (drawing), column picture, \"alpha.md\": the picture must be a .png or .jpg file",
		"about.csv row 3: about.csv has one row under its header",
	};
	for (size_t i = 0; i < sizeof said / sizeof *said; i++)
		if (!strstr(out, said[i]))
			fail_msg("not said: %s\nin: %s", said[i], out);
	assert_int_equal(sh("ls %s/bundles | wc -l", test_dir), 0);
	assert_int_equal(atoi(out), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_about_topics_and_collections_are_kept_with_their_picture, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_topic_left_out_keeps_its_labels_and_a_withdrawn_collection_goes, setup,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_picture_of_the_wrong_size_or_hash_refuses_the_whole_bundle, setup,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_wrong_types_in_the_guide_are_refused_with_the_field, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_items_a_collection_names_that_the_archive_lacks_are_left_out_with_a_log_line,
						setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_curator_note_is_for_staff_kept_by_updates_and_cleared_by_null, setup,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_bundle_command_takes_topics_collections_and_about_from_their_tables, setup,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_problems_in_the_guide_tables_are_reported_together_with_row_column_and_value,
						setup, teardown_test_dir),
	};
	if (getenv("TEST_ONLY"))
		cmocka_set_test_filter(getenv("TEST_ONLY"));
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
