/* Home: the archive at a glance. The ways in (Browse, Timeline, Topics,
 * Search), one tile per kind of document with its count, and the items
 * added most recently. Side by side on a landscape screen, stacked on a
 * portrait one. */
#include "ui/ui.h"
#include "ui/nav.h"
#include "ui/strings.h"
#include "core/catalog.h"
#include "core/speech.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A tile for each kind the archive holds, in this order: none that leads
 * to an empty list. */
static const item_kind home_kinds[KIND_COUNT] = {KIND_REPORT, KIND_TESTIMONY, KIND_TRANSCRIPT, KIND_ARTICLE, KIND_PHOTO, KIND_OTHER};
static const screen_id entries[4] = {SCREEN_SEARCH, SCREEN_BROWSE, SCREEN_TIMELINE, SCREEN_TOPICS};
static const char *const entry_keys[4] = {"go_search", "go_browse", "go_timeline", "go_topics"};

struct home_state {
	int *recent, recent_count;/* newest additions first */
	int kind_counts[KIND_COUNT];
	int kinds_shown;          /* of home_kinds */
};

typedef struct {
	SDL_Rect entry[4], kind[KIND_COUNT], recent; /* recent: the list's area, its title above */
	int card_h, gap;
} home_layout;

/* n boxes in rows of cols within area, rows of height row_h; returns the
 * height they take. */
static int grid(SDL_Rect area, int cols, int row_h, int gap, int n, SDL_Rect *out)
{
	int w = (area.w - (cols - 1) * gap) / cols;
	for (int i = 0; i < n; i++)
		out[i] = (SDL_Rect){area.x + (i % cols) * (w + gap), area.y + (i / cols) * (row_h + gap), w, row_h};
	int rows = (n + cols - 1) / cols;
	return rows * row_h + (rows - 1) * gap;
}

static home_layout layout(const kiosk *k)
{
	home_layout l;
	int top = ui_header_height(k), pad = ui_px(k, 16);
	l.gap = ui_px(k, 12);
	l.card_h = ui_px(k, 132);
	int entry_h = ui_px(k, 64), kind_h = ui_px(k, 76), label = ui_px(k, 36), kinds = SDL_max(4, k->home->kinds_shown);
	if (k->w > k->h * 6 / 5) {
		/* Landscape: the ways in on the left, the newest on the right. */
		int left_w = (k->w - 3 * pad) * 9 / 20;
		SDL_Rect a = {pad, top + pad, left_w, 0};
		a.y += grid(a, 2, entry_h, l.gap, 4, l.entry) + pad + label;
		/* A third row of kinds (photos, others) takes the room there is. */
		int rows = (kinds + 1) / 2, room = (k->h - pad - a.y - (rows - 1) * l.gap) / rows;
		grid(a, 2, SDL_max(ui_target_px(k), SDL_min(kind_h, room)), l.gap, kinds, l.kind);
		int x = pad * 2 + left_w;
		l.recent = (SDL_Rect){x, top + pad + label, k->w - x - pad, k->h - top - 2 * pad - label};
	} else {
		int cols = k->w >= ui_px(k, 720) ? 4 : 2;
		SDL_Rect a = {pad, top + pad, k->w - 2 * pad, 0};
		a.y += grid(a, cols, entry_h, l.gap, 4, l.entry) + pad + label;
		int y = a.y + grid(a, kinds > 4 && cols == 4 ? 3 : cols, kind_h, l.gap, kinds, l.kind) + pad + label;
		l.recent = (SDL_Rect){pad, y, k->w - 2 * pad, k->h - y - pad};
	}
	return l;
}

/* Spoken help: a button in the top bar, left of the languages, that says
 * what this screen offers in the visitor's language. */
static SDL_Rect help_button(const kiosk *k)
{
	int h = ui_header_height(k), pad = ui_px(k, 10), in = ui_px(k, 6);
	int lang_x = ui_lang_buttons((kiosk *)k, k->w - pad, 0, h, 0);
	int w = SDL_max(ui_px(k, 120), ui_target_px(k));
	return (SDL_Rect){lang_x - ui_px(k, 12) - w, in, w, h - 2 * in};
}

static void say_help(kiosk *k)
{
	kiosk_say(k, strings_langs[k->lang], ui_str(k, "home_help"));
}

static int newest_first(const void *a, const void *b, void *items)
{
	const item *it = items;
	long long x = it[*(const int *)a].number, y = it[*(const int *)b].number;
	return (y > x) - (y < x);
}

static int home_init(kiosk *k)
{
	return (k->home = calloc(1, sizeof *k->home)) ? 0 : -1;
}

static void home_open(kiosk *k, const screen_args *a)
{
	if (!k->home->recent && k->item_count > 0) {
		k->home->recent = malloc((size_t)k->item_count * sizeof *k->home->recent);
		if (!k->home->recent)
			return;
		for (int i = 0; i < k->item_count; i++)
			k->home->recent[i] = i;
		qsort_r(k->home->recent, (size_t)k->item_count, sizeof *k->home->recent, newest_first, k->items);
		k->home->recent_count = k->item_count;
		/* From the catalogue: on the first frame the kiosk holds only the newest items. */
		if (catalog_count_kinds(k->data->cat, k->home->kind_counts) != 0)
			fprintf(stderr, "hishatak: kiosk: %s\n", catalog_error(k->data->cat));
		k->home->kinds_shown = 0;
		for (int i = 0; i < KIND_COUNT; i++)
			if (k->home->kind_counts[home_kinds[i]] > 0)
				k->home->kinds_shown++;
	}
}

