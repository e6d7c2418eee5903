/* The player's picture (a video's, or its poster) with captions over it,
 * who speaks and which transcript this is; and the bar below: scrub bar,
 * Back 10 s, Play/Pause and the time. */
#include "ui/player/player.h"
#include "ui/strings.h"

#include <stdio.h>

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
 * dark band, on up to three lines (its start, when longer). Where the
 * transcript is beside the picture and the line would be cut, none: the
 * transcript shows it whole, marked. */
static void draw_caption(kiosk *k, SDL_Rect box, const subtitles *s, long long at, int beside)
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
	if (beside && (h + 2 * pad > box.h || !ui_fits(k, s->cues[i].text, w, size, 3)))
		return;
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

void player_draw_picture(kiosk *k, const player_layout *l, int track, long long at, int failed)
{
	player_state *p = k->player;
	SDL_Rect r = l->picture;
	int small = ui_font(k, 20), lh = text_line_height(k->text, small), pad = ui_px(k, 8);
	/* The whole title here (the bar above has room for the kind alone):
	 * on three lines, smaller if need be, else on as many as it takes. */
	const char *title = ui_title(k, p->item);
	int ts = ui_fit_size(k, title, (SDL_Rect){0, 0, r.w, 3 * text_line_height(k->text, ui_font(k, 21))}, ui_font(k, 21), 1);
	int title_h = text_wrap(k->text, title, (SDL_Rect){r.x, r.y, r.w, 0}, ts, 1, UI_NAVY, 0, TEXT_LEFT, 1) + pad;
	/* A video with a transcript has captions, and their switch below it. */
	int captions = !failed && p->rec.facts.video && track < p->track_count, switch_h = SDL_max(ui_px(k, 48), ui_target_px(k));
	int facts_h = 2 * (lh + pad), others_h = title_h + (captions ? switch_h + pad : 0);
	/* A small screen: a video's picture before who speaks and which
	 * transcript this is (the transcript names the speaker too). */
	int facts = !failed && (!p->rec.facts.video || r.h - others_h - facts_h >= r.h / 3);
	SDL_Rect box = {r.x, r.y + title_h, r.w, r.h - others_h - (facts ? facts_h : 0)};
	ui_fill(k, box, UI_SHADE);
	if (failed) { /* what went wrong in the picture's place, whole, and what to do */
		ui_label(k, ui_str(k, "player_failed"), (SDL_Rect){box.x + pad, box.y + pad, box.w - 2 * pad, box.h - 2 * pad}, small,
			 UI_INK, TEXT_LEFT);
		return;
	}
	if (p->pb)
		playback_picture(p->pb, at, show_picture, k);
	SDL_Texture *shown = p->picture ? p->picture : p->poster; /* the poster until the first picture */
	if (shown)
		ui_copy_fitted(k, shown, box);
	if (captions && !p->captions_off)
		draw_caption(k, box, &p->tracks[track], at, l->transcript.w > 0 && l->transcript.h > 0);
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
	if (!facts)
		return;
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

long long player_scrub_time(const kiosk *k, const player_layout *l, float x)
{
	const item *it = &k->items[k->player->item];
	float f = SDL_clamp((x - (float)l->scrub.x) / (float)SDL_max(1, l->scrub.w), 0.0f, 1.0f);
	return (long long)(f * (float)it->duration_ms);
}

void player_draw_bar(kiosk *k, const player_layout *l, long long at)
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
	player_draw_marks(k, s, track_h);
	ui_round_rect(k, (SDL_Rect){x - knob / 2, s.y + (s.h - knob) / 2, knob, knob}, knob / 2,
		      p->scrubbing ? UI_ACCENT : UI_NAVY);
	ui_target_said(k, s, ui_str(k, "player_scrub"), -1);
	/* The controls. */
	ui_fill(k, (SDL_Rect){0, l->bar_top, k->w, k->h - l->bar_top}, UI_CARD);
	int playing = p->pb && playback_playing(p->pb);
	if (ui_button(k, l->back10, ui_str(k, "player_back10"), 1))
		player_play_from(k, SDL_max(0, at - 10000));
	if (ui_button(k, l->play, ui_str(k, playing ? "player_pause" : "player_play"), 0)) {
		if (playing)
			playback_pause(p->pb, k->now);
		else
			player_play_from(k, at >= it->duration_ms ? 0 : at);
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
