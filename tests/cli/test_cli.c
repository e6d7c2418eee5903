/* The command line end to end, as staff and outside tests call it, on the
 * default archive build/data (made by `make`) and on copies of it. */
#include "pixels.h"
#include "core/files.h"

static char out[1 << 20];

static int hishatak(const char *args)
{
	char cmd[2048];
	snprintf(cmd, sizeof cmd, HISHATAK " %s 2>&1", args);
	return run(cmd, out, sizeof out);
}

static void test_list_shows_the_six_items_with_their_kinds(void **state)
{
	assert_int_equal(hishatak("list --data build/data --json"), 0);
	assert_int_equal(out[0], '[');
	assert_int_equal(count(out, "\"id\": "), 6); /* five documents and the test recording */
	assert_int_equal(count(out, "\"kind\": \"report\""), 1);
	assert_int_equal(count(out, "\"kind\": \"article\""), 3);
	assert_int_equal(count(out, "\"kind\": \"transcript\""), 1);
	assert_int_equal(count(out, "\"kind\": \"testimony\""), 1);
	assert_int_equal(count(out, "\"duration\": "), 1);
	assert_int_equal(count(out, "\"sha256\": \""), 6);
	assert_non_null(strstr(out, "\"id\": \"call-for-action-2022-11\""));
	assert_non_null(strstr(out, "\"date\": \"2022-11\""));
	assert_null(strstr(out, "\"pages\": 0"));
}

static void test_search_finds_the_four_documents_that_mention_lachin_with_pages(void **state)
{
	assert_int_equal(hishatak("search --data build/data --json Lachin"), 0);
	assert_int_equal(count(out, "\"id\": "), 4);
	assert_null(strstr(out, "ker-lindsay")); /* the transcript does not mention it */
	assert_int_equal(count(out, "\"pages\": []"), 0);
	/* The page numbers are real: the word is on the first page listed. */
	const char *cfa = strstr(out, "\"id\": \"what-can-be-done-now\"");
	assert_non_null(cfa);
	int page = atoi(strstr(cfa, "\"pages\": [") + 10);
	char cmd[512];
	snprintf(cmd, sizeof cmd, "render --data build/data what-can-be-done-now --pages %d --size 1920x1080 --out %s/p%%d.png",
		 page, test_dir);
	assert_int_equal(hishatak(cmd), 0);
	snprintf(cmd, sizeof cmd, "%s/p%d.png", test_dir, page);
	SDL_Surface *s = png_load(cmd);
	assert_true(s->w <= 1920 && s->h <= 1080);
	assert_true(png_colours(s) > 8);
	SDL_FreeSurface(s);
}

static void test_search_matches_case_insensitively_and_by_prefix(void **state)
{
	assert_int_equal(hishatak("search --data build/data --json 'peacekeep'"), 0);
	assert_true(count(out, "\"id\": ") >= 3);
	assert_int_equal(hishatak("search --data build/data --json 'no-such-word-anywhere'"), 0);
	assert_string_equal(out, "[]\n");
}

static void test_verify_passes_on_a_whole_archive_and_names_a_damaged_file(void **state)
{
	assert_int_equal(hishatak("verify --data build/data"), 0);
	assert_non_null(strstr(out, "ok:"));
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "cp -r build/data %s/data && f=$(ls %s/data/store/*/* | head -1) && printf X | dd of=$f bs=1 seek=10 conv=notrunc 2>/dev/null",
		 test_dir, test_dir);
	assert_int_equal(run(cmd, NULL, 0), 0);
	snprintf(cmd, sizeof cmd, "verify --data %s/data", test_dir);
	assert_int_equal(hishatak(cmd), 1);
	assert_non_null(strstr(out, "does not match"));
}

