/* WebVTT and SRT transcripts: cues, voices, notes, and what is refused. */
#include "helpers.h"
#include "core/subtitles.h"
#include "core/segments.h"
#include "core/files.h"

static void parse_ok(const char *src, const char *ext, subtitles *s)
{
	char err[256] = "";
	int rc = subtitles_parse(src, strlen(src), ext, s, err);
	if (rc != 0)
		fail_msg("refused: %s", err);
}

static void parse_refused(const char *src, size_t len, const char *ext, const char *reason)
{
	subtitles s;
	char err[256] = "";
	assert_int_equal(subtitles_parse(src, len, ext, &s, err), -1);
	if (!strstr(err, reason))
		fail_msg("reason \"%s\" does not say \"%s\"", err, reason);
}

static void test_webvtt_cues_have_times_speakers_and_plain_text(void **state)
{
	subtitles s;
	parse_ok("\xEF\xBB\xBFWEBVTT - a testimony\nKind: captions\n\n"
		 "NOTE recorded in Yerevan,\nsecond take\n\n"
		 "STYLE\n::cue { color: yellow }\n\n"
		 "intro\n00:00:01.000 --> 00:00:04.500 align:start line:0\n<v.loud Anahit Petrosyan>We left on the <i>25th</i>\nof September &amp; never &lt;returned&gt;.</v>\n\n"
		 "00:05.250 --> 00:07.000\n<v Interviewer>Where did you go?\n\n"
		 "01:00:00.000 --> 01:00:02.000\n&#1329;&#x0580;&nbsp;&unknown; end\n",
		 "vtt", &s);
	assert_int_equal(s.count, 3);
	assert_int_equal(s.notes, 1);
	assert_int_equal(s.cues[0].start_ms, 1000);
	assert_int_equal(s.cues[0].end_ms, 4500);
	assert_string_equal(s.cues[0].speaker, "Anahit Petrosyan");
	assert_string_equal(s.cues[0].text, "We left on the 25th of September & never <returned>.");
	assert_int_equal(s.cues[1].start_ms, 5250);
	assert_string_equal(s.cues[1].speaker, "Interviewer");
	assert_string_equal(s.cues[1].text, "Where did you go?");
	assert_int_equal(s.cues[2].start_ms, 3600000);
	assert_null(s.cues[2].speaker);
	assert_string_equal(s.cues[2].text, "\xd4\xb1\xd6\x80 &unknown; end");
	assert_int_equal(s.end_ms, 3602000);
	subtitles_free(&s);
}

static void test_srt_with_crlf_lines_and_commas_is_read(void **state)
{
	subtitles s;
	parse_ok("1\r\n00:00:00,500 --> 00:00:02,000\r\n<i>Первый</i> голос\r\nвторая строка\r\n\r\n"
		 "2\r\n00:00:02,000 --> 00:00:03,250\r\n<v Witness>Second.\r\n", "srt", &s);
	assert_int_equal(s.count, 2);
	assert_int_equal(s.cues[0].start_ms, 500);
	assert_string_equal(s.cues[0].text, "Первый голос вторая строка");
	assert_int_equal(s.cues[1].end_ms, 3250);
	assert_string_equal(s.cues[1].speaker, "Witness");
	subtitles_free(&s);
}

static void test_the_line_spoken_is_found_at_any_time_even_where_voices_overlap(void **state)
{
	subtitles s;
	parse_ok("WEBVTT\n\n00:01.000 --> 00:10.000\nlong\n\n00:02.000 --> 00:03.000\nshort\n\n"
		 "00:20.000 --> 00:21.000\nlater\n", "vtt", &s);
	assert_int_equal(subtitles_at(&s, 0), -1);
	assert_int_equal(subtitles_at(&s, 1000), 0);
	assert_int_equal(subtitles_at(&s, 2500), 1);
	assert_int_equal(subtitles_at(&s, 5000), 0); /* the short one is over, the long one goes on */
	assert_int_equal(subtitles_at(&s, 15000), 1); /* in a silence: the line just heard */
	assert_int_equal(subtitles_at(&s, 99000), 2);
	subtitles_free(&s);
}

static void test_times_that_go_backwards_are_refused_with_the_line(void **state)
{
	const char *backwards = "WEBVTT\n\n00:05.000 --> 00:04.000\nends before it starts\n";
	parse_refused(backwards, strlen(backwards), "vtt", "line 3: the cue ends (0:04) before it starts (0:05)");
	const char *disorder = "1\n00:00:05,000 --> 00:00:06,000\nb\n\n2\n00:00:01,000 --> 00:00:02,000\na\n";
	parse_refused(disorder, strlen(disorder), "srt", "line 6: the cue starts at 0:01, before the one above it (0:05)");
}

