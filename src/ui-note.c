/*
 * The evidence note editor: multi-line UTF-8 text, wrapped at the screen width,
 * with wide characters and combining marks kept whole (the rules are in
 * editbuf.c). Leaving the editor saves the note through db_answer_save_if; it
 * is shown as saved only when that has returned. The save goes through only
 * over the note the editor was opened on: if another window has saved another
 * one since (or marked the case complete), nothing is written, the typed text
 * stays in the editor, the other note is shown above it, and the inspector
 * chooses: save again over it, or keep the other one. There is no length limit
 * here. The same screen shows a note it must not change (a complete case, a
 * read-only file) whole, for reading only.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db-case.h"
#include "editbuf.h"
#include "notedraft.h"
#include "ui.h"
#include "uktime.h"
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
	NOTE_THEIRS,
	NOTE_CLOSE,
	NOTE_ESC,
	NOTE_DISCARD,
	NOTE_DRAFT_DISCARD,
	NOTE_KEEP
};

/* Rows above the editor that show another window's note after a refusal. */
#define NOTE_PANEL_ROWS	7

/* Every printable key is text here, so the commands are control and F keys. */
#define NOTE_EDIT_KEYS \
	{ KEY_F(1), 1, UI_ACT_HELP, "F1", "help: the keys of this screen", \
	    "help" }, \
	{ '\r', 0, NOTE_NEWLINE, "Enter", "start a new line", NULL }, \
	{ '\n', 0, NOTE_NEWLINE, "Enter", NULL, NULL }, \
	{ KEY_ENTER, 1, NOTE_NEWLINE, "Enter", NULL, NULL }, \
	{ KEY_UP, 1, NOTE_UP, "Up", "line up", NULL }, \
	{ KEY_DOWN, 1, NOTE_DOWN, "Down", "line down", NULL }, \
	{ KEY_HOME, 1, NOTE_HOME, "Home", "start of the line", NULL }, \
	{ KEY_END, 1, NOTE_END, "End", "end of the line", NULL }, \
	{ KEY_PPAGE, 1, NOTE_PGUP, "PgUp", "up a page", NULL }, \
	{ KEY_NPAGE, 1, NOTE_PGDN, "PgDn", "down a page", NULL }, \
	{ KEY_LEFT, 1, UI_ACT_NONE, "Left", "character left", NULL }, \
	{ KEY_RIGHT, 1, UI_ACT_NONE, "Right", "character right", NULL }, \
	{ KEY_BACKSPACE, 1, UI_ACT_NONE, "Backspace", "delete the character " \
	    "before the cursor", NULL }, \
	{ KEY_DC, 1, UI_ACT_NONE, "Delete", "delete the character under the " \
	    "cursor", NULL }, \
	{ 0x15, 0, UI_ACT_NONE, "Ctrl-U", "clear the whole note", NULL }, \
	UI_KEY_TALLY_TEXT

static const struct ui_key ui_note_keys[] = {
	{ KEY_F(2), 1, NOTE_SAVE, "F2", "save the note and close the editor",
	    "save and close" },
	{ 0x18, 0, NOTE_SAVE, "Ctrl-X", NULL, NULL },
	{ 0x1b, 0, NOTE_ESC, "Esc", "close; with changes not saved, asks "
	    "whether to save them", "close" },
	NOTE_EDIT_KEYS,
	UI_KEY_END
};

/* A draft kept from before (a crash, a closed terminal) is in the editor. */
static const struct ui_key ui_note_draft_keys[] = {
	{ KEY_F(2), 1, NOTE_SAVE, "F2", "save the kept draft (as edited) and "
	    "close", "save the draft" },
	{ 0x18, 0, NOTE_SAVE, "Ctrl-X", NULL, NULL },
	{ KEY_F(3), 1, NOTE_DRAFT_DISCARD, "F3", "discard the draft: the "
	    "saved note back in the editor", "discard it" },
	{ 0x1b, 0, NOTE_ESC, "Esc", "close; asks whether to save the draft",
	    NULL },
	NOTE_EDIT_KEYS,
	UI_KEY_END
};

