/*
 * The case summary: the case's framework details (interviews, period
 * inspected) at the head, every applicable question of a case in reading
 * order with its answer and the first line of its note, and the finish checks
 * (key questions unanswered, soft-rule warnings) at the foot. Enter goes to the
 * question, through the caller's jump function. Reads only: nothing is saved
 * from here.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "db-case.h"
#include "readcheck.h"
#include "readnav.h"
#include "ui.h"
#include "util.h"

enum {
	SUM_UP = UI_ACT_SCREEN,
	SUM_DOWN,
	SUM_PGUP,
	SUM_PGDN,
	SUM_HOME,
	SUM_END,
	SUM_GO,
	SUM_BACK
};

static const struct ui_key ui_summary_keys[] = {
	{ KEY_UP, 1, SUM_UP, "Up", "move up", NULL },
	{ 'k', 0, SUM_UP, "k", NULL, NULL },
	{ KEY_DOWN, 1, SUM_DOWN, "Down", "move down", NULL },
	{ 'j', 0, SUM_DOWN, "j", NULL, NULL },
	{ KEY_PPAGE, 1, SUM_PGUP, "PgUp", "up a page", NULL },
	{ '[', 0, SUM_PGUP, "[", NULL, NULL },
	{ KEY_NPAGE, 1, SUM_PGDN, "PgDn", "down a page", NULL },
	{ ']', 0, SUM_PGDN, "]", NULL, NULL },
	{ KEY_HOME, 1, SUM_HOME, "Home", "first question", NULL },
	{ KEY_END, 1, SUM_END, "End", "last question", NULL },
	{ '\r', 0, SUM_GO, "Enter", "go to this question", "go to" },
	{ '\n', 0, SUM_GO, "Enter", NULL, NULL },
	{ KEY_ENTER, 1, SUM_GO, "Enter", NULL, NULL },
	UI_KEY_TALLY,
	UI_KEY_TALLY_MORE,
	UI_KEY_HELP,
	{ 'q', 0, SUM_BACK, "q", "back", "back" },
	{ 0x1b, 0, SUM_BACK, "Esc", NULL, NULL },
	{ 's', 0, SUM_BACK, "s", NULL, NULL },
	UI_KEY_END
};

struct summary {
	long long		 id;
	struct db_case		 c;
	struct readnav		 rn;
	struct db_answer	*answers;
	size_t			 nanswers;
	struct readcheck	 check;
	char			**checks;	/* the finish checks, one a line */
	size_t			 nchecks;
	size_t			 cur;
	size_t			 top;
	ui_summary_jump_fn	 jump;
	void			*arg;
};

static const struct ui_key *
ui_summary_keys_now(void *data)
{
	(void)data;
	return ui_summary_keys;
}

static void
ui_summary_unload(struct summary *sm)
{
	size_t	i;

	for (i = 0; i < sm->nchecks; i++)
		free(sm->checks[i]);
	free(sm->checks);
	sm->checks = NULL;
	sm->nchecks = 0;
	readcheck_clear(&sm->check);
	readnav_clear(&sm->rn);
	db_answer_list_free(sm->answers, sm->nanswers);
	sm->answers = NULL;
	sm->nanswers = 0;
	db_case_clear(&sm->c);
}

static void
ui_summary_check(struct summary *sm, char *line)
{
	sm->checks = xreallocarray(sm->checks, sm->nchecks + 1,
	    sizeof *sm->checks);
	sm->checks[sm->nchecks++] = line;
}

