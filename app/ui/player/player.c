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
#include "ui/player/player.h"
#include "ui/strings.h"
#include "core/files.h"

#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- layout --- */

player_layout player_layout_of(const kiosk *k)
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

void player_play_from(kiosk *k, long long ms)
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
	player_play_from(k, start < 0 ? 0 : start);
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

static void player_draw(kiosk *k)
{
	player_state *p = k->player;
	player_layout l = player_layout_of(k);
	player_check_notes(k);
	long long at = p->pb ? playback_position(p->pb, k->now) : 0;
	int track = shown_track(k), failed = p->pb && playback_failed(p->pb);
	/* Under a card or a panel nothing takes a tap but the card (and,
	 * beside a note, the header: the visitor may leave). */
	int tap = k->tap.pending, over = p->chapters_open || p->note_shown >= 0;
	if (over)
		k->tap.pending = 0;
	ui_fill(k, (SDL_Rect){0, 0, k->w, k->h}, UI_PAPER);
	player_draw_picture(k, &l, track, at, failed);
	player_draw_transcript(k, &l, track, at);
	player_draw_bar(k, &l, at);
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
		player_draw_note(k, &l);
	else if (p->chapters_open)
		player_draw_chapters(k, at);
}

/* --- touch --- */

static void player_touch(kiosk *k, const gesture *g)
{
	player_state *p = k->player;
	player_layout l = player_layout_of(k);
	if (p->note_shown >= 0) /* the card's buttons take their taps as drawn */
		return;
	if (p->chapters_open) {
		ui_panel pl = player_chapters_panel(k);
		ui_panel_touch(&pl, &p->chapters_scroll, g); /* taps: as drawn */
		return;
	}
	int on_scrub = ui_hit(l.scrub, g->x0, g->y0);
	if (on_scrub) { /* a finger holds the bar: the place follows it, the sound goes there on lifting */
		if (g->kind == GESTURE_PRESS || g->kind == GESTURE_DRAG || g->kind == GESTURE_HOLD) {
			p->scrubbing = 1;
			p->scrub_ms = player_scrub_time(k, &l, g->x);
		} else if (g->kind == GESTURE_TAP || g->kind == GESTURE_RELEASE) { /* a held finger lifts as a tap */
			p->scrubbing = 0;
			player_play_from(k, player_scrub_time(k, &l, g->x));
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
			player_play_from(k, at);
	} else if (key == SDLK_LEFT) {
		player_play_from(k, SDL_max(0, at - 10000));
	} else if (key == SDLK_RIGHT) {
		player_play_from(k, at + 10000);
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

