/*
 * The inspection overview, the first screen: the inspection's identity and file,
 * and the children's and victims' cases with their progress and status. Tab
 * switches lists, / searches by reference, s groups rows by reading inspector,
 * x exports the bundle for the lead inspector (export_run, as caseread export).
 * Opening a case, and returning to where the inspector was, start here.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db-case.h"
#include "db-lead.h"
#include "db-merge.h"
#include "export.h"
#include "keyfile.h"
#include "readnav.h"
#include "ui.h"
#include "util.h"

enum {
	OV_UP = UI_ACT_SCREEN,
	OV_DOWN,
	OV_PGUP,
	OV_PGDN,
	OV_HOME,
	OV_END,
	OV_OPEN,
	OV_NEW,
	OV_EDIT,
	OV_FINISH,
	OV_SWITCH,
	OV_SEARCH,
	OV_SORT,
	OV_CLEAR,
	OV_QUIT,
	OV_SEARCH_DONE,
	OV_SEARCH_CANCEL,
	OV_EXPORT,
	OV_EXPORT_DONE,
	OV_EXPORT_CANCEL,
	OV_REPORT,
	OV_WITHDRAW,
	OV_WITHDRAW_DONE,
	OV_WITHDRAW_CANCEL,
	OV_NAME,
	OV_NAME_DONE,
	OV_NAME_CANCEL
};

static const struct ui_key ui_overview_keys[] = {
	{ KEY_UP, 1, OV_UP, "Up", "move up", NULL },
	{ 'k', 0, OV_UP, "k", NULL, NULL },
	{ KEY_DOWN, 1, OV_DOWN, "Down", "move down", NULL },
	{ 'j', 0, OV_DOWN, "j", NULL, NULL },
	{ KEY_PPAGE, 1, OV_PGUP, "PgUp", "up a page", NULL },
	{ '[', 0, OV_PGUP, "[", NULL, NULL },
	{ KEY_NPAGE, 1, OV_PGDN, "PgDn", "down a page", NULL },
	{ ']', 0, OV_PGDN, "]", NULL, NULL },
	{ KEY_HOME, 1, OV_HOME, "Home", "first case", NULL },
	{ KEY_END, 1, OV_END, "End", "last case", NULL },
	{ '\r', 0, OV_OPEN, "Enter", "open the case: read it from its first "
	    "unanswered question", "open" },
	{ '\n', 0, OV_OPEN, "Enter", NULL, NULL },
	{ KEY_ENTER, 1, OV_OPEN, "Enter", NULL, NULL },
	{ 'n', 0, OV_NEW, "n", "new case in this list", "new" },
	{ 'e', 0, OV_EDIT, "e", "edit the case's details", NULL },
	{ 'f', 0, OV_FINISH, "f", "finish: mark the case complete, or reopen "
	    "it", NULL },
	{ '\t', 0, OV_SWITCH, "Tab", "switch between children's and victims' "
	    "cases", "switch" },
	{ '/', 0, OV_SEARCH, "/", "search by reference", "search" },
	{ 's', 0, OV_SORT, "s", "sort by reference or group by reading "
	    "inspector", NULL },
	{ 0x1b, 0, OV_CLEAR, "Esc", "clear the search", NULL },
	{ 'x', 0, OV_EXPORT, "x", "export a bundle for the lead inspector "
	    "(asks where)", NULL },
	{ 'r', 0, OV_REPORT, "r", "write the report for the rating meeting "
	    "next to the file (FILE.report.html)", NULL },
	{ 'i', 0, OV_NAME, "i", "inspection details: put your name right "
	    "(the change is kept)", NULL },
	{ 'w', 0, OV_WITHDRAW, "w", "withdraw the case from the sample (asks "
	    "why), or reinstate a withdrawn one (w twice)", NULL },
	UI_KEY_TALLY,
	UI_KEY_TALLY_MORE,
	UI_KEY_HELP,
	{ 'q', 0, OV_QUIT, "q", "quit (everything is already saved)", "quit" },
	UI_KEY_END
};

/* While typing a search every other key is text. */
static const struct ui_key ui_overview_search_keys[] = {
	{ '\r', 0, OV_SEARCH_DONE, "Enter", "keep this search and go back to "
	    "the list", "done" },
	{ '\n', 0, OV_SEARCH_DONE, "Enter", NULL, NULL },
	{ KEY_ENTER, 1, OV_SEARCH_DONE, "Enter", NULL, NULL },
	{ 0x1b, 0, OV_SEARCH_CANCEL, "Esc", "cancel the search", "cancel" },
	{ KEY_UP, 1, OV_UP, "Up", "move up the matching cases", NULL },
	{ KEY_DOWN, 1, OV_DOWN, "Down", "move down the matching cases", NULL },
	UI_KEY_TALLY_TEXT,
	UI_KEY_HELP_TEXT,
	UI_KEY_END
};

