/* The clock's plausibility: see clock.h. */
#include "core/clock.h"
#include "core/files.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The day this file was compiled (__DATE__: "Dec  1 2026"), 00:00 UTC. */
static time_t build_day(void)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	char month[4];
	int day, year;
	if (sscanf(__DATE__, "%3s %d %d", month, &day, &year) != 3 || !strstr(months, month))
		return 0;
	struct tm tm = {0};
	tm.tm_year = year - 1900;
	tm.tm_mon = (int)(strstr(months, month) - months) / 3;
	tm.tm_mday = day;
	return timegm(&tm);
}

static time_t parse_utc(const char *text)
{
	struct tm tm = {0};
	if (sscanf(text, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return timegm(&tm);
}

time_t clock_floor(catalog *c)
{
	time_t floor = build_day();
	catalog_log_entry *newest = NULL;
	int n = 0;
	if (c && catalog_log_list(c, 1, &newest, &n) == 0 && n == 1) {
		time_t logged = parse_utc(newest->time);
		if (logged > floor && logged < floor + (time_t)10 * 366 * 86400)
			floor = logged;
	}
	free(newest);
	return floor;
}

int clock_plausible(time_t now, time_t floor)
{
	return now + 60 >= floor; /* a minute's slack: the log's time is the clock's own, rounded */
}

void clock_format(time_t t, char out[32])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%d %H:%M UTC", &tm);
}

static void request_path(const char *data_dir, char out[4096])
{
	snprintf(out, 4096, "%s/clock-set", data_dir);
}

int clock_request_set(const char *data_dir, time_t t, char err[256])
{
	char path[4096], text[32];
	request_path(data_dir, path);
	int n = snprintf(text, sizeof text, "%lld\n", (long long)t);
	return files_write_durably(path, text, (size_t)n, err);
}

time_t clock_requested(const char *data_dir)
{
	char path[4096], err[256];
	request_path(data_dir, path);
	char *text = files_read(path, 64, NULL, err);
	long long t = 0;
	if (text && sscanf(text, "%lld", &t) != 1)
		t = 0;
	free(text);
	return t > 0 ? (time_t)t : 0;
}
