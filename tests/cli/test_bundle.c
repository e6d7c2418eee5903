/* `hishatak bundle` as an archivist uses it (issue 20): tables made and
 * exported by LibreOffice itself, documents from LibreOffice Writer, real
 * minisign keys, every bundle imported into a real archive. Tests that
 * need LibreOffice say so and skip when it is not installed (`make deps`
 * installs it). */
#include "helpers.h"

#include <mupdf/fitz.h>
#include <stdint.h>
#include <sys/stat.h>

static char out[1 << 18];
static char group[256];   /* keys and documents */
static int office;        /* LibreOffice's soffice can be run */

#define sh(...) run_fmt(out, sizeof out, __VA_ARGS__)

#define hishatak(...) run_hishatak(out, sizeof out, __VA_ARGS__)

/* The table, written as text into src/items.csv. */
static void table(const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/src/items.csv", test_dir);
	write_text(path, text);
}

/* hishatak bundle on src into bundles, signed with key ("": unsigned). */
static int bundle_with(const char *key, const char *env)
{
	char sign[600] = "";
	if (key[0])
		snprintf(sign, sizeof sign, "--key %s/%s ", group, key);
	return hishatak("bundle --archive test-archive %s%s/src %s/bundles%s%s", sign, test_dir, test_dir, env[0] ? " " : "",
			env);
}

static int bundle(void)
{
	return bundle_with("k.key", "");
}

/* Imports the newest bundle, as a stick carrying it alone would. */
static int import(void)
{
	return hishatak("import --data %s/data \"$(ls -d %s/bundles/test-archive-* | sort -t- -k3 -n | tail -1)\"",
			test_dir, test_dir);
}

static int bundles_made(void)
{
	sh("ls %s/bundles | wc -l", test_dir);
	return atoi(out);
}

/* Fails with the output unless it holds text. */
#define assert_said(text) \
	do { \
		if (!strstr(out, (text))) \
			fail_msg("expected \"%s\" in:\n%s", (text), out); \
	} while (0)

/* LibreOffice converts a file in dir (a profile of its own in the test's folder). */
static int soffice(const char *dir, const char *args)
{
	return sh("cd %s && soffice --headless --norestore -env:UserInstallation=file://%s/lo-profile %s >/dev/null 2>&1",
		  dir, test_dir, args);
}

/* A 64x64 grey scan as a scanner saves it: baseline TIFF, uncompressed. */
static void write_tiff(const char *path)
{
	enum { W = 64, H = 64 };
	unsigned char file[8 + W * H + 2 + 9 * 12 + 4];
	size_t n = 0;
	memcpy(file, "II*\0", 4);
	uint32_t ifd = 8 + W * H;
	memcpy(file + 4, &ifd, 4);
	for (int i = 0; i < W * H; i++)
		file[8 + i] = (unsigned char)((i % W) * 4);
	n = ifd;
	const uint16_t entries = 9;
	memcpy(file + n, &entries, 2);
	n += 2;
	const uint32_t tags[9][3] = {{256, 3, W}, {257, 3, H}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1},
				     {273, 4, 8}, {277, 3, 1}, {278, 3, H}, {279, 4, W * H}};
	for (int i = 0; i < 9; i++) {
		uint16_t tag = (uint16_t)tags[i][0], type = (uint16_t)tags[i][1];
		uint32_t one = 1, value = tags[i][2];
		memcpy(file + n, &tag, 2);
		memcpy(file + n + 2, &type, 2);
		memcpy(file + n + 4, &one, 4);
		memcpy(file + n + 8, &value, 4); /* a SHORT sits in the first two bytes (little-endian) */
		n += 12;
	}
	memset(file + n, 0, 4);
	n += 4;
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(file, 1, n, f), n);
	fclose(f);
}

/* An EPUB as the Debian Live manual's are: its manifest names each chapter
 * with a #fragment ("c1.xhtml#about"), which MuPDF 1.21 cannot open. */
