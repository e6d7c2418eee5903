/* A recording's chapters (its segments) and content notes: marks on the
 * scrub bar, the list of chapters to jump to, and the card that pauses
 * the player before a passage with a note. */
#include "ui/player/player.h"
#include "ui/strings.h"

#include <stdio.h>
#include <string.h>

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
void player_draw_marks(kiosk *k, SDL_Rect s, int track_h)
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

ui_panel player_chapters_panel(const kiosk *k)
{
	return ui_panel_layout(k, 760, 32, 70, ui_str(k, "player_chapters"), 1);
}

static int chapter_row_h(const kiosk *k)
{
	return SDL_max(ui_px(k, 92), ui_target_px(k) + ui_px(k, 12));
}

/* The list of chapters: each its time, its title and a line of its
 * synopsis; the one being heard marked. A tap plays from it. */
void player_draw_chapters(kiosk *k, long long at)
{
	player_state *p = k->player;
	ui_panel pl = player_chapters_panel(k);
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
		player_play_from(k, chapter(k, chosen)->start_ms);
	} else if (ui_tapped(k, pl.close) || (k->tap.pending && !ui_hit(pl.card, k->tap.x, k->tap.y))) {
		k->tap.pending = 0;
		p->chapters_open = 0;
	}
}

/* The content note's card over the player (paused): what the passage
 * holds, in the visitor's language, and two large buttons. */
void player_draw_note(kiosk *k, const player_layout *l)
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
		player_play_from(k, from);
	}
}

/* Just before a passage with a note, the player stops and asks. */
void player_check_notes(kiosk *k)
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
