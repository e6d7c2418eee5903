/* UI text: see text.h. */
#include "ui/text.h"
#include "core/hyphen.h"

#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Larger text steps labels down a size at a time, regular and bold: a
 * screen may use thirty sizes. */
#define FONT_SLOTS 64
#define CACHE_SLOTS 384

typedef struct {
	int size, bold;
	TTF_Font *latin, *armenian; /* armenian: opened when first needed */
	unsigned last_used;         /* the frame */
} font_pair;

/* A font file, read once: each size opens it from memory. */
typedef struct {
	void *bytes;
	size_t size;
} font_file;

typedef struct {
	char *s;
	int size, bold;
	Uint32 color;
	SDL_Texture *tex;
	int w, h;
	unsigned last_used;
} cached_line;

struct ui_text {
	SDL_Renderer *r;
	char font_dir[4096];
	font_file files[2][2]; /* [armenian][bold] */
	font_pair fonts[FONT_SLOTS];
	int font_count;
	cached_line cache[CACHE_SLOTS];
	unsigned frame;
	hyphen *hyphen;            /* NULL: words too long for a line are cut */
	int cuts;                  /* lines drawn cut (an ellipsis, a word broken) since text_cuts */
	int broke;                 /* the last text_wrap broke a word, not at a syllable */
	char cut[160];             /* the first of them, for the layout check */
};

ui_text *text_open(SDL_Renderer *r, const char *assets_dir, char err[256])
{
	if (!TTF_WasInit() && TTF_Init() != 0) {
		snprintf(err, 256, "SDL_ttf: %s", TTF_GetError());
		return NULL;
	}
	ui_text *t = calloc(1, sizeof *t);
	if (!t) {
		snprintf(err, 256, "out of memory");
		return NULL;
	}
	t->r = r;
	snprintf(t->font_dir, sizeof t->font_dir, "%s/fonts", assets_dir);
	static const char *const names[2][2] = {{"NotoSans-Regular", "NotoSans-Bold"},
						{"NotoSansArmenian-Regular", "NotoSansArmenian-Bold"}};
	for (int a = 0; a < 2; a++)
		for (int b = 0; b < 2; b++) {
			char path[4200];
			snprintf(path, sizeof path, "%s/%s.ttf", t->font_dir, names[a][b]);
			if (!(t->files[a][b].bytes = SDL_LoadFile(path, &t->files[a][b].size))) {
				snprintf(err, 256, "%s: %s", path, SDL_GetError());
				text_close(t);
				return NULL;
			}
		}
	char why[256];
	if (!(t->hyphen = hyphen_open(assets_dir, why)))
		fprintf(stderr, "hishatak: %s: long words will be cut, not hyphenated\n", why);
	/* Load one size now, so that a missing font is an error at start-up. */
	if (text_line_height(t, 20) <= 0) {
		snprintf(err, 256, "%s: cannot load the Noto fonts: %s", t->font_dir, TTF_GetError());
		text_close(t);
		return NULL;
	}
	return t;
}

void text_close(ui_text *t)
{
	if (!t)
		return;
	for (int i = 0; i < CACHE_SLOTS; i++) {
		if (t->cache[i].tex)
			SDL_DestroyTexture(t->cache[i].tex);
		free(t->cache[i].s);
	}
	for (int i = 0; i < t->font_count; i++) {
		TTF_CloseFont(t->fonts[i].latin);
		TTF_CloseFont(t->fonts[i].armenian);
	}
	for (int a = 0; a < 2; a++)
		for (int b = 0; b < 2; b++)
			SDL_free(t->files[a][b].bytes);
	hyphen_close(t->hyphen);
	free(t);
}

static TTF_Font *open_font(ui_text *t, int armenian, int size, int bold)
{
	font_file *file = &t->files[armenian][bold != 0];
	TTF_Font *font = TTF_OpenFontRW(SDL_RWFromConstMem(file->bytes, (int)file->size), 1, size);
	if (font)
		TTF_SetFontHinting(font, TTF_HINTING_LIGHT);
	return font;
}

