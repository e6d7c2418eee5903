/* The settings read from the environment: one table of HISHATAK_*
 * variables (name, default, range, what each does), read once, and
 * printed by `hishatak help env`. */
#ifndef HISHATAK_CONFIG_H
#define HISHATAK_CONFIG_H

#include <stdio.h>

typedef enum {
	CONFIG_ASSETS,             /* string: the assets/ folder */
	CONFIG_CHECK_LAYOUT,       /* 0, 1 or 2 (text cut too) */
	CONFIG_SYSTEM_NOTES,       /* string: a file of notes for staff */
	CONFIG_PAGE_CACHE_MB,      /* 0: automatic */
	CONFIG_RENDER_WORKERS,     /* 0: automatic */
	CONFIG_RENDER_TIMEOUT_MS,
	CONFIG_PAGE_TIME_LIMIT_MS,
	CONFIG_DOC_MEMORY_MB,
	CONFIG_READ_TIMEOUT_MS,
	CONFIG_SOFFICE,            /* string: LibreOffice's program */
	CONFIG_COUNT
} config_key;

/* Reads the environment once (later calls do nothing); a value that is
 * malformed or out of its range gets one line on stderr and the default,
 * unless quiet (the render workers: the kiosk has said it). The getters
 * call it when nothing has, so a program without main's call still works. */
void config_load(int quiet);

/* Reads the environment again, quietly: for tests that change their own
 * environment. Not while another thread reads a setting. */
void config_reload(void);

/* The value of an integer setting (its default when unset). */
int config_int(config_key key);

/* The value of a string setting, "" when unset; never NULL. */
const char *config_string(config_key key);

/* The variable's name, "HISHATAK_...". */
const char *config_name(config_key key);

/* The table: one line per setting with its default, range and use. */
void config_print(FILE *out);

#endif
