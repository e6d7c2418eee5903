/* What the archive tells visitors (core/guide.h), in the visitor's
 * language: the functions of ui.h that the screens show it with. A text
 * missing in that language is the English one, never an empty box. */
#include "ui/ui.h"
#include "ui/strings.h"

#include <string.h>

static const char *lang(const kiosk *k)
{
	return strings_langs[k->lang];
}

const char *ui_topic(const kiosk *k, const char *topic)
{
	return guide_topic_label(&k->guide, topic, lang(k));
}

const char *ui_archive_name(const kiosk *k)
{
	const guide_about *a = &k->guide.about;
	return guide_text_in(a->title, a->titles, a->title_count, lang(k));
}

const char *ui_archive_intro(const kiosk *k)
{
	const guide_about *a = &k->guide.about;
	return guide_text_in(a->intro, a->intros, a->intro_count, lang(k));
}

const char *ui_collection_title(const kiosk *k, const guide_collection *c)
{
	const char *t = guide_text_in(c->title, c->titles, c->title_count, lang(k));
	return t ? t : c->id;
}

const char *ui_collection_intro(const kiosk *k, const guide_collection *c)
{
	return guide_text_in(c->intro, c->intros, c->intro_count, lang(k));
}

int ui_in_collection(const kiosk *k, const char *collection, const char *item_id)
{
	const guide_collection *c = guide_find_collection(&k->guide, collection);
	return c && item_list_has(c->items, c->item_count, item_id);
}