static void write_fragment_epub(const char *path)
{
	fz_context *ctx = fz_new_context(NULL, NULL, FZ_STORE_UNLIMITED);
	fz_zip_writer *zip = fz_new_zip_writer(ctx, path);
	const char *entries[][2] = {
		{"mimetype", "application/epub+zip"},
		{"META-INF/container.xml", "<?xml version=\"1.0\"?><container version=\"1.0\" xmlns=\"urn:oasis:names:tc:"
		 "opendocument:xmlns:container\"><rootfiles><rootfile full-path=\"OEBPS/content.opf\" media-type=\""
		 "application/oebps-package+xml\"/></rootfiles></container>"},
		{"OEBPS/content.opf", "<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" version=\"2.0\" "
		 "unique-identifier=\"id\"><metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:identifier id=\"id\">"
		 "live</dc:identifier><dc:title>Live manual</dc:title><dc:language>en</dc:language></metadata><manifest>"
		 "<item id=\"c1\" href=\"c1.xhtml#about\" media-type=\"application/xhtml+xml\"/><item id=\"c2\" "
		 "href=\"c2.xhtml#persistence\" media-type=\"application/xhtml+xml\"/></manifest><spine><itemref idref=\"c1\"/>"
		 "<itemref idref=\"c2\"/></spine><guide><reference type=\"text\" href=\"c2.xhtml#persistence\"/></guide></package>"},
		{"OEBPS/c1.xhtml", "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body><h1 id=\"about\">"
		 "About</h1><p>The live manual, chapter one.</p></body></html>"},
		{"OEBPS/c2.xhtml", "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body><h1 id=\""
		 "persistence\">Persistence</h1><p>Chapter two keeps the changes across reboots.</p></body></html>"},
	};
	for (int i = 0; i < 5; i++) {
		fz_buffer *b = fz_new_buffer_from_copied_data(ctx, (const unsigned char *)entries[i][1], strlen(entries[i][1]));
		fz_write_zip_entry(ctx, zip, entries[i][0], b, i > 0);
		fz_drop_buffer(ctx, b);
	}
	fz_close_zip_writer(ctx, zip);
	fz_drop_zip_writer(ctx, zip);
	fz_drop_context(ctx);
}

static int group_setup(void **state)
{
	temp_dir(group);
	office = system("command -v soffice >/dev/null 2>&1") == 0;
	if (!office)
		print_message("LibreOffice (soffice) is not installed: the tests that need it only check what is said "
			      "without it (make deps installs it)\n");
	return run_fmt(NULL, 0,
		       "cd %s && minisign -G -W -p k.pub -s k.key >/dev/null && minisign -G -W -p s.pub -s s.key >/dev/null && "
		       "printf '# Alpha\\n\\nThe first document, about the Lachin corridor.\\n' > alpha.md && "
		       "printf 'Beta, a plain text document.\\n' > beta.txt && printf 'this is not a pdf' > fake.pdf && "
		       "printf 'MZ' > program.exe", group);
}

static int group_teardown(void **state)
{
	remove_dir(group);
	return 0;
}

/* Each test: src/ with the documents, an empty bundles/, an archive that trusts k. */
static int setup(void **state)
{
	setup_test_dir(state);
	return sh("mkdir %s/src %s/bundles && cp %s/alpha.md %s/beta.txt %s/fake.pdf %s/program.exe %s/src/ && "
		  HISHATAK " init --data %s/data --archive test-archive --trust %s/k.pub >/dev/null",
		  test_dir, test_dir, group, group, group, group, test_dir, test_dir, group);
}

/* The first bundle: alpha with all its metadata, and beta. */
static void base(void)
{
	table("id,kind,file,title,title_hy,date,authors,topics,summary,summary_ru,source,source_ru,warning,warning_hy\n"
	      "alpha,report,alpha.md,Alpha,Ալֆա,2022-11,A. Author,exodus; refugees,About alpha.,Об альфе.,A blog,Блог,Describes violence.,"
	      "Նկարագրում է բռնություն։\n"
	      "beta,article,beta.txt,Beta,,2023,,,,,,,,\n");
	if (bundle() != 0)
		fail_msg("%s", out);
	assert_int_equal(import(), 0);
}

