/*
 * Finishing a case: marking it complete is refused, with the list of what is
 * missing, until every applicable key question is answered; the soft warnings
 * from readcheck are shown and may be overridden. A complete case can be
 * reopened with a reason, which db_case_set_complete keeps.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "readcheck.h"
#include "ui.h"
#include "util.h"

enum {
	FIN_COMPLETE = UI_ACT_SCREEN,
	FIN_REOPEN,
	FIN_BACK,
	FIN_REASON_DONE,
	FIN_REASON_CANCEL
};

static const struct ui_key ui_finish_keys[] = {
	{ 'c', 0, FIN_COMPLETE, "c", "mark the case complete (when nothing "
	    "is missing; warnings may be overridden)", "complete" },
	{ '\r', 0, FIN_COMPLETE, "Enter", NULL, NULL },
	{ '\n', 0, FIN_COMPLETE, "Enter", NULL, NULL },
	{ KEY_ENTER, 1, FIN_COMPLETE, "Enter", NULL, NULL },
	{ 'r', 0, FIN_REOPEN, "r", "reopen a complete case (asks for a "
	    "reason)", "reopen" },
	UI_KEY_TALLY,
	UI_KEY_HELP,
	{ 'q', 0, FIN_BACK, "q", "back", "back" },
	{ 0x1b, 0, FIN_BACK, "Esc", NULL, NULL },
	UI_KEY_END
};

static const struct ui_key ui_finish_reason_keys[] = {
	{ '\r', 0, FIN_REASON_DONE, "Enter", "reopen the case with this reason",
	    "reopen" },
	{ '\n', 0, FIN_REASON_DONE, "Enter", NULL, NULL },
	{ KEY_ENTER, 1, FIN_REASON_DONE, "Enter", NULL, NULL },
	{ 0x1b, 0, FIN_REASON_CANCEL, "Esc", "cancel: leave the case complete",
	    "cancel" },
	UI_KEY_END
};

struct finish {
	long long		 id;
	struct db_case		 c;
	struct readcheck	 rc;
	struct db_event		*events;
	size_t			 nevents;
	int			 asking;	/* typing a reason to reopen */
	struct editbuf		 reason;
};

static const struct ui_key *
ui_finish_keys_now(void *data)
{
	struct finish	*fin = data;

	return fin->asking ? ui_finish_reason_keys : ui_finish_keys;
}

static void
ui_finish_unload(struct finish *fin)
{
	db_case_clear(&fin->c);
	readcheck_clear(&fin->rc);
	db_event_list_free(fin->events, fin->nevents);
	fin->events = NULL;
	fin->nevents = 0;
}

static int
ui_finish_load(struct ui *ui, struct finish *fin)
{
	struct db_answer	*a;
	size_t			 na;
	char			*cause = NULL;
	int			 rc;

	ui_finish_unload(fin);
	if ((rc = db_case_get(ui_db(ui), fin->id, &fin->c, &cause)) != 0) {
		ui_error(ui, rc > 0 ? xstrdup("no such case") : cause);
		return -1;
	}
	if (db_answer_list(ui_db(ui), fin->id, &a, &na, &cause) != 0) {
		ui_error(ui, cause);
		return -1;
	}
	readcheck_case(db_bank(ui_db(ui)), fin->c.kind, fin->c.type, a, na,
	    &fin->rc);
	db_answer_list_free(a, na);
	if (db_case_events(ui_db(ui), fin->id, &fin->events, &fin->nevents,
	    &cause) != 0)
		ui_error(ui, cause);
	return 0;
}

/* The issues of one sort, one a line from row y; returns the next row. */
static int
ui_finish_issues(struct ui *ui, struct finish *fin, int y, int missing)
{
	const struct qbank	*bank = db_bank(ui_db(ui));
	struct rc_issue		*is;
	char			*s, *t;
	size_t			 i;

	for (i = 0; i < fin->rc.nissues && y < LINES - 4; i++) {
		is = &fin->rc.issues[i];
		if ((is->kind == RC_MISSING) != missing)
			continue;
		s = readcheck_describe(bank, is);
		t = xasprintf("%s %s", missing ? "missing:" : "warning:", s);
		ui_put(y++, 3, COLS - 4, missing ? ui_attr(ui, UI_ERROR) :
		    0, t);
		free(t);
		free(s);
	}
	return y;
}

