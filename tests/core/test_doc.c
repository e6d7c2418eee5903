/* Documents through MuPDF: each of the archive's documents converted, laid
 * out, counted, its text extracted and a page rendered; a PDF made here;
 * a file MuPDF cannot open. */
#include "helpers.h"
#include "core/config.h"
#include "core/convert.h"
#include "core/doc.h"
#include "core/sentence.h"
#include "core/files.h"

/* Converts an archive document and opens the conversion. */
static doc *open_archive_doc(const char *name)
{
	char path[512], out[512], err[256];
	size_t size;
	snprintf(path, sizeof path, "archive/files/%s.md", name);
	char *src = files_read(path, 1 << 24, &size, err);
	assert_non_null(src);
	convert_result r;
	assert_int_equal(convert_to_xhtml(src, size, "md", "en", &r, err), 0);
	snprintf(out, sizeof out, "%s/%s.xhtml", test_dir, name);
	assert_int_equal(files_write_durably(out, r.xhtml, r.len, err), 0);
	convert_result_free(&r);
	free(src);
	doc *d = doc_open(out, "xhtml", err);
	if (!d)
		fail_msg("%s: %s", name, err);
	return d;
}

/* Page count at a phone-like and a full-HD layout, text on page 1, a render. */
static void check_document(const char *name, const char *phrase, int min_pages)
{
	char err[256];
	float w, h, em;
	doc *d = open_archive_doc(name);
	assert_true(doc_is_reflowable(d));
	doc_layout_for_screen(800, 400, 1, &w, &h, &em);
	assert_int_equal(doc_layout(d, w, h, em, err), 0);
	int small = doc_page_count(d, err);
	doc_layout_for_screen(1920, 1000, 1, &w, &h, &em);
	assert_int_equal(doc_layout(d, w, h, em, err), 0);
	int large = doc_page_count(d, err);
	assert_true(large >= min_pages);
	assert_true(small > large); /* a smaller screen holds less a page */

	char *text = doc_page_text(d, 0, err);
	assert_non_null(text);
	if (!strstr(text, phrase))
		fail_msg("%s: page 1 lacks \"%s\": %.200s", name, phrase, text);
	free(text);

	doc_pixels px;
	assert_int_equal(doc_render(d, 0, 600, 800, &px, err), 0);
	assert_true(px.w <= 600 && px.h <= 800 && (px.w == 600 || px.h == 800));
	long dark = 0;
	for (int i = 0; i < px.h * px.stride; i++)
		dark += px.samples[i] < 128;
	assert_true(dark > 1000); /* text was drawn */
	doc_pixels_free(&px);
	doc_close(d);
}

static void test_the_call_for_action_lays_out_reads_and_renders(void **state)
{
	check_document("call-for-action-2022-11", "Call for Action", 20);
}

static void test_the_part_2_article_lays_out_reads_and_renders(void **state)
{
	check_document("reverse-ethnic-cleansing-part-2", "creeping ethnic cleansing", 20);
}

static void test_the_balian_article_lays_out_reads_and_renders(void **state)
{
	check_document("what-can-be-done-now", "On Sept. 19", 5);
}

static void test_the_exodus_article_lays_out_reads_and_renders(void **state)
{
	check_document("exodus-and-return", "bus convoys", 5);
}

static void test_the_transcript_shows_its_timestamps_on_the_page(void **state)
{
	check_document("ker-lindsay-nagorno-karabakh", "00:00:00", 8);
	char err[256];
	doc *d = open_archive_doc("ker-lindsay-nagorno-karabakh");
	float w, h, em;
	doc_layout_for_screen(1920, 1000, 1, &w, &h, &em);
	doc_layout(d, w, h, em, err);
	int pages = doc_page_count(d, err);
	char *last = doc_page_text(d, pages - 1, err);
	assert_non_null(strstr(last, "00:14:18"));
	free(last);
	doc_close(d);
}

/* A word broken at its hyphen across two lines is one word in the
 * passages the index and the snippets are made from ("Nagorno-"
 * "Karabakh" had been "Nagorno- Karabakh"). */
