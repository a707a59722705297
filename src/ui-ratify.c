/*
 * The ratification screen, from the tally (r): what the ratification meeting
 * (IYJWCV) or ratings panel (IYJS) decides for the victims' standard. It shows
 * V1.1's band, asks V1.2 with the four areas the framework names for it as
 * prompts the meeting can answer, then the range they give, the decision
 * within it and the reason, which is recorded with both judgements and in the
 * decision log. The range is tally.c's rule; domain one is left to
 * caseread ratify --domain1.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "db-case.h"
#include "db-tally.h"
#include "tally.h"
#include "ui.h"
#include "util.h"

enum {
	RAT_YES = UI_ACT_SCREEN,
	RAT_NO,
	RAT_LOWER,
	RAT_HIGHER,
	RAT_REASON,
	RAT_RECORD,
	RAT_CANCEL,
	RAT_BACK
};

static const struct ui_key ui_ratify_keys[] = {
	{ 'y', 0, RAT_YES, "y", "V1.2 yes: the arrangements drive good work "
	    "with victims", "V1.2 yes" },
	{ 'n', 0, RAT_NO, "n", "V1.2 no", "no" },
	{ KEY_LEFT, 1, RAT_LOWER, "Left", "the lower rating of the range (or "
	    "undecided)", NULL },
	{ KEY_RIGHT, 1, RAT_HIGHER, "Right", "the higher rating of the range",
	    "decide" },
	{ '\r', 0, RAT_REASON, "Enter", "type the reason, then Enter records "
	    "V1.2 and the decision", "reason" },
	{ '\n', 0, RAT_REASON, "Enter", NULL, NULL },
	{ KEY_ENTER, 1, RAT_REASON, "Enter", NULL, NULL },
	UI_KEY_HELP,
	{ 'q', 0, RAT_BACK, "q", "back to the tally, recording nothing",
	    "back" },
	{ 0x1b, 0, RAT_BACK, "Esc", NULL, NULL },
	UI_KEY_END
};

static const struct ui_key ui_ratify_reason_keys[] = {
	{ '\r', 0, RAT_RECORD, "Enter", "record V1.2 and the decision with "
	    "this reason", "record" },
	{ '\n', 0, RAT_RECORD, "Enter", NULL, NULL },
	{ KEY_ENTER, 1, RAT_RECORD, "Enter", NULL, NULL },
	{ 0x1b, 0, RAT_CANCEL, "Esc", "stop typing: record nothing yet",
	    "cancel" },
	UI_KEY_HELP_TEXT,
	UI_KEY_END
};

/* The four areas V1.2 looks at (caseread(1), RATINGS), as questions. */
static const char *const v12_areas[] = {
	"Is the management board active, and does it drive the work with "
	    "victims?",
	"Is information about victims shared well, inside and outside the "
	    "service?",
	"Are staff skilled and supported, with workloads they can manage?",
	"Is the work with victims monitored, evaluated and reviewed?"
};

struct ratify {
	int		 v12;		/* as chosen here: 1, 0, -1 not yet */
	int		 decision;	/* TALLY_* or TALLY_NONE: undecided */
	int		 asking;	/* typing the reason */
	struct editbuf	 reason;
	int		 seen_v12;	/* the judgements as the screen opened, */
	int		 seen_panel;	/* which a save must still find */
};

static const struct ui_key *
ui_ratify_keys_now(void *data)
{
	struct ratify	*r = data;

	return r->asking ? ui_ratify_reason_keys : ui_ratify_keys;
}

/* A new tally of the file, or NULL with the error shown. */
static struct tally *
ui_ratify_tally(struct ui *ui)
{
	struct tally	*t = tally_new(db_bank(ui_db(ui)));
	char		*cause = NULL;

	if (db_tally(ui_db(ui), t, &cause) != 0) {
		ui_error(ui, cause);
		tally_free(t);
		return NULL;
	}
	return t;
}

/* The range the band and the V1.2 chosen here give; -1 without one. */
static int
ui_ratify_range(const struct tally *t, int v12, int *lo, int *hi)
{
	if (t->victim_standard < 0)
		return tally_v1_range(TALLY_NONE, -1, lo, hi);
	return tally_v1_range(t->standards[t->victim_standard].band, v12, lo,
	    hi);
}