static void test_a_row_changes_only_what_it_names_and_a_dash_clears(void **state)
{
	base();
	/* Only id and title: no kind, no file. */
	table("id,title\nalpha,Alpha renamed\n");
	if (bundle() != 0)
		fail_msg("%s", out);
	assert_said("what this bundle changes on the kiosks:\n  row 2 (alpha): title \"Alpha\" -> \"Alpha renamed\"\n");
	assert_int_equal(import(), 0);
	assert_said("applied sequence 2: 0 added, 1 changed, 0 withdrawn");
	assert_int_equal(hishatak("show --data %s/data --json alpha", test_dir), 0);
	assert_said("\"title\": \"Alpha renamed\"");
	assert_said("\"kind\": \"report\"");
	assert_said("\"titles\": {\"hy\": \"Ալֆա\"}");
	assert_said("\"date\": \"2022-11\"");
	assert_said("\"authors\": [\"A. Author\"]");
	assert_said("\"topics\": [\"exodus\", \"refugees\"]");
	assert_said("\"summary\": \"About alpha.\", \"summaries\": {\"ru\": \"Об альфе.\"}");
	assert_said("\"source\": \"A blog\", \"sources\": {\"ru\": \"Блог\"}");
	assert_said("\"warning\": \"Describes violence.\"");
	/* The first bundle carries it as the shared format's addition. */
	assert_int_equal(sh("cat %s/bundles/test-archive-1/bundle.json", test_dir), 0);
	assert_said("\"source\": \"A blog\",\n      \"sources\": {\"ru\": \"Блог\"}");
	/* A source's translation added: the source and its other one stay. */
	table("id,source_hy\nalpha,Բլոգ\n");
	if (bundle() != 0)
		fail_msg("%s", out);
	assert_said("row 2 (alpha): source_hy set to \"Բլոգ\"\n");
	assert_int_equal(import(), 0);
	assert_int_equal(hishatak("show --data %s/data alpha", test_dir), 0);
	assert_said("source:    A blog\nsource[hy]: Բլոգ\nsource[ru]: Блог\n");
	/* A summary's translation added: the summary and its other one stay. */
	table("id,summary_hy\nalpha,Ալֆայի մասին։\n");
	if (bundle() != 0)
		fail_msg("%s", out);
	assert_said("row 2 (alpha): summary_hy set to \"Ալֆայի մասին։\"");
	assert_int_equal(import(), 0);
	assert_int_equal(hishatak("show --data %s/data --json alpha", test_dir), 0);
	assert_said("\"summary\": \"About alpha.\", \"summaries\": {\"hy\": \"Ալֆայի մասին։\", \"ru\": \"Об альфе.\"}");
	/* Found by the words of a translation: a Russian visitor's search. */
	assert_int_equal(hishatak("search --data %s/data альфе", test_dir), 0);
	assert_said("alpha");
	/* - clears; an empty cell keeps. */
	table("id,title_hy,summary,date,source\nalpha,-,-,June 2023,\n");
	if (bundle() != 0)
		fail_msg("%s", out);
	assert_said("row 2 (alpha): title_hy cleared; date \"2022-11\" -> \"2023-06\"; summary cleared; summary_ru cleared; summary_hy cleared\n");
	if (import() != 0)
		fail_msg("%s", out);
	assert_int_equal(hishatak("show --data %s/data --json alpha", test_dir), 0);
	assert_null(strstr(out, "\"titles\""));
	assert_said("\"summary\": \"\"");
	assert_null(strstr(out, "\"summaries\"")); /* the summary off takes its translations with it */
	assert_said("\"date\": \"2023-06\"");
	assert_said("\"source\": \"A blog\", \"sources\": {\"hy\": \"Բլոգ\", \"ru\": \"Блог\"}"); /* an empty cell keeps */
	assert_said("\"warning\": \"Describes violence.\"");
	/* The source off takes its translations with it. */
	table("id,source\nalpha,-\n");
	if (bundle() != 0)
		fail_msg("%s", out);
	assert_said("row 2 (alpha): source cleared; source_ru cleared; source_hy cleared\n");
	assert_int_equal(import(), 0);
	assert_int_equal(hishatak("show --data %s/data --json alpha", test_dir), 0);
	assert_said("\"source\": \"\"");
	assert_null(strstr(out, "\"sources\""));
	/* A translation of the note added: the note and its other translation stay. */
	table("id,warning_ru\nalpha,Описывает насилие.\n");
	if (bundle() != 0)
		fail_msg("%s", out);
	assert_said("row 2 (alpha): warning_ru set to \"Описывает насилие.\"");
	assert_int_equal(import(), 0);
	assert_int_equal(hishatak("show --data %s/data alpha", test_dir), 0);
	assert_said("warning:   Describes violence.");
	assert_int_equal(hishatak("verify --data %s/data", test_dir), 0);
}

