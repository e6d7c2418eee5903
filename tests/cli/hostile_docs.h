/* A corpus of damaged and hostile documents, made fresh by each run from a
 * sound PDF and a sound EPUB: cut short, bytes flipped, blocks zeroed,
 * pieces removed, objects nested very deeply, huge pages, and pages that
 * take very long or very much memory. The same seed makes the same corpus. */
#ifndef HISHATAK_HOSTILE_DOCS_H
#define HISHATAK_HOSTILE_DOCS_H

#include <mupdf/fitz.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef struct {
	char *data;
	size_t len, cap;
} hostile_buf;

static void hb_add(hostile_buf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->data = realloc(b->data, b->cap);
		if (!b->data)
			abort();
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = 0;
}

static void hb_printf(hostile_buf *b, const char *fmt, ...)
{
	char s[4096];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(s, sizeof s, fmt, ap);
	va_end(ap);
	hb_add(b, s, (size_t)n);
}

/* A PDF from its objects' bodies (object i+1 is objs[i]; 1 is the
 * catalogue), with a correct cross-reference table. */
static hostile_buf hostile_pdf(const hostile_buf *objs, int count)
{
	hostile_buf b = {0};
	long *offsets = calloc((size_t)count, sizeof *offsets);
	hb_printf(&b, "%%PDF-1.7\n%%\xE2\xE3\xCF\xD3\n");
	for (int i = 0; i < count; i++) {
		offsets[i] = (long)b.len;
		hb_printf(&b, "%d 0 obj\n", i + 1);
		hb_add(&b, objs[i].data, objs[i].len);
		hb_printf(&b, "\nendobj\n");
	}
	long xref = (long)b.len;
	hb_printf(&b, "xref\n0 %d\n0000000000 65535 f \n", count + 1);
	for (int i = 0; i < count; i++)
		hb_printf(&b, "%010ld 00000 n \n", offsets[i]);
	hb_printf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", count + 1, xref);
	free(offsets);
	return b;
}

/* A stream object of data, Flate-compressed; extra goes in its dictionary. */
static hostile_buf hostile_stream(const char *data, size_t len, const char *extra)
{
	uLongf size = compressBound(len);
	unsigned char *z = malloc(size);
	compress2(z, &size, (const unsigned char *)data, len, 9);
	hostile_buf b = {0};
	hb_printf(&b, "<< /Length %lu /Filter /FlateDecode %s >>\nstream\n", (unsigned long)size, extra);
	hb_add(&b, z, size);
	hb_printf(&b, "\nendstream");
	free(z);
	return b;
}

static hostile_buf hostile_text(const char *s)
{
	hostile_buf b = {0};
	hb_add(&b, s, strlen(s));
	return b;
}

