/* make bench: how fast Hishatak is, each figure beside what it is compared
 * with, both measured in the same run (these machines are noisy: medians,
 * high percentiles and ratios, never one timing). It makes its own inputs
 * under build/bench/: synthetic archives of 10,000 and 100,000 items (see
 * archive.h) and a long PDF. Prints a table; exits 1 only when something
 * could not be measured, never because a goal was missed. */
#include "archive.h"
#include "core/catalog.h"
#include "core/data.h"
#include "core/doc.h"
#include "core/files.h"
#include "core/media.h"
#include "core/media_client.h"
#include "core/speech.h"

#include <SDL.h>
#include <sqlite3.h>
#include <math.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The p-th percentile (0-100) of n values (sorts them). */
static double percentile(double *v, int n, double p)
{
	if (n == 0)
		return NAN;
	qsort(v, (size_t)n, sizeof *v, by_value);
	int i = (int)ceil(p / 100.0 * n) - 1;
	return v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

static void row(const char *figure, const char *ours, const char *against, const char *goal, const char *verdict)
{
	printf("| %-44s | %-30s | %-38s | %-26s | %-22s |\n", figure, ours, against, goal, verdict);
	fflush(stdout);
}

/* Adds to verdict how far value is past limit (unit after the number),
 * when it is: at_most says which side is the goal's. */
static void miss(char verdict[64], double value, double limit, int at_most, const char *unit)
{
	double by = at_most ? value - limit : limit - value;
	if (by > 0)
		snprintf(verdict + strlen(verdict), 64 - strlen(verdict), "%smisses by %.1f%s", verdict[0] ? "; " : "", by, unit);
}

static const char *met(char verdict[64])
{
	return verdict[0] ? verdict : "met";
}

/* Runs a shell command, its wall time in ms (or -1 when it failed). */
static double timed(const char *cmd)
{
	double t0 = now_ms();
	int rc = system(cmd);
	return rc == 0 ? now_ms() - t0 : -1;
}

/* --- 4. search as one types --- */

/* Four kinds of query: as the documents write it; in Armenian and
 * Cyrillic letters (the documents are in Latin ones: through the folded
 * index alone); other forms of the words (stems); misspelt (the nearest
 * word of the index is looked up once the prefix matches nothing). */
enum { QUERY_PLAIN, QUERY_SCRIPT, QUERY_STEM, QUERY_TYPO, QUERY_KINDS };
static const char *const query_kind_names[QUERY_KINDS] = {"plain", "cross-script", "stemmed", "misspelt"};
static const char *const typed_words[QUERY_KINDS][8] = {
	{"lachin", "blockade", "refugees", "corridor", "humanitarian", "stepanakert", "azerbaijan", "exodus"},
	{"Лачин", "Ստեփանակերտ", "Степанакерт", "Արցախ", "Азербайджан", "Լաչին", "Карабахе", "Ադրբեջան"},
	{"refugee", "blockades", "corridors", "humanitarianism", "negotiations", "displaced", "Armenians", "exoduses"},
	{"lachn", "blokade", "refugess", "coridor", "humanitarain", "stepanakrt", "azerbiajan", "exdous"},
};
#define TYPED_WORDS 8

/* The prefix of word of len letters (UTF-8: a letter may be two bytes). */
static int letter_prefix(const char *word, int letters, char out[64])
{
	int n = 0, seen = 0;
	while (word[n] && n < 62) {
		if (((unsigned char)word[n] & 0xC0) != 0x80 && seen++ == letters)
			break;
		n++;
	}
	snprintf(out, 64, "%.*s", n, word);
	return seen >= letters;
}

/* Every prefix of every word, as the kiosk searches on each keystroke,
 * but for the first letters: a word of one letter is not searched (it
 * returns at once), so those would only flatter the figure. */
static int search_latency(const char *dir, int kind, double *p50, double *p95, double *shell_p95)
{
	char err[256];
	data_folder *d = data_open(dir, DATA_READONLY, err);
	if (!d)
		return -1;
	double ours[128], shell[128];
	int n = 0;
	for (int w = 0; w < TYPED_WORDS; w++)
		for (int len = 2; n < 128; len++, n++) {
			char prefix[64], cmd[8192];
			if (!letter_prefix(typed_words[kind][w], len, prefix))
				break;
			/* Each the median of three, ours and the shell's: one slow
			 * run of this machine's is not the catalogue's. */
			double runs[3];
			for (int r = 0; r < 3; r++) {
				catalog_hit *hits;
				int count;
				double t0 = now_ms();
				if (catalog_search(d->cat, prefix, 100, &hits, &count) != 0) {
					data_close(d);
					return -1;
				}
				runs[r] = now_ms() - t0;
				catalog_free_hits(hits, count);
			}
			ours[n] = percentile(runs, 3, 50);
			if (kind != QUERY_PLAIN)
				continue; /* the shell has no folded query to run */
			/* The SQL the catalogue runs (catalog_search), with SQLite's
			 * bm25 for its rank_row (which the shell has not), timed by the
			 * sqlite3 shell (which times only what it reads from its input). */
			FILE *q = fopen("build/bench/query.sql", "w");
			if (!q) {
				data_close(d);
				return -1;
			}
			for (int r = 0; r < 3; r++)
				fprintf(q,
					"SELECT count(*) FROM (SELECT i.id, p.seq, s.score, s.rowid FROM"
					" (SELECT rowid, score FROM"
					"   (SELECT rowid, bm25(search, 10.0, 5.0, 5.0, 2.0, 1.0) AS score FROM search"
					"    WHERE search MATCH '\"%s\"*' ORDER BY rowid DESC LIMIT 4000)"
					"  UNION ALL SELECT rowid, score FROM"
					"   (SELECT rowid, bm25(search, 10.0, 5.0, 5.0, 2.0, 1.0) AS score FROM search"
					"    WHERE search MATCH 'title : (\"%s\"*)' ORDER BY rowid DESC LIMIT 1000)"
					"  ORDER BY score LIMIT 400) s"
					" JOIN passages p ON p.passage_no = s.rowid JOIN items i ON i.item_no = p.item"
					" WHERE i.withdrawn = 0 ORDER BY s.score);\n",
					prefix, prefix);
			fclose(q);
			snprintf(cmd, sizeof cmd, "sqlite3 -readonly -cmd '.timer on' '%s/catalog.db' < build/bench/query.sql", dir);
			FILE *p = popen(cmd, "r");
			char line[256];
			int timed_runs = 0;
			while (p && fgets(line, sizeof line, p))
				if (strncmp(line, "Run Time: real ", 15) == 0 && timed_runs < 3)
					runs[timed_runs++] = atof(line + 15) * 1000.0;
			shell[n] = timed_runs == 3 ? percentile(runs, 3, 50) : NAN;
			if (!p || pclose(p) != 0 || isnan(shell[n])) {
				data_close(d);
				return -1;
			}
		}
	data_close(d);
	*p50 = percentile(ours, n, 50);
	*p95 = percentile(ours, n, 95);
	if (kind == QUERY_PLAIN)
		*shell_p95 = percentile(shell, n, 95);
	return 0;
}

/* What a visitor may type or paste (issue 22's bad input): symbols
 * alone, one name in three scripts, a 10,000-character paste of names,
 * a word longer than any in the index. The slowest, each the median of
 * three, and which it was. */
static int bad_input_latency(const char *dir, double *worst, const char **which)
{
	static char paste[10001], huge[301];
	static const char *const names[4] = {"symbols", "three scripts", "a 10,000-character paste", "a 300-letter word"};
	const char *queries[4] = {"!!! ??? ### ...", "Карабах Lachin Արցախ", paste, huge};
	char err[256];
	const char *unit = "Карабах Lachin Արցախ ";
	size_t n = 0, ul = strlen(unit);
	for (; n + ul <= 10000; n += ul)
		memcpy(paste + n, unit, ul);
	memset(paste + n, ' ', 10000 - n); /* whole letters, then spaces */
	memset(huge, 'k', 300);
	data_folder *d = data_open(dir, DATA_READONLY, err);
	if (!d)
		return -1;
	*worst = 0;
	for (int q = 0; q < 4; q++) {
		double runs[3];
		for (int r = 0; r < 3; r++) {
			catalog_hit *hits;
			int count;
			double t0 = now_ms();
			if (catalog_search(d->cat, queries[q], 100, &hits, &count) != 0) {
				data_close(d);
				return -1;
			}
			runs[r] = now_ms() - t0;
			catalog_free_hits(hits, count);
		}
		double t = percentile(runs, 3, 50);
		if (t >= *worst) {
			*worst = t;
			*which = names[q];
		}
	}
	data_close(d);
	return 0;
}

/* The cost of issue 22's index at 100,000 items, against the catalogue
 * before it (commit 0e741ed: the search index alone). Its size: the
 * catalogue's pages (SQLite's dbstat) beside them less those of the tables
 * issue 22 added (the folded index, both title indexes, the words, the
 * thesaurus). Its import time: the time this archive's items took to go in
 * (archive.h, kept in its "complete" file) beside the same archive made by
 * 0e741ed's catalogue (tests/bench/archive.h built against it), on this
 * machine: the catalogue before cannot be run from this one. Measured on
 * 2 December 2026 (96.6 s; 125.7 s beside another run of this bench), its
 * catalogue 946 MB by dbstat. */
#define IMPORT_BEFORE_MS 96600.0
#define BEFORE_COMMIT "0e741ed"

static int index_cost(const char *dir, double *size_mb, double *size_before_mb, double *put_ms)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/complete", dir);
	if (archive_made_in(path, put_ms) != 0)
		return -1;
	sqlite3 *db;
	snprintf(path, sizeof path, "%s/catalog.db", dir);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return -1;
	}
	sqlite3_stmt *st;
	double total = 0, added = 0;
	if (sqlite3_prepare_v2(db, "SELECT sum(pgsize), sum(CASE WHEN name LIKE 'search\\_folded%' ESCAPE '\\'"
				   " OR name LIKE 'search\\_titles\\_%' ESCAPE '\\' OR name IN ('search_terms', 'names')"
				   " THEN pgsize ELSE 0 END) FROM dbstat", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		total = sqlite3_column_double(st, 0);
		added = sqlite3_column_double(st, 1);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	*size_mb = total / 1e6;
	*size_before_mb = (total - added) / 1e6;
	return total > 0 ? 0 : -1;
}

/* --- 6. import of a 500 MB bundle --- */

/* A stick as a centre gets one: 21 scanned reports (a page image and its
 * text layer on each of 4 pages, 23 MB each: the images are noise, so
 * nothing compresses) and 12 long text PDFs of 76 to 494 pages. */
static int import_bundle(void)
{
	struct stat st;
	if (stat("build/bench/import/complete", &st) == 0)
		return 0;
	const char *steps =
		"set -e; b=build/bench/import; rm -rf $b; mkdir -p $b/src/files;"
		"printf 'id,kind,file,date,language,title\\n' > $b/src/items.csv;"
		"for p in 1 2 3 4; do"
		" { printf '%%%%MediaBox 0 0 595 842\\n%%%%Font F1 Times-Roman\\n%%%%Image Im0 '$b'/scan.ppm\\n';"
		"   printf 'q 500 0 0 375 47 430 cm /Im0 Do Q\\nBT /F1 11 Tf 50 400 Td 14 TL\\n';"
		"   for l in $(seq 1 26); do printf '(Page %d, line %d: families from Stepanakert and the villages left by the Lachin road.) Tj T*\\n' $p $l; done;"
		"   printf 'ET\\n'; } > $b/page$p.txt;"
		"done;"
		"for i in $(seq 1 21); do"
		" { printf 'P6\\n1600 1200\\n255\\n'; head -c 5760000 /dev/urandom; } > $b/scan.ppm;"
		" mutool create -o $b/src/files/scan$i.pdf $b/page1.txt $b/page2.txt $b/page3.txt $b/page4.txt;"
		" echo \"scan-$i,report,files/scan$i.pdf,2023-10,en,Scanned report $i\" >> $b/src/items.csv;"
		"done;"
		"for i in $(seq 1 12); do"
		" mutool merge -o $b/src/files/text$i.pdf $(for k in $(seq 0 $i); do echo build/bench/pdf/part.pdf; done);"
		" echo \"text-$i,report,files/text$i.pdf,2024,en,Long report $i\" >> $b/src/items.csv;"
		"done;"
		"build/hishatak bundle --archive artsakh-archive --sequence 2 --key build/keys/archive.key $b/src $b/stick >/dev/null 2>$b/bundle.log;"
		"rm -rf $b/src $b/scan.ppm; touch $b/complete";
	return system(steps) == 0 ? 0 : -1;
}

/* The import of the stick into the five-item archive, beside copying the
 * same files, hashing them and MuPDF's text of each, one after another;
 * each three times, from files in the page cache (as a stick read twice). */
static int import_speed(double *ours, double *tools, double *megabytes)
{
	double a[3], b[3];
	const char *files = "build/bench/import/stick/*/files";
	char cmd[2048];
	if (import_bundle() != 0 || system("cat build/bench/import/stick/*/files/* > /dev/null") != 0)
		return -1;
	FILE *du = popen("du -sm --apparent-size build/bench/import/stick | cut -f1", "r");
	*megabytes = du && fscanf(du, "%lf", megabytes) == 1 ? *megabytes : 0;
	if (du)
		pclose(du);
	for (int i = 0; i < 3; i++) {
		if (system("rm -rf build/bench/import/data build/bench/import/copy && cp -a build/data build/bench/import/data") != 0)
			return -1;
		a[i] = timed("build/hishatak import --data build/bench/import/data build/bench/import/stick >/dev/null");
		snprintf(cmd, sizeof cmd,
			 "mkdir build/bench/import/copy && cp %s/* build/bench/import/copy && sha256sum %s/* >/dev/null &&"
			 " for f in %s/*; do mutool draw -q -F txt -o /dev/null $f 2>/dev/null; done",
			 files, files, files);
		b[i] = timed(cmd);
		if (a[i] < 0 || b[i] < 0)
			return -1;
	}
	*ours = percentile(a, 3, 50);
	*tools = percentile(b, 3, 50);
	return 0;
}

/* --- 9. import of 3,000 small items --- */

/* What an import of many small items took before their documents were read
 * by one worker process for the whole import (issue 18: a fork of the
 * importing process for each document), measured on this machine with this
 * same figure at commit 3c18a25. */
#define SMALL_IMPORT_BEFORE_MS 96400.0

/* A signed bundle of 3,000 text items of a few lines each, as a centre
 * sends its transcribed testimonies. */
static int small_items_bundle(void)
{
	struct stat st;
	if (stat("build/bench/small/complete", &st) == 0)
		return 0;
	const char *steps =
		"set -e; b=build/bench/small; rm -rf $b; mkdir -p $b/src/files;"
		"{ printf 'id,kind,file,date,language,title\\n';"
		"  for i in $(seq 1 3000); do echo \"small-$i,testimony,files/t$i.txt,2024,en,Testimony $i\"; done; } > $b/src/items.csv;"
		"for i in $(seq 1 3000); do"
		" printf 'Testimony %d.\\n\\nWe left Stepanakert by the Lachin road in September; the column moved a few metres an hour.\\n' $i > $b/src/files/t$i.txt;"
		"done;"
		"build/hishatak bundle --archive artsakh-archive --sequence 2 --key build/keys/archive.key $b/src $b/stick >/dev/null 2>$b/bundle.log;"
		"rm -rf $b/src; touch $b/complete";
	return system(steps) == 0 ? 0 : -1;
}

/* The import of that bundle into the five-item archive, once. */
static int small_import_speed(double *ours)
{
	if (small_items_bundle() != 0 ||
	    system("rm -rf build/bench/small/data && cp -a build/data build/bench/small/data") != 0)
		return -1;
	*ours = timed("build/hishatak import --data build/bench/small/data build/bench/small/stick >/dev/null");
	return *ours < 0 ? -1 : 0;
}

/* --- 9. import of 2,000 and 20,000 tiny items (issue 20, item 12) --- */

/* The signed bundle of n tiny items (tests/bench/tiny_bundle.sh), made once. */
static int tiny_items_bundle(int n, char stick[256])
{
	char cmd[1024], done[300];
	struct stat st;
	snprintf(stick, 256, "build/bench/tiny-%d/stick", n);
	snprintf(done, sizeof done, "build/bench/tiny-%d/complete", n);
	if (stat(done, &st) == 0)
		return 0;
	snprintf(cmd, sizeof cmd, "tests/bench/tiny_bundle.sh %d %s build/keys/archive.key && touch %s", n, stick, done);
	return system(cmd) == 0 ? 0 : -1;
}

/* Its import into a copy of the five-item archive, once; ms. */
static double tiny_import(int n)
{
	char stick[256], cmd[1024];
	if (tiny_items_bundle(n, stick) != 0)
		return -1;
	snprintf(cmd, sizeof cmd, "rm -rf build/bench/tiny-%d/data && cp -a build/data build/bench/tiny-%d/data", n, n);
	if (system(cmd) != 0)
		return -1;
	snprintf(cmd, sizeof cmd, "build/hishatak import --data build/bench/tiny-%d/data %s >/dev/null", n, stick);
	return timed(cmd);
}

/* --- kiosk sessions with --stats --- */

typedef struct {
	double start, work;
	char screen[16];
	int page, shown;
} frame_stat;

static int read_stats(const char *path, frame_stat **out)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char line[256];
	int n = 0, cap = 0;
	*out = NULL;
	while (fgets(line, sizeof line, f)) {
		frame_stat s;
		if (sscanf(line, "%lf\t%lf\t%15s\t%d\t%d", &s.start, &s.work, s.screen, &s.page, &s.shown) != 5)
			continue; /* the header */
		if (n == cap)
			*out = realloc(*out, (size_t)(cap = cap ? cap * 2 : 1024) * sizeof **out);
		(*out)[n++] = s;
	}
	fclose(f);
	return n;
}

