/*
 * Case read: one applicable question at a time, in the bank's reading order (each
 * key question's prompts, then the key). y, n and a save the answer at once and
 * move to the next unanswered question; the answer shows as saved only after
 * db_answer_save_if has returned. A save goes through only over what the screen
 * showed: when another window has changed the answer, its note or the case's
 * status since, nothing is written, the screen shows what changed, and the same
 * key again saves over it. The position is kept in the file's settings so a
 * restart returns here. Navigation rules are in readnav.c. At 120x40 and over
 * the screen splits: the question on the left as at 80x24, and on the right the
 * key question's prompts with their answers and the guidance, without g.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-case.h"
#include "notedraft.h"
#include "readnav.h"
#include "ui.h"
#include "uktime.h"
#include "wtext.h"
#include "util.h"

enum {
	RD_YES = UI_ACT_SCREEN,
	RD_NO,
	RD_NA,
	RD_CLEAR,
	RD_NOTE,
	RD_PREV,
	RD_NEXT,
	RD_PREV_STD,
	RD_NEXT_STD,
	RD_FIRST,
	RD_LAST,
	RD_UNANSWERED,
	RD_GUIDANCE,
	RD_HISTORY,
	RD_FINISH,
	RD_DETAILS,
	RD_BACK,
	RD_NOTE_LAST,
	RD_SUMMARY,
	RD_GOTO,
	RD_GOTO_DONE,
	RD_GOTO_CANCEL,
	RD_UNDO
};

static const struct ui_key ui_read_keys[] = {
	/* Y, N and A answer too, as every letter works with Caps Lock on. */
	{ 'y', 0, RD_YES, "y", "answer yes (sufficient): save, then the next "
	    "unanswered question", "yes" },
	{ 'n', 0, RD_NO, "n", "answer no: save, then the next unanswered "
	    "question", "no" },
	{ 'a', 0, RD_NA, "a", "answer n/a (not applicable): save, then the "
	    "next unanswered question", "n/a" },
	{ 'u', 0, RD_CLEAR, "u", "clear the answer (leaves the note)", NULL },
	{ 'z', 0, RD_UNDO, "z", "undo the case's last change (z again redoes)",
	    NULL },
	{ 'e', 0, RD_NOTE, "e", "edit the evidence note (read it, when the "
	    "case is complete)", "note" },
	/* A key of its own: with Caps Lock on, E is this, not e. */
	{ 'E', 0, RD_NOTE_LAST, "E", "the evidence note of the answer just "
	    "given", NULL },
	/* Pairs share a help line, to keep the help short (two pages at 80x24). */
	{ KEY_UP, 1, RD_PREV, "Up", "previous or next question", NULL },
	{ 'k', 0, RD_PREV, "k", NULL, NULL },
	{ KEY_DOWN, 1, RD_NEXT, "Down", NULL, NULL },
	{ 'j', 0, RD_NEXT, "j", NULL, NULL },
	/* [ and ] for terminals whose description has no PgUp or PgDn. */
	{ KEY_PPAGE, 1, RD_PREV_STD, "PgUp", "start of this standard, or of "
	    "the one before", NULL },
	{ '[', 0, RD_PREV_STD, "[", NULL, NULL },
	{ KEY_NPAGE, 1, RD_NEXT_STD, "PgDn", "start of the next standard",
	    NULL },
	{ ']', 0, RD_NEXT_STD, "]", NULL, NULL },
	{ KEY_HOME, 1, RD_FIRST, "Home", "first or last question", NULL },
	{ KEY_END, 1, RD_LAST, "End", NULL, NULL },
	{ ' ', 0, RD_UNANSWERED, "Space", "next unanswered question", NULL },
	/* Off the hint line, for room; the question says it has guidance. */
	{ 'g', 0, RD_GUIDANCE, "g", "show or hide the guidance", NULL },
	{ 'h', 0, RD_HISTORY, "h", "history of this answer: every earlier "
	    "value, who and when", "history" },
	{ 'f', 0, RD_FINISH, "f", "finish: mark the case complete, or reopen "
	    "it", "finish" },
	{ 'd', 0, RD_DETAILS, "d", "edit the case's details", NULL },
	{ 's', 0, RD_SUMMARY, "s", "summary of the case; Enter there goes to "
	    "a question", NULL },
	{ ':', 0, RD_GOTO, ":", "go to a question by its id (2.2.1.3)", NULL },
	UI_KEY_TALLY,
	UI_KEY_TALLY_MORE,
	UI_KEY_HELP,
	{ 'q', 0, RD_BACK, "q", "back to the list of cases", "back" },
	UI_KEY_END
};