/* Esc with changes not saved: the inspector says what becomes of them. */
static const struct ui_key ui_note_ask_keys[] = {
	{ 's', 0, NOTE_SAVE, "s", "save the note and close", "save" },
	{ KEY_F(2), 1, NOTE_SAVE, "F2", NULL, NULL },
	{ 'd', 0, NOTE_DISCARD, "d", "discard the changes and close",
	    "discard" },
	{ 'k', 0, NOTE_KEEP, "k", "keep editing", "keep editing" },
	{ 0x1b, 0, NOTE_KEEP, "Esc", NULL, NULL },
	{ KEY_F(1), 1, UI_ACT_HELP, "F1", "help: the keys of this screen",
	    NULL },
	UI_KEY_END
};

/* After a save was refused: the same keys save over, and F3 keeps theirs. */
static const struct ui_key ui_note_changed_keys[] = {
	{ KEY_F(2), 1, NOTE_SAVE, "F2", "save your note over the one another "
	    "window saved (shown above), and close", "or Esc: save yours" },
	{ 0x1b, 0, NOTE_SAVE, "Esc", NULL, NULL },
	{ 0x18, 0, NOTE_SAVE, "Ctrl-X", NULL, NULL },
	{ KEY_F(3), 1, NOTE_THEIRS, "F3", "keep the note the other window "
	    "saved and close; what you typed is dropped", "keep theirs" },
	NOTE_EDIT_KEYS,
	UI_KEY_END
};

/* The case was marked complete meanwhile: save into it anyway, or close. */
static const struct ui_key ui_note_completed_keys[] = {
	{ KEY_F(2), 1, NOTE_SAVE, "F2", "save your note into the case another "
	    "window marked complete, and close", "or Esc: save yours" },
	{ 0x1b, 0, NOTE_SAVE, "Esc", NULL, NULL },
	{ 0x18, 0, NOTE_SAVE, "Ctrl-X", NULL, NULL },
	{ KEY_F(3), 1, NOTE_THEIRS, "F3", "close without saving what you "
	    "typed", "close, not saved" },
	NOTE_EDIT_KEYS,
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
	enum qb_kind	 kind;		/* with ref: the case on screen */
	char		*text;		/* the question, for context */
	struct editbuf	 eb;
	size_t		 top;		/* first wrapped line shown */
	int		 view;		/* reading only */
	char		*seen;		/* the stored note a save may replace */
	int		 seen_complete;	/* the status a save is made under */
	int		 changed;	/* another window saved a note since */
	int		 completed;	/* another window completed the case */
	char		*theirs;	/* with changed: the note stored now */
	char		*theirs_by;	/* who saved it */
	char		*theirs_at;	/* and when */
	struct ui	*ui;
	char		*draft_name;	/* the setting the draft is kept in */
	char		*drafted;	/* the text the kept draft holds */
	char		*draft_at;	/* a draft offered back: its time */
	time_t		 draft_last;	/* when the draft was last written */
	long long	 draft_version;	/* the file's data_version when named */
	int		 ticking;	/* a draft write is pending */
	int		 asking;	/* Esc with changes: save, discard? */
};

size_t
ui_note_chars(const char *note)
{
	size_t	n = 0;

	/* Every byte but a UTF-8 continuation byte starts a character. */
	for (; *note != '\0'; note++) {
		if (((unsigned char)*note & 0xc0) != 0x80)
			n++;
	}
	return n;
}

static const struct ui_key *
ui_note_keys_now(void *data)
{
	struct note	*nt = data;

	if (nt->view)
		return ui_note_view_keys;
	if (nt->asking)
		return ui_note_ask_keys;
	if (nt->changed)
		return ui_note_changed_keys;
	if (nt->completed)
		return ui_note_completed_keys;
	return nt->draft_at != NULL ? ui_note_draft_keys : ui_note_keys;
}

/*
 * The draft is kept under the case's reference as it is now. Another window
 * may have renamed the case while this one types: its form moves the drafts
 * to the new reference, and this editor must follow, or it would go on
 * writing under the old one, where reopening the case never looks.
 */
