/* The kiosk: the full-screen touch interface, and its headless scripted
 * mode (a script and a folder for its shots) used by the tests. */
#ifndef HISHATAK_KIOSK_H
#define HISHATAK_KIOSK_H

#include "ui/script.h"

typedef struct {
	const char *data_dir;     /* NULL: the default folder, created on first use */
	int width, height;        /* the window's, when windowed or scripted */
	int lang;                 /* the language it starts in (strings_langs) */
	float dpi;                /* of the display; 0: as the display says */
	int windowed;             /* a window on a desktop, not the locked kiosk */
	const script *script;     /* run headless with this script, or NULL */
	const char *script_path;  /* its name in messages */
	const char *shots_dir;    /* where its shots go */
	const char *stats_path;   /* a line of timings a frame, or NULL */
} kiosk_options;

/* Runs the kiosk until it is told to stop, or the script's end. Returns
 * the exit status: 0; 1 when it could not start or a script line failed;
 * 2 when there is no display to show it on (SDL found only its offscreen
 * or dummy driver) outside a script. */
int kiosk_run(const kiosk_options *o);

#endif
