/*
 * New and edit case: a form (the curses form library) for a case's details,
 * checked as it is typed so an empty or duplicate reference, a date that is no
 * day or an interview that is full is named before the inspector presses
 * Enter. Choice fields (type, MACD, contact, manager interviewed) cycle with
 * Space or Left/Right, or take the first letter of a choice. Saving a new case
 * opens it for reading. The rules themselves are the db layer's (db_case_add,
 * db_details_set), and the case and its details are saved in one write, only
 * if the file still holds the case as the form opened it: every field is
 * written, so a change made meanwhile in another window or program would
 * otherwise be quietly undone.
 */
#include "config.h"

#include <curses.h>
#include <form.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db-case.h"
#include "notedraft.h"
#include "textgate.h"
#include "ui.h"
#include "util.h"

enum {
	CE_SAVE = UI_ACT_SCREEN,
	CE_CANCEL,
	CE_NEXT,
	CE_PREV,
	CE_LEFT,
	CE_RIGHT,
	CE_CHOICE
};

static const struct ui_key ui_casedit_keys[] = {
	{ '\r', 0, CE_SAVE, "Enter", "save the case (a new one opens for "
	    "reading)", "save" },
	{ '\n', 0, CE_SAVE, "Enter", NULL, NULL },
	{ KEY_ENTER, 1, CE_SAVE, "Enter", NULL, NULL },
	{ KEY_F(2), 1, CE_SAVE, "F2", NULL, NULL },
	{ 0x1b, 0, CE_CANCEL, "Esc", "cancel: leave without saving", "cancel" },
	{ '\t', 0, CE_NEXT, "Tab", "next field", "next field" },
	{ KEY_DOWN, 1, CE_NEXT, "Down", NULL, NULL },
	{ KEY_BTAB, 1, CE_PREV, "Shift-Tab", "previous field", NULL },
	{ KEY_UP, 1, CE_PREV, "Up", NULL, NULL },
	{ KEY_LEFT, 1, CE_LEFT, "Left", "move left, or the previous choice",
	    NULL },
	{ KEY_RIGHT, 1, CE_RIGHT, "Right", "move right, or the next choice",
	    NULL },
	{ ' ', 0, CE_CHOICE, "Space", "next choice (in a choice field; a "
	    "space elsewhere)", "choose" },
	{ KEY_F(1), 1, UI_ACT_HELP, "F1", "help: the keys of this screen",
	    "help" },
	{ KEY_BACKSPACE, 1, UI_ACT_NONE, "Backspace", "delete the character "
	    "before the cursor (never past the field's start)", NULL },
	{ 0x15, 0, UI_ACT_NONE, "Ctrl-U", "clear the field", NULL },
	UI_KEY_TALLY_TEXT,
	UI_KEY_END
};

static const char *const ui_casedit_types[] = {
	"court", "out-of-court", "bail-remand", "resettlement", NULL
};
static const char *const ui_casedit_yesno[] = { "no", "yes", NULL };
static const char *const ui_casedit_contact[] = {
	"interview", "file read", NULL
};
/* Choice i is db_case_details.manager_interviewed 1 - i ("not recorded": -1). */
static const char *const ui_casedit_interviewed[] = {
	"yes", "no", "not recorded", NULL
};

enum ce_field {
	CE_REF,
	CE_TYPE,	/* children */
	CE_MANAGER,
	CE_INSPECTOR,
	CE_MACD,	/* children */
	CE_CONTACT,	/* victims */
	CE_INTERVIEWED,	/* the case manager */
	CE_START,	/* the period inspected */
	CE_END,		/* beside CE_START, on its row */
	CE_WORKER,	/* victims */
	CE_INTERVIEW,	/* victims */
	CE_NFIELDS
};

struct ce_item {
	const char		*label;
	const char *const	*choices;	/* NULL for text */
	int			 width;
	int			 max;		/* characters; 0: no limit */
};

