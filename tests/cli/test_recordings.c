/* Recordings end to end: made here with the ffmpeg program (picture and
 * sound, sound alone, a damaged one, one in codecs no Pi plays), with
 * WebVTT and SRT transcripts in English and Armenian, bundled by `hishatak
 * bundle`, signed with the real minisign, imported; then what `list` and
 * `search` say of them. */
#include "helpers.h"

static char out[1 << 18];
static char group[256]; /* the recordings, transcripts and key, made once */

#define sh(...) run_fmt(out, sizeof out, __VA_ARGS__)

#define hishatak(...) run_hishatak(out, sizeof out, __VA_ARGS__)

static const char english_vtt[] =
	"WEBVTT\n\nNOTE for the archivist: second take\n\n"
	"00:00.500 --> 00:02.000\n<v Anahit>We left Stepanakert in September.\n\n"
	"00:02.500 --> 00:05.000\n<v Gor>The road to Goris was full of cars.\n";
static const char armenian_vtt[] =
	"WEBVTT\n\n00:00.500 --> 00:02.000\n<v Անահիտ>Սեպտեմբերին լքեցինք Ստեփանակերտը։\n\n"
	"00:02.500 --> 00:05.000\n<v Գոռ>Գորիսի ճանապարհը լիքն էր մեքենաներով։\n";
/* OHMS: the transcript timed by marks in its text, and its index. */
static const char ohms_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ROOT xmlns=\"https://www.weareavp.com/nunncenter/ohms\"><record>"
	"<language>English</language><language_for_translation>Armenian</language_for_translation>"
	"<transcript>[00:00:01] ANAHIT: We left our orchard in Askeran.\n[00:00:03] The convoy moved at night.</transcript>"
	"<index><point><time>0</time><title>Leaving Askeran</title><title_alt>Ô±Õ½Õ¯Õ¥ÖÕ¡Õ¶Õ«Ö</title_alt>"
	"<synopsis>The last morning in the orchard.</synopsis><keywords>apricots;orchard</keywords></point>"
	"<point><time>3</time><title>The night convoy</title><synopsis>Buses and trucks on the Lachin road.</synopsis></point>"
	"</index></record></ROOT>\n";
static const char russian_md[] =
	"---\ntitle: Свидетельство\n---\n\nМы покинули сад <a class=\"yt-timestamp\" data-t=\"00:00:01\">[00:00:01]</a>. "
	"Колонна шла ночью <a class=\"yt-timestamp\" data-t=\"00:00:03\">[00:00:03]</a>.\n";
static const char sound_srt[] = "1\n00:00:01,000 --> 00:00:03,500\nA bell rings over the valley.\n";

static int group_setup(void **state)
{
	temp_dir(group);
	char path[512];
	int rc = sh("cd %s && minisign -G -W -p k.pub -s k.key >/dev/null && mkdir src && cd src && "
		    "ffmpeg -v error -f lavfi -i testsrc=size=320x240:rate=25 -f lavfi -i sine=frequency=440 -t 6 "
		    "-c:v libx264 -pix_fmt yuv420p -c:a aac video.mp4 && "
		    "ffmpeg -v error -f lavfi -i sine=frequency=300 -t 5 sound.mp3 && "
		    "ffmpeg -v error -f lavfi -i sine=frequency=500 -t 4 -c:a libopus sound.opus && "
		    "head -c 3000 video.mp4 > damaged.mp4 && "
		    "ffmpeg -v error -f lavfi -i testsrc=size=320x240:rate=25 -f lavfi -i sine -t 3 -c:v mpeg4 -c:a mp2 old.mkv",
		    group);
	if (rc != 0)
		return -1;
	snprintf(path, sizeof path, "%s/src/video.en.vtt", group);
	write_text(path, english_vtt);
	snprintf(path, sizeof path, "%s/src/video.hy.vtt", group);
	write_text(path, armenian_vtt);
	snprintf(path, sizeof path, "%s/src/video.ohms.xml", group);
	write_text(path, ohms_xml);
	snprintf(path, sizeof path, "%s/src/video.ru.md", group);
	write_text(path, russian_md);
	snprintf(path, sizeof path, "%s/src/chapters.vtt", group);
	write_text(path, "WEBVTT\n\n00:00.000 --> 00:02.000\nThe bell\n\n00:10.000 --> 00:20.000\nAfter the end\n");
	snprintf(path, sizeof path, "%s/src/sound.srt", group);
	write_text(path, sound_srt);
	snprintf(path, sizeof path, "%s/src/long.vtt", group);
	write_text(path, "WEBVTT\n\n00:00.000 --> 00:01.000\nshort\n\n00:20.000 --> 00:21.000\nafter the end\n");
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
	int rc = hishatak("init --data %s/data --archive test-archive --trust %s/k.pub", test_dir, group);
	if (rc != 0)
		fprintf(stderr, "init: %s\n", out);
	return rc == 0 ? 0 : -1;
}