static void
ui_ratify_draw(struct ui *ui, void *data)
{
	struct ratify			*r = data;
	const struct db_inspection	*insp = db_inspection(ui_db(ui));
	const struct tally_standard	*v1;
	const struct tally_key		*k;
	struct tally			*t;
	char				*s;
	size_t				 i;
	int				 y = 2, lo, hi;

	if ((t = ui_ratify_tally(ui)) == NULL)
		return;
	ui_title(ui, "Ratify: %s (%s), the %s", insp->service, insp->type,
	    tally_meeting(t));
	if (t->victim_standard < 0) {
		ui_put(y, 1, COLS - 2, 0, "This question bank has no victims' "
		    "standard to ratify.");
		tally_free(t);
		return;
	}
	v1 = &t->standards[t->victim_standard];
	k = &t->keys[v1->first_key];
	if (v1->band == TALLY_NONE)
		s = xasprintf("V1.1 has no band yet: no victim's case has a yes "
		    "or no answer to it.");
	else
		s = xasprintf("V1.1 band: %s (%ld of %ld %s sufficient, "
		    "%d%%)%s", tally_rating_name(v1->band), k->count.yes,
		    k->count.yes + k->count.no, tally_cases_word(k->count.yes +
		    k->count.no, QB_VICTIM), tally_percent(k->count.yes,
		    k->count.yes + k->count.no), v1->provisional ?
		    ", provisional" : "");
	ui_put(y++, 1, COLS - 2, ui_attr(ui, UI_HEADING), s);
	free(s);
	y++;
	ui_put(y++, 1, COLS - 2, ui_attr(ui, UI_HEADING), "V1.2 Do the "
	    "service's arrangements drive good work with victims?");
	ui_put(y++, 3, COLS - 4, ui_attr(ui, UI_DIM), "The meeting looks "
	    "at four areas:");
	for (i = 0; i < sizeof v12_areas / sizeof v12_areas[0]; i++)
		ui_put(y++, 5, COLS - 6, 0, v12_areas[i]);
	s = xasprintf("V1.2: %s   (y yes, n no)", r->v12 == -1 ?
	    "not recorded" : r->v12 ? "yes" : "no");
	ui_put(++y, 3, COLS - 4, ui_attr(ui, UI_SELECTED), s);
	free(s);
	y += 2;
	if (ui_ratify_range(t, r->v12, &lo, &hi) == 0)
		s = xasprintf("Range: %s to %s", tally_rating_name(lo),
		    tally_rating_name(hi));
	else
		s = xstrdup("Range: none until V1.1 has a band and V1.2 is "
		    "answered");
	ui_put(y++, 3, COLS - 4, 0, s);
	free(s);
	s = xasprintf("Decision of the %s: %s   (Left, Right)",
	    tally_meeting(t), r->decision == TALLY_NONE ? "undecided" :
	    tally_rating_name(r->decision));
	ui_put(y++, 3, COLS - 4, ui_attr(ui, UI_SELECTED), s);
	free(s);
	ui_put(++y, 3, 8, 0, "Reason:");
	if (r->asking)
		ui_edit_draw(ui, y, 11, COLS - 12, &r->reason);
	else
		ui_put(y, 11, COLS - 12, r->reason.len > 0 ? 0 :
		    ui_attr(ui, UI_DIM), r->reason.len > 0 ? r->reason.text :
		    "(Enter to type it)");
	y += 2;
	if (v1->rating != TALLY_NONE)
		s = xasprintf("Recorded: %s, decided by the %s%s%s",
		    tally_rating_name(v1->rating), tally_meeting(t),
		    t->panel_reason != NULL && *t->panel_reason != '\0' ?
		    ": " : "", t->panel_reason != NULL ? t->panel_reason : "");
	else
		s = xasprintf("Recorded: not decided yet.");
	ui_put_wrapped(y, 1, COLS - 2, 2, ui_attr(ui, UI_DIM), s);
	free(s);
	tally_free(t);
}

/*
 * Record V1.2 and the decision with the reason, checked against the range and
 * against the judgements the screen opened with (a V1.2 or rating recorded
 * meanwhile elsewhere is not reversed unseen) in the same write transaction,
 * all or nothing.
 */