static int
ui_summary_load(struct ui *ui, struct summary *sm)
{
	const struct qbank	*bank = db_bank(ui_db(ui));
	char			*cause = NULL, *s;
	size_t			 i;

	ui_summary_unload(sm);
	if (db_case_get(ui_db(ui), sm->id, &sm->c, &cause) != 0 ||
	    db_answer_list(ui_db(ui), sm->id, &sm->answers, &sm->nanswers,
	    &cause) != 0) {
		if (cause != NULL)
			ui_error(ui, cause);
		return -1;
	}
	readnav_init(&sm->rn, bank, sm->c.kind, sm->c.type);
	readnav_load(&sm->rn, sm->answers, sm->nanswers);
	readcheck_case(bank, sm->c.kind, sm->c.type, sm->answers,
	    sm->nanswers, &sm->check);
	if (sm->check.missing == 0)
		ui_summary_check(sm, xstrdup("Every applicable key question is "
		    "answered."));
	for (i = 0; i < sm->check.nissues; i++) {
		s = readcheck_describe(bank, &sm->check.issues[i]);
		ui_summary_check(sm, xasprintf("%s %s",
		    sm->check.issues[i].kind == RC_MISSING ? "Missing:" :
		    "Warning:", s));
		free(s);
	}
	if (sm->cur >= sm->rn.n)
		sm->cur = sm->rn.n > 0 ? sm->rn.n - 1 : 0;
	return 0;
}

static const struct db_answer *
ui_summary_answer(const struct summary *sm, const char *id)
{
	size_t	i;

	for (i = 0; i < sm->nanswers; i++) {
		if (strcmp(sm->answers[i].question, id) == 0)
			return &sm->answers[i];
	}
	return NULL;
}

/* Rows of the details at the head: a victims' case has its worker's too. */
static int
ui_summary_head(const struct summary *sm)
{
	return sm->c.kind == QB_VICTIM ? 2 : 1;
}

/* Rows for the questions: what the finish checks leave (at most 6 of them). */
static int
ui_summary_rows(const struct summary *sm)
{
	int	checks = sm->nchecks > 6 ? 6 : (int)sm->nchecks;
	int	rows = LINES - 3 - 3 - checks - ui_summary_head(sm);

	return rows > 1 ? rows : 1;
}

/* The case's details as the inspector and the lead ask about them. */
static void
ui_summary_details(const struct summary *sm)
{
	const struct db_case_details	*d = &sm->c.details;
	char				*s;

	if (*d->period_start != '\0')
		s = xasprintf("Manager interviewed: %s   Period: %s to %s",
		    db_details_interviewed_name(d->manager_interviewed),
		    d->period_start, d->period_end);
	else
		s = xasprintf("Manager interviewed: %s   Period: not recorded",
		    db_details_interviewed_name(d->manager_interviewed));
	ui_put(1, 2, COLS - 3, 0, s);
	free(s);
	if (sm->c.kind != QB_VICTIM)
		return;
	s = xasprintf("Interview: %s   Victim worker: %s", *d->interview !=
	    '\0' ? d->interview : "none", *d->victim_worker != '\0' ?
	    d->victim_worker : "none");
	ui_put(2, 2, COLS - 3, 0, s);
	free(s);
}