static void test_render_writes_a_png_per_page_at_the_size(void **state)
{
	char cmd[512], path[512];
	snprintf(cmd, sizeof cmd, "render --data build/data ker-lindsay-nagorno-karabakh --pages 1-2 --size 800x480 --out %s/t-%%d.png", test_dir);
	assert_int_equal(hishatak(cmd), 0);
	snprintf(path, sizeof path, "%s/t-1.png", test_dir);
	SDL_Surface *a = png_load(path);
	snprintf(path, sizeof path, "%s/t-2.png", test_dir);
	SDL_Surface *b = png_load(path);
	assert_true(a->w <= 800 && a->h == 480);
	assert_true(png_difference(a, b) > 0.01);
	SDL_FreeSurface(a);
	SDL_FreeSurface(b);
	snprintf(cmd, sizeof cmd, "render --data build/data ker-lindsay-nagorno-karabakh --pages 900 --size 800x480 --out %s/x.png", test_dir);
	assert_int_equal(hishatak(cmd), 1);
	assert_non_null(strstr(out, "pages"));
}

/* A minute of the transcript is read into a WAV file: 22,050 samples a
 * second, mono, 16 bits, as long as asked, loud enough and not clipped. */
static void test_speak_reads_an_item_into_a_wav_file(void **state)
{
	char cmd[512], path[512], err[256];
	snprintf(path, sizeof path, "%s/t.wav", test_dir);
	snprintf(cmd, sizeof cmd, "speak --data build/data ker-lindsay-nagorno-karabakh --wav %s --seconds 60", path);
	assert_int_equal(hishatak(cmd), 0);
	size_t size;
	unsigned char *wav = (unsigned char *)files_read(path, 1 << 24, &size, err);
	assert_non_null(wav);
	assert_int_equal(size, 44 + 60 * 22050 * 2);
	assert_memory_equal(wav, "RIFF", 4);
	assert_memory_equal(wav + 8, "WAVEfmt ", 8);
	assert_int_equal(wav[22] | wav[23] << 8, 1);                      /* mono */
	assert_int_equal(wav[24] | wav[25] << 8 | wav[26] << 16, 22050);  /* rate */
	assert_int_equal(wav[34], 16);                                    /* bits */
	double rms, peak;
	pcm_levels(wav + 44, size - 44, &rms, &peak);
	assert_true(rms > 0.03);  /* speech, not silence */
	assert_true(peak < 0.99); /* and not clipped */
	free(wav);

	snprintf(cmd, sizeof cmd, "speak --data build/data no-such-item --wav %s", path);
	assert_int_equal(hishatak(cmd), 1);
	snprintf(cmd, sizeof cmd, "speak --data build/data what-can-be-done-now --wav %s --seconds -3", path);
	assert_int_equal(hishatak(cmd), 2);
	assert_int_equal(hishatak("speak --data build/data what-can-be-done-now"), 2);
	snprintf(cmd, sizeof cmd, "speak --data build/data what-can-be-done-now --wav %s/no/such/folder/x.wav", test_dir);
	assert_int_equal(hishatak(cmd), 1);
}

static void test_show_tells_one_item(void **state)
{
	assert_int_equal(hishatak("show --data build/data call-for-action-2022-11"), 0);
	assert_non_null(strstr(out, "Transparency International Anti-Corruption Center"));
	assert_non_null(strstr(out, "warning:"));
	assert_int_equal(hishatak("show --data build/data no-such-item"), 1);
}

static void test_init_takes_a_minisign_key_and_refuses_anything_else(void **state)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "cd %s && minisign -G -W -p k.pub -s k.key >/dev/null 2>&1", test_dir);
	assert_int_equal(run(cmd, NULL, 0), 0);
	snprintf(cmd, sizeof cmd, "init --data %s/a --archive artsakh-archive --trust %s/k.pub", test_dir, test_dir);
	assert_int_equal(hishatak(cmd), 0);
	assert_non_null(strstr(out, "1 trusted key"));
	snprintf(cmd, sizeof cmd, "keys --data %s/a", test_dir);
	assert_int_equal(hishatak(cmd), 0);
	assert_int_equal(count(out, "\n"), 1);
	snprintf(cmd, sizeof cmd, "init --data %s/c --archive artsakh-archive --trust %s/k.key", test_dir, test_dir);
	assert_int_equal(hishatak(cmd), 1);
	assert_non_null(strstr(out, "not a minisign public key"));
	snprintf(cmd, sizeof cmd, "test -e %s/c", test_dir);
	assert_int_not_equal(run(cmd, NULL, 0), 0); /* nothing was created */
}