static void test_malformed_files_are_refused_with_a_reason(void **state)
{
	const char *no_header = "00:01.000 --> 00:02.000\nhello\n";
	parse_refused(no_header, strlen(no_header), "vtt", "starts with WEBVTT");
	const char *bad_time = "WEBVTT\n\n00:01.000 --> soon\nhello\n";
	parse_refused(bad_time, strlen(bad_time), "vtt", "line 3: not a cue's times");
	const char *no_times = "1\nhello\n";
	parse_refused(no_times, strlen(no_times), "srt", "line 1: a cue without its times");
	const char *glued = "1\n00:00:01,000 --> 00:00:02,000\na\n2\n00:00:02,000 --> 00:00:03,000\nb\n";
	parse_refused(glued, strlen(glued), "srt", "without a blank line");
	const char *empty = "WEBVTT\n\nNOTE only a note\n";
	parse_refused(empty, strlen(empty), "vtt", "has no cues");
	const char latin1[] = "WEBVTT\n\n00:01.000 --> 00:02.000\ncaf\xe9\n";
	parse_refused(latin1, sizeof latin1 - 1, "vtt", "UTF-8");
	const char nul[] = "WEBVTT\n\n00:01.000 --> 00:02.000\nbefore\0after\n";
	parse_refused(nul, sizeof nul - 1, "vtt", "NUL byte (at byte 38)");
}

static void test_a_100_mb_cue_is_refused_without_copying_it(void **state)
{
	size_t size = 100u << 20;
	char *src = malloc(size);
	assert_non_null(src);
	const char head[] = "WEBVTT\n\n00:01.000 --> 00:02.000\n";
	memcpy(src, head, sizeof head - 1);
	memset(src + sizeof head - 1, 'a', size - (sizeof head - 1));
	for (size_t i = 4096; i < size; i += 4096)
		src[i] = '\n'; /* many lines of one cue, then one long one */
	parse_refused(src, size, "vtt", "line 3: the cue is longer than 64 KB");
	free(src);
}

static void test_transcript_times_must_fit_the_recording(void **state)
{
	subtitles s;
	char err[256];
	parse_ok("WEBVTT\n\n00:01.000 --> 00:02.000\na\n\n00:59.000 --> 01:10.000\nb\n", "vtt", &s);
	assert_int_equal(subtitles_fit(&s, 70000, err), 0);
	assert_int_equal(subtitles_fit(&s, 69500, err), 0); /* a second of grace */
	assert_int_equal(subtitles_fit(&s, 60000, err), -1);
	assert_string_equal(err, "the cue at 0:59 ends at 1:10, after the recording's end (1:00)");
	subtitles_free(&s);
}

static void test_a_transcript_alone_reads_with_its_times_and_speakers(void **state)
{
	subtitles s;
	parse_ok("WEBVTT\n\n00:01.000 --> 00:02.000\n<v Anna>One &amp; two\n\n00:03.000 --> 00:04.000\n<v Anna>three\n\n"
		 "01:02:03.000 --> 01:02:04.000\n<v Gor><b>four</b>\n", "vtt", &s);
	size_t len;
	char *x = subtitles_to_xhtml(&s, "A <title>", "hy", &len);
	assert_non_null(x);
	assert_int_equal(strlen(x), len);
	assert_non_null(strstr(x, "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"hy\">"));
	assert_non_null(strstr(x, "<h1>A &lt;title&gt;</h1>"));
	assert_non_null(strstr(x, "<span class=\"ts\">0:01"));
	assert_non_null(strstr(x, "<b>Anna:</b> One &amp; two</p>"));
	assert_non_null(strstr(x, "</span>three</p>")); /* the same speaker is not named again */
	assert_non_null(strstr(x, "<span class=\"ts\">1:02:03"));
	assert_non_null(strstr(x, "<b>Gor:</b> four</p>"));
	free(x);
	subtitles_free(&s);
}

/* An OHMS export as the Nunn Center's tool writes it (namespaced root,
 * record, transcript with speakers, the sync of minute marks, the index). */
