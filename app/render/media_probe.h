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

/* The player's sound: a worker (`hishatak media-worker decode PATH MS
 * RATE`) decoding the recording at path from start_ms as mono 16-bit
 * samples at rate into the pipe whose reading end is returned (-1 when it
 * cannot start). A damaged recording costs the worker, not the kiosk.
 * media_sound_stop closes the pipe and ends the worker. */
int media_sound_start(const char *program, const char *path, long long start_ms, int rate, pid_t *pid);
void media_sound_stop(int fd, pid_t pid);

/* The worker's main: `media-worker probe PATH NAME` answers
 * media_probe_file; `media-worker decode PATH MS RATE` as above. */
int media_worker_main(int argc, char **argv);

#endif
