/*
 * Finishing a case: marking it complete is refused, with the list of what is
 * missing, until every applicable key question is answered; the soft warnings
 * from readcheck are shown and may be overridden. A complete case can be
 * reopened with a reason, which db_case_set_complete keeps; the case's record
 * of completions and reopenings, reasons and all, is shown at the foot. Both
 * act only on the case as the screen shows it: if another window has changed
 * its status, or its answers so that what is missing or warned about differs,
 * the screen says so and shows it as it is now instead.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "db-case.h"
#include "readcheck.h"
#include "ui.h"
#include "uktime.h"
#include "util.h"
#include "wtext.h"

enum {
	FIN_COMPLETE = UI_ACT_SCREEN,
	FIN_REOPEN,
	FIN_BACK,
	FIN_REASON_DONE,
	FIN_REASON_CANCEL,
	FIN_SUMMARY
};

/*
 * The keys, in three tables that differ only in the hint line: it offers only
 * the keys that can act now, c while the case can be marked complete and r
 * while it is complete. Both keys stay in every table, so each still says why
 * it cannot act (and catches another window's change).
 */
#define FIN_KEYS(complete, reopen) {					\
	{ 'c', 0, FIN_COMPLETE, "c", "mark the case complete (when nothing "	\
	    "is missing; warnings may be overridden)", complete },	\
	{ '\r', 0, FIN_COMPLETE, "Enter", NULL, NULL },			\
	{ '\n', 0, FIN_COMPLETE, "Enter", NULL, NULL },			\
	{ KEY_ENTER, 1, FIN_COMPLETE, "Enter", NULL, NULL },		\
	{ 'r', 0, FIN_REOPEN, "r", "reopen a complete case (asks for a "	\
	    "reason)", reopen },						\
	{ 's', 0, FIN_SUMMARY, "s", "summary of the case before finishing; " \
	    "Enter there reads a question", "summary" },		\
	UI_KEY_TALLY,							\
	UI_KEY_TALLY_MORE,						\
	UI_KEY_HELP,							\
	{ 'q', 0, FIN_BACK, "q", "back", "back" },			\
	{ 0x1b, 0, FIN_BACK, "Esc", NULL, NULL },			\
	UI_KEY_END							\
}
static const struct ui_key ui_finish_keys[] = FIN_KEYS("complete", NULL);
static const struct ui_key ui_finish_keys_missing[] = FIN_KEYS(NULL, NULL);
static const struct ui_key ui_finish_keys_complete[] = FIN_KEYS(NULL, "reopen");

