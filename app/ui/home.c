/* Home: the archive at a glance. Its name in the visitor's script and a
 * sentence of what it is; its collections, the places to start, as large
 * picture cards; the ways in (Browse, Timeline, Topics, Search), a tile
 * for each kind of document it holds with its count, and the items added
 * most recently where there is room. Side by side on a landscape screen,
 * stacked on a portrait one. */
#include "ui/ui.h"
#include "ui/nav.h"
#include "ui/strings.h"
#include "core/catalog.h"
#include "core/speech.h"
#include "core/store.h"

#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The kinds in the order of their tiles: those the archive holds (no tile says 0). */
static const item_kind home_kinds[KIND_COUNT] = {KIND_REPORT, KIND_TESTIMONY, KIND_TRANSCRIPT, KIND_ARTICLE, KIND_PHOTO, KIND_OTHER};
static const screen_id entries[4] = {SCREEN_SEARCH, SCREEN_BROWSE, SCREEN_TIMELINE, SCREEN_TOPICS};
static const char *const entry_keys[4] = {"go_search", "go_browse", "go_timeline", "go_topics"};

#define HOME_COLLECTIONS 6 /* cards at most: places to start, not a catalogue */

struct home_state {
	int *recent, recent_count;/* newest additions first */
	int kind_counts[KIND_COUNT];
	int kinds_shown;          /* of home_kinds */
	SDL_Texture *pictures[HOME_COLLECTIONS]; /* the collections' own, loaded once */
	int pictures_tried[HOME_COLLECTIONS];
};

