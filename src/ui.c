/*
 * The terminal interface's lifecycle and main loop: curses set up and always
 * restored (normal exit, out of memory, SIGTERM/SIGHUP/SIGINT), the screen
 * stack, key dispatch through each screen's key table, the hint and status
 * lines, and the "please enlarge" message below 80x24. Screens live in ui-*.c.
 * Nothing is saved here: every answer is saved by the screen that takes it.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <form.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "db-backup.h"
#include "ui.h"
#include "textgate.h"
#include "util.h"
#include "wtext.h"

struct ui_frame {
	const struct ui_screen_ops	*ops;
	void				*data;
};

struct ui {
	struct db		*db;
	struct ui_frame		*stack;
	size_t			 depth;
	size_t			 size;
	char			*status;	/* message until the next key */
	int			 status_error;
	int			 quit;
	int			 colour;	/* colours allowed and available */
	int			 cursor_y;	/* -1: cursor hidden */
	int			 cursor_x;
	WINDOW			*overlay;	/* a form's window, or NULL */
	long long		 data_version;	/* the file's, when last drawn */
	long long		 last_case;	/* "ui.case" as this window last set it */
	int			 live;		/* the last draw showed live contents */
	void			(*tick)(struct ui *, void *);
	void			*tick_data;	/* a screen's pending work, or none */
};

/*
 * Idle, caseread waits for a key and nothing else: the screen is drawn again
 * only after one. A screen showing the file's live contents (the tally) says
 * so with ui_live; under it the main loop also asks, this often, whether
 * another window or program changed the file (PRAGMA data_version, which reads
 * no page), and draws again only then. The tally used to re-read the whole
 * file twice a second on a timer: 9% of a core with 50,000 cases.
 */
#define UI_POLL_MS	1000

enum {
	PAIR_TITLE = 1,
	PAIR_ERROR,
	PAIR_DIM
};

static void	ui_define_keys(void);

/* Set by the signal handler, read by the main loop. */
static volatile sig_atomic_t	 ui_signalled;
/* The curses screen while it is active, for the fatal hook. */
static SCREEN			*ui_screen;

/* Restore the terminal: the one way out while curses is active. */
static void
ui_restore(void)
{
	if (ui_screen != NULL && !isendwin())
		endwin();
}

static void
ui_on_signal(int sig)
{
	ui_signalled = sig;
}

