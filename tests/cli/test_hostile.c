/* Hostile documents (hostile_docs.h) through everything a document meets:
 * a signed bundle each, imported from one stick; then rendered, read by
 * the kiosk page after page, and the catalogue verified. Each is refused
 * at import with a reason, or shown; nothing crashes or hangs, and the
 * catalogue stays whole. HISHATAK_HOSTILE_KEEP=1 keeps the corpus. */
#include "helpers.h"
#include "hostile_docs.h"
#include "core/doc.h"
#include "core/store.h"

#include <time.h>

static char out[1 << 20];

/* A command (printf-style); its output in out. */
#define sh(...) run_fmt(out, sizeof out, __VA_ARGS__)

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The item id for a corpus file name: "cut-30.pdf" is "cut-30-pdf". */
static void id_of(const char *name, char id[64])
{
	snprintf(id, 64, "%s", name);
	for (char *c = id; *c; c++)
		if (*c == '.')
			*c = '-';
}

static void test_hostile_documents_are_refused_or_shown_never_fatal(void **state)
{
	int n;
	hostile_doc *docs = hostile_corpus(&n);
	assert_true(n > 50);
	assert_int_equal(sh("minisign -G -W -f -p %s/k.pub -s %s/k.key >/dev/null 2>&1 && "
			    HISHATAK " init --data %s/data --archive hostile --trust %s/k.pub >/dev/null",
			    test_dir, test_dir, test_dir, test_dir), 0);
	/* One bundle a document, all on one stick, written by hand as another
	 * tool might write them, signed with minisign. */
	for (int i = 0; i < n; i++) {
		char id[64], path[512], json[1024];
		id_of(docs[i].name, id);
		assert_int_equal(sh("mkdir -p %s/stick/hostile-%d/files", test_dir, i + 1), 0);
		snprintf(path, sizeof path, "%s/stick/hostile-%d/files/%s", test_dir, i + 1, docs[i].name);
		FILE *f = fopen(path, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(docs[i].data.data, 1, docs[i].data.len, f), docs[i].data.len);
		fclose(f);
		char sha[65], err[256];
		long long size;
		assert_int_equal(store_hash_file(path, sha, &size, err), 0);
		snprintf(path, sizeof path, "%s/stick/hostile-%d/bundle.json", test_dir, i + 1);
		snprintf(json, sizeof json, "{\"format\": \"hishatak-bundle/1\", \"archive\": \"hostile\", \"sequence\": %d, "
			 "\"created\": \"2026-12-01T10:00:00Z\", \"items\": [{\"id\": \"%s\", \"kind\": \"report\", "
			 "\"title\": \"%s\", \"file\": \"files/%s\", \"size\": %lld, \"sha256\": \"%s\"}]}",
			 i + 1, id, docs[i].name, docs[i].name, size, sha);
		write_text(path, json);
		assert_int_equal(sh("minisign -S -s %s/k.key -m %s >/dev/null 2>&1", test_dir, path), 0);
	}

	/* Import: a line for each, applied or refused with a reason. */
	double t0 = now();
	/* Reading one may take 5 s here, not the kiosk's minute. */
	int rc = sh("HISHATAK_READ_TIMEOUT_MS=5000 timeout 300 " HISHATAK " import --data %s/data %s/stick 2>&1", test_dir, test_dir);
	fprintf(stderr, "import of %d hostile documents: exit %d in %.1f s\n", n, rc, now() - t0);
	assert_true(rc == 0 || rc == 1);
	int applied = 0, refused = 0;
	char *shown = calloc((size_t)n, 1);
	for (int i = 0; i < n; i++) {
		char want[64];
		snprintf(want, sizeof want, "hostile-%d: ", i + 1);
		const char *line = strstr(out, want);
		if (!line)
			fail_msg("no line for %s (%s) in:\n%s", want, docs[i].name, out);
		const char *end = strchr(line, '\n');
		int len = end ? (int)(end - line) : (int)strlen(line);
		if (strncmp(line + strlen(want), "applied", 7) == 0) {
			shown[i] = 1;
			applied++;
		} else if (strncmp(line + strlen(want), "refused: ", 9) == 0 && len > (int)strlen(want) + 12) {
			refused++;
		} else {
			fail_msg("%s: neither applied nor refused with a reason: %.*s", docs[i].name, len, line);
		}
		fprintf(stderr, "  %-22s %.*s\n", docs[i].name, len - (int)strlen(want), line + strlen(want));
	}
	assert_true(shown[0] && shown[1]); /* the sound ones */
	fprintf(stderr, "%d applied, %d refused\n", applied, refused);
	assert_int_equal(sh(HISHATAK " verify --data %s/data 2>&1", test_dir), 0);

	/* Render: the first three pages of every one shown, or a clear failure. */
	for (int i = 0; i < n; i++) {
		if (!shown[i])
			continue;
		char id[64];
		id_of(docs[i].name, id);
		assert_int_equal(sh(HISHATAK " show --data %s/data --json %s", test_dir, id), 0);
		const char *pages = strstr(out, "\"pages\": ");
		assert_non_null(pages);
		int last = atoi(pages + 9) < 3 ? atoi(pages + 9) : 3;
		t0 = now();
		rc = sh("HISHATAK_PAGE_TIME_LIMIT_MS=2000 timeout 120 " HISHATAK " render --data %s/data %s --pages 1-%d --size 800x480 --out %s/r-%s-%%d.png 2>&1",
			test_dir, id, last, test_dir, id);
		fprintf(stderr, "  render %-22s exit %d in %.1f s%s%s", docs[i].name, rc, now() - t0, rc ? ": " : "\n", rc ? out : "");
		if (rc != 0 && (rc != 1 || !strstr(out, ": page ")))
			fail_msg("render %s: exit %d: %s", docs[i].name, rc, out);
	}

	/* The kiosk: each opened, three pages turned, closed again. */
	char script[512];
	snprintf(script, sizeof script, "%s/script.txt", test_dir);
	FILE *f = fopen(script, "w");
	assert_non_null(f);
	for (int i = 0; i < n; i++) {
		char id[64];
		id_of(docs[i].name, id);
		if (shown[i])
			fprintf(f, "open %s\nwait 300\nexpect reader\nkey Right\nwait 300\nkey Right\nwait 300\nshot %s\nback\nwait 100\n",
				id, id);
	}
	fprintf(f, "expect home\nshot home\n");
	fclose(f);
	t0 = now();
	rc = sh("mkdir %s/shots && HISHATAK_PAGE_TIME_LIMIT_MS=2000 timeout 600 " HISHATAK " kiosk --data %s/data --size 800x480 --script %s --shots %s/shots 2>&1",
		test_dir, test_dir, script, test_dir);
	fprintf(stderr, "kiosk through %d documents: exit %d in %.1f s\n", applied, rc, now() - t0);
	if (rc != 0)
		fail_msg("kiosk: exit %d: %s", rc, out);
	assert_int_equal(sh(HISHATAK " verify --data %s/data 2>&1", test_dir), 0);
	if (getenv("HISHATAK_HOSTILE_KEEP"))
		fprintf(stderr, "kept %s\n", test_dir);
	free(shown);
	hostile_free(docs, n);
}

