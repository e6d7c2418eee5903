/* The media program's client: recordings probed at import and decoded for
 * the player in a worker process, `hishatak-media` beside this program
 * (exec'd, with a worker's memory limit and, to probe, the import's time
 * limit a file). FFmpeg reads what came from a stick there, so a file that
 * crashes or hangs it costs that file a refusal, never the kiosk or the
 * import; and only that program loads FFmpeg's libraries. */
#ifndef HISHATAK_MEDIA_CLIENT_H
#define HISHATAK_MEDIA_CLIENT_H

#include "core/media.h"

#include <sys/types.h>

/* The media program beside program (NULL: this program, as
 * /proc/self/exe names it): its folder with hishatak-media for a name. */
void media_client_program(const char *program, char out[4096]);

/* media_probe_here (media/media_ffmpeg.h), run by `program probe PATH
 * NAME` (program: the media program). 0, or -1 with the reason in err. */
int media_probe_file(const char *program, const char *path, const char *name, media_facts *f, unsigned char **png,
		     size_t *png_len, char err[256]);

/* The probe's answer on the pipe: this fixed header, then the poster's
 * PNG bytes. */
typedef struct {
	int rc;
	char error[256];
	media_facts facts;
	long long png_len;
} media_answer;

/* The player's: a worker (`program play PATH RATE WIDTH`, program the
 * media program) that opens the recording at path once and stays, told
 * where to play by media_command messages on the pipe whose writing end
 * is *to, and answering on the one returned (-1 when it cannot start):
 * records, each a media_record and len bytes, of sound (mono 16-bit
 * samples at rate) and, when picture_w > 0, pictures (YUV 4:2:0 within a
 * square of picture_w, in the ring: below), each marked with the command
 * it answers; and MEDIA_RECORD_END when that command's playing reached the
 * end (or what could be decoded of it). A seek is a message, not a new
 * process: the first sound comes after the decoding alone. A damaged
 * recording costs the worker, not the kiosk. media_play_stop ends the
 * worker and unmaps its ring. */
enum { MEDIA_RECORD_SOUND = 1, MEDIA_RECORD_PICTURE, MEDIA_RECORD_END };
typedef struct {
	int type;
	int w, h;             /* a picture's; for sound w is the count of samples */
	int command;          /* the media_command's number it answers */
	long long ms;         /* a picture's time */
	long long len;        /* bytes that follow (none for a picture) */
	int slot;             /* a picture's, in the ring */
	int pad;
} media_record;

typedef struct {
	int number;           /* answers carry it: those of an older one are dropped */
	int pad;
	long long ms;         /* where to play from; < 0: stop (pause) */
} media_command;

/* The pictures go through shared memory, not the pipe: a copy through the
 * kernel cost the worker a tenth of its time. The worker takes the lowest
 * free slot of the ring (so that a short queue keeps few pages), writes
 * the picture there and names the slot in its record; the client counts
 * each picture record it reads (the worker stays at most one ahead of
 * that, as a full pipe held it) and releases the slot when done with it
 * (shown, dropped, or of an older command). The worker may write anything
 * there: the client reads pixels from it, never sizes. */
#define MEDIA_RING_SLOTS 26
typedef struct {
	unsigned char *base;
	size_t size, slot_bytes;
} media_ring;

/* The ring for pictures within picture_w square, on fd (the worker's 3):
 * 0, or -1. */
int media_ring_map(media_ring *r, int fd, int picture_w);
void media_ring_unmap(media_ring *r);
unsigned char *media_ring_slot(const media_ring *r, int slot);
/* The worker's, for its picture after sent others: the lowest free slot,
 * now in use, once there is one and the client has read all but one of
 * those sent; -1 when interrupted (asked while it waits) says stop. */
int media_ring_take(media_ring *r, unsigned sent, int (*interrupted)(void *ctx), void *ctx);
/* The client's: one more picture record read; a slot free again. */
void media_ring_read(media_ring *r);
void media_ring_release(media_ring *r, int slot);

/* ring: the pictures' (picture_w > 0), mapped here; NULL for sound alone. */
int media_play_start(const char *program, const char *path, int rate, int picture_w, int *to, pid_t *pid,
		     media_ring *ring);
/* 0, or -1 when the worker is gone. */
int media_play_command(int to, int number, long long ms);
void media_play_stop(int from, int to, pid_t pid, media_ring *ring);

#endif
