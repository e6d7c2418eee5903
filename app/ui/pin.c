/* The PIN pad: the staff's way into Admin (a 5 s press in the top-left
 * corner brings it), and where a new PIN is typed twice. Three wrong PINs
 * lock the pad for a minute. A PIN that cannot be read (a damaged or
 * missing catalogue) locks it until it can: never does 0000 open Admin
 * then, since Admin can quit the kiosk. */
#include "ui/ui.h"
#include "ui/nav.h"
#include "ui/strings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOCK_MS 60000
#define TRIES 3

struct pin_state {
	char digits[9];
	int wrong;
	Uint32 locked_until;      /* kiosk clock */
	int mode;                 /* PIN_ENTER, PIN_NEW, PIN_CONFIRM */
	char first[9];            /* the new PIN, typed once */
	char message[128];
	int message_is_error;
	int unreadable;           /* the PIN's hash cannot be read: the pad is locked */
	char why[256];            /* why, for staff */
};

static const char *const pad_keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", "OK"};

static SDL_Rect pad_rect(const kiosk *k)
{
	int top = ui_header_bottom((kiosk *)k, ui_str(k, "pin_title")) + ui_px(k, 64);
	int key = SDL_min(ui_px(k, 76), (k->h - top - ui_px(k, 12)) / 4);
	int gap = ui_px(k, 8), w = 3 * key + 2 * gap, h = 4 * key + 3 * gap;
	int x = k->w > k->h ? k->w / 2 + (k->w / 2 - w) / 2 : (k->w - w) / 2;
	/* Portrait: low on the screen, within reach, the words above it
	 * with all the room they need (a damaged catalogue's take many). */
	int y = k->w > k->h ? top + (k->h - top - h) / 2 : k->h - h - ui_px(k, 48);
	return (SDL_Rect){x, SDL_max(top, y), w, h};
}

static SDL_Rect key_rect(const kiosk *k, int i)
{
	SDL_Rect p = pad_rect(k);
	int gap = ui_px(k, 8), key = (p.w - 2 * gap) / 3;
	return (SDL_Rect){p.x + (i % 3) * (key + gap), p.y + (i / 3) * (key + gap), key, key};
}

/* Where the message and the dots go: left of the pad, or above it. */
static SDL_Rect info_rect(const kiosk *k)
{
	int top = ui_header_bottom((kiosk *)k, ui_str(k, "pin_title")) + ui_px(k, 16), pad = ui_px(k, 24);
	if (k->w > k->h)
		return (SDL_Rect){pad, top, k->w / 2 - 2 * pad, k->h - top - pad};
	return (SDL_Rect){pad, top, k->w - 2 * pad, pad_rect(k).y - top};
}

static int pin_init(kiosk *k)
{
	return (k->pin = calloc(1, sizeof *k->pin)) ? 0 : -1;
}

static void pin_free(kiosk *k)
{
	free(k->pin);
	k->pin = NULL;
}

static void pin_open(kiosk *k, const screen_args *a)
{
	int mode = a->pin_mode;
	pin_state *p = k->pin;
	p->digits[0] = 0;
	p->mode = mode;
	p->message[0] = 0;
	p->message_is_error = 0;
	if (mode == PIN_ENTER)
		p->first[0] = 0;
	p->unreadable = mode == PIN_ENTER &&
			settings_pin_state(k->data ? k->data->cat : NULL, p->why) == SETTINGS_PIN_UNREADABLE;
}

static int locked(const kiosk *k)
{
	return k->pin->unreadable || (k->pin->locked_until && (Sint32)(k->pin->locked_until - k->now) > 0);
}

static void say(kiosk *k, const char *key, int error)
{
	snprintf(k->pin->message, sizeof k->pin->message, "%s", key);
	k->pin->message_is_error = error;
}

static void submit(kiosk *k)
{
	pin_state *p = k->pin;
	catalog *cat = k->data ? k->data->cat : NULL;
	if (p->mode == PIN_ENTER) {
		int right = settings_check_pin(cat, p->digits, p->why);
		if (right < 0) {
			p->digits[0] = 0;
			p->unreadable = 1;
			return;
		}
		if (right) {
			p->wrong = 0;
			p->digits[0] = 0;
			nav_go(k, SCREEN_ADMIN);
			return;
		}
		p->digits[0] = 0;
		if (++p->wrong >= TRIES) {
			p->wrong = 0;
			p->locked_until = k->now + LOCK_MS;
			say(k, "pin_locked", 1);
		} else {
			say(k, "pin_wrong", 1);
		}
	} else if (p->mode == PIN_NEW) {
		if (strlen(p->digits) < 4) {
			say(k, "pin_too_short", 1);
			return;
		}
		snprintf(p->first, sizeof p->first, "%s", p->digits);
		p->digits[0] = 0;
		p->mode = PIN_CONFIRM;
		say(k, "pin_again", 0);
	} else {
		char pin[sizeof p->digits];
		int same = strcmp(p->first, p->digits) == 0;
		snprintf(pin, sizeof pin, "%s", p->digits);
		p->digits[0] = 0;
		p->first[0] = 0;
		p->mode = PIN_NEW;
		if (!same) {
			say(k, "pin_mismatch", 1);
			return;
		}
		if (!cat || settings_set_pin(cat, pin) != 0) {
			say(k, "pin_not_saved", 1);
			return;
		}
		nav_go(k, SCREEN_ADMIN);
	}
}