typedef struct {
	SDL_Rect intro;           /* the archive's sentence under the bar (h 0: none) */
	int intro_size;
	SDL_Rect entry[4], kind[KIND_COUNT], recent; /* recent: the list's area, its title above */
	SDL_Rect collection[HOME_COLLECTIONS];
	int collections;          /* how many cards fit */
	int kinds;                /* the kinds' tiles shown: none where they gave way to the sentence */
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

/* A section's title over its cards: the room it takes, its line whole
 * at every text size. */
static int section_h(const kiosk *k)
{
	return SDL_max(ui_px(k, 36), text_line_height(k->text, ui_font(k, 20)) + ui_px(k, 6));
}

static int intro_size(const kiosk *k)
{
	return ui_font(k, 20);
}

/* The collections' cards in area, one under the other, each at most
 * card_h high and at least a readable height; returns how many fit. */
static int collection_cards(const kiosk *k, SDL_Rect area, int gap, home_layout *l)
{
	int n = SDL_min(k->guide.collection_count, HOME_COLLECTIONS), h = ui_px(k, 180), min_h = ui_px(k, 96);
	if (n == 0 || area.h < min_h)
		return 0;
	int fits = (area.h + gap) / (min_h + gap);
	n = SDL_min(n, fits);
	h = SDL_min(h, (area.h - (n - 1) * gap) / n);
	for (int i = 0; i < n; i++)
		l->collection[i] = (SDL_Rect){area.x, area.y + i * (h + gap), area.w, h};
	return n;
}

/* The archive's sentence, whole, under the bar at top, with below pixels
 * under it, at its size or down to smallest; 1 when it fits (top moved
 * under it). */
static int fit_intro(const kiosk *k, const char *intro, int *top, int below, int smallest, home_layout *l)
{
	int pad = ui_px(k, 16);
	for (l->intro_size = intro_size(k); intro && l->intro_size >= smallest; l->intro_size--) {
		int h = text_wrap(k->text, intro, (SDL_Rect){pad, 0, k->w - 2 * pad, 0}, l->intro_size, 0, UI_INK, 0, TEXT_LEFT, 0);
		if (*top + pad * 3 / 4 + h + below <= k->h) {
			l->intro = (SDL_Rect){pad, *top + pad * 3 / 4, k->w - 2 * pad, h};
			*top = l->intro.y + h;
			return 1;
		}
	}
	return 0;
}

static home_layout layout(const kiosk *k)
{
	home_layout l = {0};
	int top = ui_header_height(k), pad = ui_px(k, 16);
	l.gap = ui_px(k, 12);
	l.card_h = ui_px(k, 132);
	int entry_h = ui_px(k, 64), kind_h = ui_px(k, 76), label = section_h(k), kinds = k->home->kinds_shown;
	const char *intro = ui_archive_intro(k);
	int places = k->guide.collection_count > 0, landscape = k->w > k->h * 6 / 5;
	/* The archive's sentence, whole, under the bar, a fifth smaller where
	 * the ways in and the kinds would not fit under it (Larger text on a
	 * small landscape screen), left out where even that does not fit. */
	int rows = SDL_max(1, (kinds + 1) / 2);
	int below = landscape ? 2 * pad + 2 * entry_h + l.gap + pad + label + rows * ui_target_px(k) + (rows - 1) * l.gap : 0;
	/* Portrait: the ways in and the kinds' tiles under the places to
	 * start, all on the screen (Larger text at 720x1280): a place to
	 * start gives way first, then the sentence as in landscape. */
	int cols = k->w >= ui_px(k, 720) ? 4 : 2, kind_cols = kinds > 4 && cols == 4 ? 3 : cols;
	int kind_rows = (kinds + kind_cols - 1) / kind_cols, entry_rows = (4 + cols - 1) / cols;
	int rest = pad + entry_rows * entry_h + (entry_rows - 1) * l.gap + pad + label +
		   (kinds ? kind_rows * kind_h + (kind_rows - 1) * l.gap + pad : 0);
	if (!landscape)
		below = rest + (places ? label + ui_px(k, 96) : 0);
	int fitted = fit_intro(k, intro, &top, below, intro_size(k) * 4 / 5, &l);
	/* Landscape, still no room (Larger text at 800x480): the sentence
	 * says what the archive is, and the kinds are in Browse too, so they
	 * give way; the ways in grow into their room, their words whole. */
	int no_kinds = landscape && k->text_scale > 1 && intro && !fitted && kinds &&
		       fit_intro(k, intro, &top, 2 * pad + 2 * entry_h + l.gap, intro_size(k), &l);
	if (no_kinds) {
		kinds = 0;
		entry_h = SDL_min(ui_px(k, 96), (k->h - top - 2 * pad - l.gap) / 2);
	}
	l.kinds = kinds;
	if (landscape) {
		/* Landscape: the ways in on the left; the places to start on the
		 * right, then the newest where there is room. */
		int left_w = (k->w - 3 * pad) * (places && k->w >= ui_px(k, 1000) ? 8 : 9) / 20; /* wide: the places to start take more */
		SDL_Rect a = {pad, top + pad, left_w, 0};
		a.y += grid(a, 2, entry_h, l.gap, 4, l.entry) + pad + label;
		int room = (k->h - pad - a.y - (rows - 1) * l.gap) / rows;
		grid(a, 2, SDL_max(ui_target_px(k), SDL_min(kind_h, room)), l.gap, kinds, l.kind);
		int x = pad * 2 + left_w;
		SDL_Rect right = {x, top + pad + label, k->w - x - pad, k->h - top - 2 * pad - label};
		if (places) {
			l.collections = collection_cards(k, right, l.gap, &l);
			int used = l.collections ? l.collection[l.collections - 1].y + l.collection[l.collections - 1].h - right.y : 0;
			right.y += used + pad + label;
			right.h -= used + pad + label;
		}
		l.recent = right;
	} else {
		/* Portrait: the places to start first, then the ways in, the kinds, the newest. */
		SDL_Rect a = {pad, top + pad, k->w - 2 * pad, 0};
		if (places) {
			a.y += label;
			int n = SDL_min(k->guide.collection_count, HOME_COLLECTIONS);
			int room = SDL_min(k->h * 13 / 20, k->h - rest) - a.y;
			int h = SDL_max(ui_px(k, 96), SDL_min(ui_px(k, 180), (room - (n - 1) * l.gap) / SDL_max(1, n)));
			int cards_h = SDL_min(n * h + (n - 1) * l.gap, room); /* as many as fit */
			l.collections = collection_cards(k, (SDL_Rect){a.x, a.y, a.w, cards_h}, l.gap, &l);
			if (l.collections)
				a.y = l.collection[l.collections - 1].y + l.collection[l.collections - 1].h + pad;
		}
		a.y += grid(a, cols, entry_h, l.gap, 4, l.entry) + pad + label;
		int y = a.y + (kinds ? grid(a, kind_cols, kind_h, l.gap, kinds, l.kind) : -label) + pad + label;
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

static void forget_pictures(kiosk *k)
{
	for (int i = 0; i < HOME_COLLECTIONS; i++) {
		if (k->home->pictures[i])
			SDL_DestroyTexture(k->home->pictures[i]);
		k->home->pictures[i] = NULL;
		k->home->pictures_tried[i] = 0;
	}
}

static void home_items_changed(kiosk *k)
{
	forget_pictures(k);
	free(k->home->recent);
	k->home->recent = NULL;
	k->home->recent_count = 0;
	memset(k->home->kind_counts, 0, sizeof k->home->kind_counts);
}

static void section_title(kiosk *k, const char *text, int x, int y, int w)
{
	int size = ui_font(k, 20);
	text_wrap(k->text, text, (SDL_Rect){x, y - section_h(k) + ui_px(k, 2), w, 0}, size, 1, UI_MUTED, 1, TEXT_LEFT, 1);
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
	int big = ui_font(k, 28), small = ui_font(k, 20), in = ui_px(k, 16);
	int nw = text_width(k->text, n, -1, big, 1), bh = text_line_height(k->text, big);
	int x = r.x + in + nw + ui_px(k, 12), lh = text_line_height(k->text, small);
	char label[96], both[160];
	ui_kind_counted(k, kind, k->home->kind_counts[kind], label, sizeof label);
	snprintf(both, sizeof both, "%s\u00A0%s", n, label); /* the count never alone on its line */
	int lx = r.x + ui_px(k, 7), wide = r.x + r.w - ui_px(k, 4) - lx; /* past the accent */
	int one_line_under = bh + lh <= r.h && ui_fits(k, label, wide, ui_smallest(k, small), 1);
	if (ui_fits(k, label, r.x + r.w - in / 2 - x, ui_smallest(k, small), 2)) { /* the count, and its words beside it */
		text_draw(k->text, n, r.x + in, r.y + (r.h - bh) / 2, big, 1, UI_NAVY);
		ui_label(k, label, (SDL_Rect){x, r.y + (r.h - 2 * lh) / 2, r.x + r.w - in / 2 - x, 2 * lh}, small, UI_INK, TEXT_LEFT);
	} else if (!one_line_under && ui_fits(k, both, wide, ui_smallest(k, small), 2) &&
		   2 * text_line_height(k->text, ui_smallest(k, small)) <= r.h) { /* "1 Расшифровки / видео" */
		ui_label(k, both, (SDL_Rect){lx, r.y, wide, r.h}, small, UI_INK, TEXT_LEFT);
	} else { /* a long word ("Սղագրություններ"): the count large, the word under it, all the tile's width past its accent */
		int y = SDL_max(r.y + ui_px(k, 2), r.y + (r.h - bh - lh) / 2);
		text_draw(k->text, n, r.x + in, y, big, 1, UI_NAVY);
		ui_label(k, label, (SDL_Rect){lx, y + bh, r.x + r.w - ui_px(k, 4) - lx, r.y + r.h - ui_px(k, 2) - y - bh}, small, UI_INK,
			 TEXT_LEFT);
	}
	return tapped;
}

/* Collection n's own picture, loaded from the store the first time (NULL
 * when it has none, or it cannot be read: its first item's page instead). */
static SDL_Texture *picture(kiosk *k, int n)
{
	const guide_collection *c = &k->guide.collections[n];
	if (!c->picture_sha256[0] || k->home->pictures_tried[n])
		return k->home->pictures[n];
	k->home->pictures_tried[n] = 1;
	char path[4096];
	store_path(k->data->st, c->picture_sha256, path);
	SDL_Surface *s = path[0] ? IMG_Load(path) : NULL;
	if (!s) {
		fprintf(stderr, "hishatak: kiosk: collection %s: picture: %s\n", c->id, IMG_GetError());
		return NULL;
	}
	k->home->pictures[n] = SDL_CreateTextureFromSurface(k->renderer, s);
	SDL_FreeSurface(s);
	return k->home->pictures[n];
}

/* The picture fitted into box, cropped to its shape from the middle. */
static void draw_picture(kiosk *k, SDL_Texture *t, SDL_Rect box)
{
	int w, h;
	SDL_QueryTexture(t, NULL, NULL, &w, &h);
	SDL_Rect src = {0, 0, w, h};
	if ((long long)w * box.h > (long long)h * box.w) {
		src.w = (int)((long long)h * box.w / box.h);
		src.x = (w - src.w) / 2;
	} else {
		src.h = (int)((long long)w * box.h / box.w);
		src.y = (h - src.h) / 2;
	}
	SDL_RenderCopy(k->renderer, t, &src, &box);
}

/* A collection's card: its picture (or its first item's first page), its
 * title in the visitor's language, its introduction as far as it fits,
 * and how many documents it holds; 1 when tapped. */
static int draw_collection(kiosk *k, SDL_Rect r, int n)
{
	const guide_collection *c = &k->guide.collections[n];
	const char *title = ui_collection_title(k, c), *intro = ui_collection_intro(k, c);
	int tapped = ui_tapped(k, r), in = ui_px(k, 12);
	ui_target_said(k, r, title, -1);
	ui_round_rect(k, r, ui_px(k, 12), ui_pressed(k, r) ? UI_LINE : UI_CARD);
	SDL_Rect box = {r.x + in, r.y + in, (r.h - 2 * in) * 4 / 5, r.h - 2 * in};
	SDL_Texture *t = picture(k, n);
	int first = c->item_count ? kiosk_item_index(k, c->items[0]) : -1;
	if (t)
		draw_picture(k, t, box);
	else if (first >= 0)
		thumb_draw(k, first, box);
	else
		ui_fill(k, box, UI_ACCENT);
	int x = box.x + box.w + ui_px(k, 14), w = r.x + r.w - in - x, y = r.y + in;
	int big = ui_font(k, 21), small = ui_font(k, 20), small_h = text_line_height(k->text, small);
	char count[64];
	ui_count_text(k, "items_count", c->item_count, count, sizeof count);
	/* The title whole: on up to three lines, stepped down to four fifths
	 * if need be (the count keeps the last line); cut, a layout error. */
	int smallest = ui_smallest(k, big), size = big, lines = 1;
	for (int pass = 0; pass < 2; pass++) { /* the second time with the count smaller (Larger text): the title before the count */
		int room = r.y + r.h - in - small_h - y, least = pass ? smallest : SDL_max(smallest, big * 4 / 5);
		for (size = big; size >= least; size--) {
			lines = SDL_max(1, SDL_min(3, room / text_line_height(k->text, size)));
			if (ui_fits(k, title, w, size, lines))
				break;
		}
		if (size >= least || small == ui_smallest(k, small))
			break;
		small = ui_smallest(k, small);
		small_h = text_line_height(k->text, small);
	}
	if (size < smallest) {
		size = smallest;
		if (k->check_layout)
			fprintf(stderr, "layout: home: collection title \"%s\" is cut (%d px wide)\n", title, w);
	}
	y += text_wrap(k->text, title, (SDL_Rect){x, y, w, 0}, size, 1, UI_NAVY, lines, TEXT_LEFT, 1);
	/* The introduction where it fits whole, a fifth smaller if need be:
	 * half a sentence says less than none. */
	int intro_room = r.y + r.h - in - small_h - ui_px(k, 6) - y, intro_size = small;
	while (intro && intro_size > small * 4 / 5 &&
	       text_wrap(k->text, intro, (SDL_Rect){x, 0, w, 0}, intro_size, 0, UI_INK, 0, TEXT_LEFT, 0) > intro_room)
		intro_size--;
	if (intro && text_wrap(k->text, intro, (SDL_Rect){x, 0, w, 0}, intro_size, 0, UI_INK, 0, TEXT_LEFT, 0) <= intro_room)
		text_wrap(k->text, intro, (SDL_Rect){x, y + ui_px(k, 2), w, 0}, intro_size, 0, UI_INK, 0, TEXT_LEFT, 1);
	text_draw(k->text, count, x, r.y + r.h - in - small_h, small, 1, UI_MUTED);
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
	const char *name = ui_archive_name(k);
	ui_header(k, name ? name : ui_str(k, "app_name"));
	if (k->aloud && ui_button(k, help_button(k), ui_str(k, "aloud_listen"), 1))
		say_help(k);
	if (k->item_count == 0) {
		const char *msg = k->notice[0] ? k->notice : ui_str(k, "empty");
		SDL_Rect box = {ui_px(k, 48), k->h / 2 - ui_px(k, 40), k->w - ui_px(k, 96), ui_px(k, 120)};
		text_wrap(k->text, msg, box, ui_font(k, 22), 0, UI_MUTED, 4, TEXT_CENTER, 1);
		return;
	}
	int entry = -1, kind = -1, recent = -1, place = -1;
	if (l.intro.h)
		text_wrap(k->text, ui_archive_intro(k), l.intro, l.intro_size, 0, UI_INK, 0, TEXT_LEFT, 1);
	if (l.collections)
		section_title(k, ui_str(k, "home_start"), l.collection[0].x, l.collection[0].y, l.collection[0].w);
	for (int i = 0; i < l.collections; i++)
		if (draw_collection(k, l.collection[i], i))
			place = i;
	for (int i = 0; i < 4; i++)
		if (ui_button(k, l.entry[i], ui_str(k, entry_keys[i]), i == 0 ? 0 : 1))
			entry = i;
	if (l.kinds)
		section_title(k, ui_str(k, "home_kinds"), l.kind[0].x, l.kind[0].y, l.recent.x > l.kind[0].x ? l.recent.x - l.kind[0].x : k->w);
	for (int i = 0, shown = 0; i < KIND_COUNT && shown < l.kinds; i++)
		if (k->home->kind_counts[home_kinds[i]] > 0)
			if (draw_kind(k, l.kind[shown++], home_kinds[i]))
				kind = i;
	int n = recent_fits(k, &l);
	if (n > 0)
		section_title(k, ui_str(k, "home_recent"), l.recent.x, l.recent.y, l.recent.w);
	for (int i = 0; i < n; i++)
		if (ui_item_card(k, k->home->recent[i], (SDL_Rect){l.recent.x, l.recent.y + i * (l.card_h + l.gap), l.recent.w, l.card_h}))
			recent = k->home->recent[i];
	if (place >= 0) {
		nav_browse_collection(k, k->guide.collections[place].id);
	} else if (entry >= 0) {
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
		home_items_changed(k); /* the pictures too */
	free(k->home);
	k->home = NULL;
}

const screen_ops home_screen = {.name = "home", .flags = SCREEN_TAPS_IN_DRAW, .init = home_init, .open = home_open,
				.draw = home_draw, .items_changed = home_items_changed, .free = home_free};