/* Runs the kiosk on dir with a script; its frames in *frames. */
static int kiosk_session(const char *dir, const char *size, const char *script, frame_stat **frames)
{
	char cmd[9000];
	FILE *f = fopen("build/bench/script.txt", "w");
	if (!f)
		return -1;
	fputs(script, f);
	fclose(f);
	snprintf(cmd, sizeof cmd,
		 "build/hishatak kiosk --data '%s' --size %s --lang en --script build/bench/script.txt --shots build/bench/shots"
		 " --stats build/bench/stats.tsv >/dev/null",
		 dir, size);
	if (system(cmd) != 0)
		return -1;
	return read_stats("build/bench/stats.tsv", frames);
}

/* Runs a session; the kiosk's own work in each frame it spent on screen
 * (the caller frees *work). Returns how many frames, or -1. */
static int work_on_screen(const char *dir, const char *script, const char *screen, double **work)
{
	frame_stat *fs;
	int n = kiosk_session(dir, "800x480", script, &fs);
	if (n <= 0)
		return -1;
	int m = 0;
	*work = malloc((size_t)n * sizeof **work);
	for (int i = 0; *work && i < n; i++)
		if (strcmp(fs[i].screen, screen) == 0)
			(*work)[m++] = fs[i].work;
	free(fs);
	return *work && m > 0 ? m : -1;
}

