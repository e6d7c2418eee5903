/* Navigation: see nav.h. Only this file writes k->screen and k->history. */
#include "ui/nav.h"
#include "ui/ui.h"

#include <string.h>

const screen_ops *const screen_table[SCREEN_COUNT] = {
	[SCREEN_HOME] = &home_screen,       [SCREEN_BROWSE] = &browse_screen, [SCREEN_TIMELINE] = &timeline_screen,
	[SCREEN_TOPICS] = &topics_screen,   [SCREEN_SEARCH] = &search_screen, [SCREEN_NOTE] = &note_screen,
	[SCREEN_COVER] = &cover_screen,
	[SCREEN_READER] = &reader_screen,   [SCREEN_IMPORT] = &import_screen, [SCREEN_ATTRACT] = &attract_screen,
	[SCREEN_PIN] = &pin_screen,         [SCREEN_ADMIN] = &admin_screen,   [SCREEN_PLAYER] = &player_screen,
};

static void push(kiosk *k, screen_id s)
{
	if (k->history_count == (int)SDL_arraysize(k->history)) { /* the oldest step is forgotten */
		memmove(k->history, k->history + 1, sizeof k->history - sizeof k->history[0]);
		k->history_count--;
	}
	k->history[k->history_count++] = s;
}

/* The screen beneath an overlay, or -1. */
static int beneath(const kiosk *k)
{
	return screen_table[k->screen]->flags & SCREEN_OVERLAY && k->history_count > 0
		       ? (int)k->history[k->history_count - 1] : -1;
}

screen_id nav_beneath(const kiosk *k)
{
	int under = beneath(k);
	return under >= 0 ? (screen_id)under : screen_table[k->screen]->flags & SCREEN_OVERLAY ? SCREEN_HOME : k->screen;
}

/* The usage counts follow the document shown: its cover, reader or player
 * opens it (the same one again is the same reading), Search within it
 * and an overlay keep it, any other screen closes it. */
static void follow_document(kiosk *k, screen_id s, const screen_args *a)
{
	if (s == SCREEN_COVER)
		usage_open(k->usage, k->items[a->item].id, k->now);
	else if (s == SCREEN_READER || s == SCREEN_PLAYER)
		usage_open(k->usage, k->items[a->reader.item].id, k->now);
	else if (!(screen_table[s]->flags & SCREEN_OVERLAY) && !(s == SCREEN_SEARCH && a->item >= 0))
		usage_close(k->usage, k->last_input);
	if (s == SCREEN_ATTRACT) /* the visitor has gone: a good time to write the counts */
		kiosk_usage_flush(k);
}

/* Opens s in place of the screen shown, or over it when s is an overlay.
 * The same screen again is opened anew, with no step in the history. */
static void open_screen(kiosk *k, screen_id s, screen_args *a)
{
	screen_id from = k->screen;
	const screen_ops *to = screen_table[s], *cur = screen_table[from];
	if (k->aloud && !(to->flags & SCREEN_KEEPS_ALOUD)) /* what was being said belongs to the screen left */
		aloud_stop(k->aloud);
	a->from = from;
	if (s != from) {
		if (to->flags & SCREEN_CLEARS_HISTORY) {
			int under = beneath(k);
			if (under >= 0 && screen_table[under]->leave)
				screen_table[under]->leave(k);
			k->history_count = 0;
		} else if (!(cur->flags & SCREEN_TRANSIENT) || to->flags & SCREEN_OVERLAY) {
			push(k, from); /* an overlay's screen beneath is returned to, whatever it is */
		}
		if (!(to->flags & SCREEN_OVERLAY) && cur->leave)
			cur->leave(k);
	}
	k->screen = s;
	follow_document(k, s, a);
	if (to->open)
		to->open(k, a);
}

void nav_browse(kiosk *k, int kind, const char *topic, const char *language, int year)
{
	screen_args a = {.browse = {kind, topic, language, year}};
	open_screen(k, SCREEN_BROWSE, &a);
}