static const struct ui_key ui_finish_reason_keys[] = {
	{ '\r', 0, FIN_REASON_DONE, "Enter", "reopen the case with this reason",
	    "reopen" },
	{ '\n', 0, FIN_REASON_DONE, "Enter", NULL, NULL },
	{ KEY_ENTER, 1, FIN_REASON_DONE, "Enter", NULL, NULL },
	{ 0x1b, 0, FIN_REASON_CANCEL, "Esc", "cancel: leave the case complete",
	    "cancel" },
	UI_KEY_TALLY_TEXT,
	UI_KEY_HELP_TEXT,
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

	if (fin->asking)
		return ui_finish_reason_keys;
	if (fin->c.complete)
		return ui_finish_keys_complete;
	if (fin->rc.missing > 0)
		return ui_finish_keys_missing;
	return ui_finish_keys;
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

/*
 * The issues of one sort, one a line from row y and above row end; when they do
 * not all fit, the last row says how many more. Returns the next row.
 */
static int
ui_finish_issues(struct ui *ui, struct finish *fin, int y, int end,
    int missing)
{
	const struct qbank	*bank = db_bank(ui_db(ui));
	struct rc_issue		*is;
	char			*s, *t;
	size_t			 i, total = 0, shown = 0;

	for (i = 0; i < fin->rc.nissues; i++) {
		if ((fin->rc.issues[i].kind == RC_MISSING) == missing)
			total++;
	}
	for (i = 0; i < fin->rc.nissues && y < end; i++) {
		is = &fin->rc.issues[i];
		if ((is->kind == RC_MISSING) != missing)
			continue;
		if (y == end - 1 && shown + 1 < total) {
			t = xasprintf("... and %zu more %s", total - shown,
			    missing ? "missing" : "warnings");
			ui_put(y++, 3, COLS - 4, ui_attr(ui, UI_DIM), t);
			free(t);
			break;
		}
		s = readcheck_describe(bank, is);
		t = xasprintf("%s %s", missing ? "missing:" : "warning:", s);
		ui_put(y++, 3, COLS - 4, missing ? ui_attr(ui, UI_ERROR) :
		    0, t);
		free(t);
		free(s);
		shown++;
	}
	return y;
}

/* "12 Mar 2025 10:15 GMT  reopened by Ann Smith: the reason". */
static char *
ui_finish_event(const struct db_event *e)
{
	const char	*what;
	char		*at, *s;

	at = uktime_show(e->at);
	switch (e->kind) {
	case DB_EVENT_WITHDRAW:
		what = "withdrawn from the sample";
		break;
	case DB_EVENT_REINSTATE:
		s = xasprintf("%s  reinstated in the sample by %s", at,
		    e->inspector);
		free(at);
		return s;
	case DB_EVENT_DETAILS:
		what = "details changed";
		break;
	default:
		what = NULL;
		break;
	}
	if (what != NULL)
		s = xasprintf("%s  %s by %s: %s", at, what, e->inspector,
		    e->reason);
	else if (!e->reopen)
		s = xasprintf("%s  marked complete by %s", at, e->inspector);
	else
		s = xasprintf("%s  reopened by %s: %s", at, e->inspector,
		    e->reason);
	free(at);
	return s;
}

#define FIN_RECORD_ROWS	6	/* the record's rows at most, its heading too */

/* Rows the record at the foot takes: none when the case has no events. */
static int
ui_finish_record_rows(struct finish *fin)
{
	struct wtext_line	*l;
	char			*s;
	size_t			 i;
	int			 rows = 1;

	for (i = fin->nevents; i > 0 && rows < FIN_RECORD_ROWS; i--) {
		s = ui_finish_event(&fin->events[i - 1]);
		rows += (int)wtext_wrap(s, strlen(s), COLS - 6, &l);
		free(l);
		free(s);
	}
	if (fin->nevents == 0)
		return 0;
	return rows < FIN_RECORD_ROWS ? rows : FIN_RECORD_ROWS;
}

/*
 * The case's completions and reopenings, newest last, in the rows from y to
 * the foot: the newest that fit, each reason whole when there is room.
 */
static void
ui_finish_record(struct ui *ui, struct finish *fin, int y)
{
	struct wtext_line	*l;
	char			*s;
	size_t			 first, i;
	int			 rows = LINES - 3 - y, need = 0, n;

	if (fin->nevents == 0 || rows < 2)
		return;
	/* From the newest back, as many as fit under the heading. */
	for (first = fin->nevents; first > 0; first--) {
		s = ui_finish_event(&fin->events[first - 1]);
		n = (int)wtext_wrap(s, strlen(s), COLS - 6, &l);
		free(l);
		free(s);
		if (need + n > rows - 1 && first < fin->nevents)
			break;
		need += n;
	}
	if (first > 0)
		s = xasprintf("Record of this case (the last %zu of %zu "
		    "events):", fin->nevents - first, fin->nevents);
	else
		s = xstrdup("Record of this case:");
	ui_put(y++, 1, COLS - 2, ui_attr(ui, UI_HEADING), s);
	free(s);
	for (i = first; i < fin->nevents && y < LINES - 3; i++) {
		s = ui_finish_event(&fin->events[i]);
		y += ui_put_wrapped_more(ui, y, 3, COLS - 6, LINES - 3 - y, 0,
		    s, "... (the reason goes on)");
		free(s);
	}
}

static void
ui_finish_draw(struct ui *ui, void *data)
{
	struct finish	*fin = data;
	struct db_event	*e;
	char		*s, *at;
	int		 y = 2, foot, record = ui_finish_record_rows(fin);

	/* Everything above the record; the record from foot down. */
	foot = LINES - 3 - record;
	ui_title(ui, "Finish case %s: %zu/%zu questions answered", fin->c.ref,
	    fin->rc.answered, fin->rc.applicable);
	ui_finish_record(ui, fin, foot);
	if (fin->c.complete) {
		ui_put(y++, 1, COLS - 2, ui_attr(ui, UI_HEADING),
		    "This case is marked COMPLETE.");
		y++;
		if (fin->nevents > 0) {
			e = &fin->events[fin->nevents - 1];
			at = uktime_show(e->at);
			s = xasprintf("Marked complete %s by %s.", at,
			    e->inspector);
			free(at);
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
		/* Room kept for the closing line under the lists, and a gap. */
		y = ui_finish_issues(ui, fin, y, foot - 3, 1);
		if (fin->rc.warnings > 0 && y < foot - 4) {
			y++;
			y = ui_finish_issues(ui, fin, y, foot - 3, 0);
		}
		ui_put(y + (y < foot - 2), 1, COLS - 2, 0, "Press q to go back "
		    "and answer them.");
		return;
	}
	ui_put(y++, 1, COLS - 2, ui_attr(ui, UI_HEADING), "Every applicable "
	    "key question is answered.");
	y++;
	if (fin->rc.warnings > 0) {
		ui_put(y++, 1, COLS - 2, 0, "Check these before marking "
		    "the case complete (you may go ahead anyway):");
		/* A blank row under the closing line, above the record. */
		y = ui_finish_issues(ui, fin, y, foot - 3, 0);
		y++;
	}
	ui_put(y, 1, COLS - 2, 0, "Press c or Enter to mark the case "
	    "complete, q to go back.");
}

/* The status and the issues the screen shows: what completing rests on. */
static int
ui_finish_same(const struct finish *a, const struct finish *b)
{
	size_t	i;

	if (a->c.complete != b->c.complete || a->rc.nissues != b->rc.nissues ||
	    a->rc.missing != b->rc.missing)
		return 0;
	for (i = 0; i < a->rc.nissues; i++) {
		if (a->rc.issues[i].kind != b->rc.issues[i].kind ||
		    a->rc.issues[i].question != b->rc.issues[i].question)
			return 0;
	}
	return 1;
}

/* The case as the file holds it now, or NULL after showing why not. */
static struct finish *
ui_finish_fresh(struct ui *ui, const struct finish *fin)
{
	struct finish	*now = xcalloc(1, sizeof *now);

	now->id = fin->id;
	if (ui_finish_load(ui, now) != 0) {
		ui_finish_unload(now);
		free(now);
		return NULL;
	}
	return now;
}

/* Show now (from ui_finish_fresh, which is freed) instead of what was shown. */
static void
ui_finish_take(struct finish *fin, struct finish *now)
{
	ui_finish_unload(fin);
	fin->c = now->c;
	fin->rc = now->rc;
	fin->events = now->events;
	fin->nevents = now->nevents;
	free(now);
	fin->asking = 0;
}

/*
 * A key acted on a status another window may have changed: reload, and 1 when
 * the case's status is no longer the one shown (the screen then shows it).
 */
static int
ui_finish_status_changed(struct ui *ui, struct finish *fin)
{
	struct finish	*now;
	int		 changed;

	if ((now = ui_finish_fresh(ui, fin)) == NULL)
		return 0;
	changed = now->c.complete != fin->c.complete;
	ui_finish_take(fin, now);
	return changed;
}

/*
 * Mark the case complete (complete 1) or reopen it with reason, but only if it
 * is as the screen shows it. The check and the change are one write
 * transaction, so no other window can come between them. Returns 0 when done,
 * 1 when the case had changed (the screen now shows it as it is, and the
 * status line says what changed), -1 after showing the error.
 */
static int
ui_finish_set(struct ui *ui, struct finish *fin, int complete,
    const char *reason)
{
	struct db	*db = ui_db(ui);
	struct finish	*now;
	char		*cause = NULL;

	if (db_txn_begin(db, "finish", &cause) != 0) {
		ui_error(ui, cause);
		return -1;
	}
	/* The case on screen, not another that came to have its id. */
	if (db_case_same(db, fin->id, fin->c.kind, fin->c.ref, &cause) != 0) {
		db_txn_rollback(db, "finish");
		ui_error(ui, cause);
		return -1;
	}
	if ((now = ui_finish_fresh(ui, fin)) == NULL) {
		db_txn_rollback(db, "finish");
		return -1;
	}
	if ((complete && !ui_finish_same(fin, now)) || (!complete &&
	    !now->c.complete)) {
		db_txn_rollback(db, "finish");
		ui_finish_take(fin, now);
		if (fin->c.complete && complete)
			ui_status(ui, "case %s was marked complete in another "
			    "window meanwhile", fin->c.ref);
		else if (!complete)
			ui_status(ui, "case %s was reopened in another window "
			    "meanwhile; your reason was not recorded",
			    fin->c.ref);
		else if (fin->rc.missing > 0)
			ui_status(ui, "not marked complete: case %s changed in "
			    "another window; see what is missing", fin->c.ref);
		else
			ui_status(ui, "not marked complete: case %s changed in "
			    "another window; check it, then press c again",
			    fin->c.ref);
		return 1;
	}
	ui_finish_unload(now);
	free(now);
	if (db_case_set_complete(db, fin->id, complete, reason, &cause) != 0) {
		db_txn_rollback(db, "finish");
		ui_error(ui, cause);
		return -1;
	}
	if (db_txn_commit(db, "finish", &cause) != 0) {
		ui_error(ui, cause);
		return -1;
	}
	return 0;
}

/* The summary's Enter: leave the finish screen for the question. */
static void
ui_finish_summary_jump(struct ui *ui, void *arg, const char *question)
{
	struct finish	*fin = arg;
	long long	 id = fin->id;

	ui_pop(ui);		/* frees fin */
	ui_read_jump(ui, id, question);
}

static void
ui_finish_key(struct ui *ui, void *data, int action, int fkey, wint_t ch)
{
	struct finish	*fin = data;
	char		*ref;

	switch (action) {
	case FIN_COMPLETE:
		if (fin->c.complete && ui_finish_status_changed(ui, fin)) {
			ui_status(ui, "case %s was reopened in another window: "
			    "check it, then press c again", fin->c.ref);
			break;
		}
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
		if (ui_finish_set(ui, fin, 1, NULL) != 0)
			break;
		ref = xstrdup(fin->c.ref);
		ui_pop(ui);
		ui_status(ui, "case %s marked complete", ref);
		free(ref);
		break;
	case FIN_REOPEN:
		if (fin->c.complete)
			fin->asking = 1;
		else if (ui_finish_status_changed(ui, fin))
			ui_status(ui, "case %s was marked complete in another "
			    "window: press r again to reopen it", fin->c.ref);
		else
			ui_status(ui, "the case is not complete");
		break;
	case FIN_REASON_DONE:
		if (ui_finish_set(ui, fin, 0, fin->reason.text) != 0)
			break;
		ref = xstrdup(fin->c.ref);
		ui_pop(ui);
		ui_status(ui, "case %s reopened", ref);
		free(ref);
		break;
	case FIN_REASON_CANCEL:
		fin->asking = 0;
		break;
	case FIN_SUMMARY:
		ui_summary_open(ui, fin->id, NULL, ui_finish_summary_jump, fin);
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