/* While typing a question's id. */
static const struct ui_key ui_read_goto_keys[] = {
	{ '\r', 0, RD_GOTO_DONE, "Enter", "go to the question with this id",
	    "go" },
	{ '\n', 0, RD_GOTO_DONE, "Enter", NULL, NULL },
	{ KEY_ENTER, 1, RD_GOTO_DONE, "Enter", NULL, NULL },
	{ 0x1b, 0, RD_GOTO_CANCEL, "Esc", "stay on this question", "cancel" },
	UI_KEY_TALLY_TEXT,
	UI_KEY_HELP_TEXT,
	UI_KEY_END
};

/* A save refused because the answer had changed since the screen showed it. */
struct read_changed {
	char			*question;	/* NULL: none to show */
	int			 action;	/* the key refused: RD_YES.. */
	enum answer_value	 was;		/* what the screen showed */
	size_t			 was_note;	/* its note, in characters */
	int			 completed;	/* the case completed since */
};

struct reader {
	long long		 id;
	struct db_case		 c;
	struct readnav		 rn;
	struct db_answer	*answers;
	size_t			 nanswers;
	size_t			 pos;		/* current position in rn */
	int			 guidance;	/* show guidance */
	struct read_changed	 changed;	/* until the next key */
	const char		*last;		/* question last answered here (the bank's) */
	int			 going;		/* typing a question's id */
	struct editbuf		 id_typed;
	long long		 version;	/* the file's data_version when read */
};

static const struct ui_key *
ui_read_keys_now(void *data)
{
	struct reader	*rd = data;

	return rd->going ? ui_read_goto_keys : ui_read_keys;
}

static const struct db_answer *
answer_in(const struct db_answer *list, size_t n, const char *id)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(list[i].question, id) == 0)
			return &list[i];
	}
	return NULL;
}

static const struct db_answer *
ui_read_answer(const struct reader *rd, const char *id)
{
	return answer_in(rd->answers, rd->nanswers, id);
}

/* Reload the case and its answers: what the screen shows is what is stored. */
static int
ui_read_load(struct ui *ui, struct reader *rd)
{
	struct db_case	 c;
	char		*cause = NULL;
	int		 rc;
	/* Taken first: a commit while reading is then seen at the next move. */
	long long	 version = db_data_version(ui_db(ui));

	if ((rc = db_case_get(ui_db(ui), rd->id, &c, &cause)) != 0) {
		if (rc > 0)
			cause = xasprintf("case %lld no longer exists", rd->id);
		ui_error(ui, cause);
		return -1;
	}
	db_case_clear(&rd->c);
	rd->c = c;
	readnav_clear(&rd->rn);
	readnav_init(&rd->rn, db_bank(ui_db(ui)), c.kind, c.type);
	db_answer_list_free(rd->answers, rd->nanswers);
	rd->answers = NULL;
	rd->nanswers = 0;
	if (db_answer_list(ui_db(ui), rd->id, &rd->answers, &rd->nanswers,
	    &cause) != 0) {
		ui_error(ui, cause);
		return -1;
	}
	readnav_load(&rd->rn, rd->answers, rd->nanswers);
	if (rd->pos >= rd->rn.n)
		rd->pos = rd->rn.n > 0 ? rd->rn.n - 1 : 0;
	rd->version = version;
	return 0;
}

static void
ui_read_goto(struct ui *ui, struct reader *rd, size_t pos)
{
	if (rd->rn.n == 0)
		return;
	rd->pos = pos < rd->rn.n ? pos : rd->rn.n - 1;
	ui_setting(ui, "ui.question", readnav_question(&rd->rn, rd->pos)->id);
}

static const char *
ui_read_value(enum answer_value v)
{
	switch (v) {
	case ANSWER_YES:
		return "yes";
	case ANSWER_NO:
		return "no";
	case ANSWER_NA:
		return "not applicable";
	default:
		return "not answered";
	}
}

/* How many changed questions the status line names before "and N more". */
#define READ_CHANGED_NAMED	3

/*
 * Before a move: when another window or program has committed to the file
 * since this screen read the case, read it again and name the questions whose
 * answer or note changed, so that the screen never goes on showing an answer
 * the file no longer holds. NULL when nothing of this case changed, or a
 * status line to show (newly allocated). A key that saves is still checked
 * against what the screen showed (db_answer_save_if).
 */
