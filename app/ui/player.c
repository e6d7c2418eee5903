/* The player: a recording (a testimony in sound, or picture and sound)
 * with its transcript, which follows the voice. Large Play/Pause and Back
 * 10 s, a scrub bar a finger can hold, the line being spoken marked by a
 * bar, bold type and a band (not by colour alone), a tap on a line plays
 * from there; the visitor's language's transcript when there is one.
 * Sound and pictures come from a worker process (playback.c); idle waits
 * while it plays. Until a video's first picture comes, its poster.
 * Its segments are chapters: marks on the scrub bar and a list to jump
 * to; a content note at a time pauses it just before the passage, says
 * the note and offers to play or skip the passage. */
#include "ui/ui.h"
#include "ui/nav.h"
#include "ui/panel.h"
#include "ui/playback.h"
#include "ui/strings.h"
#include "core/catalog_recordings.h"
#include "core/files.h"
#include "core/subtitles.h"

#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TRACKS 8

struct player_state {
	int item;
	playback *pb;
	catalog_recording rec;
	subtitles tracks[MAX_TRACKS];
	int track_count;
	SDL_Texture *poster;
	SDL_Texture *picture;     /* the video's picture now (YUV), once one has come */
	ui_scroller scroll;
	int follow;               /* the transcript scrolls with the voice */
	int spoken;               /* the cue last marked */
	int scrubbing;            /* a finger holds the scrub bar */
	long long scrub_ms;
	/* Where each cue of the shown track begins, for this width and text size. */
	int *cue_top, cue_count, laid_track, laid_w, laid_size, content_h;
	segments chapters;        /* the recording's segments, each in its languages */
	catalog_note *notes;      /* its content notes, each in its languages */
	int note_count;
	unsigned char *answered;  /* by note seq: the visitor chose to play or skip it */
	int note_seqs;
	int note_shown;           /* the note seq whose card is up, or -1 */
	int chapters_open;
	ui_scroller chapters_scroll;
	int captions_off;         /* the visitor turned the captions over a video off */
};

/* --- layout --- */

typedef struct {
	SDL_Rect picture, transcript, scrub, play, back10, follow, chapters;
	int bar_top;
} player_layout;

static player_layout layout(const kiosk *k)
{
	player_layout l;
	int top = ui_header_height(k), pad = ui_px(k, 14);
	int bar_h = SDL_max(ui_px(k, 84), ui_target_px(k) + 2 * pad), scrub_h = SDL_max(ui_px(k, 52), ui_target_px(k));
	l.bar_top = k->h - bar_h;
	l.scrub = (SDL_Rect){pad, l.bar_top - scrub_h, k->w - 2 * pad, scrub_h};
	int bh = bar_h - 2 * pad;
	l.play = (SDL_Rect){(k->w - ui_px(k, 220)) / 2, l.bar_top + pad, ui_px(k, 220), bh};
	l.back10 = (SDL_Rect){l.play.x - pad - ui_px(k, 170), l.bar_top + pad, ui_px(k, 170), bh};
	if (l.back10.x < pad) { /* a narrow screen: the two side by side from the left */
		l.back10.x = pad;
		l.play.x = l.back10.x + l.back10.w + pad;
	}
	/* Chapters at the bar's right end (drawn only when there are some). */
	l.chapters = (SDL_Rect){k->w - pad - ui_px(k, 200), l.bar_top + pad, ui_px(k, 200), bh};
	if (l.chapters.x < l.play.x + l.play.w + pad) /* narrow: they share the row */
		l.chapters = (SDL_Rect){l.play.x + l.play.w + pad, l.bar_top + pad, k->w - pad - (l.play.x + l.play.w + pad), bh};
	int content_top = top + pad, content_h = l.scrub.y - pad - content_top;
	if (k->w > k->h) { /* beside each other */
		int pw = (k->w - 3 * pad) * 2 / 5;
		l.picture = (SDL_Rect){pad, content_top, pw, content_h};
		l.transcript = (SDL_Rect){2 * pad + pw, content_top, k->w - 3 * pad - pw, content_h};
	} else { /* the picture above, the transcript below */
		int ph = SDL_min((k->w - 2 * pad) * 9 / 16 + ui_px(k, 40), content_h * 2 / 5);
		l.picture = (SDL_Rect){pad, content_top, k->w - 2 * pad, ph};
		l.transcript = (SDL_Rect){pad, content_top + ph + pad, k->w - 2 * pad, content_h - ph - pad};
	}
	int fw = ui_px(k, 230), fh = SDL_max(ui_px(k, 48), ui_target_px(k));
	l.follow = (SDL_Rect){l.transcript.x + l.transcript.w - fw - pad, l.transcript.y + l.transcript.h - fh - pad, fw, fh};
	return l;
}

/* --- the recording --- */

