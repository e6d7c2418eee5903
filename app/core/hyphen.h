/* Hyphenation at syllables, for the UI's line wrapping: Debian's libhyphen
 * with its English patterns (hyphen-en-us) and the Russian ones of TeX's
 * hyph-utf8 converted for it (assets/hyphen/: Debian's hyphen-ru misses
 * most breaks); Armenian by its syllable rule (hyphen.c says why). A
 * word's script chooses, whatever the visitor's language. */
#ifndef HISHATAK_HYPHEN_H
#define HISHATAK_HYPHEN_H

typedef struct hyphen hyphen;

/* Loads the patterns: Russian from assets_dir/hyphen, English from the
 * system's (/usr/share/hyphen). A language whose
 * patterns are missing is not hyphenated; NULL (err says why) only when
 * none could be loaded. */
hyphen *hyphen_open(const char *assets_dir, char err[256]);
void hyphen_close(hyphen *h);

/* Where s[0..len) (UTF-8, one word or a few, with punctuation) may be
 * broken with a hyphen added: the lengths in bytes of the parts before
 * each break, ascending, at most max of them. Returns how many. */
int hyphen_breaks(hyphen *h, const char *s, int len, int *at, int max);

#endif
