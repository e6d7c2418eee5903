/* The reader's pages: asked of the render service around the one shown
 * (a fixed page to the view's width with its margins cropped, or whole),
 * kept as textures (the nearest stay), turned with a slide, rendered
 * sharp at a zoom, and the links on them found under a finger. */
#include "ui/reader/reader.h"
#include "core/config.h"

#include <stdlib.h>
#include <unistd.h>

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
static int pages_kept(SDL_Rect area, int fits_width)
{
	int cache_mb = config_int(CONFIG_PAGE_CACHE_MB);
	double ram_mb = (double)sysconf(_SC_PHYS_PAGES) * (double)sysconf(_SC_PAGESIZE) / (1 << 20);
	double mb = cache_mb > 0 ? cache_mb : SDL_min(ram_mb / 64, 64);
	double tall = fits_width ? (double)area.w * 1.5 : area.h; /* a page to the width: about A4's height */
	double page_mb = (double)area.w * tall * 4 / (1 << 20); /* as the GPU holds them */
	int n = page_mb > 0 ? (int)(mb / page_mb) : READER_CACHE;
	return SDL_max(4, SDL_min(n, READER_CACHE));
}

void reader_relayout(kiosk *k)
{
	reader_state *rd = k->reader;
	int top = reader_bar_h(k) + reader_marks_h(k);
	rd->area = (SDL_Rect){0, top, k->w, k->h - top - reader_bar_h(k)};
	reader_set_view(k);
	rd->kept = pages_kept(rd->area, reader_fits_width(k));
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
	/* A fixed page whole fills the view (larger with the bars hidden); a
	 * reflowable one is laid out for the area and stays so. */
	SDL_Rect fit = reader_fixed(k) ? rd->view : rd->area;
	for (int i = 0; i < READER_CACHE; i++)
		if (!rd->request[i]) {
			if (reader_fits_width(k))
				rd->request[i] = render_request_cropped(k->render, RENDER_OWNER_READER, rd->path, rd->format, page, rd->area.w, rd->area.h,
									rd->text_scale, rd->area.w, rd->highlight, k->access.contrast);
			else
				rd->request[i] = render_request_marked(k->render, RENDER_OWNER_READER, rd->path, rd->format, page, rd->area.w, rd->area.h,
								       rd->text_scale, fit.w, fit.h, rd->highlight, k->access.contrast);
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
	/* The zoom stays; the page is seen from its top left, where it is read from. */
	rd->scroll_y = rd->scroll_v = 0;
	rd->pan_x = rd->pan_y = (float)(rd->view.w + rd->view.h) * 4; /* clamped to the top left below */
	reader_clamp_pan(k);
	/* The strip moves by one page: start from where it visually was. */
	rd->slide += (float)((delta < 0 ? -1 : 1) * (rd->view.w + ui_px(k, 24)));
	reader_request_around(k);
	if (rd->zoom > 1)
		reader_request_sharp(k);
}

void reader_turn_spread(kiosk *k, int dir)
{
	reader_state *rd = k->reader;
	int by = reader_spread(k), to = rd->page + dir * by;
	if (dir > 0 && rd->page_count >= 0 && to >= rd->page_count)
		return;
	reader_turn(k, SDL_max(to, 0) - rd->page);
}

/* To another page at once: a jump, not a turn, so no slide. */
void reader_jump_to(kiosk *k, int page)
{
	reader_turn(k, page - k->reader->page);
	k->reader->slide = 0;
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
			float zoom = rd->sharp_zoom;
			reader_drop_sharp(k);
			rd->sharp_zoom = zoom;
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
	rd->shown[victim] = res->shown;
	rd->links[victim] = res->links; /* the reader keeps them */
	rd->link_count[victim] = res->link_count;
	res->links = NULL;
	if (rd->tex[victim])
		SDL_UpdateTexture(rd->tex[victim], NULL, res->rgb, res->stride);
	reader_request_around(k);
	return 1;
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
	rd->sharp_zoom = rd->zoom;
	if (reader_fits_width(k)) {
		int width = SDL_min((int)((float)rd->area.w * rd->zoom), SHARP_MAX);
		rd->sharp_request = render_request_cropped(k->render, RENDER_OWNER_READER, rd->path, rd->format, rd->page, rd->area.w, rd->area.h,
							   rd->text_scale, width, rd->highlight, k->access.contrast);
		return;
	}
	SDL_Rect fit = reader_fixed(k) ? rd->view : rd->area;
	float z = SDL_min(rd->zoom, (float)SHARP_MAX / (float)SDL_max(fit.w, fit.h));
	rd->sharp_request = render_request_marked(k->render, RENDER_OWNER_READER, rd->path, rd->format, rd->page, rd->area.w, rd->area.h, rd->text_scale,
						  (int)((float)fit.w * z), (int)((float)fit.h * z), rd->highlight, k->access.contrast);
}

render_rect reader_page_part(kiosk *k, int page)
{
	for (int i = 0; i < READER_CACHE; i++)
		if (k->reader->tex[i] && k->reader->tex_page[i] == page)
			return k->reader->shown[i];
	return (render_rect){0, 0, 1, 1};
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