static void clear(kiosk *k)
{
	player_state *p = k->player;
	playback_free(p->pb);
	for (int i = 0; i < p->track_count; i++)
		subtitles_free(&p->tracks[i]);
	catalog_recording_free(&p->rec);
	if (p->poster)
		SDL_DestroyTexture(p->poster);
	if (p->picture)
		SDL_DestroyTexture(p->picture);
	free(p->cue_top);
	segments_free(&p->chapters);
	catalog_notes_free(p->notes, p->note_count);
	free(p->answered);
	*p = (player_state){0};
	p->note_shown = -1;
}

static int player_init(kiosk *k)
{
	return (k->player = calloc(1, sizeof *k->player)) ? 0 : -1;
}

static void player_free(kiosk *k)
{
	if (k->player)
		clear(k);
	free(k->player);
	k->player = NULL;
}

/* The transcripts of the recording, read from the store (small files:
 * read here, once, as the player opens). */
static void load_tracks(kiosk *k)
{
	player_state *p = k->player;
	for (int i = 0; i < p->rec.track_count && p->track_count < MAX_TRACKS; i++) {
		char path[4096], err[256];
		size_t len;
		store_path(k->data->st, p->rec.tracks[i].sha256, path);
		char *text = files_read(path, 64u << 20, &len, err);
		if (text && subtitles_parse(text, len, p->rec.tracks[i].format, &p->tracks[p->track_count], err) == 0)
			p->track_count++;
		else
			fprintf(stderr, "hishatak: kiosk: transcript %s: %s\n", p->rec.tracks[i].sha256, err);
		free(text);
	}
}

/* The track in the visitor's language, else the original. */
static int shown_track(const kiosk *k)
{
	const player_state *p = k->player;
	for (int i = 0; i < p->track_count && i < p->rec.track_count; i++)
		if (strcmp(p->rec.tracks[i].lang, strings_langs[k->lang]) == 0)
			return i;
	return 0;
}

static void play_from(kiosk *k, long long ms)
{
	player_state *p = k->player;
	if (p->pb)
		playback_play(p->pb, ms, kiosk_volume(k), k->now);
	p->follow = 1;
}

static void player_open(kiosk *k, const screen_args *a)
{
	clear(k);
	player_state *p = k->player;
	p->item = a->reader.item;
	p->laid_track = -1;
	p->spoken = -1;
	const item *it = &k->items[p->item];
	char path[4096], err[256];
	if (catalog_get_recording(k->data->cat, it->sha256, &p->rec, err) != 0)
		fprintf(stderr, "hishatak: kiosk: %s: not a recording the catalogue knows: %s\n", it->id, err);
	load_tracks(k);
	if (catalog_get_recording_marks(k->data->cat, it->sha256, &p->chapters, &p->notes, &p->note_count, err) != 0)
		fprintf(stderr, "hishatak: kiosk: %s: its segments and notes: %s\n", it->id, err);
	for (int i = 0; i < p->note_count; i++)
		p->note_seqs = SDL_max(p->note_seqs, p->notes[i].seq + 1);
	if (p->note_seqs && !(p->answered = calloc((size_t)p->note_seqs, 1)))
		p->note_seqs = 0;
	p->note_shown = -1;
	kiosk_doc_path(k, p->item, path);
	SDL_Surface *poster = IMG_Load(path);
	if (poster) {
		p->poster = SDL_CreateTextureFromSurface(k->renderer, poster);
		SDL_FreeSurface(poster);
	}
	int rate = 0;
	SDL_AudioDeviceID dev = 0;
	if (k->aloud) { /* the sound goes where speech goes (Admin's choice) */
		aloud_stop(k->aloud);
		dev = aloud_device(k->aloud, &rate);
	}
	store_path(k->data->st, it->sha256, path);
	p->pb = playback_new(path, it->duration_ms, p->rec.facts.video ? MEDIA_POSTER_W : 0, dev, rate, k->scripted);
	/* A search result opens at its moment: a recording's passages are its cues. */
	int passage = a->reader.passage >= 0 ? a->reader.passage : a->reader.highlight ? a->reader.page : -1;
	long long start = 0;
	if (passage >= 0 && catalog_passage_times(k->data->cat, it->sha256, &passage, 1, &start, err) != 0)
		start = 0;
	play_from(k, start < 0 ? 0 : start);
}

static void player_leave(kiosk *k)
{
	int shown_item = k->player->item; /* for resume */
	clear(k);
	k->player->item = shown_item;
}

/* Back to it (from the PIN pad, say): the recording again, from the start. */
static void player_resume(kiosk *k)
{
	screen_args a = {.reader = {k->player->item, 0, -1, NULL}};
	player_open(k, &a);
}

static void player_items_changed(kiosk *k)
{
	clear(k);
}

/* --- the transcript --- */

static int text_size(const kiosk *k)
{
	return ui_font(k, 20);
}

/* Lays out the shown track's cues: speaker's name where it changes, then
 * the time and the words. */
