/* The player's sound: see playback.h. */
#include "ui/playback.h"
#include "core/files.h"
#include "core/media_client.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* About a second of pictures ahead of the sound's place, as much as the
 * sound queued; the ring holds one more being read and one being written. */
#define PICTURES (MEDIA_RING_SLOTS - 2)

typedef struct {
	long long ms;
	int w, h;
	int slot;                 /* in the worker's ring: released when dropped */
} playback_frame;

struct playback {
	char path[4096];
	int picture_w;
	long long duration_ms;
	SDL_AudioDeviceID dev;
	int rate, follow_clock;
	SDL_Thread *thread;
	SDL_mutex *lock;          /* guards what the thread and the UI share, below */
	int stopping;
	int command;              /* the number of the newest command: older answers are dropped */
	int worker_ended;         /* the command's playing ended, or the worker is gone */
	int worker_gone;          /* its pipe closed: the next play starts another */
	Sint64 queued;            /* samples queued since the start */
	int volume;
	media_ring ring;          /* the worker's pictures */
	playback_frame pictures[PICTURES]; /* a ring, by time */
	int picture_first, picture_count;
	/* The UI's alone. */
	int playing;
	long long start_ms;       /* where this stretch of playing began */
	Uint32 start_now;
	long long paused_at;
	int fd, to;
	pid_t pid;
	int failed;
};

/* Waits until f() is false; 1 when the sound is stopped or a newer
 * command came (what was read is then dropped). */
static int wait_while(playback *p, int (*f)(playback *p), int command)
{
	for (;;) {
		SDL_LockMutex(p->lock);
		int stop = p->stopping || p->command != command, busy = !stop && f(p);
		SDL_UnlockMutex(p->lock);
		if (stop)
			return 1;
		if (!busy)
			return 0;
		SDL_Delay(5);
	}
}

static int sound_ahead(playback *p) /* a second queued is enough: a seek drops it */
{
	return p->dev && SDL_GetQueuedAudioSize(p->dev) / 2 > (Uint32)p->rate;
}

static int pictures_full(playback *p)
{
	return p->picture_count == PICTURES;
}

static int stale(playback *p, int command)
{
	SDL_LockMutex(p->lock);
	int old = p->stopping || p->command != command;
	SDL_UnlockMutex(p->lock);
	return old;
}

/* Reads the worker's answers for as long as it lives, keeping those of
 * the newest command; those of older ones are read and dropped. */
static int reader_thread(void *arg)
{
	playback *p = arg;
	static short samples[32768];
	media_record r;
	for (;;) {
		if (files_read_all(p->fd, &r, sizeof r) != 0)
			break;
		if (r.type == MEDIA_RECORD_SOUND && r.len > 0 && r.len <= (long long)sizeof samples && r.len % 2 == 0) {
			if (files_read_all(p->fd, samples, (size_t)r.len) != 0)
				break;
			if (stale(p, r.command) || wait_while(p, sound_ahead, r.command))
				continue;
			size_t n = (size_t)r.len / 2;
			SDL_LockMutex(p->lock);
			for (size_t i = 0; i < n; i++)
				samples[i] = (short)(samples[i] * p->volume / 100);
			if (p->command == r.command) {
				if (p->dev)
					SDL_QueueAudio(p->dev, samples, (Uint32)(n * 2));
				p->queued += (Sint64)n;
			}
			SDL_UnlockMutex(p->lock);
		} else if (r.type == MEDIA_RECORD_PICTURE && r.len == 0 && p->ring.base && r.slot >= 0 &&
			   r.slot < MEDIA_RING_SLOTS && r.w >= 2 && r.h >= 2 && r.w <= p->picture_w && r.h <= p->picture_w &&
			   (size_t)r.w * (size_t)r.h * 3 / 2 <= p->ring.slot_bytes) {
			media_ring_read(&p->ring);
			if (stale(p, r.command) || wait_while(p, pictures_full, r.command)) {
				media_ring_release(&p->ring, r.slot);
				continue;
			}
			SDL_LockMutex(p->lock);
			if (p->command == r.command)
				p->pictures[(p->picture_first + p->picture_count++) % PICTURES] = (playback_frame){r.ms, r.w, r.h, r.slot};
			else
				media_ring_release(&p->ring, r.slot);
			SDL_UnlockMutex(p->lock);
		} else if (r.type == MEDIA_RECORD_END && r.len == 0) {
			SDL_LockMutex(p->lock);
			if (p->command == r.command)
				p->worker_ended = 1;
			SDL_UnlockMutex(p->lock);
		} else {
			break; /* not an answer: the worker is not to be believed */
		}
	}
	SDL_LockMutex(p->lock);
	p->worker_ended = p->worker_gone = 1;
	SDL_UnlockMutex(p->lock);
	return 0;
}