/* Key i of the pad (its digit, ‹ the last one off, OK) was pressed. */
static void press_key(kiosk *k, int i)
{
	pin_state *p = k->pin;
	size_t n = strlen(p->digits);
	if (locked(k))
		return;
	if (i == 9 && n > 0)
		p->digits[n - 1] = 0;
	else if (i == 11)
		submit(k);
	else if (i != 9 && n < 8)
		strcat(p->digits, pad_keys[i]);
}

/* A message whole in the room from y down to bottom: smaller if need be. */
static int draw_message(kiosk *k, const char *msg, SDL_Rect info, int y, int bottom, SDL_Color ink)
{
	int size = ui_fit_size(k, msg, (SDL_Rect){0, 0, info.w, bottom - y}, ui_font(k, 19), 1);
	return text_wrap(k->text, msg, (SDL_Rect){info.x, y, info.w, 0}, size, 1, ink, 0, TEXT_LEFT, 1);
}

static void pin_draw(kiosk *k)
{
	pin_state *p = k->pin;
	ui_fill(k, (SDL_Rect){0, 0, k->w, k->h}, UI_PAPER);
	ui_header(k, ui_str(k, "pin_title"));
	SDL_Rect info = info_rect(k);
	const char *prompt = p->mode == PIN_ENTER ? "pin_prompt" : p->mode == PIN_NEW ? "pin_new" : "pin_again";
	int size = ui_font(k, 22), y = info.y;
	y += text_wrap(k->text, ui_str(k, prompt), (SDL_Rect){info.x, y, info.w, 0}, size, 1, UI_INK, 0, TEXT_LEFT, 1) + ui_px(k, 10);
	/* One dot per digit typed. */
	int dot = ui_px(k, 18), gap = ui_px(k, 12);
	for (int i = 0; i < (int)strlen(p->digits); i++)
		ui_round_rect(k, (SDL_Rect){info.x + i * (dot + gap), y, dot, dot}, dot / 2, UI_NAVY);
	for (int i = (int)strlen(p->digits); i < 4; i++) { /* an empty place: a ring, plain to see in either palette */
		SDL_Rect r = {info.x + i * (dot + gap), y, dot, dot};
		int e = ui_px(k, 3);
		ui_round_rect(k, r, dot / 2, UI_EDGE);
		ui_round_rect(k, (SDL_Rect){r.x + e, r.y + e, r.w - 2 * e, r.h - 2 * e}, dot / 2 - e, UI_PAPER);
	}
	y += dot + ui_px(k, 16);
	int bottom = info.y + info.h;
	if (p->unreadable) { /* what is wrong, then the catalogue's own words for staff */
		int small = ui_font(k, 15), why_h = text_wrap(k->text, p->why, (SDL_Rect){0, 0, info.w, 0}, small, 1, UI_MUTED, 0, TEXT_LEFT, 0);
		y += draw_message(k, ui_str(k, "pin_unreadable"), info, y, bottom - why_h - ui_px(k, 8), UI_ACCENT) + ui_px(k, 8);
		text_wrap(k->text, p->why, (SDL_Rect){info.x, y, info.w, 0}, small, 1, UI_MUTED, 0, TEXT_LEFT, 1);
	} else if (locked(k)) {
		char msg[160];
		ui_format_numbers(ui_str(k, "pin_locked"), (int)((k->pin->locked_until - k->now + 999) / 1000), 0, msg, sizeof msg);
		draw_message(k, msg, info, y, bottom, UI_ACCENT);
	} else if (p->message[0]) {
		draw_message(k, ui_str(k, p->message), info, y, bottom, p->message_is_error ? UI_ACCENT : UI_MUTED);
	}
	for (int i = 0; i < 12; i++)
		if (ui_button(k, key_rect(k, i), i == 9 ? "‹" : pad_keys[i], i == 11 ? 0 : 1))
			press_key(k, i);
}

static void pin_key(kiosk *k, SDL_Keycode key)
{
	size_t n = strlen(k->pin->digits);
	if (locked(k))
		return;
	if (key >= SDLK_0 && key <= SDLK_9 && n < 8) {
		k->pin->digits[n] = (char)('0' + (key - SDLK_0));
		k->pin->digits[n + 1] = 0;
	} else if (key == SDLK_BACKSPACE && n > 0) {
		k->pin->digits[n - 1] = 0;
	} else if (key == SDLK_RETURN) {
		submit(k);
	}
}

const screen_ops pin_screen = {.name = "pin", .flags = SCREEN_TRANSIENT | SCREEN_NO_ADMIN_HOLD | SCREEN_TAPS_IN_DRAW,
			       .init = pin_init,
			       .open = pin_open, .draw = pin_draw, .key = pin_key, .free = pin_free};
