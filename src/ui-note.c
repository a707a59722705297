/*
 * The evidence note editor: multi-line UTF-8 text, wrapped at the screen width,
 * with wide characters and combining marks kept whole (the rules are in
 * editbuf.c). Leaving the editor saves the note through db_answer_save; it is
 * shown as saved only when that has returned. There is no length limit here.
 * The same screen shows a note it must not change (a complete case, a read-only
 * file) whole, for reading only.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "editbuf.h"
#include "ui.h"
#include "util.h"
#include "wtext.h"

enum {
	NOTE_SAVE = UI_ACT_SCREEN,
	NOTE_UP,
	NOTE_DOWN,
	NOTE_HOME,
	NOTE_END,
	NOTE_PGUP,
	NOTE_PGDN,
	NOTE_NEWLINE,
	NOTE_CLOSE
};

/* Every printable key is text here, so the commands are control and F keys. */
static const struct ui_key ui_note_keys[] = {
	{ KEY_F(2), 1, NOTE_SAVE, "F2", "save the note and close the editor",
	    "or Esc: save and close" },
	{ 0x1b, 0, NOTE_SAVE, "Esc", NULL, NULL },
	{ 0x18, 0, NOTE_SAVE, "Ctrl-X", NULL, NULL },
	{ KEY_F(1), 1, UI_ACT_HELP, "F1", "help: the keys of this screen",
	    "help" },
	{ '\r', 0, NOTE_NEWLINE, "Enter", "start a new line", NULL },
	{ '\n', 0, NOTE_NEWLINE, "Enter", NULL, NULL },
	{ KEY_ENTER, 1, NOTE_NEWLINE, "Enter", NULL, NULL },
	{ KEY_UP, 1, NOTE_UP, "Up", "line up", NULL },
	{ KEY_DOWN, 1, NOTE_DOWN, "Down", "line down", NULL },
	{ KEY_HOME, 1, NOTE_HOME, "Home", "start of the line", NULL },
	{ KEY_END, 1, NOTE_END, "End", "end of the line", NULL },
	{ KEY_PPAGE, 1, NOTE_PGUP, "PgUp", "up a page", NULL },
	{ KEY_NPAGE, 1, NOTE_PGDN, "PgDn", "down a page", NULL },
	{ KEY_LEFT, 1, UI_ACT_NONE, "Left", "character left", NULL },
	{ KEY_RIGHT, 1, UI_ACT_NONE, "Right", "character right", NULL },
	{ KEY_BACKSPACE, 1, UI_ACT_NONE, "Backspace", "delete the character "
	    "before the cursor", NULL },
	{ KEY_DC, 1, UI_ACT_NONE, "Delete", "delete the character under the "
	    "cursor", NULL },
	{ 0x15, 0, UI_ACT_NONE, "Ctrl-U", "clear the whole note", NULL },
	UI_KEY_TALLY_TEXT,
	UI_KEY_END
};

/* Reading only: nothing is text, so the usual letters work. */
static const struct ui_key ui_note_view_keys[] = {
	{ 'q', 0, NOTE_CLOSE, "q", "close the note", "close" },
	{ 0x1b, 0, NOTE_CLOSE, "Esc", NULL, NULL },
	{ KEY_F(2), 1, NOTE_CLOSE, "F2", NULL, NULL },
	{ KEY_UP, 1, NOTE_UP, "Up", "line up", NULL },
	{ 'k', 0, NOTE_UP, "k", NULL, NULL },
	{ KEY_DOWN, 1, NOTE_DOWN, "Down", "line down", NULL },
	{ 'j', 0, NOTE_DOWN, "j", NULL, NULL },
	{ KEY_PPAGE, 1, NOTE_PGUP, "PgUp", "up a page", NULL },
	{ '[', 0, NOTE_PGUP, "[", NULL, NULL },
	{ KEY_NPAGE, 1, NOTE_PGDN, "PgDn", "down a page", NULL },
	{ ']', 0, NOTE_PGDN, "]", NULL, NULL },
	{ ' ', 0, NOTE_PGDN, "Space", NULL, NULL },
	UI_KEY_TALLY,
	UI_KEY_TALLY_MORE,
	UI_KEY_HELP,
	{ KEY_F(1), 1, UI_ACT_HELP, "F1", NULL, NULL },
	UI_KEY_END
};

