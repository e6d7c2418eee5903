/* Where to start when a search finds nothing: see starting_points.h. */
#include "ui/starting_points.h"
#include "core/expand.h"

#include <stdio.h>
#include <string.h>

/* How near a topic's or a collection's name is to the query: the fewest
 * edits that turn a word of the query into the start of a word of the
 * name (letters of A to Z compared without case), 9 when none is near. */
static int nearness(const char *query, const char *name)
{
	char q[256], n[256];
	int best = 9;
	for (int i = 0; i < 2; i++) {
		const char *from = i ? name : query;
		char *to = i ? n : q;
		int j = 0;
		for (; from[j] && j < 255; j++)
			to[j] = from[j] >= 'A' && from[j] <= 'Z' ? (char)(from[j] - 'A' + 'a') : from[j];
		to[j] = 0;
	}
	for (char *qw = strtok(q, " "); qw; qw = strtok(NULL, " ")) {
		size_t ql = strlen(qw);
		char words[256];
		snprintf(words, sizeof words, "%s", n);
		for (char *w = words, *end; *w; w = end + (*end != 0)) {
			end = w + strcspn(w, " ");
			char start[256];
			snprintf(start, sizeof start, "%.*s", (int)SDL_min((size_t)(end - w), ql), w);
			int d = expand_distance(qw, start, 3);
			best = d < best ? d : best;
		}
	}
	return best;
}

int starting_points_draw(kiosk *k, const char *query, int y, int bottom)
{
	enum { MAX = 8 };
	int which[MAX], near[MAX], n = 0, total = k->guide.topic_count + k->guide.collection_count;
	for (int i = 0; i < total; i++) {
		const char *name = i < k->guide.topic_count ? ui_topic(k, k->guide.topics[i].id)
							    : ui_collection_title(k, &k->guide.collections[i - k->guide.topic_count]);
		int d = name ? nearness(query, name) : 9, at = n < MAX ? n++ : MAX;
		while (at > 0 && near[at - 1] > d) { /* kept sorted, nearest first; ties in the guide's order */
			if (at < MAX) {
				which[at] = which[at - 1];
				near[at] = near[at - 1];
			}
			at--;
		}
		if (at < MAX) {
			which[at] = i;
			near[at] = d;
		}
	}
	int h = SDL_min(ui_px(k, 64), bottom - y - ui_px(k, 4)), gap = ui_px(k, 10), pad = ui_px(k, 24);
	for (int b = 0; b < n && y + h <= bottom && h >= ui_target_px(k); b++, y += h + gap) {
		int i = which[b];
		const char *label = i < k->guide.topic_count ? ui_topic(k, k->guide.topics[i].id)
					  : ui_collection_title(k, &k->guide.collections[i - k->guide.topic_count]);
		if (ui_button(k, (SDL_Rect){pad, y, k->w - 2 * pad, h}, label, 1))
			return i;
	}
	return -1;
}
