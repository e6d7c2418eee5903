/* Dates as spreadsheets write them, read into the archive's forms (YYYY,
 * YYYY-MM, YYYY-MM-DD): 2023-10-10, 10/10/2023, 28.09.2023, June 2023,
 * 12 June 2023, and a date cell saved as its serial number (45209). A date
 * whose day and month could be swapped (01/06/2023) is refused with both
 * readings, never guessed. */
#ifndef HISHATAK_DATES_H
#define HISHATAK_DATES_H

enum { DATES_OK = 0, DATES_SERIAL = 1 };

/* Reads cell into iso. Returns DATES_OK, DATES_SERIAL (it was a spreadsheet
 * serial number: worth telling staff what it became), or -1 with what is
 * wrong and how to write it instead in why. */
int dates_parse(const char *cell, char iso[11], char why[512]);

#endif