static void
ui_note_draft_follow(struct note *nt, struct db *db)
{
	struct db_case	 c;
	char		*cause = NULL, *name;
	long long	 v = db_data_version(db);

	if (v == -1 || v == nt->draft_version)
		return;
	if (db_case_get(db, nt->id, &c, &cause) != 0) {
		/* Gone (merged away): the save says so; the draft stays. */
		free(cause);
		return;
	}
	nt->draft_version = v;
	name = notedraft_name(nt->id, c.ref, nt->question);
	db_case_clear(&c);
	if (strcmp(name, nt->draft_name) == 0) {
		free(name);
		return;
	}
	/* Written under the new name next; nothing kept under the old. */
	if (db_setting_delete(db, nt->draft_name, &cause) != 0)
		free(cause);
	free(nt->draft_name);
	nt->draft_name = name;
}

/*
 * Keep the typed text as a draft in the file, written lazily (no fsync: it is
 * there after kill -9 or a closed terminal, if not after a power cut), or
 * remove the draft when the text is the saved note again.
 */
static void
ui_note_draft_write(struct note *nt)
{
	struct db	*db = ui_db(nt->ui);
	char		*cause = NULL, *value;
	int		 rc;

	if (db == NULL || db_readonly(db) || nt->view)
		return;
	ui_note_draft_follow(nt, db);
	if (strcmp(nt->eb.text, nt->seen) == 0)
		rc = db_setting_delete(db, nt->draft_name, &cause);
	else {
		value = notedraft_pack(nt->eb.text, time(NULL),
		    (long)getpid());
		rc = db_setting_set(db, nt->draft_name, value, &cause);
		free(value);
	}
	if (rc != 0) {
		/* Tried again after the next key; typing goes on. */
		free(cause);
		return;
	}
	free(nt->drafted);
	nt->drafted = xstrdup(nt->eb.text);
	nt->draft_last = time(NULL);
}

static int
ui_note_draft_dirty(const struct note *nt)
{
	return !nt->view && strcmp(nt->eb.text, nt->drafted) != 0;
}

/* A second without a key while the draft was behind: write it now. */
static void
ui_note_draft_tick(struct ui *ui, void *data)
{
	struct note	*nt = data;

	if (ui_note_draft_dirty(nt))
		ui_note_draft_write(nt);
	if (!ui_note_draft_dirty(nt) || db_readonly(ui_db(ui))) {
		ui_tick_set(ui, NULL, NULL);
		nt->ticking = 0;
	}
}

/*
 * After a key: write the draft at most once a second while typing goes on,
 * and ask for one more look a second after the last key. Nothing runs while
 * the text is as the draft has it.
 */
static void
ui_note_draft_key(struct ui *ui, struct note *nt)
{
	if (!ui_note_draft_dirty(nt))
		return;
	if (notedraft_due(nt->draft_last, time(NULL)))
		ui_note_draft_write(nt);
	if (ui_note_draft_dirty(nt) && !nt->ticking) {
		ui_tick_set(ui, ui_note_draft_tick, nt);
		nt->ticking = 1;
	}
}

/* The note was saved or the draft discarded: no draft is kept. */
static void
ui_note_draft_drop(struct note *nt)
{
	char	*cause = NULL;

	if (nt->ticking) {
		ui_tick_set(nt->ui, NULL, NULL);
		nt->ticking = 0;
	}
	if (ui_db(nt->ui) != NULL && !db_readonly(ui_db(nt->ui))) {
		/* Where another window's rename moved it, if it did. */
		ui_note_draft_follow(nt, ui_db(nt->ui));
		if (db_setting_delete(ui_db(nt->ui), nt->draft_name,
		    &cause) != 0)
			free(cause);
	}
	free(nt->drafted);
	nt->drafted = xstrdup(nt->eb.text);
}

/* The editor wraps one column short so the cursor fits at a line's end. */
static int
ui_note_width(void)
{
	return COLS - 3;
}

/* Rows above the text: the panel showing another window's note, or none. */
static int
ui_note_panel(const struct note *nt)
{
	return nt->changed || nt->completed ? NOTE_PANEL_ROWS : 0;
}

static int
ui_note_rows(const struct note *nt)
{
	return LINES - 8 - ui_note_panel(nt);
}

/*
 * What another window did while this editor was open, and the note it saved,
 * above the typed text, which stays below for the inspector to choose.
 */
