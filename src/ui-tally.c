/*
 * The live tally of the whole inspection, reachable with t: each key question's
 * sufficiency as a bar with marks at the band edges (50, 65, 80%), its counts and
 * band; each standard's rating; the victims' range; the overall score. It is
 * recomputed from the file (db_tally) every time it is drawn, and drawn again
 * when another window changes the file (ui_live), so it follows the answers.
 * The rules are tally.c's; this only shows them.
 * b cycles the view: the whole inspection, then each key question split by
 * reading inspector, then by case type (the tally's own groups), so the lead can
 * see one inspector judging more or less generously than the rest.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "db-tally.h"
#include "tally.h"
#include "ui.h"
#include "util.h"

enum {
	TALLY_BACK = UI_ACT_SCREEN,
	TALLY_BY,
	TALLY_UP,
	TALLY_DOWN,
	TALLY_PGUP,
	TALLY_PGDN,
	TALLY_RATIFY,
	TALLY_REPORT
};

static const struct ui_key ui_tally_keys[] = {
	{ 'b', 0, TALLY_BY, "b", "split the key questions: whole inspection, by "
	    "reading inspector, by case type", "split" },
	{ KEY_UP, 1, TALLY_UP, "Up", "scroll a split up", NULL },
	{ KEY_DOWN, 1, TALLY_DOWN, "Down", "scroll a split down", NULL },
	{ KEY_PPAGE, 1, TALLY_PGUP, "PgUp", "scroll a split up a page", NULL },
	{ '[', 0, TALLY_PGUP, "[", NULL, NULL },
	{ KEY_NPAGE, 1, TALLY_PGDN, "PgDn", "scroll a split down a page", NULL },
	{ ']', 0, TALLY_PGDN, "]", NULL, NULL },
	{ 'd', 0, TALLY_RATIFY, "d", "ratify: V1.2, the victims' rating and "
	    "domain one, with their reasons", "ratify" },
	{ 'r', 0, TALLY_REPORT, "r", "write the report for the rating meeting "
	    "next to the file (FILE.report.html)", "report" },
	UI_KEY_HELP,
	{ 'q', 0, TALLY_BACK, "q", "back to where you were, as you left it",
	    "back" },
	{ 't', 0, TALLY_BACK, "t", NULL, NULL },
	{ KEY_F(5), 1, TALLY_BACK, "F5", NULL, NULL },
	{ 0x14, 0, TALLY_BACK, "Ctrl-T", NULL, NULL },
	{ 0x1b, 0, TALLY_BACK, "Esc", NULL, NULL },
	UI_KEY_END
};

struct tally_view {
	enum tally_by	 by;		/* TALLY_BY_NONE: the whole inspection */
	int		 top;		/* first line of a split shown */
	int		 nlines;	/* lines of the split last drawn */
};

static const struct ui_key *
ui_tally_keys_now(void *data)
{
	return ui_tally_keys;
}

static const char *
ui_tally_rating(int r)
{
	const char	*s = tally_rating_short(r);

	return s != NULL ? s : "no band";
}

static int
ui_tally_keys_table(struct ui *ui, const struct tally *t, int y)
{
	const struct tally_key		*k;
	const struct qb_question	*q;
	char				 bar[TALLY_BAR_LEN], pct[16], *s;
	size_t				 i;
	long				 applicable;
	int				 p;

	ui_put(y++, 1, COLS - 2, ui_attr(ui, UI_HEADING), "Key question      "
	    "      yes/of    %  sufficient (| = 50, 65, 80%)     band");
	for (i = 0; i < t->nkeys && y < LINES - 9; i++) {
		k = &t->keys[i];
		q = &t->bank->questions[k->question];
		applicable = k->count.yes + k->count.no;
		p = tally_percent(k->count.yes, applicable);
		if (p < 0)
			snprintf(pct, sizeof pct, "   -");
		else
			snprintf(pct, sizeof pct, "%3d%%", p);
		tally_bar(bar, k->count.yes, applicable, '.');
		s = xasprintf("%-6s %-15.15s %3ld/%-3ld %s %s %s", k->id,
		    q->aspect != NULL ? q->aspect : "", k->count.yes,
		    applicable, pct, bar, ui_tally_rating(k->band));
		ui_put(y++, 1, COLS - 2, 0, s);
		free(s);
	}
	return y;
}

