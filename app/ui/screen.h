/* The one interface every screen of the kiosk implements, and what a
 * screen is opened with. Screens are opened, left and returned to only by
 * navigation (nav.h). */
#ifndef HISHATAK_SCREEN_H
#define HISHATAK_SCREEN_H

#include "render/render.h"
#include "ui/gesture.h"

#include <SDL.h>

typedef enum {
	SCREEN_HOME, SCREEN_BROWSE, SCREEN_TIMELINE, SCREEN_TOPICS, SCREEN_SEARCH, SCREEN_NOTE, SCREEN_COVER, SCREEN_READER,
	SCREEN_IMPORT, SCREEN_ATTRACT, SCREEN_PIN, SCREEN_ADMIN, SCREEN_PLAYER, SCREEN_COUNT
} screen_id;

typedef struct kiosk kiosk;

/* What a screen is opened with; each screen reads its own part. */
typedef struct {
	screen_id from;           /* the screen shown before (set by navigation) */
	struct {
		int kind;         /* KIND_*, or -1: all */
		const char *topic, *language; /* NULL or "": all */
		int year;         /* 0 all; -1 undated */
		const char *collection; /* a collection's id (its items), or NULL: all */
	} browse;
	struct {
		int item;         /* its index */
		int page;         /* from 0; -1: where passage is, or the first match */
		int passage;      /* as the catalogue numbers them, or -1 */
		const char *highlight; /* words to mark, or NULL */
		int listen;       /* read aloud from the start */
	} reader;
	int item;                 /* the note's item; the item Search searches in, or -1 */
	int pin_mode;             /* PIN_ENTER, PIN_NEW */
} screen_args;

/* The PIN pad's modes: staff's way into Admin; a new PIN, then again. */
enum { PIN_ENTER, PIN_NEW, PIN_CONFIRM };

/* Traits of a screen that navigation and the loop go by. */
enum {
	SCREEN_TRANSIENT = 1 << 0,     /* passed through: Back never returns to it */
	SCREEN_OVERLAY = 1 << 1,       /* over the screen before, which stays open beneath */
	SCREEN_CLEARS_HISTORY = 1 << 2,/* Back from it goes Home */
	SCREEN_KEEPS_ALOUD = 1 << 3,   /* reading aloud goes on when it opens */
	SCREEN_NO_IDLE = 1 << 4,       /* never left for Home when untouched */
	SCREEN_NO_ADMIN_HOLD = 1 << 5, /* the hold in the corner does not open the PIN pad */
	SCREEN_ZOOMS = 1 << 6,         /* a double tap is a double tap (elsewhere two taps) */
	SCREEN_WAKE_ONLY = 1 << 7,     /* the first touch only wakes the kiosk (goes Home) */
	SCREEN_TAPS_IN_DRAW = 1 << 8,  /* its buttons are tapped as they are drawn (ui_button says so) */
};

/* What each screen does; any function but draw may be NULL. */
typedef struct {
	const char *name;                          /* as `expect` knows it */
	unsigned flags;                            /* SCREEN_* traits */
	int (*init)(kiosk *k);                     /* once, as the kiosk starts: 0, or -1 out of memory */
	void (*open)(kiosk *k, const screen_args *a);
	void (*leave)(kiosk *k);                   /* another screen takes its place */
	void (*resume)(kiosk *k);                  /* shown again by Back */
	int (*back)(kiosk *k);                     /* Back closes an overlay first: 1 if it did */
	void (*draw)(kiosk *k);
	void (*touch)(kiosk *k, const gesture *g);
	void (*key)(kiosk *k, SDL_Keycode key);
	void (*text)(kiosk *k, const char *utf8);  /* typed text */
	void (*update)(kiosk *k, Uint32 dt);
	int (*busy)(kiosk *k);                     /* animating or waiting for pages */
	void (*on_render)(kiosk *k, render_result *res); /* a finished render, for whoever asked */
	void (*resize)(kiosk *k);                  /* the screen's size or the text size changed */
	void (*items_changed)(kiosk *k);           /* the list of items was made anew (an import) */
	void (*free)(kiosk *k);                    /* the kiosk ends (undoes init) */
} screen_ops;

extern const screen_ops home_screen, browse_screen, timeline_screen, topics_screen, search_screen, note_screen,
	cover_screen, reader_screen, import_screen, attract_screen, pin_screen, admin_screen, player_screen;

/* Every screen, by id. */
extern const screen_ops *const screen_table[SCREEN_COUNT];

#endif