/* 5. Browse scrolled with a finger, 40 flings down and back: our work per
 * frame while on Browse. */
static int browse_frames(const char *dir, double *p50, double *p95, int *count)
{
	char script[16384] = "tap \"Browse all\"\nexpect browse\n"; /* by its label: Home's layout moves */
	for (int i = 0; i < 40; i++)
		strcat(script, i < 30 ? "swipe 400 420 400 120 120\nwait 150\n" : "swipe 400 120 400 420 120\nwait 150\n");
	double *work = NULL;
	int m = work_on_screen(dir, script, "browse", &work);
	if (m > 0) {
		*count = m;
		*p50 = percentile(work, m, 50);
		*p95 = percentile(work, m, 95);
	}
	free(work);
	return m > 0 ? 0 : -1;
}

/* 4. Typing into Search on the kiosk: our work per frame while the finder
 * answers each keystroke on its own thread. */
static int typing_frames(const char *dir, double *p95, double *worst, int *count)
{
	char script[4096] = "tap \"Search\"\nexpect search\n";
	/* "lachin", rubbed out, then "blockade": 20 keystrokes. */
	for (const char *c = "lachin------blockade"; *c; c++)
		snprintf(script + strlen(script), sizeof script - strlen(script), *c == '-' ? "key Backspace\nwait 50\n" : "type %c\nwait 50\n",
			 *c);
	strcat(script, "expect search\n");
	double *work = NULL;
	int m = work_on_screen(dir, script, "search", &work);
	if (m > 0) {
		*count = m;
		*p95 = percentile(work, m, 95);
		*worst = percentile(work, m, 100);
	}
	free(work);
	return m > 0 ? 0 : -1;
}

/* 2. Page turns: 200 swipes through the Call for Action (forward to its
 * end, back, forward again). A turn's latency runs from the start of the
 * frame that took the finger's lift to the end of the first frame that
 * shows the new page. */