/* Makes a bundle of src/ with the table rows given, into test_dir/b; the
 * exit status of `hishatak bundle` (its words in out). */
static int bundle(const char *rows)
{
	char path[512], table[4096];
	sh("rm -rf %s/b %s/src && cp -r %s/src %s/src", test_dir, test_dir, group, test_dir);
	snprintf(path, sizeof path, "%s/src/items.csv", test_dir);
	snprintf(table, sizeof table, "id,kind,file,title,language,transcript,transcript_hy\n%s", rows);
	write_text(path, table);
	return hishatak("bundle --archive test-archive --key %s/k.key %s/src %s/b", group, test_dir, test_dir);
}

/* As bundle(), with a header of its own. */
static int bundle_with(const char *header, const char *rows)
{
	char path[512], table[4096];
	sh("rm -rf %s/b %s/src && cp -r %s/src %s/src", test_dir, test_dir, group, test_dir);
	snprintf(path, sizeof path, "%s/src/items.csv", test_dir);
	snprintf(table, sizeof table, "%s\n%s", header, rows);
	write_text(path, table);
	return hishatak("bundle --archive test-archive --key %s/k.key %s/src %s/b", group, test_dir, test_dir);
}

static void test_ohms_and_markdown_transcripts_segments_and_notes_at_times_are_bundled_and_found(void **state)
{
	assert_int_equal(bundle_with("id,kind,file,title,language,transcript,transcript_ru,segments,warnings_at,warnings_at_hy,warnings_at_ru",
				     "testimony-video,testimony,video.mp4,A video testimony,en,video.ohms.xml,video.ru.md,video.ohms.xml,"
				     "\"00:03-00:05 describes the night on the road\",\"00:03-00:05 Õ¶Õ¯Õ¡ÖÕ¡Õ£ÖÕ¸ÖÕ´ Õ§ Õ£Õ«Õ·Õ¥ÖÕ¨\","
				     "\"00:03-00:05 рассказ о ночи в дороге\"\n"), 0);
	assert_int_equal(sh("cat %s/b/test-archive-1/bundle.json", test_dir), 0);
	assert_non_null(strstr(out, "\"segments\": {\"file\": \"files/testimony-video.segments.xml\""));
	assert_non_null(strstr(out, "\"warnings_at\": [\n        {\"start\": 3.000, \"end\": 5.000, \"warning\": \"describes the night on the road\""));
	assert_non_null(strstr(out, "\"ru\": \"рассказ о ночи в дороге\""));
	assert_int_equal(hishatak("import --data %s/data %s/b", test_dir, test_dir), 0);
	/* The OHMS transcript's words at their marks, the Markdown's, and a segment's synopsis. */
	assert_int_equal(hishatak("search --data %s/data --json askeran", test_dir), 0);
	assert_non_null(strstr(out, "\"id\": \"testimony-video\""));
	assert_non_null(strstr(out, "1.000"));
	assert_int_equal(hishatak("search --data %s/data --json колонна", test_dir), 0);
	assert_non_null(strstr(out, "\"times\": [3.000]"));
	assert_int_equal(hishatak("search --data %s/data --json lachin", test_dir), 0);
	assert_non_null(strstr(out, "\"times\": [3.000]"));
	assert_int_equal(hishatak("search --data %s/data --json apricots", test_dir), 0);
	assert_non_null(strstr(out, "\"times\": [0.000]"));
	/* An update of its metadata may change its notes; a document has none. */
	sh("rm -rf %s/src2 && mkdir %s/src2 && printf 'id,title,warnings_at\\ntestimony-video,,\"00:01-00:02 Names the dead.\"\\n'"
	   " > %s/src2/items.csv", test_dir, test_dir, test_dir);
	if (hishatak("bundle --archive test-archive --key %s/k.key %s/src2 %s/b", group, test_dir, test_dir) != 0)
		fail_msg("%s", out);
	assert_int_equal(hishatak("import --data %s/data %s/b", test_dir, test_dir), 0);
	assert_non_null(strstr(out, "1 changed"));
}

static void test_segments_and_notes_that_do_not_fit_are_refused_with_their_cell(void **state)
{
	assert_int_equal(bundle_with("id,kind,file,title,segments,warnings_at",
				     "bell,other,sound.opus,A bell,chapters.vtt,\"00:01-00:02 a loud bell; 2:00 no end\"\n"), 1);
	assert_non_null(strstr(out, "\"chapters.vtt\": segments chapters.vtt: the segment \"After the end\" starts at 0:10, after the recording's end (0:04)"));
	assert_non_null(strstr(out, "like 04:10-05:00 describes a killing"));
	assert_int_equal(bundle_with("id,kind,file,title,warnings_at_hy", "bell,other,sound.opus,A bell,\"00:01-00:02 Õ¦Õ¡Õ¶Õ£\"\n"), 1);
	assert_non_null(strstr(out, "has no original in warnings_at"));
}

