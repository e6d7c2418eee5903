/* Dates, numbers, plural forms and quotation marks as each language writes
 * them, through ICU: "28 сентября 2023 г.", "28 սեպտեմբերի, 2023 թ.",
 * "12 345", «…». Languages are ISO 639-1 codes (en, hy, ru). */
#ifndef HISHATAK_LOCALIZE_H
#define HISHATAK_LOCALIZE_H

#include <stddef.h>
#include <time.h>

/* An archive date (YYYY, YYYY-MM or YYYY-MM-DD) in lang's words, the month
 * in the case a day takes; anything else is copied as it is. */
void localize_date(const char *lang, const char *iso, char *out, size_t size);

/* The moment t, in this machine's time zone, as lang writes a date and a
 * time of day (24 hours): "2 декабря 2026 г., 09:30". */
void localize_datetime(const char *lang, time_t t, char *out, size_t size);

/* n with lang's grouping of digits. */
void localize_number(const char *lang, long long n, char *out, size_t size);
/* x to one decimal, as lang writes it: 78.9, 78,9. */
void localize_tenths(const char *lang, double x, char *out, size_t size);

/* The plural category lang puts n in: "one", "few", "many" or "other". */
const char *localize_plural(const char *lang, long long n);

/* text between lang's opening and closing quotation marks. */
void localize_quote(const char *lang, const char *text, char *out, size_t size);

#endif
