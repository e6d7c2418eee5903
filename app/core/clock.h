/* Whether the system clock can be believed. A Pi has no real-time clock:
 * after a boot without network its time may be years back. A clock before
 * this program was built, or before the last import the log holds, is
 * wrong; what depends on the time of day (the screen hours) then waits. */
#ifndef HISHATAK_CLOCK_H
#define HISHATAK_CLOCK_H

#include "core/catalog.h"

#include <time.h>

/* The earliest time the clock may show: the build's date, or the time of
 * the newest log row when later (c may be NULL). A log time more than ten
 * years past the build is not believed: one import under a clock far ahead
 * must not make every later time look wrong. */
time_t clock_floor(catalog *c);

/* True when now can be right, given clock_floor's floor. */
int clock_plausible(time_t now, time_t floor);

/* The date and time staff set by hand (Admin), for the system to set the
 * clock to: the file clock-set in the data folder, "SECONDS\n" since 1970,
 * written durably. The kiosk runs unprivileged and never sets the clock
 * itself (nor does a test): on the Pi image a root service
 * (hishatak-clock-set.path) sets the clock to it, saves it as the time the
 * clock never starts earlier than, and removes the file. */
int clock_request_set(const char *data_dir, time_t t, char err[256]);

/* The time a request asks for, or 0 when there is none (or it is unreadable). */
time_t clock_requested(const char *data_dir);

/* "2026-12-01 09:30 UTC" */
void clock_format(time_t t, char out[32]);

#endif