static char *
ui_read_refresh(struct ui *ui, struct reader *rd)
{
	struct db_answer	*old = rd->answers;
	const struct db_answer	*a, *b;
	enum answer_value	 av, bv;
	size_t			 nold = rd->nanswers, i, n = 0;
	char			*list = NULL, *tmp, *id = NULL, *s;
	const char		*q;
	int			 was_complete = rd->c.complete;
	long long		 v;
	long			 pos;

	if ((v = db_data_version(ui_db(ui))) == -1 || v == rd->version)
		return NULL;
	if (rd->rn.n > 0)
		id = xstrdup(readnav_question(&rd->rn, rd->pos)->id);
	rd->answers = NULL;
	rd->nanswers = 0;
	if (ui_read_load(ui, rd) != 0) {
		/* Shown as it was; the error says why (a save would too). */
		db_answer_list_free(rd->answers, rd->nanswers);
		rd->answers = old;
		rd->nanswers = nold;
		readnav_load(&rd->rn, rd->answers, rd->nanswers);
		rd->version = v;
		free(id);
		return NULL;
	}
	if (id != NULL && (pos = readnav_find(&rd->rn, id)) >= 0)
		rd->pos = (size_t)pos;
	free(id);
	/* Every question answered on either side, in this case's order. */
	for (i = 0; i < rd->rn.n; i++) {
		q = readnav_question(&rd->rn, i)->id;
		a = answer_in(old, nold, q);
		b = ui_read_answer(rd, q);
		av = a != NULL ? a->value : ANSWER_NONE;
		bv = b != NULL ? b->value : ANSWER_NONE;
		if (av == bv && strcmp(a != NULL ? a->note : "", b != NULL ?
		    b->note : "") == 0)
			continue;
		if (n++ < READ_CHANGED_NAMED) {
			/* Short, to fit three on the status line. */
			tmp = list;
			list = xasprintf("%s%s%s %s", tmp != NULL ? tmp : "",
			    tmp != NULL ? ", " : "", q, av == bv ? "note" :
			    bv == ANSWER_YES ? "yes" : bv == ANSWER_NO ? "no" :
			    bv == ANSWER_NA ? "n/a" : "cleared");
			free(tmp);
		}
	}
	db_answer_list_free(old, nold);
	if (rd->c.complete != was_complete) {
		s = xasprintf("case %s was %s in another window%s%s",
		    rd->c.ref, rd->c.complete ? "marked complete" : "reopened",
		    list != NULL ? "; changed: " : "", list != NULL ? list : "");
		free(list);
		return s;
	}
	if (n == 0)
		return NULL;
	if (n > READ_CHANGED_NAMED)
		s = xasprintf("changed in another window: %s and %zu more",
		    list, n - READ_CHANGED_NAMED);
	else
		s = xasprintf("changed in another window: %s", list);
	free(list);
	return s;
}


/* An answer as the screens mark it: n/a, as the counts and history say. */
static const char *
ui_read_mark(enum answer_value v)
{
	switch (v) {
	case ANSWER_YES:
		return "yes";
	case ANSWER_NO:
		return "no";
	case ANSWER_NA:
		return "n/a";
	default:
		return "-";
	}
}

/*
 * The key question's prompts and their answers: "2.1.1.1 yes  2.1.1.2 -",
 * broken into lines of width columns by whole "id mark" units, so a mark never
 * wraps away from its id.
 */
static char *
ui_read_prompts(const struct reader *rd, size_t key, int width)
{
	const struct qbank		*bank = rd->rn.bank;
	const struct qb_question	*q;
	char				*s, *t, *unit, **units = NULL;
	size_t				 i, nunits = 0, len;
	struct readnav_counts		 c;
	int				 col;

	for (i = 0; i < rd->rn.n; i++) {
		q = readnav_question(&rd->rn, i);
		if (q->is_key || q->key != key)
			continue;
		units = xreallocarray(units, nunits + 1, sizeof *units);
		units[nunits++] = xasprintf("%s %s", q->id,
		    ui_read_mark(rd->rn.value[i]));
	}
	if (nunits == 0)
		return NULL;
	readnav_prompt_counts(&rd->rn, key, &c);
	s = xasprintf("Prompts for %s: %d yes, %d no, %d n/a, %d unanswered.",
	    bank->questions[key].id, c.yes, c.no, c.na, c.none);
	col = wtext_width(s, strlen(s));
	for (i = 0; i < nunits; i++) {
		unit = units[i];
		len = strlen(unit);
		/* Two spaces apart; one that would pass the edge starts a line. */
		if (col + 2 + (int)len > width) {
			t = xasprintf("%s\n%s", s, unit);
			col = (int)len;
		} else {
			t = xasprintf("%s%s%s", s, col == 0 ? "" : "  ", unit);
			col += (col == 0 ? 0 : 2) + (int)len;
		}
		free(s);
		s = t;
		free(unit);
	}
	free(units);
	return s;
}

/* The key of an answer action, and what it does, for "press n again to ...". */
static char
ui_read_action_key(int action)
{
	switch (action) {
	case RD_YES:
		return 'y';
	case RD_NO:
		return 'n';
	case RD_NA:
		return 'a';
	default:
		return 'u';
	}
}

static const char *
ui_read_action_does(int action)
{
	switch (action) {
	case RD_YES:
		return "save yes over it";
	case RD_NO:
		return "save no over it";
	case RD_NA:
		return "save n/a over it";
	default:
		return "clear it";
	}
}

/* "yes, with a note of 120 characters", "not answered, with no note". */
static char *
ui_read_describe(enum answer_value v, size_t note)
{
	if (note == 0)
		return xasprintf("%s, with no note", ui_read_value(v));
	return xasprintf("%s, with a note of %zu character%s", ui_read_value(v),
	    note, note == 1 ? "" : "s");
}