static void
ui_finish_draw(struct ui *ui, void *data)
{
	struct finish	*fin = data;
	struct db_event	*e;
	char		*s;
	int		 y = 2;

	ui_title(ui, "Finish case %s: %zu/%zu questions answered", fin->c.ref,
	    fin->rc.answered, fin->rc.applicable);
	if (fin->c.complete) {
		ui_put(y++, 1, COLS - 2, ui_attr(ui, UI_HEADING),
		    "This case is marked COMPLETE.");
		y++;
		if (fin->nevents > 0) {
			e = &fin->events[fin->nevents - 1];
			s = xasprintf("Marked complete %.16s by %s.", e->at,
			    e->inspector);
			ui_put(y++, 1, COLS - 2, 0, s);
			free(s);
		}
		if (fin->asking) {
			y++;
			ui_put(y++, 1, COLS - 2, 0, "Why reopen it? "
			    "(kept with the case; Enter reopens, Esc cancels)");
			ui_put(y, 1, 8, ui_attr(ui, UI_HEADING), "Reason:");
			ui_edit_draw(ui, y, 9, COLS - 10, &fin->reason);
		} else
			ui_put(y + 1, 1, COLS - 2, 0, "Press r to reopen "
			    "it (you will be asked why), q to go back.");
		return;
	}
	if (fin->rc.missing > 0) {
		s = xasprintf("This case cannot be marked complete yet: %zu "
		    "applicable key question%s not answered.", fin->rc.missing,
		    fin->rc.missing == 1 ? " is" : "s are");
		y += ui_put_wrapped(y, 1, COLS - 2, 2, ui_attr(ui, UI_ERROR), s);
		free(s);
		y++;
		y = ui_finish_issues(ui, fin, y, 1);
		if (fin->rc.warnings > 0) {
			y++;
			y = ui_finish_issues(ui, fin, y, 0);
		}
		ui_put(y + 1, 1, COLS - 2, 0, "Press q to go back and "
		    "answer them.");
		return;
	}
	ui_put(y++, 1, COLS - 2, ui_attr(ui, UI_HEADING), "Every applicable "
	    "key question is answered.");
	y++;
	if (fin->rc.warnings > 0) {
		ui_put(y++, 1, COLS - 2, 0, "Check these before marking "
		    "the case complete (you may go ahead anyway):");
		y = ui_finish_issues(ui, fin, y, 0);
		y++;
	}
	ui_put(y, 1, COLS - 2, 0, "Press c or Enter to mark the case "
	    "complete, q to go back.");
}

static void
ui_finish_key(struct ui *ui, void *data, int action, int fkey, wint_t ch)
{
	struct finish	*fin = data;
	char		*cause = NULL, *ref;

	switch (action) {
	case FIN_COMPLETE:
		if (fin->c.complete) {
			ui_status(ui, "the case is already complete");
			break;
		}
		if (fin->rc.missing > 0) {
			ui_status(ui, "not marked complete: %zu key question%s "
			    "still unanswered", fin->rc.missing,
			    fin->rc.missing == 1 ? " is" : "s are");
			break;
		}
		if (db_case_set_complete(ui_db(ui), fin->id, 1, NULL,
		    &cause) != 0) {
			ui_error(ui, cause);
			break;
		}
		ref = xstrdup(fin->c.ref);
		ui_pop(ui);
		ui_status(ui, "case %s marked complete", ref);
		free(ref);
		break;
	case FIN_REOPEN:
		if (fin->c.complete)
			fin->asking = 1;
		else
			ui_status(ui, "the case is not complete");
		break;
	case FIN_REASON_DONE:
		if (db_case_set_complete(ui_db(ui), fin->id, 0,
		    fin->reason.text, &cause) != 0) {
			ui_error(ui, cause);
			break;
		}
		ref = xstrdup(fin->c.ref);
		ui_pop(ui);
		ui_status(ui, "case %s reopened", ref);
		free(ref);
		break;
	case FIN_REASON_CANCEL:
		fin->asking = 0;
		break;
	case FIN_BACK:
		ui_pop(ui);
		break;
	case UI_ACT_NONE:
		if (fin->asking)
			ui_edit_key(&fin->reason, fkey, ch);
		break;
	}
}

static void
ui_finish_resume(struct ui *ui, void *data)
{
	ui_finish_load(ui, data);
}

static void
ui_finish_free(void *data)
{
	struct finish	*fin = data;

	ui_finish_unload(fin);
	editbuf_clear(&fin->reason);
	free(fin);
}

static const struct ui_screen_ops ui_finish_ops = {
	"Finish a case",
	ui_finish_keys_now,
	ui_finish_draw,
	ui_finish_key,
	ui_finish_resume,
	ui_finish_free
};

void
ui_finish_open(struct ui *ui, long long id)
{
	struct finish	*fin = xcalloc(1, sizeof *fin);

	fin->id = id;
	editbuf_init(&fin->reason, NULL);
	if (ui_finish_load(ui, fin) != 0) {
		ui_finish_free(fin);
		return;
	}
	ui_push(ui, &ui_finish_ops, fin);
}
