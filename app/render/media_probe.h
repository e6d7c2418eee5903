/* Recordings probed at import in a worker process of their own (`hishatak
 * media-worker FILE NAME`, exec'd, with a worker's memory limit and the
 * import's time limit a file): FFmpeg reads what came from a stick there,
 * so a file that crashes or hangs it costs that file a refusal, never the
 * kiosk or the import. */
#ifndef HISHATAK_MEDIA_PROBE_H
#define HISHATAK_MEDIA_PROBE_H

#include "core/media.h"
#include <sys/types.h>

/* media_probe_here (see media.h), run by program (this program). 0, or
 * -1 with the reason in err. */
int media_probe_file(const char *program, const char *path, const char *name, media_facts *f, unsigned char **png,
		     size_t *png_len, char err[256]);

/* The player's: a worker (`hishatak media-worker decode PATH MS RATE
 * WIDTH`) decoding the recording at path from start_ms, into the pipe
 * whose reading end is returned (-1 when it cannot start): records, each a
 * media_record and len bytes, of sound (mono 16-bit samples at rate) and,
 * when picture_w > 0, pictures (YUV 4:2:0 at most picture_w wide). A
 * damaged recording costs the worker, not the kiosk. media_decode_stop
 * closes the pipe and ends the worker. */
enum { MEDIA_RECORD_SOUND = 1, MEDIA_RECORD_PICTURE };
typedef struct {
	int type;
	int w, h;             /* a picture's; for sound w is the count of samples */
	long long ms;         /* a picture's time */
	long long len;        /* bytes that follow */
} media_record;

int media_decode_start(const char *program, const char *path, long long start_ms, int rate, int picture_w, pid_t *pid);
void media_decode_stop(int fd, pid_t pid);

/* The worker's main: `media-worker probe PATH NAME` answers
 * media_probe_file; `media-worker decode PATH MS RATE WIDTH` as above. */
int media_worker_main(int argc, char **argv);

#endif
