/* Access for every visitor: the button beside the languages, on every bar,
 * opens a panel of larger text, high contrast, spoken buttons and how loud
 * speech is. What a visitor chooses lasts until the kiosk goes idle, so the
 * next visitor finds the kiosk as staff set it. */
#include "core/speech.h"
#include "ui/panel.h"
#include "ui/strings.h"
#include "ui/ui.h"

#include <string.h>

/* The word beside the signs: its size and its room. */
static int word_size(const kiosk *k)
{
	return ui_font(k, 19);
}

SDL_Rect access_button_rect(const kiosk *k, int right, int y, int bar_h, int worded)
{
	int w = ui_px(k, 76), h = ui_px(k, 52);
	if (worded)
		w += text_width(k->text, ui_str(k, "access_button"), -1, word_size(k), 1) + ui_px(k, 14);
	return (SDL_Rect){right - w, y + (bar_h - h) / 2, w, h};
}

/* A disc, filled (half: its left half only) in c. */
static void disc(kiosk *k, int cx, int cy, int r, int half, SDL_Color c)
{
	SDL_SetRenderDrawColor(k->renderer, c.r, c.g, c.b, c.a);
	for (int dy = -r; dy < r; dy++) {
		float fy = (float)dy + 0.5f;
		int dx = (int)(SDL_sqrtf((float)(r * r) - fy * fy) + 0.5f);
		SDL_Rect row = {cx - dx, cy + dy, half ? dx : 2 * dx, 1};
		SDL_RenderFillRect(k->renderer, &row);
	}
}

/* Drawn, not a glyph: a half-filled disc (contrast) and "Aa" in the
 * visitor's letters (text size), and the word where the bar has room for it. */
void access_button_draw(kiosk *k, SDL_Rect r, int worded)
{
	int on = k->access.panel || k->access.contrast || k->access.large_text || k->access.speak_buttons;
	ui_target_said(k, r, ui_str(k, "access_title"), -1);
	SDL_Color bg = ui_pressed(k, r) ? UI_ACCENT : on ? UI_ON_NAVY : UI_NAVY_SOFT, ink = on ? UI_NAVY : UI_ON_NAVY;
	ui_round_rect(k, r, ui_px(k, 10), bg);
	int rad = ui_px(k, 11), cx = r.x + ui_px(k, 8) + rad, cy = r.y + r.h / 2;
	disc(k, cx, cy, rad, 0, ink);
	disc(k, cx, cy, rad - ui_px(k, 2), 0, bg);
	disc(k, cx, cy, rad - ui_px(k, 2), 1, ink);
	int size = ui_px(k, 19), lh = text_line_height(k->text, size), x = cx + rad + ui_px(k, 4);
	int aa = ui_px(k, 76) - (x - r.x) - ui_px(k, 4);
	text_wrap(k->text, ui_str(k, "access_letters"), (SDL_Rect){x, r.y + (r.h - lh) / 2, aa, lh}, size, 1, ink, 1, TEXT_CENTER, 1);
	if (worded) {
		int ws = word_size(k), wl = text_line_height(k->text, ws);
		text_draw(k->text, ui_str(k, "access_button"), x + aa + ui_px(k, 6), r.y + (r.h - wl) / 2, ws, 1, ink);
	}
}

/* What the visitor chose, put into effect. */
static void apply(kiosk *k)
{
	float scale = k->access.large_text ? UI_LARGE_TEXT : 1.0f;
	ui_set_contrast(k->access.contrast);
	k->text_scale = scale; /* the reader sees for itself and lays out again */
}

void access_reset(kiosk *k)
{
	k->access = (access_state){.large_text = k->settings.large_text, .loudness = 1};
	apply(k);
}

void access_open(kiosk *k)
{
	k->access.panel = 1;
}

/* The panel (panel.c): a card of rows, each a large target, that
 * scrolls where the screen is too short for them. */
enum { ROW_LARGE, ROW_CONTRAST, ROW_SPEAK, ROW_SOUND, ROW_DONE, ROW_COUNT };

typedef struct {
	ui_panel panel;
	SDL_Rect rows[ROW_COUNT];
	SDL_Rect sound[3];        /* quiet, normal, loud */
	int content_h;
} panel_layout;

static panel_layout layout(const kiosk *k)
{
	panel_layout l;
	int in = ui_px(k, 22), gap = ui_px(k, 8);
	int row = SDL_max(ui_px(k, 56), 2 * text_line_height(k->text, ui_smallest(k, ui_font(k, 20))) + ui_px(k, 4)); /* two lines of a label */
	int head = ui_px(k, 18) + text_line_height(k->text, ui_font(k, 21)) + ui_px(k, 12); /* the title's line, as ui_panel_begin sets it */
	l.panel = ui_panel_layout(k, 600, 16, SDL_max(ui_px(k, 68), head), ui_str(k, "access_title"), 1);
	l.content_h = ROW_COUNT * (row + gap) - gap;
	ui_panel_fit(k, &l.panel, l.content_h);
	SDL_Rect body = l.panel.body;
	int y = body.y - (int)k->access.scroll.offset;
	for (int i = 0; i < ROW_COUNT; i++, y += row + gap)
		l.rows[i] = (SDL_Rect){body.x + in, y, body.w - 2 * in, row};
	/* The sound row: its label, then three choices. */
	SDL_Rect s = l.rows[ROW_SOUND];
	int label_w = s.w / 4, cw = (s.w - label_w - 2 * gap) / 3;
	for (int i = 0; i < 3; i++)
		l.sound[i] = (SDL_Rect){s.x + label_w + i * (cw + gap), s.y, cw, s.h};
	return l;
}

