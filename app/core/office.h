/* LibreOffice, run by the staff's bundle tool (never by the kiosk) to
 * read a spreadsheet (items.ods, items.xlsx) as UTF-8 CSV and to make a
 * PDF of a word processor's document (.docx, .odt, .rtf). */
#ifndef HISHATAK_OFFICE_H
#define HISHATAK_OFFICE_H

/* How to get LibreOffice, for a message. */
#define OFFICE_INSTALL "install LibreOffice (Debian or Ubuntu: apt-get install libreoffice-calc-nogui " \
		       "libreoffice-writer-nogui; elsewhere from libreoffice.org)"

/* True when LibreOffice's program (HISHATAK_SOFFICE, else soffice on PATH)
 * can be run. */
int office_available(void);

/* Converts the file src with LibreOffice into the folder out_dir: to is
 * "pdf", or "csv" (UTF-8, comma-separated, every cell quoted as text).
 * The new file's path goes to made. -1 with why when it could not. */
int office_convert(const char *src, const char *to, const char *out_dir, char made[4096], char why[512]);

#endif
