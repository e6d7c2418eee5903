/* Reading aloud: see aloud.h. One speech thread makes the samples of one
 * sentence at a time and queues them on the SDL audio device; the UI's
 * question "which sentence is heard now" is answered from how much of the
 * queue the device has played (or, without one, from the clock). */
#include "ui/aloud.h"
#include "core/speech.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct aloud {
	SDL_Thread *thread;
	speaker *sp;              /* the speech thread's alone */
	int sample_rate;
	SDL_AudioDeviceID dev;    /* 0: no sound device, silent */
	char problem[256];
	SDL_mutex *lock;          /* guards everything below */
	SDL_cond *wake;           /* a new batch, a stop, quitting */
	SDL_cond *progress;       /* a sentence made */
	int quitting, follow_clock, volume;
	int generation;           /* counts batches and stops: the thread drops older work */
	char lang[16];
	char **sentences;         /* the batch, and for each sentence the samples */
	Sint64 *ends;             /* from the batch's start to its end (-1 not made yet) */
	int count, first, rate;
	int made_sentences;       /* made so far (from first on) */
	Sint64 made;              /* samples made and queued */
	int done;                 /* the whole batch is made */
	Uint32 started;           /* the kiosk's clock at aloud_say */
	int fallback;
	char used[16];
};

typedef struct {
	aloud *a;
	int generation;
} sink_ctx;

/* Samples as they are made: scaled to the volume and queued, unless the
 * batch they belong to was replaced (then speech stops at once). */
static int queue_samples(const short *samples, int count, void *ctx)
{
	sink_ctx *sc = ctx;
	aloud *a = sc->a;
	short buf[4096];
	SDL_LockMutex(a->lock);
	int current = a->generation == sc->generation && !a->quitting;
	for (int done = 0; current && done < count;) {
		int n = SDL_min(count - done, 4096);
		for (int i = 0; i < n; i++)
			buf[i] = (short)(samples[done + i] * a->volume / 100);
		if (a->dev)
			SDL_QueueAudio(a->dev, buf, (Uint32)n * 2);
		a->made += n;
		done += n;
	}
	SDL_UnlockMutex(a->lock);
	return !current;
}

static int speech_thread(void *arg)
{
	aloud *a = arg;
	int handled = 0;
	SDL_LockMutex(a->lock);
	while (!a->quitting) {
		if (a->generation == handled || a->count == 0 || a->done) {
			handled = a->generation;
			SDL_CondWait(a->wake, a->lock);
			continue;
		}
		int gen = handled = a->generation;
		if (a->made_sentences == a->first) { /* a new batch: its voice and speed */
			char lang[16];
			snprintf(lang, sizeof lang, "%s", a->lang);
			int rate = a->rate;
			SDL_UnlockMutex(a->lock);
			char used[16];
			int voice = speech_voice(a->sp, lang, used);
			speech_set_rate(a->sp, rate);
			SDL_LockMutex(a->lock);
			if (gen != a->generation)
				continue;
			a->fallback = voice > 0;
			snprintf(a->used, sizeof a->used, "%s", used);
		}
		while (gen == a->generation && !a->quitting && a->made_sentences < a->count) {
			int i = a->made_sentences;
			char *text = strdup(a->sentences[i]);
			SDL_UnlockMutex(a->lock);
			sink_ctx sc = {a, gen};
			int rc = text ? speech_say(a->sp, text, queue_samples, &sc) : -1;
			free(text);
			SDL_LockMutex(a->lock);
			if (gen != a->generation)
				break;
			a->ends[i] = a->made;
			a->made_sentences = i + 1;
			if (rc < 0) /* one sentence espeak-ng could not say: go on with the next */
				fprintf(stderr, "hishatak: kiosk: a sentence could not be spoken\n");
			SDL_CondBroadcast(a->progress);
		}
		if (gen == a->generation) {
			a->done = 1;
			SDL_CondBroadcast(a->progress);
		}
	}
	SDL_UnlockMutex(a->lock);
	return 0;
}

/* Opens output ("" the default) in place of the device there was. */
static void open_device(aloud *a, const char *output)
{
	if (a->dev)
		SDL_CloseAudioDevice(a->dev);
	SDL_AudioSpec want = {0}, have;
	want.freq = a->sample_rate;
	want.format = AUDIO_S16SYS;
	want.channels = 1;
	want.samples = 1024; /* about 46 ms: a pause is heard at once */
	a->problem[0] = 0;
	if (!(a->dev = SDL_OpenAudioDevice(output && output[0] ? output : NULL, 0, &want, &have, 0)))
		snprintf(a->problem, sizeof a->problem, "no sound device%s%s: %s", output && output[0] ? " " : "",
			 output ? output : "", SDL_GetError());
	else
		SDL_PauseAudioDevice(a->dev, 0);
}

aloud *aloud_open(int volume, const char *output, char err[256])
{
	aloud *a = calloc(1, sizeof *a);
	if (!a) {
		snprintf(err, 256, "out of memory");
		return NULL;
	}
	if (!(a->sp = speech_open(err))) {
		free(a);
		return NULL;
	}
	a->sample_rate = speech_sample_rate(a->sp);
	a->volume = SDL_clamp(volume, 0, 100);
	a->lock = SDL_CreateMutex();
	a->wake = SDL_CreateCond();
	a->progress = SDL_CreateCond();
	if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
		snprintf(a->problem, sizeof a->problem, "no sound device: %s", SDL_GetError());
	else
		open_device(a, output);
	if (!a->lock || !a->wake || !a->progress || !(a->thread = SDL_CreateThread(speech_thread, "speech", a))) {
		snprintf(err, 256, "cannot start the speech thread: %s", SDL_GetError());
		a->thread = NULL;
		aloud_close(a);
		return NULL;
	}
	return a;
}

