/*
 * The first run without a file: ask, in a small form, for the service, the
 * inspection type, the inspector's name (the login name offered, never taken
 * unasked) and the fieldwork dates of the default inspection file, then create
 * it (built-in question bank) and go on to the overview.
 * Leaving without Enter creates nothing.
 */
#include "config.h"

#include <curses.h>
#include <form.h>
#include <stdlib.h>
#include <string.h>

#include "textgate.h"
#include "ui.h"
#include "util.h"

enum {
	SET_CREATE = UI_ACT_SCREEN,
	SET_QUIT,
	SET_NEXT,
	SET_PREV,
	SET_CHOICE
};

static const struct ui_key ui_setup_keys[] = {
	{ '\r', 0, SET_CREATE, "Enter", "create the inspection file", "create" },
	{ '\n', 0, SET_CREATE, "Enter", NULL, NULL },
	{ KEY_ENTER, 1, SET_CREATE, "Enter", NULL, NULL },
	{ 0x1b, 0, SET_QUIT, "Esc", "quit without creating anything", "quit" },
	{ '\t', 0, SET_NEXT, "Tab", "next field", "next field" },
	{ KEY_DOWN, 1, SET_NEXT, "Down", NULL, NULL },
	{ KEY_UP, 1, SET_PREV, "Up", "previous field", NULL },
	{ KEY_BTAB, 1, SET_PREV, "Shift-Tab", NULL, NULL },
	{ KEY_LEFT, 1, SET_CHOICE, "Left", "change the inspection type (in "
	    "its field)", NULL },
	{ KEY_RIGHT, 1, SET_CHOICE, "Right", NULL, NULL },
	{ KEY_F(1), 1, UI_ACT_HELP, "F1", "help: the keys of this screen",
	    "help" },
	{ KEY_F(5), 1, UI_ACT_TALLY, "F5", "the live tally (once the "
	    "inspection is created)", NULL },
	{ 0x14, 0, UI_ACT_TALLY, "Ctrl-T", NULL, NULL },
	UI_KEY_END
};

static const char *const ui_setup_types[] = { "iyjwcv", "iyjs" };

/* The form's rows: a field every other row. */
#define SET_ROWS	9

struct setup {
	char	*path;
	FORM	*form;
	FIELD	*fields[6];	/* service, type, name, start, end */
	WINDOW	*win;		/* the form's, over stdscr */
	WINDOW	*sub;
	int	 posted_cols;	/* terminal size when posted */
	int	 posted_lines;
	int	 type;		/* index into ui_setup_types */
};

static const struct ui_key *
ui_setup_keys_now(void *data)
{
	return ui_setup_keys;
}

/* As ui_casedit_post: a window of its own, posted again only on resize. */
static void
ui_setup_post(struct setup *st)
{
	int	cur = 0;

	if (st->win != NULL && st->posted_cols == COLS &&
	    st->posted_lines == LINES)
		return;
	if (st->win != NULL) {
		cur = field_index(current_field(st->form));
		unpost_form(st->form);
		delwin(st->sub);
		delwin(st->win);
	}
	st->win = newwin(SET_ROWS, UI_MIN_COLS - 29, 6, 28);
	st->sub = derwin(st->win, SET_ROWS, UI_MIN_COLS - 29, 0, 0);
	set_form_win(st->form, st->win);
	set_form_sub(st->form, st->sub);
	post_form(st->form);
	set_current_field(st->form, st->fields[cur]);
	form_driver(st->form, REQ_END_LINE);
	st->posted_cols = COLS;
	st->posted_lines = LINES;
}

static void
ui_setup_draw(struct ui *ui, void *data)
{
	struct setup	*st = data;
	char		*s;
	int		 y;

	ui_title(ui, "caseread: a new inspection");
	s = xasprintf("There is no inspection file yet. caseread will create "
	    "one at %s", st->path);
	ui_put_wrapped(2, 1, COLS - 2, 3, 0, s);
	free(s);
	ui_put(6, 2, 26, 0, "Service");
	ui_put(8, 2, 26, 0, "Inspection type");
	ui_put(10, 2, 26, 0, "Your name");
	ui_put(12, 2, 26, 0, "Fieldwork starts");
	ui_put(14, 2, 26, 0, "Fieldwork ends");
	/* One line each, wrapped: at 80 columns one line for both was cut. */
	y = 16;
	y += ui_put_wrapped(y, 2, COLS - 4, 2, 0, "iyjwcv: work with "
	    "children and victims (one week).");
	ui_put_wrapped(y, 2, COLS - 4, 2, 0, "iyjs: youth justice services "
	    "(two weeks).");
	ui_setup_post(st);
	mvwaddstr(st->win, 2, 12, "(Space or Left/Right: iyjwcv or iyjs)");
	mvwaddstr(st->win, 6, 12, "YYYY-MM-DD, or empty");
	mvwaddstr(st->win, 8, 12, "YYYY-MM-DD, or empty");
	pos_form_cursor(st->form);
	ui_overlay(ui, st->win);
}

