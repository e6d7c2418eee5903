/* Writing the staff's report onto a stick. The kiosk's image mounts sticks
 * read-only, and the kiosk runs unprivileged: it never writes a read-only
 * stick itself. It puts the report in DATA/outbox/NAME/ (with the stick's
 * mount point in NAME/stick), and the image's root-owned stick writer
 * (image/rootfs/usr/lib/hishatak/stick-write, started by a systemd path
 * unit when the outbox changes) remounts that stick writable for the time
 * of one copy: a temporary folder, each file synced, renamed into place,
 * the folder synced, then read-only again, and its result in
 * DATA/outbox.result. A stick mounted writable (a desktop's) is written
 * at once, the same way. */
#ifndef HISHATAK_STICK_H
#define HISHATAK_STICK_H

#include "core/data.h"

#include <time.h>

/* Where a stick's reports go, under its root. */
#define STICK_REPORTS "hishatak-reports"
/* The queue for the system's stick writer, and its last result (one line),
 * in the data folder. */
#define STICK_OUTBOX "outbox"
#define STICK_RESULT "outbox.result"

enum { STICK_WRITTEN = 0, STICK_QUEUED = 1 };

/* Saves the report (report.h) of now onto the stick mounted at root:
 * STICK_WRITTEN with the folder written in where, STICK_QUEUED (read-only:
 * the job's folder in where), or -1 with err. */
int stick_save_report(data_folder *d, const char *root, time_t now, char where[4096], char err[256]);

/* The stick writer's last result (DATA/outbox.result), in out; 0 when
 * there is one newer than since (a time(NULL)), else -1. */
int stick_result(const data_folder *d, time_t since, char out[512]);

#endif