/* A PDF of pages, each with the given content stream and media box. */
static hostile_buf hostile_pages(const char *const *contents, const size_t *lens, const char *media_box, int pages)
{
	int count = 3 + 2 * pages;
	hostile_buf *o = calloc((size_t)count, sizeof *o);
	hostile_buf kids = {0};
	for (int i = 0; i < pages; i++)
		hb_printf(&kids, "%d 0 R ", 4 + 2 * i);
	o[0] = hostile_text("<< /Type /Catalog /Pages 2 0 R >>");
	o[1] = (hostile_buf){0};
	hb_printf(&o[1], "<< /Type /Pages /Count %d /Kids [%s] >>", pages, kids.data);
	o[2] = hostile_text("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
	for (int i = 0; i < pages; i++) {
		hb_printf(&o[3 + 2 * i], "<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /Font << /F1 3 0 R >> >> "
			  "/Contents %d 0 R >>", media_box, 5 + 2 * i);
		o[4 + 2 * i] = hostile_stream(contents[i], lens[i], "");
	}
	hostile_buf pdf = hostile_pdf(o, count);
	for (int i = 0; i < count; i++)
		free(o[i].data);
	free(o);
	free(kids.data);
	return pdf;
}

/* The sound PDF: three pages of text about the Lachin corridor. */
static hostile_buf hostile_sound_pdf(void)
{
	char page[3][512];
	const char *contents[3];
	size_t lens[3];
	for (int i = 0; i < 3; i++) {
		snprintf(page[i], sizeof page[i],
			 "BT /F1 18 Tf 72 720 Td (Page %d of a sound report) Tj 0 -30 Td "
			 "(The Lachin corridor was closed in December 2022.) Tj 0 -30 Td "
			 "(Food and medicine ran short for the people of the region.) Tj ET "
			 "0.2 0.4 0.8 rg 72 400 200 100 re f", i + 1);
		contents[i] = page[i];
		lens[i] = strlen(page[i]);
	}
	return hostile_pages(contents, lens, "[0 0 612 792]", 3);
}

/* The sound EPUB: a container, a package and two chapters. */
static hostile_buf hostile_epub(const char *chapter1, const char *container, int with_mimetype)
{
	fz_context *ctx = fz_new_context(NULL, NULL, FZ_STORE_UNLIMITED);
	fz_buffer *out = fz_new_buffer(ctx, 4096);
	fz_output *o = fz_new_output_with_buffer(ctx, out);
	fz_zip_writer *zip = fz_new_zip_writer_with_output(ctx, o);
	const char *opf = "<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"id\">"
			  "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:identifier id=\"id\">hostile</dc:identifier>"
			  "<dc:title>A sound book</dc:title><dc:language>en</dc:language></metadata>"
			  "<manifest><item id=\"c1\" href=\"c1.xhtml\" media-type=\"application/xhtml+xml\"/>"
			  "<item id=\"c2\" href=\"c2.xhtml\" media-type=\"application/xhtml+xml\"/></manifest>"
			  "<spine><itemref idref=\"c1\"/><itemref idref=\"c2\"/></spine></package>";
	const char *c2 = "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body>"
			 "<h1>Chapter two</h1><p>The people of Stepanakert left in September 2023.</p></body></html>";
	struct {
		const char *name, *text;
	} entries[] = {{"mimetype", "application/epub+zip"}, {"META-INF/container.xml", container},
		       {"OEBPS/content.opf", opf}, {"OEBPS/c1.xhtml", chapter1}, {"OEBPS/c2.xhtml", c2}};
	for (int i = with_mimetype ? 0 : 1; i < 5; i++) {
		fz_buffer *b = fz_new_buffer_from_copied_data(ctx, (const unsigned char *)entries[i].text, strlen(entries[i].text));
		fz_write_zip_entry(ctx, zip, entries[i].name, b, i > 0);
		fz_drop_buffer(ctx, b);
	}
	fz_close_zip_writer(ctx, zip);
	fz_drop_zip_writer(ctx, zip); /* and the output it was given */
	hostile_buf b = {0};
	unsigned char *data;
	size_t len = fz_buffer_storage(ctx, out, &data);
	hb_add(&b, data, len);
	fz_drop_buffer(ctx, out);
	fz_drop_context(ctx);
	return b;
}

#define HOSTILE_CONTAINER "<?xml version=\"1.0\"?><container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">" \
			  "<rootfiles><rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>" \
			  "</rootfiles></container>"
#define HOSTILE_CHAPTER "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body><h1>Chapter one</h1>" \
			"<p>The blockade of the Lachin corridor began in December 2022.</p><p>It lasted nine months.</p></body></html>"

typedef struct {
	char name[64];      /* file name: what was done to it, and the extension */
	hostile_buf data;
} hostile_doc;

static unsigned hostile_random(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 8) & 0xFFFFFF;
}

static hostile_doc *hostile_add(hostile_doc **docs, int *count, const char *name, hostile_buf data)
{
	*docs = realloc(*docs, (size_t)(*count + 1) * sizeof **docs);
	hostile_doc *d = &(*docs)[(*count)++];
	snprintf(d->name, sizeof d->name, "%s", name);
	d->data = data;
	return d;
}

static hostile_buf hostile_copy(const hostile_buf *b)
{
	hostile_buf c = {0};
	hb_add(&c, b->data, b->len);
	return c;
}

/* The damage done alike to the sound PDF and EPUB (ext "pdf" or "epub"). */
static void hostile_damage(hostile_doc **docs, int *count, const hostile_buf *sound, const char *ext, unsigned seed)
{
	char name[64];
	const double cuts[] = {0.05, 0.3, 0.5, 0.8, 0.97};
	for (int i = 0; i < 5; i++) {
		hostile_buf b = hostile_copy(sound);
		b.len = (size_t)((double)b.len * cuts[i]);
		snprintf(name, sizeof name, "cut-%d.%s", (int)(cuts[i] * 100), ext);
		hostile_add(docs, count, name, b);
	}
	for (int i = 0; i < 10; i++) { /* 1 to 200 bytes set at random */
		hostile_buf b = hostile_copy(sound);
		int flips = 1 + (int)(hostile_random(&seed) % (i < 5 ? 4 : 200));
		for (int f = 0; f < flips; f++)
			b.data[hostile_random(&seed) % b.len] = (char)hostile_random(&seed);
		snprintf(name, sizeof name, "flipped-%d.%s", i, ext);
		hostile_add(docs, count, name, b);
	}
	for (int i = 0; i < 4; i++) { /* a block of zeros */
		hostile_buf b = hostile_copy(sound);
		size_t at = b.len * (size_t)(i + 1) / 6, n = b.len / 8;
		memset(b.data + at, 0, n);
		snprintf(name, sizeof name, "zeroed-%d.%s", i, ext);
		hostile_add(docs, count, name, b);
	}
	for (int i = 0; i < 3; i++) { /* a piece taken out */
		hostile_buf b = hostile_copy(sound);
		size_t at = b.len * (size_t)(i + 1) / 5, n = b.len / 10;
		memmove(b.data + at, b.data + at + n, b.len - at - n);
		b.len -= n;
		snprintf(name, sizeof name, "removed-%d.%s", i, ext);
		hostile_add(docs, count, name, b);
	}
}