/* While typing the bundle's path. */
static const struct ui_key ui_overview_export_keys[] = {
	{ '\r', 0, OV_EXPORT_DONE, "Enter", "export the bundle to this path",
	    "export" },
	{ '\n', 0, OV_EXPORT_DONE, "Enter", NULL, NULL },
	{ KEY_ENTER, 1, OV_EXPORT_DONE, "Enter", NULL, NULL },
	{ 0x1b, 0, OV_EXPORT_CANCEL, "Esc", "cancel the export", "cancel" },
	UI_KEY_TALLY_TEXT,
	UI_KEY_HELP_TEXT,
	UI_KEY_END
};

/* While typing why a case is withdrawn. */
static const struct ui_key ui_overview_withdraw_keys[] = {
	{ '\r', 0, OV_WITHDRAW_DONE, "Enter", "withdraw the case with this "
	    "reason", "withdraw" },
	{ '\n', 0, OV_WITHDRAW_DONE, "Enter", NULL, NULL },
	{ KEY_ENTER, 1, OV_WITHDRAW_DONE, "Enter", NULL, NULL },
	{ 0x1b, 0, OV_WITHDRAW_CANCEL, "Esc", "keep the case in the sample",
	    "cancel" },
	UI_KEY_TALLY_TEXT,
	UI_KEY_HELP_TEXT,
	UI_KEY_END
};

/* While typing the inspector's name. */
static const struct ui_key ui_overview_name_keys[] = {
	{ '\r', 0, OV_NAME_DONE, "Enter", "save this name", "save" },
	{ '\n', 0, OV_NAME_DONE, "Enter", NULL, NULL },
	{ KEY_ENTER, 1, OV_NAME_DONE, "Enter", NULL, NULL },
	{ 0x1b, 0, OV_NAME_CANCEL, "Esc", "keep the name as it is", "cancel" },
	UI_KEY_TALLY_TEXT,
	UI_KEY_HELP_TEXT,
	UI_KEY_END
};

struct ov_row {
	struct db_case	 c;
	size_t		 answered;
	size_t		 applicable;
};

/*
 * A list holds its count and only a window of its rows: those on screen and a page
 * either side, fetched as the screen needs them, so that opening a large file reads
 * no more than one screen does.
 */
struct ov_list {
	struct ov_row	*rows;		/* rows base .. base + nrows - 1 */
	size_t		 base;
	size_t		 nrows;
	size_t		 n;		/* cases in the list (that match) */
	size_t		 cur;
	size_t		 top;		/* first row shown */
};

struct overview {
	struct ov_list	 list[2];	/* indexed by enum qb_kind */
	enum qb_kind	 kind;		/* the list shown */
	int		 by_inspector;	/* grouped by reading inspector */
	int		 searching;	/* typing a search */
	struct editbuf	 search;	/* the filter; empty for none */
	int		 exporting;	/* typing the bundle's path */
	struct editbuf	 export;	/* that path */
	int		 follow;	/* a case screen is above: its case after */
	long long	 follow_from;	/* ui_last_case when it was opened */
	long long	 version;	/* the file's data version when loaded */
	int		 withdrawing;	/* typing why the case is withdrawn */
	long long	 withdraw_id;	/* that case */
	long long	 reinstate_id;	/* w pressed once on this withdrawn case */
	char		*withdraw_ref;
	struct editbuf	 reason;	/* the reason */
	long		 sample[2][3];	/* by kind: in the sample, complete, withdrawn */
	char		*open_cases;	/* cases not complete, named at x */
	long		 nopen;
	int		 naming;	/* typing the inspector's name */
	struct editbuf	 name;
};

/* The list's columns, named once for the heading and the rows. */
enum {
	OV_COL_REF,
	OV_COL_TYPE,
	OV_COL_INSPECTOR,
	OV_COL_PROGRESS,
	OV_COL_STATUS,
	OV_NCOLS
};
static const struct {
	int		 x;
	int		 width;		/* 0: to the right edge */
	const char	*heading;
} ov_cols[OV_NCOLS] = {
	{ 2, 20, "Reference" },
	{ 23, 12, "Type" },
	{ 36, 16, "Inspector" },
	{ 53, 9, "Progress" },
	/* "in progress, MACD" is 17 columns: all of them at 80. */
	{ 63, 0, "Status" }
};

/* Width of the header's labels, "Service:" the longest; they end aligned. */
#define OV_LABEL	8

/* Put s in column col of row y. */
static void
ui_overview_cell(int y, int col, int attr, const char *s)
{
	int	width = ov_cols[col].width;

	if (width == 0)
		width = COLS - ov_cols[col].x;
	ui_put(y, ov_cols[col].x, width, attr, s);
}

static const char *
ui_overview_filter(struct overview *ov)
{
	return ov->search.len > 0 ? ov->search.text : NULL;
}

