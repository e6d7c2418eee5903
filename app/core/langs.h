/* Language codes as the metadata table gives them (title_hy, language):
 * which language a code names, the code for a language's name (staff
 * write "Armenian"), and which languages the kiosk shows. */
#ifndef HISHATAK_LANGS_H
#define HISHATAK_LANGS_H

/* The languages the kiosk's screens are in: titles and content notes in
 * others are never shown. */
#define LANGS_SHOWN "en, hy, ru"

/* The English name of a language's code ("hy" -> "Armenian"), or NULL when
 * the code is not one this table knows. */
const char *langs_name(const char *code);

/* The code of a language given by name, in English or in its own script
 * ("Armenian", "Հայերեն", "русский" -> "hy", "hy", "ru"), or NULL. */
const char *langs_code_for_name(const char *name);

/* True when the kiosk shows titles and notes in the language tagged code
 * (its first subtag en, hy or ru). */
int langs_is_shown(const char *code);

/* True when tag has the form of a BCP 47 tag: a primary subtag of 2-3
 * letters, then subtags of 1-8 letters or digits, joined by "-". */
int langs_is_tag(const char *tag);

#endif
