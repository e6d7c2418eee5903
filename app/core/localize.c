/* Dates, numbers, plurals and quotes through ICU: see localize.h. */
#include "core/localize.h"
#include "core/item.h"

#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/ulocdata.h>
#include <unicode/unum.h>
#include <unicode/upluralrules.h>
#include <unicode/ustring.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static void to_utf8(const UChar *s, int32_t len, char *out, size_t size)
{
	UErrorCode e = U_ZERO_ERROR;
	out[0] = 0;
	u_strToUTF8(out, (int32_t)size - 1, NULL, s, len, &e);
	out[size - 1] = 0;
	if (U_FAILURE(e))
		out[0] = 0;
}

/* The moment when (ms since 1970) in the pattern lang uses for the fields
 * of skeleton ("dMMMMy": day, month name, year), in the time zone zone
 * (NULL: this machine's). */
static int format_at(const char *lang, const char *skeleton, UDate when, const UChar *zone, char *out, size_t size)
{
	UErrorCode e = U_ZERO_ERROR;
	UChar skel[16], pattern[64], text[128];
	u_uastrcpy(skel, skeleton);
	UDateTimePatternGenerator *gen = udatpg_open(lang, &e);
	int32_t plen = udatpg_getBestPattern(gen, skel, -1, pattern, 64, &e);
	udatpg_close(gen);
	if (U_FAILURE(e))
		return -1;
	UDateFormat *f = udat_open(UDAT_PATTERN, UDAT_PATTERN, lang, zone, zone ? -1 : 0, pattern, plen, &e);
	int32_t len = U_FAILURE(e) ? 0 : udat_format(f, when, text, 128, NULL, &e);
	udat_close(f);
	if (U_FAILURE(e))
		return -1;
	to_utf8(text, len, out, size);
	return out[0] ? 0 : -1;
}

/* The date at noon UTC (no zone shifts it). */
static int format_skeleton(const char *lang, const char *skeleton, int y, int m, int d, char *out, size_t size)
{
	UErrorCode e = U_ZERO_ERROR;
	static const UChar utc[] = {'U', 'T', 'C', 0};
	UCalendar *cal = ucal_open(utc, -1, lang, UCAL_GREGORIAN, &e);
	ucal_setDateTime(cal, y, m - 1, d, 12, 0, 0, &e);
	UDate when = ucal_getMillis(cal, &e);
	ucal_close(cal);
	return U_FAILURE(e) ? -1 : format_at(lang, skeleton, when, utc, out, size);
}

void localize_datetime(const char *lang, time_t t, char *out, size_t size)
{
	if (format_at(lang, "dMMMMyHHmm", (UDate)t * 1000.0, NULL, out, size) != 0) {
		struct tm tm;
		localtime_r(&t, &tm);
		strftime(out, size, "%Y-%m-%d %H:%M", &tm);
	}
}

void localize_date(const char *lang, const char *iso, char *out, size_t size)
{
	int y = 0, m = 1, d = 1;
	size_t len = strlen(iso);
	const char *skeleton = len == 10 ? "dMMMMy" : len == 7 ? "MMMMy" : NULL;
	if (!skeleton || !item_date_is_valid(iso) || sscanf(iso, "%d-%d-%d", &y, &m, &d) < 2 ||
	    format_skeleton(lang, skeleton, y, m, d, out, size) != 0)
		snprintf(out, size, "%s", iso);
}

void localize_number(const char *lang, long long n, char *out, size_t size)
{
	UErrorCode e = U_ZERO_ERROR;
	UChar text[64];
	UNumberFormat *f = unum_open(UNUM_DECIMAL, NULL, 0, lang, NULL, &e);
	int32_t len = unum_formatInt64(f, n, text, 64, NULL, &e);
	unum_close(f);
	if (U_FAILURE(e))
		snprintf(out, size, "%lld", n);
	else
		to_utf8(text, len, out, size);
}

const char *localize_plural(const char *lang, long long n)
{
	static const char *const categories[] = {"zero", "one", "two", "few", "many", "other"};
	UErrorCode e = U_ZERO_ERROR;
	UChar word[16];
	char name[16];
	UPluralRules *rules = uplrules_open(lang, &e);
	int32_t len = uplrules_select(rules, (double)n, word, 16, &e);
	uplrules_close(rules);
	if (U_FAILURE(e))
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