static font_pair *fonts_at(ui_text *t, int size, int bold)
{
	for (int i = 0; i < t->font_count; i++)
		if (t->fonts[i].size == size && t->fonts[i].bold == bold) {
			t->fonts[i].last_used = t->frame;
			return &t->fonts[i];
		}
	/* Full (sizes change with the window): the size used longest ago
	 * goes, not every size at once, which reopened them all each frame. */
	font_pair *f = &t->fonts[t->font_count];
	if (t->font_count == FONT_SLOTS) {
		f = &t->fonts[0];
		for (int i = 1; i < t->font_count; i++)
			if (t->fonts[i].last_used < f->last_used)
				f = &t->fonts[i];
		TTF_CloseFont(f->latin);
		TTF_CloseFont(f->armenian);
		t->font_count--;
		*f = t->fonts[t->font_count]; /* the last slot fills the hole */
		f = &t->fonts[t->font_count];
	}
	*f = (font_pair){size, bold, open_font(t, 0, size, bold), NULL, t->frame};
	if (!f->latin)
		return NULL;
	t->font_count++;
	return f;
}

static TTF_Font *armenian_of(ui_text *t, font_pair *f)
{
	if (!f->armenian && (f->armenian = open_font(t, 1, f->size, f->bold)))
		TTF_SetFontScriptName(f->armenian, "Armn");
	return f->armenian ? f->armenian : f->latin;
}