static int
ui_tally_standards(struct ui *ui, const struct tally *t, int y)
{
	const struct tally_standard	*st;
	const struct qb_standard	*qs;
	char				*s, *p;
	size_t				 i;

	ui_put(y++, 1, COLS - 2, ui_attr(ui, UI_HEADING), "Standards (the "
	    "lower band of their key questions)");
	for (i = 0; i < t->nstandards && y < LINES - 5; i++) {
		st = &t->standards[i];
		qs = &t->bank->standards[st->bank_standard];
		if ((long)i == t->victim_standard) {
			if (st->rating != TALLY_NONE)
				s = xasprintf("%-4s %-18.18s %s (decided by the "
				    "%s)", st->id, qs->title, tally_rating_name(
				    st->rating), tally_meeting(t));
			else if (st->range_lo != TALLY_NONE)
				s = xasprintf("%-4s %-18.18s %s or %s, V1.2 %s, "
				    "for the %s to decide (d)", st->id, qs->title,
				    ui_tally_rating(st->range_lo),
				    ui_tally_rating(st->range_hi),
				    st->v12 ? "yes" : "no", tally_meeting(t));
			else
				s = xasprintf("%-4s %-18.18s no range yet: V1.1 %s, "
				    "V1.2 %s", st->id, qs->title,
				    ui_tally_rating(st->band), st->v12 == -1 ?
				    "not recorded" : st->v12 ? "yes" : "no");
		} else if (st->kind != QB_CHILD)
			continue;
		else if (st->waiting != -1)
			s = xasprintf("%-4s %-18.18s no rating yet: %s has no yes or "
			    "no answer yet", st->id, qs->title,
			    t->keys[st->waiting].id);
		else if (st->rating == TALLY_NONE)
			s = xasprintf("%-4s %-18.18s no rating: no applicable "
			    "cases yet", st->id, qs->title);
		else
			s = xasprintf("%-4s %-18.18s %s (score %d, driven by %s)",
			    st->id, qs->title, tally_rating_name(st->rating),
			    st->rating, t->keys[st->driven_by].id);
		if (st->provisional) {
			p = xasprintf("%s; provisional", s);
			free(s);
			s = p;
		}
		ui_put(y++, 3, COLS - 4, 0, s);
		free(s);
	}
	return y;
}

/* Rows a split shows at once: rows 3 .. LINES - 4. */
static int
ui_tally_split_page(void)
{
	return LINES - 6 > 1 ? LINES - 6 : 1;
}

/*
 * The key questions split by inspector or case type, as lines: for each group a
 * heading, then each key question's yes/applicable, percent and band. by type
 * counts only children's cases, so the victims' keys are left out there.
 */
