/* Folding words so that scripts meet: a word is stemmed in its own
 * language (Snowball: English for Latin letters, Russian for Cyrillic,
 * Armenian for Armenian), romanized by the BGN/PCGN systems (ICU's
 * Armenian-Latin/BGN and Russian-Latin/BGN), and kept as lower-case ASCII
 * letters and digits, so that "Step'anakert", "Stepanakert", "Степанакерт"
 * and "Ստեփանակերտ" all fold to "stepanakert", and "Карабахе" to "karabakh".
 * The second search index holds every text folded so, and queries are
 * folded the same way. A fold is not thread-safe: one per connection. */
#ifndef HISHATAK_FOLD_H
#define HISHATAK_FOLD_H

typedef struct fold fold;

/* What folds the words: this code's rules and ICU's version. An index
 * folded by another must be made again (words are taken out of it by
 * folding their text again). */
const char *fold_version(void);

/* NULL with err when ICU or the stemmers cannot be set up. */
fold *fold_new(char err[256]);
void fold_free(fold *f);

/* The next word of text at or after *pos (letters, digits, combining
 * marks, and apostrophes between letters): 1 with its byte offset and
 * length, *pos moved past it; 0 when there is none left. */
int fold_next_word(const char *text, int len, int *pos, int *start, int *word_len);

#define FOLD_MAX 65 /* a folded form's bytes and its 0 */

/* One word (UTF-8, len bytes) in two forms: rom, romanized (lower-case
 * ASCII letters and digits, apostrophes gone), and stem, the same of its
 * Snowball stem; each at most FOLD_MAX bytes with its 0. Returns the length
 * of rom, 0 when nothing is left (a word of marks alone). A word longer
 * than FOLD_MAX - 1 bytes is folded from its start. */
int fold_word(fold *f, const char *word, int len, char rom[FOLD_MAX], char stem[FOLD_MAX]);

/* Every word of text, romanized, and after it its stem when the stem is
 * not the start of it ("happy happi"), one space between (malloc'ed; NULL
 * when memory runs out): what the second index holds. */
char *fold_text(fold *f, const char *text);

#endif
