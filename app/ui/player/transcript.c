/* The player's transcript: the shown track's cues, the speaker named
 * where it changes, the line being spoken marked by a band, a bar and
 * bold type, scrolled to stay a third of the way down while it follows
 * the voice. */
#include "ui/player/player.h"
#include "ui/strings.h"

#include <stdlib.h>
#include <string.h>

static int text_size(const kiosk *k)
{
	return ui_font(k, 20);
}

/* The times' column: as wide as the latest time, bold, and a gap. */
static int time_width(kiosk *k, const subtitles *s)
{
	char t[16];
	subtitles_format_time(s->count ? s->cues[s->count - 1].start_ms : 0, t, sizeof t);
	return text_width(k->text, t, -1, ui_font(k, 20), 1) + ui_px(k, 18);
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
	int y = 0, pad = ui_px(k, 10), time_w = time_width(k, s), small = ui_font(k, 20);
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

void player_draw_transcript(kiosk *k, const player_layout *l, int track, long long at)
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
	if (p->follow && spoken >= 0 && spoken < p->cue_count) {
		/* The line heard a third of the way down; one too long for
		 * that at the top, and one taller than the transcript moving
		 * up through it as it is spoken. */
		const subtitle_cue *c = &s->cues[spoken];
		int top = p->cue_top[spoken], h = p->cue_top[spoken + 1] - top, room = area.h - ui_px(k, 20);
		float want = (float)(top - area.h / 3);
		if (h > room - area.h / 3)
			want = (float)top;
		if (h > room && c->end_ms > c->start_ms)
			want += (float)(h - room) * (float)SDL_clamp(at - c->start_ms, 0, c->end_ms - c->start_ms) /
				(float)(c->end_ms - c->start_ms);
		p->scroll.offset = SDL_clamp(want, 0, p->scroll.max);
	}
	p->spoken = spoken;
	int pad = ui_px(k, 10), time_w = time_width(k, s), size = text_size(k), small = ui_font(k, 20);
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
		player_play_from(k, s->cues[chosen].start_ms);
	if (!p->follow && ui_button(k, l->follow, ui_str(k, "player_follow"), 0))
		p->follow = 1;
}
