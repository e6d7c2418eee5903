/* hishatak speak: an item read aloud into a WAV file, sentence by sentence
 * from its first page, as the reader's read-aloud button reads it. */
#include "cli/cli.h"
#include "core/doc.h"
#include "core/speech.h"
#include "core/wav.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The reader's layout on the usual 1280x800 screen: the same pages. */
#define SPEAK_LAYOUT_W 1280
#define SPEAK_LAYOUT_H 672

typedef struct {
	wav_file wav;
	long long limit;      /* samples, or 0: all */
	int failed;
} speak_job;

static int to_wav(const short *samples, int count, void *ctx)
{
	speak_job *job = ctx;
	if (job->limit > 0 && job->wav.samples + count > job->limit)
		count = (int)(job->limit - job->wav.samples);
	if (count > 0 && wav_write(&job->wav, samples, count) != 0)
		job->failed = 1;
	return job->failed || (job->limit > 0 && job->wav.samples >= job->limit);
}

/* Reads the pages in order until the end or the limit: 1 when there was
 * no text at all, 0 when read, -1 on failure (with err). */
static int read_pages(speaker *sp, doc *dc, int page_count, const char *lang, speak_job *job, char err[256])
{
	int said = 0;
	for (int p = 0; p < page_count; p++) {
		doc_sentence *sentences;
		int count;
		if (doc_page_sentences(dc, p, lang, &sentences, &count, err) != 0)
			return -1;
		int stopped = 0;
		for (int i = 0; i < count && !stopped; i++) {
			if (sentences[i].continued) /* said whole with the page before */
				continue;
			int rc = speech_say(sp, sentences[i].text, to_wav, job);
			if (rc < 0 || job->failed) {
				snprintf(err, 256, "page %d: %s", p + 1, job->failed ? "cannot write the WAV file" : "speech failed");
				doc_sentences_free(sentences, count);
				return -1;
			}
			stopped = rc == 1;
			said = 1;
		}
		doc_sentences_free(sentences, count);
		if (stopped)
			break;
	}
	return said ? 0 : 1;
}

int cli_speak(int argc, char **argv)
{
	const char *dir = NULL, *wav_path = NULL, *seconds = NULL, *args[1];
	int n;
	cli_option opts[] = {{"--data", &dir}, {"--wav", &wav_path}, {"--seconds", &seconds}, {0}};
	const char *usage = "hishatak speak --data DIR ID --wav FILE [--seconds N]";
	int rc = cli_parse(argc, argv, opts, args, 1, &n, usage);
	if (rc)
		return rc == -2 ? CLI_OK : CLI_USAGE;
	if (n != 1 || !wav_path) {
		cli_error("speak: ID and --wav are required\nusage: %s", usage);
		return CLI_USAGE;
	}
	char *end;
	double limit_s = seconds ? strtod(seconds, &end) : 0;
	if (seconds && (*end || !(limit_s > 0) || limit_s > 86400)) {
		cli_error("speak: bad --seconds \"%s\" (a number of seconds, like 60)", seconds);
		return CLI_USAGE;
	}
	data_folder *d = cli_open_data(dir, DATA_READONLY);
	if (!d)
		return CLI_FAILED;
	item it;
	char path[4096], err[256], used[16];
	doc *dc = NULL;
	speaker *sp = NULL;
	speak_job job = {0};
	rc = catalog_get(d->cat, args[0], &it);
	if (rc != 0) {
		cli_error("speak: %s: %s", args[0], rc > 0 ? "no such item" : catalog_error(d->cat));
		data_close(d);
		return CLI_FAILED;
	}
	rc = CLI_FAILED;
	store_path(d->st, it.doc_sha256, path);
	float pw, ph, em;
	doc_layout_for_screen(SPEAK_LAYOUT_W, SPEAK_LAYOUT_H, 1.0f, &pw, &ph, &em);
	int page_count;
	if (!(dc = doc_open(path, it.format, err)) || doc_layout(dc, pw, ph, em, err) != 0 ||
	    (page_count = doc_page_count(dc, err)) < 0) {
		cli_error("speak: %s: %s", it.id, err);
		goto done;
	}
	if (!(sp = speech_open(err))) {
		cli_error("speak: %s", err);
		goto done;
	}
	int voice = speech_voice(sp, it.language, used);
	if (voice < 0) {
		cli_error("speak: no voice for \"%s\", nor any other", it.language);
		goto done;
	}
	if (voice > 0)
		fprintf(stderr, "hishatak: speak: no voice for \"%s\"; reading with the \"%s\" voice\n", it.language, used);
	if (wav_create(&job.wav, wav_path, speech_sample_rate(sp), err) != 0) {
		cli_error("speak: %s", err);
		goto done;
	}
	job.limit = (long long)(limit_s * speech_sample_rate(sp));
	int read = read_pages(sp, dc, page_count, it.language, &job, err);
	if (read == 1) { /* a scan: the reader says so aloud, and so does the file */
		speech_voice(sp, "en", used);
		speech_say(sp, "This document has no text that can be read aloud.", to_wav, &job);
		fprintf(stderr, "hishatak: speak: %s has no text that can be read aloud (a scan?); the WAV file says so\n", it.id);
	}
	if (wav_close(&job.wav, wav_path, err) != 0 || read < 0) {
		cli_error("speak: %s: %s", it.id, err);
		goto done;
	}
	printf("%s: %.1f s\n", wav_path, (double)job.wav.samples / speech_sample_rate(sp));
	rc = CLI_OK;
done:
	if (job.wav.f)
		wav_close(&job.wav, wav_path, err);
	speech_close(sp);
	doc_close(dc);
	item_clear(&it);
	data_close(d);
	return rc;
}