/* What the screen says under the answer when a save was refused. */
static char *
ui_read_changed_text(const struct reader *rd, const struct db_answer *a)
{
	char	*then, *now, *s;

	if (rd->changed.completed)
		return xasprintf("Not saved: this case was marked complete in "
		    "another window. Press f to reopen it before changing "
		    "answers.");
	then = ui_read_describe(rd->changed.was, rd->changed.was_note);
	now = ui_read_describe(a != NULL ? a->value : ANSWER_NONE, a != NULL ?
	    ui_note_chars(a->note) : 0);
	s = xasprintf("Not saved: changed in another window. This screen "
	    "showed %s; it is now %s. Press %c again to %s (the history keeps "
	    "both), or any other key to leave it.", then, now,
	    ui_read_action_key(rd->changed.action),
	    ui_read_action_does(rd->changed.action));
	free(then);
	free(now);
	return s;
}

static void
ui_read_changed_clear(struct reader *rd)
{
	free(rd->changed.question);
	memset(&rd->changed, 0, sizeof rd->changed);
}

/*
 * The line that says a draft of question's note was kept (after a crash, a
 * hang-up or a closed terminal) and differs from the note saved, or NULL: the
 * editor offers it back, but only when it is opened on that question.
 */
static char *
ui_read_draft_line(struct ui *ui, struct reader *rd, const char *question,
    const char *saved)
{
	char	*name, *value = NULL, *at = NULL, *text = NULL, *s = NULL;

	name = notedraft_name(rd->c.id, rd->c.ref, question);
	if (db_setting_get(ui_db(ui), name, &value, NULL) != 0)
		value = NULL;
	free(name);
	if (value == NULL)
		return NULL;
	if (notedraft_left(value) && notedraft_unpack(value, &at, &text) == 0 &&
	    strcmp(text, saved) != 0)
		s = xasprintf("A draft of this note from %s was kept: e offers "
		    "it back", at);
	free(at);
	free(text);
	free(value);
	return s;
}

/* The split layout: for terminals of at least these many columns and rows. */
#define READ_WIDE_COLS	120
#define READ_WIDE_ROWS	40

static int
ui_read_wide(void)
{
	return COLS >= READ_WIDE_COLS && LINES >= READ_WIDE_ROWS;
}

/* Rows the panel's guidance of q takes: a blank, a heading and the text. */
static int
ui_read_guidance_rows(const struct qb_question *q, int width)
{
	struct wtext_line	*l;
	int			 n;

	if (q->guidance == NULL)
		return 3;
	n = (int)wtext_wrap(q->guidance, strlen(q->guidance), width - 2, &l);
	free(l);
	return 2 + n;
}

/* q's guidance in the panel from row y, above row end; the row after it. */
static int
ui_read_guidance(struct ui *ui, const struct qb_question *q, int x, int width,
    int y, int end, const char *more)
{
	char	*s;

	if (end - y < 2)
		return y;
	s = xasprintf("Guidance for %s:", q->id);
	ui_put(y++, x, width, ui_attr(ui, UI_HEADING), s);
	free(s);
	if (q->guidance == NULL) {
		ui_put(y++, x + 2, width - 2, ui_attr(ui, UI_DIM), "No "
		    "guidance for this question.");
		return y;
	}
	return y + ui_put_wrapped_more(ui, y, x + 2, width - 2, end - y,
	    ui_attr(ui, UI_DIM), q->guidance, more);
}

/*
 * The right of the split screen, columns x .. x + width - 1 of rows y .. end - 1:
 * the key question's prompts and the key itself, each with its answer, the
 * current one marked with ">", then the current question's guidance in the
 * rows left. With g, the guidance alone, for a long one.
 */
