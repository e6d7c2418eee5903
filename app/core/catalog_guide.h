/* The catalogue's guide for visitors (schema 10, guide.h): the archive's
 * name and introduction, its topics' labels and its collections. Writes go
 * inside the caller's transaction, after the bundle's items. */
#ifndef HISHATAK_CATALOG_GUIDE_H
#define HISHATAK_CATALOG_GUIDE_H

#include "core/catalog.h"
#include "core/guide.h"
#include <stddef.h>

/* Applies what a bundle's guide says: "about" (when given) replaces the
 * archive's; each topic given replaces its labels (a topic left out keeps
 * its own); each collection given replaces the one of its id (its picture,
 * when the bundle names none, stays; the picture file must be in the files
 * table already, catalog_put_file), one withdrawn goes. A collection's ids
 * of items the archive does not hold are left out, and said in notes
 * ("collection x: not in this archive: a, b"). 0, or -1 with err. */
int catalog_put_guide(catalog *c, const guide *g, char *notes, size_t notes_size, char err[256]);

/* The archive's guide (free with guide_free): topics in their order,
 * collections in theirs, each with only the items visitors can see. 0, or
 * -1 with err. */
int catalog_get_guide(catalog *c, guide *out, char err[256]);

#endif