static void test_an_unknown_id_is_refused_with_the_nearest_known_one(void **state)
{
	base();
	table("id,withdraw,reason\nalpah,yes,the witness asked\n");
	assert_int_equal(bundle(), 1);
	assert_said("items.csv row 2, column id, \"alpah\": no earlier bundle in");
	assert_said("holds this id, so there is nothing to withdraw (did you mean alpha?)");
	assert_said("nothing was made or signed");
	table("id,summary\nbeat,A summary.\n");
	assert_int_equal(bundle(), 1);
	assert_said("(did you mean beta?); a new item needs its file");
	assert_int_equal(bundles_made(), 1);
	/* The right id: withdrawn, and said so before signing. */
	table("id,withdraw,reason\nalpha,yes,the witness asked\n");
	assert_int_equal(bundle(), 0);
	assert_said("row 2 (alpha): withdrawn from the kiosks: \"Alpha\" (reason: the witness asked)");
	assert_int_equal(import(), 0);
	assert_said("0 added, 0 changed, 1 withdrawn\n");
	assert_int_equal(hishatak("log --data %s/data", test_dir), 0);
	assert_said("withdrawn alpha: the witness asked");
}

static void test_lost_letters_are_refused_and_spreadsheets_are_read_directly(void **state)
{
	char sheet[512];
	snprintf(sheet, sizeof sheet, "%s/sheet", test_dir);
	if (!office) {
		print_message("skipped the LibreOffice exports: soffice is not installed\n");
	} else {
		/* A table made in LibreOffice Calc, then saved as LibreOffice's
		 * default CSV: Armenian and Russian become question marks. */
		assert_int_equal(sh("mkdir %s && printf 'id,kind,file,title,title_hy,title_ru\\nalpha,report,alpha.md,Alpha,"
				    "Ալֆա գիրք,Альфа книга\\n' > %s/items.csv", sheet, sheet), 0);
		assert_int_equal(soffice(sheet, "--infilter=CSV:44,34,76 --convert-to ods items.csv"), 0);
		assert_int_equal(soffice(sheet, "--convert-to csv items.ods"), 0);
		assert_int_equal(sh("cp %s/items.csv %s/src/items.csv && cat %s/src/items.csv", sheet, test_dir, test_dir), 0);
		assert_said("Alpha,???? ????,????? ?????");
		assert_int_equal(bundle(), 1);
		assert_said("items.csv row 2 (alpha), column title_hy, \"???? ????\": the letters were lost when the table was saved");
		assert_said("Character set \"Unicode (UTF-8)\"");
		assert_said("column title_ru");
		assert_int_equal(bundles_made(), 0);
		/* Saved again with the UTF-8 filter settings: taken. */
		assert_int_equal(soffice(sheet, "--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir utf8 items.ods"), 0);
		assert_int_equal(sh("cp %s/utf8/items.csv %s/src/items.csv", sheet, test_dir), 0);
		if (bundle() != 0)
			fail_msg("%s", out);
		assert_said("row 2 (alpha): added: \"Alpha\" (report)");
		assert_int_equal(sh("rm -r %s/bundles/test-archive-1", test_dir), 0);
		/* The spreadsheet itself is read with LibreOffice's UTF-8 filter. */
		assert_int_equal(sh("rm %s/src/items.csv && cp %s/items.ods %s/src/", test_dir, sheet, test_dir), 0);
		if (bundle() != 0)
			fail_msg("%s", out);
		assert_said("items.ods read with LibreOffice");
		assert_int_equal(import(), 0);
		assert_int_equal(hishatak("show --data %s/data --json alpha", test_dir), 0);
		assert_said("\"titles\": {\"hy\": \"Ալֆա գիրք\", \"ru\": \"Альфа книга\"}");
		/* And Excel's .xlsx. */
		assert_int_equal(soffice(sheet, "--convert-to xlsx items.ods"), 0);
		assert_int_equal(sh("rm %s/src/items.ods && cp %s/items.xlsx %s/src/", test_dir, sheet, test_dir), 0);
		if (bundle() != 0)
			fail_msg("%s", out);
		assert_said("items.xlsx read with LibreOffice");
		assert_said("row 2 (alpha): no change");
	}
	/* Without LibreOffice, staff are told how to install it. */
	assert_int_equal(sh("rm -f %s/src/items.* && printf x > %s/src/items.xlsx", test_dir, test_dir), 0);
	assert_int_equal(sh("HISHATAK_SOFFICE=/nowhere/soffice " HISHATAK " bundle --archive test-archive %s/src %s/bundles 2>&1",
			    test_dir, test_dir), 1);
	assert_said("items.xlsx: LibreOffice reads a .xlsx table, and it is not installed: install LibreOffice "
		    "(Debian or Ubuntu: apt-get install libreoffice-calc-nogui");
	assert_said("or save the table as CSV UTF-8, named items.csv");
}