static void
ui_read_panel(struct ui *ui, struct reader *rd, int x, int width, int y,
    int end)
{
	const struct qbank		*bank = rd->rn.bank;
	const struct qb_question	*q, *qq;
	size_t				 i, nq = 0;
	int				 idw = 0, per = 1, need, attr, n;
	struct readnav_counts		 c;
	char				*s, *prefix;

	q = readnav_question(&rd->rn, rd->pos);
	for (i = 0; i < rd->rn.n && !rd->guidance; i++) {
		qq = readnav_question(&rd->rn, i);
		if (qq->key != q->key)
			continue;
		nq++;
		if ((n = (int)strlen(qq->id)) > idw)
			idw = n;
	}
	if (nq > 0) {
		readnav_prompt_counts(&rd->rn, q->key, &c);
		s = xasprintf("Key question %s and its prompts: %d yes, %d no, "
		    "%d n/a, %d unanswered", bank->questions[q->key].id, c.yes,
		    c.no, c.na, c.none);
		y += ui_put_wrapped(y, x, width, 2, ui_attr(ui, UI_HEADING),
		    s);
		free(s);
		y++;
		/*
		 * More rows a question while the guidance keeps its room: all
		 * of it for three, most of it for two.
		 */
		need = ui_read_guidance_rows(q, width) + (q->is_key ? 0 :
		    ui_read_guidance_rows(&bank->questions[q->key], width));
		if ((int)nq * 3 + need <= end - y)
			per = 3;
		else if ((int)nq * 2 + (need < 8 ? need : 8) <= end - y)
			per = 2;
	}
	for (i = 0; i < rd->rn.n && nq > 0 && y < end; i++) {
		qq = readnav_question(&rd->rn, i);
		if (qq->key != q->key)
			continue;
		attr = i == rd->pos ? ui_attr(ui, UI_SELECTED) : 0;
		prefix = xasprintf("%s %-*s %-3s ", i == rd->pos ? ">" : " ",
		    idw, qq->id, ui_read_mark(rd->rn.value[i]));
		n = ui_put(y, x, width, attr, prefix);
		free(prefix);
		s = xasprintf("%s%s", qq->is_key ? "(key) " : "", qq->text);
		y += ui_put_wrapped(y, x + n, width - n, per < end - y ? per :
		    end - y, attr, s);
		free(s);
	}
	if (nq > 0)
		y++;
	y = ui_read_guidance(ui, q, x, width, y, end, rd->guidance ? "..." :
	    "... (more: g shows it alone)");
	/* A prompt's key question often says more, when there is room. */
	if (!q->is_key && bank->questions[q->key].guidance != NULL &&
	    !rd->guidance && end - y >= 4)
		ui_read_guidance(ui, &bank->questions[q->key], x, width, y + 1,
		    end, "...");
}

static void
ui_read_draw(struct ui *ui, void *data)
{
	struct reader			*rd = data;
	const struct qbank		*bank = rd->rn.bank;
	const struct qb_question	*q, *key;
	const struct qb_standard	*std;
	const struct db_answer		*a;
	size_t				 answered, applicable;
	char				*s, *at;
	int				 x, y, rows, bottom = LINES - 3;
	int				 wide = ui_read_wide();
	/* Split: the question in the left half, the panel in the right. */
	int				 w = (wide ? COLS / 2 : COLS) - 2;

	readnav_progress(&rd->rn, &answered, &applicable);
	ui_title(ui, "Case %s (%s, %s): %zu/%zu answered, %s", rd->c.ref,
	    rd->c.kind == QB_CHILD ? "child" : "victim",
	    rd->c.kind == QB_CHILD ? qbank_type_name(rd->c.type) :
	    (rd->c.interviewed ? "interview" : "file read"), answered,
	    applicable, ui_case_state(&rd->c));
	if (rd->rn.n == 0) {
		ui_put(2, 1, w, 0, "No question in this bank applies "
		    "to this case.");
		return;
	}
	q = readnav_question(&rd->rn, rd->pos);
	key = &bank->questions[q->key];
	std = &bank->standards[q->standard];

	s = xasprintf("Standard %s %s", std->id, std->title);
	ui_put(1, 1, COLS - 24, ui_attr(ui, UI_HEADING), s);
	free(s);
	s = xasprintf("question %zu of %zu", rd->pos + 1, rd->rn.n);
	ui_put(1, COLS - 1 - (int)strlen(s), (int)strlen(s), 0, s);
	free(s);
	y = 2;
	if (!q->is_key) {
		s = xasprintf("Key question %s: %s", key->id, key->text);
		y += ui_put_wrapped(y, 1, w, 2, ui_attr(ui, UI_DIM), s);
		free(s);
	}
	y++;
	s = xasprintf("%s %s", q->is_key ? "KEY QUESTION" : "Prompt", q->id);
	x = ui_put(y, 1, w, ui_attr(ui, UI_HEADING), s);
	free(s);
	if (q->guidance != NULL && !rd->guidance && !wide)
		ui_put(y, 1 + x, w - x, ui_attr(ui, UI_DIM),
		    "   (g shows guidance)");
	y++;
	y += ui_put_wrapped(y, 3, w - 2, 4, ui_attr(ui, UI_HEADING), q->text);
	y++;

	a = ui_read_answer(rd, q->id);
	if (rd->rn.value[rd->pos] != ANSWER_NONE && a != NULL) {
		at = uktime_show(a->updated_at);
		s = xasprintf("Answer: %s   (saved %s by %s)",
		    ui_read_value(rd->rn.value[rd->pos]), at, a->inspector);
		free(at);
	} else
		s = xasprintf("Answer: %s", ui_read_value(ANSWER_NONE));
	ui_put(y++, 1, w, ui_attr(ui, UI_HEADING), s);
	free(s);
	if (rd->changed.question != NULL && strcmp(rd->changed.question,
	    q->id) == 0) {
		s = ui_read_changed_text(rd, a);
		y += ui_put_wrapped(y, 1, w, 3, ui_attr(ui, UI_ERROR), s);
		free(s);
	}

	/* The panel lists them, one to a row. */
	if (!wide && (s = ui_read_prompts(rd, q->key, w)) != NULL) {
		y += ui_put_wrapped(y, 1, w, 2, 0, s);
		free(s);
	}
	if (a != NULL && a->note[0] != '\0') {
		s = xasprintf("Evidence note for %s:", q->id);
		ui_put(y++, 1, w, 0, s);
		free(s);
		/* Leave room for guidance when it is shown. */
		rows = rd->guidance && !wide ? bottom - y - 5 : bottom - y;
		y += ui_put_wrapped_more(ui, y, 3, w - 2, rows < 1 ? 1 : rows,
		    0, a->note, rd->c.complete || db_readonly(ui_db(ui)) ?
		    "... (more: e reads it all)" :
		    "... (more: e reads and edits it all)");
	} else {
		s = xasprintf("Evidence note for %s: none%s", q->id,
		    rd->c.complete || db_readonly(ui_db(ui)) ? "" :
		    " (press e to write one)");
		ui_put(y++, 1, w, ui_attr(ui, UI_DIM), s);
		free(s);
	}
	if (y < bottom && !db_readonly(ui_db(ui)) && (s = ui_read_draft_line(ui,
	    rd, q->id, a != NULL ? a->note : "")) != NULL) {
		ui_put(y++, 1, w, ui_attr(ui, UI_ERROR), s);
		free(s);
	}
	if (rd->going) {
		ui_put(bottom, 1, 20, ui_attr(ui, UI_HEADING), "Go to question:");
		ui_edit_draw(ui, bottom, 17, COLS - 18, &rd->id_typed);
	}
	if (wide) {
		mvvline(2, COLS / 2, ACS_VLINE, bottom - 2);
		ui_read_panel(ui, rd, COLS / 2 + 2, COLS - COLS / 2 - 3, 2,
		    bottom);
	} else if (rd->guidance && y < bottom) {
		y++;
		if (q->guidance != NULL) {
			ui_put(y++, 1, w, ui_attr(ui, UI_HEADING), "Guidance:");
			ui_put_wrapped(y, 3, w - 2, bottom - y, ui_attr(ui,
			    UI_DIM), q->guidance);
		} else
			ui_put(y, 1, w, ui_attr(ui, UI_DIM), "No guidance for "
			    "this question.");
	}
}