static const struct ce_item ui_casedit_items[CE_NFIELDS] = {
	{ "Reference", NULL, 30, 64 },
	{ "Case type", ui_casedit_types, 14, 0 },
	{ "Case manager's initials", NULL, 8, 8 },
	{ "Reading inspector", NULL, 30, 128 },
	{ "Discussed at a MACD", ui_casedit_yesno, 4, 0 },
	{ "Victim contact", ui_casedit_contact, 10, 0 },
	{ "Case manager interviewed", ui_casedit_interviewed, 12, 0 },
	/* A cell wider than a date, so the cursor has a column after it. */
	{ "Period inspected", NULL, 11, 0 },
	{ NULL, NULL, 11, 0 },
	{ "Victim worker", NULL, 30, 128 },
	{ "Interview (label)", NULL, 16, 128 }
};

/* The period's end: on the start's row, after "to". */
#define CE_END_X	15

struct casedit {
	enum qb_kind	 kind;
	long long	 id;		/* 0 for a new case */
	FORM		*form;
	FIELD		*fields[CE_NFIELDS + 1];
	enum ce_field	 which[CE_NFIELDS];	/* form field i is item which[i] */
	int		 row[CE_NFIELDS];	/* form field i is on row[i] */
	int		 nfields;
	int		 nrows;
	int		 complete;	/* read only: the case was complete */
	int		 withdrawn;	/* on no interview's count */
	char		*interview;	/* the interview as opened */
	struct db_case	 loaded;	/* the case as opened; id 0 for a new one */
	int		 stale;		/* a save found it changed elsewhere */
	int		 choice[CE_NFIELDS];	/* index into choices */
	WINDOW		*win;		/* the form's, over stdscr */
	WINDOW		*sub;
	int		 posted_cols;	/* terminal size when posted */
	int		 posted_lines;
	char		*problem;	/* what is wrong, as typed; NULL if ok */
	int		 typed;		/* a key pressed, or a save tried */
	int		 waiting;	/* empty reference, nothing typed yet */
};

static const struct ui_key *
ui_casedit_keys_now(void *data)
{
	return ui_casedit_keys;
}

static enum ce_field
ui_casedit_current(struct casedit *ce)
{
	return ce->which[field_index(current_field(ce->form))];
}

static FIELD *
ui_casedit_field(struct casedit *ce, enum ce_field f)
{
	int	i;

	for (i = 0; i < ce->nfields; i++) {
		if (ce->which[i] == f)
			return ce->fields[i];
	}
	return NULL;
}