struct note {
	long long	 id;
	char		*question;
	char		*ref;
	char		*text;		/* the question, for context */
	struct editbuf	 eb;
	size_t		 top;		/* first wrapped line shown */
	int		 view;		/* reading only */
};

static const struct ui_key *
ui_note_keys_now(void *data)
{
	struct note	*nt = data;

	return nt->view ? ui_note_view_keys : ui_note_keys;
}

/* The editor wraps one column short so the cursor fits at a line's end. */
static int
ui_note_width(void)
{
	return COLS - 3;
}

static int
ui_note_rows(void)
{
	return LINES - 8;
}

static void
ui_note_draw(struct ui *ui, void *data)
{
	struct note		*nt = data;
	struct wtext_line	*l;
	size_t			 nl, i, row;
	int			 col, rows = ui_note_rows(), w = ui_note_width();
	char			*s;

	ui_title(ui, "Evidence note: case %s, question %s%s", nt->ref,
	    nt->question, nt->view ? " (read only)" : "");
	ui_put_wrapped(1, 1, COLS - 2, 2, ui_attr(ui, UI_DIM), nt->text);
	mvhline(3, 0, ACS_HLINE, COLS);

	editbuf_cursor(&nt->eb, w, &row, &col);
	nl = wtext_wrap(nt->eb.text, nt->eb.len, w, &l);
	if (nt->view) {
		/* No cursor to follow: keys scroll; a resize may shorten. */
		if (nt->top + (size_t)rows > nl)
			nt->top = nl > (size_t)rows ? nl - (size_t)rows : 0;
	} else if (row < nt->top)
		nt->top = row;
	else if (row >= nt->top + (size_t)rows)
		nt->top = row - (size_t)rows + 1;
	for (i = nt->top; i < nl && i < nt->top + (size_t)rows; i++) {
		s = xstrndup(nt->eb.text + l[i].start, l[i].len);
		ui_put(4 + (int)(i - nt->top), 1, w + 1, 0, s);
		free(s);
	}
	free(l);
	mvhline(LINES - 4, 0, ACS_HLINE, COLS);
	if (nt->view) {
		s = xasprintf("Lines %zu-%zu of %zu%s. Read only: %s",
		    nl > 0 ? nt->top + 1 : 0, nt->top + (size_t)rows < nl ?
		    nt->top + (size_t)rows : nl, nl, nt->top + (size_t)rows <
		    nl ? " (more: Down)" : "", db_readonly(ui_db(ui)) ?
		    "the file cannot be written." : "the case is complete.");
		ui_put(LINES - 3, 0, COLS, 0, s);
		free(s);
		return;		/* and no cursor: nothing here is typed */
	}
	s = xasprintf("%zu bytes, line %zu of %zu. %s", nt->eb.len, row + 1, nl,
	    nt->eb.changed ? "Not saved yet: F2 or Esc saves and closes." :
	    "Unchanged.");
	ui_put(LINES - 3, 0, COLS, nt->eb.changed ? ui_attr(ui, UI_HEADING) :
	    0, s);
	free(s);
	ui_cursor(ui, 4 + (int)(row - nt->top), 1 + col);
}

static void
ui_note_save(struct ui *ui, struct note *nt)
{
	char	*cause = NULL, *question;

	if (!nt->eb.changed) {
		ui_pop(ui);
		return;
	}
	if (db_answer_save(ui_db(ui), nt->id, nt->question, ANSWER_KEEP,
	    nt->eb.text, &cause) != 0) {
		/* Stay, with the text, so nothing typed is lost. */
		ui_error(ui, cause);
		return;
	}
	question = xstrdup(nt->question);
	ui_pop(ui);
	ui_status(ui, "saved the evidence note for %s", question);
	free(question);
}