static void lay_out(kiosk *k, const player_layout *l, int track)
{
	player_state *p = k->player;
	int size = text_size(k), w = l->transcript.w;
	if (p->laid_track == track && p->laid_w == w && p->laid_size == size)
		return;
	free(p->cue_top);
	p->cue_top = NULL;
	p->cue_count = 0;
	p->laid_track = track;
	p->laid_w = w;
	p->laid_size = size;
	if (track >= p->track_count)
		return;
	const subtitles *s = &p->tracks[track];
	if (!(p->cue_top = calloc((size_t)s->count + 1, sizeof *p->cue_top)))
		return;
	int y = 0, pad = ui_px(k, 10), time_w = ui_px(k, 70), small = ui_font(k, 20);
	const char *speaker = NULL;
	for (int i = 0; i < s->count; i++) {
		p->cue_top[i] = y;
		const subtitle_cue *c = &s->cues[i];
		if (c->speaker && (!speaker || strcmp(speaker, c->speaker) != 0))
			y += text_line_height(k->text, small) + pad / 2;
		if (c->speaker)
			speaker = c->speaker;
		/* A line is a touch target: a finger's height at least. */
		int text_h = text_wrap(k->text, c->text, (SDL_Rect){0, 0, w - time_w - 3 * pad, 0}, size, 1, UI_INK, 0, TEXT_LEFT, 0);
		y += SDL_max(text_h + 2 * pad, ui_target_px(k) + pad);
	}
	p->cue_top[s->count] = y;
	p->cue_count = s->count;
	p->content_h = y;
}

static void draw_transcript(kiosk *k, const player_layout *l, int track, long long at)
{
	player_state *p = k->player;
	SDL_Rect area = l->transcript;
	ui_round_rect(k, area, ui_px(k, 12), UI_CARD);
	if (track >= p->track_count) {
		text_wrap(k->text, ui_str(k, "player_no_transcript"), (SDL_Rect){area.x + ui_px(k, 16), area.y + ui_px(k, 16),
			  area.w - ui_px(k, 32), 0}, text_size(k), 0, UI_MUTED, 4, TEXT_LEFT, 1);
		return;
	}
	lay_out(k, l, track);
	const subtitles *s = &p->tracks[track];
	int spoken = subtitles_at(s, at);
	p->scroll.max = (float)SDL_max(0, p->content_h - area.h + ui_px(k, 40));
	if (p->follow && spoken >= 0 && spoken < p->cue_count) /* the line heard a third of the way down */
		p->scroll.offset = SDL_clamp((float)(p->cue_top[spoken] - area.h / 3), 0, p->scroll.max);
	p->spoken = spoken;
	int pad = ui_px(k, 10), time_w = ui_px(k, 70), size = text_size(k), small = ui_font(k, 20);
	int first_target = k->target_count, chosen = -1;
	SDL_RenderSetClipRect(k->renderer, &area);
	const char *speaker = NULL;
	for (int i = 0; i < p->cue_count; i++) {
		const subtitle_cue *c = &s->cues[i];
		int new_speaker = c->speaker && (!speaker || strcmp(speaker, c->speaker) != 0);
		if (c->speaker)
			speaker = c->speaker;
		int y = area.y + pad + p->cue_top[i] - (int)p->scroll.offset, h = p->cue_top[i + 1] - p->cue_top[i];
		if (y + h < area.y || y > area.y + area.h)
			continue;
		if (new_speaker) { /* who speaks, named above their words */
			text_draw(k->text, c->speaker, area.x + pad + time_w, y, small, 1, UI_ACCENT);
			int sh = text_line_height(k->text, small) + pad / 2;
			y += sh;
			h -= sh;
		}
		SDL_Rect line = {area.x + pad / 2, y, area.w - pad, h - pad};
		int is_spoken = i == spoken;
		if (is_spoken) { /* a band, a thick bar at the left and bold type */
			ui_round_rect(k, line, ui_px(k, 8), UI_MARK_SOFT);
			ui_fill(k, (SDL_Rect){line.x, line.y, ui_px(k, 6), line.h}, UI_NAVY);
		} else if (ui_pressed(k, line)) {
			ui_round_rect(k, line, ui_px(k, 8), UI_LINE);
		}
		char t[16];
		subtitles_format_time(c->start_ms, t, sizeof t);
		int text_h = text_wrap(k->text, c->text, (SDL_Rect){0, 0, area.w - time_w - 3 * pad, 0}, size, 1, UI_INK, 0,
				       TEXT_LEFT, 0), ty = y + SDL_max(pad / 2, (line.h - text_h) / 2);
		text_draw(k->text, t, area.x + pad + ui_px(k, 6), ty + ui_px(k, 2), small, is_spoken, UI_MUTED);
		text_wrap(k->text, c->text, (SDL_Rect){area.x + pad + time_w, ty, area.w - time_w - 3 * pad, 0}, size,
			  is_spoken, UI_INK, 0, TEXT_LEFT, 1);
		ui_target_said(k, line, c->text, -1);
		SDL_Rect seen;
		if (SDL_IntersectRect(&line, &area, &seen) && ui_tapped(k, seen))
			chosen = i;
	}
	SDL_RenderSetClipRect(k->renderer, NULL);
	ui_targets_within(k, first_target, area);
	if (chosen >= 0) /* a line tapped: play from there */
		play_from(k, s->cues[chosen].start_ms);
	if (!p->follow && ui_button(k, l->follow, ui_str(k, "player_follow"), 0))
		p->follow = 1;
}

