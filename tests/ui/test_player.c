/* The player, run headless with scripts: recordings made here with the
 * ffmpeg program (picture and sound, sound alone) and WebVTT transcripts in
 * English and Armenian, bundled with `hishatak bundle`, signed with the
 * real minisign and imported; then the kiosk taps its lines, its buttons
 * and the language buttons, and what it shows and plays is checked. */
#include "pixels.h"
#include "core/files.h"

#include <limits.h>
#include <math.h>

static char out[65536];
static char group[256];  /* recordings, key and the imported archive, made once */
static char data[300];

#define sh(...) run_fmt(out, sizeof out, __VA_ARGS__)

static const char english_vtt[] =
	"WEBVTT\n\n"
	"00:00.500 --> 00:02.000\n<v Anahit>We left Stepanakert in September.\n\n"
	"00:02.500 --> 00:05.000\n<v Gor>The road to Goris was full of cars.\n\n"
	"00:06.000 --> 00:09.000\n<v Anahit>We have not been back since.\n";
static const char armenian_vtt[] =
	"WEBVTT\n\n"
	"00:00.500 --> 00:02.000\n<v Անահիտ>Սեպտեմբերին լքեցինք Ստեփանակերտը։\n\n"
	"00:02.500 --> 00:05.000\n<v Գոռ>Գորիսի ճանապարհը լիքն էր մեքենաներով։\n\n"
	"00:06.000 --> 00:09.000\n<v Անահիտ>Այդ օրվանից չենք վերադարձել։\n";

/* A second testimony's OHMS file, its transcript (timed by marks in its
 * text) and its index: chapters in English with Armenian titles (OHMS's
 * title_alt); its table gives it a content note at 0:04 to 0:06. */
