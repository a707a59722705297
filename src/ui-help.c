/*
 * Help: every key of the screen it was opened from, taken from that screen's own
 * key table (the one the main loop dispatches on), so help cannot drift from
 * what the keys do. Keys sharing an action share a line: "Up, k  move up".
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "util.h"

enum {
	HELP_UP = UI_ACT_SCREEN,
	HELP_DOWN,
	HELP_BACK
};

static const struct ui_key ui_help_keys[] = {
	{ KEY_UP, 1, HELP_UP, "Up", "scroll up", NULL },
	{ 'k', 0, HELP_UP, "k", NULL, NULL },
	{ KEY_DOWN, 1, HELP_DOWN, "Down", "scroll down", NULL },
	{ 'j', 0, HELP_DOWN, "j", NULL, NULL },
	{ 'q', 0, HELP_BACK, "q", "close help", "back" },
	{ 0x1b, 0, HELP_BACK, "Esc", NULL, NULL },
	{ '?', 0, HELP_BACK, "?", NULL, NULL },
	{ KEY_F(1), 1, HELP_BACK, "F1", NULL, NULL },
	UI_KEY_TALLY,
	UI_KEY_TALLY_MORE,
	UI_KEY_END
};

struct help {
	char		 *title;
	char		**names;	/* "Up, k" */
	const char	**what;		/* what they do (static text) */
	size_t		  nlines;
	size_t		  top;
};

static const struct ui_key *
ui_help_keys_now(void *data)
{
	return ui_help_keys;
}

static void
ui_help_draw(struct ui *ui, void *data)
{
	struct help	*hp = data;
	size_t		 i;
	int		 y = 2;

	ui_title(ui, "Help: %s", hp->title);
	for (i = hp->top; i < hp->nlines && y < LINES - 3; i++) {
		ui_put(y, 1, 16, ui_attr(ui, UI_HEADING), hp->names[i]);
		y += ui_put_wrapped(y, 18, COLS - 19, LINES - 3 - y, 0,
		    hp->what[i]);
	}
	if (i < hp->nlines)
		ui_put(LINES - 3, 1, COLS - 2, ui_attr(ui, UI_DIM),
		    "(more: Down or j)");
}

static void
ui_help_key(struct ui *ui, void *data, int action, int fkey, wint_t ch)
{
	struct help	*hp = data;

	switch (action) {
	case HELP_UP:
		if (hp->top > 0)
			hp->top--;
		break;
	case HELP_DOWN:
		if (hp->top + 1 < hp->nlines)
			hp->top++;
		break;
	case HELP_BACK:
		ui_pop(ui);
		break;
	}
}

static void
ui_help_free(void *data)
{
	struct help	*hp = data;
	size_t		 i;

	for (i = 0; i < hp->nlines; i++)
		free(hp->names[i]);
	free(hp->names);
	free(hp->what);
	free(hp->title);
	free(hp);
}

static const struct ui_screen_ops ui_help_ops = {
	"Help",
	ui_help_keys_now,
	ui_help_draw,
	ui_help_key,
	NULL,
	ui_help_free
};

/* Whether label already appears in the comma-separated list s. */
static int
ui_help_has(const char *s, const char *label)
{
	size_t	n = strlen(label);
	const char *p;

	for (p = s; (p = strstr(p, label)) != NULL; p += n) {
		if ((p == s || p[-1] == ' ') && (p[n] == ',' || p[n] == '\0'))
			return 1;
	}
	return 0;
}

void
ui_help_open(struct ui *ui, const struct ui_screen_ops *ops, void *data)
{
	const struct ui_key	*keys = ops->keys(data), *k, *j;
	struct help		*hp = xcalloc(1, sizeof *hp);
	char			*names, *t;

	hp->title = xasprintf("keys of the %s screen", ops->name);
	for (k = keys; k->label != NULL; k++) {
		if (k->help == NULL)
			continue;	/* listed with the entry it follows */
		names = xstrdup(k->label);
		for (j = k + 1; j->label != NULL && j->help == NULL; j++) {
			if (ui_help_has(names, j->label))
				continue;
			t = xasprintf("%s, %s", names, j->label);
			free(names);
			names = t;
		}
		hp->names = xreallocarray(hp->names, hp->nlines + 1,
		    sizeof *hp->names);
		hp->what = xreallocarray(hp->what, hp->nlines + 1,
		    sizeof *hp->what);
		hp->names[hp->nlines] = names;
		hp->what[hp->nlines++] = k->help;
	}
	ui_push(ui, &ui_help_ops, hp);
}
