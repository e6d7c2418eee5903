/* Anonymous usage counts, for the staff's report: documents opened and
 * the seconds they were read, searches and the words that found nothing,
 * Listen, the language chosen. The kiosk tells what happens (one call at
 * each place); the counts wait in memory and go into the catalogue as sums
 * for the day (usage_flush), never as single events: no time, order or
 * sequence of what one visitor did is kept anywhere. */
#ifndef HISHATAK_USAGE_H
#define HISHATAK_USAGE_H

#include "core/catalog.h"

#include <stdint.h>
#include <time.h>

typedef struct usage usage;

/* The longest word kept of a search that found nothing (bytes), and how
 * many different such words a day keeps: the others are counted together
 * under USAGE_OTHER_WORDS. */
#define USAGE_WORD_MAX 32
#define USAGE_MISSES_A_DAY 100
#define USAGE_OTHER_WORDS "(other words)"

usage *usage_new(void);
/* Frees u; counts not flushed are lost. */
void usage_free(usage *u);

/* A document was opened (its cover, its reader or its player) at now_ms
 * on the kiosk's clock. The same document again is the same reading;
 * another one ends the one open (usage_close). */
void usage_open(usage *u, const char *item_id, uint32_t now_ms);
/* The document open was left; the time from its opening to last_input_ms
 * (the visitor's last touch: a time-out's wait is not reading) is added. */
void usage_close(usage *u, uint32_t last_input_ms);
/* The same, but the document opened next, when it is this one again (a
 * result of the search within it), goes on with the same reading. */
void usage_pause(usage *u, uint32_t last_input_ms);
/* The results of a query came: as the visitor types, each query takes the
 * place of the one it extends or shortens; a search is counted once, as it
 * was last, with its words when it found nothing. */
void usage_search(usage *u, const char *query, int found);
void usage_listen(usage *u, const char *item_id);
void usage_lang(usage *u, const char *lang);

/* Adds what was counted since the last flush to the day's rows, in one
 * transaction, and forgets it (a search still being typed goes too; a
 * document open stays open, with its time so far counted). day is
 * "YYYY-MM-DD" (usage_day). 0; 1 at once when another connection is
 * writing (an import), -1 with err: then the counts are kept for the next
 * try. */
int usage_flush(usage *u, catalog *c, const char *day, uint32_t last_input_ms, char err[256]);

/* The local date of now, or "unknown" when the clock cannot be right
 * (clock_plausible with floor). */
void usage_day(time_t now, time_t floor, char out[16]);

#endif
