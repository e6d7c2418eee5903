/* When a search finds nothing: the archive's topics and collections whose
 * names are nearest the query, as large buttons into Browse (all of them,
 * best first, as many as there is room for between y and bottom: never a
 * blank). */
#ifndef HISHATAK_UI_STARTING_POINTS_H
#define HISHATAK_UI_STARTING_POINTS_H

#include "ui/ui.h"

/* The one tapped (a topic's index, or the topics' count and a
 * collection's), or -1. */
int starting_points_draw(kiosk *k, const char *query, int y, int bottom);

#endif
