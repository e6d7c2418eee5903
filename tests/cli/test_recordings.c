/* Recordings end to end: made here with the ffmpeg program (picture and
 * sound, sound alone, a damaged one, one in codecs no Pi plays), with
 * WebVTT and SRT transcripts in English and Armenian, bundled by `hishatak
 * bundle`, signed with the real minisign, imported; then what `list` and
 * `search` say of them. */
#include "helpers.h"

static char out[1 << 18];
static char group[256]; /* the recordings, transcripts and key, made once */

#define sh(...) run_fmt(out, sizeof out, __VA_ARGS__)

static int hishatak(const char *fmt, ...)
{
	char args[3000], cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(args, sizeof args, fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof cmd, HISHATAK " %s 2>&1", args);
	return run(cmd, out, sizeof out);
}

static const char english_vtt[] =
	"WEBVTT\n\nNOTE for the archivist: second take\n\n"
	"00:00.500 --> 00:02.000\n<v Anahit>We left Stepanakert in September.\n\n"
	"00:02.500 --> 00:05.000\n<v Gor>The road to Goris was full of cars.\n";
static const char armenian_vtt[] =
	"WEBVTT\n\n00:00.500 --> 00:02.000\n<v Անահիտ>Սեպտեմբերին լքեցինք Ստեփանակերտը։\n\n"
	"00:02.500 --> 00:05.000\n<v Գոռ>Գորիսի ճանապարհը լիքն էր մեքենաներով։\n";
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
	return hishatak("init --data %s/data --archive test-archive --trust %s/k.pub", test_dir, group) == 0 ? 0 : -1;
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
	assert_non_null(strstr(out, "\"damaged.mp4\": cannot be played on the kiosk"));
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
	assert_non_null(strstr(out, "\"old.mkv\": cannot be played on the kiosk: its sound is mp2"));
	assert_non_null(strstr(out, "ffmpeg -i old.mkv -c:v libx264"));
	assert_non_null(strstr(out, "-c:a aac old-h264.mp4"));
}

static void test_a_transcript_longer_than_its_recording_is_refused(void **state)
{
	assert_int_equal(bundle("testimony-sound,testimony,sound.mp3,Sound,en,long.vtt,\n"), 1);
	assert_non_null(strstr(out, "\"long.vtt\": transcript long.vtt: the cue at 0:20 ends at 0:21, after the recording's end (0:05)"));
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
