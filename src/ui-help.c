/*
 * Help: every key of the screen it was opened from, taken from that screen's own
 * key table (the one the main loop dispatches on), so help cannot drift from
 * what the keys do. Keys sharing an action share a line: "Up, k  move up".
 * Help longer than the terminal is cut into pages between whole lines, so no
 * key's line is ever half on one page; the title and foot say which page.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "util.h"
#include "wtext.h"

enum {
	HELP_PREV = UI_ACT_SCREEN,
	HELP_NEXT,
	HELP_FIRST,
	HELP_LAST,
	HELP_BACK
};

static const struct ui_key ui_help_keys[] = {
	{ KEY_NPAGE, 1, HELP_NEXT, "PgDn", "next page", NULL },
	{ ' ', 0, HELP_NEXT, "Space", NULL, NULL },
	{ KEY_DOWN, 1, HELP_NEXT, "Down", NULL, NULL },
	{ 'j', 0, HELP_NEXT, "j", NULL, NULL },
	{ ']', 0, HELP_NEXT, "]", NULL, NULL },
	{ KEY_PPAGE, 1, HELP_PREV, "PgUp", "previous page", NULL },
	{ 'b', 0, HELP_PREV, "b", NULL, NULL },
	{ KEY_UP, 1, HELP_PREV, "Up", NULL, NULL },
	{ 'k', 0, HELP_PREV, "k", NULL, NULL },
	{ '[', 0, HELP_PREV, "[", NULL, NULL },
	{ KEY_HOME, 1, HELP_FIRST, "Home", "first or last page", NULL },
	{ KEY_END, 1, HELP_LAST, "End", NULL, NULL },
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
	const char	**what;		/* what they do (static text, or caps) */
	char		 *caps;		/* the Caps Lock line's, or NULL */
	size_t		  nlines;
	size_t		  page;		/* the page shown, from 0 */
	size_t		  npages;	/* pages at the size last drawn */
};

static const struct ui_key *
ui_help_keys_now(void *data)
{
	return ui_help_keys;
}

/* Columns for a key's names, and where what it does starts. */
#define HELP_NAMES	16
#define HELP_WHAT	18

/*
 * Cut the lines into pages of rows rows, each line whole on one page: start[p]
 * is page p's first line (start[npages] is nlines). Returns the page count.
 */
static size_t
ui_help_paginate(const struct help *hp, int rows, int width, size_t *start)
{
	struct wtext_line	*l;
	size_t			 i, np = 0;
	int			 used = 0, h;

	start[0] = 0;
	for (i = 0; i < hp->nlines; i++) {
		h = (int)wtext_wrap(hp->what[i], strlen(hp->what[i]), width,
		    &l);
		free(l);
		if (h < 1)
			h = 1;
		if (used > 0 && used + h > rows) {
			start[++np] = i;
			used = 0;
		}
		used += h;
	}
	start[++np] = hp->nlines;
	return np;
}

static void
ui_help_draw(struct ui *ui, void *data)
{
	struct help	*hp = data;
	size_t		 i, *start;
	int		 y = 2, end = LINES - 3, width = COLS - HELP_WHAT - 1;
	char		*s;

	start = xreallocarray(NULL, hp->nlines + 2, sizeof *start);
	/* Rows 2 .. LINES - 4, and LINES - 3 too when one page holds all. */
	hp->npages = ui_help_paginate(hp, end - y + 1, width, start);
	if (hp->npages > 1)
		hp->npages = ui_help_paginate(hp, end - y, width, start);
	/* A resize may leave fewer pages than the one shown. */
	if (hp->page >= hp->npages)
		hp->page = hp->npages - 1;
	if (hp->npages > 1)
		ui_title(ui, "Help: %s (page %zu of %zu)", hp->title,
		    hp->page + 1, hp->npages);
	else {
		ui_title(ui, "Help: %s", hp->title);
		end++;
	}
	for (i = start[hp->page]; i < start[hp->page + 1] && y < end; i++) {
		ui_put(y, 1, HELP_NAMES, ui_attr(ui, UI_HEADING),
		    hp->names[i]);
		/* Only a line longer than a whole page is ever cut. */
		y += ui_put_wrapped_more(ui, y, HELP_WHAT, width, end - y, 0,
		    hp->what[i], "...");
	}
	free(start);
	if (hp->npages < 2)
		return;
	if (hp->page + 1 < hp->npages)
		s = xasprintf("Page %zu of %zu (more: Down or j); PgDn or "
		    "Space too. q closes help.", hp->page + 1, hp->npages);
	else
		s = xasprintf("Page %zu of %zu, the last (back: Up or k, or "
		    "PgUp). q closes help.", hp->page + 1, hp->npages);
	ui_put(LINES - 3, 1, COLS - 2, ui_attr(ui, UI_DIM), s);
	free(s);
}

static void
ui_help_key(struct ui *ui, void *data, int action, int fkey, wint_t ch)
{
	struct help	*hp = data;

	switch (action) {
	case HELP_PREV:
		if (hp->page > 0)
			hp->page--;
		break;
	case HELP_NEXT:
		if (hp->page + 1 < hp->npages)
			hp->page++;
		break;
	case HELP_FIRST:
		hp->page = 0;
		break;
	case HELP_LAST:
		hp->page = hp->npages > 0 ? hp->npages - 1 : 0;
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
	free(hp->caps);
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

static void
ui_help_add(struct help *hp, char *names, const char *what)
{
	hp->names = xreallocarray(hp->names, hp->nlines + 1,
	    sizeof *hp->names);
	hp->what = xreallocarray(hp->what, hp->nlines + 1, sizeof *hp->what);
	hp->names[hp->nlines] = names;
	hp->what[hp->nlines++] = what;
}

/*
 * The line saying, once, that letter keys work with Caps Lock on (the rule of
 * ui_key_find): "Y does what y does", naming the upper-case letters that are
 * keys of their own. NULL where no letter is a key (letters are text there).
 */
static char *
ui_help_caps(const struct ui_key *keys)
{
	const struct ui_key	*k, *o;
	char			*own = NULL, *t;
	int			 example = 0;
	wint_t			 up;

	for (k = keys; k->label != NULL; k++) {
		if (k->fkey || k->key < 'a' || k->key > 'z')
			continue;
		up = (wint_t)(k->key - 'a' + 'A');
		o = ui_key_find(keys, 0, &up);
		/* An entry of its own that does something else. */
		if (up != (wint_t)k->key && o->action != k->action) {
			t = xasprintf("%s%s%c", own != NULL ? own : "",
			    own != NULL ? ", " : "", (int)up);
			free(own);
			own = t;
		} else if (example == 0)
			example = k->key;
	}
	if (example == 0) {
		/* No letter works as another (never so far): nothing to say. */
		free(own);
		return NULL;
	}
	if (own == NULL)
		return xasprintf("the letter keys work with Caps Lock on: %c "
		    "does what %c does", example - 'a' + 'A', example);
	t = xasprintf("the letter keys work with Caps Lock on: %c does what %c "
	    "does, but %s %s", example - 'a' + 'A', example, own,
	    strchr(own, ',') != NULL ? "are keys of their own" :
	    "is a key of its own");
	free(own);
	return t;
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
		ui_help_add(hp, names, k->help);
	}
	if ((hp->caps = ui_help_caps(keys)) != NULL)
		ui_help_add(hp, xstrdup("Caps Lock"), hp->caps);
	ui_push(ui, &ui_help_ops, hp);
}