static void
ui_catch_signals(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal wakes the main loop's read at once. */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}

static int
ui_start(struct ui *ui)
{
	const char	*nc;

	/* A terminal with nothing to describe it: say so, do not half-start. */
	if ((ui_screen = newterm(NULL, stdout, stdin)) == NULL) {
		fprintf(stderr, "caseread: cannot use the terminal (TERM=%s)\n",
		    getenv("TERM") != NULL ? getenv("TERM") : "");
		return -1;
	}
	util_set_fatal_hook(ui_restore);
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	ui_define_keys();
	nc = getenv("NO_COLOR");
	if (has_colors() && (nc == NULL || *nc == '\0')) {
		start_color();
		use_default_colors();
		init_pair(PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
		init_pair(PAIR_ERROR, COLOR_RED, -1);
		init_pair(PAIR_DIM, COLOR_CYAN, -1);
		ui->colour = 1;
	}
	ui_catch_signals();
	return 0;
}

static void
ui_end(void)
{
	if (ui_screen == NULL)
		return;
	ui_restore();
	delscreen(ui_screen);
	ui_screen = NULL;
	util_set_fatal_hook(NULL);
}

void
ui_push(struct ui *ui, const struct ui_screen_ops *ops, void *data)
{
	if (ui->depth == ui->size) {
		ui->size = ui->size == 0 ? 8 : ui->size * 2;
		ui->stack = xreallocarray(ui->stack, ui->size,
		    sizeof *ui->stack);
	}
	ui->stack[ui->depth].ops = ops;
	ui->stack[ui->depth].data = data;
	ui->depth++;
}

void
ui_pop(struct ui *ui)
{
	struct ui_frame	*f;

	if (ui->depth == 0)
		return;
	f = &ui->stack[--ui->depth];
	if (f->ops->free != NULL)
		f->ops->free(f->data);
	/* With none left the main loop ends, unless the caller pushes one. */
	if (ui->depth > 0) {
		f = &ui->stack[ui->depth - 1];
		if (f->ops->resume != NULL)
			f->ops->resume(ui, f->data);
	}
}

void
ui_quit(struct ui *ui)
{
	ui->quit = 1;
}

void *
ui_top_data(struct ui *ui, const struct ui_screen_ops *ops)
{
	if (ui->depth == 0 || ui->stack[ui->depth - 1].ops != ops)
		return NULL;
	return ui->stack[ui->depth - 1].data;
}

struct db *
ui_db(struct ui *ui)
{
	return ui->db;
}

void
ui_set_db(struct ui *ui, struct db *db)
{
	ui->db = db;
}

void
ui_status(struct ui *ui, const char *fmt, ...)
{
	va_list	ap;

	free(ui->status);
	va_start(ap, fmt);
	ui->status = xvasprintf(fmt, ap);
	va_end(ap);
	ui->status_error = 0;
}

void
ui_error(struct ui *ui, char *cause)
{
	free(ui->status);
	ui->status = xasprintf("error: %s", cause != NULL ? cause :
	    "unknown error");
	ui->status_error = 1;
	free(cause);
}

void
ui_tick_set(struct ui *ui, void (*fn)(struct ui *, void *), void *data)
{
	ui->tick = fn;
	ui->tick_data = data;
}

long long
ui_last_case(struct ui *ui)
{
	return ui->last_case;
}

void
ui_setting(struct ui *ui, const char *name, const char *value)
{
	char	*cause = NULL;

	/* The file's is every window's; the overview follows this one's. */
	if (strcmp(name, "ui.case") == 0)
		ui->last_case = strtoll(value, NULL, 10);

	/*
	 * The position is a convenience: a locked or read-only file must not
	 * stop the inspector moving about, so a failure is not reported.
	 */
	if (ui->db != NULL && !db_readonly(ui->db) &&
	    db_setting_set(ui->db, name, value, &cause) != 0)
		free(cause);
}

int
ui_attr(struct ui *ui, enum ui_style style)
{
	switch (style) {
	case UI_TITLE:
		return A_REVERSE | (ui->colour ? COLOR_PAIR(PAIR_TITLE) : 0);
	case UI_SELECTED:
		return A_REVERSE;
	case UI_HEADING:
		return A_BOLD;
	case UI_ERROR:
		return A_BOLD | (ui->colour ? COLOR_PAIR(PAIR_ERROR) : 0);
	case UI_DIM:
		return ui->colour ? COLOR_PAIR(PAIR_DIM) : A_NORMAL;
	default:
		return A_NORMAL;
	}
}

int
ui_put(int y, int x, int width, int attr, const char *s)
{
	size_t	n, len, i;
	char	*copy, *raw, *shown;
	int	w;

	if (width <= 0 || y < 0 || y >= LINES)
		return 0;
	/*
	 * Never send a control character to the terminal: a note's tabs and
	 * newlines become spaces (keeping the editor's columns); any other
	 * control, bidirectional control or bad byte is shown as the reports
	 * show it (textgate_show: "\x1b", "\u202e", U+FFFD).
	 */
	len = strlen(s);
	raw = xstrndup(s, len);
	for (i = 0; i < len; i++) {
		if (raw[i] == '\t' || raw[i] == '\n')
			raw[i] = ' ';
	}
	shown = textgate_show(raw, len, 0);
	free(raw);
	/* Text cut short says so (wtext_cut), wherever it is put. */
	copy = wtext_cut(shown, strlen(shown), width);
	free(shown);
	n = strlen(copy);
	w = wtext_width(copy, n);
	attron(attr);
	mvaddnstr(y, x, copy, (int)n);
	attroff(attr);
	free(copy);
	return w;
}

const char *
ui_case_state(const struct db_case *c)
{
	if (c->withdrawn != NULL)
		return c->complete ? "COMPLETE, WITHDRAWN from the sample" :
		    "in progress, WITHDRAWN from the sample";
	return c->complete ? "COMPLETE" : "in progress";
}

/*
 * Backspace in a one-line form field. In a full static field the cursor can
 * only sit on the last character (the field has no column after it), and the
 * form library's REQ_DEL_PREV there deletes the character before the one just
 * typed; there the character under the cursor is the one to delete.
 */
void
ui_form_backspace(FORM *form)
{
	FIELD	*f = current_field(form);
	int	 rows, cols, frow, fcol, nrow, nbuf;
	cchar_t	 cc;
	wchar_t	 wc[CCHARW_MAX + 1];
	attr_t	 a;
	short	 pair;

	if (f != NULL && form->w != NULL && (field_opts(f) & O_STATIC) &&
	    field_info(f, &rows, &cols, &frow, &fcol, &nrow, &nbuf) == E_OK &&
	    rows == 1 && form->curcol == cols - 1 &&
	    mvwin_wch(form->w, form->currow, form->curcol, &cc) != ERR &&
	    getcchar(&cc, wc, &a, &pair, NULL) != ERR && wc[0] != L' ' &&
	    wc[0] != L'\0')
		form_driver(form, REQ_DEL_CHAR);
	else
		form_driver(form, REQ_DEL_PREV);
}

int
ui_put_wrapped(int y, int x, int width, int maxrows, int attr, const char *s)
{
	struct wtext_line	*l;
	size_t			 nl, i;
	char			*line;

	if (maxrows <= 0)
		return 0;
	nl = wtext_wrap(s, strlen(s), width, &l);
	for (i = 0; i < nl && (int)i < maxrows; i++) {
		/* Cut text says so: the last row takes the rest, and ui_put
		 * ends it in an ellipsis. */
		if ((int)i == maxrows - 1 && i + 1 < nl)
			line = xstrdup(s + l[i].start);
		else
			line = xstrndup(s + l[i].start, l[i].len);
		ui_put(y + (int)i, x, width, attr, line);
		free(line);
	}
	free(l);
	return (int)i;
}

int
ui_put_wrapped_more(struct ui *ui, int y, int x, int width, int maxrows,
    int attr, const char *s, const char *more)
{
	struct wtext_line	*l;
	size_t			 nl, i, shown;
	char			*line;

	if (maxrows <= 0)
		return 0;
	nl = wtext_wrap(s, strlen(s), width, &l);
	/* One row holds what fits of the text, not only the hint. */
	if (maxrows == 1 && nl > 1) {
		free(l);
		ui_put(y, x, width, attr, s);
		return 1;
	}
	/* Cut text must say it is cut: the last row gives way to more. */
	shown = nl <= (size_t)maxrows ? nl : (size_t)maxrows - 1;
	for (i = 0; i < shown; i++) {
		line = xstrndup(s + l[i].start, l[i].len);
		ui_put(y + (int)i, x, width, attr, line);
		free(line);
	}
	free(l);
	if (shown < nl) {
		ui_put(y + (int)shown, x, width, ui_attr(ui, UI_DIM), more);
		shown++;
	}
	return (int)shown;
}

void
ui_title(struct ui *ui, const char *fmt, ...)
{
	va_list	ap;
	char	*s;
	int	attr = ui_attr(ui, UI_TITLE);

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	attron(attr);
	mvhline(0, 0, ' ', COLS);
	attroff(attr);
	ui_put(0, 1, COLS - 2, attr, s);
	free(s);
}

void
ui_live(struct ui *ui)
{
	ui->live = 1;
}

void
ui_overlay(struct ui *ui, void *win)
{
	ui->overlay = win;
}

void
ui_cursor(struct ui *ui, int y, int x)
{
	ui->cursor_y = y;
	ui->cursor_x = x;
}

int
ui_edit_key(struct editbuf *eb, int fkey, wint_t ch)
{
	if (fkey) {
		switch (ch) {
		case KEY_LEFT:
			editbuf_left(eb);
			return 1;
		case KEY_RIGHT:
			editbuf_right(eb);
			return 1;
		case KEY_HOME:
			eb->cursor = 0;
			return 1;
		case KEY_END:
			eb->cursor = eb->len;
			return 1;
		case KEY_BACKSPACE:
			editbuf_backspace(eb);
			return 1;
		case KEY_DC:
			editbuf_delete(eb);
			return 1;
		}
		return 0;
	}
	switch (ch) {
	case 0x7f:
	case 0x08:
		editbuf_backspace(eb);
		return 1;
	case 0x01:			/* ^A, ^E: as in a shell */
		eb->cursor = 0;
		return 1;
	case 0x05:
		eb->cursor = eb->len;
		return 1;
	case 0x15:			/* ^U: clear */
		eb->len = eb->cursor = 0;
		eb->text[0] = '\0';
		eb->changed = 1;
		return 1;
	}
	if (ch >= 0x20 && ch != 0x7f) {
		editbuf_insert(eb, (uint32_t)ch);
		return 1;
	}
	return 0;
}

void
ui_edit_draw(struct ui *ui, int y, int x, int width,
    const struct editbuf *eb)
{
	size_t	start = 0;
	int	before;

	/* Scroll so the cursor fits, keeping a column for it at the end. */
	before = wtext_width(eb->text, eb->cursor);
	while (before > width - 1 && start < eb->cursor) {
		start = wtext_next(eb->text, eb->len, start);
		before = wtext_width(eb->text + start, eb->cursor - start);
	}
	mvhline(y, x, ' ', width);
	ui_put(y, x, width, A_UNDERLINE, eb->text + start);
	ui_cursor(ui, y, x + before);
}

/* The hint line: the table's short words, "y yes  n no  ? help". */
static void
ui_draw_hints(struct ui *ui, const struct ui_key *keys)
{
	const struct ui_key	*k;
	char			*s = xstrdup(""), *t;

	for (k = keys; k != NULL && k->label != NULL; k++) {
		if (k->hint == NULL)
			continue;
		t = xasprintf("%s%s%s %s", s, *s != '\0' ? "  " : "", k->label,
		    k->hint);
		free(s);
		s = t;
	}
	ui_put(LINES - 2, 0, COLS, ui_attr(ui, UI_DIM), s);
	free(s);
}

static void
ui_draw_small(void)
{
	char	*s;

	erase();
	s = xasprintf("caseread needs a terminal of at least %dx%d; this one "
	    "is %dx%d. Please make it larger: caseread carries on when it "
	    "is.", UI_MIN_COLS, UI_MIN_ROWS, COLS, LINES);
	ui_put_wrapped(0, 0, COLS, LINES, 0, s);
	free(s);
	curs_set(0);
	refresh();
}

/*
 * The status line: one row, or, when the message is wider, two (over the hint
 * line), the second ending in an ellipsis if even that cuts it: a message is never cut
 * without saying so.
 */
static void
ui_draw_status(struct ui *ui)
{
	struct wtext_line	*l;
	size_t			 nl, len = strlen(ui->status);
	int			 attr = ui->status_error ? ui_attr(ui, UI_ERROR) : 0;
	char			*line;

	if ((int)wtext_width(ui->status, len) <= COLS) {
		ui_put(LINES - 1, 0, COLS, attr, ui->status);
		return;
	}
	nl = wtext_wrap(ui->status, len, COLS, &l);
	move(LINES - 2, 0);
	clrtoeol();
	line = xstrndup(ui->status + l[0].start, l[0].len);
	ui_put(LINES - 2, 0, COLS, attr, line);
	free(line);
	if (nl > 1)	/* the rest, cut with an ellipsis by ui_put */
		ui_put(LINES - 1, 0, COLS, attr, ui->status + l[1].start);
	free(l);
}

static void
ui_draw(struct ui *ui)
{
	struct ui_frame	*f = &ui->stack[ui->depth - 1];

	if (COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS) {
		ui_draw_small();
		return;
	}
	erase();
	ui->cursor_y = -1;
	ui->overlay = NULL;
	ui->live = 0;
	f->ops->draw(ui, f->data);
	ui_draw_hints(ui, f->ops->keys(f->data));
	if (ui->status != NULL)
		ui_draw_status(ui);
	if (ui->overlay != NULL) {
		/* The cursor ends where the last window refreshed has it. */
		curs_set(1);
		wnoutrefresh(stdscr);
		touchwin(ui->overlay);
		wnoutrefresh(ui->overlay);
		doupdate();
		return;
	}
	if (ui->cursor_y >= 0) {
		curs_set(1);
		move(ui->cursor_y, ui->cursor_x);
	} else {
		curs_set(0);
		move(LINES - 1, COLS - 1);
	}
	refresh();
}

static const struct ui_key *
ui_lookup(const struct ui_key *keys, int fkey, wint_t ch)
{
	const struct ui_key	*k;

	for (k = keys; k != NULL && k->label != NULL; k++) {
		if (k->fkey == fkey && (wint_t)k->key == ch)
			return k;
	}
	return NULL;
}

wint_t
ui_key_lower(int fkey, wint_t ch)
{
	return !fkey && ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

const struct ui_key *
ui_key_find(const struct ui_key *keys, int fkey, wint_t *ch)
{
	const struct ui_key	*k;
	wint_t			 lower = ui_key_lower(fkey, *ch);

	if ((k = ui_lookup(keys, fkey, *ch)) != NULL || lower == *ch)
		return k;
	if ((k = ui_lookup(keys, fkey, lower)) != NULL)
		*ch = lower;
	return k;
}

static void
ui_dispatch(struct ui *ui, int fkey, wint_t ch)
{
	struct ui_frame		*f = &ui->stack[ui->depth - 1];
	const struct ui_key	*k, *keys;
	int			 action, text;

	keys = f->ops->keys(f->data);
	k = ui_key_find(keys, fkey, &ch);
	action = k != NULL ? k->action : UI_ACT_NONE;
	/* F1 is help on every screen, whether its table says so or not. */
	if (k == NULL && fkey && ch == KEY_F(1))
		action = UI_ACT_HELP;
	if (action == UI_ACT_HELP)
		ui_help_open(ui, f->ops, f->data);
	else if (action == UI_ACT_TALLY && ui->db == NULL)
		ui_status(ui, "there is no inspection yet, so nothing to tally: "
		    "create it first");
	else if (action == UI_ACT_TALLY)
		ui_tally_open(ui);
	else {
		text = k == NULL && ui_lookup(keys, 0, '?') == NULL;
		f->ops->key(ui, f->data, action, fkey, ch);
		/*
		 * A key that is not text here (? is a key, not a character) and
		 * that the screen did nothing with says so, rather than nothing.
		 */
		if (k == NULL && !text && ui->status == NULL &&
		    ui->depth > 0 && &ui->stack[ui->depth - 1] == f) {
			if (!fkey && ch > 0x20 && ch < 0x7f)
				ui_status(ui, "'%c' does nothing here: ? lists "
				    "the keys", (int)ch);
			else
				ui_status(ui, "that key does nothing here: ? "
				    "lists the keys");
		}
	}
}

/* The next key of an escape sequence, if it comes within the delay. */
static int
ui_escape_next(wint_t *ch)
{
	int	rc;

	/* The main loop sets its own wait again before its next read. */
	timeout(ESCDELAY);
	rc = get_wch(ch);
	return rc;
}

/*
 * The common VT220 and xterm sequences, for terminal types that do not
 * describe them (TERM=vt100 has no Home, End, PgUp or PgDn, yet tmux and
 * xterm send "\E[1~" and the like): curses decodes them as keys once told.
 */
static const struct {
	const char	*seq;
	int		 key;
} ui_vt_keys[] = {
	{ "\033[1~", KEY_HOME }, { "\033[7~", KEY_HOME },
	{ "\033[4~", KEY_END }, { "\033[8~", KEY_END },
	{ "\033[2~", KEY_IC }, { "\033[3~", KEY_DC },
	{ "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
	{ "\033[A", KEY_UP }, { "\033[B", KEY_DOWN },
	{ "\033[C", KEY_RIGHT }, { "\033[D", KEY_LEFT },
	{ "\033[H", KEY_HOME }, { "\033[F", KEY_END }, { "\033[Z", KEY_BTAB },
	{ "\033OA", KEY_UP }, { "\033OB", KEY_DOWN },
	{ "\033OC", KEY_RIGHT }, { "\033OD", KEY_LEFT },
	{ "\033OH", KEY_HOME }, { "\033OF", KEY_END },
	{ "\033OP", KEY_F(1) }, { "\033OQ", KEY_F(2) },
	{ "\033OR", KEY_F(3) }, { "\033OS", KEY_F(4) },
	{ "\033[11~", KEY_F(1) }, { "\033[12~", KEY_F(2) },
	{ "\033[13~", KEY_F(3) }, { "\033[14~", KEY_F(4) },
	{ "\033[15~", KEY_F(5) }, { "\033[17~", KEY_F(6) },
	{ "\033[18~", KEY_F(7) }, { "\033[19~", KEY_F(8) },
	{ "\033[20~", KEY_F(9) }, { "\033[21~", KEY_F(10) },
	{ "\033[23~", KEY_F(11) }, { "\033[24~", KEY_F(12) },
	/* The Linux console's F1 to F5. */
	{ "\033[[A", KEY_F(1) }, { "\033[[B", KEY_F(2) },
	{ "\033[[C", KEY_F(3) }, { "\033[[D", KEY_F(4) },
	{ "\033[[E", KEY_F(5) }
};

/* Teach curses the sequences its terminal description leaves out. */
static void
ui_define_keys(void)
{
	size_t	i;

	for (i = 0; i < sizeof ui_vt_keys / sizeof ui_vt_keys[0]; i++) {
		/* Only where nothing is bound, nor a prefix of it. */
		if (key_defined(ui_vt_keys[i].seq) == 0)
			define_key(ui_vt_keys[i].seq, ui_vt_keys[i].key);
	}
}

/*
 * Curses has returned a lone ESC. If nothing follows within the delay it is
 * the Escape key. If something does, curses did not know it as a key (the
 * sequences it can know are taught in ui_define_keys): Alt held with a key
 * ("\Ey"), or a sequence with a modifier caseread does not use ("\E[1;5A").
 * Never Escape followed by keys of their own, or Alt-y would close the note
 * editor and answer yes: the whole sequence is swallowed. Returns 0 for
 * Escape, -1 for a sequence swallowed.
 */
static int
ui_escape(void)
{
	wint_t	c;
	int	rc, i;

	if ((rc = ui_escape_next(&c)) == ERR)
		return 0;
	if (rc == KEY_CODE_YES)
		return -1;		/* Alt with a key curses knew */
	if (c == 'O') {
		(void)ui_escape_next(&c);	/* SS3 and its letter */
		return -1;
	}
	if (c != '[')
		return -1;		/* Alt with that key */
	/* Parameters and intermediates, then a final byte. */
	for (i = 0; i < 32; i++) {
		if (ui_escape_next(&c) != OK)
			return -1;
		if (c < 0x20 || c > 0x3f)
			break;
	}
	/* "\E[[A": the Linux console's F keys, one byte more. */
	if (i == 0 && c == '[')
		(void)ui_escape_next(&c);
	return -1;
}

/* The inspector's name, which another window's i may have changed. */
static void
ui_owner_refresh(struct ui *ui)
{
	char	*cause = NULL;

	if (db_owner_refresh(ui->db, &cause) != 0)
		ui_error(ui, cause);
}

/* Has anyone else committed to the file since the last look? */
static int
ui_file_changed(struct ui *ui)
{
	long long	v;

	if (ui->db == NULL || (v = db_data_version(ui->db)) == ui->data_version)
		return 0;
	ui->data_version = v;
	return 1;
}

static void
ui_loop(struct ui *ui)
{
	wint_t	ch;
	int	rc, fkey, dirty = 1;

	while (!ui->quit && ui->depth > 0 && !ui_signalled) {
		if (dirty) {
			/* Before the draw: a change after it is seen next time. */
			if (ui_file_changed(ui))
				ui_owner_refresh(ui);
			ui_draw(ui);
			dirty = 0;
		}
		timeout(ui->live || ui->tick != NULL ? UI_POLL_MS : -1);
		rc = get_wch(&ch);
		if (rc == ERR) {
			/* Timeout or signal: redraw only if the file changed. */
			if ((dirty = ui->live && ui_file_changed(ui)))
				ui_owner_refresh(ui);
			if (ui->tick != NULL && !ui_signalled) {
				ui->tick(ui, ui->tick_data);
				dirty = 1;
			}
			continue;
		}
		dirty = 1;
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE)
			continue;	/* curses knows the new size */
		fkey = rc == KEY_CODE_YES;
		if (!fkey && ch == 0x1b && ui_escape() < 0) {
			free(ui->status);
			ui->status = xstrdup("ignored a key caseread does not "
			    "know (Alt held, or one the terminal type lacks)");
			ui->status_error = 0;
			continue;
		}
		/* Signalled while waiting: leave without acting on Escape. */
		if (ui_signalled)
			break;
		if (COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS)
			continue;	/* nothing to act on until it grows */
		free(ui->status);
		ui->status = NULL;
		ui_dispatch(ui, fkey, ch);
	}
}

/* mkdir -p with mode 0700 for what it creates. */
static int
ui_mkdirs(char *path, char **cause)
{
	char	*p = path;

	for (;;) {
		if ((p = strchr(p + 1, '/')) != NULL)
			*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			util_fail(cause, "cannot create '%s': %s", path,
			    strerror(errno));
			if (p != NULL)
				*p = '/';
			return -1;
		}
		if (p == NULL)
			return 0;
		*p = '/';
	}
}

/* $XDG_DATA_HOME/caseread/inspection.caseread, else under ~/.local/share. */
static char *
ui_default_path(char **cause)
{
	const char	*xdg = getenv("XDG_DATA_HOME"), *home;
	struct passwd	*pw;
	char		*dir, *path;

	if (xdg != NULL && xdg[0] == '/')
		dir = xasprintf("%s/caseread", xdg);
	else {
		home = getenv("HOME");
		if ((home == NULL || *home != '/') &&
		    (pw = getpwuid(getuid())) != NULL)
			home = pw->pw_dir;
		if (home == NULL || *home != '/') {
			util_fail(cause, "cannot find a data directory: set "
			    "HOME or XDG_DATA_HOME, or name a file");
			return NULL;
		}
		dir = xasprintf("%s/.local/share/caseread", home);
	}
	if (ui_mkdirs(dir, cause) != 0) {
		free(dir);
		return NULL;
	}
	path = xasprintf("%s/inspection.caseread", dir);
	free(dir);
	return path;
}

/* Whether the open file is past the size where start-up skips whole-file work. */
static int
ui_file_large(struct db *db)
{
	struct stat	sb;

	return stat(db_path(db), &sb) == 0 && sb.st_size > DB_QUICK_CHECK_MAX;
}

int
ui_main(const char *path)
{
	struct ui	 ui;
	enum err_code	 code;
	struct stat	 sb;
	char		*cause = NULL, *dflt = NULL, *backup_why = NULL;
	int		 sig;

	memset(&ui, 0, sizeof ui);
	if (path == NULL) {
		if ((dflt = ui_default_path(&cause)) == NULL) {
			fprintf(stderr, "caseread: %s\n", cause);
			free(cause);
			return 1;
		}
		path = dflt;
	}
	/* Refuse a bad file before curses takes the screen, so the reason shows. */
	if ((dflt == NULL || stat(path, &sb) == 0) &&
	    (ui.db = db_open_code(path, 0, &code, &cause)) == NULL) {
		cause = cmd_advise(cause, code);
		fprintf(stderr, "caseread: %s\n", cause);
		free(cause);
		free(dflt);
		return 1;
	}
	/* A verified snapshot at each start (db-backup.c); failing only warns. */
	/*
	 * Nothing can be written beside a read-only file: no backup to make. A
	 * file past DB_QUICK_CHECK_MAX is a roll-up, not one inspector's
	 * fieldwork: copying all of it would hold up every start, so its backups
	 * are taken with caseread backup.
	 */
	if (ui.db != NULL && !db_readonly(ui.db) && !ui_file_large(ui.db) &&
	    db_backup(ui.db, DB_BACKUP_KEEP, NULL, &backup_why) == 0)
		backup_why = NULL;
	if (ui_start(&ui) != 0) {
		free(backup_why);
		db_close(ui.db);
		free(dflt);
		return 1;
	}
	if (ui.db == NULL)
		ui_setup_open(&ui, path);
	else
		ui_overview_open(&ui);
	if (backup_why != NULL)
		ui_error(&ui, backup_why);
	else if (ui.db != NULL && db_readonly(ui.db))
		ui_status(&ui, "read-only (%s): you can read, nothing can be "
		    "saved", db_readonly_why(ui.db));
	ui_loop(&ui);

	/*
	 * The screens first: a form's windows must be freed while curses still
	 * has its screen (after delscreen, a SIGHUP on the case form crashed).
	 */
	while (ui.depth > 0) {
		ui.depth--;
		if (ui.stack[ui.depth].ops->free != NULL)
			ui.stack[ui.depth].ops->free(ui.stack[ui.depth].data);
	}
	ui_end();
	free(ui.stack);
	free(ui.status);
	db_close(ui.db);
	free(dflt);
	if ((sig = ui_signalled) != 0) {
		/* Die of the signal, as the sender expects, now all is closed. */
		signal(sig, SIG_DFL);
		raise(sig);
		return 128 + sig;
	}
	return 0;
}
