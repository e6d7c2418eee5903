/* The content note: an item with a warning opens first to a calm screen
 * with the note in the visitor's language, and two large buttons. */
#include "ui/ui.h"
#include "ui/nav.h"

#include <stdlib.h>
#include "ui/strings.h"

struct note_state {
	int item;                 /* the item the note is of */
};

static int note_init(kiosk *k)
{
	return (k->note = calloc(1, sizeof *k->note)) ? 0 : -1;
}

static void note_free(kiosk *k)
{
	free(k->note);
	k->note = NULL;
}

static void note_open(kiosk *k, const screen_args *a)
{
	k->note->item = a->item;
}

int note_item(const kiosk *k)
{
	return k->note->item;
}

static SDL_Rect card_rect(const kiosk *k)
{
	int w = k->w - 2 * ui_px(k, 24);
	if (w > ui_px(k, 720))
		w = ui_px(k, 720);
	/* Below the language buttons. */
	int top = ui_header_height(k), room = k->h - top - ui_px(k, 16);
	int h = room > ui_px(k, 440) ? ui_px(k, 440) : room;
	return (SDL_Rect){(k->w - w) / 2, top + (room - h) / 2, w, h};
}

static void button_rects(const kiosk *k, SDL_Rect *open, SDL_Rect *back)
{
	SDL_Rect c = card_rect(k);
	int in = ui_px(k, 24), bh = ui_px(k, 60), gap = ui_px(k, 16);
	int bw = (c.w - 2 * in - gap) / 2;
	*back = (SDL_Rect){c.x + in, c.y + c.h - in - bh, bw, bh};
	*open = (SDL_Rect){c.x + in + bw + gap, c.y + c.h - in - bh, bw, bh};
}

static void note_draw(kiosk *k)
{
	const item *it = &k->items[k->note->item];
	const char *lang = strings_langs[k->lang];
	ui_fill(k, (SDL_Rect){0, 0, k->w, k->h}, UI_DUSK);
	SDL_Rect c = card_rect(k);
	ui_round_rect(k, c, ui_px(k, 16), UI_PAPER);
	int in = ui_px(k, 24), y = c.y + in, w = c.w - 2 * in;
	y += text_wrap(k->text, ui_str(k, "note_title"), (SDL_Rect){c.x + in, y, w, 0}, ui_font(k, 20), 1, UI_ACCENT, 2, TEXT_LEFT, 1);
	y += ui_px(k, 8);
	int title = ui_fit_size(k, item_title_in(it, lang), (SDL_Rect){c.x + in, y, w, c.h / 3}, ui_font(k, 20), 1);
	y += text_wrap(k->text, item_title_in(it, lang), (SDL_Rect){c.x + in, y, w, 0}, title, 1, UI_INK, 4, TEXT_LEFT, 1);
	y += ui_px(k, 14);
	SDL_Rect open, back;
	button_rects(k, &open, &back);
	SDL_Rect room = {c.x + in, y, w, open.y - ui_px(k, 12) - y};
	int size = ui_fit_size(k, item_warning_in(it, lang), room, ui_font(k, 22), 0);
	int lines = room.h / text_line_height(k->text, size);
	text_wrap(k->text, item_warning_in(it, lang), room, size, 0, UI_INK, lines > 0 ? lines : 1, TEXT_LEFT, 1);
	int hh = ui_header_height(k), bh = ui_px(k, 52);
	int home = ui_home_button(k, ui_home_rect(k, (SDL_Rect){ui_px(k, 4), (hh - bh) / 2, 0, bh}));
	if (ui_button(k, back, ui_str(k, "note_back"), 1))
		nav_back(k);
	else if (home)
		nav_home(k);
	else if (ui_button(k, open, ui_str(k, "note_continue"), 0))
		nav_cover(k, k->note->item);
	ui_lang_buttons(k, k->w - ui_px(k, 10), 0, ui_header_height(k), 1);
}

static void note_key(kiosk *k, SDL_Keycode key)
{
	if (key == SDLK_RETURN || key == SDLK_KP_ENTER)
		nav_cover(k, k->note->item);
}

const screen_ops note_screen = {.name = "note", .flags = SCREEN_TRANSIENT | SCREEN_TAPS_IN_DRAW, .init = note_init, .open = note_open,
				.draw = note_draw, .key = note_key, .free = note_free};