static void test_recordings_with_transcripts_import_with_their_length(void **state)
{
	assert_int_equal(bundle("testimony-video,testimony,video.mp4,A video testimony,en,video.en.vtt,video.hy.vtt\n"
				"testimony-sound,testimony,sound.mp3,A testimony in sound,en,sound.srt,\n"
				"bell,other,sound.opus,A bell,en,,\n"), 0);
	assert_int_equal(sh("grep -c '\"transcripts\"' %s/b/test-archive-1/bundle.json", test_dir), 0);
	assert_int_equal(atoi(out), 2);
	assert_int_equal(hishatak("import --data %s/data %s/b", test_dir, test_dir), 0);
	assert_non_null(strstr(out, "3 added"));
	assert_int_equal(hishatak("list --data %s/data --json", test_dir), 0);
	char *video = strstr(out, "\"id\": \"testimony-video\""), *sound = strstr(out, "\"id\": \"testimony-sound\"");
	assert_non_null(video);
	assert_non_null(sound);
	double v = atof(strstr(video, "\"duration\": ") + 12), s = atof(strstr(sound, "\"duration\": ") + 12);
	assert_true(fabs(v - 6.0) < 0.2);
	assert_true(fabs(s - 5.0) < 0.2);
	assert_non_null(strstr(strstr(out, "\"id\": \"bell\""), "\"duration\": 4."));
	/* The transcripts and posters are stored and verified like documents. */
	assert_int_equal(hishatak("verify --data %s/data", test_dir), 0);
}

static void test_search_finds_the_moment_in_either_language(void **state)
{
	assert_int_equal(bundle("testimony-video,testimony,video.mp4,A video testimony,en,video.en.vtt,video.hy.vtt\n"
				"testimony-sound,testimony,sound.mp3,A testimony in sound,en,sound.srt,\n"), 0);
	assert_int_equal(hishatak("import --data %s/data %s/b", test_dir, test_dir), 0);
	assert_int_equal(hishatak("search --data %s/data --json goris", test_dir), 0);
	assert_non_null(strstr(out, "\"id\": \"testimony-video\""));
	assert_non_null(strstr(out, "\"times\": [2.500]"));
	assert_int_equal(hishatak("search --data %s/data --json Ստեփանակերտը", test_dir), 0);
	assert_non_null(strstr(out, "\"times\": [0.500]"));
	/* Speakers are found too, at each of their lines. */
	assert_int_equal(hishatak("search --data %s/data --json anahit", test_dir), 0);
	assert_non_null(strstr(out, "\"times\": [0.500]"));
	assert_int_equal(hishatak("search --data %s/data --json valley", test_dir), 0);
	assert_non_null(strstr(out, "\"id\": \"testimony-sound\""));
	assert_non_null(strstr(out, "\"times\": [1.000]"));
}

static void test_a_damaged_recording_is_refused_by_the_bundle_tool_and_by_import(void **state)
{
	assert_int_equal(bundle("broken,testimony,damaged.mp4,Damaged,en,,\n"), 1);
	if (!strstr(out, "damaged.mp4\": cannot be played on the kiosk"))
		fail_msg("%s", out);
	/* A bundle written by another tool: the kiosk's worker refuses it. */
	char path[512];
	sh("mkdir -p %s/stick/files && cp %s/src/damaged.mp4 %s/stick/files/ && sha256sum %s/stick/files/damaged.mp4", test_dir,
	   group, test_dir, test_dir);
	char sha[65];
	snprintf(sha, sizeof sha, "%.64s", out);
	snprintf(path, sizeof path, "%s/stick/bundle.json", test_dir);
	char json[1024];
	snprintf(json, sizeof json, "{\"format\": \"hishatak-bundle/1\", \"archive\": \"test-archive\", \"sequence\": 1, "
		 "\"created\": \"2026-11-20T09:30:00Z\", \"items\": [{\"id\": \"broken\", \"kind\": \"testimony\", \"title\": \"B\", "
		 "\"file\": \"files/damaged.mp4\", \"size\": 3000, \"sha256\": \"%s\"}]}", sha);
	write_text(path, json);
	assert_int_equal(sh("minisign -S -s %s/k.key -m %s >/dev/null 2>&1", group, path), 0);
	assert_int_equal(hishatak("import --data %s/data %s/stick", test_dir, test_dir), 1);
	assert_non_null(strstr(out, "refused: item broken: file files/damaged.mp4: cannot be played on the kiosk"));
	assert_non_null(strstr(out, "ffmpeg -i damaged.mp4"));
	assert_int_equal(hishatak("list --data %s/data --json", test_dir), 0);
	assert_string_equal(out, "[]\n");
}