int playback_picture(playback *p, long long at, void (*show)(void *ctx, int w, int h, const unsigned char *yuv),
		     void *ctx)
{
	SDL_LockMutex(p->lock);
	int due;
	for (Uint32 t0 = SDL_GetTicks();;) {
		/* The newest picture due by now; those before it are late: dropped. */
		due = -1;
		for (int i = 0; i < p->picture_count && p->pictures[(p->picture_first + i) % PICTURES].ms <= at; i++)
			due = i;
		for (; due > 0; due--) {
			media_ring_release(&p->ring, p->pictures[p->picture_first].slot);
			p->picture_first = (p->picture_first + 1) % PICTURES;
			p->picture_count--;
		}
		/* A script runs on the kiosk's clock: it waits for the worker to
		 * catch up with it, so that every run shows the same picture. */
		int caught_up = due < p->picture_count - 1 || p->worker_ended || !p->thread;
		if (!p->follow_clock || !p->playing || caught_up || SDL_GetTicks() - t0 > 3000)
			break;
		SDL_UnlockMutex(p->lock);
		SDL_Delay(5);
		SDL_LockMutex(p->lock);
	}
	int shown = 0;
	if (due >= 0) {
		playback_frame *f = &p->pictures[p->picture_first];
		show(ctx, f->w, f->h, media_ring_slot(&p->ring, f->slot));
		media_ring_release(&p->ring, f->slot);
		p->picture_first = (p->picture_first + 1) % PICTURES;
		p->picture_count--;
		shown = 1;
	}
	SDL_UnlockMutex(p->lock);
	return shown;
}

playback *playback_new(const char *path, long long duration_ms, int picture_w, SDL_AudioDeviceID dev, int rate,
		       int follow_clock)
{
	playback *p = calloc(1, sizeof *p);
	if (!p || !(p->lock = SDL_CreateMutex())) {
		free(p);
		return NULL;
	}
	snprintf(p->path, sizeof p->path, "%s", path);
	p->duration_ms = duration_ms;
	p->picture_w = picture_w;
	p->dev = dev;
	p->rate = rate > 0 ? rate : 22050;
	p->follow_clock = follow_clock;
	p->fd = p->to = -1;
	return p;
}

/* Ends the worker and its thread, and drops what is queued (its pictures
 * were in the worker's ring). */
static void end_worker(playback *p)
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
	p->picture_first = p->picture_count = 0;
	media_play_stop(p->fd, p->to, p->pid, &p->ring);
	p->fd = p->to = -1;
	p->pid = 0;
	p->stopping = 0;
}

/* A new command: what the device and the queue of pictures hold of the
 * last one is dropped, and so will be what the worker still sends of it.
 * ms < 0: stop there. 0, or -1 when the worker is gone. */
static int command(playback *p, long long ms)
{
	SDL_LockMutex(p->lock);
	p->command++;
	p->worker_ended = p->worker_gone;
	p->queued = 0;
	if (p->dev)
		SDL_ClearQueuedAudio(p->dev);
	for (int i = 0; i < p->picture_count; i++)
		media_ring_release(&p->ring, p->pictures[(p->picture_first + i) % PICTURES].slot);
	p->picture_first = p->picture_count = 0;
	int number = p->command, gone = p->worker_gone;
	SDL_UnlockMutex(p->lock);
	return gone || p->to < 0 ? -1 : media_play_command(p->to, number, ms);
}

static void stop_sound(playback *p)
{
	command(p, -1);
}

void playback_free(playback *p)
{
	if (!p)
		return;
	stop_sound(p);
	end_worker(p);
	SDL_DestroyMutex(p->lock);
	free(p);
}

/* The worker for this recording, started the first time, and again when
 * the last one died (a damaged part): the file is opened once. */
static int start_worker(playback *p)
{
	SDL_LockMutex(p->lock);
	int alive = p->thread && !p->worker_gone;
	SDL_UnlockMutex(p->lock);
	if (alive)
		return 0;
	end_worker(p);
	char program[4096];
	media_client_program(NULL, program);
	p->worker_gone = 0;
	p->fd = media_play_start(program, p->path, p->rate, p->picture_w, &p->to, &p->pid, &p->ring);
	if (p->fd < 0 || !(p->thread = SDL_CreateThread(reader_thread, "playback", p))) {
		media_play_stop(p->fd, p->to, p->pid, &p->ring);
		p->fd = p->to = -1;
		p->pid = 0;
		return -1;
	}
	return 0;
}

void playback_play(playback *p, long long ms, int volume, Uint32 now)
{
	p->start_ms = SDL_clamp(ms, 0, p->duration_ms);
	p->start_now = now;
	p->playing = p->start_ms < p->duration_ms;
	p->failed = 0;
	p->volume = SDL_clamp(volume, 0, 100);
	if (!p->playing) {
		stop_sound(p);
		return;
	}
	if (start_worker(p) != 0 || command(p, p->start_ms) != 0)
		p->failed = 1; /* silent, but the place still moves with the clock */
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
