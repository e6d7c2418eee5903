/* The date and time card (clock_card.h). The kiosk only asks: the system
 * sets the clock (core/clock.h). */
#include "ui/clock_card.h"
#include "ui/strings.h"
#include "core/clock.h"
#include "core/localize.h"

#include <stdio.h>

enum { CLOCK_DAY, CLOCK_MONTH, CLOCK_YEAR, CLOCK_HOUR, CLOCK_MINUTE, CLOCK_FIELDS };
static const char *const clock_keys[CLOCK_FIELDS] = {"admin_clock_day", "admin_clock_month", "admin_clock_year",
						     "admin_clock_hour", "admin_clock_minute"};

int clock_card_height(const kiosk *k)
{
	return ui_px(k, 300); /* with two lines for what became of the last set */
}

/* Column i's + (plus 1) or − (plus 0); i == CLOCK_FIELDS: the set button. */
static SDL_Rect button(const kiosk *k, int x, int top, int w, int i, int plus)
{
	int set_w = w / 4, col_w = (w - set_w - ui_px(k, 16)) / CLOCK_FIELDS;
	int s = SDL_min(ui_px(k, 56), col_w - ui_px(k, 8));
	top += ui_px(k, 72);
	if (i == CLOCK_FIELDS)
		return (SDL_Rect){x + w - set_w - ui_px(k, 8), top + ui_px(k, 44), set_w, ui_px(k, 60)};
	return (SDL_Rect){x + ui_px(k, 8) + i * col_w + (col_w - s) / 2, plus ? top : top + s + ui_px(k, 40), s, s};
}

/* One field moved by delta; the others stay (a day past the month's end
 * goes on into the next, as mktime has it). Never before the day this
 * program was built. */
static void step(clock_card *c, int field, int delta)
{
	struct tm tm;
	localtime_r(&c->draft, &tm);
	int *fields[CLOCK_FIELDS] = {&tm.tm_mday, &tm.tm_mon, &tm.tm_year, &tm.tm_hour, &tm.tm_min};
	*fields[field] += delta;
	tm.tm_year = SDL_clamp(tm.tm_year, 100, 199); /* 2000 to 2099 */
	tm.tm_isdst = -1;
	time_t t = mktime(&tm);
	if (t != (time_t)-1 && t >= clock_floor(NULL))
		c->draft = t;
	c->changed = 1;
	c->note[0] = 0;
}

static void set(kiosk *k, clock_card *c)
{
	char err[256], when[128];
	localize_datetime(strings_langs[k->lang], c->draft, when, sizeof when);
	if (!k->data || clock_request_set(k->data->dir, c->draft, err) != 0) {
		snprintf(c->note, sizeof c->note, "%s %s", ui_str(k, "admin_clock_failed"), k->data ? err : "");
		return;
	}
	fprintf(stderr, "hishatak: kiosk: the clock set by hand to %lld\n", (long long)c->draft);
	snprintf(c->note, sizeof c->note, "%s %s", ui_str(k, "admin_clock_done"), when);
	/* Staff know the time: an import logged under a clock that was ahead no longer says it is wrong. */
	if (c->draft < k->clock_floor)
		k->clock_floor = clock_floor(NULL);
	c->changed = 0;
	c->asked = k->now ? k->now : 1;
}

/* The system takes the request away once it has set the clock: one still
 * there after a while was carried out by nobody. */
#define CLOCK_WAIT_MS 10000

void clock_card_follow(kiosk *k, clock_card *c)
{
	if (!c->asked || k->now - c->asked < CLOCK_WAIT_MS)
		return;
	c->asked = 0;
	if (k->data && clock_requested(k->data->dir) != 0)
		snprintf(c->note, sizeof c->note, "%s %s", ui_str(k, "admin_clock_failed"), ui_str(k, "admin_clock_nobody"));
}

/* A − or +: drawn with its sign, heard (and found by a script's
 * tap "LABEL") as "Year +". */
static int sign_button(kiosk *k, SDL_Rect r, const char *sign, int field)
{
	int first = k->target_count, hit = ui_button(k, r, sign, 1);
	if (k->target_count > first)
		snprintf(k->targets[first].said, sizeof k->targets[first].said, "%s %s", ui_str(k, clock_keys[field]), sign);
	return hit;
}

void clock_card_draw(kiosk *k, clock_card *c, int x, int top, int w)
{
	if (!c->changed)
		c->draft = time(NULL) / 60 * 60;
	int body = ui_font(k, 18), small = ui_font(k, 15), gap = ui_px(k, 8), hit = -1, delta = 0;
	ui_round_rect(k, (SDL_Rect){x, top, w, clock_card_height(k) - gap}, ui_px(k, 10), UI_CARD);
	char line[512], when[128], value[16];
	localize_datetime(strings_langs[k->lang], c->draft, when, sizeof when);
	snprintf(line, sizeof line, "%s:  %s", ui_str(k, "admin_clock_title"), when);
	SDL_Rect title = {x + ui_px(k, 14), top + ui_px(k, 6), w - ui_px(k, 28), ui_px(k, 40)};
	/* Where the heading and the date are too long for a line, the date
	 * alone: the fields under it say what it is. */
	ui_label(k, ui_fits(k, line, title.w, ui_smallest(k, body), 1) ? line : when, title, body, UI_INK, TEXT_LEFT);
	struct tm tm;
	localtime_r(&c->draft, &tm);
	const int values[CLOCK_FIELDS] = {tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900, tm.tm_hour, tm.tm_min};
	for (int i = 0; i < CLOCK_FIELDS; i++) {
		SDL_Rect plus = button(k, x, top, w, i, 1), minus = button(k, x, top, w, i, 0);
		int col_w = plus.w + ui_px(k, 40), lh = text_line_height(k->text, body);
		text_wrap(k->text, ui_str(k, clock_keys[i]),
			  (SDL_Rect){plus.x + plus.w / 2 - col_w / 2, plus.y - ui_px(k, 26), col_w, 0}, small, 0, UI_MUTED, 1, TEXT_CENTER,
			  1);
		snprintf(value, sizeof value, i == CLOCK_YEAR ? "%d" : "%02d", values[i]);
		text_wrap(k->text, value, (SDL_Rect){plus.x - ui_px(k, 20), plus.y + plus.h + (minus.y - plus.y - plus.h - lh) / 2,
						       plus.w + ui_px(k, 40), lh},
			  body, 1, UI_NAVY, 1, TEXT_CENTER, 1);
		if (sign_button(k, plus, "+", i))
			hit = i, delta = 1;
		if (sign_button(k, minus, "–", i)) /* the en dash, as the rows' (the fonts have no minus sign) */
			hit = i, delta = -1;
	}
	if (ui_button(k, button(k, x, top, w, CLOCK_FIELDS, 0), ui_str(k, "admin_clock_set"), 0))
		hit = CLOCK_FIELDS;
	if (c->note[0])
		text_wrap(k->text, c->note, (SDL_Rect){x + ui_px(k, 14), top + ui_px(k, 232), w - ui_px(k, 28), 0}, small, 0, UI_INK, 2,
			  TEXT_LEFT, 1);
	if (hit == CLOCK_FIELDS)
		set(k, c);
	else if (hit >= 0)
		step(c, hit, delta);
}
