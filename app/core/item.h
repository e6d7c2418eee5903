/* An archive item's metadata, as the catalogue keeps it and the manifests
 * (bundle.json, items.csv) describe it. Plain C: no SQL, no MuPDF. */
#ifndef HISHATAK_ITEM_H
#define HISHATAK_ITEM_H

typedef enum {
	KIND_REPORT, KIND_TESTIMONY, KIND_TRANSCRIPT, KIND_ARTICLE, KIND_PHOTO, KIND_OTHER,
	KIND_COUNT
} item_kind;

/* A text in one language ("hy", "ru", ...). */
typedef struct {
	char lang[36];
	char *text;
} item_text;

typedef struct {
	char id[65];
	item_kind kind;
	char *title;
	item_text *titles;       /* translations of the title */
	int title_count;
	char date[11];           /* YYYY, YYYY-MM or YYYY-MM-DD, or "" */
	char **authors;
	int author_count;
	char language[36];       /* BCP 47 */
	char **topics;
	int topic_count;
	char *summary, *source;
	item_text *summaries;     /* translations of the summary (catalog_get has them, lists do not) */
	int summary_count;
	item_text *sources;       /* and of the source, the same */
	int source_count;
	char *warning;           /* content note, or NULL */
	item_text *warnings;     /* its translations */
	int warning_count;
	char *curator_note;      /* for staff, never shown to visitors (the summary is theirs) */

	/* The document, filled by the catalogue. */
	char sha256[65];         /* the file as delivered */
	long long size;
	char doc_sha256[65];     /* the file MuPDF opens (a conversion for text formats) */
	long long doc_size;
	char format[8];          /* of that file: pdf, epub, xhtml, cbz, png, jpg */
	int pages;
	int reflowable;
	char added[24];          /* when it came into this archive (UTC) */
	long long number;        /* the catalogue's: higher for one that came later */
	long long duration_ms;   /* a recording's length (its poster is the doc); 0 for a document */
} item;

/* Frees the strings an item owns and zeroes it. */
void item_clear(item *it);

const char *item_kind_name(item_kind kind);
/* -1 when name is not a kind. */
int item_kind_parse(const char *name);

/* 1-64 characters of a-z 0-9 -. */
int item_id_is_valid(const char *id);
/* YYYY, YYYY-MM or YYYY-MM-DD with a real month and day. */
int item_date_is_valid(const char *date);

/* The title in lang, or the original title. */
const char *item_title_in(const item *it, const char *lang);
const char *item_warning_in(const item *it, const char *lang);
/* The summary in lang, or NULL when it has none in lang. */
const char *item_summary_only_in(const item *it, const char *lang);
/* The source in lang, or the archive's. */
const char *item_source_in(const item *it, const char *lang);

/* True when s is in the list. */
int item_list_has(char *const *list, int count, const char *s);
/* Appends a copy of s to a list of strings; 0 on success. */
int item_list_add(char ***list, int *count, const char *s);
int item_text_add(item_text **list, int *count, const char *lang, const char *text);

#endif