static void
ui_note_draw_panel(struct ui *ui, struct note *nt)
{
	char	*s, *by, *at;
	int	 y = 4;

	/* What matters first, in case a long name leaves no room. */
	if (nt->changed) {
		if (*nt->theirs_by != '\0') {
			at = uktime_show(nt->theirs_at);
			by = xasprintf(", by %s on %s", nt->theirs_by, at);
			free(at);
		} else
			by = xstrdup("");
		s = xasprintf("Not saved: another window saved this note while "
		    "you typed%s: %zu characters, here%s. Yours is kept below.",
		    nt->completed ? ", and marked the case complete" : "",
		    ui_note_chars(nt->theirs), by);
		free(by);
	} else
		s = xasprintf("Not saved: case %s was marked complete in "
		    "another window while you typed. Your text is kept below: "
		    "F2 or Esc saves it into the complete case anyway, F3 "
		    "closes without it.", nt->ref);
	y += ui_put_wrapped(y, 1, COLS - 2, nt->changed ? 2 : NOTE_PANEL_ROWS -
	    1, ui_attr(ui, UI_ERROR), s);
	free(s);
	if (nt->changed) {
		if (*nt->theirs == '\0')
			ui_put(y, 3, COLS - 4, ui_attr(ui, UI_DIM),
			    "(empty: the note there was cleared)");
		else
			ui_put_wrapped_more(ui, y, 3, COLS - 4,
			    4 + NOTE_PANEL_ROWS - 1 - y,
			    ui_attr(ui, UI_DIM), nt->theirs,
			    "... (its start only; F3 keeps it whole)");
	}
	mvhline(4 + NOTE_PANEL_ROWS - 1, 0, ACS_HLINE, COLS);
}

static void
ui_note_draw(struct ui *ui, void *data)
{
	struct note		*nt = data;
	struct wtext_line	*l;
	size_t			 nl, i, row;
	int			 col, rows = ui_note_rows(nt);
	int			 w = ui_note_width();
	int			 y0 = 4 + ui_note_panel(nt);
	char			*s;

	ui_title(ui, "Evidence note: case %s, question %s%s", nt->ref,
	    nt->question, nt->view ? " (read only)" : "");
	ui_put_wrapped(1, 1, COLS - 2, 2, ui_attr(ui, UI_DIM), nt->text);
	mvhline(3, 0, ACS_HLINE, COLS);
	if (ui_note_panel(nt) > 0)
		ui_note_draw_panel(ui, nt);

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
		ui_put(y0 + (int)(i - nt->top), 1, w + 1, 0, s);
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
	if (nt->changed)
		s = xasprintf("Yours, not saved: %zu characters. F2/Esc: save "
		    "yours over it. F3: keep theirs.",
		    ui_note_chars(nt->eb.text));
	else if (nt->completed)
		s = xasprintf("Yours, not saved: %zu characters. F2/Esc: save "
		    "it anyway. F3: close.", ui_note_chars(nt->eb.text));
	else if (nt->asking)
		s = xasprintf("%zu characters, not saved. Save? s: save, d: "
		    "discard, k: keep editing",
		    ui_note_chars(nt->eb.text));
	else if (nt->draft_at != NULL)
		s = xasprintf("%zu characters. A draft from %s was kept: F2 "
		    "saves it, F3 discards it.", ui_note_chars(nt->eb.text),
		    nt->draft_at);
	else
		s = xasprintf("%zu characters, line %zu of %zu. %s",
		    ui_note_chars(nt->eb.text), row + 1, nl, nt->eb.changed ?
		    "Not saved yet: F2 saves and closes." : "Unchanged.");
	ui_put(LINES - 3, 0, COLS, nt->eb.changed ? ui_attr(ui, UI_HEADING) :
	    0, s);
	free(s);
	ui_cursor(ui, y0 + (int)(row - nt->top), 1 + col);
}

/*
 * The save was refused: read what the file holds now, which the next save may
 * overwrite, and show it. The typed text is not touched.
 */
