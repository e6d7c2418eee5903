/* Dates, numbers, plurals and quotes through ICU: see localize.h. */
#include "core/localize.h"
#include "core/item.h"

#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/ulocdata.h>
#include <unicode/unum.h>
#include <unicode/upluralrules.h>
#include <unicode/ustring.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Opening ICU's formatters costs about a millisecond, and a screen of
 * cards formats dozens of dates and counts a frame: each language's are
 * opened once and kept, behind a lock (the report's thread formats too). */
typedef struct {
	char lang[16];
	UDateFormat *date[2]; /* day month year; month year */
	UCalendar *calendar;
	UNumberFormat *number, *tenths; /* 12,345; 78.9 */
	UPluralRules *plural;
} formatters;

#define LANGS_KEPT 8
static formatters kept[LANGS_KEPT];
static int kept_count;
static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;

static void close_formatters(formatters *f)
{
	for (int i = 0; i < 2; i++)
		if (f->date[i])
			udat_close(f->date[i]);
	if (f->calendar)
		ucal_close(f->calendar);
	if (f->number)
		unum_close(f->number);
	if (f->tenths)
		unum_close(f->tenths);
	if (f->plural)
		uplrules_close(f->plural);
	memset(f, 0, sizeof *f);
}

/* lang's formatters, with kept_lock held; opened as first asked for. */
static formatters *formatters_of(const char *lang)
{
	for (int i = 0; i < kept_count; i++)
		if (!strcmp(kept[i].lang, lang))
			return &kept[i];
	if (kept_count == LANGS_KEPT) { /* never with the kiosk's three: start over */
		for (int i = 0; i < kept_count; i++)
			close_formatters(&kept[i]);
		kept_count = 0;
	}
	formatters *f = &kept[kept_count++];
	snprintf(f->lang, sizeof f->lang, "%s", lang);
	return f;
}

static void to_utf8(const UChar *s, int32_t len, char *out, size_t size)
{
	UErrorCode e = U_ZERO_ERROR;
	out[0] = 0;
	u_strToUTF8(out, (int32_t)size - 1, NULL, s, len, &e);
	out[size - 1] = 0;
	if (U_FAILURE(e))
		out[0] = 0;
}

/* A formatter for the fields of skeleton ("dMMMMy": day, month name,
 * year) in the pattern lang uses for them, in the time zone zone (NULL:
 * this machine's). */
static UDateFormat *open_date(const char *lang, const char *skeleton, const UChar *zone)
{
	UErrorCode e = U_ZERO_ERROR;
	UChar skel[16], pattern[64];
	u_uastrcpy(skel, skeleton);
	UDateTimePatternGenerator *gen = udatpg_open(lang, &e);
	int32_t plen = udatpg_getBestPattern(gen, skel, -1, pattern, 64, &e);
	udatpg_close(gen);
	UDateFormat *f = U_SUCCESS(e) ? udat_open(UDAT_PATTERN, UDAT_PATTERN, lang, zone, zone ? -1 : 0, pattern, plen, &e) : NULL;
	if (U_FAILURE(e) && f) {
		udat_close(f);
		f = NULL;
	}
	return f;
}

/* The date at noon UTC (no zone shifts it) by skeleton n of lang's. */
static int format_date(const char *lang, int n, int y, int m, int d, char *out, size_t size)
{
	static const char *const skeletons[2] = {"dMMMMy", "MMMMy"};
	UErrorCode e = U_ZERO_ERROR;
	UChar text[128], utc[] = {'U', 'T', 'C', 0};
	int32_t len = 0;
	pthread_mutex_lock(&kept_lock);
	formatters *f = formatters_of(lang);
	if (!f->date[n])
		f->date[n] = open_date(lang, skeletons[n], utc);
	if (!f->calendar)
		f->calendar = ucal_open(utc, -1, lang, UCAL_GREGORIAN, &e);
	if (f->date[n] && f->calendar && U_SUCCESS(e)) {
		ucal_setDateTime(f->calendar, y, m - 1, d, 12, 0, 0, &e);
		UDate when = ucal_getMillis(f->calendar, &e);
		len = udat_format(f->date[n], when, text, 128, NULL, &e);
	}
	int ok = f->date[n] && f->calendar && U_SUCCESS(e);
	pthread_mutex_unlock(&kept_lock);
	if (!ok)
		return -1;
	to_utf8(text, len, out, size);
	return out[0] ? 0 : -1;
}

void localize_datetime(const char *lang, time_t t, char *out, size_t size)
{
	UErrorCode e = U_ZERO_ERROR;
	UChar text[128];
	UDateFormat *f = open_date(lang, "dMMMMyHHmm", NULL); /* for Admin's clock alone: not kept */
	int32_t len = f ? udat_format(f, (UDate)t * 1000.0, text, 128, NULL, &e) : 0;
	if (f)
		udat_close(f);
	if (f && U_SUCCESS(e)) {
		to_utf8(text, len, out, size);
	} else {
		struct tm tm;
		localtime_r(&t, &tm);
		strftime(out, size, "%Y-%m-%d %H:%M", &tm);
	}
}

void localize_date(const char *lang, const char *iso, char *out, size_t size)
{
	int y = 0, m = 1, d = 1;
	size_t len = strlen(iso);
	int n = len == 10 ? 0 : len == 7 ? 1 : -1;
	if (n < 0 || !item_date_is_valid(iso) || sscanf(iso, "%d-%d-%d", &y, &m, &d) < 2 ||
	    format_date(lang, n, y, m, d, out, size) != 0)
		snprintf(out, size, "%s", iso);
}

void localize_number(const char *lang, long long n, char *out, size_t size)
{
	UErrorCode e = U_ZERO_ERROR;
	UChar text[64];
	int32_t len = 0;
	pthread_mutex_lock(&kept_lock);
	formatters *f = formatters_of(lang);
	if (!f->number)
		f->number = unum_open(UNUM_DECIMAL, NULL, 0, lang, NULL, &e);
	if (U_SUCCESS(e) && f->number)
		len = unum_formatInt64(f->number, n, text, 64, NULL, &e);
	int ok = U_SUCCESS(e) && f->number;
	pthread_mutex_unlock(&kept_lock);
	if (!ok)
		snprintf(out, size, "%lld", n);
	else
		to_utf8(text, len, out, size);
}

void localize_tenths(const char *lang, double x, char *out, size_t size)
{
	UErrorCode e = U_ZERO_ERROR;
	UChar text[64];
	int32_t len = 0;
	pthread_mutex_lock(&kept_lock);
	formatters *f = formatters_of(lang);
	if (!f->tenths && (f->tenths = unum_open(UNUM_DECIMAL, NULL, 0, lang, NULL, &e))) {
		unum_setAttribute(f->tenths, UNUM_MIN_FRACTION_DIGITS, 1);
		unum_setAttribute(f->tenths, UNUM_MAX_FRACTION_DIGITS, 1);
	}
	if (U_SUCCESS(e) && f->tenths)
		len = unum_formatDouble(f->tenths, x, text, 64, NULL, &e);
	int ok = U_SUCCESS(e) && f->tenths;
	pthread_mutex_unlock(&kept_lock);
	if (!ok)
		snprintf(out, size, "%.1f", x);
	else
		to_utf8(text, len, out, size);
}

const char *localize_plural(const char *lang, long long n)
{
	static const char *const categories[] = {"zero", "one", "two", "few", "many", "other"};
	UErrorCode e = U_ZERO_ERROR;
	UChar word[16];
	char name[16];
	int32_t len = 0;
	pthread_mutex_lock(&kept_lock);
	formatters *f = formatters_of(lang);
	if (!f->plural)
		f->plural = uplrules_open(lang, &e);
	if (U_SUCCESS(e) && f->plural)
		len = uplrules_select(f->plural, (double)n, word, 16, &e);
	int ok = U_SUCCESS(e) && f->plural;
	pthread_mutex_unlock(&kept_lock);
	if (!ok)
		return "other";
	to_utf8(word, len, name, sizeof name);
	for (size_t i = 0; i < sizeof categories / sizeof *categories; i++)
		if (!strcmp(name, categories[i]))
			return categories[i];
	return "other";
}

void localize_quote(const char *lang, const char *text, char *out, size_t size)
{
	UErrorCode e = U_ZERO_ERROR;
	UChar mark[8];
	char open[16] = "\"", close[16] = "\"";
	ULocaleData *data = ulocdata_open(lang, &e);
	int32_t len = ulocdata_getDelimiter(data, ULOCDATA_QUOTATION_START, mark, 8, &e);
	if (U_SUCCESS(e))
		to_utf8(mark, len, open, sizeof open);
	len = ulocdata_getDelimiter(data, ULOCDATA_QUOTATION_END, mark, 8, &e);
	if (U_SUCCESS(e))
		to_utf8(mark, len, close, sizeof close);
	ulocdata_close(data);
	snprintf(out, size, "%s%s%s", open, text, close);
}