/* Repeats s n times. */
static char *hostile_repeat(const char *s, int n, size_t *len)
{
	size_t l = strlen(s);
	char *r = malloc(l * (size_t)n + 1);
	for (int i = 0; i < n; i++)
		memcpy(r + l * (size_t)i, s, l);
	r[l * (size_t)n] = 0;
	*len = l * (size_t)n;
	return r;
}

static void hostile_pdf_one_page(hostile_doc **docs, int *count, const char *name, const char *content, size_t len,
				 const char *media_box)
{
	const char *contents[1] = {content};
	size_t lens[1] = {len};
	hostile_add(docs, count, name, hostile_pages(contents, lens, media_box, 1));
}

/* The whole corpus; free it with hostile_free. */
static hostile_doc *hostile_corpus(int *count)
{
	hostile_doc *docs = NULL;
	*count = 0;
	hostile_buf pdf = hostile_sound_pdf();
	hostile_buf epub = hostile_epub(HOSTILE_CHAPTER, HOSTILE_CONTAINER, 1);
	hostile_add(&docs, count, "sound.pdf", hostile_copy(&pdf));
	hostile_add(&docs, count, "sound.epub", hostile_copy(&epub));
	hostile_damage(&docs, count, &pdf, "pdf", 7);
	hostile_damage(&docs, count, &epub, "epub", 11);

	/* PDF: no cross-reference table or trailer; objects nested deeply. */
	hostile_buf b = hostile_copy(&pdf);
	b.len = (size_t)(strstr(b.data, "xref\n") - b.data);
	hostile_add(&docs, count, "no-xref.pdf", b);
	size_t len;
	char *s = hostile_repeat("q 1 0 0 1 1 1 cm ", 200000, &len); /* saves of the graphics state, never restored */
	hostile_pdf_one_page(&docs, count, "nested-saves.pdf", s, len, "[0 0 612 792]");
	free(s);
	s = hostile_repeat("[", 100000, &len); /* arrays in arrays in the content stream */
	hostile_pdf_one_page(&docs, count, "nested-arrays.pdf", s, len, "[0 0 612 792]");
	free(s);
	{ /* a page tree whose Kids go 5000 levels down */
		int depth = 5000;
		hostile_buf *o = calloc((size_t)depth + 3, sizeof *o);
		o[0] = hostile_text("<< /Type /Catalog /Pages 2 0 R >>");
		for (int i = 0; i < depth; i++)
			hb_printf(&o[1 + i], "<< /Type /Pages /Count 1 /Kids [%d 0 R] >>", 3 + i);
		hb_printf(&o[1 + depth], "<< /Type /Page /MediaBox [0 0 612 792] /Contents %d 0 R >>", depth + 3);
		o[2 + depth] = hostile_stream("0 0 m 100 100 l S", 17, "");
		hostile_add(&docs, count, "deep-page-tree.pdf", hostile_pdf(o, depth + 3));
		for (int i = 0; i < depth + 3; i++)
			free(o[i].data);
		free(o);
	}
	{ /* a page tree that holds itself */
		hostile_buf o[3] = {hostile_text("<< /Type /Catalog /Pages 2 0 R >>"),
				    hostile_text("<< /Type /Pages /Count 2 /Kids [2 0 R 3 0 R] >>"),
				    hostile_text("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>")};
		hostile_add(&docs, count, "page-tree-loop.pdf", hostile_pdf(o, 3));
		for (int i = 0; i < 3; i++)
			free(o[i].data);
	}
	/* Huge, empty and upside-down pages. */
	const char *text = "BT /F1 24 Tf 72 72 Td (A page of an odd size) Tj ET";
	hostile_pdf_one_page(&docs, count, "huge-page.pdf", text, strlen(text), "[0 0 14400 14400000]");
	hostile_pdf_one_page(&docs, count, "vast-page.pdf", text, strlen(text), "[0 0 1e30 1e30]");
	hostile_pdf_one_page(&docs, count, "empty-page.pdf", text, strlen(text), "[0 0 0 0]");
	hostile_pdf_one_page(&docs, count, "inverted-page.pdf", text, strlen(text), "[612 792 0 -5]");
	/* Pages that take very long: two million strokes; a 60000 x 60000
	 * image from a few bytes; a pattern that paints itself. */
	s = hostile_repeat("0 0 m 612 792 l 612 0 l h B ", 2000000, &len);
	hostile_pdf_one_page(&docs, count, "slow-page.pdf", s, len, "[0 0 612 792]");
	free(s);
	{
		char *pixels = calloc(1, 60000u * 3u * 20u);
		hostile_buf o[5] = {hostile_text("<< /Type /Catalog /Pages 2 0 R >>"),
				    hostile_text("<< /Type /Pages /Count 1 /Kids [3 0 R] >>"),
				    hostile_text("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
						 "/Resources << /XObject << /Im 5 0 R >> >> /Contents 4 0 R >>"),
				    hostile_stream("q 612 0 0 792 0 0 cm /Im Do Q", 30, ""),
				    hostile_stream(pixels, 60000u * 3u * 20u,
						   "/Type /XObject /Subtype /Image /Width 60000 /Height 60000 "
						   "/ColorSpace /DeviceRGB /BitsPerComponent 8")};
		hostile_add(&docs, count, "vast-image.pdf", hostile_pdf(o, 5));
		for (int i = 0; i < 5; i++)
			free(o[i].data);
		free(pixels);
	}
	{
		hostile_buf o[5] = {hostile_text("<< /Type /Catalog /Pages 2 0 R >>"),
				    hostile_text("<< /Type /Pages /Count 1 /Kids [3 0 R] >>"),
				    hostile_text("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
						 "/Resources << /Pattern << /P 5 0 R >> >> /Contents 4 0 R >>"),
				    hostile_stream("/Pattern cs /P scn 0 0 612 792 re f", 35, ""),
				    hostile_stream("/Pattern cs /P scn 0 0 0.5 0.5 re f", 35,
						   "/Type /Pattern /PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 1 1] "
						   "/XStep 0.01 /YStep 0.01 /Resources << /Pattern << /P 5 0 R >> >>")};
		hostile_add(&docs, count, "pattern-loop.pdf", hostile_pdf(o, 5));
		for (int i = 0; i < 5; i++)
			free(o[i].data);
	}
	/* EPUB: no mimetype, no container, a chapter nested 50000 deep, a
	 * paragraph of one 2 MB word, a chapter that is not XML. */
	hostile_add(&docs, count, "no-mimetype.epub", hostile_epub(HOSTILE_CHAPTER, HOSTILE_CONTAINER, 0));
	hostile_add(&docs, count, "no-container.epub", hostile_epub(HOSTILE_CHAPTER, "<container/>", 1));
	{
		hostile_buf c = {0};
		size_t n;
		char *open = hostile_repeat("<div>", 50000, &n), *close = hostile_repeat("</div>", 50000, &n);
		hb_printf(&c, "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body>%s", "");
		hb_add(&c, open, strlen(open));
		hb_printf(&c, "deep");
		hb_add(&c, close, strlen(close));
		hb_printf(&c, "</body></html>");
		hostile_add(&docs, count, "nested-divs.epub", hostile_epub(c.data, HOSTILE_CONTAINER, 1));
		free(open);
		free(close);
		free(c.data);
		hostile_buf w = {0};
		char *word = hostile_repeat("Արցախ", 200000, &n);
		hb_printf(&w, "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>");
		hb_add(&w, word, n);
		hb_printf(&w, "</p></body></html>");
		hostile_add(&docs, count, "one-long-word.epub", hostile_epub(w.data, HOSTILE_CONTAINER, 1));
		free(word);
		free(w.data);
	}
	hostile_add(&docs, count, "not-xml.epub", hostile_epub("<html><body><p>unclosed <b>tags &bogus; <<<", HOSTILE_CONTAINER, 1));
	free(pdf.data);
	free(epub.data);
	return docs;
}

static void hostile_free(hostile_doc *docs, int count)
{
	for (int i = 0; i < count; i++)
		free(docs[i].data.data);
	free(docs);
}

#endif