/* Rows the screen shows at once (at least one). */
static size_t
ui_overview_page(void)
{
	return LINES - 10 > 1 ? (size_t)(LINES - 10) : 1;
}

static void
ui_overview_drop(struct ov_list *l)
{
	size_t	i;

	for (i = 0; i < l->nrows; i++)
		db_case_clear(&l->rows[i].c);
	free(l->rows);
	l->rows = NULL;
	l->base = l->nrows = 0;
}

static void
ui_overview_free_lists(struct overview *ov)
{
	size_t	k;

	for (k = 0; k < 2; k++) {
		ui_overview_drop(&ov->list[k]);
		ov->list[k].n = 0;
	}
}

/* Progress counts only questions that apply to the case's type. */
static void
ui_overview_progress(struct ui *ui, struct ov_row *r)
{
	struct readnav		 rn;
	struct db_answer	*a;
	size_t			 na;
	char			*cause = NULL;

	readnav_init(&rn, db_bank(ui_db(ui)), r->c.kind, r->c.type);
	if (r->c.answered == 0)		/* nothing to read */
		readnav_load(&rn, NULL, 0);
	else if (db_answer_list(ui_db(ui), r->c.id, &a, &na, &cause) == 0) {
		readnav_load(&rn, a, na);
		db_answer_list_free(a, na);
	} else
		ui_error(ui, cause);
	readnav_progress(&rn, &r->answered, &r->applicable);
	readnav_clear(&rn);
}

/*
 * Row i of list k, fetching a window around it when it is not held; NULL past
 * the end or when the rows cannot be read.
 */
static struct ov_row *
ui_overview_row_at(struct ui *ui, struct overview *ov, size_t k, size_t i)
{
	struct ov_list	*l = &ov->list[k];
	struct db_case	*cases;
	size_t		 page = ui_overview_page(), from, n, j;
	char		*cause = NULL;

	if (i >= l->n)
		return NULL;
	if (l->rows != NULL && i >= l->base && i < l->base + l->nrows)
		return &l->rows[i - l->base];
	ui_overview_drop(l);
	/* The page before the row, its page and the one after. */
	from = i > page ? i - page : 0;
	if (db_case_list_order(ui_db(ui), (enum qb_kind)k,
	    ui_overview_filter(ov), ov->by_inspector, (long)from,
	    (long)(3 * page), 0, NULL, &cases, &n, &cause) != 0) {
		ui_error(ui, cause);
		return NULL;
	}
	l->rows = xcalloc(n + 1, sizeof *l->rows);
	for (j = 0; j < n; j++) {
		l->rows[j].c = cases[j];
		ui_overview_progress(ui, &l->rows[j]);
	}
	free(cases);		/* the strings moved to the rows */
	l->base = from;
	l->nrows = n;
	if (i >= l->base + l->nrows)	/* the list changed under us */
		return NULL;
	return &l->rows[i - l->base];
}

static long long
ui_overview_current_id(struct ui *ui, struct overview *ov)
{
	struct ov_row	*r;

	r = ui_overview_row_at(ui, ov, ov->kind, ov->list[ov->kind].cur);
	return r != NULL ? r->c.id : 0;
}

/* Recount both lists, keeping the selection on the case with id keep. */
static void
ui_overview_load(struct ui *ui, struct overview *ov, long long keep)
{
	struct db_case	 c, *none;
	struct ov_list	*l;
	const char	*filter = ui_overview_filter(ov);
	size_t		 k, nnone;
	long		 n, pos;
	char		*cause = NULL;

	ui_overview_free_lists(ov);
	ov->version = db_data_version(ui_db(ui));
	for (k = 0; k < 2; k++) {
		if (db_case_sample(ui_db(ui), (enum qb_kind)k, &ov->sample[k][0],
		    &ov->sample[k][1], &ov->sample[k][2], &cause) != 0) {
			ui_error(ui, cause);
			cause = NULL;
		}
		l = &ov->list[k];
		if ((n = db_case_count(ui_db(ui), (enum qb_kind)k, filter,
		    &cause)) < 0) {
			ui_error(ui, cause);
			cause = NULL;
			n = 0;
		}
		l->n = (size_t)n;
		if (l->cur >= l->n)
			l->cur = l->n > 0 ? l->n - 1 : 0;
	}
	if (keep == 0)
		return;
	memset(&c, 0, sizeof c);
	if (db_case_get(ui_db(ui), keep, &c, &cause) != 0) {
		free(cause);	/* gone: the selection stays where it was */
		return;
	}
	k = c.kind == QB_VICTIM ? QB_VICTIM : QB_CHILD;
	if (db_case_list_order(ui_db(ui), (enum qb_kind)k, filter,
	    ov->by_inspector, 0, 0, keep, &pos, &none, &nnone, &cause) != 0)
		ui_error(ui, cause);
	else if (pos >= 0 && (size_t)pos < ov->list[k].n) {
		ov->list[k].cur = (size_t)pos;
		ov->kind = (enum qb_kind)k;
	}
	db_case_clear(&c);
}