static void test_dates_as_spreadsheets_write_them(void **state)
{
	table("id,kind,file,title,date\n"
	      "a1,report,alpha.md,One,10/10/2023\n"
	      "a2,report,alpha.md,Two,28.09.2023\n"
	      "a3,report,alpha.md,Three,June 2023\n"
	      "a4,report,alpha.md,Four,45209\n"
	      "a5,report,alpha.md,Five,2023-10\n"
	      "a6,report,alpha.md,Six,13/06/2023\n");
	if (bundle() != 0)
		fail_msg("%s", out);
	assert_said("items.csv row 5 (a4), column date: 45209 read as 2023-10-10 (a date cell saved as its number): check it");
	assert_int_equal(import(), 0);
	const char *want[][2] = {{"a1", "2023-10-10"}, {"a2", "2023-09-28"}, {"a3", "2023-06"},
				 {"a4", "2023-10-10"}, {"a5", "2023-10"}, {"a6", "2023-06-13"}};
	for (int i = 0; i < 6; i++) {
		char date[40];
		assert_int_equal(hishatak("show --data %s/data --json %s", test_dir, want[i][0]), 0);
		snprintf(date, sizeof date, "\"date\": \"%s\"", want[i][1]);
		assert_said(date);
	}
	table("id,date\na1,01/06/2023\n");
	assert_int_equal(bundle(), 1);
	assert_said("items.csv row 2 (a1), column date: \"01/06/2023\" could be 2023-06-01 (day first) or "
		    "2023-01-06 (month first): write the one you mean; give the date column the format YYYY-MM-DD");
	assert_said("type the date with an apostrophe first ('2023-06-01)");
}

/* A year far from the others (0202 typed for 2023) is said before the
 * bundle leaves the desk; the bundle is made all the same. */
static void test_a_date_far_from_the_others_is_warned_about(void **state)
{
	table("id,kind,file,title,date\n"
	      "b1,report,alpha.md,One,2023-09\n"
	      "b2,report,alpha.md,Two,0202-03\n"
	      "b3,report,alpha.md,Three,2022\n");
	if (bundle() != 0)
		fail_msg("%s", out);
	assert_said("items.csv row 3 (b2), column date, \"0202-03\": 202 is far from the other documents' years (most are near 2022)");
}

static void test_every_problem_is_reported_in_one_pass(void **state)
{
	table("id,kind,file,title,date,language,colour\n"
	      "Bad Id,report,alpha.md,A,2023,en,red\n"
	      "b1,poem,alpha.md,B,2023,en,\n"
	      "b2,report,missing.pdf,C,2023,en,\n"
	      "b3,report,fake.pdf,D,2023,en,\n"
	      "b4,report,program.exe,E,2023,en,\n"
	      "b5,report,alpha.md,,2023,en,\n"
	      "b6,report,alpha.md,G,01/06/2023,en,\n"
	      "b7,report,alpha.md,H,2023,Armenian,\n"
	      "b1,report,beta.txt,I,2023,en,\n");
	assert_int_equal(bundle(), 1);
	assert_said("bundle: 10 problems, nothing was made or signed:");
	assert_said("items.csv, row 1: unknown column \"colour\"");
	assert_said("items.csv row 2, column id, \"Bad Id\": an id is 1-64 characters of a-z 0-9 - (for example bad-id)");
	assert_said("items.csv row 3 (b1), column kind, \"poem\": write report, testimony, transcript, article, photo or other");
	assert_said("items.csv row 4 (b2), column file, \"missing.pdf\": there is no such file in");
	assert_said("items.csv row 5 (b3), column file, \"fake.pdf\": cannot open as pdf");
	assert_said("items.csv row 6 (b4), column file, \"program.exe\": the kiosk cannot show .exe files: export it as PDF");
	assert_said("items.csv row 7 (b5), column title is empty");
	assert_said("items.csv row 8 (b6), column date: \"01/06/2023\" could be");
	assert_said("items.csv row 9 (b7), column language, \"Armenian\": write the language's code, hy");
	assert_said("items.csv row 10, column id, \"b1\": this id is on row 3 too");
	assert_int_equal(bundles_made(), 0);
}

