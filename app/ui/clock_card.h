/* Admin's card for the date and time, set by hand (a Pi has no clock):
 * five columns (day, month, year, hour, minute) of + above the value and
 * − below it, and the button that asks the system to set the clock. */
#ifndef HISHATAK_UI_CLOCK_CARD_H
#define HISHATAK_UI_CLOCK_CARD_H

#include "ui/ui.h"

#include <time.h>

typedef struct {
	time_t draft;  /* the date and time being set: it follows the clock until a − or + is touched */
	int changed;
	char note[300];/* what became of the last set */
	Uint32 asked;  /* when the request was written (k->now), until seen carried out */
} clock_card;

int clock_card_height(const kiosk *k);
/* Draws the card in the column from x, w wide, at top; a touched − or +
 * or the set button acts at once. */
void clock_card_draw(kiosk *k, clock_card *c, int x, int top, int w);
/* Tells staff when nobody carried out the last request (each frame). */
void clock_card_follow(kiosk *k, clock_card *c);

#endif