static const struct ui_key *
ui_overview_keys_now(void *data)
{
	struct overview	*ov = data;

	if (ov->exporting)
		return ui_overview_export_keys;
	if (ov->withdrawing)
		return ui_overview_withdraw_keys;
	if (ov->naming)
		return ui_overview_name_keys;
	return ov->searching ? ui_overview_search_keys : ui_overview_keys;
}

static const char *
ui_overview_type(const struct db_case *c)
{
	if (c->kind == QB_VICTIM)
		return c->interviewed ? "interview" : "file read";
	return qbank_type_name(c->type);
}

static const char *
ui_overview_status(const struct ov_row *r)
{
	if (r->c.withdrawn != NULL)
		return r->c.complete ? "withdrawn, complete" : "withdrawn";
	if (r->c.complete)
		return "complete";
	return r->answered == 0 ? "not started" : "in progress";
}

static void
ui_overview_row(struct ui *ui, int y, const struct ov_row *r, int selected,
    int show_group)
{
	char	*s, progress[32];
	int	 attr = selected ? ui_attr(ui, UI_SELECTED) : 0;

	/* A withdrawn case stays in the list, dimmed and marked. */
	if (r->c.withdrawn != NULL)
		attr |= ui_attr(ui, UI_DIM);

	snprintf(progress, sizeof progress, "%zu/%zu", r->answered,
	    r->applicable);
	if (selected) {
		attron(attr);
		mvhline(y, 0, ' ', COLS);
		attroff(attr);
	}
	ui_put(y, 0, 2, attr, selected ? ">" : " ");
	ui_overview_cell(y, OV_COL_REF, attr, r->c.ref);
	ui_overview_cell(y, OV_COL_TYPE, attr, ui_overview_type(&r->c));
	ui_overview_cell(y, OV_COL_INSPECTOR, attr, show_group ?
	    r->c.inspector : "");
	ui_overview_cell(y, OV_COL_PROGRESS, attr, progress);
	s = xasprintf("%s%s", ui_overview_status(r), r->c.macd ? ", MACD" :
	    "");
	ui_overview_cell(y, OV_COL_STATUS, attr, s);
	free(s);
}

/* Whether x will write a sealed bundle, and to whose key (issue 12). */
static void
ui_overview_seal_line(struct ui *ui)
{
	struct db_lead	 l;
	unsigned char	 pk[KEYFILE_KEYBYTES];
	char		 fpr[KEYFILE_FPR_LEN], *s, *cause = NULL;

	if (db_lead_get(ui_db(ui), &l, &cause) != 0) {
		free(cause);
		return;
	}
	if (l.key != NULL && keyfile_parse_public(l.key, pk, &cause) == 0) {
		keyfile_fingerprint(pk, fpr);
		s = xasprintf("%*s encrypted to the lead's key %s",
		    OV_LABEL, "Exports:", fpr);
	} else {
		free(cause);
		s = xasprintf("%*s plain, not encrypted (no lead key: "
		    "caseread lead-key adds one)", OV_LABEL, "Exports:");
	}
	ui_put(4, 0, COLS, ui_attr(ui, UI_DIM), s);
	free(s);
	db_lead_clear(&l);
}

