/* OHMS XML (the Oral History Metadata Synchronizer's export of an
 * interview): its transcript, timed by its <sync> minute marks or by
 * [hh:mm:ss] marks in its text, as cues; its <index> of points as
 * segments. Read with MuPDF's XML parser (fz_xml), never ours. */
#ifndef HISHATAK_OHMS_H
#define HISHATAK_OHMS_H

#include "core/segments.h"
#include "core/subtitles.h"

/* The transcript of the OHMS file in src: 0 and out filled (free with
 * subtitles_free), or -1 with the reason. */
int ohms_transcript(const char *src, size_t len, subtitles *out, char err[256]);

/* Its index: 0 and out filled (free with segments_free), or -1. */
int ohms_index(const char *src, size_t len, segments *out, char err[256]);

/* The BCP 47 tag of an OHMS language ("Armenian", "ru"), into tag (16
 * bytes); "" when not known. */
void ohms_language_tag(const char *name, char tag[16]);

#endif
