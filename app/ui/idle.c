/* Idle returns and the "Still there?" count-down: see idle.h. */
#include "ui/idle.h"
#include "ui/nav.h"
#include "ui/strings.h"

#include <stdio.h>

/* How long the count-down shows: 15 s, or a third of a short idle time. */
static Uint32 countdown_ms(const kiosk *k)
{
	Uint32 to_home = (Uint32)k->settings.idle_seconds * 1000;
	return SDL_min(15000u, to_home / 3);
}

/* Whether the quiet is heading back Home: not on Home itself (unless it has
 * a history), not while staff work, an import runs or a finger is down. */
static int returns_home(const kiosk *k)
{
	return !gesture_active(&k->gestures) && !import_running(k) && !(screen_table[k->screen]->flags & SCREEN_NO_IDLE) &&
	       k->screen != SCREEN_ATTRACT && (k->screen != SCREEN_HOME || k->history_count);
}

int idle_counting(const kiosk *k)
{
	Uint32 quiet = k->now - k->last_input, to_home = (Uint32)k->settings.idle_seconds * 1000;
	return returns_home(k) && quiet < to_home && quiet + countdown_ms(k) >= to_home;
}

void idle_update(kiosk *k)
{
	if (reader_listening(k)) /* the quiet time counts from the end of the reading */
		k->last_input = k->now;
	if (gesture_active(&k->gestures) || import_running(k) || screen_table[k->screen]->flags & SCREEN_NO_IDLE)
		return;
	Uint32 quiet = k->now - k->last_input;
	Uint32 to_home = (Uint32)k->settings.idle_seconds * 1000;
	Uint32 to_attract = to_home + (Uint32)k->settings.attract_seconds * 1000;
	if (quiet >= to_attract && k->screen != SCREEN_ATTRACT)
		nav_go(k, SCREEN_ATTRACT);
	else if (quiet >= to_home && quiet < to_attract && (k->screen != SCREEN_HOME || k->history_count))
		nav_home(k);
	if (quiet >= to_home) /* the next visitor finds the kiosk as staff set it */
		access_reset(k);
}

/* A card: "Still there?" in each language (the visitor's first), the
 * seconds left, large, and a button that says "I am here". */
void idle_draw(kiosk *k)
{
	if (!idle_counting(k))
		return;
	Uint32 left_ms = (Uint32)k->settings.idle_seconds * 1000 - (k->now - k->last_input);
	int order[STRINGS_LANG_COUNT] = {k->lang}, n = 1;
	for (int l = 0; l < STRINGS_LANG_COUNT; l++)
		if (l != k->lang)
			order[n++] = l;
	ui_dim(k);
	int w = SDL_min(k->w - ui_px(k, 40), ui_px(k, 620)), in = ui_px(k, 24), bh = ui_px(k, 64);
	int first = ui_font(k, 30), other = ui_font(k, 22), digits = ui_font(k, 56);
	int h = 2 * in + text_line_height(k->text, first) + 3 * text_line_height(k->text, other) +
		text_line_height(k->text, digits) + bh + ui_px(k, 28);
	h = SDL_min(h, k->h - ui_px(k, 16));
	SDL_Rect card = {(k->w - w) / 2, (k->h - h) / 2, w, h};
	ui_round_rect(k, card, ui_px(k, 16), UI_PAPER);
	int y = card.y + in;
	for (int i = 0; i < n; i++) {
		/* one line each, smaller rather than cut */
		int size = ui_fit_width(k, strings_get(order[i], "still_there"), card.w - 2 * in, i == 0 ? first : other, 1);
		y += text_wrap(k->text, strings_get(order[i], "still_there"), (SDL_Rect){card.x + in, y, card.w - 2 * in, 0},
			       size, i == 0, i == 0 ? UI_INK : UI_MUTED, 1, TEXT_CENTER, 1);
	}
	char seconds[16], then[160];
	unsigned left = (left_ms + 999) / 1000;
	snprintf(seconds, sizeof seconds, "%u", left);
	y += ui_px(k, 6);
	y += text_wrap(k->text, seconds, (SDL_Rect){card.x + in, y, card.w - 2 * in, 0}, digits, 1, UI_ACCENT, 1,
		       TEXT_CENTER, 1);
	/* what the number counts, and what comes at nought */
	ui_count_text(k, "still_seconds", (int)left, then, sizeof then);
	ui_label(k, then, (SDL_Rect){card.x + in, y, card.w - 2 * in, text_line_height(k->text, other)}, other, UI_INK, TEXT_CENTER);
	SDL_Rect stay = {card.x + in, card.y + card.h - in - bh, card.w - 2 * in, bh};
	ui_button(k, stay, ui_str(k, "still_here"), 0);
}