static void
ui_overview_draw(struct ui *ui, void *data)
{
	struct overview			*ov = data;
	const struct db_inspection	*insp = db_inspection(ui_db(ui));
	struct ov_list			*l = &ov->list[ov->kind];
	struct ov_row			*r;
	char				*s;
	int				 y, rows, x, i, grp;

	ui_title(ui, "caseread: %s (%s)%s", insp->service, insp->type,
	    db_readonly(ui_db(ui)) ? " [read-only]" : "");
	/* The header's labels end in one column (OV_LABEL), values after it. */
	s = xasprintf("%*s %s   Type: %s   Inspector: %s", OV_LABEL, "Service:",
	    insp->service, insp->type, db_user(ui_db(ui)));
	ui_put(1, 0, COLS, 0, s);
	free(s);
	s = xasprintf("%*s %s", OV_LABEL, "File:", db_path(ui_db(ui)));
	ui_put(2, 0, COLS, 0, s);
	free(s);
	/* Progress against the sample: what counts, and what is left to do. */
	s = xasprintf("%*s children %ld/%d complete, victims %ld/%d "
	    "complete; %ld draft%s, %ld withdrawn", OV_LABEL, "Sample:",
	    ov->sample[QB_CHILD][1], insp->min_children,
	    ov->sample[QB_VICTIM][1], insp->min_victims,
	    ov->sample[QB_CHILD][0] - ov->sample[QB_CHILD][1] +
	    ov->sample[QB_VICTIM][0] - ov->sample[QB_VICTIM][1],
	    ov->sample[QB_CHILD][0] - ov->sample[QB_CHILD][1] +
	    ov->sample[QB_VICTIM][0] - ov->sample[QB_VICTIM][1] == 1 ? "" : "s",
	    ov->sample[QB_CHILD][2] + ov->sample[QB_VICTIM][2]);
	ui_put(3, 0, COLS, 0, s);
	free(s);
	ui_overview_seal_line(ui);

	/* Tabs: the current list is bracketed as well as highlighted. */
	s = xasprintf(ov->kind == QB_CHILD ? "[ Children's cases (%zu) ]" :
	    "  Children's cases (%zu)  ", ov->list[QB_CHILD].n);
	x = ui_put(5, 0, 40, ov->kind == QB_CHILD ? ui_attr(ui, UI_HEADING) |
	    A_REVERSE : 0, s);
	free(s);
	s = xasprintf(ov->kind == QB_VICTIM ? "[ Victims' cases (%zu) ]" :
	    "  Victims' cases (%zu)  ", ov->list[QB_VICTIM].n);
	ui_put(5, x + 2, 40, ov->kind == QB_VICTIM ? ui_attr(ui, UI_HEADING) |
	    A_REVERSE : 0, s);
	free(s);
	if (ov->by_inspector)
		ui_put(5, 60, COLS - 60, ui_attr(ui, UI_DIM),
		    "grouped by inspector");

	for (i = 0; i < OV_NCOLS; i++)
		ui_overview_cell(6, i, ui_attr(ui, UI_HEADING),
		    ov_cols[i].heading);

	rows = LINES - 10;
	if (l->cur < l->top)
		l->top = l->cur;
	if (l->cur >= l->top + (size_t)rows)
		l->top = l->cur - (size_t)rows + 1;
	y = 7;
	if (l->n == 0)
		ui_put(y, 2, COLS - 2, ui_attr(ui, UI_DIM), ov->search.len > 0 ?
		    "No case here matches the search." :
		    "No cases yet: press n to add one.");
	for (i = 0; i < rows && l->top + (size_t)i < l->n; i++) {
		if ((r = ui_overview_row_at(ui, ov, ov->kind,
		    l->top + (size_t)i)) == NULL)
			break;
		/* When grouped, name the inspector once per group. */
		grp = !ov->by_inspector || i == 0 || r == l->rows ||
		    strcmp(r->c.inspector, r[-1].c.inspector) != 0;
		ui_overview_row(ui, y + i, r, l->top + (size_t)i == l->cur,
		    grp);
	}

	y = LINES - 3;
	if (ov->naming) {
		ui_put(y, 0, 20, ui_attr(ui, UI_HEADING), "Your name:");
		ui_edit_draw(ui, y, 11, COLS - 12, &ov->name);
	} else if (ov->withdrawing) {
		s = xasprintf("Why withdraw %s?", ov->withdraw_ref);
		x = ui_put(y, 0, COLS / 2, ui_attr(ui, UI_HEADING), s);
		free(s);
		ui_edit_draw(ui, y, x + 1, COLS - x - 2, &ov->reason);
	} else if (ov->exporting) {
		if (ov->nopen > 0) {
			s = xasprintf("Not complete (exported as drafts): %s",
			    ov->open_cases);
			ui_put(y - 1, 0, COLS, ui_attr(ui, UI_ERROR), s);
			free(s);
		}
		ui_put(y, 0, 20, ui_attr(ui, UI_HEADING), "Export bundle to:");
		ui_edit_draw(ui, y, 18, COLS - 19, &ov->export);
	} else if (ov->searching) {
		ui_put(y, 0, 20, ui_attr(ui, UI_HEADING), "Search reference:");
		ui_edit_draw(ui, y, 18, COLS - 19, &ov->search);
	} else if (ov->search.len > 0) {
		s = xasprintf("Showing references containing \"%s\" (Esc shows "
		    "all)", ov->search.text);
		ui_put(y, 0, COLS, ui_attr(ui, UI_HEADING), s);
		free(s);
	}
}

static void
ui_overview_move(struct overview *ov, long delta)
{
	struct ov_list	*l = &ov->list[ov->kind];
	long		 cur = (long)l->cur + delta;

	if (l->n == 0)
		return;
	if (cur < 0)
		cur = 0;
	if (cur >= (long)l->n)
		cur = (long)l->n - 1;
	l->cur = (size_t)cur;
}

/* After a search, show the list that has matches if this one has none. */
static void
ui_overview_search_done(struct ui *ui, struct overview *ov)
{
	enum qb_kind	other = ov->kind == QB_CHILD ? QB_VICTIM : QB_CHILD;

	ov->searching = 0;
	if (ov->list[ov->kind].n == 0 && ov->list[other].n > 0)
		ov->kind = other;
	if (ov->search.len > 0)
		ui_status(ui, "%zu children's and %zu victims' cases match "
		    "\"%s\"", ov->list[QB_CHILD].n, ov->list[QB_VICTIM].n,
		    ov->search.text);
}