/* --- the picture, the bar --- */

/* A video's picture as it comes from the worker: into a YUV texture, so
 * that the renderer converts it (on the GPU where there is one). */
static void show_picture(void *ctx, int w, int h, const unsigned char *yuv)
{
	kiosk *k = ctx;
	player_state *p = k->player;
	int tw = 0, th = 0;
	if (p->picture)
		SDL_QueryTexture(p->picture, NULL, NULL, &tw, &th);
	if (!p->picture || tw != w || th != h) {
		if (p->picture)
			SDL_DestroyTexture(p->picture);
		p->picture = SDL_CreateTexture(k->renderer, SDL_PIXELFORMAT_IYUV, SDL_TEXTUREACCESS_STREAMING, w, h);
	}
	if (p->picture)
		SDL_UpdateYUVTexture(p->picture, NULL, yuv, w, yuv + w * h, w / 2, yuv + w * h * 5 / 4, w / 2);
}

/* The line being spoken over the bottom of the picture: large, light on a
 * dark band, on up to three lines (its start, when longer). */
static void draw_caption(kiosk *k, SDL_Rect box, const subtitles *s, long long at)
{
	int i = subtitles_at(s, at);
	if (i < 0 || at < s->cues[i].start_ms || at >= s->cues[i].end_ms)
		return;
	int size = ui_font(k, 22), pad = ui_px(k, 10), w = box.w - 2 * pad;
	int h = text_wrap(k->text, s->cues[i].text, (SDL_Rect){0, 0, w, 0}, size, 1, UI_INK, 3, TEXT_CENTER, 0);
	if (h + 2 * pad > box.h / 2) { /* a small picture: smaller type, so that the picture is still seen */
		size = ui_font(k, 20);
		h = text_wrap(k->text, s->cues[i].text, (SDL_Rect){0, 0, w, 0}, size, 1, UI_INK, 3, TEXT_CENTER, 0);
	}
	int lines = 3; /* a very small picture: the lines that fit it, the last one ending in an ellipsis */
	if (h + 2 * pad > box.h) {
		lines = SDL_max(1, (box.h - 2 * pad) / text_line_height(k->text, size));
		h = text_wrap(k->text, s->cues[i].text, (SDL_Rect){0, 0, w, 0}, size, 1, UI_INK, lines, TEXT_CENTER, 0);
	}
	SDL_Rect band = {box.x, box.y + box.h - h - 2 * pad, box.w, h + 2 * pad};
	if (band.y < box.y)
		band = (SDL_Rect){box.x, box.y, box.w, box.h};
	SDL_SetRenderDrawBlendMode(k->renderer, SDL_BLENDMODE_BLEND);
	ui_fill(k, band, (SDL_Color){0, 0, 0, 200});
	SDL_SetRenderDrawBlendMode(k->renderer, SDL_BLENDMODE_NONE);
	text_wrap(k->text, s->cues[i].text, (SDL_Rect){band.x + pad, band.y + pad, w, band.h - 2 * pad}, size, 1,
		  (SDL_Color){255, 255, 255, 255}, lines, TEXT_CENTER, 1);
}

