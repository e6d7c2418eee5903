/* The player's sound: see playback.h. */
#include "ui/playback.h"
#include "render/media_probe.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct playback {
	char path[4096];
	long long duration_ms;
	SDL_AudioDeviceID dev;
	int rate, follow_clock;
	SDL_Thread *thread;
	SDL_mutex *lock;          /* guards what the thread and the UI share, below */
	int stopping;
	int worker_ended;         /* the worker's pipe closed */
	Sint64 queued;            /* samples queued since the start */
	int volume;
	/* The UI's alone. */
	int playing;
	long long start_ms;       /* where this stretch of playing began */
	Uint32 start_now;
	long long paused_at;
	int fd;
	pid_t pid;
	int failed;
};

static int reader_thread(void *arg)
{
	playback *p = arg;
	short buf[4096];
	size_t have = 0;
	for (;;) {
		SDL_LockMutex(p->lock);
		int stop = p->stopping;
		/* A second ahead is enough: a seek drops what is queued. */
		Uint32 ahead = p->dev ? SDL_GetQueuedAudioSize(p->dev) / 2 : 0;
		SDL_UnlockMutex(p->lock);
		if (stop)
			break;
		if (ahead > (Uint32)p->rate) {
			SDL_Delay(20);
			continue;
		}
		ssize_t n = read(p->fd, (char *)buf + have, sizeof buf - have);
		if (n <= 0) {
			SDL_LockMutex(p->lock);
			p->worker_ended = 1;
			SDL_UnlockMutex(p->lock);
			break;
		}
		have += (size_t)n;
		size_t samples = have / 2;
		SDL_LockMutex(p->lock);
		for (size_t i = 0; i < samples; i++)
			buf[i] = (short)(buf[i] * p->volume / 100);
		if (p->dev && !p->stopping)
			SDL_QueueAudio(p->dev, buf, (Uint32)(samples * 2));
		p->queued += (Sint64)samples;
		SDL_UnlockMutex(p->lock);
		memmove(buf, (char *)buf + samples * 2, have - samples * 2);
		have -= samples * 2;
	}
	return 0;
}

playback *playback_new(const char *path, long long duration_ms, SDL_AudioDeviceID dev, int rate, int follow_clock)
{
	playback *p = calloc(1, sizeof *p);
	if (!p || !(p->lock = SDL_CreateMutex())) {
		free(p);
		return NULL;
	}
	snprintf(p->path, sizeof p->path, "%s", path);
	p->duration_ms = duration_ms;
	p->dev = dev;
	p->rate = rate > 0 ? rate : 22050;
	p->follow_clock = follow_clock;
	p->fd = -1;
	return p;
}

/* Ends the worker and its thread, and drops what is queued. */
static void stop_sound(playback *p)
{
	if (p->thread) {
		SDL_LockMutex(p->lock);
		p->stopping = 1;
		SDL_UnlockMutex(p->lock);
		if (p->pid > 0)
			kill(p->pid, SIGKILL); /* unblocks the thread's read */
		SDL_WaitThread(p->thread, NULL);
		p->thread = NULL;
	}
	media_sound_stop(p->fd, p->pid);
	p->fd = -1;
	p->pid = 0;
	if (p->dev)
		SDL_ClearQueuedAudio(p->dev);
}

void playback_free(playback *p)
{
	if (!p)
		return;
	stop_sound(p);
	SDL_DestroyMutex(p->lock);
	free(p);
}

void playback_play(playback *p, long long ms, int volume, Uint32 now)
{
	stop_sound(p);
	p->start_ms = SDL_clamp(ms, 0, p->duration_ms);
	p->start_now = now;
	p->playing = p->start_ms < p->duration_ms;
	p->failed = 0;
	p->stopping = p->worker_ended = 0;
	p->queued = 0;
	p->volume = SDL_clamp(volume, 0, 100);
	if (!p->playing)
		return;
	p->fd = media_sound_start("/proc/self/exe", p->path, p->start_ms, p->rate, &p->pid);
	if (p->fd < 0 || !(p->thread = SDL_CreateThread(reader_thread, "playback", p))) {
		media_sound_stop(p->fd, p->pid);
		p->fd = -1;
		p->pid = 0;
		p->failed = 1; /* silent, but the place still moves with the clock */
	}
}

static long long place(playback *p, Uint32 now)
{
	if (!p->playing)
		return p->paused_at;
	if (p->follow_clock || !p->dev || p->failed == 1)
		return p->start_ms + (Uint32)(now - p->start_now);
	SDL_LockMutex(p->lock);
	Sint64 heard = p->queued - (Sint64)(SDL_GetQueuedAudioSize(p->dev) / 2);
	int ended = p->worker_ended;
	SDL_UnlockMutex(p->lock);
	long long at = p->start_ms + heard * 1000 / p->rate;
	/* The worker stopped early and all it made was heard: a damaged part. */
	if (ended && heard == p->queued && at < p->duration_ms - 500)
		p->failed = 2;
	return at;
}

long long playback_position(playback *p, Uint32 now)
{
	long long at = place(p, now);
	if (p->failed == 2) { /* it waits there; a tap further on plays on */
		p->failed = 1;
		p->playing = 0;
		p->paused_at = SDL_clamp(at, 0, p->duration_ms);
		stop_sound(p);
		return p->paused_at;
	}
	if (p->playing && at >= p->duration_ms) {
		p->playing = 0;
		p->paused_at = p->duration_ms;
		stop_sound(p);
		return p->duration_ms;
	}
	return SDL_clamp(at, 0, p->duration_ms);
}

void playback_pause(playback *p, Uint32 now)
{
	if (!p->playing)
		return;
	p->paused_at = SDL_clamp(place(p, now), 0, p->duration_ms);
	p->playing = 0;
	stop_sound(p);
}

int playback_playing(const playback *p)
{
	return p->playing;
}

int playback_failed(const playback *p)
{
	return p->failed;
}
