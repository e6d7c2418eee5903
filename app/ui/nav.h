/* Navigation: the only writer of the screen shown and of the history Back
 * goes through. A screen opens another only through these, with typed
 * arguments. */
#ifndef HISHATAK_NAV_H
#define HISHATAK_NAV_H

#include "ui/screen.h"

/* Browse with these filters: kind -1, topic and language NULL, year 0
 * for all of each. */
void nav_browse(kiosk *k, int kind, const char *topic, const char *language, int year);
/* Browse a collection's items (Home's places to start), by its id. */
void nav_browse_collection(kiosk *k, const char *collection);
/* The reader on item index at page (from 0), or where its passage is (page
 * -1; passage -1: the first match of highlight), marking highlight's words. */
void nav_reader(kiosk *k, int index, int page, int passage, const char *highlight);
/* The reader on item index's first page, reading it aloud. */
void nav_listen(kiosk *k, int index);
/* Item index's cover: what it is, in the visitor's language, before its first page. */
void nav_cover(kiosk *k, int index);
/* Search the whole archive (within -1), or in one item. */
void nav_search(kiosk *k, int within);
/* Item index, as a tap on its tile opens it: its content note first, then its cover. */
void nav_open_item(kiosk *k, int index);
void nav_pin(kiosk *k, int mode);
/* A screen that takes no arguments: timeline, topics, admin, attract,
 * import. */
void nav_go(kiosk *k, screen_id s);
void nav_back(kiosk *k);
/* The screen the visitor sees beneath an overlay shown (Home when there
 * is none), or else the screen shown. */
screen_id nav_beneath(const kiosk *k);
/* Home, with no history. */
void nav_home(kiosk *k);
/* The items were listed anew: every screen is told, the history starts
 * from Home, and the screen under the one shown (an overlay) is s, opened
 * with a (SCREEN_HOME: Home itself). */
void nav_items_changed(kiosk *k, screen_id s, const screen_args *a);

#endif
