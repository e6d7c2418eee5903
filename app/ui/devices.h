/* The touch screens the kiosk has now. SDL picks a touch screen up when it
 * is plugged in and lets it go when its cable comes loose (through udev, on
 * KMS/DRM); the kiosk logs each change, and Admin names them. */
#ifndef HISHATAK_UI_DEVICES_H
#define HISHATAK_UI_DEVICES_H

#include <stddef.h>

/* Their names, ", " between them, in out (empty: none); their count. */
int devices_touch_screens(char *out, size_t size);
/* Once a second or so: logs "touch screens: ..." when they have changed
 * since the last call (and at the first). */
void devices_watch(void);

#endif