/* Decodes one UTF-8 character; returns its length (1 for a bad byte). */
static int utf8_next(const char *s, int len, Uint32 *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	if (p[0] < 0x80 || len < 2) {
		*cp = p[0];
		return 1;
	}
	if ((p[0] >> 5) == 6) {
		*cp = ((Uint32)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
		return 2;
	}
	if ((p[0] >> 4) == 14 && len >= 3) {
		*cp = ((Uint32)(p[0] & 0x0F) << 12) | ((Uint32)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
		return 3;
	}
	if ((p[0] >> 3) == 30 && len >= 4) {
		*cp = ((Uint32)(p[0] & 0x07) << 18) | ((Uint32)(p[1] & 0x3F) << 12) | ((Uint32)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
		return 4;
	}
	*cp = 0xFFFD;
	return 1;
}

/* 1 for Armenian (letters and its own punctuation), 0 for everything else,
 * which Noto Sans has (digits and punctuation too: Noto Sans Armenian lacks
 * them); -1 for spaces, which either font has, so runs do not break there. */
static int script_of(Uint32 cp)
{
	if ((cp >= 0x0531 && cp <= 0x058F) || (cp >= 0xFB13 && cp <= 0xFB17))
		return 1;
	if (cp == ' ' || cp == 0xA0)
		return -1;
	return 0;
}

/* Calls fn for each run of one script in s[0..len). */
typedef void (*run_fn)(void *ctx, TTF_Font *font, const char *s, int len);

static void each_run(ui_text *t, font_pair *f, const char *s, int len, run_fn fn, void *ctx)
{
	int start = 0, script = -1, i = 0;
	while (i < len) {
		Uint32 cp;
		int n = utf8_next(s + i, len - i, &cp);
		int sc = script_of(cp);
		if (sc >= 0 && script >= 0 && sc != script) {
			fn(ctx, script == 1 ? armenian_of(t, f) : f->latin, s + start, i - start);
			start = i;
		}
		if (sc >= 0)
			script = sc;
		i += n;
	}
	if (i > start)
		fn(ctx, script == 1 ? armenian_of(t, f) : f->latin, s + start, i - start);
}

static void add_width(void *ctx, TTF_Font *font, const char *s, int len)
{
	char buf[1024];
	int w = 0, h;
	if (len >= (int)sizeof buf)
		len = (int)sizeof buf - 1;
	memcpy(buf, s, (size_t)len);
	buf[len] = 0;
	TTF_SizeUTF8(font, buf, &w, &h);
	*(int *)ctx += w;
}

int text_width(ui_text *t, const char *s, int len, int size, int bold)
{
	font_pair *f = fonts_at(t, size, bold);
	int w = 0;
	if (!f)
		return 0;
	each_run(t, f, s, len < 0 ? (int)strlen(s) : len, add_width, &w);
	return w;
}

int text_line_height(ui_text *t, int size)
{
	font_pair *f = fonts_at(t, size, 0);
	return f ? TTF_FontLineSkip(f->latin) : 0;
}

typedef struct {
	SDL_Surface *line;
	int x, ascent;
	SDL_Color color;
} blit_ctx;

static void blit_run(void *ctx, TTF_Font *font, const char *s, int len)
{
	blit_ctx *b = ctx;
	char buf[1024];
	if (len >= (int)sizeof buf)
		len = (int)sizeof buf - 1;
	memcpy(buf, s, (size_t)len);
	buf[len] = 0;
	SDL_Surface *run = TTF_RenderUTF8_Blended(font, buf, b->color);
	if (!run)
		return;
	/* Fonts differ in ascent: line their baselines up. */
	SDL_Rect at = {b->x, b->ascent - TTF_FontAscent(font), run->w, run->h};
	SDL_SetSurfaceBlendMode(run, SDL_BLENDMODE_NONE);
	SDL_BlitSurface(run, NULL, b->line, &at);
	b->x += run->w;
	SDL_FreeSurface(run);
}

static cached_line *line_texture(ui_text *t, const char *s, int len, int size, int bold, SDL_Color color)
{
	Uint32 rgba = (Uint32)color.r << 24 | (Uint32)color.g << 16 | (Uint32)color.b << 8 | color.a;
	cached_line *free_slot = NULL, *oldest = &t->cache[0];
	for (int i = 0; i < CACHE_SLOTS; i++) {
		cached_line *c = &t->cache[i];
		if (!c->s) {
			free_slot = free_slot ? free_slot : c;
			continue;
		}
		if (c->size == size && c->bold == bold && c->color == rgba && (int)strlen(c->s) == len &&
		    memcmp(c->s, s, (size_t)len) == 0) {
			c->last_used = t->frame;
			return c;
		}
		if (c->last_used < oldest->last_used)
			oldest = c;
	}
	cached_line *c = free_slot ? free_slot : oldest;
	if (c->tex)
		SDL_DestroyTexture(c->tex);
	free(c->s);
	memset(c, 0, sizeof *c);
	font_pair *f = fonts_at(t, size, bold);
	if (!f)
		return NULL;
	int w = text_width(t, s, len, size, bold), h = TTF_FontHeight(f->latin);
	if (f->armenian && TTF_FontHeight(f->armenian) > h) /* opened by text_width when s has Armenian */
		h = TTF_FontHeight(f->armenian);
	SDL_Surface *line = SDL_CreateRGBSurfaceWithFormat(0, w > 0 ? w + 2 : 1, h, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!line)
		return NULL;
	SDL_FillRect(line, NULL, SDL_MapRGBA(line->format, color.r, color.g, color.b, 0));
	blit_ctx b = {line, 0, TTF_FontAscent(f->latin), color};
	each_run(t, f, s, len, blit_run, &b);
	c->tex = SDL_CreateTextureFromSurface(t->r, line);
	c->w = line->w;
	c->h = line->h;
	SDL_FreeSurface(line);
	if (!c->tex)
		return NULL;
	SDL_SetTextureBlendMode(c->tex, SDL_BLENDMODE_BLEND);
	c->s = strndup(s, (size_t)len);
	c->size = size;
	c->bold = bold;
	c->color = rgba;
	c->last_used = t->frame;
	return c;
}

static int draw_n(ui_text *t, const char *s, int len, int x, int y, int size, int bold, SDL_Color color)
{
	if (len <= 0)
		return 0;
	cached_line *c = line_texture(t, s, len, size, bold, color);
	if (!c)
		return 0;
	SDL_Rect dst = {x, y, c->w, c->h};
	SDL_RenderCopy(t->r, c->tex, NULL, &dst);
	return c->w;
}

int text_draw(ui_text *t, const char *s, int x, int y, int size, int bold, SDL_Color color)
{
	return draw_n(t, s, (int)strlen(s), x, y, size, bold, color);
}

/* A word longer than the line, s[0..len): the longest part that fits
 * before a syllable break with its hyphen (*dash set) or after a hyphen
 * the word has ("Nagorno-|Karabakh"), or 0 when none does. */
static int fit_syllables(ui_text *t, const char *s, int len, int max_w, int size, int bold, int *dash)
{
	const char *space = memchr(s, ' ', (size_t)len);
	int word = space ? (int)(space - s) : len, at[64], best = 0;
	int n = hyphen_breaks(t->hyphen, s, word, at, 64), dash_w = text_width(t, "-", 1, size, bold);
	while (n > 0 && text_width(t, s, at[n - 1], size, bold) + dash_w > max_w)
		n--;
	*dash = n > 0;
	best = n > 0 ? at[n - 1] : 0;
	for (int i = word - 2; i > best; i--)
		if (s[i] == '-' && text_width(t, s, i + 1, size, bold) <= max_w) {
			*dash = 0;
			return i + 1;
		}
	return best;
}

/* The longest prefix of s[0..len) that fits in max_w, ending at a space
 * when there is one, else at a syllable of a word longer than the line
 * (*hyphenated set: the line needs a hyphen), else anywhere. Found by
 * halving among the spaces, then among the characters: measuring each
 * prefix in turn shaped a long paragraph hundreds of times a line. */
static int fit(ui_text *t, const char *s, int len, int max_w, int size, int bold, int *hyphenated)
{
	*hyphenated = 0;
	if (text_width(t, s, len, size, bold) <= max_w)
		return len;
	int spaces[512], n = 0;
	for (int i = 0; i < len && n < (int)(sizeof spaces / sizeof *spaces); i++)
		if (s[i] == ' ' || (s[i] == '-' && i > 0 && s[i - 1] != ' ' && i + 1 < len && s[i + 1] != ' '))
			spaces[n++] = i + 1; /* after a space, or a hyphen inside a word ("Азербайджано-армянский") */
	int lo = 0, hi = n - 1, best = 0;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (text_width(t, s, spaces[mid], size, bold) <= max_w) {
			best = spaces[mid];
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	if (best > 0)
		return best;
	if ((best = fit_syllables(t, s, len, max_w, size, bold, hyphenated)) > 0)
		return best;
	/* No space or syllable fits: the most characters that do, at least one. */
	int first = 0, last = len; /* first fits (or is 0), last does not */
	while (first < last) {
		int mid = first + (last - first) / 2;
		while (mid > first && ((unsigned char)s[mid] & 0xC0) == 0x80)
			mid--;
		if (mid == first) { /* first and last a character apart, or one between */
			Uint32 cp;
			mid = first + utf8_next(s + first, len - first, &cp);
			if (mid >= last)
				break;
		}
		if (text_width(t, s, mid, size, bold) <= max_w)
			first = mid;
		else
			last = mid;
	}
	if (first > 0)
		return first;
	Uint32 cp;
	return utf8_next(s, len, &cp);
}

int text_wrap(ui_text *t, const char *s, SDL_Rect box, int size, int bold, SDL_Color color,
	      int max_lines, int align, int draw)
{
	int len = (int)strlen(s), pos = 0, lines = 0, lh = text_line_height(t, size);
	t->broke = 0;
	while (pos < len && (max_lines == 0 || lines < max_lines)) {
		while (pos < len && s[pos] == ' ')
			pos++;
		if (pos >= len)
			break;
		const char *nl = memchr(s + pos, '\n', (size_t)(len - pos));
		int para_end = nl ? (int)(nl - s) : len;
		int hyphenated, n = fit(t, s + pos, para_end - pos, box.w, size, bold, &hyphenated);
		int last = max_lines && lines == max_lines - 1 && pos + n < len;
		/* A word broken across lines, not at a syllable (none fitted whole), is as cut as an ellipsis. */
		int broken = !hyphenated && pos + n < para_end && s[pos + n - 1] != ' ' && s[pos + n - 1] != '-' && s[pos + n] != ' ';
		t->broke |= broken;
		if (draw && (last || broken) && t->cuts++ == 0)
			snprintf(t->cut, sizeof t->cut, "%.*s", para_end - pos < 120 ? para_end - pos : 120, s + pos);
		if (draw) {
			char buf[1024];
			int k = n < (int)sizeof buf - 8 ? n : (int)sizeof buf - 8;
			memcpy(buf, s + pos, (size_t)k);
			if (hyphenated && !last)
				buf[k++] = '-';
			buf[k] = 0;
			if (last) { /* cut: end with an ellipsis that fits */
				int room = k;
				for (;;) {
					while (room > 0 && buf[room - 1] == ' ')
						room--;
					memcpy(buf + room, "…", 4);
					if (text_width(t, buf, room + 3, size, bold) <= box.w || room == 0)
						break;
					do
						room--;
					while (room > 0 && ((unsigned char)buf[room] & 0xC0) == 0x80);
				}
				k = room + 3;
			}
			while (k > 0 && buf[k - 1] == ' ')
				k--;
			int w = text_width(t, buf, k, size, bold);
			int x = align == TEXT_CENTER ? box.x + (box.w - w) / 2 : align == TEXT_RIGHT ? box.x + box.w - w : box.x;
			draw_n(t, buf, k, x, box.y + lines * lh, size, bold, color);
		}
		pos += n;
		if (nl && pos >= para_end)
			pos = para_end + 1;
		lines++;
	}
	return lines * lh;
}

int text_fits_hyphenated(ui_text *t, const char *s, int w, int size, int bold, int lines)
{
	int h = text_wrap(t, s, (SDL_Rect){0, 0, w, 0}, size, bold, (SDL_Color){0, 0, 0, 255}, 0, TEXT_LEFT, 0);
	return !t->broke && h <= lines * text_line_height(t, size);
}

int text_cuts(ui_text *t, char first[160])
{
	int n = t->cuts;
	snprintf(first, 160, "%s", n ? t->cut : "");
	t->cuts = 0;
	return n;
}

void text_end_frame(ui_text *t)
{
	t->frame++;
}
