/* Findings: see findings.h. */
#include "core/findings.h"
#include "core/item.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add_line(char ***list, int *count, const char *fmt, va_list ap)
{
	char line[1200];
	vsnprintf(line, sizeof line, fmt, ap);
	item_list_add(list, count, line);
}

void findings_problem(findings *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_line(&f->problems, &f->problem_count, fmt, ap);
	va_end(ap);
}

void findings_warning(findings *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_line(&f->warnings, &f->warning_count, fmt, ap);
	va_end(ap);
}

void findings_note(findings *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_line(&f->notes, &f->note_count, fmt, ap);
	va_end(ap);
}

void findings_change(findings *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_line(&f->changes, &f->change_count, fmt, ap);
	va_end(ap);
}

/* The row a line names (" row N" near its start), 0 for the table as a whole. */
static int row_of(const char *line)
{
	const char *r = strstr(line, " row ");
	return r && r - line < 80 ? atoi(r + 5) : 0;
}

/* Insertion sort: stable, and the lists are short. */
static void sort_by_row(char **lines, int count)
{
	for (int i = 1; i < count; i++) {
		char *line = lines[i];
		int j = i;
		for (; j > 0 && row_of(lines[j - 1]) > row_of(line); j--)
			lines[j] = lines[j - 1];
		lines[j] = line;
	}
}

void findings_sort(findings *f)
{
	sort_by_row(f->problems, f->problem_count);
	sort_by_row(f->warnings, f->warning_count);
}

void findings_free(findings *f)
{
	char **lists[] = {f->problems, f->warnings, f->notes, f->changes};
	int counts[] = {f->problem_count, f->warning_count, f->note_count, f->change_count};
	for (int l = 0; l < 4; l++) {
		for (int i = 0; i < counts[l]; i++)
			free(lists[l][i]);
		free(lists[l]);
	}
	memset(f, 0, sizeof *f);
}
