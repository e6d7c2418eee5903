/* The kiosk's words in English, Armenian and Russian, read from
 * assets/strings/<lang>.txt ("key = text" lines). */
#ifndef HISHATAK_STRINGS_H
#define HISHATAK_STRINGS_H

#define STRINGS_LANG_COUNT 3
extern const char *const strings_langs[STRINGS_LANG_COUNT]; /* "en", "hy", "ru" */

/* Loads every language from assets_dir/strings. 0 on success. */
int strings_load(const char *assets_dir, char err[256]);
void strings_free(void);

/* The text for key in lang (an index into strings_langs), falling back to
 * English, then to the key itself. Never NULL. */
const char *strings_get(int lang, const char *key);

/* -1 when code is not one of strings_langs. */
int strings_lang_index(const char *code);

#endif
