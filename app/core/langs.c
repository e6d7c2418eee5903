/* Language codes: see langs.h. The table holds the languages an archive
 * of the region is likely to meet, and those whose codes are easily
 * mistaken for them (am is Amharic, not Armenian). */
#include "core/langs.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *code, *name, *own; /* own: the name in its own script, or NULL */
} langs[] = {
	{"hy", "Armenian", "Հայերեն"}, {"ru", "Russian", "Русский"}, {"en", "English", NULL},
	{"hyw", "Western Armenian", "Արեւմտահայերէն"}, {"az", "Azerbaijani", "Azərbaycanca"},
	{"ka", "Georgian", "ქართული"}, {"tr", "Turkish", "Türkçe"}, {"fa", "Persian", "فارسی"},
	{"ar", "Arabic", "العربية"}, {"ku", "Kurdish", "Kurdî"}, {"uk", "Ukrainian", "Українська"},
	{"fr", "French", "Français"}, {"de", "German", "Deutsch"}, {"es", "Spanish", "Español"},
	{"it", "Italian", "Italiano"}, {"el", "Greek", "Ελληνικά"}, {"he", "Hebrew", "עברית"},
	{"am", "Amharic", "አማርኛ"}, {"pl", "Polish", "Polski"},
	{"nl", "Dutch", "Nederlands"}, {"pt", "Portuguese", "Português"}, {"sv", "Swedish", "Svenska"},
	{"zh", "Chinese", "中文"}, {"ja", "Japanese", "日本語"}, {"ko", "Korean", "한국어"},
	{"hi", "Hindi", NULL}, {"kk", "Kazakh", "Қазақша"}, {"be", "Belarusian", "Беларуская"},
	{"ro", "Romanian", "Română"}, {"bg", "Bulgarian", "Български"}, {"sr", "Serbian", "Српски"},
	{"lt", "Lithuanian", "Lietuvių"}, {"lv", "Latvian", "Latviešu"}, {"et", "Estonian", "Eesti"},
	{"fi", "Finnish", "Suomi"}, {"cs", "Czech", "Čeština"}, {"hu", "Hungarian", "Magyar"},
};
#define LANG_COUNT (sizeof langs / sizeof langs[0])

/* The first subtag, lower-cased, into out. */
static void primary(const char *tag, char out[9])
{
	size_t i = 0;
	for (; tag[i] && tag[i] != '-' && tag[i] != '_' && i < 8; i++)
		out[i] = (char)tolower((unsigned char)tag[i]);
	out[i] = 0;
}

const char *langs_name(const char *code)
{
	char p[9];
	primary(code, p);
	for (size_t i = 0; i < LANG_COUNT; i++)
		if (strcmp(langs[i].code, p) == 0)
			return langs[i].name;
	return NULL;
}

const char *langs_code_for_name(const char *name)
{
	for (size_t i = 0; i < LANG_COUNT; i++)
		if (!strcasecmp(name, langs[i].name) || (langs[i].own && !strcasecmp(name, langs[i].own)))
			return langs[i].code;
	/* Lower-case Cyrillic and Armenian are not folded by strcasecmp. */
	if (!strcmp(name, "русский"))
		return "ru";
	if (!strcmp(name, "հայերեն"))
		return "hy";
	return NULL;
}

int langs_is_shown(const char *code)
{
	char p[9];
	primary(code, p);
	return !strcmp(p, "en") || !strcmp(p, "hy") || !strcmp(p, "ru");
}

int langs_is_tag(const char *tag)
{
	size_t n = 0, first = strcspn(tag, "-");
	if (first < 2 || first > 3)
		return 0;
	for (const char *p = tag; *p; p++) {
		if (*p == '-') {
			if (n == 0 || p[1] == 0)
				return 0;
			n = 0;
		} else if (!isalnum((unsigned char)*p) || ++n > 8 || (p < tag + first && !isalpha((unsigned char)*p))) {
			return 0;
		}
	}
	return 1;
}