/*
 * The file no longer holds what the screen showed for question id: show it as
 * it is now, still on id, and what changed.
 */
static void
ui_read_refused(struct ui *ui, struct reader *rd, const char *id, int action,
    const struct db_answer_seen *seen)
{
	long	pos;

	ui_read_changed_clear(rd);
	rd->changed.question = xstrdup(id);
	rd->changed.action = action;
	rd->changed.was = seen->value;
	rd->changed.was_note = ui_note_chars(seen->note);
	if (ui_read_load(ui, rd) != 0)
		return;
	/* Another window may have changed the case's type, and the order. */
	if ((pos = readnav_find(&rd->rn, id)) >= 0)
		ui_read_goto(ui, rd, (size_t)pos);
	if (rd->c.complete) {
		rd->changed.completed = 1;
		ui_status(ui, "not saved: case %s was marked complete in "
		    "another window", rd->c.ref);
		return;
	}
	/* What changed is on the screen; the status line has the key. */
	ui_status(ui, "not saved: %s changed in another window; press %c again "
	    "to %s", id, ui_read_action_key(action),
	    ui_read_action_does(action));
}

/*
 * Save v for the current question over what the screen shows of it. over: the
 * same key after a refusal, so the status says whose answer it replaced.
 */
static void
ui_read_answer_key(struct ui *ui, struct reader *rd, int action,
    enum answer_value v, int over)
{
	const struct qb_question	*q;
	const struct db_answer		*a;
	struct db_answer_seen		 seen;
	char				*cause = NULL, *id;
	long				 next;
	int				 rc;