static void draw_picture(kiosk *k, const player_layout *l, int track, long long at, int failed)
{
	player_state *p = k->player;
	SDL_Rect r = l->picture;
	int small = ui_font(k, 20), lh = text_line_height(k->text, small), pad = ui_px(k, 8);
	/* The whole title here: the bar above has room for the kind alone. */
	int title_h = text_wrap(k->text, ui_title(k, p->item), (SDL_Rect){r.x, r.y, r.w, 0}, ui_font(k, 21), 1, UI_NAVY, 2,
				TEXT_LEFT, 1) + pad;
	/* A video with a transcript has captions, and their switch below it. */
	int captions = p->rec.facts.video && track < p->track_count, switch_h = SDL_max(ui_px(k, 48), ui_target_px(k));
	SDL_Rect box = {r.x, r.y + title_h, r.w, r.h - title_h - 2 * (lh + pad) - (captions ? switch_h + pad : 0)};
	ui_fill(k, box, UI_SHADE);
	if (p->pb)
		playback_picture(p->pb, at, show_picture, k);
	SDL_Texture *shown = p->picture ? p->picture : p->poster; /* the poster until the first picture */
	if (shown) {
		int tw, th;
		SDL_QueryTexture(shown, NULL, NULL, &tw, &th);
		float scale = SDL_min((float)box.w / (float)tw, (float)box.h / (float)th);
		int w = (int)((float)tw * scale), h = (int)((float)th * scale);
		SDL_Rect dst = {box.x + (box.w - w) / 2, box.y + (box.h - h) / 2, w, h};
		SDL_RenderCopy(k->renderer, shown, NULL, &dst);
	}
	if (captions && !p->captions_off)
		draw_caption(k, box, &p->tracks[track], at);
	if (captions) {
		SDL_Rect sw = {r.x, r.y + r.h - switch_h, SDL_min(r.w, ui_px(k, 300)), switch_h};
		if (ui_button(k, sw, ui_str(k, p->captions_off ? "player_captions_off" : "player_captions_on"), p->captions_off ? 2 : 3))
			p->captions_off = !p->captions_off;
	}
	int y = box.y + box.h + pad;
	/* Who is speaking now, and which transcript this is. */
	const char *who = NULL;
	if (track < p->track_count && p->spoken >= 0 && p->spoken < p->tracks[track].count)
		who = p->tracks[track].cues[p->spoken].speaker;
	if (failed) {
		text_wrap(k->text, ui_str(k, "player_failed"), (SDL_Rect){r.x, y, r.w, 0}, small, 1, UI_INK, 2, TEXT_LEFT, 1);
		return;
	}
	if (who) {
		char line[300];
		snprintf(line, sizeof line, "%s %s", ui_str(k, "player_speaking"), who);
		text_wrap(k->text, line, (SDL_Rect){r.x, y, r.w, 0}, small, 1, UI_INK, 1, TEXT_LEFT, 1);
	}
	if (track < p->rec.track_count) {
		char key[32];
		const char *lang = p->rec.tracks[track].lang;
		snprintf(key, sizeof key, "player_track_%s", strings_lang_index(lang) >= 0 ? lang : "other");
		text_wrap(k->text, ui_str(k, key), (SDL_Rect){r.x, y + lh + pad / 2, r.w, 0}, small, 0, UI_MUTED, 1, TEXT_LEFT, 1);
	}
}

static long long scrub_time(const kiosk *k, const player_layout *l, float x)
{
	const item *it = &k->items[k->player->item];
	float f = SDL_clamp((x - (float)l->scrub.x) / (float)SDL_max(1, l->scrub.w), 0.0f, 1.0f);
	return (long long)(f * (float)it->duration_ms);
}

static void draw_marks(kiosk *k, SDL_Rect s, int track_h);

static void draw_bar(kiosk *k, const player_layout *l, long long at)
{
	player_state *p = k->player;
	const item *it = &k->items[p->item];
	long long shown = p->scrubbing ? p->scrub_ms : at;
	/* The scrub bar: a thick track, what has been heard filled, a large knob. */
	SDL_Rect s = l->scrub;
	int track_h = ui_px(k, 10), knob = ui_px(k, 30);
	float f = it->duration_ms > 0 ? (float)shown / (float)it->duration_ms : 0;
	int x = s.x + (int)(f * (float)s.w);
	ui_round_rect(k, (SDL_Rect){s.x, s.y + (s.h - track_h) / 2, s.w, track_h}, track_h / 2, UI_LINE);
	ui_round_rect(k, (SDL_Rect){s.x, s.y + (s.h - track_h) / 2, x - s.x, track_h}, track_h / 2, UI_NAVY);
	draw_marks(k, s, track_h);
	ui_round_rect(k, (SDL_Rect){x - knob / 2, s.y + (s.h - knob) / 2, knob, knob}, knob / 2,
		      p->scrubbing ? UI_ACCENT : UI_NAVY);
	ui_target_said(k, s, ui_str(k, "player_scrub"), -1);
	/* The controls. */
	ui_fill(k, (SDL_Rect){0, l->bar_top, k->w, k->h - l->bar_top}, UI_CARD);
	int playing = p->pb && playback_playing(p->pb);
	if (ui_button(k, l->back10, ui_str(k, "player_back10"), 1))
		play_from(k, SDL_max(0, at - 10000));
	if (ui_button(k, l->play, ui_str(k, playing ? "player_pause" : "player_play"), 0)) {
		if (playing)
			playback_pause(p->pb, k->now);
		else
			play_from(k, at >= it->duration_ms ? 0 : at);
	}
	char now[24], total[24], line[64];
	subtitles_format_time(shown, now, sizeof now);
	subtitles_format_time(it->duration_ms, total, sizeof total);
	snprintf(line, sizeof line, "%s / %s", now, total);
	int size = ui_font(k, 20), lh = text_line_height(k->text, size), tx = l->play.x + l->play.w + ui_px(k, 20);
	int right = p->chapters.segment_count ? l->chapters.x : k->w;
	if (tx + text_width(k->text, line, -1, size, 1) <= right - ui_px(k, 10))
		text_draw(k->text, line, tx, l->play.y + (l->play.h - lh) / 2, size, 1, UI_INK);
	else /* a narrow screen: the time above the bar's knob side */
		text_draw(k->text, line, s.x, s.y - lh / 2, ui_font(k, 20), 1, UI_INK);
}

