/* The reader's pages: asked of the render service around the one shown,
 * kept as textures (the nearest stay), turned with a slide, zoomed sharp
 * and panned, and the links on them found under a finger. */
#include "ui/reader/reader.h"
#include "core/config.h"

#include <stdlib.h>
#include <unistd.h>

#define ZOOM_MAX 4.0f
#define SHARP_MAX 4096 /* pixels a side: what a Pi's GPU takes as a texture */

static void drop_page(reader_state *rd, int i)
{
	if (rd->tex[i])
		SDL_DestroyTexture(rd->tex[i]);
	free(rd->links[i]);
	rd->tex[i] = NULL;
	rd->links[i] = NULL;
	rd->link_count[i] = 0;
	rd->tex_page[i] = -1;
}

/* Pages kept as textures: as many as fit in a 64th of the machine's
 * memory, up to 64 MB (HISHATAK_PAGE_CACHE_MB), and at least the four
 * the reader asks for around the current page. */
static int pages_kept(SDL_Rect area)
{
	int cache_mb = config_int(CONFIG_PAGE_CACHE_MB);
	double ram_mb = (double)sysconf(_SC_PHYS_PAGES) * (double)sysconf(_SC_PAGESIZE) / (1 << 20);
	double mb = cache_mb > 0 ? cache_mb : SDL_min(ram_mb / 64, 64);
	double page_mb = (double)area.w * area.h * 4 / (1 << 20); /* as the GPU holds them */
	int n = page_mb > 0 ? (int)(mb / page_mb) : READER_CACHE;
	return SDL_max(4, SDL_min(n, READER_CACHE));
}

void reader_relayout(kiosk *k)
{
	reader_state *rd = k->reader;
	int top = reader_bar_h(k) + reader_marks_h(k);
	rd->area = (SDL_Rect){0, top, k->w, k->h - top - reader_bar_h(k)};
	rd->kept = pages_kept(rd->area);
	for (int i = rd->kept; i < READER_CACHE; i++) /* fewer now: beyond them, none */
		drop_page(rd, i);
}

void reader_drop_sharp(kiosk *k)
{
	reader_state *rd = k->reader;
	if (rd->sharp)
		SDL_DestroyTexture(rd->sharp);
	rd->sharp = NULL;
	rd->sharp_request = 0;
	rd->sharp_page = -1;
}

void reader_unzoom(kiosk *k)
{
	reader_state *rd = k->reader;
	rd->zoom = 1;
	rd->pan_x = rd->pan_y = 0;
	reader_drop_sharp(k);
}

void reader_drop_pages(kiosk *k)
{
	for (int i = 0; i < READER_CACHE; i++) {
		drop_page(k->reader, i);
		k->reader->request[i] = 0;
	}
}

SDL_Texture *reader_page_texture(kiosk *k, int page)
{
	for (int i = 0; i < READER_CACHE; i++)
		if (k->reader->tex[i] && k->reader->tex_page[i] == page)
			return k->reader->tex[i];
	return NULL;
}

static int requested(kiosk *k, int page)
{
	for (int i = 0; i < READER_CACHE; i++)
		if (k->reader->request[i] && k->reader->request_page[i] == page)
			return 1;
	return 0;
}

static void request_page(kiosk *k, int page)
{
	reader_state *rd = k->reader;
	if (page < 0 || (rd->page_count >= 0 && page >= rd->page_count) || reader_page_texture(k, page) || requested(k, page) ||
	    page == rd->failed_page)
		return;
	for (int i = 0; i < READER_CACHE; i++)
		if (!rd->request[i]) {
			rd->request[i] = render_request_marked(k->render, RENDER_OWNER_READER, rd->path, rd->format, page, rd->area.w, rd->area.h, rd->text_scale,
							       rd->area.w, rd->area.h, rd->highlight, k->access.contrast);
			rd->request_page[i] = page;
			return;
		}
}

/* The current page last: the service serves the newest request first;
 * then the next page the way the visitor is turning, the one before, and
 * the one after next. */
void reader_request_around(kiosk *k)
{
	int p = k->reader->page, ahead = k->reader->heading < 0 ? -1 : 1;
	request_page(k, p + 2 * ahead);
	request_page(k, p - ahead);
	request_page(k, p + ahead);
	request_page(k, p);
}

