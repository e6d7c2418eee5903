/* The script parser: see script.h. */
#include "ui/script.h"
#include "core/files.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const script_screens[] = {
	"home", "browse", "timeline", "topics", "search", "reader", "note", "cover", "attract", "import", "admin", "pin", NULL,
};

static const struct {
	const char *name;
	script_op op;
	int numbers;       /* numeric arguments, or -1: the rest of the line is text */
	int optional;      /* trailing numbers that may be left out */
} grammar[] = {
	{"tap", SCRIPT_TAP, 2, 0}, {"longpress", SCRIPT_LONGPRESS, 3, 0}, {"swipe", SCRIPT_SWIPE, 5, 1},
	{"pinch", SCRIPT_PINCH, 3, 0}, {"key", SCRIPT_KEY, -1, 0}, {"type", SCRIPT_TYPE, -1, 0},
	{"wait", SCRIPT_WAIT, 1, 0}, {"idle", SCRIPT_IDLE, 1, 0}, {"open", SCRIPT_OPEN, -1, 0},
	{"back", SCRIPT_BACK, 0, 0}, {"usb", SCRIPT_USB, -1, 0}, {"shot", SCRIPT_SHOT, -1, 0},
	{"expect", SCRIPT_EXPECT, -1, 0},
};

static int check_text(script_command *c, char err[256], const char *where)
{
	const char *t = c->text;
	if (!t[0]) {
		snprintf(err, 256, "%s: missing argument", where);
		return -1;
	}
	SDL_Keycode key;
	Uint16 mod;
	if (c->op == SCRIPT_KEY && script_key(t, &key, &mod) != 0) {
		snprintf(err, 256, "%s: unknown key \"%s\" (SDL key names: Right, Escape, Return ...)", where, t);
		return -1;
	}
	if (c->op == SCRIPT_SHOT && (strchr(t, '/') || strchr(t, ' ') || t[0] == '.')) {
		snprintf(err, 256, "%s: a shot name is one word, without / or a leading dot", where);
		return -1;
	}
	if (c->op == SCRIPT_EXPECT) {
		for (int i = 0; script_screens[i]; i++)
			if (strcmp(t, script_screens[i]) == 0)
				return 0;
		snprintf(err, 256, "%s: unknown screen \"%s\"", where, t);
		return -1;
	}
	return 0;
}

static int parse_line(char *line, script_command *c, char err[256], const char *where)
{
	char *word = strtok(line, " \t");
	size_t g = 0;
	while (g < sizeof grammar / sizeof grammar[0] && strcmp(grammar[g].name, word) != 0)
		g++;
	if (g == sizeof grammar / sizeof grammar[0]) {
		snprintf(err, 256, "%s: unknown command \"%s\"", where, word);
		return -1;
	}
	c->op = grammar[g].op;
	char *rest = strtok(NULL, "");
	while (rest && (*rest == ' ' || *rest == '\t'))
		rest++;
	if ((c->op == SCRIPT_TAP || c->op == SCRIPT_LONGPRESS) && rest && *rest == '"') {
		/* tap "LABEL", longpress "LABEL" MS: a touch target by its label */
		char *close = strchr(rest + 1, '"');
		if (!close || close == rest + 1) {
			snprintf(err, 256, "%s: a label is written \"LABEL\", in double quotes", where);
			return -1;
		}
		*close = 0;
		if (!(c->text = strdup(rest + 1)))
			return -1;
		rest = close + 1;
		if (c->op == SCRIPT_TAP && *rest) {
			snprintf(err, 256, "%s: tap \"LABEL\" takes nothing after the label", where);
			return -1;
		}
		if (c->op == SCRIPT_LONGPRESS) {
			char *end;
			c->arg[2] = strtof(rest, &end);
			while (*end == ' ' || *end == '\t')
				end++;
			if (end == rest || *end || c->arg[2] < 0 || c->arg[2] > 1e7f) {
				snprintf(err, 256, "%s: longpress \"LABEL\" needs MS, a number", where);
				return -1;
			}
		}
		return 0;
	}
	if (grammar[g].numbers < 0) {
		c->text = strdup(rest ? rest : "");
		return c->text ? check_text(c, err, where) : -1;
	}
	int n = 0;
	for (char *tok = rest ? strtok(rest, " \t") : NULL; tok; tok = strtok(NULL, " \t"), n++) {
		char *end;
		if (n >= grammar[g].numbers) {
			snprintf(err, 256, "%s: too many arguments for %s", where, word);
			return -1;
		}
		c->arg[n] = strtof(tok, &end);
		if (*end || end == tok || c->arg[n] < 0 || c->arg[n] > 1e7f) {
			snprintf(err, 256, "%s: \"%s\" is not a number", where, tok);
			return -1;
		}
	}
	if (n < grammar[g].numbers - grammar[g].optional) {
		snprintf(err, 256, "%s: %s needs %d numbers", where, word, grammar[g].numbers - grammar[g].optional);
		return -1;
	}
	if (c->op == SCRIPT_SWIPE && n == 4)
		c->arg[4] = 300;
	if (c->op == SCRIPT_PINCH && c->arg[2] <= 0) {
		snprintf(err, 256, "%s: pinch SCALE must be above 0", where);
		return -1;
	}
	return 0;
}

int script_key(const char *text, SDL_Keycode *key, Uint16 *mod)
{
	static const struct {
		const char *name;
		Uint16 mod;
	} mods[] = {{"Ctrl+", KMOD_LCTRL}, {"Alt+", KMOD_LALT}, {"Shift+", KMOD_LSHIFT}, {"Gui+", KMOD_LGUI}};
	*mod = 0;
	for (int again = 1; again;) {
		again = 0;
		for (size_t i = 0; i < sizeof mods / sizeof *mods; i++)
			if (strncmp(text, mods[i].name, strlen(mods[i].name)) == 0 && text[strlen(mods[i].name)]) {
				*mod |= mods[i].mod;
				text += strlen(mods[i].name);
				again = 1;
			}
	}
	*key = SDL_GetKeyFromName(text);
	return *key == SDLK_UNKNOWN ? -1 : 0;
}

script *script_parse(const char *text, const char *name, char err[256])
{
	script *s = calloc(1, sizeof *s);
	char *copy = strdup(text);
	if (!s || !copy) {
		free(s);
		free(copy);
		snprintf(err, 256, "out of memory");
		return NULL;
	}
	int number = 0;
	char *next = copy;
	while (next) {
		char *line = next;
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		number++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = 0;
		char *end = line + strlen(line);
		while (end > line && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
			*--end = 0;
		while (*line == ' ' || *line == '\t')
			line++;
		if (!*line)
			continue;
		script_command *bigger = realloc(s->commands, (size_t)(s->count + 1) * sizeof *bigger);
		if (!bigger)
			goto fail;
		s->commands = bigger;
		script_command *c = &s->commands[s->count++];
		memset(c, 0, sizeof *c);
		c->line = number;
		char where[300];
		snprintf(where, sizeof where, "%s:%d", name, number);
		if (parse_line(line, c, err, where) != 0)
			goto fail;
	}
	free(copy);
	return s;
fail:
	free(copy);
	script_free(s);
	return NULL;
}

script *script_load(const char *path, char err[256])
{
	char why[256];
	char *text = files_read(path, 1 << 20, NULL, why);
	if (!text) {
		snprintf(err, 256, "%s", why);
		return NULL;
	}
	script *s = script_parse(text, path, err);
	free(text);
	return s;
}

void script_free(script *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->count; i++)
		free(s->commands[i].text);
	free(s->commands);
	free(s);
}
