/* Repairs of common faults of EPUBs that other readers forgive and MuPDF
 * does not. Now one: manifest entries whose href carries a #fragment
 * (the Debian Live manual's EPUBs; MuPDF 1.21 looks for a zip entry named
 * "c1.xhtml#about" and says "cannot find named zip archive entry"). */
#ifndef HISHATAK_EPUB_H
#define HISHATAK_EPUB_H

#include <stddef.h>

/* Reads the EPUB at path and, when it has a fault this module repairs,
 * makes a repaired copy: 1 with the copy in *out (caller frees; *len its
 * size) and what was repaired in what; 0 when there is nothing to repair;
 * -1 with why when it cannot be read as a zip archive. */
int epub_repair(const char *path, unsigned char **out, size_t *len, char what[256], char why[256]);

#endif