void reader_turn(kiosk *k, int delta)
{
	reader_state *rd = k->reader;
	int to = rd->page + delta;
	if (to < 0 || (rd->page_count >= 0 && to >= rd->page_count)) {
		return;
	}
	rd->page = to;
	rd->heading = delta < 0 ? -1 : 1;
	reader_unzoom(k);
	/* The strip moves by one page: start from where it visually was. */
	rd->slide += (float)(delta * (rd->area.w + ui_px(k, 24)));
	reader_request_around(k);
}

/* To another page at once: a jump, not a turn, so no slide. */
void reader_jump_to(kiosk *k, int page)
{
	reader_turn(k, page - k->reader->page);
	k->reader->slide = 0;
}

/* Where a page's texture goes on screen: centred in the area, zoomed and
 * panned if it is the current page. */
SDL_Rect reader_page_on_screen(kiosk *k, int page, SDL_Texture *tex, int x_offset)
{
	reader_state *rd = k->reader;
	SDL_Rect a = rd->area;
	int w, h;
	SDL_QueryTexture(tex, NULL, NULL, &w, &h);
	float z = page == rd->page ? rd->zoom : 1;
	int zw = (int)((float)w * z), zh = (int)((float)h * z);
	int px = page == rd->page ? (int)rd->pan_x : 0, py = page == rd->page ? (int)rd->pan_y : 0;
	return (SDL_Rect){a.x + (a.w - zw) / 2 + x_offset + px, a.y + (a.h - zh) / 2 + py, zw, zh};
}

void reader_draw_page(kiosk *k, int page, int x_offset)
{
	reader_state *rd = k->reader;
	if (page < 0 || (rd->page_count >= 0 && page >= rd->page_count))
		return;
	SDL_Texture *tex = reader_page_texture(k, page);
	SDL_Rect a = rd->area;
	if (tex) {
		SDL_Rect dst = reader_page_on_screen(k, page, tex, x_offset);
		float z = page == rd->page ? rd->zoom : 1;
		/* Zoomed: the sharp render once it is there, the scaled page until then. */
		SDL_Texture *use = z > 1 && rd->sharp && rd->sharp_page == page ? rd->sharp : tex;
		SDL_RenderCopy(k->renderer, use, NULL, &dst);
		return;
	}
	const char *msg = page == rd->failed_page ? ui_str(k, "page_error") : ui_str(k, "loading");
	int size = ui_px(k, 20);
	SDL_Rect box = {a.x + x_offset + a.w / 8, a.y + a.h / 2 - size, a.w * 3 / 4, size * 3};
	text_wrap(k->text, msg, box, size, 0, UI_MUTED, 2, TEXT_CENTER, 1);
}

int reader_pages_on_render(kiosk *k, render_result *res)
{
	reader_state *rd = k->reader;
	int slot = -1;
	for (int i = 0; i < READER_CACHE; i++)
		if (rd->request[i] == res->request)
			slot = i;
	if (res->request == rd->sharp_request) {
		rd->sharp_request = 0;
		if (res->rgb && res->page == rd->page) {
			reader_drop_sharp(k);
			rd->sharp = SDL_CreateTexture(k->renderer, SDL_PIXELFORMAT_RGB24, SDL_TEXTUREACCESS_STATIC, res->w, res->h);
			if (rd->sharp)
				SDL_UpdateTexture(rd->sharp, NULL, res->rgb, res->stride);
			rd->sharp_page = res->page;
		}
		return 1;
	}
	if (slot < 0)
		return 0;
	rd->request[slot] = 0;
	if (res->page_count > 0)
		rd->page_count = res->page_count;
	if (rd->keep_place >= 0 && rd->page_count > 0) {
		/* The text was resized: the same place in the new pages. */
		int page = SDL_min((int)(rd->keep_place * (float)rd->page_count), rd->page_count - 1);
		rd->keep_place = -1;
		if (page != rd->page) {
			rd->page = page;
			reader_request_around(k);
			return 1;
		}
	}
	if (!res->rgb) {
		if (res->page == rd->page)
			rd->failed_page = res->page;
		if (rd->page_count < 0 && res->page_count < 0)
			rd->page_count = 1; /* the document itself could not be opened */
		return 1;
	}
	/* Keep the pages nearest the current one. */
	int victim = 0;
	for (int i = 0; i < rd->kept; i++) {
		if (!rd->tex[i]) {
			victim = i;
			break;
		}
		if (SDL_abs(rd->tex_page[i] - rd->page) > SDL_abs(rd->tex_page[victim] - rd->page))
			victim = i;
	}
	if (rd->tex[victim])
		SDL_DestroyTexture(rd->tex[victim]);
	free(rd->links[victim]);
	rd->tex[victim] = SDL_CreateTexture(k->renderer, SDL_PIXELFORMAT_RGB24, SDL_TEXTUREACCESS_STATIC, res->w, res->h);
	rd->tex_page[victim] = res->page;
	rd->links[victim] = res->links; /* the reader keeps them */
	rd->link_count[victim] = res->link_count;
	res->links = NULL;
	if (rd->tex[victim])
		SDL_UpdateTexture(rd->tex[victim], NULL, res->rgb, res->stride);
	reader_request_around(k);
	return 1;
}

