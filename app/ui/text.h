/* UI text: SDL2_ttf (HarfBuzz shaping) with Noto Sans for Latin and Cyrillic
 * and Noto Sans Armenian for Armenian; a line mixing scripts is cut into
 * runs, each set in its font. Rendered lines are cached as textures. */
#ifndef HISHATAK_TEXT_H
#define HISHATAK_TEXT_H

#include <SDL.h>

typedef struct ui_text ui_text;

enum { TEXT_LEFT, TEXT_CENTER, TEXT_RIGHT };

ui_text *text_open(SDL_Renderer *r, const char *assets_dir, char err[256]);
void text_close(ui_text *t);

/* Width in pixels of len bytes of s (len -1: all) at size px. */
int text_width(ui_text *t, const char *s, int len, int size, int bold);
int text_line_height(ui_text *t, int size);

/* One line at x,y (top-left); returns its width. */
int text_draw(ui_text *t, const char *s, int x, int y, int size, int bold, SDL_Color color);

/* Word-wrapped into box (at most max_lines; 0: no limit), the last line
 * ending in an ellipsis when cut; align is TEXT_LEFT or TEXT_CENTER.
 * Returns the height used. With draw 0 it only measures. */
int text_wrap(ui_text *t, const char *s, SDL_Rect box, int size, int bold, SDL_Color color,
	      int max_lines, int align, int draw);

/* Whether s, wrapped to w, takes at most lines lines with every word
 * whole or broken at a syllable (with a hyphen). */
int text_fits_hyphenated(ui_text *t, const char *s, int w, int size, int bold, int lines);

/* How many lines were drawn cut (ending in an ellipsis, or a word broken
 * because it was wider than the box) since the last call, and the first
 * one's text: the layout check's, each frame. */
int text_cuts(ui_text *t, char first[160]);

/* Frees textures not used for a while; call once a frame. */
void text_end_frame(ui_text *t);

#endif