static int page_turns(const char *dir, double *within_frame, double *p50, double *p99, int *turns)
{
	char *script = malloc(65536);
	strcpy(script, "open call-for-action-2022-11\nkey Return\nkey Right\nexpect reader\n"); /* note, cover, page 1 */
	for (int i = 0; i < 200; i++)
		strcat(script, (i / 60) % 2 == 0 ? "swipe 700 240 100 240 150\nwait 120\n" : "swipe 100 240 700 240 150\nwait 120\n");
	frame_stat *fs;
	int n = kiosk_session(dir, "800x480", script, &fs);
	free(script);
	if (n <= 0)
		return -1;
	double *lat = malloc((size_t)n * sizeof *lat);
	int m = 0, fast = 0;
	for (int i = 1; i < n; i++) {
		if (strcmp(fs[i].screen, "reader") || strcmp(fs[i - 1].screen, "reader") || fs[i].page == fs[i - 1].page)
			continue;
		for (int j = i; j < n && fs[j].page == fs[i].page; j++)
			if (fs[j].shown) {
				lat[m] = fs[j].start + fs[j].work - fs[i].start;
				fast += lat[m] <= 1000.0 / 60.0;
				m++;
				break;
			}
	}
	*turns = m;
	*within_frame = m ? 100.0 * fast / m : 0;
	*p50 = percentile(lat, m, 50);
	*p99 = percentile(lat, m, 99);
	free(lat);
	free(fs);
	return m > 0 ? 0 : -1;
}

/* 1. A long PDF made with MuPDF from the Call for Action (its converted
 * XHTML on small pages, repeated), in an archive of its own as staff would
 * bring it: signed, bundled, imported. Returns 0 when build/bench/pdf is
 * ready. */
static int long_pdf_archive(void)
{
	struct stat st;
	if (stat("build/bench/pdf/complete", &st) == 0)
		return 0;
	const char *steps =
		"set -e; rm -rf build/bench/pdf; mkdir -p build/bench/pdf/src/files;"
		"f=$(find build/data/store -type f -name \"$(sqlite3 -readonly build/data/catalog.db"
		" \"SELECT doc_sha256 FROM items WHERE id = 'call-for-action-2022-11'\")*\");"
		"cp \"$f\" build/bench/pdf/call.xhtml;"
		"mutool convert -F pdf -W 300 -H 400 -o build/bench/pdf/part.pdf build/bench/pdf/call.xhtml >/dev/null 2>&1;"
		"mutool merge -o build/bench/pdf/src/files/long.pdf $(for i in 1 2 3 4 5 6 7 8; do echo build/bench/pdf/part.pdf; done);"
		"printf 'id,kind,file,date,language,title\\nlong-report,report,files/long.pdf,2024,en,A long report\\n'"
		" > build/bench/pdf/src/items.csv;"
		"build/hishatak bundle --archive artsakh-archive --sequence 2 --key build/keys/archive.key build/bench/pdf/src"
		" build/bench/pdf/bundles >/dev/null;"
		"cp -a build/bench/archive-10k build/bench/pdf/data;"
		"build/hishatak import --data build/bench/pdf/data build/bench/pdf/bundles >/dev/null;"
		"touch build/bench/pdf/complete";
	return system(steps) == 0 ? 0 : -1;
}

/* 1. Pages 1-40 of the long PDF at 1920x1080: `hishatak render` against
 * `mutool draw`, both to PNG; and in memory, our doc_render against
 * `mutool draw` writing PNM to /dev/null. Medians of 3. */
static int render_speed(double *ours_png, double *mutool_png, double *ours_mem, double *mutool_mem)
{
	double a[3], b[3], c[3], d[3];
	char err[256];
	const char *pdf = "build/bench/pdf/src/files/long.pdf";
	for (int i = 0; i < 3; i++) {
		a[i] = timed("build/hishatak render --data build/bench/pdf/data long-report --pages 1-40 --size 1920x1080"
			     " --out build/bench/shots/ours%d.png >/dev/null");
		b[i] = timed("mutool draw -q -w 1920 -h 1080 -o build/bench/shots/mutool%d.png build/bench/pdf/src/files/long.pdf 1-40"
			     " >/dev/null 2>&1");
		/* Without -o mutool draw does not rasterize: PNM to /dev/null is
		 * rendering with next to no encoding. */
		d[i] = timed("mutool draw -q -F pnm -o /dev/null -w 1920 -h 1080 build/bench/pdf/src/files/long.pdf 1-40 >/dev/null 2>&1");
		double t0 = now_ms();
		doc *dc = doc_open(pdf, "pdf", err);
		for (int p = 0; dc && p < 40; p++) {
			doc_pixels px;
			if (doc_render(dc, p, 1920, 1080, &px, err) != 0) {
				doc_close(dc);
				dc = NULL;
				break;
			}
			doc_pixels_free(&px);
		}
		c[i] = dc ? now_ms() - t0 : -1;
		doc_close(dc);
		if (a[i] < 0 || b[i] < 0 || c[i] < 0 || d[i] < 0)
			return -1;
	}
	*ours_png = percentile(a, 3, 50);
	*mutool_png = percentile(b, 3, 50);
	*ours_mem = percentile(c, 3, 50);
	*mutool_mem = percentile(d, 3, 50);
	return 0;
}

/* 3. From exec to the first Home frame (and out again), against a bare
 * SDL window doing the same: medians of 5. */
/* From exec until a line comes down the pipe as the first frame ends
 * (the kiosk's --stats line after its header, the bare window's "frame"),
 * then waits for the exit. */
static double first_frame(const char *cmd, const char *header)
{
	char line[512];
	double t0 = now_ms(), t = -1;
	FILE *p = popen(cmd, "r");
	while (p && fgets(line, sizeof line, p))
		if (t < 0 && !(header && strncmp(line, header, strlen(header)) == 0))
			t = now_ms() - t0;
	return p && pclose(p) == 0 ? t : -1;
}

static int start_up(const char *dir, double *ours, double *bare)
{
	double a[7], b[7];
	char cmd[9000];
	FILE *f = fopen("build/bench/home.txt", "w");
	if (!f)
		return -1;
	fputs("expect home\n", f);
	fclose(f);
	snprintf(cmd, sizeof cmd,
		 "build/hishatak kiosk --data '%s' --size 800x480 --script build/bench/home.txt --shots build/bench/shots"
		 " --stats /dev/stdout",
		 dir);
	for (int i = 0; i < 7; i++) {
		a[i] = first_frame(cmd, "start_ms");
		b[i] = first_frame("SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0"
				   " build/bench/bare_window 800x480", NULL);
		if (a[i] < 0 || b[i] < 0)
			return -1;
	}
	*ours = percentile(a, 7, 50);
	*bare = percentile(b, 7, 50);
	return 0;
}

/* 6. Reading aloud: from Listen to the first sound. A page's sentences as
 * the render worker gets them (its document already open), then espeak-ng
 * until its first samples, for the transcript in English and a sentence of
 * Home's help in Armenian and Russian; medians of 5, against the espeak-ng
 * program saying the same sentence whole. */
typedef struct {
	double t0, first;
} first_sound;

static int on_first_samples(const short *samples, int count, void *ctx)
{
	first_sound *f = ctx;
	for (int i = 0; i < count; i++)
		if (samples[i] > 300 || samples[i] < -300) { /* a sound, not the silence before it */
			f->first = now_ms() - f->t0;
			return 1; /* stop: only the start is timed */
		}
	return 0;
}