/* --- chapters and content notes --- */

/* Segment seq's row in the visitor's language, else its first (the
 * index's own); NULL when there is none. */
static const segment *chapter(const kiosk *k, int seq)
{
	const segments *g = &k->player->chapters;
	const segment *first = NULL;
	for (int i = 0; i < g->count; i++)
		if (g->items[i].seq == seq) {
			if (strcmp(g->items[i].lang, strings_langs[k->lang]) == 0)
				return &g->items[i];
			if (!first)
				first = &g->items[i];
		}
	return first;
}

/* Note seq in the visitor's language, else the original. */
static const catalog_note *note(const kiosk *k, int seq)
{
	const player_state *p = k->player;
	const catalog_note *first = NULL;
	for (int i = 0; i < p->note_count; i++)
		if (p->notes[i].seq == seq) {
			if (strcmp(p->notes[i].lang, strings_langs[k->lang]) == 0)
				return &p->notes[i];
			if (!first || !p->notes[i].lang[0])
				first = &p->notes[i];
		}
	return first;
}

/* Marks on the scrub bar: a passage with a note as a band under the
 * track, each chapter's start as a tall tick. */
static void draw_marks(kiosk *k, SDL_Rect s, int track_h)
{
	player_state *p = k->player;
	long long total = k->items[p->item].duration_ms;
	if (total <= 0)
		return;
	int mid = s.y + s.h / 2;
	for (int seq = 0; seq < p->note_seqs; seq++) {
		const catalog_note *n = note(k, seq);
		if (!n)
			continue;
		int x0 = s.x + (int)((double)n->start_ms / (double)total * s.w), x1 = s.x + (int)((double)n->end_ms / (double)total * s.w);
		ui_fill(k, (SDL_Rect){x0, mid + track_h / 2 + ui_px(k, 3), SDL_max(ui_px(k, 4), SDL_min(x1, s.x + s.w) - x0), ui_px(k, 6)},
			UI_ACCENT);
	}
	for (int seq = 0; seq < p->chapters.segment_count; seq++) {
		const segment *g = chapter(k, seq);
		if (!g || g->start_ms <= 0)
			continue;
		int x = s.x + (int)((double)g->start_ms / (double)total * s.w), h = track_h * 5 / 2;
		ui_fill(k, (SDL_Rect){x - ui_px(k, 2), mid - h / 2, ui_px(k, 4), h}, UI_INK);
	}
}

static ui_panel chapters_panel(const kiosk *k)
{
	return ui_panel_layout(k, 760, 32, 70);
}

static int chapter_row_h(const kiosk *k)
{
	return SDL_max(ui_px(k, 92), ui_target_px(k) + ui_px(k, 12));
}

/* The list of chapters: each its time, its title and a line of its
 * synopsis; the one being heard marked. A tap plays from it. */
static void draw_chapters(kiosk *k, long long at)
{
	player_state *p = k->player;
	ui_panel pl = chapters_panel(k);
	ui_panel_begin(k, &pl, ui_str(k, "player_chapters"), 1);
	int row_h = chapter_row_h(k), in = ui_px(k, 12), chosen = -1, now = -1;
	for (int seq = 0; seq < p->chapters.segment_count; seq++) {
		const segment *g = chapter(k, seq);
		if (g && g->start_ms <= at)
			now = seq;
	}
	for (int seq = 0; seq < p->chapters.segment_count; seq++) {
		const segment *g = chapter(k, seq);
		SDL_Rect r = {pl.body.x + in, pl.body.y + seq * row_h - (int)p->chapters_scroll.offset, pl.body.w - 2 * in, row_h - ui_px(k, 6)};
		if (!g || r.y + r.h < pl.body.y || r.y > pl.body.y + pl.body.h)
			continue;
		int on = seq == now;
		ui_round_rect(k, r, ui_px(k, 10), ui_pressed(k, r) ? UI_LINE : on ? UI_MARK_SOFT : UI_PAPER);
		if (on) /* the one being heard: a bar at its left, not colour alone */
			ui_fill(k, (SDL_Rect){r.x, r.y, ui_px(k, 6), r.h}, UI_NAVY);
		char t[16];
		subtitles_format_time(g->start_ms, t, sizeof t);
		int fs = ui_font(k, 20), small = ui_font(k, 20), time_w = ui_px(k, 84), tx = r.x + ui_px(k, 14) + time_w;
		int lh = text_line_height(k->text, fs), sh = text_line_height(k->text, small);
		int top = r.y + (r.h - lh - (g->synopsis ? sh : 0)) / 2;
		text_draw(k->text, t, r.x + ui_px(k, 16), top + ui_px(k, 2), small, 1, UI_MUTED);
		text_wrap(k->text, g->title, (SDL_Rect){tx, top, r.x + r.w - tx - in, lh}, fs, 1, UI_INK, 1, TEXT_LEFT, 1);
		if (g->synopsis)
			text_wrap(k->text, g->synopsis, (SDL_Rect){tx, top + lh, r.x + r.w - tx - in, sh}, small, 0, UI_MUTED, 1,
				  TEXT_LEFT, 1);
		ui_target_said(k, r, g->title, -1);
		SDL_Rect seen;
		if (SDL_IntersectRect(&r, &pl.body, &seen) && ui_tapped(k, seen))
			chosen = seq;
	}
	ui_panel_end(k, &pl, &p->chapters_scroll, p->chapters.segment_count * row_h);
	if (chosen >= 0) {
		p->chapters_open = 0;
		play_from(k, chapter(k, chosen)->start_ms);
	} else if (ui_tapped(k, pl.close) || (k->tap.pending && !ui_hit(pl.card, k->tap.x, k->tap.y))) {
		k->tap.pending = 0;
		p->chapters_open = 0;
	}
}