static void
ui_tally_split(struct ui *ui, struct tally_view *v, const struct tally *t)
{
	const struct tally_group	*g;
	const struct tally_key		*k;
	const struct tally_count	*c;
	const struct qb_question	*q;
	char				*s, pct[16];
	size_t				 i, n, j;
	long				 applicable;
	int				 y = 3, line = 0, last = LINES - 4, p;

	n = v->by == TALLY_BY_TYPE ? QB_NTYPES : t->ninspectors;
	ui_put(1, 1, COLS - 2, 0, v->by == TALLY_BY_TYPE ?
	    "Key questions by case type (children's cases; b: whole inspection)" :
	    "Key questions by reading inspector (b: by case type)");
	ui_put(2, 3, COLS - 4, ui_attr(ui, UI_HEADING), "Key question      "
	    "      yes/of    %  band");
	if (n == 0)
		ui_put(y, 1, COLS - 2, ui_attr(ui, UI_DIM), "No cases yet.");
	if (v->top > v->nlines - ui_tally_split_page())
		v->top = v->nlines - ui_tally_split_page();
	if (v->top < 0)
		v->top = 0;
	for (i = 0; i < n; i++) {
		g = v->by == TALLY_BY_TYPE ? &t->types[i] : &t->inspectors[i];
		if (v->by == TALLY_BY_TYPE)
			s = xasprintf("Case type %s: %ld %s", g->name,
			    g->children, tally_cases_word(g->children,
			    QB_CHILD));
		else
			s = xasprintf("Inspector %s: %ld %s, %ld %s", g->name,
			    g->children, tally_cases_word(g->children,
			    QB_CHILD), g->victims, tally_cases_word(g->victims,
			    QB_VICTIM));
		if (line >= v->top && y <= last)
			ui_put(y++, 1, COLS - 2, ui_attr(ui, UI_HEADING), s);
		free(s);
		line++;
		for (j = 0; j < t->nkeys; j++) {
			k = &t->keys[j];
			if (v->by == TALLY_BY_TYPE &&
			    t->standards[k->standard].kind != QB_CHILD)
				continue;
			c = &g->keys[j];
			q = &t->bank->questions[k->question];
			applicable = c->yes + c->no;
			p = tally_percent(c->yes, applicable);
			if (p < 0)
				snprintf(pct, sizeof pct, "   -");
			else
				snprintf(pct, sizeof pct, "%3d%%", p);
			s = xasprintf("%-6s %-15.15s %3ld/%-3ld %s  %s", k->id,
			    q->aspect != NULL ? q->aspect : "", c->yes,
			    applicable, pct, applicable > 0 ? ui_tally_rating(
			    tally_band(c->yes, applicable)) : "-");
			if (line >= v->top && y <= last)
				ui_put(y++, 3, COLS - 4, 0, s);
			free(s);
			line++;
		}
	}
	v->nlines = line;
	if (line > ui_tally_split_page()) {
		s = xasprintf("Lines %d-%d of %d: Up, Down, PgUp, PgDn scroll.",
		    v->top + 1, v->top + (y - 3), line);
		ui_put(LINES - 3, 1, COLS - 2, ui_attr(ui, UI_DIM), s);
		free(s);
	} else
		ui_put(LINES - 3, 1, COLS - 2, ui_attr(ui, UI_DIM), "Bands use "
		    "exact fractions; % shown truncated.");
}