/* A field's text without the form library's padding; newly allocated. */
static char *
ui_casedit_value(struct casedit *ce, enum ce_field f)
{
	FIELD	*fld = ui_casedit_field(ce, f);
	char	*s;
	size_t	 n;

	if (fld == NULL)
		return xstrdup("");
	s = xstrdup(field_buffer(fld, 0));
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

static void
ui_casedit_set_choice(struct casedit *ce, enum ce_field f, int i)
{
	const char *const	*c = ui_casedit_items[f].choices;
	int			 n = 0;

	while (c[n] != NULL)
		n++;
	ce->choice[f] = (i + n) % n;
	set_field_buffer(ui_casedit_field(ce, f), 0, c[ce->choice[f]]);
}

/* The framework's details as the form holds them; d's strings are new. */
static void
ui_casedit_details(struct casedit *ce, struct db_case_details *d)
{
	d->manager_interviewed = 1 - ce->choice[CE_INTERVIEWED];
	d->period_start = ui_casedit_value(ce, CE_START);
	d->period_end = ui_casedit_value(ce, CE_END);
	d->victim_worker = ui_casedit_value(ce, CE_WORKER);
	d->interview = ui_casedit_value(ce, CE_INTERVIEW);
}

/* The db layer's cause as a sentence on the form; takes cause. */
static char *
ui_casedit_sentence(char *cause)
{
	char	*s;

	if (cause == NULL)
		return xstrdup("The details are not right.");
	if (cause[0] >= 'a' && cause[0] <= 'z')
		cause[0] = (char)(cause[0] - 'a' + 'A');
	s = xasprintf("%s.", cause);
	free(cause);
	return s;
}

/* The period, the worker and the interview, as typed: a problem or NULL. */
static char *
ui_casedit_check_details(struct ui *ui, struct casedit *ce, const char *ref)
{
	struct db_case_details	 d;
	char			*cause = NULL;
	int			 rc;

	ui_casedit_details(ce, &d);
	rc = db_details_check(&d, ce->kind, &cause);
	/* A new interview must have room; the one it was opened with keeps it. */
	if (rc == 0 && !ce->withdrawn && ce->kind == QB_VICTIM &&
	    strcasecmp(d.interview, ce->interview) != 0)
		rc = db_details_interview_room(ui_db(ui), ce->id, ref,
		    d.interview, &cause);
	db_details_clear(&d);
	return rc == 0 ? NULL : ui_casedit_sentence(cause);
}

/* Check the details as typed, so the problem shows before Enter. */
static void
ui_casedit_check(struct ui *ui, struct casedit *ce)
{
	struct db_case	 c;
	char		*ref, *manager, *inspector, *cause = NULL;
	const char	*lead;

	free(ce->problem);
	ce->problem = NULL;
	form_driver(ce->form, REQ_VALIDATION);
	ref = ui_casedit_value(ce, CE_REF);
	manager = ui_casedit_value(ce, CE_MANAGER);
	inspector = ui_casedit_value(ce, CE_INSPECTOR);
	lead = ref + strspn(ref, " ");
	/* A new form is not yet wrong: it waits for the reference. */
	ce->waiting = *lead == '\0' && !ce->typed;
	if (ce->waiting)
		;
	else if (*lead == '\0')
		ce->problem = xstrdup("The reference is empty: every case needs "
		    "one (never the child's or victim's name).");
	else if (lead != ref)
		ce->problem = xstrdup("The reference starts with a space.");
	else if (db_case_find(ui_db(ui), ce->kind, ref, &c, &cause) == 0) {
		if (c.id != ce->id)
			ce->problem = xasprintf("A %s's case with reference "
			    "'%s' already exists.", ce->kind == QB_CHILD ?
			    "child" : "victim", ref);
		db_case_clear(&c);
	} else
		free(cause);
	if (ce->problem == NULL && strlen(manager) > 8)
		ce->problem = xstrdup("Case manager's initials are at most 8 "
		    "characters.");
	/* As db_case_add: a cleared name is not quietly taken to be yours. */
	if (ce->problem == NULL && textgate_same_name(inspector, ""))
		ce->problem = xasprintf("The reading inspector is empty: type "
		    "who reads this case (you are %s).", db_user(ui_db(ui)));
	if (ce->problem == NULL && !ce->waiting)
		ce->problem = ui_casedit_check_details(ui, ce, ref);
	free(ref);
	free(manager);
	free(inspector);
}

#define CE_Y	3
#define CE_X	30

/*
 * Post the form in its own window, again only when the terminal has changed
 * size (a shrink can clip the window), keeping the current field.
 */
static void
ui_casedit_post(struct casedit *ce)
{
	int	cur = 0;

	if (ce->win != NULL && ce->posted_cols == COLS &&
	    ce->posted_lines == LINES)
		return;
	if (ce->win != NULL) {
		cur = field_index(current_field(ce->form));
		unpost_form(ce->form);
		delwin(ce->sub);
		delwin(ce->win);
	}
	ce->win = newwin(2 * ce->nrows, UI_MIN_COLS - CE_X - 1, CE_Y, CE_X);
	ce->sub = derwin(ce->win, 2 * ce->nrows, UI_MIN_COLS - CE_X - 1, 0,
	    0);
	set_form_win(ce->form, ce->win);
	set_form_sub(ce->form, ce->sub);
	post_form(ce->form);
	set_current_field(ce->form, ce->fields[cur]);
	form_driver(ce->form, REQ_END_LINE);
	ce->posted_cols = COLS;
	ce->posted_lines = LINES;
}

static void
ui_casedit_draw(struct ui *ui, void *data)
{
	struct casedit	*ce = data;
	const char	*label;
	/* The form's last row is blank: the message goes straight after it. */
	int		 i, y0 = CE_Y, x0 = CE_X, y = CE_Y + 2 * ce->nrows;
	int		 lines = LINES - 2 - y < 3 ? LINES - 2 - y : 3;

	ui_title(ui, "%s %s's case", ce->id == 0 ? "New" : "Edit",
	    ce->kind == QB_CHILD ? "child" : "victim");
	ui_put(1, 1, COLS - 2, ui_attr(ui, UI_DIM), "A reference only, never "
	    "a name. Tab: next field. Enter: save. Esc: cancel.");
	for (i = 0; i < ce->nfields; i++) {
		if ((label = ui_casedit_items[ce->which[i]].label) != NULL)
			ui_put(y0 + 2 * ce->row[i], 2, x0 - 4, 0, label);
	}
	ui_casedit_post(ce);
	for (i = 0; i < ce->nfields; i++) {
		/* Beside the field, in the form's own window. */
		if (ui_casedit_items[ce->which[i]].choices != NULL)
			mvwaddstr(ce->win, 2 * ce->row[i], 16, "(Space or "
			    "Left/Right to change)");
		else if (ce->which[i] == CE_END) {
			mvwaddstr(ce->win, 2 * ce->row[i], CE_END_X - 3, "to");
			mvwaddstr(ce->win, 2 * ce->row[i], CE_END_X + 12,
			    "(YYYY-MM-DD)");
		}
	}
	if (ce->problem != NULL)
		ui_put_wrapped(y, 2, COLS - 4, lines > 1 ? lines : 1,
		    ui_attr(ui, UI_ERROR), ce->problem);
	else if (ce->stale)
		ui_put_wrapped(y, 2, COLS - 4, lines > 1 ? lines : 1,
		    ui_attr(ui, UI_ERROR), "Changed elsewhere since this form "
		    "opened: not saved. Esc, then e, shows it as it is now.");
	else if (ce->waiting)
		ui_put(y, 2, COLS - 4, 0, "Type the case's reference (never the "
		    "child's or victim's name).");
	else if (ce->complete)
		ui_put_wrapped(y, 2, COLS - 4, lines > 1 ? lines : 1,
		    ui_attr(ui, UI_DIM), "This case is complete: its details "
		    "are read only until it is reopened (f, then r).");
	else
		ui_put(y, 2, COLS - 4, 0, "Ready to save: press Enter.");
	pos_form_cursor(ce->form);
	ui_overlay(ui, ce->win);
}

/*
 * A case renamed keeps its note drafts: a draft is named by the case's
 * reference too (notedraft_name), so each is renamed with it, in the same
 * write, or a draft kept after a crash would never be offered again.
 */
static int
ui_casedit_drafts(struct db *db, long long id, const char *from,
    const char *to, char **cause)
{
	const struct qbank	*bank = db_bank(db);
	char			*a, *b;
	size_t			 i;
	int			 rc = 0;

	for (i = 0; rc == 0 && bank != NULL && i < bank->nquestions; i++) {
		a = notedraft_name(id, from, bank->questions[i].id);
		b = notedraft_name(id, to, bank->questions[i].id);
		rc = db_setting_rename(db, a, b, cause);
		free(a);
		free(b);
	}
	return rc;
}

/*
 * Inside the save's write transaction, so no other writer comes between: is
 * case ce->id still as the form opened it? 0 when it is, *ref its stored
 * reference (newly allocated); 1 when the save is refused, said on the status
 * line (changed meanwhile, gone, or complete); -1 with *cause on error.
 */
static int
ui_casedit_unchanged(struct ui *ui, struct casedit *ce, char **ref,
    char **cause)
{
	struct db_case	 now;
	char		*what;
	int		 rc;

	if ((rc = db_case_get(ui_db(ui), ce->id, &now, cause)) < 0)
		return rc;
	if (rc > 0) {
		ce->stale = 1;
		ui_status(ui, "not saved: case %s is no longer in this file "
		    "(replaced by a merge, or removed); Esc to leave",
		    ce->loaded.ref);
		return 1;
	}
	if ((what = db_case_changed(&ce->loaded, &now)) != NULL) {
		ce->stale = 1;
		ui_status(ui, "not saved: case %s was changed elsewhere while "
		    "this form was open; Esc, then e to see it: %s",
		    ce->loaded.ref, what);
		free(what);
		rc = 1;
	} else if (now.complete) {
		/* A complete case's details are its finished record. */
		ui_status(ui, "not saved: case %s is complete, its details "
		    "read only; press f on it to reopen it", now.ref);
		rc = 1;
	} else
		*ref = xstrdup(now.ref);
	db_case_clear(&now);
	return rc;
}

static void
ui_casedit_save(struct ui *ui, struct casedit *ce)
{
	struct db_case	 c;
	char		*cause = NULL, *s, *oldref = NULL;
	int		 rc, is_new;
	struct db	*db = ui_db(ui);

	ce->typed = 1;
	ui_casedit_check(ui, ce);
	if (ce->problem != NULL) {
		ui_status(ui, "not saved: %s", ce->problem);
		return;
	}
	memset(&c, 0, sizeof c);
	c.id = ce->id;
	c.kind = ce->kind;
	c.ref = ui_casedit_value(ce, CE_REF);
	c.manager = ui_casedit_value(ce, CE_MANAGER);
	c.inspector = ui_casedit_value(ce, CE_INSPECTOR);
	if (ce->kind == QB_CHILD) {
		c.type = qbank_type_bit(ce->choice[CE_TYPE]);
		c.macd = ce->choice[CE_MACD] == 1;
	} else
		c.interviewed = ce->choice[CE_CONTACT] == 0;
	ui_casedit_details(ce, &c.details);
	/* The case and its framework details: one write, or nothing. */
	if ((rc = db_txn_begin(db, "casedit", &cause)) == 0) {
		if (ce->id != 0 && (rc = ui_casedit_unchanged(ui, ce, &oldref,
		    &cause)) > 0) {
			/* Refused and said: nothing written, the form stays. */
			db_txn_rollback(db, "casedit");
			db_case_clear(&c);
			return;
		}
		if (rc == 0)
			rc = ce->id == 0 ? db_case_add(db, &c, &cause) :
			    db_case_update(db, &c, &cause);
		if (rc == 0)
			rc = db_details_set(db, c.id, &c.details, NULL,
			    &cause);
		if (rc == 0 && oldref != NULL && strcmp(oldref, c.ref) != 0)
			rc = ui_casedit_drafts(db, c.id, oldref, c.ref, &cause);
		rc = db_txn_finish(db, "casedit", rc, rc == 0 ? &cause : NULL);
	}
	free(oldref);
	if (rc != 0) {
		ui_error(ui, cause);
		db_case_clear(&c);
		return;
	}
	s = xasprintf("%lld", c.id);
	ui_setting(ui, "ui.case", s);
	free(s);
	is_new = ce->id == 0;
	ui_pop(ui);		/* frees ce */
	ui_status(ui, "saved case %s", c.ref);
	/* A new case goes straight on to its reading. */
	if (is_new)
		ui_read_open(ui, c.id, NULL);
	db_case_clear(&c);
}

static void
ui_casedit_key(struct ui *ui, void *data, int action, int fkey, wint_t ch)
{
	struct casedit		*ce = data;
	enum ce_field		 f = ui_casedit_current(ce);
	const char *const	*choices = ui_casedit_items[f].choices;
	int			 i;

	/* A complete case's form is read only: nothing typed changes it. */
	if (ce->complete && (action == CE_CHOICE || ((action == CE_LEFT ||
	    action == CE_RIGHT) && choices != NULL) || (action ==
	    UI_ACT_NONE && !(fkey && (ch == KEY_HOME || ch == KEY_END))))) {
		ui_status(ui, "read only: this case is complete; f on it in the "
		    "overview reopens it");
		return;
	}
	switch (action) {
	case CE_SAVE:
		ui_casedit_save(ui, ce);	/* ce may be freed now */
		return;
	case CE_CANCEL:
		ui_pop(ui);
		return;
	case CE_NEXT:
		form_driver(ce->form, REQ_NEXT_FIELD);
		form_driver(ce->form, REQ_END_LINE);
		break;
	case CE_PREV:
		form_driver(ce->form, REQ_PREV_FIELD);
		form_driver(ce->form, REQ_END_LINE);
		break;
	case CE_LEFT:
		if (choices != NULL)
			ui_casedit_set_choice(ce, f, ce->choice[f] - 1);
		else
			form_driver(ce->form, REQ_LEFT_CHAR);
		break;
	case CE_RIGHT:
		if (choices != NULL)
			ui_casedit_set_choice(ce, f, ce->choice[f] + 1);
		else
			form_driver(ce->form, REQ_RIGHT_CHAR);
		break;
	case CE_CHOICE:
		if (choices != NULL)
			ui_casedit_set_choice(ce, f, ce->choice[f] + 1);
		else
			form_driver_w(ce->form, OK, ' ');
		break;
	case UI_ACT_NONE:
		if (fkey) {
			if (ch == KEY_BACKSPACE)
				ui_form_backspace(ce->form);
			else if (ch == KEY_DC)
				form_driver(ce->form, REQ_DEL_CHAR);
			else if (ch == KEY_HOME)
				form_driver(ce->form, REQ_BEG_LINE);
			else if (ch == KEY_END)
				form_driver(ce->form, REQ_END_LINE);
		} else if (ch == 0x7f || ch == 0x08) {
			ui_form_backspace(ce->form);
		} else if (ch == 0x15) {	/* Ctrl-U: clear a text field */
			if (choices == NULL)
				form_driver(ce->form, REQ_CLR_FIELD);
		} else if (choices != NULL) {
			/* The first letter picks a choice, Caps Lock or not. */
			for (i = 0; choices[i] != NULL; i++) {
				if ((wint_t)choices[i][0] ==
				    ui_key_lower(fkey, ch)) {
					ui_casedit_set_choice(ce, f, i);
					break;
				}
			}
		} else if (ch >= 0x20)
			form_driver_w(ce->form, OK, (wchar_t)ch);
		break;
	}
	ce->typed = 1;
	ui_casedit_check(ui, ce);
}

static void
ui_casedit_free(void *data)
{
	struct casedit	*ce = data;
	int		 i;

	unpost_form(ce->form);
	free_form(ce->form);
	for (i = 0; i < ce->nfields; i++)
		free_field(ce->fields[i]);
	if (ce->sub != NULL)
		delwin(ce->sub);
	if (ce->win != NULL)
		delwin(ce->win);
	free(ce->problem);
	free(ce->interview);
	db_case_clear(&ce->loaded);
	free(ce);
}

static const struct ui_screen_ops ui_casedit_ops = {
	"New or edit case",
	ui_casedit_keys_now,
	ui_casedit_draw,
	ui_casedit_key,
	NULL,
	ui_casedit_free
};

static void
ui_casedit_add(struct casedit *ce, enum ce_field f, const char *value)
{
	const struct ce_item	*it = &ui_casedit_items[f];
	FIELD			*fld;

	/* The period's end shares the start's row; every other field has one. */
	if (f != CE_END)
		ce->nrows++;
	fld = new_field(1, it->width, 2 * (ce->nrows - 1), f == CE_END ?
	    CE_END_X : 0, 0, 0);
	set_field_back(fld, A_UNDERLINE);
	/* O_BLANK would empty the field when a key is typed at its start. */
	field_opts_off(fld, O_AUTOSKIP | O_BLANK);
	if (it->choices != NULL)
		field_opts_off(fld, O_EDIT);
	else if (it->max > it->width) {
		/* Longer than the box: the field scrolls sideways. */
		field_opts_off(fld, O_STATIC);
		set_max_field(fld, it->max);
	}
	set_field_buffer(fld, 0, value != NULL ? value : "");
	ce->which[ce->nfields] = f;
	ce->row[ce->nfields] = ce->nrows - 1;
	ce->fields[ce->nfields++] = fld;
}

void
ui_casedit_open(struct ui *ui, enum qb_kind kind, long long id)
{
	struct casedit	*ce = xcalloc(1, sizeof *ce);
	struct db_case	 c;
	char		*cause = NULL;
	int		 i;

	memset(&c, 0, sizeof c);
	if (id != 0 && db_case_get(ui_db(ui), id, &c, &cause) != 0) {
		ui_error(ui, cause);
		free(ce);
		return;
	}
	ce->kind = id != 0 ? c.kind : kind;
	ce->id = id;
	ui_casedit_add(ce, CE_REF, c.ref);
	if (ce->kind == QB_CHILD)
		ui_casedit_add(ce, CE_TYPE, NULL);
	ui_casedit_add(ce, CE_MANAGER, c.manager);
	ui_casedit_add(ce, CE_INSPECTOR, id != 0 ? c.inspector :
	    db_user(ui_db(ui)));
	if (ce->kind == QB_CHILD)
		ui_casedit_add(ce, CE_MACD, NULL);
	else
		ui_casedit_add(ce, CE_CONTACT, NULL);
	ui_casedit_add(ce, CE_INTERVIEWED, NULL);
	ui_casedit_add(ce, CE_START, c.details.period_start);
	ui_casedit_add(ce, CE_END, c.details.period_end);
	if (ce->kind == QB_VICTIM) {
		ui_casedit_add(ce, CE_WORKER, c.details.victim_worker);
		ui_casedit_add(ce, CE_INTERVIEW, c.details.interview);
	}
	ce->fields[ce->nfields] = NULL;
	ce->complete = c.complete;
	ce->withdrawn = c.withdrawn != NULL;
	ce->interview = xstrdup(c.details.interview != NULL ?
	    c.details.interview : "");
	/* Choice i is 1 - i: yes, no, not recorded (a new case's). */
	ce->choice[CE_INTERVIEWED] = id != 0 ?
	    1 - c.details.manager_interviewed : 2;
	if (ce->kind == QB_CHILD) {
		for (i = 0; i < QB_NTYPES; i++) {
			if (id != 0 && qbank_type_bit(i) == c.type)
				ce->choice[CE_TYPE] = i;
		}
		ce->choice[CE_MACD] = c.macd != 0;
	} else
		ce->choice[CE_CONTACT] = id != 0 && !c.interviewed;
	ce->form = new_form(ce->fields);
	/*
	 * Backspace at a field's start must not join it to the field before,
	 * nor Enter split it: what is typed next would land in the wrong field.
	 */
	form_opts_off(ce->form, O_BS_OVERLOAD | O_NL_OVERLOAD);
	if (ce->kind == QB_CHILD) {
		ui_casedit_set_choice(ce, CE_TYPE, ce->choice[CE_TYPE]);
		ui_casedit_set_choice(ce, CE_MACD, ce->choice[CE_MACD]);
	} else
		ui_casedit_set_choice(ce, CE_CONTACT, ce->choice[CE_CONTACT]);
	ui_casedit_set_choice(ce, CE_INTERVIEWED, ce->choice[CE_INTERVIEWED]);
	/* Kept to compare with the file when saved; c's strings move to it. */
	ce->loaded = c;
	ui_push(ui, &ui_casedit_ops, ce);
	form_driver(ce->form, REQ_END_LINE);
	ui_casedit_check(ui, ce);
}
