/* Text from a stick made safe to show a person. A folder name, a reason or
 * a trusted comment may hold escape sequences that move a terminal's
 * cursor, set its title or write its clipboard (OSC 52), or bytes that are
 * not UTF-8: every such character is shown as a visible escape instead. */
#ifndef HISHATAK_PRINTABLE_H
#define HISHATAK_PRINTABLE_H

#include <stddef.h>

/* Copies s into out (size bytes, always NUL-terminated, cut only between
 * characters): C0 and C1 controls, DEL and bytes that are not UTF-8 as
 * \xNN, the bidirectional controls (U+202A-U+202E, U+2066-U+2069) as
 * \u202E. Returns out. */
char *printable(const char *s, char *out, size_t size);

#endif