static int
ui_ratify_record(struct ui *ui, struct ratify *r)
{
	struct db		*db = ui_db(ui);
	struct tally		*t = NULL;
	struct db_judgement_edit e[2];
	char			*cause = NULL;
	int			 lo, hi, rc;

	if (r->v12 == -1) {
		r->asking = 0;		/* so that y and n answer it */
		ui_status(ui, "answer V1.2 first (y or n); the reason is kept");
		return -1;
	}
	if (r->reason.len == 0) {
		ui_status(ui, "the meeting's reason is needed: type it");
		return -1;
	}
	if (db_txn_begin(db, "ratify", &cause) != 0) {
		ui_error(ui, cause);
		return -1;
	}
	t = tally_new(db_bank(db));
	if (db_tally(db, t, &cause) != 0)
		goto fail;
	if (r->decision != TALLY_NONE && (ui_ratify_range(t, r->v12, &lo,
	    &hi) != 0 || r->decision < lo || r->decision > hi)) {
		cause = xstrdup("the decision is outside the range: the answers "
		    "changed in another window");
		goto fail;
	}
	e[0].name = "V1.2";
	e[0].seen = r->seen_v12 == -1 ? NULL : r->seen_v12 ? "yes" : "no";
	e[0].value = r->v12 ? "yes" : "no";
	e[1].name = "victims";
	e[1].seen = tally_rating_name(r->seen_panel);
	e[1].value = tally_rating_name(r->decision);
	if ((rc = db_judgement_decide_if(db, e, 2, r->reason.text,
	    &cause)) != 0) {
		tally_free(t);
		db_txn_rollback(db, "ratify");
		if (err_code_of(rc) != ERR_CHANGED) {
			ui_error(ui, cause);
			return -1;
		}
		/* Stay, with what was chosen and typed; q, then d shows it. */
		r->asking = 0;
		ui_status(ui, "%s; q, then d to see it", cause);
		free(cause);
		return -1;
	}
	tally_free(t);
	return db_txn_commit(db, "ratify", &cause) == 0 ? 0 :
	    (ui_error(ui, cause), -1);

fail:
	tally_free(t);
	db_txn_rollback(db, "ratify");
	ui_error(ui, cause);
	return -1;
}

/* Keep the decision inside the range V1.2 now gives. */
static void
ui_ratify_clamp(struct ui *ui, struct ratify *r, int step)
{
	struct tally	*t;
	int		 lo, hi;

	if ((t = ui_ratify_tally(ui)) == NULL)
		return;
	if (ui_ratify_range(t, r->v12, &lo, &hi) != 0)
		r->decision = TALLY_NONE;
	else if (step > 0)
		r->decision = r->decision == TALLY_NONE ? lo : hi;
	else if (step < 0)
		r->decision = r->decision == hi && lo != hi ? lo : TALLY_NONE;
	else if (r->decision != TALLY_NONE && (r->decision < lo ||
	    r->decision > hi))
		r->decision = TALLY_NONE;
	tally_free(t);
}

static void
ui_ratify_key(struct ui *ui, void *data, int action, int fkey, wint_t ch)
{
	struct ratify	*r = data;

	switch (action) {
	case RAT_YES:
	case RAT_NO:
		r->v12 = action == RAT_YES;
		ui_ratify_clamp(ui, r, 0);
		break;
	case RAT_LOWER:
		ui_ratify_clamp(ui, r, -1);
		break;
	case RAT_HIGHER:
		ui_ratify_clamp(ui, r, 1);
		break;
	case RAT_REASON:
		r->asking = 1;
		break;
	case RAT_CANCEL:
		r->asking = 0;
		break;
	case RAT_RECORD:
		if (ui_ratify_record(ui, r) != 0)
			break;
		ui_pop(ui);
		ui_status(ui, "V1.2 and the victims' rating recorded");
		break;
	case RAT_BACK:
		ui_pop(ui);
		break;
	case UI_ACT_NONE:
		if (r->asking)
			ui_edit_key(&r->reason, fkey, ch);
		break;
	}
}

static void
ui_ratify_free(void *data)
{
	struct ratify	*r = data;

	editbuf_clear(&r->reason);
	free(r);
}

static const struct ui_screen_ops ui_ratify_ops = {
	"Ratify",
	ui_ratify_keys_now,
	ui_ratify_draw,
	ui_ratify_key,
	NULL,
	ui_ratify_free
};

void
ui_ratify_open(struct ui *ui)
{
	struct ratify	*r = xcalloc(1, sizeof *r);
	struct tally	*t;

	r->v12 = r->seen_v12 = -1;
	r->decision = r->seen_panel = TALLY_NONE;
	if ((t = ui_ratify_tally(ui)) != NULL) {
		r->v12 = t->v12;
		r->decision = t->panel;
		r->seen_v12 = t->v12;
		r->seen_panel = t->panel;
		editbuf_init(&r->reason, t->panel_reason);
		tally_free(t);
	} else
		editbuf_init(&r->reason, NULL);
	ui_push(ui, &ui_ratify_ops, r);
}