/* The content note's card over the player (paused): what the passage
 * holds, in the visitor's language, and two large buttons. */
static void draw_note(kiosk *k, const player_layout *l)
{
	player_state *p = k->player;
	const catalog_note *n = note(k, p->note_shown);
	if (!n) {
		p->note_shown = -1;
		return;
	}
	int top = ui_header_height(k), pad = ui_px(k, 24);
	SDL_SetRenderDrawBlendMode(k->renderer, SDL_BLENDMODE_BLEND);
	ui_fill(k, (SDL_Rect){0, top, k->w, k->h - top}, (SDL_Color){20, 24, 30, 170});
	SDL_SetRenderDrawBlendMode(k->renderer, SDL_BLENDMODE_NONE);
	int w = SDL_min(k->w - 2 * ui_px(k, 16), ui_px(k, 720)), x = (k->w - w) / 2, inner = w - 2 * pad;
	int title_size = ui_font(k, 26), size = ui_font(k, 24), btn_h = SDL_max(ui_px(k, 72), ui_target_px(k));
	int title_h = text_wrap(k->text, ui_str(k, "player_note_title"), (SDL_Rect){0, 0, inner, 0}, title_size, 1, UI_INK, 0, TEXT_LEFT, 0);
	int text_h = text_wrap(k->text, n->warning, (SDL_Rect){0, 0, inner, 0}, size, 0, UI_INK, 0, TEXT_LEFT, 0);
	int ask_h = text_wrap(k->text, ui_str(k, "player_note_ask"), (SDL_Rect){0, 0, inner, 0}, size, 1, UI_INK, 0, TEXT_LEFT, 0);
	int h = pad + title_h + pad / 2 + text_h + pad / 2 + ask_h + pad + btn_h + pad;
	int y = top + SDL_max(ui_px(k, 8), (l->bar_top - top - h) / 2);
	SDL_Rect card = {x, y, w, h};
	ui_round_rect(k, card, ui_px(k, 16), UI_CARD);
	ui_fill(k, (SDL_Rect){x, y + ui_px(k, 16), ui_px(k, 8), h - ui_px(k, 32)}, UI_ACCENT);
	int ty = y + pad;
	ty += text_wrap(k->text, ui_str(k, "player_note_title"), (SDL_Rect){x + pad, ty, inner, 0}, title_size, 1, UI_INK, 0, TEXT_LEFT, 1) + pad / 2;
	ty += text_wrap(k->text, n->warning, (SDL_Rect){x + pad, ty, inner, 0}, size, 0, UI_INK, 0, TEXT_LEFT, 1) + pad / 2;
	ty += text_wrap(k->text, ui_str(k, "player_note_ask"), (SDL_Rect){x + pad, ty, inner, 0}, size, 1, UI_INK, 0, TEXT_LEFT, 1) + pad;
	int bw = (inner - pad) / 2;
	int play = ui_button(k, (SDL_Rect){x + pad, ty, bw, btn_h}, ui_str(k, "player_note_play"), 0);
	int skip = ui_button(k, (SDL_Rect){x + pad + bw + pad, ty, bw, btn_h}, ui_str(k, "player_note_skip"), 1);
	if (play || skip) {
		long long from = play ? playback_position(p->pb, k->now) : n->end_ms;
		p->answered[p->note_shown] = 1;
		p->note_shown = -1;
		if (k->aloud) /* the note's words give way to the recording */
			aloud_stop(k->aloud);
		play_from(k, from);
	}
}