static void test_a_word_broken_at_its_hyphen_is_whole_in_the_passages(void **state)
{
	(void)state;
	char err[256];
	doc *d = open_archive_doc("call-for-action-2022-11");
	char **passages;
	int n, whole = 0;
	assert_int_equal(doc_passages(d, &passages, &n, err), 0);
	for (int i = 0; i < n; i++) {
		if (strstr(passages[i], "Nagorno- Karabakh") || strstr(passages[i], "Nagorno -Karabakh"))
			fail_msg("passage %d: \"%.80s\"", i, strstr(passages[i], "Nagorno"));
		whole += strstr(passages[i], "Nagorno-Karabakh") != NULL;
		free(passages[i]);
	}
	free(passages);
	assert_true(whole > 20);
	doc_close(d);
}

static void test_footnote_marks_are_links_to_their_notes(void **state)
{
	char err[256];
	doc *d = open_archive_doc("call-for-action-2022-11");
	char **passages;
	int n;
	assert_int_equal(doc_passages(d, &passages, &n, err), 0);
	int notes = 0;
	for (int i = 0; i < n; i++) {
		notes += strncmp(passages[i], "56. ", 4) == 0 || strncmp(passages[i], "1. Protection of Rights", 23) == 0;
		free(passages[i]);
	}
	free(passages);
	assert_int_equal(notes, 2); /* the first and the last note, in the notes section */
	doc_close(d);
}

/* A footnote mark on the page leads to its note, whose text can be read
 * from where the link lands; the note's number leads back. */
static void test_a_footnote_mark_leads_to_the_text_of_its_note(void **state)
{
	char err[256];
	float w, h, em;
	doc *d = open_archive_doc("call-for-action-2022-11");
	doc_layout_for_screen(800, 400, 1, &w, &h, &em);
	assert_int_equal(doc_layout(d, w, h, em, err), 0);
	int pages = doc_page_count(d, err), found = 0;
	for (int p = 0; p < pages && !found; p++) {
		doc_link links[64];
		int n = doc_page_links(d, p, links, 64, err);
		assert_true(n >= 0);
		for (int i = 0; i < n; i++) {
			assert_true(links[i].where.x1 > links[i].where.x0 && links[i].where.y1 > links[i].where.y0);
			char *note = doc_text_at(d, links[i].page, links[i].y, err);
			assert_non_null(note);
			if (strncmp(note, "1. ", 3) == 0) { /* the first mark's note */
				assert_true(links[i].page > p);
				assert_non_null(strstr(note, "Protection of Rights"));
				found = 1;
			}
			free(note);
			if (found)
				break;
		}
	}
	assert_true(found);
	doc_close(d);
}

static void test_passages_are_found_again_on_the_pages_of_any_layout(void **state)
{
	char err[256];
	doc *d = open_archive_doc("exodus-and-return");
	char **passages;
	int n;
	assert_int_equal(doc_passages(d, &passages, &n, err), 0);
	assert_int_equal(n, 18); /* a heading and 17 paragraphs */
	int sizes[][2] = {{800, 400}, {1080, 1800}};
	for (int s = 0; s < 2; s++) {
		float w, h, em;
		doc_layout_for_screen(sizes[s][0], sizes[s][1], 1, &w, &h, &em);
		doc_layout(d, w, h, em, err);
		int pages = doc_page_count(d, err), *page_of = calloc((size_t)n, sizeof *page_of);
		assert_int_equal(doc_pages_of_passages(d, passages, n, page_of, err), 0);
		assert_int_equal(page_of[0], 0);
		for (int i = 0; i < n; i++) {
			assert_true(page_of[i] >= 0 && page_of[i] < pages);
			assert_true(i == 0 || page_of[i] >= page_of[i - 1]);
			/* The passage's opening words are on that page. */
			char *text = doc_page_text(d, page_of[i], err), start[24];
			snprintf(start, sizeof start, "%.12s", passages[i]);
			if (!strstr(text, start))
				fail_msg("passage %d (\"%s\") not on page %d", i, start, page_of[i] + 1);
			free(text);
		}
		free(page_of);
	}
	for (int i = 0; i < n; i++)
		free(passages[i]);
	free(passages);
	doc_close(d);
}

