/* What the staff's bundle tool finds, one line each, for the archivist:
 * problems (each stops the bundle), warnings, notes of what it did, and
 * what each row will change on the kiosks. */
#ifndef HISHATAK_FINDINGS_H
#define HISHATAK_FINDINGS_H

typedef struct {
	char **problems;  /* where (file, row, column, value), what is wrong, how to fix */
	int problem_count;
	char **warnings;  /* worth a look; the bundle is made all the same */
	int warning_count;
	char **notes;     /* what was done for the archivist (a conversion) */
	int note_count;
	char **changes;   /* what each row will change on the kiosks */
	int change_count;
} findings;

void findings_problem(findings *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void findings_warning(findings *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void findings_note(findings *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void findings_change(findings *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Puts problems and warnings in the order of the rows they name (" row N";
 * those of the table as a whole first), keeping the order within a row. */
void findings_sort(findings *f);

void findings_free(findings *f);

#endif