static void test_bad_command_lines_and_missing_folders_get_one_clear_line(void **state)
{
	assert_int_equal(hishatak("frobnicate"), 2);
	assert_non_null(strstr(out, "unknown command"));
	assert_int_equal(hishatak("list --data build/data --colour"), 2);
	assert_int_equal(hishatak("render --data build/data x --pages 2-1 --size 10x10 --out y"), 2);
	assert_int_equal(hishatak("list --data /nonexistent/folder"), 1);
	assert_int_equal(count(out, "\n"), 1);
	assert_non_null(strstr(out, "no such data folder"));
	assert_int_equal(hishatak("--help"), 0);
	assert_non_null(strstr(out, "render"));
	assert_int_equal(hishatak("search --help"), 0);
}

static void test_a_corrupt_catalogue_is_reported_and_left_alone(void **state)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "mkdir -p %s/d && printf 'garbage garbage garbage' > %s/d/catalog.db", test_dir, test_dir);
	assert_int_equal(run(cmd, NULL, 0), 0);
	snprintf(cmd, sizeof cmd, "list --data %s/d", test_dir);
	assert_int_equal(hishatak(cmd), 1);
	assert_non_null(strstr(out, "not a database"));
	snprintf(cmd, sizeof cmd, "test \"$(cat %s/d/catalog.db)\" = 'garbage garbage garbage'", test_dir);
	assert_int_equal(run(cmd, NULL, 0), 0);
}

/* The ids `search --json` gives for query, in order, one a line. */
static void search_ids(const char *query, char ids[2048])
{
	char args[512];
	snprintf(args, sizeof args, "search --data build/data --json '%s'", query);
	assert_int_equal(hishatak(args), 0);
	assert_int_equal(out[0], '[');
	ids[0] = 0;
	for (const char *p = out; (p = strstr(p, "{\"id\": \"")); p++) {
		p += 8;
		size_t n = strcspn(p, "\"");
		if (strlen(ids) + n + 2 < 2048)
			snprintf(ids + strlen(ids), 2048 - strlen(ids), "%.*s\n", (int)n, p);
	}
}

/* Issue 22's table: every row finds the documents the Latin spelling finds,
 * in Armenian and Cyrillic letters, misspelt, and by the archive's other
 * names for the place (its thesaurus, archive/names.csv). */
static void test_search_finds_from_armenian_and_cyrillic_what_the_latin_spelling_finds(void **state)
{
	const char *rows[][4] = {
		{"Lachin", "Лачин", "Լաչին", "lachn"},
		{"Stepanakert", "Степанакерт", "Ստեփանակերտ", "Stepanakrt"},
		{"Artsakh", "Арцах", "Արցախ", "Artsah"},
		{"Nagorno-Karabakh", "Нагорный Карабах", "Լեռնային Ղարաբաղ", "Nagorno-Karabah"},
	};
	for (int r = 0; r < 4; r++) {
		char latin[2048], other[2048];
		search_ids(rows[r][0], latin);
		assert_true(strlen(latin) > 0);
		for (int q = 1; q < 4; q++) {
			search_ids(rows[r][q], other);
			for (const char *id = latin; *id; id += strcspn(id, "\n") + 1) {
				char one[80];
				snprintf(one, sizeof one, "%.*s\n", (int)strcspn(id, "\n"), id);
				if (!strstr(other, one))
					fprintf(stderr, "\"%s\" does not find %s", rows[r][q], one);
				assert_non_null(strstr(other, one));
			}
		}
	}
	/* The thesaurus: Berdzor is Lachin's Armenian name, Khankendi
	 * Stepanakert's Azerbaijani one. */
	char ids[2048];
	search_ids("Бердзор", ids);
	assert_int_equal(count(ids, "\n"), 4);
	search_ids("Ханкенди", ids);
	assert_int_equal(count(ids, "\n"), 3);
	/* Word forms: "in Karabakh", in Russian; refugees, refugee. */
	search_ids("Карабахе", ids);
	assert_int_equal(count(ids, "\n"), 5);
	search_ids("refugee", ids);
	char plural[2048];
	search_ids("refugees", plural);
	assert_int_equal(count(plural, "\n"), count(ids, "\n"));
	for (const char *id = ids; *id; id += strcspn(id, "\n") + 1) {
		char one[80];
		snprintf(one, sizeof one, "%.*s\n", (int)strcspn(id, "\n"), id);
		assert_non_null(strstr(plural, one));
	}
}

