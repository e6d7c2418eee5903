/* Recordings as the core knows them, without FFmpeg: which files are
 * recordings. Reading them is the media program's (app/media/). */
#include "core/media.h"

#include <string.h>

int media_handles(const char *ext)
{
	static const char *const exts[] = {"mp3", "m4a", "ogg", "opus", "flac", "wav", "mp4", "m4v", "webm", "mkv"};
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
		if (strcmp(ext, exts[i]) == 0)
			return 1;
	return 0;
}