/* Reading only, the movement keys scroll; 1 when action was one of them. */
static int
ui_note_scroll(struct note *nt, int action)
{
	struct wtext_line	*l;
	size_t			 nl, rows = (size_t)ui_note_rows(), last;

	nl = wtext_wrap(nt->eb.text, nt->eb.len, ui_note_width(), &l);
	free(l);
	last = nl > rows ? nl - rows : 0;
	switch (action) {
	case NOTE_UP:
		if (nt->top > 0)
			nt->top--;
		return 1;
	case NOTE_DOWN:
		if (nt->top < last)
			nt->top++;
		return 1;
	case NOTE_PGUP:
		nt->top = nt->top > rows - 1 ? nt->top - (rows - 1) : 0;
		return 1;
	case NOTE_PGDN:
		nt->top = nt->top + rows - 1 < last ? nt->top + rows - 1 : last;
		return 1;
	}
	return 0;
}

static void
ui_note_key(struct ui *ui, void *data, int action, int fkey, wint_t ch)
{
	struct note	*nt = data;
	int		 i, w = ui_note_width();

	if (nt->view && ui_note_scroll(nt, action))
		return;
	switch (action) {
	case NOTE_SAVE:
		ui_note_save(ui, nt);
		break;
	case NOTE_CLOSE:
		ui_pop(ui);
		break;
	case NOTE_NEWLINE:
		editbuf_insert(&nt->eb, '\n');
		break;
	case NOTE_UP:
		editbuf_up(&nt->eb, w);
		break;
	case NOTE_DOWN:
		editbuf_down(&nt->eb, w);
		break;
	case NOTE_HOME:
		editbuf_home(&nt->eb, w);
		break;
	case NOTE_END:
		editbuf_end(&nt->eb, w);
		break;
	case NOTE_PGUP:
		for (i = 0; i < ui_note_rows() - 1; i++)
			editbuf_up(&nt->eb, w);
		break;
	case NOTE_PGDN:
		for (i = 0; i < ui_note_rows() - 1; i++)
			editbuf_down(&nt->eb, w);
		break;
	case UI_ACT_NONE:
		if (nt->view)
			ui_status(ui, "this note is read only: %s",
			    db_readonly(ui_db(ui)) ? "the file cannot be "
			    "written" : "the case is complete; press f on the "
			    "case to reopen it");
		else if (fkey || ch != '\t')
			ui_edit_key(&nt->eb, fkey, ch);
		else {
			/* A tab would show differently everywhere: spaces. */
			for (i = 0; i < 4; i++)
				editbuf_insert(&nt->eb, ' ');
		}
		break;
	}
}

static void
ui_note_free(void *data)
{
	struct note	*nt = data;

	free(nt->question);
	free(nt->ref);
	free(nt->text);
	editbuf_clear(&nt->eb);
	free(nt);
}

static const struct ui_screen_ops ui_note_ops = {
	"Evidence note editor",
	ui_note_keys_now,
	ui_note_draw,
	ui_note_key,
	NULL,
	ui_note_free
};

void
ui_note_open(struct ui *ui, long long id, const char *question, int view)
{
	struct note		*nt;
	struct db_case		 c;
	struct db_answer	*a;
	size_t			 na, i;
	long			 q;
	char			*cause = NULL, *note = NULL;

	if (db_case_get(ui_db(ui), id, &c, &cause) != 0) {
		ui_error(ui, cause);
		return;
	}
	if (db_answer_list(ui_db(ui), id, &a, &na, &cause) != 0) {
		db_case_clear(&c);
		ui_error(ui, cause);
		return;
	}
	for (i = 0; i < na; i++) {
		if (strcmp(a[i].question, question) == 0)
			note = a[i].note;
	}
	nt = xcalloc(1, sizeof *nt);
	nt->id = id;
	nt->view = view;
	nt->question = xstrdup(question);
	nt->ref = xstrdup(c.ref);
	q = qbank_find(db_bank(ui_db(ui)), question);
	nt->text = xstrdup(q >= 0 ? db_bank(ui_db(ui))->questions[q].text : "");
	editbuf_init(&nt->eb, note);
	db_answer_list_free(a, na);
	db_case_clear(&c);
	ui_push(ui, &ui_note_ops, nt);
}
