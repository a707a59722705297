/*
 * The terminal interface: curses lifecycle, a stack of screens, the main loop,
 * the status line and resizing (ui.c), and the screens themselves, one file each
 * (ui-*.c). A screen is a table of hooks and a table of keys; help is built from
 * the same key table the screen dispatches on, so the two cannot drift. Only ui*
 * files include curses; screens reach storage through db.h only.
 */
#ifndef CASEREAD_UI_H
#define CASEREAD_UI_H

#include <stddef.h>
#include <wchar.h>

#include "db.h"
#include "editbuf.h"

/* Smallest terminal the screens are laid out for. */
#define UI_MIN_COLS	80
#define UI_MIN_ROWS	24

struct ui;

/* Actions a key can have; screens number their own from UI_ACT_SCREEN. */
enum {
	UI_ACT_NONE = 0,	/* not in the table: the screen gets the raw key */
	UI_ACT_HELP,		/* handled by ui.c: help on the top screen */
	UI_ACT_TALLY,		/* handled by ui.c: the live tally */
	UI_ACT_SCREEN
};

struct ui_key {
	int		 key;		/* a character, or a KEY_* code when fkey */
	int		 fkey;		/* 1 for a function key (KEY_UP, ...) */
	int		 action;
	const char	*label;		/* how help names the key: "Up", "j" */
	const char	*help;		/* what it does; NULL: as the entry before */
	const char	*hint;		/* a word for the hint line, or NULL */
};
#define UI_KEY_END	{ 0, 0, UI_ACT_NONE, NULL, NULL, NULL }
/* The keys every list-like screen shares. */
#define UI_KEY_HELP	{ '?', 0, UI_ACT_HELP, "?", "help: the keys of this screen", "help" }
#define UI_KEY_TALLY	{ 't', 0, UI_ACT_TALLY, "t", "the live tally of the whole inspection", "tally" }
/*
 * The tally from every screen, text entry included, where t is text: F5, and
 * Ctrl-T for terminals without F5. After UI_KEY_TALLY they share its help line;
 * UI_KEY_TALLY_TEXT is the pair with a help line of its own. The screen below
 * keeps its state, typed text included, while the tally is on top.
 */
#define UI_KEY_TALLY_MORE \
	{ KEY_F(5), 1, UI_ACT_TALLY, "F5", NULL, NULL }, \
	{ 0x14, 0, UI_ACT_TALLY, "Ctrl-T", NULL, NULL }
#define UI_KEY_TALLY_TEXT \
	{ KEY_F(5), 1, UI_ACT_TALLY, "F5", "the live tally of the whole " \
	    "inspection (what you typed stays here)", "tally" }, \
	{ 0x14, 0, UI_ACT_TALLY, "Ctrl-T", NULL, NULL }
/* Help where ? is text. */
#define UI_KEY_HELP_TEXT \
	{ KEY_F(1), 1, UI_ACT_HELP, "F1", "help: the keys of this screen", "help" }

/*
 * The entry of keys for a key pressed, with Caps Lock allowed for: an upper-
 * case letter A-Z with no entry of its own is its lower-case letter's key, and
 * *ch becomes that letter (Z undoes as z does; E on the reading screen keeps
 * its own meaning). Typing is untouched: where letters are text, the table
 * has no letter keys. NULL when the key has no entry. The main loop finds
 * every key of every screen through this.
 */
const struct ui_key *ui_key_find(const struct ui_key *keys, int fkey,
		     wint_t *ch);
/* A letter a screen reads itself (a choice's first letter): A-Z as a-z. */
wint_t		 ui_key_lower(int fkey, wint_t ch);

struct ui_screen_ops {
	const char	*name;		/* for help: "Case read" */
	/* The keys in force now (a screen may switch tables, e.g. while typing). */
	const struct ui_key *(*keys)(void *data);
	/* Draw rows 1 .. LINES - 3; row 0 is the title, the last two are ui.c's. */
	void		 (*draw)(struct ui *, void *data);
	/* A key: its action from the table, or UI_ACT_NONE with the raw key. */
	void		 (*key)(struct ui *, void *data, int action, int fkey,
			     wint_t ch);
	/* Back on top after the screen above was closed; NULL for nothing. */
	void		 (*resume)(struct ui *, void *data);
	void		 (*free)(void *data);
};

/*
 * Run the terminal interface on path, or on the default inspection file in the
 * user's data directory when path is NULL (creating it, after asking for the
 * service and type). Returns the process exit status. A file that cannot be
 * opened is reported on stderr before curses starts.
 */
int		 ui_main(const char *path);

/* The stack. ui_push takes data; ui_pop frees the top screen's data. */
void		 ui_push(struct ui *, const struct ui_screen_ops *, void *data);
void		 ui_pop(struct ui *);
void		 ui_quit(struct ui *);
struct db	*ui_db(struct ui *);
/* The top screen's data when it is a screen of ops, else NULL. */
void		*ui_top_data(struct ui *, const struct ui_screen_ops *ops);
/* Set the inspection once the setup screen has created it. */
void		 ui_set_db(struct ui *, struct db *);