static void home_items_changed(kiosk *k)
{
	free(k->home->recent);
	k->home->recent = NULL;
	k->home->recent_count = 0;
	memset(k->home->kind_counts, 0, sizeof k->home->kind_counts);
}

static void section_title(kiosk *k, const char *text, int x, int y, int w)
{
	int size = ui_font(k, 19);
	text_wrap(k->text, text, (SDL_Rect){x, y - ui_px(k, 32), w, 0}, size, 1, UI_MUTED, 1, TEXT_LEFT, 1);
}

/* A kind's tile: its count and name; 1 when tapped. */
static int draw_kind(kiosk *k, SDL_Rect r, item_kind kind)
{
	int tapped = ui_tapped(k, r);
	ui_target_said(k, r, ui_kind_plural(k, kind), -1);
	ui_round_rect(k, r, ui_px(k, 12), ui_pressed(k, r) ? UI_LINE : UI_CARD);
	ui_fill(k, (SDL_Rect){r.x, r.y + ui_px(k, 10), ui_px(k, 5), r.h - ui_px(k, 20)}, UI_ACCENT);
	char n[32];
	ui_format_count(k, k->home->kind_counts[kind], n);
	int big = ui_font(k, 28), small = ui_font(k, 17), in = ui_px(k, 16);
	int nw = text_width(k->text, n, -1, big, 1), bh = text_line_height(k->text, big);
	int x = r.x + in + nw + ui_px(k, 12), lh = text_line_height(k->text, small);
	const char *label = ui_kind_plural(k, kind);
	if (ui_fits(k, label, r.x + r.w - in / 2 - x, (int)((float)small * 0.8f / k->text_scale), 2)) { /* the count, and its words beside it */
		text_draw(k->text, n, r.x + in, r.y + (r.h - bh) / 2, big, 1, UI_NAVY);
		ui_label(k, label, (SDL_Rect){x, r.y + (r.h - 2 * lh) / 2, r.x + r.w - in / 2 - x, 2 * lh}, small, UI_INK, TEXT_LEFT);
	} else { /* a long word: under the count, the tile's whole width */
		int y = r.y + (r.h - bh - lh) / 2;
		text_draw(k->text, n, r.x + in, y, big, 1, UI_NAVY);
		ui_label(k, label, (SDL_Rect){r.x + in, y + bh, r.w - in - in / 2, lh}, small, UI_INK, TEXT_LEFT);
	}
	return tapped;
}

static int recent_fits(const kiosk *k, const home_layout *l)
{
	int n = (l->recent.h + l->gap) / (l->card_h + l->gap);
	return SDL_min(n, k->home->recent_count);
}

/* Drawn whole, then where a tap went (gl-ui's way: what is drawn is what is tapped). */
static void home_draw(kiosk *k)
{
	home_layout l = layout(k);
	ui_fill(k, (SDL_Rect){0, 0, k->w, k->h}, UI_PAPER);
	ui_header(k, ui_str(k, "app_name"));
	if (k->aloud && ui_button(k, help_button(k), ui_str(k, "aloud_listen"), 1))
		say_help(k);
	if (k->item_count == 0) {
		const char *msg = k->notice[0] ? k->notice : ui_str(k, "empty");
		SDL_Rect box = {ui_px(k, 48), k->h / 2 - ui_px(k, 40), k->w - ui_px(k, 96), ui_px(k, 120)};
		text_wrap(k->text, msg, box, ui_font(k, 22), 0, UI_MUTED, 4, TEXT_CENTER, 1);
		return;
	}
	int entry = -1, kind = -1, recent = -1;
	for (int i = 0; i < 4; i++)
		if (ui_button(k, l.entry[i], ui_str(k, entry_keys[i]), i == 0 ? 0 : 1))
			entry = i;
	section_title(k, ui_str(k, "home_kinds"), l.kind[0].x, l.kind[0].y, l.recent.x > l.kind[0].x ? l.recent.x : k->w);
	for (int i = 0, shown = 0; i < KIND_COUNT && shown < k->home->kinds_shown; i++)
		if (k->home->kind_counts[home_kinds[i]] > 0)
			if (draw_kind(k, l.kind[shown++], home_kinds[i]))
				kind = i;
	int n = recent_fits(k, &l);
	section_title(k, ui_str(k, "home_recent"), l.recent.x, l.recent.y, l.recent.w);
	for (int i = 0; i < n; i++)
		if (ui_item_card(k, k->home->recent[i], (SDL_Rect){l.recent.x, l.recent.y + i * (l.card_h + l.gap), l.recent.w, l.card_h}))
			recent = k->home->recent[i];
	if (entry >= 0) {
		switch (entries[entry]) {
		case SCREEN_BROWSE: nav_browse(k, -1, NULL, NULL, 0); break;
		case SCREEN_SEARCH: nav_search(k, -1); break;
		default: nav_go(k, entries[entry]); break;
		}
	} else if (kind >= 0) {
		nav_browse(k, (int)home_kinds[kind], NULL, NULL, 0);
	} else if (recent >= 0) {
		nav_open_item(k, recent);
	}
}

static void home_free(kiosk *k)
{
	if (k->home)
		home_items_changed(k);
	free(k->home);
	k->home = NULL;
}

const screen_ops home_screen = {.name = "home", .flags = SCREEN_TAPS_IN_DRAW, .init = home_init, .open = home_open,
				.draw = home_draw, .items_changed = home_items_changed, .free = home_free};