/* Just before a passage with a note, the player stops and asks. */
static void check_notes(kiosk *k)
{
	player_state *p = k->player;
	if (!p->pb || !playback_playing(p->pb) || p->note_shown >= 0)
		return;
	long long at = playback_position(p->pb, k->now);
	for (int seq = 0; seq < p->note_seqs; seq++) {
		const catalog_note *n = note(k, seq);
		if (!n || p->answered[seq] || at < n->start_ms - 400 || at >= n->end_ms)
			continue;
		playback_pause(p->pb, k->now);
		p->note_shown = seq;
		p->chapters_open = 0;
		char said[1200];
		snprintf(said, sizeof said, "%s %s %s", ui_str(k, "player_note_title"), n->warning, ui_str(k, "player_note_ask"));
		kiosk_say(k, strings_langs[k->lang], said);
		return;
	}
}

static void player_draw(kiosk *k)
{
	player_state *p = k->player;
	player_layout l = layout(k);
	check_notes(k);
	long long at = p->pb ? playback_position(p->pb, k->now) : 0;
	int track = shown_track(k), failed = p->pb && playback_failed(p->pb);
	/* Under a card or a panel nothing takes a tap but the card (and,
	 * beside a note, the header: the visitor may leave). */
	int tap = k->tap.pending, over = p->chapters_open || p->note_shown >= 0;
	if (over)
		k->tap.pending = 0;
	ui_fill(k, (SDL_Rect){0, 0, k->w, k->h}, UI_PAPER);
	draw_picture(k, &l, track, at, failed);
	draw_transcript(k, &l, track, at);
	draw_bar(k, &l, at);
	if (p->chapters.segment_count && ui_button(k, l.chapters, ui_str(k, "player_chapters"), 1)) {
		p->chapters_open = 1;
		p->chapters_scroll = (ui_scroller){0};
	}
	if (p->note_shown >= 0)
		k->tap.pending = tap;
	ui_header(k, ui_kind_label(k, k->items[p->item].kind));
	if (p->note_shown < 0 && p->chapters_open)
		k->tap.pending = tap;
	if (p->note_shown >= 0)
		draw_note(k, &l);
	else if (p->chapters_open)
		draw_chapters(k, at);
}

/* --- touch --- */

static void player_touch(kiosk *k, const gesture *g)
{
	player_state *p = k->player;
	player_layout l = layout(k);
	if (p->note_shown >= 0) /* the card's buttons take their taps as drawn */
		return;
	if (p->chapters_open) {
		ui_panel pl = chapters_panel(k);
		ui_panel_touch(&pl, &p->chapters_scroll, g); /* taps: as drawn */
		return;
	}
	int on_scrub = ui_hit(l.scrub, g->x0, g->y0);
	if (on_scrub) { /* a finger holds the bar: the place follows it, the sound goes there on lifting */
		if (g->kind == GESTURE_PRESS || g->kind == GESTURE_DRAG || g->kind == GESTURE_HOLD) {
			p->scrubbing = 1;
			p->scrub_ms = scrub_time(k, &l, g->x);
		} else if (g->kind == GESTURE_TAP || g->kind == GESTURE_RELEASE) { /* a held finger lifts as a tap */
			p->scrubbing = 0;
			play_from(k, scrub_time(k, &l, g->x));
		}
		return;
	}
	if (ui_hit(l.transcript, g->x0, g->y0) && ui_scroll_touch(&p->scroll, g, 0))
		p->follow = 0; /* the visitor reads on their own; "Follow the voice" brings it back */
}

static void player_update(kiosk *k, Uint32 dt)
{
	player_state *p = k->player;
	ui_scroll_update(&p->scroll, dt);
	ui_scroll_update(&p->chapters_scroll, dt);
	if (p->pb && playback_playing(p->pb))
		k->last_input = k->now; /* idle waits while a recording plays */
}

static int player_busy(kiosk *k)
{
	/* Playing redraws each frame on the wall; a script's shot would wait
	 * for the end of the recording, so there playing is not "busy". */
	int playing = k->player->pb && playback_playing(k->player->pb);
	return (playing && !k->scripted) || ui_scroll_busy(&k->player->scroll) || ui_scroll_busy(&k->player->chapters_scroll);
}

static void player_key(kiosk *k, SDL_Keycode key)
{
	player_state *p = k->player;
	if (!p->pb || p->note_shown >= 0)
		return;
	long long at = playback_position(p->pb, k->now);
	if (key == SDLK_SPACE) {
		if (playback_playing(p->pb))
			playback_pause(p->pb, k->now);
		else
			play_from(k, at);
	} else if (key == SDLK_LEFT) {
		play_from(k, SDL_max(0, at - 10000));
	} else if (key == SDLK_RIGHT) {
		play_from(k, at + 10000);
	}
}

static void player_resize(kiosk *k)
{
	k->player->laid_track = -1;
}

const screen_ops player_screen = {.name = "player", .flags = SCREEN_TAPS_IN_DRAW, .init = player_init, .open = player_open,
				  .leave = player_leave, .resume = player_resume, .draw = player_draw, .touch = player_touch, .key = player_key,
				  .update = player_update, .busy = player_busy, .resize = player_resize,
				  .items_changed = player_items_changed, .free = player_free};
