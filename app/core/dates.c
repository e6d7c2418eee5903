/* Spreadsheet dates: see dates.h. */
#include "core/dates.h"
#include "core/item.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* What staff can do about a date the table holds in a form we refuse. */
#define ADVICE "give the date column the format YYYY-MM-DD (Format Cells), or type the date " \
	       "with an apostrophe first ('2023-06-01)"

static const char *month_names[12] = {"january", "february", "march", "april", "may", "june",
				      "july", "august", "september", "october", "november", "december"};

/* 1-12 for an English month name or its abbreviation of three or more
 * letters ("Jun", "Sept", "June"), else 0. */
static int month_number(const char *word)
{
	size_t n = strlen(word);
	if (n > 0 && word[n - 1] == '.')
		n--;
	for (int m = 0; m < 12 && n >= 3; m++)
		if (n <= strlen(month_names[m]) && strncasecmp(word, month_names[m], n) == 0)
			return m + 1;
	return 0;
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* A spreadsheet's day number (1900 date system, as LibreOffice and Excel
 * count: day 0 is 1899-12-30) as year, month, day. */
static void from_serial(long serial, int *y, int *m, int *d)
{
	/* Days from 1970-01-01, then H. Hinnant's civil_from_days. */
	long z = serial - 25569 + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Writes the date and checks it is real; -1 with why when not. */
static int finish(const char *cell, int y, int m, int d, char iso[11], char why[512])
{
	if (d)
		snprintf(iso, 11, "%04d-%02d-%02d", y, m, d);
	else if (m)
		snprintf(iso, 11, "%04d-%02d", y, m);
	else
		snprintf(iso, 11, "%04d", y);
	if (y < 1000 || y > 9999 || !item_date_is_valid(iso)) {
		snprintf(why, 512, "\"%.40s\" is not a real date (year %d, month %d, day %d)", cell, y, m, d);
		return -1;
	}
	return DATES_OK;
}

/* Day, month and year in numbers: 10/10/2023, 28.09.2023, 2023/09/28, 06/2023. */
static int numeric(const char *cell, const char *s, char iso[11], char why[512])
{
	char sep = 0;
	int parts[3], lens[3], n = 0;
	const char *p = s;
	for (;;) {
		char *end;
		if (!isdigit((unsigned char)*p) || n == 3)
			return -2;
		long v = strtol(p, &end, 10);
		lens[n] = (int)(end - p);
		parts[n++] = (int)(v > 99999 ? 99999 : v);
		if (!*end)
			break;
		if (!sep && strchr("/.-", *end))
			sep = *end;
		if (*end != sep)
			return -2;
		p = end + 1;
	}
	if (n == 2) { /* a month and a year */
		if (lens[0] == 4)
			return finish(cell, parts[0], parts[1], 0, iso, why);
		if (lens[1] == 4)
			return finish(cell, parts[1], parts[0], 0, iso, why);
	}
	if (n != 3)
		return -2;
	if (lens[0] == 4)
		return finish(cell, parts[0], parts[1], parts[2], iso, why);
	if (lens[2] != 4) {
		snprintf(why, 512, "\"%.40s\": write the year in full (2023, not 23): %s", cell, ADVICE);
		return -1;
	}
	int a = parts[0], b = parts[1], y = parts[2];
	if (sep == '.') /* wherever dots are written, the day comes first */
		return finish(cell, y, b, a, iso, why);
	if (a > 12 && b <= 12)
		return finish(cell, y, b, a, iso, why);
	if (b > 12 && a <= 12)
		return finish(cell, y, a, b, iso, why);
	if (a == b || a > 12)
		return finish(cell, y, b, a, iso, why);
	snprintf(why, 512, "\"%.40s\" could be %04d-%02d-%02d (day first) or %04d-%02d-%02d (month first): "
		 "write the one you mean; %s", cell, y, b, a, y, a, b, ADVICE);
	return -1;
}

/* A month by name: June 2023, 12 June 2023, June 12, 2023, 12-Jun-2023. */
static int named(const char *cell, const char *s, char iso[11], char why[512])
{
	char copy[64], *save = NULL;
	int y = 0, m = 0, d = 0, words = 0;
	snprintf(copy, sizeof copy, "%s", s);
	for (char *w = strtok_r(copy, " ,-/", &save); w; w = strtok_r(NULL, " ,-/", &save), words++) {
		size_t n = strlen(w);
		if (!m && (m = month_number(w)))
			continue;
		if (n > 2 && (!strcasecmp(w + n - 2, "st") || !strcasecmp(w + n - 2, "nd") || !strcasecmp(w + n - 2, "rd") ||
			      !strcasecmp(w + n - 2, "th")))
			w[n -= 2] = 0; /* 12th June 2023 */
		if (all_digits(w) && n == 4 && !y)
			y = atoi(w);
		else if (all_digits(w) && n <= 2 && !d)
			d = atoi(w);
		else
			return -2;
	}
	if (!m || !y || words > 3)
		return -2;
	return finish(cell, y, m, d, iso, why);
}

int dates_parse(const char *cell, char iso[11], char why[512])
{
	char s[64];
	size_t n;
	iso[0] = 0;
	while (isspace((unsigned char)*cell))
		cell++;
	snprintf(s, sizeof s, "%s", cell);
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = 0;
	/* A date and time cell ("2023-10-10 00:00:00", "10/10/2023 0:00"):
	 * the time goes. */
	char *space = strrchr(s, ' ');
	if (space && strchr(space, ':') && strspn(space + 1, "0123456789:.") == strlen(space + 1))
		*space = 0;
	if (item_date_is_valid(s)) {
		snprintf(iso, 11, "%s", s);
		return DATES_OK;
	}
	if (all_digits(s)) {
		long v = atol(s);
		if (strlen(s) == 8) /* 20231010 */
			return finish(cell, (int)(v / 10000), (int)(v / 100 % 100), (int)(v % 100), iso, why);
		/* A date cell saved as its number: 10000 is 1927-05-18, 2958465 is 9999-12-31. */
		if (strlen(s) >= 5 && v >= 10000 && v <= 2958465) {
			int y, m, d;
			from_serial(v, &y, &m, &d);
			return finish(cell, y, m, d, iso, why) == 0 ? DATES_SERIAL : -1;
		}
	}
	int rc = numeric(cell, s, iso, why);
	if (rc == -2)
		rc = named(cell, s, iso, why);
	if (rc == -2) {
		snprintf(why, 512, "\"%.40s\" is not a date Hishatak can read (2023, 2023-06 or 2023-06-01, or as "
			 "spreadsheets write them: 01/06/2023, 28.09.2023, June 2023): %s", cell, ADVICE);
		rc = -1;
	}
	if (rc != 0)
		iso[0] = 0;
	return rc;
}
