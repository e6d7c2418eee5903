/* The kiosk's archive: its data folder opened at start-up, its items and
 * guide read (the newest first, the rest once Home is on the screen), and
 * items found by id (kiosk_item_index and the rest in ui.h). */
#ifndef HISHATAK_UI_ARCHIVE_H
#define HISHATAK_UI_ARCHIVE_H

#include "ui/ui.h"

/* Opens dir and reads the settings, the newest items and the guide; on
 * failure k->notice says why and the kiosk shows that. */
void archive_open(kiosk *k, const char *dir);

/* The whole list of items, in place of the newest (k->items_partial). */
void archive_read_all(kiosk *k);

#endif