static void
ui_summary_draw(struct ui *ui, void *data)
{
	struct summary			*sm = data;
	const struct qb_question	*q;
	const struct db_answer		*a;
	size_t				 answered, applicable, i, n;
	char				*note;
	int				 rows = ui_summary_rows(sm), y, attr;
	int				 top = 1 + ui_summary_head(sm);

	readnav_progress(&sm->rn, &answered, &applicable);
	ui_title(ui, "Summary of case %s: %zu/%zu answered, %s", sm->c.ref,
	    answered, applicable, ui_case_state(&sm->c));
	ui_summary_details(sm);
	ui_put(top, 2, 10, ui_attr(ui, UI_HEADING), "Question");
	ui_put(top, 12, 7, ui_attr(ui, UI_HEADING), "Answer");
	ui_put(top, 20, COLS - 21, ui_attr(ui, UI_HEADING),
	    "Note (first line)");
	if (sm->cur < sm->top)
		sm->top = sm->cur;
	if (sm->cur >= sm->top + (size_t)rows)
		sm->top = sm->cur - (size_t)rows + 1;
	for (i = sm->top, y = top + 1; i < sm->rn.n && y < top + 1 + rows;
	    i++, y++) {
		q = readnav_question(&sm->rn, i);
		a = ui_summary_answer(sm, q->id);
		attr = i == sm->cur ? ui_attr(ui, UI_SELECTED) : q->is_key ?
		    ui_attr(ui, UI_HEADING) : 0;
		if (i == sm->cur) {
			attron(attr);
			mvhline(y, 0, ' ', COLS);
			attroff(attr);
		}
		ui_put(y, 0, 2, attr, i == sm->cur ? ">" : " ");
		ui_put(y, 2, 10, attr, q->id);
		ui_put(y, 12, 7, attr, sm->rn.value[i] == ANSWER_NONE ? "-" :
		    sm->rn.value[i] == ANSWER_NA ? "n/a" :
		    db_answer_name(sm->rn.value[i]));
		if (a != NULL && a->note[0] != '\0') {
			n = strcspn(a->note, "\n");
			note = xasprintf("%.*s%s", (int)n, a->note,
			    a->note[n] != '\0' ? " ..." : "");
			/* Cut to its column, ending in an ellipsis. */
			ui_put(y, 20, COLS - 21, attr, note);
			free(note);
		}
	}
	y = top + 1 + rows + 1;
	ui_put(y++, 1, COLS - 2, ui_attr(ui, UI_HEADING), "Finish checks:");
	for (i = 0; i < sm->nchecks && y < LINES - 2; i++)
		ui_put(y++, 3, COLS - 4, sm->checks[i][0] == 'M' ?
		    ui_attr(ui, UI_ERROR) : 0, sm->checks[i]);
}

static void
ui_summary_key(struct ui *ui, void *data, int action, int fkey, wint_t ch)
{
	struct summary			*sm = data;
	size_t				 page = (size_t)ui_summary_rows(sm);
	const struct qb_question	*q;
	ui_summary_jump_fn		 jump;
	void				*arg;

	(void)fkey;
	(void)ch;
	switch (action) {
	case SUM_UP:
		if (sm->cur > 0)
			sm->cur--;
		break;
	case SUM_DOWN:
		if (sm->cur + 1 < sm->rn.n)
			sm->cur++;
		break;
	case SUM_PGUP:
		sm->cur = sm->cur > page ? sm->cur - page : 0;
		break;
	case SUM_PGDN:
		sm->cur = sm->cur + page < sm->rn.n ? sm->cur + page :
		    (sm->rn.n > 0 ? sm->rn.n - 1 : 0);
		break;
	case SUM_HOME:
		sm->cur = 0;
		break;
	case SUM_END:
		sm->cur = sm->rn.n > 0 ? sm->rn.n - 1 : 0;
		break;
	case SUM_GO:
		if (sm->rn.n == 0)
			break;
		q = readnav_question(&sm->rn, sm->cur);
		jump = sm->jump;
		arg = sm->arg;
		/* q is the bank's: it outlives this screen. */
		ui_pop(ui);
		jump(ui, arg, q->id);
		break;
	case SUM_BACK:
		ui_pop(ui);
		break;
	}
}

static void
ui_summary_resume(struct ui *ui, void *data)
{
	ui_summary_load(ui, data);
}

static void
ui_summary_free(void *data)
{
	struct summary	*sm = data;

	ui_summary_unload(sm);
	free(sm);
}

static const struct ui_screen_ops ui_summary_ops = {
	"Case summary",
	ui_summary_keys_now,
	ui_summary_draw,
	ui_summary_key,
	ui_summary_resume,
	ui_summary_free
};

void
ui_summary_open(struct ui *ui, long long id, const char *question,
    ui_summary_jump_fn jump, void *arg)
{
	struct summary	*sm = xcalloc(1, sizeof *sm);
	long		 pos;

	sm->id = id;
	sm->jump = jump;
	sm->arg = arg;
	if (ui_summary_load(ui, sm) != 0) {
		ui_summary_free(sm);
		return;
	}
	if (question != NULL && (pos = readnav_find(&sm->rn, question)) >= 0)
		sm->cur = (size_t)pos;
	ui_push(ui, &ui_summary_ops, sm);
}