/*
 * The default bundle path, beside the file: its name without ".caseread", the
 * inspector (spaces and slashes as hyphens) and today's date.
 */
static char *
ui_overview_export_default(struct ui *ui)
{
	const char	*path = db_path(ui_db(ui)), *ext = ".caseread";
	char		*who, *p, day[16], *s;
	size_t		 n = strlen(path);
	time_t		 now = time(NULL);
	struct tm	*tm = localtime(&now);

	if (n > strlen(ext) && strcmp(path + n - strlen(ext), ext) == 0)
		n -= strlen(ext);
	who = xstrdup(db_user(ui_db(ui)));
	for (p = who; *p != '\0'; p++)
		if (*p == ' ' || *p == '/' || *p == '\t')
			*p = '-';
	if (tm == NULL || strftime(day, sizeof day, "%Y%m%d", tm) == 0)
		snprintf(day, sizeof day, "today");
	s = xasprintf("%.*s-%s-%s.bundle", (int)n, path, who, day);
	free(who);
	return s;
}

/* Export the bundle, as caseread export FILE -o PATH does. */
static void
ui_overview_export(struct ui *ui, struct overview *ov)
{
	struct export_opts	 opts;
	struct db_bundle_counts	 counts;
	char			*cause = NULL, sealed[KEYFILE_FPR_LEN];

	ov->exporting = 0;
	if (ov->export.len == 0) {
		ui_status(ui, "export cancelled: no path given");
		return;
	}
	memset(&opts, 0, sizeof opts);
	opts.out = ov->export.text;
	opts.sealed_to = sealed;
	if (export_run(ui_db(ui), &export_bundle_sink, &opts, &counts,
	    &cause) != 0) {
		ui_error(ui, cause);
		return;
	}
	if (ov->nopen > 0)
		ui_status(ui, "%ld not complete (%s); exported %lld cases to "
		    "%s%s%s", ov->nopen, ov->open_cases, counts.cases,
		    ov->export.text, *sealed != '\0' ? ", encrypted to the "
		    "lead's key " : "", sealed);
	else if (*sealed != '\0')
		ui_status(ui, "exported %lld cases to %s, encrypted to the "
		    "lead's key %s", counts.cases, ov->export.text, sealed);
	else
		ui_status(ui, "exported %lld cases to %s", counts.cases,
		    ov->export.text);
}

/* w: ask why the current case leaves the sample, or put a withdrawn one back. */
static void
ui_overview_withdraw(struct ui *ui, struct overview *ov, long long id)
{
	struct db_case	 c;
	char		*cause = NULL;

	if (id == 0)
		return;
	if (db_readonly(ui_db(ui))) {
		ui_status(ui, "not withdrawn: %s", db_readonly_why(ui_db(ui)));
		return;
	}
	memset(&c, 0, sizeof c);
	if (db_case_get(ui_db(ui), id, &c, &cause) != 0) {
		if (cause != NULL)
			ui_error(ui, cause);
		return;
	}
	if (c.withdrawn == NULL) {
		free(ov->withdraw_ref);
		ov->withdraw_ref = xstrdup(c.ref);
		ov->withdraw_id = id;
		editbuf_clear(&ov->reason);
		editbuf_init(&ov->reason, NULL);
		ov->withdrawing = 1;
		ui_status(ui, "the case keeps its answers and history; w on it "
		    "again reinstates it");
	} else if (ov->reinstate_id != id) {
		/* One stray key must not undo a withdrawal: w asks again. */
		ov->reinstate_id = id;
		ui_status(ui, "w again puts case %s back in the sample (its "
		    "withdrawal stays in its history)", c.ref);
	} else if (db_case_withdraw(ui_db(ui), id, NULL, &cause) != 0)
		ui_error(ui, cause);
	else {
		ov->reinstate_id = 0;
		ui_overview_load(ui, ov, id);
		ui_status(ui, "case %s reinstated in the sample", c.ref);
	}
	db_case_clear(&c);
}

static void
ui_overview_withdraw_done(struct ui *ui, struct overview *ov)
{
	char	*cause = NULL;

	if (ov->reason.text[strspn(ov->reason.text, " \t")] == '\0') {
		ui_status(ui, "say why the case leaves the sample (Esc keeps it)");
		return;
	}
	ov->withdrawing = 0;
	if (db_case_withdraw(ui_db(ui), ov->withdraw_id, ov->reason.text,
	    &cause) != 0) {
		ui_error(ui, cause);
		return;
	}
	ui_overview_load(ui, ov, ov->withdraw_id);
	ui_status(ui, "case %s withdrawn: out of the sample and the tally",
	    ov->withdraw_ref);
}