static int speech_latency(double ours[3], double program[3])
{
	static const char *const langs[3] = {"en", "hy", "ru"};
	static const char *const said[3] = {
		NULL, /* the transcript's first sentence */
		"Սա Հիշատակն է՝ Լեռնային Ղարաբաղի և նրա հայերի արտագաղթի մասին փաստաթղթերի արխիվ։",
		"Это Хишатак, архив документов о Нагорном Карабахе и исходе его армян.",
	};
	char err[256], path[4096], cmd[1024];
	data_folder *d = data_open("build/data", 0, err);
	item it;
	if (!d || catalog_get(d->cat, "ker-lindsay-nagorno-karabakh", &it) != 0)
		return -1;
	store_path(d->st, it.doc_sha256, path);
	float pw, ph, em;
	doc_layout_for_screen(1280, 672, 1.0f, &pw, &ph, &em);
	doc *dc = doc_open(path, it.format, err);
	speaker *sp = speech_open(err);
	int rc = dc && sp && doc_layout(dc, pw, ph, em, err) == 0 ? 0 : -1;
	char used[16], first[512] = "";
	for (int l = 0; rc == 0 && l < 3; l++) {
		double t[5], p[5];
		for (int i = 0; rc == 0 && i < 5; i++) {
			first_sound f = {now_ms(), -1};
			const char *text = said[l];
			doc_sentence *ss = NULL;
			int n = 0;
			if (!text) {
				if (doc_page_sentences(dc, 0, "en", &ss, &n, err) != 0 || n == 0) {
					rc = -1;
					break;
				}
				text = ss[0].text;
				snprintf(first, sizeof first, "%s", text);
			}
			if (speech_voice(sp, langs[l], used) != 0 || speech_say(sp, text, on_first_samples, &f) < 0 || f.first < 0)
				rc = -1;
			t[i] = f.first;
			doc_sentences_free(ss, n);
			snprintf(cmd, sizeof cmd, "espeak-ng -v %s -w /dev/null \"%s\" 2>/dev/null", langs[l], l ? said[l] : first);
			p[i] = timed(cmd);
			if (p[i] < 0)
				rc = -1;
		}
		if (rc == 0) {
			ours[l] = percentile(t, 5, 50);
			program[l] = percentile(p, 5, 50);
		}
	}
	speech_close(sp);
	doc_close(dc);
	data_close(d);
	return rc;
}

/* The resident memory (kB) of a process and its children (the kiosk and
 * its render workers), or -1 when it has gone. */
static long tree_kb(pid_t pid)
{
	char path[128], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	long kb = 0;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, "VmRSS:", 6) == 0)
			kb = atol(line + 6);
	fclose(f);
	snprintf(path, sizeof path, "/proc/%d/task/%d/children", (int)pid, (int)pid);
	if ((f = fopen(path, "r"))) {
		int child;
		while (fscanf(f, "%d", &child) == 1) {
			long c = tree_kb(child);
			kb += c > 0 ? c : 0;
		}
		fclose(f);
	}
	return kb;
}

/* Runs cmd (through sh, exec'd) sampling its memory every 20 ms: the peak
 * and each sample (the caller frees *samples). */
static int sample_memory(const char *cmd, long *peak, long **samples, int *count)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	int cap = 1 << 16, status;
	*samples = malloc((size_t)cap * sizeof **samples);
	*count = 0;
	*peak = 0;
	struct timespec tick = {0, 20000000};
	while (waitpid(pid, &status, WNOHANG) == 0) {
		long kb = tree_kb(pid);
		if (kb > 0 && *count < cap)
			(*samples)[(*count)++] = kb;
		if (kb > *peak)
			*peak = kb;
		nanosleep(&tick, NULL);
	}
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 && *count > 10 ? 0 : -1;
}

/* 7. Memory: the 304-page PDF read at 1920x1080 (10,000 items in the
 * archive), 1,000 page turns; the peak, and the growth from after the
 * first hundred turns to the end; beside a bare SDL window of the same
 * size and driver, held open. */
static int memory_use(long *peak, long *growth, long *bare)
{
	FILE *f = fopen("build/bench/turns.txt", "w");
	if (!f)
		return -1;
	fputs("open long-report\nkey Right\nexpect reader\nwait 500\n", f); /* past the cover */
	for (int i = 0; i < 1000; i++)
		fputs(i % 10 == 9 ? "key Left\nwait 50\n" : "key Right\nwait 50\n", f);
	fputs("expect reader\n", f);
	fclose(f);
	long *s, *b, bare_peak;
	int n, m;
	if (sample_memory("exec build/hishatak kiosk --data build/bench/pdf/data --size 1920x1080 --script build/bench/turns.txt"
			  " --shots build/bench/shots >/dev/null 2>&1", peak, &s, &n) != 0)
		return -1;
	/* After the first hundred turns of the thousand: a tenth of the run. */
	*growth = s[n - 1] - s[n / 10];
	free(s);
	if (sample_memory("SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0"
			  " exec build/bench/bare_window 1920x1080 2 >/dev/null",
			  &bare_peak, &b, &m) != 0)
		return -1;
	free(b);
	*bare = bare_peak;
	return 0;
}

/* --- 10. recordings (issue 23) --- */

/* The test media, made by ffmpeg: 20 s of H.264 at 1080p30 and 720p30
 * (a key frame every 2 s, as phones and cameras record), AAC at 44.1 kHz;
 * and ten minutes at 360p25 for drift, with its tone; and the 1080p file in
 * a copy of the default archive for the kiosk to play. */
static int recordings_media(void)
{
	struct stat st;
	if (stat("build/bench/media/complete", &st) == 0)
		return 0;
	const char *steps =
		"set -e; m=build/bench/media; rm -rf $m; mkdir -p $m/src;"
		"for s in 1920x1080:1080 1280x720:720; do"
		" ffmpeg -v error -f lavfi -i testsrc2=size=${s%:*}:rate=30 -f lavfi -i sine=frequency=440:sample_rate=44100 -t 20"
		"  -c:v libx264 -preset veryfast -g 60 -pix_fmt yuv420p -c:a aac -b:a 96k $m/src/v${s#*:}.mp4;"
		"done;"
		"ffmpeg -v error -f lavfi -i testsrc=size=640x360:rate=25 -f lavfi -i sine=frequency=330:sample_rate=44100 -t 600"
		" -c:v libx264 -preset ultrafast -g 50 -pix_fmt yuv420p -c:a aac -b:a 64k $m/long.mp4;"
		"printf 'id,kind,file,date,language,title\\nfilm-1080,testimony,v1080.mp4,2024,en,A film at 1080p\\n' > $m/src/items.csv;"
		"build/hishatak bundle --archive artsakh-archive --sequence 2 --key build/keys/archive.key $m/src $m/bundles >/dev/null;"
		"cp -a build/data $m/data;"
		"build/hishatak import --data $m/data $m/bundles >/dev/null;"
		"touch $m/complete";
	return system(steps) == 0 ? 0 : -1;
}

/* The player's worker on a file, as the kiosk starts it (sound at 22050
 * Hz, pictures at most the player's width). */
typedef struct {
	int from, to, command;
	pid_t pid;
	media_ring ring;
} worker;