static void
ui_tally_draw(struct ui *ui, void *data)
{
	struct tally_view		*v = data;
	const struct db_inspection	*insp = db_inspection(ui_db(ui));
	struct tally			*t;
	char				*cause = NULL, *s, *p, reason[256];
	size_t				 i, nwait;
	int				 y = 1;

	ui_live(ui);
	ui_title(ui, "Tally%s: %s (%s)", v->by == TALLY_BY_INSPECTOR ?
	    " by inspector" : v->by == TALLY_BY_TYPE ? " by case type" : "",
	    insp->service, insp->type);
	t = tally_new(db_bank(ui_db(ui)));
	if (db_tally(ui_db(ui), t, &cause) != 0) {
		ui_put(2, 1, COLS - 2, ui_attr(ui, UI_ERROR), "error: cannot "
		    "tally this file:");
		ui_put_wrapped(3, 1, COLS - 2, 4, 0, cause);
		free(cause);
		tally_free(t);
		return;
	}
	/* The sample line has no room left at 80 columns; the title has. */
	if (t->withdrawn > 0)
		ui_title(ui, "Tally%s: %s (%s); %ld withdrawn left out",
		    v->by == TALLY_BY_INSPECTOR ? " by inspector" :
		    v->by == TALLY_BY_TYPE ? " by case type" : "",
		    insp->service, insp->type, t->withdrawn);
	if (v->by != TALLY_BY_NONE) {
		ui_tally_split(ui, v, t);
		tally_free(t);
		return;
	}
	s = xasprintf("Sample: %ld %s (minimum %ld), %ld %s (minimum %ld)%s",
	    t->children, tally_cases_word(t->children, QB_CHILD),
	    t->min_children, t->victims, tally_cases_word(t->victims,
	    QB_VICTIM), t->min_victims, t->incomplete > 0 ? ";" : ".");
	ui_put(y++, 1, COLS - 2, 0, s);
	free(s);
	tally_provisional_reason(t, -1, reason, sizeof reason);
	for (i = 0, nwait = 0; i < t->nkeys; i++)
		nwait += t->keys[i].count.unanswered > 0;
	/* The reason in full when it fits the line, else in short. */
	if (reason[0] != '\0' && strlen(reason) + 14 > (size_t)COLS - 2) {
		if (t->incomplete > 0)
			s = xasprintf("Provisional: %ld draft case%s; %zu key "
			    "question%s unanswered in some.", t->incomplete,
			    t->incomplete == 1 ? "" : "s", nwait, nwait == 1 ?
			    "" : "s");
		else
			s = xasprintf("Provisional: %zu key question%s "
			    "unanswered in some cases.", nwait, nwait == 1 ?
			    "" : "s");
		ui_put(y, 1, COLS - 2, ui_attr(ui, UI_HEADING), s);
		free(s);
	} else if (reason[0] != '\0') {
		s = xasprintf("Provisional: %s.", reason);
		ui_put(y, 1, COLS - 2, ui_attr(ui, UI_HEADING), s);
		free(s);
	} else if (t->incomplete > 0) {
		s = xasprintf("%ld case%s still draft: this tally is "
		    "provisional.", t->incomplete, t->incomplete == 1 ? " is" :
		    "s are");
		ui_put(y, 1, COLS - 2, ui_attr(ui, UI_HEADING), s);
		free(s);
	} else if (t->children > 0 && t->macd != TALLY_MACD_CASES) {
		s = xasprintf("MACD: %ld case%s marked; the week holds %d "
		    "multi-agency case discussions.", t->macd, t->macd == 1 ?
		    "" : "s", TALLY_MACD_CASES);
		ui_put(y, 1, COLS - 2, ui_attr(ui, UI_HEADING), s);
		free(s);
	}
	y++;
	y++;
	y = ui_tally_keys_table(ui, t, y);
	y++;
	y = ui_tally_standards(ui, t, y);
	if (t->score != TALLY_NONE)
		s = xasprintf("Overall: %d of 12, %s", t->score,
		    tally_rating_name(t->rating));
	else if (t->score_min != TALLY_NONE)
		s = xasprintf("Overall: %d to %d of 12, %s, until the %s decides "
		    "the victims' rating (d)", t->score_min, t->score_max,
		    tally_rating_range(t->rating_min, t->rating_max),
		    tally_meeting(t));
	else
		s = xstrdup("Overall: none until every children's standard "
		    "has a rating");
	if (t->provisional) {
		p = xasprintf("%s; provisional", s);
		free(s);
		s = p;
	}
	ui_put_wrapped(++y, 1, COLS - 2, 2, ui_attr(ui, UI_HEADING), s);
	free(s);
	ui_put(LINES - 3, 1, COLS - 2, ui_attr(ui, UI_DIM), "Bands use exact "
	    "fractions; % shown truncated (64.9% shows as 64%).");
	tally_free(t);
}

static void
ui_tally_key(struct ui *ui, void *data, int action, int fkey, wint_t ch)
{
	struct tally_view	*v = data;
	int			 page = ui_tally_split_page();

	switch (action) {
	case TALLY_BACK:
		ui_pop(ui);
		break;
	case TALLY_BY:
		v->by = v->by == TALLY_BY_NONE ? TALLY_BY_INSPECTOR :
		    v->by == TALLY_BY_INSPECTOR ? TALLY_BY_TYPE : TALLY_BY_NONE;
		v->top = 0;
		v->nlines = 0;
		break;
	case TALLY_UP:
		v->top--;
		break;
	case TALLY_DOWN:
		v->top++;
		break;
	case TALLY_PGUP:
		v->top -= page;
		break;
	case TALLY_PGDN:
		v->top += page;
		break;
	case TALLY_RATIFY:
		ui_ratify_open(ui);
		break;
	case TALLY_REPORT:
		ui_report(ui);
		break;
	}
	/* The draw clamps top to the lines there are. */
}

static const struct ui_screen_ops ui_tally_ops = {
	"Tally",
	ui_tally_keys_now,
	ui_tally_draw,
	ui_tally_key,
	NULL,
	free
};

void
ui_tally_open(struct ui *ui)
{
	ui_push(ui, &ui_tally_ops, xcalloc(1, sizeof(struct tally_view)));
}