static const char noted_index[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ROOT xmlns=\"https://www.weareavp.com/nunncenter/ohms\"><record>"
	"<language>English</language><language_for_translation>Armenian</language_for_translation>"
	"<transcript>[00:00:00.500] NUNE: We left our village at dawn.\n[00:00:02.500] NUNE: The buses stood in a line for hours.\n"
	"[00:00:06.000] NUNE: Nobody spoke on the way.</transcript><index>"
	"<point><time>0</time><title>Leaving home</title><title_alt>Տնից հեռանալը</title_alt>"
	"<synopsis>The last morning in Stepanakert.</synopsis><synopsis_alt>Վերջին առավոտը Ստեփանակերտում։</synopsis_alt></point>"
	"<point><time>2</time><title>On the road</title><title_alt>Ճանապարհին</title_alt>"
	"<synopsis>The long road south.</synopsis><synopsis_alt>Երկար ճանապարհը դեպի հարավ։</synopsis_alt></point>"
	"<point><time>6</time><title>Never back</title><title_alt>Առանց վերադարձի</title_alt></point>"
	"</index></record></ROOT>\n";

static int group_setup(void **state)
{
	temp_dir(group);
	char path[512];
	if (sh("cd %s && minisign -G -W -p k.pub -s k.key >/dev/null && mkdir src && cd src && "
	       "ffmpeg -v error -f lavfi -i testsrc=size=320x240:rate=25 -f lavfi -i sine=frequency=440 -t 10 "
	       "-c:v libx264 -pix_fmt yuv420p -c:a aac video.mp4 && "
	       "ffmpeg -v error -f lavfi -i sine=frequency=300 -t 8 sound.mp3 && "
	       "ffmpeg -v error -f lavfi -i testsrc2=size=320x240:rate=25 -f lavfi -i sine=frequency=550 -t 10 "
	       "-c:v libx264 -pix_fmt yuv420p -c:a aac noted.mp4", group) != 0)
		return -1;
	snprintf(path, sizeof path, "%s/src/video.en.vtt", group);
	write_text(path, english_vtt);
	snprintf(path, sizeof path, "%s/src/video.hy.vtt", group);
	write_text(path, armenian_vtt);
	snprintf(path, sizeof path, "%s/src/noted.vtt", group);
	write_text(path, "WEBVTT\n\n00:00.500 --> 00:02.000\n<v Nune>We left our village at dawn.\n\n"
			 "00:02.500 --> 00:05.000\n<v Nune>The buses stood in a line for hours.\n\n"
			 "00:06.000 --> 00:09.000\n<v Nune>Nobody spoke on the way.\n");
	snprintf(path, sizeof path, "%s/src/noted.xml", group);
	write_text(path, noted_index);
	snprintf(path, sizeof path, "%s/src/items.csv", group);
	write_text(path, "id,kind,file,title,title_hy,language,transcript,transcript_hy,segments,warnings_at,warnings_at_hy,warnings_at_ru\n"
			 "testimony-video,testimony,video.mp4,Leaving Stepanakert,Ստեփանակերտից,en,video.en.vtt,video.hy.vtt,,,,\n"
			 "bell,other,sound.mp3,A bell without words,,en,,,,,,\n"
			 "testimony-noted,testimony,noted.mp4,The road out,Ճանապարհը,en,noted.xml,,noted.xml,"
			 "\"00:04-00:06 Describes the shelling of a village.\",\"00:04-00:06 Պատմում է գյուղի հրետակոծության մասին։\","
			 "\"00:04-00:06 Рассказ об обстреле деревни.\"\n");
	snprintf(data, sizeof data, "%s/data", group);
	char program[4096];
	if (!realpath(HISHATAK, program))
		return -1;
	return sh("cd %s && %s bundle --archive test --key k.key src b >/dev/null && %s init --data data --archive test "
		  "--trust k.pub >/dev/null && %s import --data data b", group, program, program, program);
}

static int group_teardown(void **state)
{
	remove_dir(group);
	return 0;
}

/* Runs a script on the recordings' archive (with lang and size), with
 * SDL's disk audio driver when raw is given: what it played goes there. */
static int kiosk(const char *size, const char *lang, const char *script, const char *raw)
{
	char path[512], cmd[2048], audio[600] = "";
	snprintf(path, sizeof path, "%s/script.txt", test_dir);
	write_text(path, script);
	if (raw)
		snprintf(audio, sizeof audio, "SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=%s ", raw);
	snprintf(cmd, sizeof cmd, "%sHISHATAK_CHECK_LAYOUT=1 " HISHATAK " kiosk --data %s --size %s --lang %s --script %s --shots %s/shots 2>&1",
		 audio, data, size, lang, path, test_dir);
	return run(cmd, out, sizeof out);
}

static void must_run(const char *size, const char *lang, const char *script, const char *raw)
{
	int rc = kiosk(size, lang, script, raw);
	if (rc != 0)
		fail_msg("kiosk %s %s: exit %d: %s", size, lang, rc, out);
}

static SDL_Surface *shot(const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/shots/%s.png", test_dir, name);
	return png_load(path);
}

static int marked(const Uint8 *p) /* the band of the line being spoken */
{
	return p[0] == 255 && p[1] == 240 && p[2] == 190;
}

/* The middle row of the band of the line marked, or -1. */
static int marked_row(SDL_Surface *s)
{
	int first = -1, last = -1;
	for (int y = 0; y < s->h; y++) {
		int n = 0;
		for (int x = 0; x < s->w; x++)
			n += marked((Uint8 *)s->pixels + y * s->pitch + x * 3);
		if (n > s->w / 4) {
			if (first < 0)
				first = y;
			last = y;
		}
	}
	return first < 0 ? -1 : (first + last) / 2;
}

/* The share of pixels that differ in a rectangle of two same-size shots. */
static double difference_in(SDL_Surface *a, SDL_Surface *b, int x0, int y0, int x1, int y1)
{
	long differ = 0;
	for (int y = y0; y < y1; y++)
		differ += memcmp((Uint8 *)a->pixels + y * a->pitch + x0 * 3, (Uint8 *)b->pixels + y * b->pitch + x0 * 3,
				 (size_t)(x1 - x0) * 3) != 0 ? 1 : 0;
	return (double)differ / (y1 - y0);
}

static void test_a_recording_opens_in_the_player_and_a_tap_on_a_line_plays_from_there(void **state)
{
	must_run("800x480", "en",
		 "open testimony-video\nexpect player\nwait 1000\nshot first\n"
		 "tap \"The road to Goris was full of cars.\"\nwait 500\nexpect player\nshot middle\n"
		 "tap \"We left Stepanakert in September.\"\nwait 500\nshot again\n", NULL);
	SDL_Surface *first = shot("first"), *middle = shot("middle"), *again = shot("again");
	int a = marked_row(first), b = marked_row(middle);
	assert_true(a > 0);
	assert_true(a < b); /* the line tapped is the one marked */
	assert_int_equal(marked_row(again), a);
	assert_true(png_difference(first, middle) > 0.01);
	SDL_FreeSurface(again);
	SDL_FreeSurface(first);
	SDL_FreeSurface(middle);
}

static void test_a_search_result_opens_the_player_at_its_moment(void **state)
{
	must_run("800x480", "en",
		 "open testimony-video\nexpect player\ntap \"The road to Goris was full of cars.\"\nwait 300\nshot tapped\n"
		 "back\nexpect home\ntap \"Search\"\nexpect search\ntype goris\nwait 800\ntap \"Hide\"\nwait 300\n"
		 "tap \"Leaving Stepanakert\"\nexpect player\nwait 300\nshot found\n", NULL);
	SDL_Surface *tapped = shot("tapped"), *found = shot("found");
	assert_true(marked_row(found) > 0);
	assert_int_equal(marked_row(found), marked_row(tapped));
	assert_true(png_difference(tapped, found) < 0.01); /* the same moment, the same screen */
	SDL_FreeSurface(tapped);
	SDL_FreeSurface(found);
}

static void test_the_transcript_follows_the_language_button(void **state)
{
	must_run("800x480", "en", "open testimony-video\nwait 1000\nshot english\ntap \"Հայերեն\"\nshot armenian\n", NULL);
	SDL_Surface *english = shot("english"), *armenian = shot("armenian");
	must_run("800x480", "hy", "open testimony-video\nwait 1000\nshot started-in-armenian\n", NULL);
	SDL_Surface *hy = shot("started-in-armenian");
	assert_true(png_difference(english, armenian) > 0.03);
	assert_true(difference_in(armenian, hy, 336, 80, 780, 330) < 0.01); /* the transcript: the same */
	assert_true(marked_row(english) > 0); /* the same line, wrapped as its words need */
	assert_true(marked_row(armenian) > 0);
	SDL_FreeSurface(english);
	SDL_FreeSurface(armenian);
	SDL_FreeSurface(hy);
}

static void test_idle_waits_while_a_recording_plays_and_not_when_paused(void **state)
{
	/* Admin's idle time-out is 3 minutes: longer than the recording, so
	 * the sound alone is played through, then the time-out comes. */
	must_run("800x480", "en",
		 "open testimony-video\nexpect player\nidle 5\nexpect player\ntap \"Pause\"\nidle 200\nexpect home\n", NULL);
	must_run("800x480", "en", "open bell\nexpect player\nwait 500\nshot bell\n", NULL);
	SDL_Surface *bell = shot("bell");
	assert_true(png_colours(bell) > 20);
	assert_int_equal(marked_row(bell), -1); /* no transcript: no line to mark */
	SDL_FreeSurface(bell);
}

/* The loudest tenth of a second of what the disk driver wrote (22050 Hz
 * mono), in its last tail bytes (0: all). */
static double loudest(const char *raw, size_t tail)
{
	char err[256];
	size_t size;
	unsigned char *samples = (unsigned char *)files_read(raw, 1 << 26, &size, err);
	assert_non_null(samples);
	double best = 0, rms, peak;
	for (size_t at = tail && size > tail ? size - tail : 0; at + 4410 <= size; at += 4410) {
		pcm_levels(samples + at, 4410, &rms, &peak);
		best = rms > best ? rms : best;
	}
	free(samples);
	return best;
}

static void test_the_player_is_heard_while_playing_and_silent_when_paused(void **state)
{
	char raw[512];
	snprintf(raw, sizeof raw, "%s/audio.raw", test_dir);
	/* Real time passes for the disk driver while the script takes shots. */
	char script[8192] = "open testimony-video\nexpect player\nwait 1500\n";
	for (int i = 0; i < 150; i++) /* some real time for the worker to start and the driver to write, on a fast machine too */
		strcat(script, "shot a\n");
	must_run("800x480", "en", script, raw);
	assert_true(loudest(raw, 0) > 0.05); /* the recording's tone */
	/* Sound first (real time for the worker, as above), then Pause, then silence. */
	snprintf(script, sizeof script, "open testimony-video\nexpect player\nwait 1500\n");
	for (int i = 0; i < 150; i++)
		strcat(script, "shot a\n");
	strcat(script, "tap \"Pause\"\nwait 1500\n");
	for (int i = 0; i < 150; i++)
		strcat(script, "shot a\n");
	must_run("800x480", "en", script, raw);
	assert_true(loudest(raw, 0) > 0.05); /* a moment of sound before the tap */
	assert_true(loudest(raw, 22050) < 0.01); /* then, paused: silence */
}

/* Where a tone of freq Hz is heard in what the disk driver wrote (22050
 * Hz mono), by tenths of a second: a tenth holds the tone when most of its
 * energy is at that frequency (Goertzel's one bin; a spoken note has its
 * energy spread). The count of such tenths, the last one's index, and the
 * count of tenths written. */
static int tone_tenths(const char *raw, double freq, int *last, int *tenths)
{
	char err[256];
	size_t size;
	unsigned char *bytes = (unsigned char *)files_read(raw, 1 << 26, &size, err);
	assert_non_null(bytes);
	const int n = 2205;
	double k = 2 * cos(2 * M_PI * freq / 22050);
	int heard = 0;
	*last = -1;
	*tenths = (int)(size / 2 / (size_t)n);
	for (int t = 0; t < *tenths; t++) {
		double s1 = 0, s2 = 0, energy = 0;
		for (int i = 0; i < n; i++) {
			size_t at = 2 * ((size_t)t * (size_t)n + (size_t)i);
			double v = (double)(int16_t)(bytes[at] | bytes[at + 1] << 8) / 32768.0, s0 = v + k * s1 - s2;
			s2 = s1;
			s1 = s0;
			energy += v * v;
		}
		double bin = s1 * s1 + s2 * s2 - k * s1 * s2;
		if (energy > 1e-4 * n && 2 * bin / (n * energy) > 0.5) {
			heard++;
			*last = t;
		}
	}
	free(bytes);
	return heard;
}

/* Heard, not just shown: the recording's own 550 Hz tone comes out of the
 * sound device (SDL's disk driver) while it plays, and stops where the
 * content note at 0:04 pauses it; only the note's spoken words, then
 * silence, follow, though six seconds of tone remain in the file. */
static void test_a_content_note_is_heard_to_stop_the_recording(void **state)
{
	char raw[512];
	snprintf(raw, sizeof raw, "%s/audio.raw", test_dir);
	char script[16384] = "open testimony-noted\nexpect player\nwait 1500\n";
	for (int i = 0; i < 150; i++) /* real time, for the driver to write */
		strcat(script, "shot a\n");
	strcat(script, "wait 3000\nshot noted\n");
	for (int i = 0; i < 250; i++)
		strcat(script, "shot a\n");
	must_run("800x480", "en", script, raw);
	int last, tenths, heard = tone_tenths(raw, 550, &last, &tenths);
	print_message("tone heard in %d tenths, the last at %.1f s of %.1f s written\n", heard, last / 10.0, tenths / 10.0);
	assert_true(heard >= 5);           /* the recording, heard */
	assert_true(tenths - last >= 15);  /* then at least 1.5 s without it: paused by the note */
	SDL_Surface *noted = shot("noted");
	assert_non_null(noted);
	SDL_FreeSurface(noted);
	/* The tone is the recording's: the bell (300 Hz) has no 550 Hz in it. */
	must_run("800x480", "en", "open bell\nexpect player\nwait 1500\nshot a\nshot a\nshot a\nshot a\nshot a\n", raw);
	assert_int_equal(tone_tenths(raw, 550, &last, &tenths), 0);
}

static void test_a_video_moves_with_its_sound_and_a_tap_on_a_line_brings_its_picture(void **state)
{
	must_run("800x480", "en",
		 "open testimony-video\nexpect player\nwait 1000\nshot one\nwait 3000\nshot four\n"
		 "tap \"We left Stepanakert in September.\"\nwait 500\nshot back-to-one\n", NULL);
	SDL_Surface *one = shot("one"), *four = shot("four"), *again = shot("back-to-one");
	/* The picture (the left column, under the title): testsrc's counter moves. */
	assert_true(difference_in(one, four, 10, 120, 320, 260) > 0.05);
	assert_true(difference_in(four, again, 10, 120, 320, 260) > 0.05);
	assert_true(difference_in(one, again, 10, 120, 320, 260) < 0.5);
	SDL_FreeSurface(one);
	SDL_FreeSurface(four);
	SDL_FreeSurface(again);
}

static void test_the_player_fits_small_and_tall_screens_in_both_languages(void **state)
{
	static const char *sizes[] = {"800x480", "1080x1920"}, *langs[] = {"en", "hy"};
	for (int s = 0; s < 2; s++)
		for (int l = 0; l < 2; l++) {
			must_run(sizes[s], langs[l], "open testimony-video\nexpect player\nwait 2800\nshot p\n", NULL);
			SDL_Surface *p = shot("p");
			assert_true(marked_row(p) > 0);
			assert_true(png_colours(p) > 20);
			SDL_FreeSurface(p);
		}
}

static void test_a_chapter_tapped_in_the_list_plays_from_its_start(void **state)
{
	must_run("800x480", "en",
		 "open testimony-noted\nexpect player\nwait 300\nshot start\ntap \"Chapters\"\nwait 300\nshot chapters-en-800\n"
		 "tap \"On the road\"\nwait 300\nexpect player\nshot road\n", NULL);
	SDL_Surface *start = shot("start"), *road = shot("road");
	assert_true(marked_row(start) < marked_row(road)); /* 0:02 is the second line's time */
	SDL_FreeSurface(start);
	SDL_FreeSurface(road);
	/* In Armenian the chapters are the index's Armenian titles. */
	must_run("1080x1920", "hy",
		 "open testimony-noted\nexpect player\ntap \"Բաժիններ\"\nwait 300\nshot chapters-hy-1080\n"
		 "tap \"Ճանապարհին\"\nwait 300\nexpect player\n", NULL);
	must_run("800x480", "ru", "open testimony-noted\nexpect player\ntap \"Разделы\"\nwait 300\nshot chapters-ru-800\n"
		 "tap \"Never back\"\nwait 300\nexpect player\n", NULL);
}

static void test_a_content_note_pauses_before_its_passage_and_skip_goes_past_it(void **state)
{
	must_run("800x480", "en",
		 "open testimony-noted\nexpect player\nwait 2000\nshot before\nwait 2000\nexpect player\nshot note-en-800\n"
		 "wait 1500\nshot note-later\ntap \"Skip it\"\nwait 300\nexpect player\nshot skipped\n", NULL);
	SDL_Surface *before = shot("before"), *noted = shot("note-en-800"), *later = shot("note-later"), *skipped = shot("skipped");
	assert_true(png_difference(before, noted) > 0.05);   /* the card is up */
	assert_true(png_difference(noted, later) < 0.001);   /* and the player waits */
	assert_true(marked_row(skipped) > marked_row(before)); /* past the passage, at 0:06 */
	SDL_FreeSurface(before);
	SDL_FreeSurface(noted);
	SDL_FreeSurface(later);
	SDL_FreeSurface(skipped);
	/* Said in the visitor's language; Play it plays the passage. */
	must_run("800x480", "hy",
		 "open testimony-noted\nexpect player\nwait 4000\nshot note-hy-800\ntap \"Լսել այն\"\nwait 500\nexpect player\n", NULL);
	must_run("1080x1920", "ru",
		 "open testimony-noted\nexpect player\nwait 4000\nshot note-ru-1080\ntap \"Пропустить\"\nwait 300\n", NULL);
	must_run("1080x1920", "en", "open testimony-noted\nexpect player\nwait 4000\nshot note-en-1080\ntap \"Play it\"\n", NULL);
	/* Once answered, the passage plays on: no card to tap. */
	assert_int_equal(kiosk("800x480", "en", "open testimony-noted\nwait 4000\ntap \"Play it\"\nwait 500\ntap \"Play it\"\n", NULL), 1);
}

static void test_captions_over_a_video_show_the_line_spoken_and_switch_off(void **state)
{
	must_run("800x480", "en",
		 "open testimony-video\nexpect player\nwait 1000\nshot captions-en-800\ntap \"Captions: on\"\nwait 100\n"
		 "shot captions-off\ntap \"Captions: off\"\nwait 100\nshot captions-again\n", NULL);
	SDL_Surface *on = shot("captions-en-800"), *off = shot("captions-off"), *again = shot("captions-again");
	/* The band over the picture's bottom (the left two fifths of the screen) goes and comes back. */
	assert_true(difference_in(on, off, 14, 100, 300, 330) > 0.05);
	assert_true(difference_in(off, again, 14, 100, 300, 330) > 0.05);
	SDL_FreeSurface(on);
	SDL_FreeSurface(off);
	SDL_FreeSurface(again);
	/* In Armenian, the Armenian transcript's line, and the switch in Armenian. */
	must_run("1080x1920", "hy", "open testimony-video\nexpect player\nwait 1000\nshot captions-hy-1080\n"
		 "tap \"Ենթագրեր՝ միացված\"\nwait 100\n", NULL);
	must_run("800x480", "hy", "open testimony-video\nexpect player\nwait 1000\nshot captions-hy-800\n"
		 "tap \"Ենթագրեր՝ միացված\"\nwait 100\ntap \"Ենթագրեր՝ անջատված\"\n", NULL);
	must_run("800x480", "ru", "open testimony-video\nexpect player\nwait 1000\ntap \"Субтитры: вкл.\"\n", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_recording_opens_in_the_player_and_a_tap_on_a_line_plays_from_there,
						setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_search_result_opens_the_player_at_its_moment, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_transcript_follows_the_language_button, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_idle_waits_while_a_recording_plays_and_not_when_paused, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_player_is_heard_while_playing_and_silent_when_paused, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_content_note_is_heard_to_stop_the_recording, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_video_moves_with_its_sound_and_a_tap_on_a_line_brings_its_picture,
						setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_chapter_tapped_in_the_list_plays_from_its_start, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_content_note_pauses_before_its_passage_and_skip_goes_past_it, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_captions_over_a_video_show_the_line_spoken_and_switch_off, setup_test_dir,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_player_fits_small_and_tall_screens_in_both_languages, setup_test_dir,
						teardown_test_dir),
	};
	return cmocka_run_group_tests_name("player", tests, group_setup, group_teardown);
}
