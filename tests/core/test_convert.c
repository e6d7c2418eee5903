/* The text converters: Markdown, plain text and transcripts to XHTML. */
#include "helpers.h"
#include "core/convert.h"
#include "core/files.h"

static char *convert(const char *src, const char *ext, convert_result *r)
{
	char err[256];
	assert_int_equal(convert_to_xhtml(src, strlen(src), ext, "en", r, err), 0);
	return r->xhtml;
}

static void test_markdown_blocks_and_inline_marks_become_xhtml(void **state)
{
	convert_result r;
	char *x = convert("# Title\n\nA *quiet* and **bold** line\nwith [a link](https://example.org/a?b=1&c=2).\n\n"
			  "- one\n- two\n\n1. first\n2. second\n\n> quoted words\n\n## Part\n", "md", &r);
	assert_non_null(strstr(x, "<h1>Title</h1>"));
	assert_non_null(strstr(x, "<p>A <i>quiet</i> and <b>bold</b> line with <a href=\"https://example.org/a?b=1&amp;c=2\">a link</a>.</p>"));
	assert_non_null(strstr(x, "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"));
	assert_non_null(strstr(x, "<ol>\n<li>first</li>\n<li>second</li>\n</ol>"));
	assert_non_null(strstr(x, "<blockquote>quoted words</blockquote>"));
	assert_non_null(strstr(x, "<h2>Part</h2>"));
	convert_result_free(&r);
}

static void test_footnotes_link_both_ways(void **state)
{
	convert_result r;
	char *x = convert("Text with a note.[^12]\n\n[^12]: The note, *in italics*.\n", "md", &r);
	assert_non_null(strstr(x, "<sup><a id=\"ref-12\" href=\"#note-12\">12</a></sup>"));
	assert_non_null(strstr(x, "<section class=\"notes\">"));
	assert_non_null(strstr(x, "<p id=\"note-12\"><a href=\"#ref-12\">12</a>. The note, <i>in italics</i>.</p>"));
	convert_result_free(&r);
}

static void test_raw_html_in_a_source_is_shown_as_text(void **state)
{
	convert_result r;
	char *x = convert("<script>alert(1)</script> & <img src=x>\n", "md", &r);
	assert_null(strstr(x, "<script>"));
	assert_non_null(strstr(x, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x&gt;"));
	convert_result_free(&r);
}

static void test_plain_text_makes_one_paragraph_a_line(void **state)
{
	convert_result r;
	char *x = convert("First line.\nSecond *line*.\n\n", "txt", &r);
	assert_non_null(strstr(x, "<p>First line.</p>\n<p>Second *line*.</p>"));
	convert_result_free(&r);
}

static void test_the_archive_transcript_keeps_its_64_timestamps_and_7_topics(void **state)
{
	char err[256];
	size_t size;
	char *src = files_read("archive/files/ker-lindsay-nagorno-karabakh.md", 1 << 20, &size, err);
	assert_non_null(src);
	convert_result r;
	assert_int_equal(convert_to_xhtml(src, size, "md", "en", &r, err), 0);
	assert_int_equal(r.timestamps, 64);
	assert_string_equal(r.title, "Azerbaijan and Armenian conflict in NagornoKarabakh");
	assert_int_equal(r.topic_count, 7);
	assert_non_null(strstr(r.xhtml, "<span class=\"ts\">00:14:18"));
	assert_non_null(strstr(r.xhtml, "<span class=\"ts\">00:00:00"));
	/* Links show their label; their ids are not in the text. */
	assert_null(strstr(r.xhtml, "[["));
	assert_null(strstr(r.xhtml, "yt-timestamp"));
	assert_non_null(strstr(r.xhtml, "as ethnic cleansing"));
	int ethnic = 0;
	for (int i = 0; i < r.topic_count; i++)
		ethnic |= strcmp(r.topics[i], "ethnic cleansing accusations in nagornokarabakh") == 0;
	assert_true(ethnic);
	convert_result_free(&r);
	free(src);
}

static void test_text_that_is_not_utf8_is_refused(void **state)
{
	convert_result r;
	char err[256] = "";
	const char latin1[] = "caf\xe9 au lait\n";
	assert_int_equal(convert_to_xhtml(latin1, strlen(latin1), "txt", "", &r, err), -1);
	assert_non_null(strstr(err, "UTF-8"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_markdown_blocks_and_inline_marks_become_xhtml),
		cmocka_unit_test(test_footnotes_link_both_ways),
		cmocka_unit_test(test_raw_html_in_a_source_is_shown_as_text),
		cmocka_unit_test(test_plain_text_makes_one_paragraph_a_line),
		cmocka_unit_test(test_the_archive_transcript_keeps_its_64_timestamps_and_7_topics),
		cmocka_unit_test(test_text_that_is_not_utf8_is_refused),
	};
	return cmocka_run_group_tests_name("converters", tests, NULL, NULL);
}