/* i: the inspector's name put right, kept in the file's record of changes. */
static void
ui_overview_name_done(struct ui *ui, struct overview *ov)
{
	char	*cause = NULL, *old;

	old = xstrdup(db_inspection(ui_db(ui))->owner);
	if (db_inspection_set_owner(ui_db(ui), ov->name.text, &cause) != 0)
		ui_error(ui, cause);
	else {
		ov->naming = 0;
		if (strcmp(old, db_inspection(ui_db(ui))->owner) != 0)
			ui_status(ui, "your name is now %s (was %s; the change "
			    "is kept)", db_inspection(ui_db(ui))->owner, old);
		ui_overview_load(ui, ov, ui_overview_current_id(ui, ov));
	}
	free(old);
}

/*
 * A case screen opens above the overview: note which case this window last
 * read or saved (ui_last_case), so that coming back follows another only if
 * that screen moved to it (a case read, added or saved there), and otherwise
 * stays on the row acted on. Leaving the case form with Esc, or the finish
 * screen, once took the cursor to the case last read, even in the other list;
 * and the file's "ui.case", which every window writes, to another window's.
 */
static void
ui_overview_follow(struct ui *ui, struct overview *ov)
{
	ov->follow = 1;
	ov->follow_from = ui_last_case(ui);
}

static void
ui_overview_key(struct ui *ui, void *data, int action, int fkey, wint_t ch)
{
	struct overview	*ov = data;
	struct ov_list	*l = &ov->list[ov->kind];
	long long	 id = ui_overview_current_id(ui, ov);
	long		 page = (long)ui_overview_page();
	char		*s;

	/*
	 * Another window or program changed the file since the list was read:
	 * the key was pressed at rows that may be out of date (a case withdrawn
	 * there made w no prompt, and the reason typed after it ran as keys, i
	 * and Enter renaming the inspector). Show the list as it is, and let the
	 * key be pressed again. Text typed into a prompt is never taken so.
	 */
	if (!ov->searching && !ov->exporting && !ov->withdrawing &&
	    !ov->naming && db_data_version(ui_db(ui)) != ov->version) {
		ov->reinstate_id = 0;
		/* Keys typed ahead were meant for the old rows too (a reason). */
		flushinp();
		ui_overview_load(ui, ov, id);
		ui_status(ui, "the file was changed in another window or "
		    "program: the list is up to date now; press the key again");
		return;
	}
	/* Only w straight after w reinstates. */
	if (action != OV_WITHDRAW)
		ov->reinstate_id = 0;
	switch (action) {
	case OV_UP:
		ui_overview_move(ov, -1);
		break;
	case OV_DOWN:
		ui_overview_move(ov, 1);
		break;
	case OV_PGUP:
		ui_overview_move(ov, -page);
		break;
	case OV_PGDN:
		ui_overview_move(ov, page);
		break;
	case OV_HOME:
		l->cur = 0;
		break;
	case OV_END:
		ui_overview_move(ov, (long)l->n);
		break;
	case OV_OPEN:
		if (id != 0) {
			ui_overview_follow(ui, ov);
			ui_read_open(ui, id, NULL);
		}
		break;
	case OV_NEW:
		ui_overview_follow(ui, ov);
		ui_casedit_open(ui, ov->kind, 0);
		break;
	case OV_EDIT:
		if (id != 0) {
			ui_overview_follow(ui, ov);
			ui_casedit_open(ui, ov->kind, id);
		}
		break;
	case OV_FINISH:
		if (id != 0) {
			ui_overview_follow(ui, ov);
			ui_finish_open(ui, id);
		}
		break;
	case OV_SWITCH:
		ov->kind = ov->kind == QB_CHILD ? QB_VICTIM : QB_CHILD;
		ui_setting(ui, "ui.list", qbank_kind_name(ov->kind));
		break;
	case OV_SEARCH:
		ov->searching = 1;
		break;
	case OV_SORT:
		ov->by_inspector = !ov->by_inspector;
		ui_overview_load(ui, ov, id);
		ui_status(ui, ov->by_inspector ? "cases grouped by reading "
		    "inspector" : "cases sorted by reference");
		break;
	case OV_CLEAR:
		if (ov->search.len > 0) {
			editbuf_clear(&ov->search);
			editbuf_init(&ov->search, NULL);
			ui_overview_load(ui, ov, id);
		}
		break;
	case OV_QUIT:
		ui_quit(ui);
		break;
	case OV_REPORT:
		ui_report(ui);
		break;
	case OV_SEARCH_DONE:
		ui_overview_search_done(ui, ov);
		break;
	case OV_SEARCH_CANCEL:
		ov->searching = 0;
		editbuf_clear(&ov->search);
		editbuf_init(&ov->search, NULL);
		ui_overview_load(ui, ov, id);
		break;
	case OV_EXPORT:
		free(ov->open_cases);
		if ((ov->open_cases = export_incomplete(ui_db(ui), &ov->nopen,
		    5, &s)) == NULL && ov->nopen < 0) {
			ov->nopen = 0;
			ui_error(ui, s);
		}
		editbuf_clear(&ov->export);
		s = ui_overview_export_default(ui);
		editbuf_init(&ov->export, s);
		free(s);
		ov->exporting = 1;
		break;
	case OV_EXPORT_DONE:
		ui_overview_export(ui, ov);
		break;
	case OV_EXPORT_CANCEL:
		ov->exporting = 0;
		ui_status(ui, "export cancelled");
		break;
	case OV_WITHDRAW:
		ui_overview_withdraw(ui, ov, id);
		break;
	case OV_NAME:
		if (db_readonly(ui_db(ui))) {
			ui_status(ui, "not changed: %s",
			    db_readonly_why(ui_db(ui)));
			break;
		}
		editbuf_clear(&ov->name);
		editbuf_init(&ov->name, db_inspection(ui_db(ui))->owner);
		ov->naming = 1;
		break;
	case OV_NAME_DONE:
		ui_overview_name_done(ui, ov);
		break;
	case OV_NAME_CANCEL:
		ov->naming = 0;
		ui_status(ui, "your name stays %s", db_user(ui_db(ui)));
		break;
	case OV_WITHDRAW_DONE:
		ui_overview_withdraw_done(ui, ov);
		break;
	case OV_WITHDRAW_CANCEL:
		ov->withdrawing = 0;
		ui_status(ui, "case %s stays in the sample", ov->withdraw_ref);
		break;
	case UI_ACT_NONE:
		if (ov->naming) {
			ui_edit_key(&ov->name, fkey, ch);
			break;
		}
		if (ov->withdrawing) {
			ui_edit_key(&ov->reason, fkey, ch);
			break;
		}
		if (ov->exporting) {
			ui_edit_key(&ov->export, fkey, ch);
			break;
		}
		/* Typing a search filters as each key is typed. */
		if (ov->searching && ui_edit_key(&ov->search, fkey, ch)) {
			ov->list[0].cur = ov->list[1].cur = 0;
			ui_overview_load(ui, ov, 0);
		}
		break;
	}
}

