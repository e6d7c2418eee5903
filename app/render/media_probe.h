/* Recordings probed at import in a worker process of their own (`hishatak
 * media-worker FILE NAME`, exec'd, with a worker's memory limit and the
 * import's time limit a file): FFmpeg reads what came from a stick there,
 * so a file that crashes or hangs it costs that file a refusal, never the
 * kiosk or the import. */
#ifndef HISHATAK_MEDIA_PROBE_H
#define HISHATAK_MEDIA_PROBE_H

#include "core/media.h"

/* media_probe_here (see media.h), run by program (this program). 0, or
 * -1 with the reason in err. */
int media_probe_file(const char *program, const char *path, const char *name, media_facts *f, unsigned char **png,
		     size_t *png_len, char err[256]);

/* The worker's main: probes argv[2] (called argv[3] in messages) and
 * writes the answer to standard output. */
int media_worker_main(int argc, char **argv);

#endif