static void
ui_note_refused(struct ui *ui, struct note *nt)
{
	struct db_case		 c;
	struct db_answer	*a;
	size_t			 na, i;
	char			*cause = NULL;
	const char		*note = "", *by = "", *at = "";
	int			 note_changed, status_changed;

	if (db_case_get(ui_db(ui), nt->id, &c, &cause) != 0) {
		ui_error(ui, cause != NULL ? cause : xstrdup("the case no "
		    "longer exists: your note is not saved"));
		return;
	}
	if (db_answer_list(ui_db(ui), nt->id, &a, &na, &cause) != 0) {
		db_case_clear(&c);
		ui_error(ui, cause);
		return;
	}
	for (i = 0; i < na; i++) {
		if (strcmp(a[i].question, nt->question) == 0) {
			note = a[i].note;
			by = a[i].inspector;
			at = a[i].updated_at;
		}
	}
	if ((note_changed = strcmp(note, nt->seen) != 0)) {
		nt->changed = 1;
		free(nt->seen);
		nt->seen = xstrdup(note);
		free(nt->theirs);
		nt->theirs = xstrdup(note);
		free(nt->theirs_by);
		nt->theirs_by = xstrdup(by);
		free(nt->theirs_at);
		nt->theirs_at = xstrdup(at);
	}
	status_changed = c.complete != nt->seen_complete;
	nt->completed = c.complete;
	nt->seen_complete = c.complete;
	if (note_changed)
		ui_status(ui, "not saved: the note for %s changed in another "
		    "window; yours is kept", nt->question);
	else if (status_changed)
		ui_status(ui, "not saved: case %s was marked complete in "
		    "another window; yours is kept", c.ref);
	else	/* changed and changed back, before it could be read */
		ui_status(ui, "not saved: the file changed as it was saved; "
		    "press F2 again");
	db_answer_list_free(a, na);
	db_case_clear(&c);
}

static void
ui_note_save(struct ui *ui, struct note *nt)
{
	struct db_answer_seen	 seen;
	char			*cause = NULL, *question;
	int			 rc, changed = nt->changed;
	int			 completed = nt->completed;
	int			 over = changed || completed;

	if (!nt->eb.changed) {
		ui_note_draft_drop(nt);
		ui_pop(ui);
		return;
	}
	/* The editor shows no value: one saved meanwhile is kept, not lost. */
	seen.value = ANSWER_KEEP;
	seen.note = nt->seen;
	seen.complete = nt->seen_complete;
	seen.kind = nt->kind;
	seen.ref = nt->ref;
	rc = db_answer_save_if(ui_db(ui), nt->id, nt->question, &seen,
	    ANSWER_KEEP, nt->eb.text, &cause);
	if (err_code_of(rc) == ERR_CHANGED) {
		free(cause);	/* the refusal shows what changed instead */
		ui_note_refused(ui, nt);
		return;
	}
	if (rc < 0) {
		/* Stay, with the text, so nothing typed is lost. */
		ui_error(ui, cause);
		return;
	}
	ui_note_draft_drop(nt);
	question = xstrdup(nt->question);
	ui_pop(ui);
	ui_status(ui, "saved %s evidence note for %s%s", over ? "your" : "the",
	    question, changed ? " over the other window's" : completed ?
	    " into the complete case" : "");
	free(question);
}

/* F3 after a refusal: the other window's note stands; the typed text goes. */
static void
ui_note_keep_theirs(struct ui *ui, struct note *nt)
{
	char	*question;

	if (!nt->changed && !nt->completed) {
		ui_status(ui, "F3 keeps a note saved in another window while "
		    "you typed: there is none");
		return;
	}
	ui_note_draft_drop(nt);
	question = xstrdup(nt->question);
	ui_pop(ui);
	ui_status(ui, "kept the evidence note saved in the other window for "
	    "%s; yours was not saved", question);
	free(question);
}

/* Close without saving: the typed text and any kept draft go. */
static void
ui_note_discard(struct ui *ui, struct note *nt)
{
	char	*question;
	int	 had = nt->eb.changed;

	editbuf_clear(&nt->eb);
	editbuf_init(&nt->eb, nt->seen);
	ui_note_draft_drop(nt);
	question = xstrdup(nt->question);
	ui_pop(ui);
	if (had)
		ui_status(ui, "discarded the changes to the evidence note for "
		    "%s", question);
	free(question);
}

/*
 * F3 on a draft offered back: the draft goes and the saved note is in the
 * editor again, to read or edit; closing is Esc's to do.
 */