/* A row that is on or off: its label, and a switch at the right. */
static void toggle(kiosk *k, SDL_Rect r, const char *label, int on)
{
	ui_target_said(k, r, label, -1);
	ui_round_rect(k, r, ui_px(k, 12), ui_pressed(k, r) ? UI_LINE : UI_CARD);
	int sw = ui_px(k, 60), sh = ui_px(k, 32), in = ui_px(k, 14);
	SDL_Rect track = {r.x + r.w - in - sw, r.y + (r.h - sh) / 2, sw, sh};
	/* Off is a grey track, as plain to see as on's navy. */
	ui_round_rect(k, track, sh / 2, on ? UI_NAVY : UI_MUTED);
	int knob = sh - ui_px(k, 6);
	SDL_Rect kr = {on ? track.x + track.w - ui_px(k, 3) - knob : track.x + ui_px(k, 3), track.y + ui_px(k, 3), knob, knob};
	ui_round_rect(k, kr, knob / 2, UI_CARD);
	/* The word too, before the switch: a switch alone is not plain to all. */
	int small = ui_font(k, 17), ww = SDL_max(text_width(k->text, ui_str(k, "on"), -1, small, 1),
						 text_width(k->text, ui_str(k, "off"), -1, small, 1));
	SDL_Rect word = {track.x - in / 2 - ww, r.y, ww, r.h};
	ui_label(k, ui_str(k, on ? "on" : "off"), word, small, on ? UI_NAVY : UI_MUTED, TEXT_RIGHT);
	ui_label(k, label, (SDL_Rect){r.x + in, r.y, word.x - r.x - 2 * in, r.h}, ui_font(k, 20), UI_INK, TEXT_LEFT);
}

void access_draw(kiosk *k)
{
	static const char *const sound_keys[3] = {"aloud_soft", "aloud_normal", "aloud_loud"};
	if (!k->access.panel)
		return;
	panel_layout l = layout(k);
	ui_panel_begin(k, &l.panel, ui_str(k, "access_title"), 1);
	toggle(k, l.rows[ROW_LARGE], ui_str(k, "access_large"), k->access.large_text);
	toggle(k, l.rows[ROW_CONTRAST], ui_str(k, "access_contrast"), k->access.contrast);
	toggle(k, l.rows[ROW_SPEAK], ui_str(k, "access_speak"), k->access.speak_buttons);
	SDL_Rect s = l.rows[ROW_SOUND];
	int size = ui_font(k, 20), lh = text_line_height(k->text, size);
	int in = ui_px(k, 14);
	text_wrap(k->text, ui_str(k, "access_sound"), (SDL_Rect){s.x + in, s.y + (s.h - lh) / 2, l.sound[0].x - s.x - 2 * in, lh},
		  size, 1, UI_INK, 1, TEXT_LEFT, 1);
	for (int i = 0; i < 3; i++)
		ui_button(k, l.sound[i], ui_str(k, sound_keys[i]), i == k->access.loudness ? 3 : 2);
	ui_button(k, l.rows[ROW_DONE], ui_str(k, "access_done"), 0);
	ui_panel_end(k, &l.panel, &k->access.scroll, l.content_h);
	ui_scroll_update(&k->access.scroll, 0); /* within its ends (the screens' updates do not reach it) */
}

/* Over every screen, so hit-tested here, by the layout drawn. */
int access_touch(kiosk *k, const gesture *g)
{
	if (!k->access.panel)
		return 0;
	panel_layout l = layout(k);
	int what = ui_panel_touch(&l.panel, &k->access.scroll, g);
	k->access.scroll.velocity = 0; /* no flick: nothing here updates it */
	if (what == UI_PANEL_CLOSED) {
		k->access.panel = 0;
		k->access.scroll = (ui_scroller){0};
		return 1;
	}
	if (what != UI_PANEL_TAPPED)
		return 1;
	if (ui_hit(l.rows[ROW_LARGE], g->x, g->y))
		k->access.large_text = !k->access.large_text;
	else if (ui_hit(l.rows[ROW_CONTRAST], g->x, g->y))
		k->access.contrast = !k->access.contrast;
	else if (ui_hit(l.rows[ROW_SPEAK], g->x, g->y))
		k->access.speak_buttons = !k->access.speak_buttons;
	else if (ui_hit(l.rows[ROW_DONE], g->x, g->y))
		k->access.panel = 0, k->access.scroll = (ui_scroller){0};
	for (int i = 0; i < 3; i++)
		if (ui_hit(l.sound[i], g->x, g->y))
			k->access.loudness = i;
	apply(k);
	return 1;
}

/* Held longer than a tap: what is said is never also pressed. */
void access_hold(kiosk *k, const gesture *g)
{
	if (!k->access.speak_buttons || k->access.said || g->held_ms <= k->gestures.tap_ms)
		return;
	for (int i = k->target_count - 1; i >= 0; i--) /* the last drawn is on top */
		if (ui_hit(k->targets[i].r, g->x0, g->y0)) {
			const ui_touch_target *t = &k->targets[i];
			if (t->said[0])
				kiosk_say(k, strings_langs[t->lang >= 0 ? t->lang : k->lang], t->said);
			break;
		}
	k->access.said = 1;
}

void kiosk_say(kiosk *k, const char *lang, const char *text)
{
	if (!k->aloud)
		return;
	char *one = (char *)text;
	aloud_set_volume(k->aloud, kiosk_volume(k));
	aloud_say(k->aloud, lang, &one, 1, 0, SPEECH_RATE_NORMAL, k->now);
}
