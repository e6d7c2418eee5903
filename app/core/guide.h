/* What an archive tells its visitors beside its items: its name and a
 * sentence or two for Home ("about"), its topics' labels per language
 * ("topics"), and its collections, staff-made selections with a title, an
 * introduction and a picture ("collections"). Bundles carry them as
 * bundle.json's top-level fields of the same names (the format's "Optional
 * fields for visitors"); the catalogue keeps them (catalog_guide.h). */
#ifndef HISHATAK_GUIDE_H
#define HISHATAK_GUIDE_H

#include "core/item.h"
#include <stddef.h>
#include <stdio.h>

#define GUIDE_TOPIC_MAX 127 /* bytes of a topic id (as items' topics write it) */

typedef struct {
	char *title, *intro;        /* in the original language (English), or NULL */
	item_text *titles, *intros; /* translations by language */
	int title_count, intro_count;
} guide_about;

typedef struct {
	char id[GUIDE_TOPIC_MAX + 1]; /* as an item's topics name it */
	char *label;
	item_text *labels;
	int label_count;
} guide_topic;

typedef struct {
	char id[65];                /* 1-64 characters of a-z 0-9 - */
	int withdraw;
	char *title, *intro;
	item_text *titles, *intros;
	int title_count, intro_count;
	char **items;               /* item ids, in the order visitors see them */
	int item_count;
	char *picture;              /* in a bundle: the file's path, or NULL */
	long long picture_size;     /* -1 when not given */
	char picture_sha256[65];    /* the picture's SHA-256, "" none */
} guide_collection;

typedef struct {
	int about_given;
	guide_about about;
	guide_topic *topics;
	int topic_count;
	guide_collection *collections;
	int collection_count;
} guide;

/* bundle.json's "about", "topics" and "collections" (json is the whole
 * text); those absent are left empty. Each is checked as the format says:
 * types, ids, a title or label in the original, a picture's path with its
 * size and sha256. 0, or -1 with err ("bundle.json: collection 2: ..."). */
int guide_parse_json(const char *json, size_t len, guide *out, char err[256]);

/* Writes ",\n  \"about\": ..." and the rest for what g holds, else nothing. */
void guide_write_json(FILE *f, const guide *g);

void guide_free(guide *g);

/* The text in lang, else the original (English), else NULL. */
const char *guide_text_in(const char *original, const item_text *texts, int count, const char *lang);

/* The topic whose id is topic, or NULL. */
const guide_topic *guide_find_topic(const guide *g, const char *topic);
/* How visitors reading lang see topic: its label there, else its English
 * label, else the topic as written. */
const char *guide_topic_label(const guide *g, const char *topic, const char *lang);
/* The collection whose id is id, or NULL. */
const guide_collection *guide_find_collection(const guide *g, const char *id);

#endif
