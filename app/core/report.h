/* The kiosk's report for staff and funders: the archive's state (its id,
 * the last bundle applied, the items, free space, the last imports) and
 * the anonymous usage counts (usage.h), as report.json and a one-page
 * report.html (inline SVG charts, no scripts, nothing outside the file).
 * And the archivist's side: several kiosks' report.json in one table. */
#ifndef HISHATAK_REPORT_H
#define HISHATAK_REPORT_H

#include "core/data.h"

#include <stdio.h>
#include <time.h>

/* Writes out_dir/report.json and out_dir/report.html (out_dir made when
 * missing), each durably (a temporary name, fsync, rename, fsync of the
 * folder), as of now. 0, or -1 with err. */
int report_write(data_folder *d, const char *out_dir, time_t now, char err[256]);

/* A name for this kiosk's report on a stick: ARCHIVE-HOST-YYYYMMDD-HHMM,
 * of the letters a FAT stick takes. */
void report_name(data_folder *d, time_t now, char out[200]);

/* Reads the reports at paths (a report.json, a folder holding one, or a
 * folder of such folders, as a stick's hishatak-reports/), one row a
 * kiosk: printed as a table on out, and as CSV on csv when not NULL.
 * Returns how many were read; -1 with err when one cannot be (named). */
int report_merge(const char *const *paths, int count, FILE *out, FILE *csv, char err[256]);

#endif