	if (rd->rn.n == 0)
		return;
	q = readnav_question(&rd->rn, rd->pos);
	if (rd->c.complete) {
		/* Perhaps stale: another window may have reopened it. */
		id = xstrdup(q->id);
		if (ui_read_load(ui, rd) == 0 && !rd->c.complete) {
			if ((next = readnav_find(&rd->rn, id)) >= 0)
				ui_read_goto(ui, rd, (size_t)next);
			ui_status(ui, "case %s was reopened in another window: "
			    "press %c again to save", rd->c.ref,
			    ui_read_action_key(action));
		} else
			ui_status(ui, "this case is marked complete: press f "
			    "to reopen it before changing answers");
		free(id);
		return;
	}
	a = ui_read_answer(rd, q->id);
	seen.value = a != NULL ? a->value : ANSWER_NONE;
	seen.note = a != NULL ? a->note : "";
	seen.complete = rd->c.complete;
	seen.kind = rd->c.kind;
	seen.ref = rd->c.ref;
	/* q points into the bank, which outlives every reload; a does not. */
	rc = db_answer_save_if(ui_db(ui), rd->id, q->id, &seen, v, NULL,
	    &cause);
	if (err_code_of(rc) == ERR_CHANGED) {
		free(cause);	/* the refusal shows what changed instead */
		/* seen borrows from rd->answers, which the reload frees. */
		seen.note = xstrdup(seen.note);
		ui_read_refused(ui, rd, q->id, action, &seen);
		free((char *)seen.note);
		return;
	}
	if (rc < 0) {
		/*
		 * Not saved: the screen keeps showing the stored answer. The
		 * reason last, over what a reload says of a case merged away.
		 */
		ui_read_load(ui, rd);
		ui_error(ui, cause);
		return;
	}
	ui_read_load(ui, rd);
	if (v == ANSWER_NONE) {
		ui_status(ui, "%s: answer cleared%s", q->id, over ?
		    " (over the other window's answer)" : "");
		return;
	}
	rd->last = q->id;
	next = readnav_next_unanswered(&rd->rn, rd->pos);
	if (next >= 0) {
		ui_status(ui, "saved %s: %s%s; E writes its evidence note",
		    q->id, ui_read_value(v), over ?
		    " (over the other window's answer)" : "");
		ui_read_goto(ui, rd, (size_t)next);
	} else
		ui_status(ui, "saved %s: %s. Every question is answered: "
		    "press f to finish the case", q->id, ui_read_value(v));
}

static const struct ui_screen_ops ui_read_ops;

/* The summary's Enter: back on this case, at question. */
static void
ui_read_summary_jump(struct ui *ui, void *arg, const char *question)
{
	struct reader	*rd = arg;
	long		 pos;

	if ((pos = readnav_find(&rd->rn, question)) >= 0)
		ui_read_goto(ui, rd, (size_t)pos);
}

void
ui_read_jump(struct ui *ui, long long id, const char *question)
{
	struct reader	*rd = ui_top_data(ui, &ui_read_ops);

	if (rd != NULL && rd->id == id) {
		ui_read_load(ui, rd);
		ui_read_summary_jump(ui, rd, question);
	} else
		ui_read_open(ui, id, question);
}

/* z: the case's last change taken back, from its history; shown where it is. */
static void
ui_read_undo(struct ui *ui, struct reader *rd)
{
	struct db_undo	 u;
	char		*cause = NULL;
	long		 pos;
	int		 rc;

	if ((rc = db_answer_undo(ui_db(ui), rd->id, &u, &cause)) < 0) {
		ui_error(ui, cause);
		return;
	}
	if (rc > 0) {
		ui_status(ui, "nothing to undo: no answer of this case has "
		    "changed");
		return;
	}
	ui_read_load(ui, rd);
	if ((pos = readnav_find(&rd->rn, u.question)) >= 0)
		ui_read_goto(ui, rd, (size_t)pos);
	/* A change of note alone: say only that. */
	if (u.value == u.undone && u.note_changed)
		ui_status(ui, "undone: the note of %s restored (its answer "
		    "still %s); z again redoes", u.question,
		    ui_read_value(u.value));
	else
		ui_status(ui, "undone: %s is %s again (was %s)%s; z again "
		    "redoes", u.question, ui_read_value(u.value),
		    ui_read_value(u.undone), u.note_changed ? ", its note "
		    "restored" : "");
	free(u.question);
}

/* Enter on a typed id: the question, if it applies to this case. */
static void
ui_read_goto_done(struct ui *ui, struct reader *rd)
{
	const char	*t = rd->id_typed.text;
	long		 pos;

	t += strspn(t, " ");
	if (*t == '\0') {
		rd->going = 0;
		return;
	}
	if ((pos = readnav_find(&rd->rn, t)) < 0) {
		ui_status(ui, "no question %s applies to this case (Esc stays "
		    "here)", t);
		return;
	}
	rd->going = 0;
	ui_read_goto(ui, rd, (size_t)pos);
}