/* Field i's text without its trailing spaces, newly allocated. */
static char *
ui_setup_text(struct setup *st, int i)
{
	char	*s = xstrdup(field_buffer(st->fields[i], 0));
	size_t	 n = strlen(s);

	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

static void
ui_setup_create(struct ui *ui, struct setup *st)
{
	struct db_init	 init;
	struct qbank	*bank;
	struct db	*db;
	char		*service, *name, *start, *end, *cause = NULL;

	form_driver(st->form, REQ_VALIDATION);
	service = ui_setup_text(st, 0);
	name = ui_setup_text(st, 2);
	start = ui_setup_text(st, 3);
	end = ui_setup_text(st, 4);
	if (*service == '\0' || textgate_same_name(name, "")) {
		ui_status(ui, *service == '\0' ? "the service name is empty: "
		    "type the youth justice service's name" : "your name is "
		    "empty: type it as the lead inspector will know it");
		goto out;
	}
	if ((bank = qbank_builtin(&cause)) == NULL) {
		ui_error(ui, cause);
		goto out;
	}
	memset(&init, 0, sizeof init);
	init.service = service;
	init.type = ui_setup_types[st->type];
	init.owner = name;
	init.start_date = *start != '\0' ? start : NULL;
	init.end_date = *end != '\0' ? end : NULL;
	init.bank = bank;
	db = db_create(st->path, &init, &cause);
	qbank_free(bank);
	if (db == NULL) {
		ui_error(ui, cause);
		goto out;
	}
	free(service);
	free(name);
	free(start);
	free(end);
	ui_set_db(ui, db);
	ui_pop(ui);		/* frees st; the stack is empty but for now */
	ui_overview_open(ui);
	return;
out:
	free(service);
	free(name);
	free(start);
	free(end);
}

static void
ui_setup_key(struct ui *ui, void *data, int action, int fkey, wint_t ch)
{
	struct setup	*st = data;
	int		 on_type = current_field(st->form) == st->fields[1];

	switch (action) {
	case SET_CREATE:
		ui_setup_create(ui, st);
		return;
	case SET_QUIT:
		ui_pop(ui);
		return;
	case SET_NEXT:
	case SET_PREV:
		form_driver(st->form, action == SET_NEXT ? REQ_NEXT_FIELD :
		    REQ_PREV_FIELD);
		form_driver(st->form, REQ_END_LINE);
		return;
	case SET_CHOICE:
		if (on_type)
			break;
		form_driver(st->form, ch == KEY_LEFT ? REQ_LEFT_CHAR :
		    REQ_RIGHT_CHAR);
		return;
	case UI_ACT_NONE:
		if (on_type) {
			if (ch == ' ' || ui_key_lower(fkey, ch) == 'i')
				break;
			return;
		}
		if (fkey && ch == KEY_BACKSPACE)
			ui_form_backspace(st->form);
		else if (fkey && ch == KEY_DC)
			form_driver(st->form, REQ_DEL_CHAR);
		else if (fkey && ch == KEY_HOME)
			form_driver(st->form, REQ_BEG_LINE);
		else if (fkey && ch == KEY_END)
			form_driver(st->form, REQ_END_LINE);
		else if (!fkey && ch == 0x15)	/* Ctrl-U: clear the field */
			form_driver(st->form, REQ_CLR_FIELD);
		else if (!fkey && (ch == 0x7f || ch == 0x08))
			ui_form_backspace(st->form);
		else if (!fkey && ch >= 0x20)
			form_driver_w(st->form, OK, (wchar_t)ch);
		return;
	default:
		return;
	}
	/* Change the type. */
	st->type = !st->type;
	set_field_buffer(st->fields[1], 0, ui_setup_types[st->type]);
}

static void
ui_setup_free(void *data)
{
	struct setup	*st = data;

	unpost_form(st->form);
	free_form(st->form);
	free_field(st->fields[0]);
	free_field(st->fields[1]);
	free_field(st->fields[2]);
	free_field(st->fields[3]);
	free_field(st->fields[4]);
	if (st->sub != NULL)
		delwin(st->sub);
	if (st->win != NULL)
		delwin(st->win);
	free(st->path);
	free(st);
}

static const struct ui_screen_ops ui_setup_ops = {
	"New inspection",
	ui_setup_keys_now,
	ui_setup_draw,
	ui_setup_key,
	NULL,
	ui_setup_free
};

void
ui_setup_open(struct ui *ui, const char *path)
{
	struct setup	*st = xcalloc(1, sizeof *st);

	st->path = xstrdup(path);
	st->fields[0] = new_field(1, 40, 0, 0, 0, 0);
	field_opts_off(st->fields[0], O_STATIC | O_AUTOSKIP | O_BLANK);
	set_max_field(st->fields[0], 200);
	set_field_back(st->fields[0], A_UNDERLINE);
	st->fields[1] = new_field(1, 8, 2, 0, 0, 0);
	field_opts_off(st->fields[1], O_EDIT | O_AUTOSKIP);
	set_field_back(st->fields[1], A_UNDERLINE);
	set_field_buffer(st->fields[1], 0, ui_setup_types[0]);
	/* The login name is offered: often right, but asked, never assumed. */
	st->fields[2] = new_field(1, 40, 4, 0, 0, 0);
	field_opts_off(st->fields[2], O_STATIC | O_AUTOSKIP | O_BLANK);
	set_max_field(st->fields[2], 128);
	set_field_back(st->fields[2], A_UNDERLINE);
	set_field_buffer(st->fields[2], 0, util_default_inspector());
	st->fields[3] = new_field(1, 10, 6, 0, 0, 0);
	st->fields[4] = new_field(1, 10, 8, 0, 0, 0);
	field_opts_off(st->fields[3], O_AUTOSKIP | O_BLANK);
	field_opts_off(st->fields[4], O_AUTOSKIP | O_BLANK);
	set_field_back(st->fields[3], A_UNDERLINE);
	set_field_back(st->fields[4], A_UNDERLINE);
	st->fields[5] = NULL;
	st->form = new_form(st->fields);
	/* As the case form: Backspace stays in its field. */
	form_opts_off(st->form, O_BS_OVERLOAD | O_NL_OVERLOAD);
	ui_push(ui, &ui_setup_ops, st);
}