/* A stick's HTML documents that reach outside themselves (the kiosk's own
 * files, forty /dev/zero images) are refused at import at once, with the
 * reason; one that holds its image itself is taken. Bundles written by
 * hand: hishatak bundle would refuse them already. */
static void test_html_reaching_outside_itself_is_refused_at_import_at_once(void **state)
{
	static const char *const docs[] = {
		"<html><body><img src=\"../../../../../../../../etc/hostname\"><p>Relative</p></body></html>",
		"<html><body><img src=\"file:///etc/hostname\"><p>A file: URL</p></body></html>",
		NULL, /* forty /dev/zero */
		"<html><body><p>Held inside: <img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ"
		"AAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==\"></p></body></html>",
	};
	char forty[4096] = "<html><body><p>Forty zeros</p>";
	for (int i = 0; i < 40; i++)
		strcat(forty, "<img src=\"/dev/zero\">");
	strcat(forty, "</body></html>");
	assert_int_equal(sh("minisign -G -W -f -p %s/k.pub -s %s/k.key >/dev/null 2>&1 && "
			    HISHATAK " init --data %s/data --archive hostile --trust %s/k.pub >/dev/null",
			    test_dir, test_dir, test_dir, test_dir), 0);
	for (int i = 0; i < 4; i++) {
		char path[512], json[1024], sha[65], err[256];
		long long size;
		assert_int_equal(sh("mkdir -p %s/stick/hostile-%d/files", test_dir, i + 1), 0);
		snprintf(path, sizeof path, "%s/stick/hostile-%d/files/doc.html", test_dir, i + 1);
		write_text(path, docs[i] ? docs[i] : forty);
		assert_int_equal(store_hash_file(path, sha, &size, err), 0);
		snprintf(path, sizeof path, "%s/stick/hostile-%d/bundle.json", test_dir, i + 1);
		snprintf(json, sizeof json, "{\"format\": \"hishatak-bundle/1\", \"archive\": \"hostile\", \"sequence\": %d, "
			 "\"created\": \"2026-12-01T10:00:00Z\", \"items\": [{\"id\": \"doc-%d\", \"kind\": \"article\", "
			 "\"title\": \"Document %d\", \"file\": \"files/doc.html\", \"size\": %lld, \"sha256\": \"%s\"}]}",
			 i + 1, i + 1, i + 1, size, sha);
		write_text(path, json);
		assert_int_equal(sh("minisign -S -s %s/k.key -m %s >/dev/null 2>&1", test_dir, path), 0);
	}
	double t0 = now();
	int rc = sh("timeout 120 " HISHATAK " import --data %s/data %s/stick 2>&1", test_dir, test_dir);
	double took = now() - t0;
	assert_int_equal(rc, 1);
	for (int i = 1; i <= 3; i++) {
		char want[64];
		snprintf(want, sizeof want, "hostile-%d: refused: ", i);
		const char *line = strstr(out, want);
		if (!line || !strstr(line, "refers to a file outside itself"))
			fail_msg("hostile-%d not refused for what it refers to: %s", i, out);
	}
	assert_non_null(strstr(out, "hostile-4: applied"));
	assert_true(took < 10); /* not a document's time limit, nor forty */
	assert_int_equal(sh(HISHATAK " list --data %s/data --json", test_dir), 0);
	assert_int_equal(count(out, "\"id\": "), 1);
}