static const char ohms_sample[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<ROOT xmlns=\"https://www.weareavp.com/nunncenter/ohms\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
	"<record id=\"0001\" dt=\"2024-05-01\">\n<version>5.4</version><title>Testimony of Anahit</title>\n"
	"<language>Armenian</language><language_for_translation>English</language_for_translation>\n"
	"<transcript>ANAHIT: We left on the twenty-fifth &amp; took nothing.\n\n"
	"INTERVIEWER: Where did you go?\n"
	"ANAHIT: To Goris, then to Yerevan, where my sister lives.\n</transcript>\n"
	"<sync>1:|2(3)|</sync>\n"
	"<index>\n"
	"<point><time>0</time><title>Leaving home</title><title_alt>\xd5\x8f\xd5\xb8\xd6\x82\xd5\xb6\xd5\xab\xd6\x81</title_alt>"
	"<synopsis>The last day in Stepanakert.</synopsis><keywords>exodus;Stepanakert</keywords></point>\n"
	"<point><time>75</time><title>On the road</title><synopsis>The Lachin road.</synopsis></point>\n"
	"</index>\n</record>\n</ROOT>\n";

static void test_an_ohms_transcript_is_timed_by_its_sync_and_names_its_speakers(void **state)
{
	subtitles s;
	parse_ok(ohms_sample, "xml", &s);
	assert_int_equal(s.count, 4); /* line 2 is broken at its mark (word 3, at 1:00) */
	assert_string_equal(s.cues[0].speaker, "ANAHIT");
	assert_string_equal(s.cues[0].text, "We left on the twenty-fifth & took nothing.");
	assert_int_equal(s.cues[0].start_ms, 0);
	assert_string_equal(s.cues[1].speaker, "INTERVIEWER");
	assert_string_equal(s.cues[1].text, "Where did");
	assert_string_equal(s.cues[2].text, "you go?");
	assert_int_equal(s.cues[2].start_ms, 60000);
	assert_true(s.cues[1].start_ms > 0 && s.cues[1].start_ms < 60000); /* between the marks, by its place */
	assert_string_equal(s.cues[3].speaker, "ANAHIT");
	assert_true(s.cues[3].start_ms > 60000);
	assert_int_equal(s.cues[0].end_ms, s.cues[1].start_ms);
	subtitles_free(&s);
}

static void test_an_ohms_transcript_with_marks_in_its_text_is_timed_by_them(void **state)
{
	subtitles s;
	parse_ok("<ROOT><record><transcript>[00:00:05] GOR: One. [00:01:30] Two, three.\n[1:00:00] Four</transcript></record></ROOT>",
		 "xml", &s);
	assert_int_equal(s.count, 3);
	assert_int_equal(s.cues[0].start_ms, 5000);
	assert_string_equal(s.cues[0].speaker, "GOR");
	assert_string_equal(s.cues[0].text, "One.");
	assert_int_equal(s.cues[1].start_ms, 90000);
	assert_string_equal(s.cues[1].text, "Two, three.");
	assert_int_equal(s.cues[2].start_ms, 3600000);
	subtitles_free(&s);
	parse_refused("<ROOT><record><transcript>[00:05:00] a [00:01:00] b</transcript></record></ROOT>", strlen("<ROOT><record><transcript>[00:05:00] a [00:01:00] b</transcript></record></ROOT>"), "xml",
		      "times must go forward");
	parse_refused("<ROOT><record><transcript>a</transcrip></ROOT>", strlen("<ROOT><record><transcript>a</transcrip></ROOT>"), "xml", "not well-formed XML");
	parse_refused("<ROOT><record><title>x</title></record></ROOT>", strlen("<ROOT><record><title>x</title></record></ROOT>"), "xml", "no <transcript>");
	parse_refused("<html><body>x</body></html>", strlen("<html><body>x</body></html>"), "xml", "not an OHMS file");
}

static void test_an_ohms_index_gives_segments_in_both_languages(void **state)
{
	segments g;
	char err[256] = "";
	if (segments_parse(ohms_sample, strlen(ohms_sample), "xml", &g, err) != 0)
		fail_msg("refused: %s", err);
	assert_int_equal(g.segment_count, 2);
	assert_int_equal(g.count, 3);
	assert_string_equal(g.items[0].lang, "hy");
	assert_string_equal(g.items[0].title, "Leaving home");
	assert_string_equal(g.items[0].synopsis, "The last day in Stepanakert.");
	assert_string_equal(g.items[0].keywords, "exodus;Stepanakert");
	assert_int_equal(g.items[0].end_ms, 75000);
	assert_string_equal(g.items[1].lang, "en");
	assert_int_equal(g.items[1].seq, 0);
	assert_int_equal(g.items[2].start_ms, 75000);
	assert_string_equal(g.items[2].title, "On the road");
	assert_int_equal(segments_fit(&g, 60000, err), -1);
	assert_non_null(strstr(err, "On the road"));
	segments_free(&g);
}

static void test_webvtt_chapters_are_segments(void **state)
{
	segments g;
	char err[256] = "";
	const char *vtt = "WEBVTT\n\n00:00.000 --> 00:10.000\nLeaving home\n\n00:10.000 --> 00:20.000\nOn the road\n";
	if (segments_parse(vtt, strlen(vtt), "vtt", &g, err) != 0)
		fail_msg("refused: %s", err);
	assert_int_equal(g.count, 2);
	assert_string_equal(g.items[1].title, "On the road");
	assert_int_equal(g.items[1].start_ms, 10000);
	assert_int_equal(g.items[0].end_ms, 10000);
	segments_free(&g);
	assert_int_equal(segments_parse("x", 1, "srt", &g, err), -1);
}

static void test_the_archives_markdown_transcript_is_timed_by_its_anchors(void **state)
{
	subtitles s;
	parse_ok("---\ntitle: A talk\nvideoId: x\n---\n\nFrom: [[someone]] <br/>\n\n"
		 "On **September 19**, it began <a class=\"yt-timestamp\" data-t=\"00:00:00\">[00:00:00]</a>. "
		 "The [[page | territory]] surrendered <a class=\"yt-timestamp\" data-t=\"00:00:09\">[00:00:09]</a>.\n\n"
		 "## A heading\n\n> \"A quotation\" <a class=\"yt-timestamp\" data-t=\"00:01:53\">[00:01:53]</a>\n",
		 "md", &s);
	assert_int_equal(s.count, 3);
	assert_string_equal(s.cues[0].text, "On September 19, it began.");
	assert_int_equal(s.cues[0].start_ms, 0);
	assert_int_equal(s.cues[0].end_ms, 9000);
	assert_string_equal(s.cues[1].text, "The territory surrendered.");
	assert_int_equal(s.cues[2].start_ms, 113000);
	assert_string_equal(s.cues[2].text, "\"A quotation\"");
	subtitles_free(&s);
	parse_refused("a <a data-t=\"00:00:09\">x</a> b <a data-t=\"00:00:01\">y</a>\n", strlen("a <a data-t=\"00:00:09\">x</a> b <a data-t=\"00:00:01\">y</a>\n"), "md", "times must go forward");
	parse_refused("# Just a document\n\nNo times.\n", strlen("# Just a document\n\nNo times.\n"), "md", "no timestamp anchors");
}

static void test_the_archives_own_transcript_reads_as_cues(void **state)
{
	size_t len;
	char err[256];
	char *text = files_read("archive/files/ker-lindsay-nagorno-karabakh.md", 1u << 24, &len, err);
	subtitles s;
	assert_non_null(text);
	if (subtitles_parse(text, len, "md", &s, err) != 0)
		fail_msg("refused: %s", err);
	assert_true(s.count > 50);
	assert_string_equal(s.cues[0].text, "On September 19, 2023, Azerbaijan launched a significant new attack on the "
			    "Armenian-inhabited breakaway region of Nagorno-Karabakh.");
	assert_int_equal(s.cues[1].start_ms, 9000);
	subtitles_free(&s);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_webvtt_cues_have_times_speakers_and_plain_text),
		cmocka_unit_test(test_srt_with_crlf_lines_and_commas_is_read),
		cmocka_unit_test(test_the_line_spoken_is_found_at_any_time_even_where_voices_overlap),
		cmocka_unit_test(test_times_that_go_backwards_are_refused_with_the_line),
		cmocka_unit_test(test_malformed_files_are_refused_with_a_reason),
		cmocka_unit_test(test_a_100_mb_cue_is_refused_without_copying_it),
		cmocka_unit_test(test_transcript_times_must_fit_the_recording),
		cmocka_unit_test(test_a_transcript_alone_reads_with_its_times_and_speakers),
		cmocka_unit_test(test_an_ohms_transcript_is_timed_by_its_sync_and_names_its_speakers),
		cmocka_unit_test(test_an_ohms_transcript_with_marks_in_its_text_is_timed_by_them),
		cmocka_unit_test(test_an_ohms_index_gives_segments_in_both_languages),
		cmocka_unit_test(test_webvtt_chapters_are_segments),
		cmocka_unit_test(test_the_archives_markdown_transcript_is_timed_by_its_anchors),
		cmocka_unit_test(test_the_archives_own_transcript_reads_as_cues),
	};
	return cmocka_run_group_tests_name("subtitles", tests, NULL, NULL);
}