void nav_browse_collection(kiosk *k, const char *collection)
{
	screen_args a = {.browse = {-1, NULL, NULL, 0, collection}};
	open_screen(k, SCREEN_BROWSE, &a);
}

void nav_reader(kiosk *k, int index, int page, int passage, const char *highlight)
{
	screen_args a = {.reader = {index, page, passage, highlight}};
	/* A recording is heard, not read: every way into the reader (a tile,
	 * the content note, a search result at its passage) opens the player. */
	open_screen(k, k->items[index].duration_ms > 0 ? SCREEN_PLAYER : SCREEN_READER, &a);
}

void nav_search(kiosk *k, int within)
{
	screen_args a = {.item = within};
	open_screen(k, SCREEN_SEARCH, &a);
}

void nav_listen(kiosk *k, int index)
{
	screen_args a = {.reader = {index, 0, -1, NULL, 1}};
	open_screen(k, SCREEN_READER, &a);
}

void nav_cover(kiosk *k, int index)
{
	if (k->items[index].duration_ms > 0) { /* a recording's player is its own cover */
		nav_reader(k, index, 0, -1, NULL);
		return;
	}
	screen_args a = {.item = index};
	open_screen(k, SCREEN_COVER, &a);
}

void nav_open_item(kiosk *k, int index)
{
	if (k->items[index].warning) {
		screen_args a = {.item = index};
		open_screen(k, SCREEN_NOTE, &a);
	} else {
		nav_cover(k, index);
	}
}

void nav_pin(kiosk *k, int mode)
{
	screen_args a = {.pin_mode = mode};
	open_screen(k, SCREEN_PIN, &a);
}

void nav_go(kiosk *k, screen_id s)
{
	screen_args a = {0};
	open_screen(k, s, &a);
}

void nav_back(kiosk *k)
{
	const screen_ops *cur = screen_table[k->screen];
	if (cur->back && cur->back(k))
		return;
	screen_id to = SCREEN_HOME;
	while (k->history_count > 0) { /* never "back" to the screen shown */
		to = k->history[--k->history_count];
		if (to != k->screen)
			break;
		to = SCREEN_HOME;
	}
	if (to == k->screen)
		return;
	int overlay = cur->flags & SCREEN_OVERLAY;
	if (!overlay && to == SCREEN_SEARCH) /* the search within it, or the results it came from */
		usage_pause(k->usage, k->last_input);
	else if (!overlay && to != SCREEN_COVER && to != SCREEN_READER && to != SCREEN_PLAYER)
		usage_close(k->usage, k->last_input);
	if (!overlay && cur->leave)
		cur->leave(k);
	k->screen = to;
	if (!overlay && screen_table[to]->resume) /* an overlay's screen beneath was never left */
		screen_table[to]->resume(k);
}

void nav_home(kiosk *k)
{
	if (k->aloud)
		aloud_stop(k->aloud);
	int under = beneath(k);
	if (under >= 0 && screen_table[under]->leave)
		screen_table[under]->leave(k);
	if (screen_table[k->screen]->leave)
		screen_table[k->screen]->leave(k);
	k->history_count = 0;
	k->screen = SCREEN_HOME;
	usage_close(k->usage, k->last_input);
	screen_args a = {.from = SCREEN_HOME};
	home_screen.open(k, &a);
}

void nav_items_changed(kiosk *k, screen_id s, const screen_args *a)
{
	for (int i = 0; i < SCREEN_COUNT; i++)
		if (screen_table[i]->items_changed)
			screen_table[i]->items_changed(k);
	screen_id shown = k->screen;
	int overlay = screen_table[shown]->flags & SCREEN_OVERLAY;
	k->history_count = 0;
	k->screen = SCREEN_HOME;
	if (s == SCREEN_HOME)
		usage_close(k->usage, k->last_input);
	screen_args home = {.from = SCREEN_HOME};
	home_screen.open(k, &home);
	if (s != SCREEN_HOME) {
		screen_args copy = *a;
		open_screen(k, s, &copy);
	}
	if (overlay) { /* the overlay stays over its new screen beneath */
		push(k, k->screen);
		k->screen = shown;
	}
}