static void test_word_processor_documents_become_pdfs_and_scans_are_taken(void **state)
{
	char tif[512];
	snprintf(tif, sizeof tif, "%s/src/scan.tif", test_dir);
	write_tiff(tif);
	assert_int_equal(sh("printf 'HEIC' > %s/src/photo.heic", test_dir), 0);
	if (office) { /* a .docx written by LibreOffice Writer */
		assert_int_equal(sh("printf 'The report on the Hakari bridge.\\n\\nIts second paragraph.\\n' > %s/src/report.txt",
				    test_dir), 0);
		assert_int_equal(soffice(test_dir, "--convert-to docx:\"MS Word 2007 XML\" --outdir src src/report.txt"), 0);
		assert_int_equal(sh("test -s %s/src/report.docx", test_dir), 0);
	} else {
		print_message("skipped the .docx made by LibreOffice: soffice is not installed\n");
		assert_int_equal(sh("printf 'PK' > %s/src/report.docx", test_dir), 0);
	}
	table("id,kind,file,title\nr1,report,report.docx,A report\ns1,photo,scan.tif,A scan\np1,photo,photo.heic,A photo\n");
	assert_int_equal(bundle_with("k.key", ""), 1);
	assert_said("items.csv row 4 (p1), column file, \"photo.heic\": the kiosk cannot show .heic files: export it as PNG or JPEG");
	table("id,kind,file,title\nr1,report,report.docx,A report\ns1,photo,scan.tif,A scan\n");
	if (!office) {
		assert_int_equal(bundle(), 1);
		assert_said("a .docx file is made into a PDF with LibreOffice, which is not installed");
		return;
	}
	if (bundle() != 0)
		fail_msg("%s", out);
	assert_said("items.csv row 2 (r1), column file: report.docx made into a PDF with LibreOffice; the bundle carries the PDF");
	assert_int_equal(sh("ls %s/bundles/test-archive-1/files", test_dir), 0);
	assert_string_equal(out, "r1.pdf\ns1.tif\n");
	assert_int_equal(import(), 0);
	assert_int_equal(hishatak("search --data %s/data --json Hakari", test_dir), 0);
	assert_said("\"id\": \"r1\"");
	assert_int_equal(hishatak("show --data %s/data --json s1", test_dir), 0);
	assert_said("\"pages\": 1, \"format\": \"tiff\"");
	/* Without LibreOffice: what to do instead. */
	table("id,file\nr1,report.docx\n");
	assert_int_equal(sh("HISHATAK_SOFFICE=/nowhere/soffice " HISHATAK " bundle --archive test-archive %s/src %s/bundles 2>&1",
			    test_dir, test_dir), 1);
	assert_said("a .docx file is made into a PDF with LibreOffice, which is not installed: install LibreOffice");
	assert_said("or export it as PDF yourself (File > Export as PDF)");
}

static void test_an_epub_whose_manifest_names_fragments_is_mended_at_import(void **state)
{
	char epub[512];
	snprintf(epub, sizeof epub, "%s/src/live.epub", test_dir);
	write_fragment_epub(epub);
	assert_int_equal(sh("sha256sum %s | cut -c1-64", epub), 0);
	char original[80];
	snprintf(original, sizeof original, "\"sha256\": \"%.64s\"", out);
	table("id,kind,file,title\nlive,other,live.epub,Live manual\n");
	if (bundle() != 0)
		fail_msg("%s", out);
	assert_said("items.csv row 2 (live), column file: live.epub has 2 manifest entries of OEBPS/content.opf named with a "
		    "#fragment, which MuPDF cannot open; the kiosks mend it as they take it in (the bundle carries the original)");
	if (import() != 0)
		fail_msg("%s", out);
	assert_int_equal(hishatak("search --data %s/data --json reboots", test_dir), 0);
	assert_said("\"id\": \"live\"");
	assert_int_equal(hishatak("show --data %s/data --json live", test_dir), 0);
	assert_said(original); /* the catalogue keeps the original's hash */
	assert_said("\"format\": \"epub\"");
	assert_int_equal(hishatak("log --data %s/data", test_dir), 0);
	assert_said("repaired live: 2 manifest entries of OEBPS/content.opf named with a #fragment");
	assert_int_equal(hishatak("verify --data %s/data", test_dir), 0);
	assert_int_equal(hishatak("render --data %s/data live --pages 1-2 --size 400x300 --out %s/p%%d.png", test_dir, test_dir), 0);
	assert_int_equal(sh("test -s %s/p2.png", test_dir), 0);
}