/* An EPUB's fonts: MuPDF 1.21 reads a @font-face src it does not find in
 * the EPUB from the kiosk's disk (an absolute path too), so such an EPUB is
 * not opened; one whose font is its own is. The <style> is read as MuPDF
 * reads it, its entities decoded. */
static void test_an_epub_whose_font_is_not_its_own_is_not_opened(void **state)
{
	static const char *const styles[] = {
		"@font-face { font-family: f; src: url(/dev/zero) }",
		"&#64;font-face { font-family: f; src: url(&quot;../../../../etc/hostname&quot;) format(\"truetype\") }",
		"@font-face { font-family: f; src: url(c2.xhtml) }", /* an entry of its own: taken */
	};
	for (int i = 0; i < 3; i++) {
		char chapter[1024], path[512], err[256] = "";
		snprintf(chapter, sizeof chapter, "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><style>%s"
			 "</style></head><body><h1>Chapter one</h1><p>The blockade began in December 2022.</p></body></html>", styles[i]);
		hostile_buf epub = hostile_epub(chapter, HOSTILE_CONTAINER, 1);
		snprintf(path, sizeof path, "%s/font-%d.epub", test_dir, i);
		FILE *f = fopen(path, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(epub.data, 1, epub.len, f), epub.len);
		fclose(f);
		free(epub.data);
		doc *d = doc_open(path, "epub", err);
		if (i < 2 && (d || !strstr(err, "refers to a file outside itself")))
			fail_msg("EPUB %d opened (%s)", i, err);
		if (i == 2 && !d)
			fail_msg("EPUB with its own font: %s", err);
		doc_close(d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_an_epub_whose_font_is_not_its_own_is_not_opened, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_html_reaching_outside_itself_is_refused_at_import_at_once, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_hostile_documents_are_refused_or_shown_never_fatal, setup_test_dir,
						getenv("HISHATAK_HOSTILE_KEEP") ? NULL : teardown_test_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