static void
ui_overview_resume(struct ui *ui, void *data)
{
	struct overview	*ov = data;
	long long	 id = ui_overview_current_id(ui, ov);

	/*
	 * The case the screen above moved to (read, added, saved) is the one to
	 * come back to; otherwise, and after help or the tally, the row that was
	 * selected.
	 */
	if (ov->follow && ui_last_case(ui) != 0 && ui_last_case(ui) !=
	    ov->follow_from)
		id = ui_last_case(ui);
	ov->follow = 0;
	ui_overview_load(ui, ov, id);
	ui_setting(ui, "ui.screen", "overview");
}

static void
ui_overview_free(void *data)
{
	struct overview	*ov = data;

	ui_overview_free_lists(ov);
	editbuf_clear(&ov->search);
	editbuf_clear(&ov->export);
	editbuf_clear(&ov->reason);
	editbuf_clear(&ov->name);
	free(ov->withdraw_ref);
	free(ov->open_cases);
	free(ov);
}

static const struct ui_screen_ops ui_overview_ops = {
	"Inspection overview",
	ui_overview_keys_now,
	ui_overview_draw,
	ui_overview_key,
	ui_overview_resume,
	ui_overview_free
};

static char *
ui_overview_get(struct ui *ui, const char *name)
{
	char	*v = NULL, *cause = NULL;

	if (db_setting_get(ui_db(ui), name, &v, &cause) != 0)
		free(cause);
	return v;
}

void
ui_overview_open(struct ui *ui)
{
	struct overview	*ov = xcalloc(1, sizeof *ov);
	char		*list, *screen, *id, *question;
	long long	 case_id;

	editbuf_init(&ov->search, NULL);
	editbuf_init(&ov->export, NULL);
	editbuf_init(&ov->reason, NULL);
	editbuf_init(&ov->name, NULL);
	/* Back to where the inspector was when caseread last stopped. */
	list = ui_overview_get(ui, "ui.list");
	screen = ui_overview_get(ui, "ui.screen");
	id = ui_overview_get(ui, "ui.case");
	question = ui_overview_get(ui, "ui.question");
	if (list != NULL && strcmp(list, "victim") == 0)
		ov->kind = QB_VICTIM;
	case_id = id != NULL ? strtoll(id, NULL, 10) : 0;
	ui_overview_load(ui, ov, case_id);
	ui_push(ui, &ui_overview_ops, ov);
	if (screen != NULL && strcmp(screen, "read") == 0 && case_id != 0 &&
	    ui_overview_current_id(ui, ov) == case_id) {
		ov->follow = 1;
		ov->follow_from = case_id;
		ui_read_open(ui, case_id, question);
	}
	free(list);
	free(screen);
	free(id);
	free(question);
}
