/*
 * History of one answer: every value and note it has had, oldest first, with
 * who changed it and when (db_answer_history). Read-only.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "db-case.h"
#include "ui.h"
#include "uktime.h"
#include "util.h"

enum {
	HI_UP = UI_ACT_SCREEN,
	HI_DOWN,
	HI_BACK
};

static const struct ui_key ui_history_keys[] = {
	{ KEY_UP, 1, HI_UP, "Up", "scroll up", NULL },
	{ 'k', 0, HI_UP, "k", NULL, NULL },
	{ KEY_DOWN, 1, HI_DOWN, "Down", "scroll down", NULL },
	{ 'j', 0, HI_DOWN, "j", NULL, NULL },
	UI_KEY_TALLY,
	UI_KEY_TALLY_MORE,
	UI_KEY_HELP,
	{ 'q', 0, HI_BACK, "q", "back to the case", "back" },
	{ 0x1b, 0, HI_BACK, "Esc", NULL, NULL },
	UI_KEY_END
};

struct history {
	char	*title;
	char	**lines;	/* the whole history as display lines */
	size_t	 nlines;
	size_t	 top;
};

static const struct ui_key *
ui_history_keys_now(void *data)
{
	return ui_history_keys;
}

static void
ui_history_add(struct history *hi, char *line)
{
	hi->lines = xreallocarray(hi->lines, hi->nlines + 1,
	    sizeof *hi->lines);
	hi->lines[hi->nlines++] = line;
}

static const char *
ui_history_value(enum answer_value v)
{
	return v == ANSWER_NONE ? "(none)" : db_answer_name(v);
}

static void
ui_history_draw(struct ui *ui, void *data)
{
	struct history	*hi = data;
	size_t		 i;
	int		 y = 2;

	ui_title(ui, "%s", hi->title);
	if (hi->nlines == 0)
		ui_put(y, 1, COLS - 2, ui_attr(ui, UI_DIM), "This question has "
		    "never been answered.");
	for (i = hi->top; i < hi->nlines && y < LINES - 3; i++)
		ui_put(y++, 1, COLS - 2, hi->lines[i][0] == ' ' ? 0 :
		    ui_attr(ui, UI_HEADING), hi->lines[i]);
}

static void
ui_history_key(struct ui *ui, void *data, int action, int fkey, wint_t ch)
{
	struct history	*hi = data;

	switch (action) {
	case HI_UP:
		if (hi->top > 0)
			hi->top--;
		break;
	case HI_DOWN:
		if (hi->top + 1 < hi->nlines)
			hi->top++;
		break;
	case HI_BACK:
		ui_pop(ui);
		break;
	}
}

static void
ui_history_free(void *data)
{
	struct history	*hi = data;
	size_t		 i;

	for (i = 0; i < hi->nlines; i++)
		free(hi->lines[i]);
	free(hi->lines);
	free(hi->title);
	free(hi);
}

static const struct ui_screen_ops ui_history_ops = {
	"Answer history",
	ui_history_keys_now,
	ui_history_draw,
	ui_history_key,
	NULL,
	ui_history_free
};

/* A note for one display line: its first line, marked when there is more. */
static char *
ui_history_note(const char *note)
{
	size_t	n = strcspn(note, "\n");

	if (*note == '\0')
		return xstrdup("(empty)");
	return xasprintf("\"%.*s\"%s", (int)n, note, note[n] != '\0' ?
	    " ..." : "");
}

void
ui_history_open(struct ui *ui, long long id, const char *question)
{
	struct history		*hi;
	struct db_history	*h;
	size_t			 n, i;
	char			*cause = NULL, *note, *at;

	if (db_answer_history(ui_db(ui), id, question, &h, &n, &cause) != 0) {
		ui_error(ui, cause);
		return;
	}
	hi = xcalloc(1, sizeof *hi);
	hi->title = xasprintf("History of %s: %zu change%s, oldest first",
	    question, n, n == 1 ? "" : "s");
	for (i = 0; i < n; i++) {
		at = uktime_show(h[i].at);
		ui_history_add(hi, xasprintf("%s  %s", at, h[i].inspector));
		free(at);
		if (h[i].old_value != h[i].new_value)
			ui_history_add(hi, xasprintf("    answer: %s -> %s",
			    ui_history_value(h[i].old_value),
			    ui_history_value(h[i].new_value)));
		if (h[i].old_note == NULL ? h[i].new_note[0] != '\0' :
		    strcmp(h[i].old_note, h[i].new_note) != 0) {
			note = ui_history_note(h[i].new_note);
			ui_history_add(hi, xasprintf("    note: %s", note));
			free(note);
		}
	}
	db_history_list_free(h, n);
	ui_push(ui, &ui_history_ops, hi);
}
