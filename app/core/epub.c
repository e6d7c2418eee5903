/* EPUB repairs: see epub.h. MuPDF's zip reader and writer do the archive
 * work (MuPDF calls inside fz_try, our error style outside, as in doc.c);
 * the package file is mended as text, only within its <manifest>, so that
 * links into a chapter elsewhere keep their fragments. */
#include "core/epub.h"

#include <mupdf/fitz.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ENTRY_MAX (64u << 20) /* a larger entry is not mended: the import refuses or takes it as it is */

/* The package's path from META-INF/container.xml's rootfile, or "". */
static void package_path(const char *container, char out[512])
{
	const char *p = strstr(container, "full-path=\"");
	out[0] = 0;
	if (p) {
		p += 11;
		size_t n = strcspn(p, "\"");
		if (n < 512)
			snprintf(out, 512, "%.*s", (int)n, p);
	}
}

/* The package text with the fragments of its manifest's hrefs taken off;
 * NULL when none has one. */
static char *mend_manifest(const char *opf, int *mended)
{
	const char *start = strstr(opf, "<manifest"), *end = start ? strstr(start, "</manifest>") : NULL;
	char *copy = strdup(opf);
	size_t n = 0;
	*mended = 0;
	if (!start || !end || !copy) {
		free(copy);
		return NULL;
	}
	for (const char *p = opf; *p;) {
		const char *href = p >= start && p < end && !strncmp(p, "href=\"", 6) ? p + 6 : NULL;
		if (!href) {
			copy[n++] = *p++;
			continue;
		}
		size_t value = strcspn(href, "\""), path = strcspn(href, "#\"");
		memcpy(copy + n, p, 6 + path);
		n += 6 + path;
		*mended += path < value;
		p = href + value;
	}
	copy[n] = 0;
	if (*mended)
		return copy;
	free(copy);
	return NULL;
}

int epub_repair(const char *path, unsigned char **out, size_t *len, char what[256], char why[256])
{
	fz_context *ctx = fz_new_context(NULL, NULL, FZ_STORE_DEFAULT);
	fz_archive *zip = NULL;
	fz_buffer *container = NULL, *opf = NULL, *result = NULL, *entry = NULL, *mended_buf = NULL;
	fz_output *o = NULL;
	fz_zip_writer *writer = NULL;
	char *mended = NULL, package[512] = "";
	int rc = 0, count = 0;
	*out = NULL;
	*len = 0;
	what[0] = 0;
	if (!ctx) {
		snprintf(why, 256, "cannot start MuPDF");
		return -1;
	}
	fz_var(zip);
	fz_var(container);
	fz_var(opf);
	fz_var(result);
	fz_var(entry);
	fz_var(mended_buf);
	fz_var(o);
	fz_var(writer);
	fz_var(mended);
	fz_var(rc);
	fz_try(ctx) {
		zip = fz_open_zip_archive(ctx, path);
		if (fz_has_archive_entry(ctx, zip, "META-INF/container.xml")) {
			container = fz_read_archive_entry(ctx, zip, "META-INF/container.xml");
			package_path(fz_string_from_buffer(ctx, container), package);
		}
		if (package[0] && fz_has_archive_entry(ctx, zip, package)) {
			opf = fz_read_archive_entry(ctx, zip, package);
			mended = fz_buffer_storage(ctx, opf, NULL) < ENTRY_MAX ? mend_manifest(fz_string_from_buffer(ctx, opf), &count) : NULL;
		}
		if (mended) {
			/* A new archive: mimetype first and stored, as EPUB wants, the
			 * package mended, every other entry as it was. */
			result = fz_new_buffer(ctx, 1 << 16);
			o = fz_new_output_with_buffer(ctx, result);
			writer = fz_new_zip_writer_with_output(ctx, o);
			o = NULL; /* the writer owns it */
			if (fz_has_archive_entry(ctx, zip, "mimetype")) {
				entry = fz_read_archive_entry(ctx, zip, "mimetype");
				fz_write_zip_entry(ctx, writer, "mimetype", entry, 0);
				fz_drop_buffer(ctx, entry);
				entry = NULL;
			}
			int n = fz_count_archive_entries(ctx, zip);
			for (int i = 0; i < n; i++) {
				const char *name = fz_list_archive_entry(ctx, zip, i);
				if (!name || !strcmp(name, "mimetype"))
					continue;
				if (!strcmp(name, package)) {
					mended_buf = fz_new_buffer_from_copied_data(ctx, (unsigned char *)mended, strlen(mended));
					fz_write_zip_entry(ctx, writer, name, mended_buf, 1);
					continue;
				}
				entry = fz_read_archive_entry(ctx, zip, name);
				if (fz_buffer_storage(ctx, entry, NULL) > ENTRY_MAX)
					fz_throw(ctx, FZ_ERROR_GENERIC, "%s is larger than 64 MB", name);
				fz_write_zip_entry(ctx, writer, name, entry, 1);
				fz_drop_buffer(ctx, entry);
				entry = NULL;
			}
			fz_close_zip_writer(ctx, writer);
			unsigned char *data;
			size_t size = fz_buffer_storage(ctx, result, &data);
			*out = malloc(size);
			if (!*out)
				fz_throw(ctx, FZ_ERROR_GENERIC, "out of memory");
			memcpy(*out, data, size);
			*len = size;
			snprintf(what, 256, "%d manifest entr%s of %s named with a #fragment", count, count == 1 ? "y" : "ies",
				 package);
			rc = 1;
		}
	}
	fz_always(ctx) {
		fz_drop_zip_writer(ctx, writer);
		fz_drop_output(ctx, o);
		fz_drop_buffer(ctx, entry);
		fz_drop_buffer(ctx, mended_buf);
		fz_drop_buffer(ctx, result);
		fz_drop_buffer(ctx, opf);
		fz_drop_buffer(ctx, container);
		fz_drop_archive(ctx, zip);
	}
	fz_catch(ctx) {
		snprintf(why, 256, "cannot read as an EPUB (a zip archive): %s", fz_caught_message(ctx));
		free(*out);
		*out = NULL;
		*len = 0;
		rc = -1;
	}
	free(mended);
	fz_drop_context(ctx);
	return rc;
}
