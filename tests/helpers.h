/* What the tests share: cmocka, temporary folders, running the program.
 * Tests run from the project root. PNG screenshots: pixels.h, which needs SDL
 * (the core's tests are built without it). */
#ifndef HISHATAK_TEST_HELPERS_H
#define HISHATAK_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef HISHATAK /* the program under test; make sanitize passes its own */
#define HISHATAK "build/hishatak"
#endif

/* A new empty folder under /tmp (static buffer per call site is enough). */
static inline void temp_dir(char out[256])
{
	snprintf(out, 256, "/tmp/hishatak-test-XXXXXX");
	assert_non_null(mkdtemp(out));
}

static inline void remove_dir(const char *dir)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* Runs a shell command; returns its exit status, stdout in out (may be NULL). */
static inline int run(const char *cmd, char *out, size_t out_size)
{
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t n = 0;
	char buf[4096];
	size_t got;
	while ((got = fread(buf, 1, sizeof buf, p)) > 0) {
		if (out && n + got < out_size) {
			memcpy(out + n, buf, got);
			n += got;
		}
	}
	if (out)
		out[n] = 0;
	int status = pclose(p);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* run() of a command given as printf's format and arguments. */
static inline int run_fmt(char *out, size_t out_size, const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	return run(cmd, out, out_size);
}

/* The program with arguments given as printf's format and arguments; its
 * output, stderr with stdout, in out. */
static inline int run_hishatak(char *out, size_t out_size, const char *fmt, ...)
{
	char args[3000], cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(args, sizeof args, fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof cmd, HISHATAK " %s 2>&1", args);
	return run(cmd, out, out_size);
}

/* For a test that starts the program: skipped, saying why, where it cannot
 * start (make test-arm64 under qemu-user with no binfmt_misc entry for the
 * architecture sets HISHATAK_TEST_NO_PROGRAM), instead of failing with
 * "Exec format error". Anywhere else the program must run. */
static inline void skip_unless_the_program_runs(void)
{
	const char *why = getenv("HISHATAK_TEST_NO_PROGRAM");
	if (why && why[0]) {
		print_message("skipped: this test starts " HISHATAK ", and %s\n", why);
		skip();
	}
}

/* How many times needle occurs in hay. */
static inline int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

/* A fresh folder for each test (setup) removed after it (teardown). */
static char test_dir[256];

static inline int setup_test_dir(void **state)
{
	temp_dir(test_dir);
	return 0;
}

/* HISHATAK_KEEP_TEST_DIR=1 keeps the folder (screenshots) to look at. */
static inline int teardown_test_dir(void **state)
{
	if (getenv("HISHATAK_KEEP_TEST_DIR"))
		fprintf(stderr, "kept %s\n", test_dir);
	else
		remove_dir(test_dir);
	return 0;
}

static inline void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Loudness of 16-bit little-endian samples: the root mean square and the
 * peak, on a scale where full scale is 1. */
/* The level of 16-bit mono PCM: rms of its loudest half second (the disk
 * audio a test reads runs on in silence as long as the machine is slow, so
 * the whole file's rms would measure the machine), and its peak. */
static inline void pcm_levels(const unsigned char *bytes, size_t size, double *rms, double *peak)
{
	size_t n = size / 2, window = 11025;
	double best = 0, max = 0, sum = 0;
	for (size_t i = 0; i < n; i++) {
		double v = (double)(int16_t)(bytes[2 * i] | bytes[2 * i + 1] << 8) / 32768.0;
		sum += v * v;
		if (i >= window) {
			double old = (double)(int16_t)(bytes[2 * (i - window)] | bytes[2 * (i - window) + 1] << 8) / 32768.0;
			sum -= old * old;
		}
		double w = (double)(i + 1 < window ? i + 1 : window);
		if (sum / w > best && i + 1 >= (n < window ? n : window))
			best = sum / w;
		max = v < 0 ? (-v > max ? -v : max) : (v > max ? v : max);
	}
	*rms = sqrt(best);
	*peak = max;
}

/* A 12-page PDF book written out by hand: pages named i to iv, then 1 to 8
 * (/PageLabels), and a folded outline: Chapter One (page 1) with Part One A
 * and Part One B (pages 2 and 3), Chapter Two (page 6) with Part Two A
 * (page 7), Chapter Three (page 10). Each page says "Book page N" and
 * the name of a town found on no other page (Lachin on page 9). */
#define BOOK_PAGES 12
static inline void write_book_pdf(const char *path)
{
	enum { FONT = 3 + 2 * BOOK_PAGES, OUTLINES, CH1, CH2, CH3, P1A, P1B, P2A, OBJS = P2A };
	static char objs[OBJS + 1][512];
	snprintf(objs[1], sizeof objs[1], "<< /Type /Catalog /Pages 2 0 R /Outlines %d 0 R "
		 "/PageLabels << /Nums [0 << /S /r >> 4 << /S /D >>] >> >>", OUTLINES);
	int n = snprintf(objs[2], sizeof objs[2], "<< /Type /Pages /Count %d /Kids [", BOOK_PAGES);
	for (int p = 0; p < BOOK_PAGES; p++)
		n += snprintf(objs[2] + n, sizeof objs[2] - (size_t)n, "%d 0 R ", 3 + 2 * p);
	snprintf(objs[2] + n, sizeof objs[2] - (size_t)n, "] >>");
	static const char *towns[BOOK_PAGES] = {"Askeran", "Martakert", "Hadrut", "Shushi", "Stepanakert", "Martuni",
						"Kashatagh", "Shahumyan", "Lachin", "Karvachar", "Berdzor", "Chartar"};
	for (int p = 0; p < BOOK_PAGES; p++) {
		char content[160];
		snprintf(content, sizeof content, "BT /F1 36 Tf 72 700 Td (Book page %d) Tj 0 -60 Td (%s) Tj ET", p + 1, towns[p]);
		snprintf(objs[3 + 2 * p], sizeof objs[0], "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
			 "/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", FONT, 4 + 2 * p);
		snprintf(objs[4 + 2 * p], sizeof objs[0], "<< /Length %zu >>\nstream\n%s\nendstream", strlen(content), content);
	}
	snprintf(objs[FONT], sizeof objs[0], "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
	snprintf(objs[OUTLINES], sizeof objs[0], "<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count 3 >>", CH1, CH3);
#define BOOK_PAGE_OBJ(p) (3 + 2 * (p))
	snprintf(objs[CH1], sizeof objs[0], "<< /Title (Chapter One) /Parent %d 0 R /Next %d 0 R /First %d 0 R /Last %d 0 R /Count -2 "
		 "/Dest [%d 0 R /Fit] >>", OUTLINES, CH2, P1A, P1B, BOOK_PAGE_OBJ(0));
	snprintf(objs[CH2], sizeof objs[0], "<< /Title (Chapter Two) /Parent %d 0 R /Prev %d 0 R /Next %d 0 R /First %d 0 R /Last %d 0 R "
		 "/Count -1 /Dest [%d 0 R /Fit] >>", OUTLINES, CH1, CH3, P2A, P2A, BOOK_PAGE_OBJ(5));
	snprintf(objs[CH3], sizeof objs[0], "<< /Title (Chapter Three) /Parent %d 0 R /Prev %d 0 R /Dest [%d 0 R /Fit] >>", OUTLINES, CH2,
		 BOOK_PAGE_OBJ(9));
	snprintf(objs[P1A], sizeof objs[0], "<< /Title (Part One A) /Parent %d 0 R /Next %d 0 R /Dest [%d 0 R /Fit] >>", CH1, P1B,
		 BOOK_PAGE_OBJ(1));
	snprintf(objs[P1B], sizeof objs[0], "<< /Title (Part One B) /Parent %d 0 R /Prev %d 0 R /Dest [%d 0 R /Fit] >>", CH1, P1A,
		 BOOK_PAGE_OBJ(2));
	snprintf(objs[P2A], sizeof objs[0], "<< /Title (Part Two A) /Parent %d 0 R /Dest [%d 0 R /Fit] >>", CH2, BOOK_PAGE_OBJ(6));
#undef BOOK_PAGE_OBJ
	FILE *f = fopen(path, "wb");
	long offsets[OBJS + 1];
	fprintf(f, "%%PDF-1.4\n");
	for (int i = 1; i <= OBJS; i++) {
		offsets[i] = ftell(f);
		fprintf(f, "%d 0 obj\n%s\nendobj\n", i, objs[i]);
	}
	long xref = ftell(f);
	fprintf(f, "xref\n0 %d\n0000000000 65535 f \n", OBJS + 1);
	for (int i = 1; i <= OBJS; i++)
		fprintf(f, "%010ld 00000 n \n", offsets[i]);
	fprintf(f, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", OBJS + 1, xref);
	fclose(f);
}

#endif