static void drop_batch(aloud *a)
{
	for (int i = 0; i < a->count; i++)
		free(a->sentences[i]);
	free(a->sentences);
	free(a->ends);
	a->sentences = NULL;
	a->ends = NULL;
	a->count = a->first = a->made_sentences = 0;
	a->made = 0;
	a->done = 0;
	a->generation++;
	if (a->dev)
		SDL_ClearQueuedAudio(a->dev);
}

void aloud_close(aloud *a)
{
	if (!a)
		return;
	if (a->thread) {
		SDL_LockMutex(a->lock);
		a->quitting = 1;
		drop_batch(a);
		SDL_CondSignal(a->wake);
		SDL_UnlockMutex(a->lock);
		SDL_WaitThread(a->thread, NULL);
	}
	drop_batch(a);
	if (a->dev)
		SDL_CloseAudioDevice(a->dev);
	if (a->lock)
		SDL_DestroyMutex(a->lock);
	if (a->wake)
		SDL_DestroyCond(a->wake);
	if (a->progress)
		SDL_DestroyCond(a->progress);
	speech_close(a->sp);
	free(a);
}

const char *aloud_problem(const aloud *a)
{
	return a->problem;
}

void aloud_follow_clock(aloud *a, int on)
{
	a->follow_clock = on;
}

void aloud_say(aloud *a, const char *lang, char *const *sentences, int count, int first, int rate, Uint32 now)
{
	SDL_LockMutex(a->lock);
	drop_batch(a);
	a->sentences = calloc((size_t)SDL_max(count, 1), sizeof *a->sentences);
	a->ends = calloc((size_t)SDL_max(count, 1), sizeof *a->ends);
	for (int i = 0; a->sentences && a->ends && i < count; i++)
		if ((a->sentences[i] = strdup(sentences[i])))
			a->count = i + 1;
	a->first = a->made_sentences = SDL_clamp(first, 0, a->count);
	snprintf(a->lang, sizeof a->lang, "%s", lang);
	a->rate = rate;
	a->started = now;
	a->fallback = 0;
	SDL_CondSignal(a->wake);
	SDL_UnlockMutex(a->lock);
}

void aloud_stop(aloud *a)
{
	SDL_LockMutex(a->lock);
	drop_batch(a);
	SDL_UnlockMutex(a->lock);
}

int aloud_position(aloud *a, Uint32 now)
{
	SDL_LockMutex(a->lock);
	if (a->count == 0) {
		SDL_UnlockMutex(a->lock);
		return -1;
	}
	Sint64 heard;
	if (a->follow_clock || !a->dev) {
		heard = (Sint64)(Uint32)(now - a->started) * a->sample_rate / 1000;
		/* A script waits for the voice to catch up with its clock. */
		for (Uint32 t0 = SDL_GetTicks(); a->follow_clock && !a->done && a->made < heard && SDL_GetTicks() - t0 < 5000;)
			SDL_CondWaitTimeout(a->progress, a->lock, 100);
	} else {
		heard = a->made - (Sint64)(SDL_GetQueuedAudioSize(a->dev) / 2);
	}
	int at = a->made_sentences;
	for (int i = a->first; i < a->made_sentences; i++)
		if (a->ends[i] > heard) {
			at = i;
			break;
		}
	if (at == a->made_sentences && a->done && a->made <= heard)
		at = a->count;
	else if (at >= a->count)
		at = a->count - 1; /* made, but not all heard yet */
	SDL_UnlockMutex(a->lock);
	return at;
}

int aloud_voice_fallback(aloud *a, char used[16])
{
	SDL_LockMutex(a->lock);
	int fallback = a->fallback;
	snprintf(used, 16, "%s", a->used);
	SDL_UnlockMutex(a->lock);
	return fallback;
}

void aloud_set_output(aloud *a, const char *output)
{
	SDL_LockMutex(a->lock);
	drop_batch(a);
	if (SDL_WasInit(SDL_INIT_AUDIO))
		open_device(a, output);
	SDL_UnlockMutex(a->lock);
}

int aloud_outputs(char names[][128], int max)
{
	int n = SDL_WasInit(SDL_INIT_AUDIO) ? SDL_GetNumAudioDevices(0) : 0;
	for (int i = 0; i < n && i < max; i++) {
		const char *name = SDL_GetAudioDeviceName(i, 0);
		snprintf(names[i], 128, "%s", name ? name : "");
	}
	return n < 0 ? 0 : n;
}

void aloud_set_volume(aloud *a, int volume)
{
	SDL_LockMutex(a->lock);
	a->volume = SDL_clamp(volume, 0, 100);
	SDL_UnlockMutex(a->lock);
}

SDL_AudioDeviceID aloud_device(aloud *a, int *rate)
{
	SDL_LockMutex(a->lock);
	SDL_AudioDeviceID dev = a->dev;
	*rate = a->sample_rate;
	SDL_UnlockMutex(a->lock);
	return dev;
}