/* A one-page PDF written out by hand, with its cross-reference table. */
static void write_pdf(const char *path, const char *words)
{
	char content[256], pdf[2048];
	snprintf(content, sizeof content, "BT /F1 24 Tf 72 700 Td (%s) Tj ET", words);
	const char *objs[5];
	char o4[400];
	objs[0] = "<< /Type /Catalog /Pages 2 0 R >>";
	objs[1] = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
	objs[2] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>";
	snprintf(o4, sizeof o4, "<< /Length %zu >>\nstream\n%s\nendstream", strlen(content), content);
	objs[3] = o4;
	objs[4] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
	long offsets[5];
	int n = snprintf(pdf, sizeof pdf, "%%PDF-1.4\n");
	for (int i = 0; i < 5; i++) {
		offsets[i] = n;
		n += snprintf(pdf + n, sizeof pdf - (size_t)n, "%d 0 obj\n%s\nendobj\n", i + 1, objs[i]);
	}
	long xref = n;
	n += snprintf(pdf + n, sizeof pdf - (size_t)n, "xref\n0 6\n0000000000 65535 f \n");
	for (int i = 0; i < 5; i++)
		n += snprintf(pdf + n, sizeof pdf - (size_t)n, "%010ld 00000 n \n", offsets[i]);
	snprintf(pdf + n, sizeof pdf - (size_t)n, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", xref);
	write_text(path, pdf);
}

/* Reading aloud: the transcript's sentences without their timestamps, each
 * with rectangles on the page in reading order; a note mark is not read. */
static void test_a_page_is_read_in_sentences_that_know_where_they_stand(void **state)
{
	char err[256];
	float w, h, em, pw, ph;
	doc *d = open_archive_doc("ker-lindsay-nagorno-karabakh");
	doc_layout_for_screen(1280, 672, 1, &w, &h, &em);
	assert_int_equal(doc_layout(d, w, h, em, err), 0);
	assert_int_equal(doc_page_size(d, 0, &pw, &ph, err), 0);
	doc_sentence *s;
	int n;
	assert_int_equal(doc_page_sentences(d, 0, "en", &s, &n, err), 0);
	assert_true(n >= 4);
	int found = -1;
	for (int i = 0; i < n; i++) {
		assert_null(strstr(s[i].text, "00:0"));
		assert_true(s[i].rect_count >= 1);
		for (int r = 0; r < s[i].rect_count; r++)
			assert_true(s[i].rects[r].x0 >= 0 && s[i].rects[r].x1 <= pw && s[i].rects[r].y1 <= ph &&
				    s[i].rects[r].y0 < s[i].rects[r].y1);
		if (i > 0)
			assert_true(s[i].rects[0].y0 >= s[i - 1].rects[0].y0);
		if (strncmp(s[i].text, "On September 19, 2023, Azerbaijan launched", 42) == 0)
			found = i;
	}
	assert_true(found >= 0);
	assert_string_equal(s[found].text, "On September 19, 2023, Azerbaijan launched a significant new attack on the "
					    "Armenian-inhabited breakaway region of Nagorno-Karabakh.");
	assert_true(s[found].rect_count >= 2); /* it runs over more than one line */
	doc_sentences_free(s, n);
	doc_close(d);

	d = open_archive_doc("call-for-action-2022-11");
	assert_int_equal(doc_layout(d, w, h, em, err), 0);
	int pages = doc_page_count(d, err), read = 0;
	for (int p = 0; p < pages && !read; p++) {
		assert_int_equal(doc_page_sentences(d, p, "en", &s, &n, err), 0);
		for (int i = 0; i < n; i++)
			if (strstr(s[i].text, "upbringing of the new generation")) {
				assert_non_null(strstr(s[i].text, "the new generation."));
				assert_null(strstr(s[i].text, "generation.2"));
				read = 1;
			}
		doc_sentences_free(s, n);
	}
	assert_true(read);
	doc_close(d);
}

/* A sentence cut by a page break is read whole with its first page and
 * marked continued on the next; a page that ends with a stop is not joined. */
static void test_a_sentence_over_a_page_break_is_read_whole_once(void **state)
{
	char err[256];
	float w, h, em;
	doc *d = open_archive_doc("exodus-and-return");
	doc_layout_for_screen(1280, 672, 1, &w, &h, &em);
	assert_int_equal(doc_layout(d, w, h, em, err), 0);
	int pages = doc_page_count(d, err), cut = 0, whole = 0;
	doc_sentence *s, *next;
	int n, m;
	for (int p = 0; p + 1 < pages; p++) {
		assert_int_equal(doc_page_sentences(d, p, "en", &s, &n, err), 0);
		assert_int_equal(doc_page_sentences(d, p + 1, "en", &next, &m, err), 0);
		if (n > 0 && m > 0 && next[0].continued) {
			/* The last sentence here ends with the words of the next
			 * page's first, and ends as a sentence does. */
			size_t a = strlen(s[n - 1].text), b = strlen(next[0].text);
			assert_true(a > b);
			assert_string_equal(s[n - 1].text + a - b, next[0].text);
			assert_false(sentence_runs_on(s[n - 1].text, "and", "en")); /* it has its stop */
			cut++;
		} else if (n > 0 && m > 0) {
			assert_false(sentence_runs_on(s[n - 1].text, next[0].text, "en"));
			whole++;
		}
		doc_sentences_free(s, n);
		doc_sentences_free(next, m);
	}
	assert_true(cut > 0);
	assert_true(whole > 0);
	doc_close(d);
}

/* What MuPDF may take for one document is bounded: past the bound it
 * says so and gives up, and the same document opens with room. */
/* A page drawn again comes from its kept display list, the same pixels;
 * after a new layout the page is another, not the one kept. */
static void test_a_page_drawn_again_is_the_same_and_a_new_layout_another(void **state)
{
	char err[256];
	float w, h, em;
	doc *d = open_archive_doc("call-for-action-2022-11");
	doc_layout_for_screen(800, 400, 1, &w, &h, &em);
	assert_int_equal(doc_layout(d, w, h, em, err), 0);
	doc_pixels first, again, relaid;
	assert_int_equal(doc_render(d, 3, 600, 800, &first, err), 0);
	assert_int_equal(doc_render(d, 3, 600, 800, &again, err), 0);
	assert_int_equal(first.w, again.w);
	assert_int_equal(first.h, again.h);
	assert_memory_equal(first.samples, again.samples, (size_t)first.h * (size_t)first.stride);
	char *text = doc_page_text(d, 3, err); /* from the kept list too */
	assert_non_null(text);
	doc_layout_for_screen(1920, 1000, 1, &w, &h, &em);
	assert_int_equal(doc_layout(d, w, h, em, err), 0);
	char *other = doc_page_text(d, 3, err);
	assert_non_null(other);
	assert_string_not_equal(text, other);
	assert_int_equal(doc_render(d, 3, 600, 800, &relaid, err), 0);
	assert_true(relaid.w != first.w || relaid.h != first.h ||
		    memcmp(relaid.samples, first.samples, (size_t)first.h * (size_t)first.stride) != 0);
	free(text);
	free(other);
	doc_pixels_free(&first);
	doc_pixels_free(&again);
	doc_pixels_free(&relaid);
	doc_close(d);
}

static void test_a_document_that_needs_more_memory_than_allowed_is_given_up(void **state)
{
	char path[512], err[256];
	doc *d = open_archive_doc("call-for-action-2022-11"); /* also writes the conversion */
	doc_close(d);
	snprintf(path, sizeof path, "%s/call-for-action-2022-11.xhtml", test_dir);
	setenv("HISHATAK_DOC_MEMORY_MB", "1", 1);
	config_reload();
	d = doc_open(path, "xhtml", err);
	unsetenv("HISHATAK_DOC_MEMORY_MB");
	config_reload();
	assert_null(d);
	assert_non_null(strstr(err, "failed"));
	d = doc_open(path, "xhtml", err);
	assert_non_null(d);
	doc_close(d);
}

static void test_a_pdf_has_fixed_pages_with_text_and_search_hits(void **state)
{
	char path[512], err[256];
	snprintf(path, sizeof path, "%s/one.pdf", test_dir);
	write_pdf(path, "The Lachin corridor");
	doc *d = doc_open(path, "pdf", err);
	assert_non_null(d);
	assert_false(doc_is_reflowable(d));
	assert_int_equal(doc_page_count(d, err), 1);
	char *text = doc_page_text(d, 0, err);
	assert_string_equal(text, "The Lachin corridor");
	free(text);
	doc_rect hits[4];
	assert_int_equal(doc_search_page(d, 0, "lachin", hits, 4, err), 1);
	assert_true(hits[0].x0 >= 72 && hits[0].y0 < 100);
	float w, h;
	assert_int_equal(doc_page_size(d, 0, &w, &h, err), 0);
	assert_true(w == 612 && h == 792);
	doc_close(d);
}

static void test_an_image_is_a_one_page_document(void **state)
{
	char pdf[512], png[512], err[256];
	snprintf(pdf, sizeof pdf, "%s/one.pdf", test_dir);
	snprintf(png, sizeof png, "%s/page.png", test_dir);
	write_pdf(pdf, "A photograph of a page");
	doc *d = doc_open(pdf, "pdf", err);
	doc_pixels px;
	assert_int_equal(doc_render(d, 0, 300, 400, &px, err), 0);
	assert_int_equal(doc_pixels_save_png(&px, png, err), 0);
	doc_pixels_free(&px);
	doc_close(d);
	d = doc_open(png, "png", err);
	assert_non_null(d);
	assert_false(doc_is_reflowable(d));
	assert_int_equal(doc_page_count(d, err), 1);
	assert_int_equal(doc_render(d, 0, 150, 150, &px, err), 0);
	assert_true(px.w <= 150 && px.h == 150);
	doc_pixels_free(&px);
	doc_close(d);
}

static void test_a_file_mupdf_cannot_open_gets_a_message(void **state)
{
	char path[512], err[256] = "";
	snprintf(path, sizeof path, "%s/broken.pdf", test_dir);
	write_text(path, "%PDF-1.4\nthis was cut short");
	assert_null(doc_open(path, "pdf", err));
	assert_non_null(strstr(err, "cannot open as pdf"));
}

/* An HTML or XHTML document may load nothing from outside itself: MuPDF
 * would look its images, style sheets and fonts up from the working
 * directory (the kiosk's own files, /dev/zero). Such a document is not
 * opened, with what it refers to; data: images and links still work. */
static void test_html_that_refers_to_files_outside_itself_is_not_opened(void **state)
{
	static const char *const refused[][2] = {
		{"html", "<html><body><p>A photo</p><img src=\"../../../../../../../usr/share/pixmaps/debian-logo.png\"></body></html>"},
		{"html", "<html><body><img src=\"/etc/hostname\"></body></html>"},
		{"html", "<html><body><img src=\"file:///etc/hostname\"></body></html>"},
		{"html", "<html><head><link rel=\"Stylesheet\" href=\"/etc/hostname\"></head><body><p>x</p></body></html>"},
		{"html", "<html><head><style>@font-face { font-family: x; src: url(/dev/zero) }</style></head><body>x</body></html>"},
		{"xhtml", "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>x</p>"
			  "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"10\" height=\"10\">"
			  "<image xlink:href=\"/etc/hostname\" width=\"10\" height=\"10\"/></svg></body></html>"},
		{"xhtml", "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body><div><div><p>deep "
			  "<img src=\"x.png\"/></p></div></div></body></html>"},
	};
	char path[512], err[256], forty[4096] = "<html><body><p>Forty zeros</p>";
	for (int i = 0; i < 40; i++)
		strcat(forty, "<img src=\"/dev/zero\">");
	strcat(forty, "</body></html>");
	for (size_t i = 0; i <= sizeof refused / sizeof *refused; i++) {
		const char *format = i < sizeof refused / sizeof *refused ? refused[i][0] : "html";
		snprintf(path, sizeof path, "%s/doc-%zu.%s", test_dir, i, format);
		write_text(path, i < sizeof refused / sizeof *refused ? refused[i][1] : forty);
		err[0] = 0;
		doc *d = doc_open(path, format, err);
		if (d || !strstr(err, "refers to a file outside itself"))
			fail_msg("document %zu opened (%s)", i, err);
	}
	/* What it holds itself it may show; a link is only a link. */
	snprintf(path, sizeof path, "%s/inline.html", test_dir);
	write_text(path, "<html><body><p>A dot: <img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ"
			 "AAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==\"> and <a href=\"../other.html\">a link</a>.</p>"
			 "<style>p { color: black }</style></body></html>");
	doc *d = doc_open(path, "html", err);
	if (!d)
		fail_msg("%s", err);
	doc_close(d);
}

/* A PDF's own page names (/PageLabels: i to iv, then 1 to 8) and its
 * outline, nested, each entry on its page. */
static void test_a_pdf_names_its_pages_and_has_a_nested_outline(void **state)
{
	char path[512], err[256], **labels;
	int count;
	snprintf(path, sizeof path, "%s/book.pdf", test_dir);
	write_book_pdf(path);
	doc *d = doc_open(path, "pdf", err);
	assert_non_null(d);
	assert_int_equal(doc_page_labels(d, &labels, &count, err), 0);
	assert_int_equal(count, BOOK_PAGES);
	assert_string_equal(labels[0], "i");
	assert_string_equal(labels[3], "iv");
	assert_string_equal(labels[4], "1");
	assert_string_equal(labels[11], "8");
	for (int i = 0; i < count; i++)
		free(labels[i]);
	free(labels);
	doc_outline_entry *entries;
	assert_int_equal(doc_outline(d, &entries, &count, err), 0);
	assert_int_equal(count, 6);
	assert_string_equal(entries[0].title, "Chapter One");
	assert_int_equal(entries[0].level, 0);
	assert_string_equal(entries[1].title, "Part One A");
	assert_int_equal(entries[1].level, 1);
	assert_int_equal(entries[1].page, 1);
	assert_string_equal(entries[3].title, "Chapter Two");
	assert_int_equal(entries[3].page, 5);
	assert_int_equal(entries[5].page, 9);
	doc_outline_free(entries, count);
	doc_close(d);
	/* A PDF without labels has none (not its page numbers as labels). */
	snprintf(path, sizeof path, "%s/plain.pdf", test_dir);
	write_pdf(path, "No labels here");
	assert_non_null(d = doc_open(path, "pdf", err));
	assert_int_equal(doc_page_labels(d, &labels, &count, err), 0);
	assert_int_equal(count, 0);
	assert_null(labels);
	doc_close(d);
}

/* An EPUB 3 whose table of contents is only in its navigation document
 * (no NCX: MuPDF 1.21 shows none of it), zipped from its files. */
static void test_an_epub_3_outline_comes_from_its_navigation_document(void **state)
{
	char path[512], err[256];
	static const char *files[][2] = {
		{"mimetype", "application/epub+zip"},
		{"META-INF/container.xml", "<?xml version=\"1.0\"?>\n<container version=\"1.0\" "
		 "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles><rootfile full-path=\"OEBPS/book.opf\" "
		 "media-type=\"application/oebps-package+xml\"/></rootfiles></container>"},
		{"OEBPS/book.opf", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" "
		 "version=\"3.0\" unique-identifier=\"id\"><metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
		 "<dc:identifier id=\"id\">nav-only</dc:identifier><dc:title>Nav only</dc:title><dc:language>en</dc:language></metadata>"
		 "<manifest><item id=\"nav\" href=\"text/nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>"
		 "<item id=\"c1\" href=\"text/c1.xhtml\" media-type=\"application/xhtml+xml\"/>"
		 "<item id=\"c2\" href=\"text/c2.xhtml\" media-type=\"application/xhtml+xml\"/></manifest>"
		 "<spine><itemref idref=\"c1\"/><itemref idref=\"c2\"/></spine></package>"},
		{"OEBPS/text/nav.xhtml", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
		 "xmlns:epub=\"http://www.idpf.org/2007/ops\"><head><title>Contents</title></head><body>"
		 "<nav epub:type=\"landmarks\"><ol><li><a href=\"c2.xhtml\">Not the contents</a></li></ol></nav>"
		 "<nav epub:type=\"toc\"><h1>Contents</h1><ol><li><a href=\"c1.xhtml\">First\n   chapter</a><ol><li><a href=\"c1.xhtml#s2\">"
		 "A <em>section</em></a></li></ol></li><li><a href=\"../text/c2.xhtml\">Second chapter</a></li></ol></nav></body></html>"},
		{"OEBPS/text/c1.xhtml", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head>"
		 "<title>One</title></head><body><h1>Chapter one</h1><p>Words of the first chapter.</p><p id=\"s2\">A section.</p></body></html>"},
		{"OEBPS/text/c2.xhtml", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head>"
		 "<title>Two</title></head><body><h1>Chapter two</h1><p>Words of the second chapter.</p></body></html>"},
	};
	char cmd[1024];
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(cmd, sizeof cmd, "mkdir -p \"$(dirname '%s/epub/%s')\"", test_dir, files[i][0]);
		assert_int_equal(run(cmd, NULL, 0), 0);
		snprintf(path, sizeof path, "%s/epub/%s", test_dir, files[i][0]);
		write_text(path, files[i][1]);
	}
	/* The mimetype first and stored, as EPUB asks. */
	snprintf(cmd, sizeof cmd, "cd %s/epub && zip -qX0 ../nav.epub mimetype && zip -qXr9 ../nav.epub META-INF OEBPS", test_dir);
	assert_int_equal(run(cmd, NULL, 0), 0);
	snprintf(path, sizeof path, "%s/nav.epub", test_dir);
	doc *d = doc_open(path, "epub", err);
	if (!d)
		fail_msg("%s", err);
	float pw, ph, em;
	doc_layout_for_screen(800, 480, 1, &pw, &ph, &em);
	assert_int_equal(doc_layout(d, pw, ph, em, err), 0);
	doc_outline_entry *entries;
	int count;
	assert_int_equal(doc_outline(d, &entries, &count, err), 0);
	assert_int_equal(count, 3);
	assert_string_equal(entries[0].title, "First chapter");
	assert_int_equal(entries[0].level, 0);
	assert_int_equal(entries[0].page, 0);
	assert_string_equal(entries[1].title, "A section");
	assert_int_equal(entries[1].level, 1);
	assert_true(entries[1].page >= 0);
	assert_string_equal(entries[2].title, "Second chapter");
	assert_int_equal(entries[2].level, 0);
	assert_true(entries[2].page > 0); /* the second chapter starts a page of its own */
	doc_outline_free(entries, count);
	doc_close(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_html_that_refers_to_files_outside_itself_is_not_opened, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_call_for_action_lays_out_reads_and_renders, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_word_broken_at_its_hyphen_is_whole_in_the_passages, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_part_2_article_lays_out_reads_and_renders, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_balian_article_lays_out_reads_and_renders, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_exodus_article_lays_out_reads_and_renders, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_transcript_shows_its_timestamps_on_the_page, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_footnote_marks_are_links_to_their_notes, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_footnote_mark_leads_to_the_text_of_its_note, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_passages_are_found_again_on_the_pages_of_any_layout, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_page_is_read_in_sentences_that_know_where_they_stand, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_sentence_over_a_page_break_is_read_whole_once, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_page_drawn_again_is_the_same_and_a_new_layout_another, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_document_that_needs_more_memory_than_allowed_is_given_up, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_pdf_has_fixed_pages_with_text_and_search_hits, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_an_image_is_a_one_page_document, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_file_mupdf_cannot_open_gets_a_message, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_pdf_names_its_pages_and_has_a_nested_outline, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_an_epub_3_outline_comes_from_its_navigation_document, setup_test_dir, teardown_test_dir),
	};
	return cmocka_run_group_tests_name("documents", tests, NULL, NULL);
}