static int worker_start(worker *w, const char *file)
{
	w->command = 0;
	w->from = media_play_start("build/hishatak-media", file, 22050, MEDIA_POSTER_W, &w->to, &w->pid, &w->ring);
	return w->from < 0 ? -1 : 0;
}

/* What a command's playing gave until stop says so (or its end): counts
 * of pictures and samples, the time of its first picture and first sound
 * from t0 (ms), its last picture's time. Records of older commands are
 * read and dropped, as the kiosk's thread does. */
typedef struct {
	long pictures;
	long long samples, first_ms, last_picture_ms;
	double first_picture, first_sound;
	int ended;
} answers;

static unsigned char record_buf[1920 * 1088 * 3 / 2];

static int read_answers(worker *w, double t0, long want_pictures, answers *a)
{
	memset(a, 0, sizeof *a);
	a->first_picture = a->first_sound = -1;
	a->first_ms = -1;
	media_record r;
	while (files_read_all(w->from, &r, sizeof r) == 0) {
		if (r.len < 0 || r.len > (long long)sizeof record_buf || files_read_all(w->from, record_buf, (size_t)r.len) != 0)
			return -1;
		if (r.type == MEDIA_RECORD_PICTURE && r.slot >= 0 && r.slot < MEDIA_RING_SLOTS) {
			media_ring_read(&w->ring);
			media_ring_release(&w->ring, r.slot); /* as if shown at once */
		}
		if (r.command != w->command)
			continue;
		if (r.type == MEDIA_RECORD_END) {
			a->ended = 1;
			return 0;
		}
		if (r.type == MEDIA_RECORD_SOUND) {
			if (a->first_sound < 0)
				a->first_sound = now_ms() - t0;
			a->samples += r.w;
		} else if (r.type == MEDIA_RECORD_PICTURE) {
			if (a->first_picture < 0) {
				a->first_picture = now_ms() - t0;
				a->first_ms = r.ms;
			}
			a->last_picture_ms = r.ms;
			if (++a->pictures >= want_pictures)
				return 0;
		}
	}
	return -1;
}

static int worker_play(worker *w, long long ms)
{
	return media_play_command(w->to, ++w->command, ms);
}

/* Frames a second decoded from the start to the end by the player's
 * worker, against `ffmpeg -threads 1 -f null -` (FFmpeg's own decoder on
 * one core, as ours). Medians of 3. */
static int decode_speed(const char *file, double *ours, double *theirs)
{
	double a[3], b[3];
	char cmd[512];
	snprintf(cmd, sizeof cmd, "ffmpeg -v error -threads 1 -i %s -f null - 2>/dev/null", file);
	for (int i = 0; i < 3; i++) {
		worker w;
		answers an;
		double t0 = now_ms();
		if (worker_start(&w, file) != 0 || worker_play(&w, 0) != 0 || read_answers(&w, t0, 1L << 30, &an) != 0 ||
		    !an.ended || an.pictures < 100) {
			media_play_stop(w.from, w.to, w.pid, &w.ring);
			return -1;
		}
		a[i] = (double)an.pictures * 1000.0 / (now_ms() - t0);
		media_play_stop(w.from, w.to, w.pid, &w.ring);
		double t = timed(cmd);
		if (t < 0)
			return -1;
		b[i] = (double)an.pictures * 1000.0 / t;
	}
	*ours = percentile(a, 3, 50);
	*theirs = percentile(b, 3, 50);
	return 0;
}

/* A tap on a line: from the command to the first picture and the first
 * sound of the new place (the later of the two), 30 places in the 1080p
 * file, one worker kept (as the player does); against a new worker for
 * each (as it did before: exec, FFmpeg's start, the file read again). */
static int seek_latency(const char *file, double *p95, double *p50, double *new_p95)
{
	double a[30], b[30];
	worker w;
	if (worker_start(&w, file) != 0)
		return -1;
	for (int i = 0; i < 30; i++) {
		long long at = (long long)(i * 7919 % 18000) + 500; /* scattered over the 20 s */
		answers an;
		double t0 = now_ms();
		if (worker_play(&w, at) != 0 || read_answers(&w, t0, 1, &an) != 0 || an.first_picture < 0) {
			media_play_stop(w.from, w.to, w.pid, &w.ring);
			return -1;
		}
		a[i] = fmax(an.first_picture, an.first_sound);
		worker fresh;
		t0 = now_ms();
		if (worker_start(&fresh, file) != 0 || worker_play(&fresh, at) != 0 || read_answers(&fresh, t0, 1, &an) != 0) {
			media_play_stop(fresh.from, fresh.to, fresh.pid, &fresh.ring);
			media_play_stop(w.from, w.to, w.pid, &w.ring);
			return -1;
		}
		b[i] = fmax(an.first_picture, an.first_sound);
		media_play_stop(fresh.from, fresh.to, fresh.pid, &fresh.ring);
	}
	media_play_stop(w.from, w.to, w.pid, &w.ring);
	*p50 = percentile(a, 30, 50);
	*p95 = percentile(a, 30, 95);
	*new_p95 = percentile(b, 30, 95);
	return 0;
}

/* Picture and sound in step over the ten-minute file: the player shows
 * each picture when the sound's place (samples heard) reaches its time, so
 * the drift is how far the samples' clock has come from the pictures' by
 * the end: from the start, and from a seek to 5:00. The worst of the two,
 * in ms; frames the pictures' count. */
static int drift(double *worst, long *frames)
{
	*worst = 0;
	worker w;
	if (worker_start(&w, "build/bench/media/long.mp4") != 0)
		return -1;
	const long long starts[2] = {0, 300000};
	for (int i = 0; i < 2; i++) {
		answers an;
		if (worker_play(&w, starts[i]) != 0 || read_answers(&w, now_ms(), 1L << 30, &an) != 0 || !an.ended) {
			media_play_stop(w.from, w.to, w.pid, &w.ring);
			return -1;
		}
		double sound_end = (double)starts[i] + (double)an.samples * 1000.0 / 22050.0;
		double picture_end = (double)an.last_picture_ms + 40.0; /* the last picture stands a frame, at 25 a second */
		*worst = fmax(*worst, fabs(sound_end - picture_end));
		if (i == 0)
			*frames = an.pictures;
	}
	media_play_stop(w.from, w.to, w.pid, &w.ring);
	return 0;
}

/* Memory while the kiosk plays the 1080p film at 1920x1080 (its worker
 * counted, 15 s of it decoded), against the bare window of that size. */
static int playing_memory(long *peak, long *bare)
{
	FILE *f = fopen("build/bench/play.txt", "w");
	if (!f)
		return -1;
	fputs("open film-1080\nexpect player\nwait 15000\nexpect player\n", f);
	fclose(f);
	long *s, bare_peak;
	int n;
	if (sample_memory("exec build/hishatak kiosk --data build/bench/media/data --size 1920x1080 --script build/bench/play.txt"
			  " --shots build/bench/shots >/dev/null 2>&1", peak, &s, &n) != 0)
		return -1;
	free(s);
	if (sample_memory("SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0"
			  " exec build/bench/bare_window 1920x1080 2 >/dev/null",
			  &bare_peak, &s, &n) != 0)
		return -1;
	free(s);
	*bare = bare_peak;
	return 0;
}