/* A message on the status line until the next key. */
void		 ui_status(struct ui *, const char *fmt, ...)
		     __attribute__((format(printf, 2, 3)));
/* Show cause (a db layer message) as an error on the status line; frees it. */
void		 ui_error(struct ui *, char *cause);
/*
 * Work a screen has pending (a note's draft not yet written): fn is called
 * after a second with no key, and the loop waits with a timeout only while one
 * is set; NULL clears it. The screen clears it when done or freed.
 */
void		 ui_tick_set(struct ui *, void (*fn)(struct ui *, void *),
		     void *data);
/* Save a per-file setting such as the current position; failures are quiet. */
void		 ui_setting(struct ui *, const char *name, const char *value);
/* The case this window last read or saved ("ui.case" as it set it), or 0. */
long long	 ui_last_case(struct ui *);

/* Drawing (LINES and COLS are the terminal's size). */
/* Title bar on row 0: text on the left. */
void		 ui_title(struct ui *, const char *fmt, ...)
		     __attribute__((format(printf, 2, 3)));
/* s clipped to width columns at (y, x), with attributes; returns columns drawn. */
int		 ui_put(int y, int x, int width, int attr, const char *s);
struct formnode;
/* A case's state for a title: complete or in progress, and withdrawn. */
const char	*ui_case_state(const struct db_case *);
/* Backspace in a form field: the character before the cursor (in a full one, the last). */
void		 ui_form_backspace(struct formnode *);
/*
 * s word-wrapped into width columns from row y, at most maxrows; rows used.
 * Text that needs more rows ends its last one in an ellipsis.
 */
int		 ui_put_wrapped(int y, int x, int width, int maxrows, int attr,
		     const char *s);
/*
 * As ui_put_wrapped, but when s needs more than maxrows the last row says so
 * with more (dimmed, e.g. "... (e reads all)") instead of a cut line.
 */
int		 ui_put_wrapped_more(struct ui *, int y, int x, int width,
		     int maxrows, int attr, const char *s, const char *more);
/*
 * This draw shows the file's live contents (the tally): draw again when another
 * window or program changes the file, not only after a key. Otherwise an idle
 * screen waits for a key and costs nothing.
 */
void		 ui_live(struct ui *);
/* Show the terminal cursor at (y, x) after this draw (hidden otherwise). */
void		 ui_cursor(struct ui *, int y, int x);
/*
 * Put a curses WINDOW (a form's) over this draw, with the terminal cursor where
 * that window's cursor is. It is touched and refreshed after the screen.
 */
void		 ui_overlay(struct ui *, void *win);

enum ui_style {
	UI_NORMAL,
	UI_TITLE,	/* reverse video, with colour when allowed */
	UI_SELECTED,	/* the current row: reverse video */
	UI_HEADING,	/* bold */
	UI_ERROR,	/* bold; always with words saying it is an error */
	UI_DIM		/* secondary text */
};
int		 ui_attr(struct ui *, enum ui_style);

/*
 * One-line text entry (search, reasons): apply an editing key to eb; returns 1
 * when the key was an editing key, 0 when the caller should handle it.
 */
int		 ui_edit_key(struct editbuf *, int fkey, wint_t ch);
/* Draw eb on one line of width columns, scrolled so the cursor shows. */
void		 ui_edit_draw(struct ui *, int y, int x, int width,
		     const struct editbuf *);

/* The screens (ui-*.c). */
void		 ui_overview_open(struct ui *);
/* New case of kind when id is 0, else edit case id. */
void		 ui_casedit_open(struct ui *, enum qb_kind, long long id);
/* Read case id at question (NULL: its first unanswered question). */
void		 ui_read_open(struct ui *, long long id, const char *question);
/* Go to question on the read screen of case id if it is on top, else open one. */
void		 ui_read_jump(struct ui *, long long id, const char *question);
/* The evidence note editor; view: read it only (a complete case, a read-only file). */
void		 ui_note_open(struct ui *, long long id, const char *question,
		     int view);
/* A note's length as the editor and the read screen give it: characters. */
size_t		 ui_note_chars(const char *note);
void		 ui_finish_open(struct ui *, long long id);
/* Go to question on case screen arg: what Enter on the case summary does. */
typedef void	(*ui_summary_jump_fn)(struct ui *, void *arg,
		     const char *question);
/*
 * The summary of case id (every applicable question, its answer, the first
 * line of its note; the finish checks), on question when not NULL. Enter pops
 * it and calls jump with the question chosen.
 */
void		 ui_summary_open(struct ui *, long long id, const char *question,
		     ui_summary_jump_fn jump, void *arg);
void		 ui_history_open(struct ui *, long long id, const char *question);
void		 ui_help_open(struct ui *, const struct ui_screen_ops *,
		     void *data);
void		 ui_tally_open(struct ui *);
/* The ratification screen: V1.2, the victims' rating and the reason. */
void		 ui_ratify_open(struct ui *);
/* Write the report next to the file (ui-report.c); the status line says where. */
void		 ui_report(struct ui *);
/* Ask for the service and type of a new inspection file at path. */
void		 ui_setup_open(struct ui *, const char *path);

#endif