static void
ui_note_draft_discard(struct ui *ui, struct note *nt)
{
	editbuf_clear(&nt->eb);
	editbuf_init(&nt->eb, nt->seen);
	nt->top = 0;
	free(nt->draft_at);
	nt->draft_at = NULL;
	ui_note_draft_drop(nt);
	ui_status(ui, "discarded the draft: the saved evidence note for %s is "
	    "in the editor", nt->question);
}

/* Reading only, the movement keys scroll; 1 when action was one of them. */
static int
ui_note_scroll(struct note *nt, int action)
{
	struct wtext_line	*l;
	size_t			 nl, rows = (size_t)ui_note_rows(nt), last;

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
	if (nt->asking && action != UI_ACT_HELP) {
		nt->asking = 0;
		if (action == NOTE_SAVE)
			ui_note_save(ui, nt);
		else if (action == NOTE_DISCARD)
			ui_note_discard(ui, nt);
		else if (action != NOTE_KEEP)
			nt->asking = 1;
		return;
	}
	switch (action) {
	case NOTE_SAVE:
		ui_note_save(ui, nt);
		return;
	case NOTE_ESC:
		if (nt->eb.changed)
			nt->asking = 1;
		else
			ui_note_discard(ui, nt);
		return;
	case NOTE_DISCARD:
		ui_note_discard(ui, nt);
		return;
	case NOTE_DRAFT_DISCARD:
		ui_note_draft_discard(ui, nt);
		return;
	case NOTE_THEIRS:
		ui_note_keep_theirs(ui, nt);
		return;
	case NOTE_CLOSE:
		ui_pop(ui);
		return;
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
		for (i = 0; i < ui_note_rows(nt) - 1; i++)
			editbuf_up(&nt->eb, w);
		break;
	case NOTE_PGDN:
		for (i = 0; i < ui_note_rows(nt) - 1; i++)
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
	ui_note_draft_key(ui, nt);
}

static void
ui_note_free(void *data)
{
	struct note	*nt = data;

	/* Leaving on a signal or a quit: what is typed is kept as a draft. */
	if (ui_note_draft_dirty(nt))
		ui_note_draft_write(nt);
	if (nt->ticking)
		ui_tick_set(nt->ui, NULL, NULL);
	free(nt->draft_name);
	free(nt->drafted);
	free(nt->draft_at);
	free(nt->question);
	free(nt->ref);
	free(nt->text);
	free(nt->seen);
	free(nt->theirs);
	free(nt->theirs_by);
	free(nt->theirs_at);
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

/* A draft kept from a session that ended unsaved goes back in the editor. */
static void
ui_note_draft_offer(struct ui *ui, struct note *nt)
{
	char	*value, *cause = NULL, *at, *text;

	if (db_setting_get(ui_db(ui), nt->draft_name, &value, &cause) != 0) {
		free(cause);
		return;
	}
	if (!notedraft_left(value)) {
		free(value);
		return;
	}
	if (notedraft_unpack(value, &at, &text) == 0) {
		if (strcmp(text, nt->seen) != 0) {
			editbuf_clear(&nt->eb);
			editbuf_init(&nt->eb, text);
			nt->eb.changed = 1;
			free(nt->drafted);
			nt->drafted = xstrdup(text);
			nt->draft_at = at;
			at = NULL;
		}
		free(at);
		free(text);
	}
	free(value);
}

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
	/* The screen below may not know that another window completed it. */
	nt->view = view || c.complete;
	nt->seen = xstrdup(note != NULL ? note : "");
	nt->seen_complete = c.complete;
	nt->question = xstrdup(question);
	nt->ref = xstrdup(c.ref);
	nt->kind = c.kind;
	q = qbank_find(db_bank(ui_db(ui)), question);
	nt->text = xstrdup(q >= 0 ? db_bank(ui_db(ui))->questions[q].text : "");
	editbuf_init(&nt->eb, note);
	nt->ui = ui;
	nt->draft_version = db_data_version(ui_db(ui));
	nt->draft_name = notedraft_name(id, c.ref, question);
	nt->drafted = xstrdup(nt->eb.text);
	if (!nt->view)
		ui_note_draft_offer(ui, nt);
	db_answer_list_free(a, na);
	db_case_clear(&c);
	ui_push(ui, &ui_note_ops, nt);
}
