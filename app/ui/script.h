/* The kiosk's test-script language (see README "Scripted kiosk"): one
 * command a line, '#' starts a comment. Parsed and checked whole before the
 * kiosk runs it, so a bad script changes nothing and exits 2. */
#ifndef HISHATAK_SCRIPT_H
#define HISHATAK_SCRIPT_H

#include <SDL.h>

typedef enum {
	SCRIPT_TAP, SCRIPT_LONGPRESS, SCRIPT_SWIPE, SCRIPT_PINCH, SCRIPT_KEY, SCRIPT_TYPE, SCRIPT_WAIT,
	SCRIPT_IDLE, SCRIPT_OPEN, SCRIPT_BACK, SCRIPT_USB, SCRIPT_SHOT, SCRIPT_EXPECT
} script_op;

typedef struct {
	script_op op;
	int line;
	float arg[5];     /* coordinates, milliseconds, seconds, scale */
	char *text;       /* key name, text, item id, path, shot name, screen;
			   * a tap's or longpress's label, or NULL: at arg[0], arg[1] */
} script_command;

typedef struct {
	script_command *commands;
	int count;
} script;

/* The screens `expect` knows. */
extern const char *const script_screens[];

/* Parses the file; NULL with "FILE:LINE: what is wrong" in err. */
script *script_load(const char *path, char err[256]);
/* Parses text (for tests and fuzzing); name is used in messages. */
script *script_parse(const char *text, const char *name, char err[256]);
void script_free(script *s);

/* A key line's key: an SDL key name, after any of Ctrl+ Alt+ Shift+ Gui+
 * ("Alt+F4", "Ctrl+Alt+Delete"). 0, or -1 when SDL has no such key. */
int script_key(const char *text, SDL_Keycode *key, Uint16 *mod);

#endif