static void
ui_read_key(struct ui *ui, void *data, int action, int fkey, wint_t ch)
{
	struct reader			*rd = data;
	const struct qb_question	*q;
	char				*moved = NULL;
	long				 next;
	int				 over;

	if (rd->going && action == UI_ACT_NONE) {
		ui_edit_key(&rd->id_typed, fkey, ch);
		return;
	}
	if (rd->rn.n == 0 && action != RD_BACK && action != RD_FINISH &&
	    action != RD_DETAILS)
		return;
	/* A move shows the file as it is now, and what changed in it. */
	if (action == RD_PREV || action == RD_NEXT || action == RD_PREV_STD ||
	    action == RD_NEXT_STD || action == RD_FIRST || action == RD_LAST ||
	    action == RD_UNANSWERED || action == RD_GOTO_DONE)
		moved = ui_read_refresh(ui, rd);
	q = rd->rn.n > 0 ? readnav_question(&rd->rn, rd->pos) : NULL;
	/* A refusal shows until the next key, which may be the same again. */
	over = rd->changed.question != NULL && !rd->changed.completed &&
	    q != NULL && strcmp(rd->changed.question, q->id) == 0 &&
	    rd->changed.action == action;
	ui_read_changed_clear(rd);
	switch (action) {
	case RD_YES:
		ui_read_answer_key(ui, rd, action, ANSWER_YES, over);
		break;
	case RD_NO:
		ui_read_answer_key(ui, rd, action, ANSWER_NO, over);
		break;
	case RD_NA:
		ui_read_answer_key(ui, rd, action, ANSWER_NA, over);
		break;
	case RD_CLEAR:
		ui_read_answer_key(ui, rd, action, ANSWER_NONE, over);
		break;
	case RD_NOTE:
		/* A complete case's note can still be read, long ones whole. */
		ui_note_open(ui, rd->id, q->id, rd->c.complete ||
		    db_readonly(ui_db(ui)));
		break;
	case RD_UNDO:
		ui_read_undo(ui, rd);
		break;
	case RD_SUMMARY:
		ui_summary_open(ui, rd->id, q->id, ui_read_summary_jump, rd);
		break;
	case RD_GOTO:
		editbuf_clear(&rd->id_typed);
		editbuf_init(&rd->id_typed, NULL);
		rd->going = 1;
		break;
	case RD_GOTO_DONE:
		ui_read_goto_done(ui, rd);
		break;
	case RD_GOTO_CANCEL:
		rd->going = 0;
		break;
	case RD_NOTE_LAST:
		if (rd->last == NULL)
			ui_status(ui, "no answer given yet on this screen: e "
			    "writes the note of the question shown");
		else
			ui_note_open(ui, rd->id, rd->last, rd->c.complete ||
			    db_readonly(ui_db(ui)));
		break;
	case RD_PREV:
		if (rd->pos > 0)
			ui_read_goto(ui, rd, rd->pos - 1);
		break;
	case RD_NEXT:
		ui_read_goto(ui, rd, rd->pos + 1);
		break;
	case RD_PREV_STD:
		ui_read_goto(ui, rd, readnav_prev_standard(&rd->rn, rd->pos));
		break;
	case RD_NEXT_STD:
		ui_read_goto(ui, rd, readnav_next_standard(&rd->rn, rd->pos));
		break;
	case RD_FIRST:
		ui_read_goto(ui, rd, 0);
		break;
	case RD_LAST:
		ui_read_goto(ui, rd, rd->rn.n - 1);
		break;
	case RD_UNANSWERED:
		if ((next = readnav_next_unanswered(&rd->rn, rd->pos)) >= 0)
			ui_read_goto(ui, rd, (size_t)next);
		else
			ui_status(ui, "no other question is unanswered");
		break;
	case RD_GUIDANCE:
		rd->guidance = !rd->guidance;
		break;
	case RD_HISTORY:
		ui_history_open(ui, rd->id, q->id);
		break;
	case RD_FINISH:
		ui_finish_open(ui, rd->id);
		break;
	case RD_DETAILS:
		ui_casedit_open(ui, rd->c.kind, rd->id);
		break;
	case RD_BACK:
		ui_pop(ui);
		break;
	}
	/* Over what the move itself said: the change matters more. */
	if (moved != NULL)
		ui_status(ui, "%s", moved);
	free(moved);
}

static void
ui_read_resume(struct ui *ui, void *data)
{
	struct reader	*rd = data;

	ui_read_load(ui, rd);
	ui_setting(ui, "ui.screen", "read");
}

static void
ui_read_free(void *data)
{
	struct reader	*rd = data;

	db_case_clear(&rd->c);
	readnav_clear(&rd->rn);
	db_answer_list_free(rd->answers, rd->nanswers);
	ui_read_changed_clear(rd);
	editbuf_clear(&rd->id_typed);
	free(rd);
}

static const struct ui_screen_ops ui_read_ops = {
	"Case read",
	ui_read_keys_now,
	ui_read_draw,
	ui_read_key,
	ui_read_resume,
	ui_read_free
};

void
ui_read_open(struct ui *ui, long long id, const char *question)
{
	struct reader	*rd = xcalloc(1, sizeof *rd);
	char		*s;
	long		 pos = -1;

	rd->id = id;
	editbuf_init(&rd->id_typed, NULL);
	if (ui_read_load(ui, rd) != 0) {
		ui_read_free(rd);
		return;
	}
	if (question != NULL)
		pos = readnav_find(&rd->rn, question);
	/* Opening a case lands on its first unanswered question. */
	if (pos < 0 && (pos = readnav_first_unanswered(&rd->rn)) < 0)
		pos = 0;
	ui_push(ui, &ui_read_ops, rd);
	s = xasprintf("%lld", id);
	ui_setting(ui, "ui.case", s);
	free(s);
	ui_setting(ui, "ui.screen", "read");
	ui_read_goto(ui, rd, (size_t)pos);
}
