/* The HISHATAK_* settings: the one place that reads them from the
 * environment, so that each has a default, a range and a line of help,
 * and a hot path pays an array lookup, not a getenv. */
#include "core/config.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	const char *name;
	int is_string;
	int def, min, max;         /* integers */
	const char *range;         /* strings: what they hold */
	const char *help;
} config_entry;

/* In the order of config_key. */
static const config_entry table[CONFIG_COUNT] = {
	[CONFIG_ASSETS] = {"HISHATAK_ASSETS", 1, 0, 0, 0, "a folder",
			   "the fonts and strings; unset: assets/ beside the program, or the installed copy"},
	[CONFIG_CHECK_LAYOUT] = {"HISHATAK_CHECK_LAYOUT", 0, 0, 0, 2, NULL,
				 "1: report touch targets under 9 mm, off the screen or overlapping, and labels cut (\"layout: ...\" on stderr); "
				 "2: also any text drawn cut (an ellipsis, a word broken)"},
	[CONFIG_SYSTEM_NOTES] = {"HISHATAK_SYSTEM_NOTES", 1, 0, 0, 0, "a file",
				 "what the Pi image's set-up found wrong, shown to staff on the admin screen"},
	[CONFIG_PAGE_CACHE_MB] = {"HISHATAK_PAGE_CACHE_MB", 0, 0, 0, 4096, NULL,
				  "MB of pages the reader keeps as textures (4 to 12 pages); 0: a 64th of memory, up to 64"},
	[CONFIG_RENDER_WORKERS] = {"HISHATAK_RENDER_WORKERS", 0, 0, 0, 4, NULL,
				   "render worker processes; 0: one a core and one for each 512 MB of memory, up to 4"},
	[CONFIG_RENDER_TIMEOUT_MS] = {"HISHATAK_RENDER_TIMEOUT_MS", 0, 15000, 100, 3600000, NULL,
				      "ms a render worker may take on one request before it is killed and replaced"},
	[CONFIG_PAGE_TIME_LIMIT_MS] = {"HISHATAK_PAGE_TIME_LIMIT_MS", 0, 8000, 100, 3600000, NULL,
				       "ms MuPDF may take to draw a page or take its text, then it is stopped"},
	[CONFIG_DOC_MEMORY_MB] = {"HISHATAK_DOC_MEMORY_MB", 0, 384, 1, 4096, NULL,
				  "MB all of MuPDF's allocations for one document may take"},
	[CONFIG_READ_TIMEOUT_MS] = {"HISHATAK_READ_TIMEOUT_MS", 0, 60000, 100, 3600000, NULL,
				    "ms the import may take to read one document, then it is refused"},
	[CONFIG_SOFFICE] = {"HISHATAK_SOFFICE", 1, 0, 0, 0, "a program",
			    "LibreOffice, which `hishatak bundle` runs to read items.ods/.xlsx and to make PDFs of "
			    ".docx/.odt/.rtf; unset: soffice on PATH"},
};

static int int_value[CONFIG_COUNT];
static const char *string_value[CONFIG_COUNT];
static pthread_once_t loaded = PTHREAD_ONCE_INIT;
static int loud = 1; /* read by the first load only */

/* A whole number in [min, max] with nothing after it, or -1. */
static int parse_int(const char *s, const config_entry *e, int *out)
{
	char *end;
	errno = 0;
	long n = strtol(s, &end, 10);
	if (end == s || *end || errno == ERANGE || n < e->min || n > e->max)
		return -1;
	*out = (int)n;
	return 0;
}

static void read_environment(int warn)
{
	for (int k = 0; k < CONFIG_COUNT; k++) {
		const config_entry *e = &table[k];
		const char *v = getenv(e->name);
		int_value[k] = e->def;
		string_value[k] = "";
		if (!v || !v[0]) /* unset or empty: the default, as before the table */
			continue;
		if (e->is_string)
			string_value[k] = v;
		else if (parse_int(v, e, &int_value[k]) != 0 && warn)
			fprintf(stderr, "hishatak: %s=\"%s\" is not a whole number from %d to %d: using the default, %d\n",
				e->name, v, e->min, e->max, e->def);
	}
}

static void first_load(void)
{
	read_environment(loud);
}

void config_load(int quiet)
{
	loud = !quiet;
	pthread_once(&loaded, first_load);
}

static void nothing(void)
{
}

void config_reload(void)
{
	pthread_once(&loaded, nothing);
	read_environment(0);
}

int config_int(config_key key)
{
	pthread_once(&loaded, first_load);
	return int_value[key];
}

const char *config_string(config_key key)
{
	pthread_once(&loaded, first_load);
	return string_value[key];
}

const char *config_name(config_key key)
{
	return table[key].name;
}

void config_print(FILE *out)
{
	fprintf(out, "%-28s %-8s %-18s %s\n", "variable", "default", "range", "what it does");
	for (int k = 0; k < CONFIG_COUNT; k++) {
		const config_entry *e = &table[k];
		char def[16], range[32];
		if (e->is_string) {
			snprintf(def, sizeof def, "unset");
			snprintf(range, sizeof range, "%s", e->range);
		} else {
			snprintf(def, sizeof def, "%d", e->def);
			snprintf(range, sizeof range, "%d to %d", e->min, e->max);
		}
		fprintf(out, "%-28s %-8s %-18s %s\n", e->name, def, range, e->help);
	}
}
