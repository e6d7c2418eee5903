/* A panel over a screen: what is under it dimmed, a card with a title and
 * a close button (×), and below them a body that scrolls. Drawing and
 * touching go by the same layout, so that they cannot disagree. */
#ifndef HISHATAK_PANEL_H
#define HISHATAK_PANEL_H

#include "ui/ui.h"

typedef struct {
	SDL_Rect card, close;     /* the card and its × */
	SDL_Rect body;            /* below the title: where the list scrolls */
	int first_target;         /* the body's first touch target, as drawn */
} ui_panel;

/* A card at most max_w wide and margin from the screen's edges at most,
 * its body head_h below its top; the close button has its word where
 * title (as ui_panel_begin draws it) still fits beside it. */
ui_panel ui_panel_layout(const kiosk *k, int max_w, int margin, int head_h, const char *title, int title_lines);
/* Makes the card no taller than its title and content_h pixels of body
 * need, centred again. */
void ui_panel_fit(const kiosk *k, ui_panel *p, int content_h);
/* Dims the screen, draws the card with title (up to title_lines lines; a
 * longer one moves the body down) and the ×, and clips drawing to the
 * body. On a screen that takes its taps as drawn, 1 when this frame's tap
 * closes the panel (on the ×, or outside the card); ui_panel_end all the same. */
int ui_panel_begin(kiosk *k, ui_panel *p, const char *title, int title_lines);
/* Ends the body: content_h pixels of it (the scroller's end follows);
 * targets scrolled partly out of sight are forgotten; clipping ends. */
void ui_panel_end(kiosk *k, const ui_panel *p, ui_scroller *s, int content_h);

enum { UI_PANEL_NOTHING, UI_PANEL_SCROLLED, UI_PANEL_CLOSED, UI_PANEL_TAPPED };
/* For a screen that hit-tests in its touch(): what g did: scrolled the body, closed the panel (a tap outside the card
 * or on the ×), or tapped the body at g->x, g->y. */
int ui_panel_touch(const ui_panel *p, ui_scroller *s, const gesture *g);

#endif
