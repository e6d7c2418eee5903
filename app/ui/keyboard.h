/* The on-screen keyboard of Search: the letters of one layout with
 * backspace, then a row of a tab for each layout (Հայ, Рус, Lat, 123: all
 * of them in sight, the one in use chosen), space, clear and hide. Laid
 * out, tapped and drawn in one call, as the other widgets (draw.c). */
#ifndef HISHATAK_KEYBOARD_H
#define HISHATAK_KEYBOARD_H

#include "ui/ui.h"

enum { KEYBOARD_LATIN, KEYBOARD_ARMENIAN, KEYBOARD_RUSSIAN, KEYBOARD_DIGITS, KEYBOARD_LAYOUTS };

typedef struct {
	int layout;               /* KEYBOARD_*: the letters shown */
	int first;                /* the layout whose tab comes first */
} keyboard;

/* What a tap on the keyboard did, besides choosing a layout. */
enum { KEYBOARD_NOTHING, KEYBOARD_TYPED, KEYBOARD_BACKSPACE, KEYBOARD_CLEAR, KEYBOARD_HIDE };

/* The layout for a language code ("hy", "ru"; any other: Latin). */
int keyboard_layout_for(const char *lang);
/* Starts on layout, its tab first. */
void keyboard_start(keyboard *kb, int layout);
/* The keyboard's height, whole, in its current layout. */
int keyboard_height(const kiosk *k, const keyboard *kb);
/* Draws it with its top at y (lower while it slides away); a tap on a tab
 * changes the layout. Returns what else this frame's tap did; the text of
 * a letter or space tapped in typed. */
int keyboard_draw(kiosk *k, keyboard *kb, int y, char typed[8]);

#endif