/* --- zoom and pan --- */

/* Keeps the zoomed page covering the area where it can. */
void reader_clamp_pan(kiosk *k)
{
	reader_state *rd = k->reader;
	SDL_Texture *tex = reader_page_texture(k, rd->page);
	int w = rd->area.w, h = rd->area.h;
	if (tex)
		SDL_QueryTexture(tex, NULL, NULL, &w, &h);
	float mx = SDL_max(0.0f, ((float)w * rd->zoom - (float)rd->area.w) / 2);
	float my = SDL_max(0.0f, ((float)h * rd->zoom - (float)rd->area.h) / 2);
	rd->pan_x = SDL_clamp(rd->pan_x, -mx, mx);
	rd->pan_y = SDL_clamp(rd->pan_y, -my, my);
}

/* Zoom to z keeping the page point under (x, y) where it is. */
void reader_zoom_at(kiosk *k, float z, float x, float y)
{
	reader_state *rd = k->reader;
	z = SDL_clamp(z, 1.0f, ZOOM_MAX);
	float cx = x - (float)(rd->area.x + rd->area.w / 2), cy = y - (float)(rd->area.y + rd->area.h / 2);
	rd->pan_x = cx + (rd->pan_x - cx) * z / rd->zoom;
	rd->pan_y = cy + (rd->pan_y - cy) * z / rd->zoom;
	rd->zoom = z;
	reader_clamp_pan(k);
}

/* Once the zoom is still: the page again, sharp at that size. */
void reader_request_sharp(kiosk *k)
{
	reader_state *rd = k->reader;
	if (rd->zoom <= 1.01f) {
		reader_unzoom(k);
		return;
	}
	if (rd->sharp && rd->sharp_page == rd->page && rd->sharp_zoom == rd->zoom)
		return;
	float z = SDL_min(rd->zoom, (float)SHARP_MAX / (float)SDL_max(rd->area.w, rd->area.h));
	rd->sharp_zoom = rd->zoom;
	rd->sharp_request = render_request_marked(k->render, RENDER_OWNER_READER, rd->path, rd->format, rd->page, rd->area.w, rd->area.h, rd->text_scale,
						  (int)((float)rd->area.w * z), (int)((float)rd->area.h * z), rd->highlight, k->access.contrast);
}

/* --- links: a footnote mark shows its note over the page --- */

/* The link on the current page nearest (x, y), within half a fingertip of
 * it (footnote marks are far smaller than a finger): 1 and *out if any. */
int reader_link_at(kiosk *k, float x, float y, render_link *out)
{
	reader_state *rd = k->reader;
	int slot = -1;
	for (int i = 0; i < READER_CACHE; i++)
		if (rd->tex[i] && rd->tex_page[i] == rd->page)
			slot = i;
	if (slot < 0 || !rd->link_count[slot] || rd->slide != 0)
		return 0;
	SDL_Rect dst = reader_page_on_screen(k, rd->page, rd->tex[slot], 0);
	int w;
	SDL_QueryTexture(rd->tex[slot], NULL, NULL, &w, NULL);
	float z = (float)dst.w / (float)w, best = (float)ui_target_px(k) / 2;
	int found = 0;
	for (int i = 0; i < rd->link_count[slot]; i++) {
		const render_link *l = &rd->links[slot][i];
		float x0 = (float)dst.x + (float)l->x0 * z, x1 = (float)dst.x + (float)l->x1 * z;
		float y0 = (float)dst.y + (float)l->y0 * z, y1 = (float)dst.y + (float)l->y1 * z;
		float dx = SDL_max(SDL_max(x0 - x, x - x1), 0.0f), dy = SDL_max(SDL_max(y0 - y, y - y1), 0.0f);
		float d = SDL_sqrtf(dx * dx + dy * dy);
		if (d <= best) {
			best = d;
			*out = *l;
			found = 1;
		}
	}
	return found;
}