/* BENCH_ONLY=27 runs figures 2 and 7 only (8: reading aloud, of issue 8;
 * a: recordings, the figures called 10). */
static int only(char figure)
{
	const char *o = getenv("BENCH_ONLY");
	return !o || strchr(o, figure) != NULL;
}

int main(void)
{
	char a[64], b[64], c[64];
	int failed = 0;
	/* The synthetic archives take long to make: not for the recordings' figures alone. */
	const char *o = getenv("BENCH_ONLY");
	int synthetic = !o || strspn(o, "a") < strlen(o);
	if (system("mkdir -p build/bench/shots") != 0 ||
	    (synthetic && (bench_archive("build/bench/archive-10k", 9995) != 0 ||
			  bench_archive("build/bench/archive-100k", 99995) != 0))) {
		fprintf(stderr, "bench: could not make the synthetic archives\n");
		return 1;
	}
	printf("| %-44s | %-30s | %-38s | %-26s | %-22s |\n", "figure", "Hishatak", "compared with", "goal", "verdict");
	printf("|%s|%s|%s|%s|%s|\n", "----------------------------------------------", "--------------------------------",
	       "----------------------------------------", "----------------------------", "------------------------");

	double within, p50, p95, p99, shell, op, mp, om, mm, worst_ms;
	if (!only('1'))
		;
	else if (long_pdf_archive() == 0 && render_speed(&op, &mp, &om, &mm) == 0) {
		snprintf(a, sizeof a, "%.0f ms to PNG, %.0f ms in memory", op, om);
		snprintf(b, sizeof b, "mutool draw %.0f / %.0f ms: x%.2f / x%.2f", mp, mm, op / mp, om / mm);
		char v[64] = "";
		miss(v, fmax(op / mp, om / mm), 1.1, 1, "");
		row("1. 40 pages of a PDF at 1920x1080", a, b, "ratio <= 1.1", met(v));
	} else {
		row("1. render against mutool draw", "FAILED", "", "", "");
		failed = 1;
	}

	int turns;
	if (!only('2'))
		;
	else if (page_turns("build/bench/archive-10k", &within, &p50, &p99, &turns) == 0) {
		snprintf(a, sizeof a, "%.1f%% in 16.7 ms; p99 %.1f ms", within, p99);
		snprintf(b, sizeof b, "%d turns, median %.2f ms", turns, p50);
		char v[64] = "";
		miss(v, within, 95, 0, " points");
		miss(v, p99, 50, 1, " ms");
		row("2. page turn, lift to new page shown", a, b, ">= 95% in a frame, p99 <= 50", met(v));
	} else {
		row("2. page turn", "FAILED", "", "", "");
		failed = 1;
	}

	double ours, bare;
	if (!only('3'))
		;
	else if (start_up("build/bench/archive-10k", &ours, &bare) == 0) {
		snprintf(a, sizeof a, "%.0f ms (10,000 items)", ours);
		snprintf(b, sizeof b, "bare SDL window %.0f ms: +%.0f ms", bare, ours - bare);
		char v[64] = "";
		miss(v, ours - bare, 100, 1, " ms");
		row("3. start to the first frame of Home", a, b, "<= 100 ms above bare", met(v));
	} else {
		row("3. start-up", "FAILED", "", "", "");
		failed = 1;
	}

	const char *archives[2] = {"build/bench/archive-10k", "build/bench/archive-100k"};
	const char *sizes[2] = {"10,000", "100,000"};
	double shell_p95[2] = {NAN, NAN};
	for (int i = 0; i < 2 && only('4'); i++)
		for (int kind = 0; kind < QUERY_KINDS; kind++) {
			char name[64];
			snprintf(name, sizeof name, "4. search, %s, %s items", query_kind_names[kind], sizes[i]);
			if (search_latency(archives[i], kind, &p50, &p95, &shell) == 0) {
				if (kind == QUERY_PLAIN)
					shell_p95[i] = shell;
				snprintf(a, sizeof a, "p95 %.1f ms (median %.1f)", p95, p50);
				snprintf(b, sizeof b, "sqlite3 shell, plain, bm25: p95 %.1f ms: x%.2f", shell_p95[i], p95 / shell_p95[i]);
				char v[64] = "";
				miss(v, p95, 15, 1, " ms");
				row(name, a, b, "p95 <= 15 ms", met(v));
			} else {
				row(name, "FAILED", "", "", "");
				failed = 1;
			}
		}
	const char *which = "";
	if (!only('4'))
		;
	else if (bad_input_latency("build/bench/archive-100k", &worst_ms, &which) == 0) {
		char v[64] = "";
		snprintf(a, sizeof a, "worst %.1f ms", worst_ms);
		snprintf(b, sizeof b, "%s", which);
		miss(v, worst_ms, 15, 1, " ms");
		row("4. bad input, 100,000 items", a, b, "<= 15 ms, no error", met(v));
	} else {
		row("4. bad input", "FAILED", "", "", "");
		failed = 1;
	}
	double size_mb, before_mb, put_ms;
	if (!only('4'))
		;
	else if (index_cost("build/bench/archive-100k", &size_mb, &before_mb, &put_ms) == 0) {
		char v[64] = "";
		snprintf(a, sizeof a, "%.0f MB", size_mb);
		snprintf(b, sizeof b, "without issue 22's indexes %.0f MB: x%.2f", before_mb, size_mb / before_mb);
		miss(v, size_mb / before_mb, 1.5, 1, "");
		row("4. catalogue size, 100,000 items", a, b, "<= 1.5x", met(v));
		v[0] = 0;
		snprintf(a, sizeof a, "%.1f s to put the items in", put_ms / 1e3);
		snprintf(b, sizeof b, "at " BEFORE_COMMIT ", before: %.1f s: x%.2f", IMPORT_BEFORE_MS / 1e3, put_ms / IMPORT_BEFORE_MS);
		miss(v, put_ms / IMPORT_BEFORE_MS, 1.5, 1, "");
		row("4. import time, 100,000 items", a, b, "<= 1.5x", met(v));
	} else {
		row("4. index size and import time", "FAILED", "", "", "");
		failed = 1;
	}

	int frames;
	double worst;
	if (!only('4'))
		;
	else if (typing_frames("build/bench/archive-100k", &p95, &worst, &frames) == 0) {
		snprintf(a, sizeof a, "p95 %.2f ms, worst %.1f ms", p95, worst);
		snprintf(c, sizeof c, "%d frames, 20 keystrokes", frames);
		char v[64] = "";
		miss(v, worst, 1000.0 / 60, 1, " ms");
		row("4. typing on the kiosk, work a frame, 100,000", a, c, "never a blocked frame", met(v));
	} else {
		row("4. typing on the kiosk", "FAILED", "", "", "");
		failed = 1;
	}
	if (!only('5'))
		;
	else if (browse_frames("build/bench/archive-100k", &p50, &p95, &frames) == 0) {
		snprintf(a, sizeof a, "p95 %.2f ms (median %.2f)", p95, p50);
		snprintf(c, sizeof c, "%d frames of 40 flings", frames);
		char v[64] = "";
		miss(v, p95, 8, 1, " ms");
		row("5. Browse scrolling, work a frame, 100,000", a, c, "p95 <= 8 ms", met(v));
	} else {
		row("5. Browse scrolling", "FAILED", "", "", "");
		failed = 1;
	}

	double imported, tools, megabytes;
	if (!only('6'))
		;
	else if (import_speed(&imported, &tools, &megabytes) == 0) {
		snprintf(a, sizeof a, "%.0f ms (%.0f MB, 33 PDFs)", imported, megabytes);
		snprintf(b, sizeof b, "cp, sha256sum, mutool %.0f ms: x%.2f", tools, imported / tools);
		char v[64] = "";
		miss(v, imported / tools, 1.0, 1, "");
		row("6. import of a stick", a, b, "ratio <= 1.0", met(v));
	} else {
		row("6. import of a stick", "FAILED", "", "", "");
		failed = 1;
	}

	double small;
	if (!only('9'))
		;
	else if (small_import_speed(&small) == 0) {
		snprintf(a, sizeof a, "%.1f s (3,000 text items)", small / 1000);
		snprintf(b, sizeof b, "a fork per document %.0f s: x%.2f", SMALL_IMPORT_BEFORE_MS / 1000,
			 small / SMALL_IMPORT_BEFORE_MS);
		char v[64] = "";
		miss(v, small / SMALL_IMPORT_BEFORE_MS, 1.0 / 3, 1, "");
		row("9. import of 3,000 small items", a, b, "ratio <= 0.33", met(v));
	} else {
		row("9. import of 3,000 small items", "FAILED", "", "", "");
		failed = 1;
	}

	/* Issue 20's 2,000 tiny items took 90 s (and 4,000 196 s) there, the
	 * Import screen locked meanwhile: 20,000 must take minutes, and grow
	 * with the items, not faster. */
	double tiny2k = only('9') ? tiny_import(2000) : 0, tiny20k = only('9') && tiny2k > 0 ? tiny_import(20000) : 0;
	if (!only('9'))
		;
	else if (tiny2k > 0 && tiny20k > 0) {
		snprintf(a, sizeof a, "%.1f s (20,000 signed items)", tiny20k / 1000);
		snprintf(b, sizeof b, "2,000 items %.1f s: x%.1f for x10", tiny2k / 1000, tiny20k / tiny2k);
		char v[64] = "";
		miss(v, tiny20k / 1000, 300, 1, " s");
		miss(v, tiny20k / tiny2k, 15, 1, "");
		row("9. import of 20,000 tiny items", a, b, "<= 300 s, <= x15 of 2,000", met(v));
	} else {
		row("9. import of 20,000 tiny items", "FAILED", "", "", "");
		failed = 1;
	}

	double sound[3], program[3];
	if (!only('8'))
		;
	else if (speech_latency(sound, program) == 0) {
		snprintf(a, sizeof a, "en %.1f, hy %.1f, ru %.1f ms", sound[0], sound[1], sound[2]);
		snprintf(b, sizeof b, "espeak-ng whole sentence %.0f / %.0f / %.0f", program[0], program[1], program[2]);
		char v[64] = "";
		miss(v, fmax(sound[0], fmax(sound[1], sound[2])), 500, 1, " ms");
		row("8. reading aloud, Listen to first sound", a, b, "<= 500 ms", met(v));
	} else {
		row("8. reading aloud", "FAILED", "", "", "");
		failed = 1;
	}

	long peak, growth, bare_kb;
	if (!only('7'))
		;
	else if (long_pdf_archive() == 0 && memory_use(&peak, &growth, &bare_kb) == 0) {
		snprintf(a, sizeof a, "peak %ld MB; %+ld MB over the turns", peak / 1024, growth / 1024);
		snprintf(b, sizeof b, "bare SDL window %ld MB: %+ld MB", bare_kb / 1024, (peak - bare_kb) / 1024);
		char v[64] = "";
		miss(v, (double)(peak - bare_kb) / 1024, 80, 1, " MB");
		miss(v, (double)growth / 1024, 5, 1, " MB of growth");
		row("7. memory, 304-page PDF, 1,000 turns", a, b, "<= 80 MB above, <= 5 MB", met(v));
	} else {
		row("7. memory", "FAILED", "", "", "");
		failed = 1;
	}
	double fps, ff_fps;
	const char *films[2] = {"build/bench/media/src/v1080.mp4", "build/bench/media/src/v720.mp4"};
	const char *film_names[2] = {"10. decoding H.264 1080p30, frames a second", "10. decoding H.264 720p30, frames a second"};
	int media_ready = only('a') ? recordings_media() : -1;
	for (int i = 0; i < 2 && only('a'); i++) {
		if (media_ready == 0 && decode_speed(films[i], &fps, &ff_fps) == 0) {
			snprintf(a, sizeof a, "%.0f fps (player's 640 wide)", fps);
			snprintf(b, sizeof b, "ffmpeg -threads 1 -f null %.0f fps", ff_fps);
			char v[64] = "";
			miss(v, (ff_fps / fps - 1) * 100, 10, 1, " points");
			snprintf(c, sizeof c, "overhead %+.0f%%", (ff_fps / fps - 1) * 100);
			char goal[64];
			snprintf(goal, sizeof goal, "<= +10%% (%s)", c);
			row(film_names[i], a, b, goal, met(v));
		} else {
			row(film_names[i], "FAILED", "", "", "");
			failed = 1;
		}
	}
	double new_p95;
	if (!only('a'))
		;
	else if (media_ready == 0 && seek_latency(films[0], &p95, &p50, &new_p95) == 0) {
		snprintf(a, sizeof a, "p95 %.0f ms (median %.0f)", p95, p50);
		snprintf(b, sizeof b, "a new worker each: p95 %.0f ms", new_p95);
		char v[64] = "";
		miss(v, p95, 150, 1, " ms");
		row("10. tap on a line to new picture and sound", a, b, "p95 <= 150 ms", met(v));
	} else {
		row("10. tap on a line", "FAILED", "", "", "");
		failed = 1;
	}
	double drift_ms;
	long drift_frames;
	if (!only('a'))
		;
	else if (media_ready == 0 && drift(&drift_ms, &drift_frames) == 0) {
		snprintf(a, sizeof a, "%.1f ms after 10 min", drift_ms);
		snprintf(b, sizeof b, "%ld pictures, from 0:00 and 5:00", drift_frames);
		char v[64] = "";
		miss(v, drift_ms, 40, 1, " ms");
		row("10. picture and sound drift, 10 minutes", a, b, "<= 40 ms", met(v));
	} else {
		row("10. drift", "FAILED", "", "", "");
		failed = 1;
	}
	long play_peak, play_bare;
	if (!only('a'))
		;
	else if (media_ready == 0 && playing_memory(&play_peak, &play_bare) == 0) {
		snprintf(a, sizeof a, "%.0f MB playing 1080p", (double)play_peak / 1024);
		snprintf(b, sizeof b, "bare window %.0f MB: +%.0f MB", (double)play_bare / 1024,
			 (double)(play_peak - play_bare) / 1024);
		char v[64] = "";
		miss(v, (double)(play_peak - play_bare) / 1024, 60, 1, " MB");
		row("10. memory playing 1080p, at 1920x1080", a, b, "<= 60 MB above bare", met(v));
	} else {
		row("10. memory playing 1080p", "FAILED", "", "", "");
		failed = 1;
	}
	return failed;
}