static void test_codecs_no_pi_plays_are_refused_with_the_command_that_converts(void **state)
{
	assert_int_equal(bundle("old,testimony,old.mkv,Old,en,,\n"), 1);
	if (!strstr(out, "old.mkv\": cannot be played on the kiosk: its sound is mp2"))
		fail_msg("%s", out);
	assert_non_null(strstr(out, "ffmpeg -i old.mkv -c:v libx264"));
	assert_non_null(strstr(out, "-c:a aac old-h264.mp4"));
}

static void test_a_transcript_longer_than_its_recording_is_refused(void **state)
{
	assert_int_equal(bundle("testimony-sound,testimony,sound.mp3,Sound,en,long.vtt,\n"), 1);
	if (!strstr(out, "long.vtt\": transcript long.vtt: the cue at 0:20 ends at 0:21, after the recording's end (0:05)"))
		fail_msg("%s", out);
	assert_int_equal(bundle("doc,report,video.en.vtt,A transcript alone,en,sound.srt,\n"), 1);
	assert_non_null(strstr(out, "a transcript column is for a recording"));
}

static void test_a_transcript_alone_is_a_readable_item(void **state)
{
	assert_int_equal(bundle("words,transcript,video.hy.vtt,Words alone,hy,,\n"), 0);
	assert_int_equal(hishatak("import --data %s/data %s/b", test_dir, test_dir), 0);
	assert_int_equal(hishatak("list --data %s/data --json", test_dir), 0);
	assert_non_null(strstr(out, "\"format\": \"xhtml\""));
	assert_null(strstr(out, "\"duration\""));
	assert_int_equal(hishatak("search --data %s/data --json Գորիսի", test_dir), 0);
	assert_non_null(strstr(out, "\"id\": \"words\""));
	assert_null(strstr(out, "\"times\""));
}

static void test_a_withdrawn_recording_takes_its_poster_and_transcripts_with_it(void **state)
{
	assert_int_equal(bundle("testimony-video,testimony,video.mp4,A video testimony,en,video.en.vtt,video.hy.vtt\n"
				"testimony-sound,testimony,sound.mp3,A testimony in sound,en,sound.srt,\n"), 0);
	assert_int_equal(hishatak("import --data %s/data %s/b", test_dir, test_dir), 0);
	assert_int_equal(sh("find %s/data/store -type f | wc -l", test_dir), 0);
	assert_int_equal(atoi(out), 7); /* two recordings, two posters, three transcripts */
	char path[512];
	sh("rm -rf %s/src && mkdir %s/src", test_dir, test_dir);
	snprintf(path, sizeof path, "%s/src/items.csv", test_dir);
	write_text(path, "id,withdraw,reason\ntestimony-video,yes,at the witness's request\n");
	assert_int_equal(hishatak("bundle --archive test-archive --key %s/k.key %s/src %s/b", group, test_dir, test_dir), 0);
	assert_int_equal(hishatak("import --data %s/data %s/b", test_dir, test_dir), 0);
	assert_non_null(strstr(out, "1 withdrawn"));
	assert_int_equal(sh("find %s/data/store -type f | wc -l", test_dir), 0);
	assert_int_equal(atoi(out), 3);
	assert_int_equal(hishatak("verify --data %s/data", test_dir), 0);
	assert_int_equal(hishatak("search --data %s/data --json goris", test_dir), 0);
	assert_string_equal(out, "[]\n");
	assert_int_equal(hishatak("search --data %s/data --json valley", test_dir), 0);
	assert_non_null(strstr(out, "\"times\": [1.000]"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_recordings_with_transcripts_import_with_their_length, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_search_finds_the_moment_in_either_language, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_ohms_and_markdown_transcripts_segments_and_notes_at_times_are_bundled_and_found,
						setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_segments_and_notes_that_do_not_fit_are_refused_with_their_cell, setup,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_damaged_recording_is_refused_by_the_bundle_tool_and_by_import, setup,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_codecs_no_pi_plays_are_refused_with_the_command_that_converts, setup,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_transcript_longer_than_its_recording_is_refused, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_transcript_alone_is_a_readable_item, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_withdrawn_recording_takes_its_poster_and_transcripts_with_it, setup,
						teardown_test_dir),
	};
	return cmocka_run_group_tests_name("recordings", tests, group_setup, group_teardown);
}