/* --json says where each result matched and the word there: the Latin
 * spelling for a query in Armenian letters, and the query searched instead
 * of a mistyped one. Bad input is answered with nothing, never an error. */
static void test_search_json_says_where_it_matched_and_the_form_that_matched(void **state)
{
	assert_int_equal(hishatak("search --data build/data --json 'Ստեփանակերտ'"), 0);
	assert_int_equal(count(out, "\"matched\": [{\"field\": \"text\", \"form\": \"Stepanakert"), 3);
	assert_int_equal(count(out, "\"through\": \"folded\""), 3);
	assert_int_equal(hishatak("search --data build/data --json 'lachn'"), 0);
	assert_int_equal(count(out, "\"corrected\": \"lachin\""), 4);
	assert_int_equal(count(out, "\"form\": \"Lachin\""), 4);
	assert_int_equal(hishatak("search --data build/data --json '=lachn'"), 0); /* as typed */
	assert_string_equal(out, "[]\n");
	assert_int_equal(hishatak("search --data build/data --json '%%%% ### !!!'"), 0);
	assert_string_equal(out, "[]\n");
	assert_int_equal(hishatak("search --data build/data --json 'Lachin Лачин Լաչին'"), 0);
	assert_int_equal(count(out, "\"id\": "), 4);
	assert_int_equal(hishatak("search --data build/data --json "
				  "'supercalifragilisticexpialidociousantidisestablishmentarianism'"), 0);
	assert_string_equal(out, "[]\n");
}

/* names.csv: a row of one name, or a name on two rows, is refused by
 * `hishatak bundle` with the row, and no bundle is made. */
static void test_bundle_refuses_a_thesaurus_row_of_one_name_or_a_name_on_two_rows(void **state)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "mkdir -p %s/src %s/out && cp -r archive/items.csv archive/files %s/src/", test_dir, test_dir,
		 test_dir);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "%s/src/names.csv", test_dir);
	write_text(cmd, "Lachin; Berdzor; Լաչին\nStepanakert\n");
	snprintf(cmd, sizeof cmd, "bundle --archive artsakh-archive %s/src %s/out", test_dir, test_dir);
	assert_int_equal(hishatak(cmd), 1);
	assert_non_null(strstr(out, "names.csv row 2"));
	snprintf(cmd, sizeof cmd, "%s/src/names.csv", test_dir);
	write_text(cmd, "Lachin; Berdzor\nGyumri, Гюмри\nЛачин, Лачинский район\n");
	snprintf(cmd, sizeof cmd, "bundle --archive artsakh-archive %s/src %s/out", test_dir, test_dir);
	assert_int_equal(hishatak(cmd), 1);
	assert_non_null(strstr(out, "names.csv row 3: \"Лачин\" is already on names.csv row 1"));
	snprintf(cmd, sizeof cmd, "%s/out", test_dir);
	assert_int_equal(run_fmt(NULL, 0, "test -z \"$(ls -A %s)\"", cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_list_shows_the_six_items_with_their_kinds, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_search_finds_the_four_documents_that_mention_lachin_with_pages, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_search_matches_case_insensitively_and_by_prefix, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_search_finds_from_armenian_and_cyrillic_what_the_latin_spelling_finds, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_search_json_says_where_it_matched_and_the_form_that_matched, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_bundle_refuses_a_thesaurus_row_of_one_name_or_a_name_on_two_rows, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_verify_passes_on_a_whole_archive_and_names_a_damaged_file, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_render_writes_a_png_per_page_at_the_size, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_speak_reads_an_item_into_a_wav_file, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_show_tells_one_item, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_init_takes_a_minisign_key_and_refuses_anything_else, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_bad_command_lines_and_missing_folders_get_one_clear_line, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_corrupt_catalogue_is_reported_and_left_alone, setup_test_dir, teardown_test_dir),
	};
	return cmocka_run_group_tests_name("command line", tests, NULL, NULL);
}
