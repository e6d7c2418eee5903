/* The kiosk left untouched: back to Home, then the attract screen. The
 * last seconds before a return Home are counted down on a card in the three
 * languages, so that a visitor who is reading or listening is not cut off. */
#ifndef HISHATAK_UI_IDLE_H
#define HISHATAK_UI_IDLE_H

#include "ui/ui.h"

/* Once a frame, after the screen's update. */
void idle_update(kiosk *k);
/* Over the screen, when counting down. */
void idle_draw(kiosk *k);
/* 1 while the count-down shows: a touch then only says "still here". */
int idle_counting(const kiosk *k);

#endif