static void test_a_key_other_than_the_earlier_bundles_is_warned_about(void **state)
{
	base(); /* signed with k */
	assert_int_equal(sh("sed -n 1p %s/k.pub | awk '{print $NF}'", group), 0); /* without its leading zeros */
	char trusting[120];
	snprintf(trusting, sizeof trusting, "leave the kiosks trusting %016llX: they will refuse this bundle",
		 strtoull(out, NULL, 16));
	table("id,title\nalpha,Alpha renamed\n");
	assert_int_equal(bundle_with("s.key", ""), 0);
	assert_said("bundle: warning: about to be signed with key ");
	assert_said(trusting);
	assert_int_equal(import(), 1);
	assert_said("signed by an unknown key");
	/* With the right key: no warning. */
	assert_int_equal(sh("rm -r %s/bundles/test-archive-2", test_dir), 0);
	assert_int_equal(bundle(), 0);
	assert_null(strstr(out, "signed with key"));
	assert_int_equal(import(), 0);
}

static void test_values_are_checked_and_the_columns_listed(void **state)
{
	assert_int_equal(hishatak("bundle --help"), 0);
	assert_said("title_LANG    the title in another language");
	assert_said("notes         for staff's own use: not read");
	assert_said("a cell holding - clears it");
	table("id,kind,file,title,title_am,language,topics,notes\n"
	      "alpha,report,alpha.md,Alpha,Ալֆա,hy,\"ethnic cleansing, refugees\",ask Anna about the date\n"
	      "beta,article,beta.txt,Beta,,\"ru, hy\",,\n");
	assert_int_equal(bundle(), 1);
	assert_said("items.csv, column title_am: am is Amharic; the kiosk shows titles, summaries, sources and content notes only in en, hy, ru, "
		    "so these are kept but never shown (Armenian is hy: call the column title_hy or warning_hy)");
	assert_said("items.csv row 2 (alpha), column topics, \"ethnic cleansing, refugees\": topics are separated by ;");
	assert_said("items.csv row 3 (beta), column language, \"ru, hy\": one language only, the one the document is "
		    "written in (ru or hy)");
	assert_said("bundle: 1 problem, nothing was made"); /* the language; the rest are warnings */
	table("id,kind,file,title,title_hy,language,notes\nalpha,report,alpha.md,Alpha,Ալֆա,Russian,for staff\n");
	assert_int_equal(bundle(), 1);
	assert_said("column language, \"Russian\": write the language's code, ru");
	/* A table by another name is named. */
	assert_int_equal(sh("mv %s/src/items.csv %s/src/Items.csv", test_dir, test_dir), 0);
	assert_int_equal(bundle(), 1);
	assert_said("there is no items.csv, but there is \"Items.csv\": if that is the table, rename it items.csv");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_row_changes_only_what_it_names_and_a_dash_clears, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_an_unknown_id_is_refused_with_the_nearest_known_one, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_lost_letters_are_refused_and_spreadsheets_are_read_directly, setup,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_dates_as_spreadsheets_write_them, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_date_far_from_the_others_is_warned_about, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_every_problem_is_reported_in_one_pass, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_word_processor_documents_become_pdfs_and_scans_are_taken, setup,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_an_epub_whose_manifest_names_fragments_is_mended_at_import, setup,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_key_other_than_the_earlier_bundles_is_warned_about, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_values_are_checked_and_the_columns_listed, setup, teardown_test_dir),
	};
	if (getenv("TEST_ONLY"))
		cmocka_set_test_filter(getenv("TEST_ONLY"));
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
