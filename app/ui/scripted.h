/* The kiosk run by a script (the tests, screenshots): the script's lines
 * as real touches, keys and text, with time passing as they say. */
#ifndef HISHATAK_SCRIPTED_H
#define HISHATAK_SCRIPTED_H

#include "ui/script.h"
#include "ui/ui.h"

/* Runs s (read from script_path, named so in messages) on the kiosk, its
 * shots saved in shots. 0 when it ran to its end; 1 when a line failed
 * (an expect, an open or a tap of a label not on the screen), said on
 * stderr as "FILE:LINE: what". */
int scripted_run(kiosk *k, const script *s, const char *script_path, const char *shots);

#endif
