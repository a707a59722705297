/*
 * caseread import's engine: CSV rows checked against the bank and written
 * through the db layer in one transaction. The first bad row stops the writing
 * but not the checking, so one run reports every bad row; then the transaction
 * is rolled back and nothing is left. Rows are also checked against each other
 * (one inspector, one answer, one note) and against cases already complete.
 * Questions, cases and what rows gave are found through hash tables
 * (hashtab.h), so a 300,000-row file costs no scan of the bank per row.
 * A case's own columns (macd, withdrawn, its details, the manager's initials
 * and the victim's contact) are written through the functions the command
 * line and the screens use, with their rules. Its status is only read: import
 * never completes a case (the screens do, once its key questions are answered).
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "db-case.h"
#include "hashtab.h"
#include "import.h"
#include "textgate.h"
#include "util.h"

enum import_col {
	COL_REF,
	COL_KIND,
	COL_TYPE,
	COL_QUESTION,
	COL_ANSWER,
	COL_NOTE,
	COL_INSPECTOR,		/* optional */
	COL_MACD,		/* optional: yes/no, the case is one of the MACDs */
	/* Optional, the case's own (set_own): empty leaves it as it is. */
	COL_WITHDRAWN,		/* the reason it left the sample */
	COL_MANAGER,		/* manager_interviewed: yes/no */
	COL_START,		/* period inspected, YYYY-MM-DD */
	COL_END,
	COL_WORKER,		/* victims' cases: the victim worker */
	COL_INTERVIEW,		/* victims' cases: the interview's label */
	COL_INITIALS,		/* manager: the case manager's initials */
	COL_CONTACT,		/* victims' cases: interview or file */
	COL_STATUS,		/* draft or complete: read, never applied */
	NCOLS
};
#define NREQUIRED	COL_INSPECTOR

static const char *const col_names[NCOLS] = {
	"case_ref", "case_kind", "case_type", "question", "answer", "note",
	"inspector", "macd", "withdrawn", "manager_interviewed", "period_start",
	"period_end", "victim_worker", "interview", "manager", "contact",
	"status"
};
#define FIRST_OWN	COL_WITHDRAWN
#define NOWN		(COL_STATUS - FIRST_OWN)	/* the case's own */

/* A case met in this file: its id once written, and what its rows gave. */
struct import_case {
	char		*key;		/* kind letter, then the reference */
	long long	 id;		/* 0 while not written */
	unsigned	 type;
	long		 line;		/* where it first appeared */
	uint32_t	 seq;		/* order of first appearance, from 0: its index */
	int		 added;		/* added by this import */
	long long	 found;		/* its id in the file before, 0 if new */
	char		*inspector;	/* the one named in its rows, or NULL */
	long		 inspector_line;
	int		 complete;	/* in the file already, marked complete */
	int		 macd;		/* 1 yes, 0 no, -1 no row said */
	long		 macd_line;
	struct db_answer *answers;	/* then its answers there, to compare */
	size_t		 nanswers;
	/*
	 * Its own columns from COL_WITHDRAWN on, as text (manager_interviewed
	 * "yes" or "no", contact "interview" or "file"): what its rows gave
	 * (NULL none) and on which line, and what the file held before (NULL
	 * none, or not in the file).
	 */
	char		*own[NOWN];
	long		 own_line[NOWN];
	char		*had[NOWN];
	int		 counted;	/* counted in cases_updated */
	int		 status;	/* rows: 1 complete, 0 draft, -1 none */
	long		 status_line;
};

/*
 * What the rows so far gave one question of one case, so that two rows saying
 * different things are refused rather than the last silently winning.
 */
struct import_seen {
	uint32_t	 note;		/* FNV-1a of the note given, folded to 32 bits */
	uint32_t	 value_line;	/* row that gave an answer, 0 if none yet */
	uint32_t	 note_line;	/* row that gave a note, 0 if none yet */
	int32_t		 value;
};
/* Lines kept in 32 bits: past that (a 4-billion-line file) messages say this. */
#define SEEN_LINE(l)	((l) < UINT32_MAX ? (uint32_t)(l) : UINT32_MAX)

struct import {
	struct db		*db;
	const struct qbank	*bank;
	const char		*name;
	struct import_stats	*stats;
	long			 col[NCOLS];	/* field index, -1 if absent */
	size_t			 ncols;

	struct hashtab		*questions;	/* bank question index by id */
	struct import_case	*cases;		/* in order of first appearance */
	size_t			 ncases, casesize;
	struct hashtab		*case_index;	/* by key */
	struct import_seen	*seen;
	size_t			 nseen, seensize;
	struct hashtab		*seen_index;	/* by case seq and question */

	char			*errors;	/* "NAME:LINE: problem\n" lines */
	long			 bad;		/* bad rows */
	int			 writing;	/* no bad row yet: keep writing */
	int			 excel;		/* an --excel export: formulas quoted */
	char			*owner;		/* recording user when we started */
	char			*reader;	/* the row's inspector, trimmed */
	char			*note;		/* the row's note, CRLF made LF */
	size_t			 notesize;
};

static int
question_eq(const void *key, size_t i, const void *arg)
{
	const struct qbank	*bank = arg;

	return strcmp(bank->questions[i].id, key) == 0;
}

static void
question_index(struct import *im)
{
	const char	*id;
	size_t		 i;

	im->questions = hashtab_new(im->bank->nquestions);
	for (i = 0; i < im->bank->nquestions; i++) {
		id = im->bank->questions[i].id;
		hashtab_put(im->questions, hashtab_str(id, strlen(id)), i);
	}
}

/* The bank's index of question id (len bytes, NUL-terminated), or -1. */
static long
question_find(const struct import *im, const char *id, size_t len)
{
	size_t	i = hashtab_find(im->questions, hashtab_str(id, len),
	    question_eq, id, im->bank);

	return i == HASHTAB_NONE ? -1 : (long)i;
}

static int
case_eq(const void *key, size_t i, const void *arg)
{
	const struct import	*im = arg;

	return strcmp(im->cases[i].key, key) == 0;
}

/* The case of key met earlier in this file, or NULL. */
static struct import_case *
case_find(struct import *im, const char *key, uint64_t h)
{
	size_t	i = hashtab_find(im->case_index, h, case_eq, key, im);

	return i == HASHTAB_NONE ? NULL : &im->cases[i];
}

/* A new case of key, zeroed but for its key and seq. Pointers to others move. */
static struct import_case *
case_add(struct import *im, char *key, uint64_t h)
{
	struct import_case	*ic;

	if (im->ncases == im->casesize) {
		im->casesize = im->casesize == 0 ? 1024 : im->casesize * 2;
		im->cases = xreallocarray(im->cases, im->casesize,
		    sizeof *im->cases);
	}
	ic = &im->cases[im->ncases];
	memset(ic, 0, sizeof *ic);
	ic->key = key;
	ic->seq = (uint32_t)im->ncases;
	hashtab_put(im->case_index, h, im->ncases++);
	return ic;
}

/* What earlier rows gave a case's question, a new entry if none did. */
static struct import_seen *
seen_get(struct import *im, uint32_t seq, uint32_t question)
{
	uint64_t	h = hashtab_int((uint64_t)seq << 32 | question);
	size_t		i = hashtab_find(im->seen_index, h, NULL, NULL, NULL);

	if (i != HASHTAB_NONE)
		return &im->seen[i];
	if (im->nseen == im->seensize) {
		im->seensize = im->seensize == 0 ? 1024 : im->seensize * 2;
		im->seen = xreallocarray(im->seen, im->seensize,
		    sizeof *im->seen);
	}
	memset(&im->seen[im->nseen], 0, sizeof *im->seen);
	im->seen[im->nseen].value = ANSWER_KEEP;
	hashtab_put(im->seen_index, h, im->nseen);
	return &im->seen[im->nseen++];
}

static void
import_clear(struct import *im)
{
	size_t	i;
	int	k;

	for (i = 0; i < im->ncases; i++) {
		for (k = 0; k < NOWN; k++) {
			free(im->cases[i].own[k]);
			free(im->cases[i].had[k]);
		}
		free(im->cases[i].key);
		free(im->cases[i].inspector);
		db_answer_list_free(im->cases[i].answers,
		    im->cases[i].nanswers);
	}
	free(im->cases);
	hashtab_free(im->case_index);
	free(im->seen);
	hashtab_free(im->seen_index);
	hashtab_free(im->questions);
	free(im->errors);
	free(im->owner);
	free(im->reader);
	free(im->note);
}

/* Record a bad row: reported while there are few, counted always. */
static void __attribute__((format(printf, 3, 4)))
row_error(struct import *im, long line, const char *fmt, ...)
{
	va_list	 ap;
	char	*raw, *msg, *old;

	im->writing = 0;
	if (im->bad++ >= IMPORT_MAX_ERRORS)
		return;
	va_start(ap, fmt);
	raw = xvasprintf(fmt, ap);
	va_end(ap);
	/* One line each, whatever the file's text holds: shown, never obeyed. */
	msg = textgate_show(raw, strlen(raw), 0);
	old = im->errors;
	im->errors = xasprintf("%s%s:%ld: %s\n", old != NULL ? old : "",
	    im->name, line, msg);
	free(old);
	free(msg);
	free(raw);
}

/*
 * Whether a header cell names column name: without case, and without the
 * spaces a hand-written header puts after its commas.
 */
static int
header_is(const char *cell, const char *name)
{
	size_t	n = strlen(name);

	cell += strspn(cell, " \t");
	if (strncasecmp(cell, name, n) != 0)
		return 0;
	cell += n;
	return cell[strspn(cell, " \t")] == '\0';
}

static int
read_header(struct import *im, struct csv_reader *r, char **cause)
{
	struct csv_record	 rec;
	char			*missing = NULL, *old;
	size_t			 i;
	int			 c, rc;

	if ((rc = csv_read(r, &rec, cause)) < 0)
		return rc;
	if (rc == 0)
		return util_fail(cause, "%s: the file is empty (it needs a header "
		    "line: case_ref,case_kind,case_type,question,answer,note)",
		    im->name);
	for (c = 0; c < NCOLS; c++)
		im->col[c] = -1;
	for (i = 0; i < rec.nfields; i++) {
		for (c = 0; c < NCOLS; c++) {
			if (header_is(rec.fields[i], col_names[c]))
				break;
		}
		if (c == NCOLS)
			continue;	/* a column for someone else */
		if (im->col[c] != -1)
			return util_fail(cause, "%s:%ld: the header names "
			    "column '%s' twice", im->name, rec.line,
			    col_names[c]);
		im->col[c] = (long)i;
	}
	im->ncols = rec.nfields;
	for (c = 0; c < NREQUIRED; c++) {
		if (im->col[c] != -1)
			continue;
		old = missing;
		missing = xasprintf("%s%s'%s'", old != NULL ? old : "",
		    old != NULL ? ", " : "", col_names[c]);
		free(old);
	}
	if (missing != NULL) {
		util_fail(cause, "%s:%ld: the header lacks column%s %s (it needs "
		    "case_ref,case_kind,case_type,question,answer,note)",
		    im->name, rec.line, strchr(missing, ',') != NULL ? "s" : "",
		    missing);
		free(missing);
		return -1;
	}
	return 0;
}

/* "court or resettlement": the case types a prompt applies to. */
static char *
type_list(unsigned types)
{
	char	*s = NULL, *old;
	int	 i;

	for (i = 0; i < QB_NTYPES; i++) {
		if ((types & qbank_type_bit(i)) == 0)
			continue;
		old = s;
		s = xasprintf("%s%s%s", old != NULL ? old : "", old != NULL ?
		    " or " : "", qbank_type_name(qbank_type_bit(i)));
		free(old);
	}
	return s != NULL ? s : xstrdup("no");
}

/*
 * A field of an --excel export (a file starting with a byte-order mark) as it
 * was before export put an apostrophe before what a spreadsheet would run.
 */
static const char *
excel_undo(const struct import *im, const char *s, size_t *len)
{
	if (!im->excel || *len < 2 || s[0] != '\'' ||
	    strchr(CSV_EXCEL_QUOTED, s[1]) == NULL)
		return s;
	(*len)--;
	return s + 1;
}

/* Check the row's case columns; 0 with *kind and *type, or -1 after row_error. */
static int
check_case(struct import *im, long line, const char *ref, size_t reflen,
    const char *kindstr, const char *typestr, enum qb_kind *kind,
    unsigned *type)
{
	char	*why;

	if (reflen == 0) {
		row_error(im, line, "case_ref is empty");
		return -1;
	}
	if (textgate_check(TEXTGATE_REF, ref, reflen, &why) != 0) {
		row_error(im, line, "case_ref '%.40s%s' is not a valid "
		    "reference: %s", ref, reflen > 40 ? "..." : "", why);
		free(why);
		return -1;
	}
	if (ref[0] == ' ' || ref[reflen - 1] == ' ') {
		row_error(im, line, "case_ref '%s' is not a valid reference: "
		    "it starts or ends with a space", ref);
		return -1;
	}
	if (strcasecmp(kindstr, "child") == 0)
		*kind = QB_CHILD;
	else if (strcasecmp(kindstr, "victim") == 0)
		*kind = QB_VICTIM;
	else {
		row_error(im, line, "case_kind must be child or victim, not "
		    "'%.40s'", kindstr);
		return -1;
	}
	*type = 0;
	if (*kind == QB_VICTIM) {
		if (*typestr != '\0') {
			row_error(im, line, "'%s' is a victim's case, which has "
			    "no case_type (found '%.40s')", ref, typestr);
			return -1;
		}
		return 0;
	}
	if (*typestr == '\0') {
		row_error(im, line, "child's case '%s' needs a case_type (court, "
		    "out-of-court, bail-remand or resettlement)", ref);
		return -1;
	}
	if ((*type = qbank_type_parse(typestr)) == 0) {
		row_error(im, line, "case_type must be court, out-of-court, "
		    "bail-remand or resettlement, not '%.40s'", typestr);
		return -1;
	}
	return 0;
}

/* Check question and answer; 0 with *q (-1: none) and *value, or -1 after row_error. */
static int
check_answer(struct import *im, long line, const char *ref, enum qb_kind kind,
    unsigned type, const char *qid, size_t qlen, const char *ans,
    const char *note, long *q, int *value)
{
	const struct qb_question	*qq;
	char				*types, *why;

	*q = -1;
	*value = ANSWER_KEEP;
	if (qlen == 0) {
		if (*ans != '\0' || *note != '\0') {
			row_error(im, line, "an answer or note needs a question");
			return -1;
		}
		return 0;
	}
	if ((*q = question_find(im, qid, qlen)) < 0) {
		row_error(im, line, "unknown question '%.40s' (not in question "
		    "bank %s %s)", qid, im->bank->id, im->bank->version);
		return -1;
	}
	qq = &im->bank->questions[*q];
	if (im->bank->standards[qq->standard].kind != kind) {
		row_error(im, line, "%s is a %s question, but '%s' is a %s case",
		    qid, kind == QB_CHILD ? "victims'" : "children's", ref,
		    kind == QB_CHILD ? "child's" : "victim's");
		return -1;
	}
	if (kind == QB_CHILD && !qbank_applies(im->bank, (size_t)*q, kind,
	    type)) {
		types = type_list(qq->types);
		row_error(im, line, "%s applies only to %s cases, but '%s' is "
		    "a %s case", qid, types, ref, qbank_type_name(type));
		free(types);
		return -1;
	}
	if (*ans != '\0' && (*value = db_answer_parse(ans)) < 0) {
		row_error(im, line, "answer must be yes, no or na, not '%.40s'",
		    ans);
		return -1;
	}
	if (*ans == '\0')
		*value = ANSWER_KEEP;
	if (textgate_check_str(TEXTGATE_NOTE, note, &why) != 0) {
		row_error(im, line, "%s", why);
		free(why);
		return -1;
	}
	return 0;
}

/* The note with CRLF (and lone CR) line ends made LF, as the notes editor keeps them. */
static const char *
normal_note(struct import *im, const char *s, size_t n)
{
	size_t	i, o = 0;

	if (memchr(s, '\r', n) == NULL)
		return s;
	if (n + 1 > im->notesize) {
		im->notesize = n + 1;
		im->note = xreallocarray(im->note, im->notesize, 1);
	}
	for (i = 0; i < n; i++) {
		if (s[i] == '\r') {
			if (i + 1 < n && s[i + 1] == '\n')
				continue;
			im->note[o++] = '\n';
		} else
			im->note[o++] = s[i];
	}
	im->note[o] = '\0';
	return im->note;
}

/*
 * A change to a case itself (its reader, MACD, withdrawal, details) is the act
 * of whoever runs the import, and its history entry is theirs: an earlier
 * row's answer may have left the connection recording as another inspector.
 */
static void
as_owner(struct import *im)
{
	if (strcmp(db_user(im->db), im->owner) != 0)
		db_set_user(im->db, im->owner);
}

/* Case ic, in the file before, has changed: count it, once. */
static void
case_updated(struct import *im, struct import_case *ic)
{
	if (ic->added || ic->counted)
		return;
	im->stats->cases_updated++;
	ic->counted = 1;
}

/*
 * What a store function said of row line's change: 0 when done; a refusal
 * of the value (ERR_INVALID) is a bad row, reported with what before it, and
 * returns 0; anything else returns -1 with *cause. Takes why.
 */
static int
row_refused(struct import *im, long line, int rc, const char *what,
    char *why, char **cause)
{
	if (rc == 0)
		return 0;
	if (err_code_of(rc) != ERR_INVALID) {
		*cause = why;
		return -1;
	}
	row_error(im, line, "%s%s", what, why);
	free(why);
	return 0;
}

/*
 * Write case c (ic's, changed) through db_case_update, as the case form saves
 * it: its rules (a complete case is not changed until reopened) and its
 * history entry, by the file's inspector. 0, or -1 with *cause; a refusal is
 * a bad row, returning 0.
 */
static int
update_case(struct import *im, long line, struct import_case *ic,
    const struct db_case *c, char **cause)
{
	char	*why = NULL;
	int	 rc;

	/* Once a row is bad nothing is written, but every row is still checked. */
	if (!im->writing)
		rc = db_case_update_check(im->db, c, &why);
	else {
		as_owner(im);
		if ((rc = db_case_update(im->db, c, &why)) == 0)
			case_updated(im, ic);
	}
	return row_refused(im, line, rc, "", why, cause);
}

/* Case ic in the file: written by this import, or there before; 0 neither. */
static long long
case_in_file(const struct import_case *ic)
{
	return ic->id != 0 ? ic->id : ic->found;
}

/* Make inspector the reader of case ic, if not already. 0 or -1. */
static int
set_reader(struct import *im, long line, struct import_case *ic,
    const char *inspector, char **cause)
{
	struct db_case	 c;
	int		 rc;

	if ((rc = db_case_get(im->db, case_in_file(ic), &c, cause)) != 0)
		return rc < 0 ? -1 : util_fail(cause, "case %lld vanished during "
		    "the import", case_in_file(ic));
	rc = 0;
	if (!textgate_same_name(c.inspector, inspector)) {
		free(c.inspector);
		c.inspector = xstrdup(inspector);
		rc = update_case(im, line, ic, &c, cause);
	}
	db_case_clear(&c);
	return rc;
}

/*
 * The row's macd column (yes, no, or empty for no word) for case ic: every row
 * of a case that says must say the same, and a victim's case is never one of
 * the MACDs. The first word is written to the case. 0, or -1 with *cause; a bad
 * row is reported with row_error and returns 0.
 */
static int
set_macd(struct import *im, long line, const char *ref, enum qb_kind kind,
    struct import_case *ic, const char *word, char **cause)
{
	struct db_case	 c;
	int		 macd, rc;

	if (*word == '\0')
		return 0;
	if (strcasecmp(word, "yes") == 0)
		macd = 1;
	else if (strcasecmp(word, "no") == 0)
		macd = 0;
	else {
		row_error(im, line, "macd must be yes, no or empty, not '%.40s'",
		    word);
		return 0;
	}
	if (kind == QB_VICTIM && macd) {
		row_error(im, line, "'%s' is a victim's case: only children's "
		    "cases are discussed at a MACD", ref);
		return 0;
	}
	if (ic->macd != -1) {
		if (ic->macd != macd)
			row_error(im, line, "case '%s' has macd %s here but %s on "
			    "line %ld", ref, macd ? "yes" : "no", ic->macd ?
			    "yes" : "no", ic->macd_line);
		return 0;
	}
	ic->macd = macd;
	ic->macd_line = line;
	if (case_in_file(ic) == 0 || kind == QB_VICTIM)
		return 0;
	if ((rc = db_case_get(im->db, case_in_file(ic), &c, cause)) != 0)
		return rc < 0 ? -1 : util_fail(cause, "case %lld vanished during "
		    "the import", case_in_file(ic));
	rc = 0;
	if ((c.macd != 0) != macd) {
		c.macd = macd;
		rc = update_case(im, line, ic, &c, cause);
	}
	db_case_clear(&c);
	return rc;
}

/* What case c, in the file before the import, holds in the own columns. */
static void
case_had(struct import_case *ic, const struct db_case *c)
{
	const struct db_case_details	*d = &c->details;
	const char			*had[NOWN];
	int				 k;

	had[COL_WITHDRAWN - FIRST_OWN] = c->withdrawn;
	had[COL_MANAGER - FIRST_OWN] = d->manager_interviewed < 0 ? NULL :
	    d->manager_interviewed ? "yes" : "no";
	had[COL_START - FIRST_OWN] = d->period_start;
	had[COL_END - FIRST_OWN] = d->period_end;
	had[COL_WORKER - FIRST_OWN] = d->victim_worker;
	had[COL_INTERVIEW - FIRST_OWN] = d->interview;
	had[COL_INITIALS - FIRST_OWN] = c->manager;
	had[COL_CONTACT - FIRST_OWN] = c->kind == QB_CHILD ? NULL :
	    c->interviewed ? "interview" : "file";
	for (k = 0; k < NOWN; k++) {
		if (had[k] != NULL && *had[k] != '\0')
			ic->had[k] = xstrdup(had[k]);
	}
}

static const char *
str(const char *s)
{
	return s != NULL ? s : "";
}

/*
 * The row's own columns, each checked alone by the rules of db-details.c,
 * 'caseread withdraw' and the case form (db_case_update's); v[k] is "" for a
 * column the row leaves empty (or the header lacks), manager_interviewed made
 * "yes" or "no" and contact "interview" or "file". 0, or -1 after row_error.
 */
static int
check_own(struct import *im, const struct csv_record *rec, const char *ref,
    enum qb_kind kind, const char *v[NOWN])
{
	struct db_case_details	 d;
	const char		*mi;
	char			*why = NULL;
	size_t			 len;
	int			 k, col;

	for (k = 0; k < NOWN; k++) {
		v[k] = "";
		if (im->col[FIRST_OWN + k] == -1)
			continue;
		len = rec->lens[im->col[FIRST_OWN + k]];
		v[k] = excel_undo(im, rec->fields[im->col[FIRST_OWN + k]],
		    &len);
	}
#define V(col)	v[(col) - FIRST_OWN]
	if (*V(COL_WITHDRAWN) != '\0') {
		if (V(COL_WITHDRAWN)[strspn(V(COL_WITHDRAWN), " \t\r\n")] ==
		    '\0') {
			row_error(im, rec->line, "withdrawn holds only spaces: "
			    "withdrawing a case needs a reason");
			return -1;
		}
		if (textgate_check_str(TEXTGATE_REASON, V(COL_WITHDRAWN),
		    &why) != 0) {
			row_error(im, rec->line, "withdrawn: %s", why);
			free(why);
			return -1;
		}
	}
	mi = V(COL_MANAGER);
	if (strcasecmp(mi, "yes") == 0)
		V(COL_MANAGER) = "yes";
	else if (strcasecmp(mi, "no") == 0)
		V(COL_MANAGER) = "no";
	else if (*mi != '\0') {
		row_error(im, rec->line, "manager_interviewed must be yes, no or "
		    "empty, not '%.40s'", mi);
		return -1;
	}
	for (col = COL_START; col <= COL_END; col++) {
		if (*V(col) != '\0' && !db_details_date_ok(V(col))) {
			row_error(im, rec->line, "%s must be a date (YYYY-MM-DD), "
			    "not '%.40s'", col_names[col], V(col));
			return -1;
		}
	}
	/* The rest of the rules are db_details_check's, a column at a time. */
	memset(&d, 0, sizeof d);
	d.manager_interviewed = -1;
	d.period_start = (char *)V(COL_START);
	d.period_end = (char *)V(COL_END);
	if (db_details_check(&d, kind, &why) != 0) {
		row_error(im, rec->line, "period_start, period_end: %s", why);
		free(why);
		return -1;
	}
	for (col = COL_WORKER; col <= COL_INTERVIEW; col++) {
		if (*V(col) == '\0')
			continue;
		if (kind == QB_CHILD) {
			row_error(im, rec->line, "'%s' is a child's case: %s is "
			    "for victims' cases only", ref, col_names[col]);
			return -1;
		}
		memset(&d, 0, sizeof d);
		d.manager_interviewed = -1;
		if (col == COL_WORKER)
			d.victim_worker = (char *)V(col);
		else
			d.interview = (char *)V(col);
		if (db_details_check(&d, kind, &why) != 0) {
			row_error(im, rec->line, "%s: %s", col_names[col], why);
			free(why);
			return -1;
		}
	}
	/* The initials as the case form saves them: the gate's rules. */
	if (textgate_check_str(TEXTGATE_MANAGER, V(COL_INITIALS), &why) != 0) {
		row_error(im, rec->line, "manager: %s", why);
		free(why);
		return -1;
	}
	mi = V(COL_CONTACT);
	if (strcasecmp(mi, "interview") == 0)
		V(COL_CONTACT) = "interview";
	else if (strcasecmp(mi, "file") == 0)
		V(COL_CONTACT) = "file";
	else if (*mi != '\0') {
		row_error(im, rec->line, "contact must be interview, file or "
		    "empty, not '%.40s'", mi);
		return -1;
	}
	if (*V(COL_CONTACT) != '\0' && kind == QB_CHILD) {
		row_error(im, rec->line, "'%s' is a child's case: contact is "
		    "for victims' cases only", ref);
		return -1;
	}
#undef V
	return 0;
}

/*
 * Withdraw case ic with reason as 'caseread withdraw' does. 0, or -1 with
 * *cause; a refusal is a bad row (row_error), returning 0.
 */
static int
own_withdraw(struct import *im, long line, struct import_case *ic,
    const char *reason, char **cause)
{
	char	*why = NULL;
	int	 rc;

	rc = db_case_withdraw(im->db, ic->id, reason, &why);
	return row_refused(im, line, rc, "withdrawn: ", why, cause);
}

/*
 * Set case ic's details to what its rows gave, the rest as they are, through
 * db_details_set (its rules, its history entry). 0, or -1 with *cause; a
 * refusal (an interview already full) is a bad row, returning 0.
 */
static int
own_details(struct import *im, long line, struct import_case *ic,
    char **cause)
{
	struct db_case		 c;
	struct db_case_details	 d;
	char			*why = NULL;
	int			 rc;

	if ((rc = db_case_get(im->db, ic->id, &c, cause)) != 0)
		return rc < 0 ? -1 : util_fail(cause, "case %lld vanished during "
		    "the import", ic->id);
	d = c.details;
#define OWN(col)	ic->own[(col) - FIRST_OWN]
	if (OWN(COL_MANAGER) != NULL)
		d.manager_interviewed = strcmp(OWN(COL_MANAGER), "yes") == 0;
	if (OWN(COL_START) != NULL) {
		d.period_start = OWN(COL_START);
		d.period_end = OWN(COL_END);
	}
	if (OWN(COL_WORKER) != NULL)
		d.victim_worker = OWN(COL_WORKER);
	if (OWN(COL_INTERVIEW) != NULL)
		d.interview = OWN(COL_INTERVIEW);
#undef OWN
	rc = db_details_set(im->db, ic->id, &d, NULL, &why);
	db_case_clear(&c);
	return row_refused(im, line, rc, "", why, cause);
}

/*
 * Set case ic's manager's initials and victim's contact to what its rows gave
 * through db_case_update, as the case form saves them (its rules, its history
 * entry); nothing is written when the file holds them already. 0, or -1 with
 * *cause; a refusal is a bad row, returning 0.
 */
static int
own_case(struct import *im, long line, struct import_case *ic, char **cause)
{
	const char	*initials = ic->own[COL_INITIALS - FIRST_OWN];
	const char	*contact = ic->own[COL_CONTACT - FIRST_OWN];
	struct db_case	 c;
	int		 rc, changed = 0;

	if ((rc = db_case_get(im->db, ic->id, &c, cause)) != 0)
		return rc < 0 ? -1 : util_fail(cause, "case %lld vanished during "
		    "the import", ic->id);
	if (initials != NULL && strcmp(c.manager, initials) != 0) {
		free(c.manager);
		c.manager = xstrdup(initials);
		changed = 1;
	}
	if (contact != NULL && c.interviewed != (strcmp(contact,
	    "interview") == 0)) {
		c.interviewed = !c.interviewed;
		changed = 1;
	}
	rc = changed ? update_case(im, line, ic, &c, cause) : 0;
	db_case_clear(&c);
	return rc;
}

/*
 * The row's own columns for case ic: an empty one leaves the case as
 * it is. Every row of a case that gives one must give the same; a complete
 * case's details stay as they are until it is reopened; a case withdrawn
 * already keeps its reason (import never reinstates). What the case's first
 * row to give it says is written, as the commands would: the withdrawal
 * first, so that a withdrawn case takes no room on its interview, then the
 * initials and contact as the case form saves them, then the details. Each
 * is recorded in the case's history as by the file's inspector. 0, or -1
 * with *cause; a bad row is reported with row_error and returns 0.
 */
static int
set_own(struct import *im, const struct csv_record *rec, const char *ref,
    enum qb_kind kind, struct import_case *ic, char **cause)
{
	const char	*v[NOWN], *had;
	long		 line = rec->line;
	int		 k, withdraw = 0, update = 0, details = 0, changed = 0;

	if (check_own(im, rec, ref, kind, v) != 0)
		return 0;
	for (k = 0; k < NOWN; k++) {
		if (*v[k] == '\0')
			continue;
		/* Labels that differ only in case name one interview. */
		if (ic->own[k] != NULL && (FIRST_OWN + k == COL_INTERVIEW ?
		    strcasecmp(ic->own[k], v[k]) : strcmp(ic->own[k], v[k])) !=
		    0) {
			row_error(im, line, "case '%s' has %s '%.40s' here but "
			    "'%.40s' on line %ld", ref, col_names[FIRST_OWN + k],
			    v[k], ic->own[k], ic->own_line[k]);
			return 0;
		}
	}
	for (k = 0; k < NOWN; k++) {
		had = str(ic->had[k]);
		if (*v[k] == '\0' || strcmp(had, v[k]) == 0)
			continue;
		if (FIRST_OWN + k == COL_WITHDRAWN && *had != '\0') {
			row_error(im, line, "case '%s' is withdrawn already, for "
			    "'%.40s': reinstate it (caseread reinstate) before "
			    "withdrawing it for '%.40s'", ref, had, v[k]);
			return 0;
		}
		if (FIRST_OWN + k != COL_WITHDRAWN && ic->complete) {
			row_error(im, line, "case '%s' is marked complete: reopen "
			    "it in caseread before changing its details (%s is "
			    "%s%s%s there, '%.40s' here)", ref,
			    col_names[FIRST_OWN + k], *had != '\0' ? "'" : "",
			    *had != '\0' ? had : "not recorded",
			    *had != '\0' ? "'" : "", v[k]);
			return 0;
		}
		changed = 1;
	}
	for (k = 0; k < NOWN; k++) {
		if (*v[k] == '\0' || ic->own[k] != NULL)
			continue;
		ic->own[k] = xstrdup(v[k]);
		ic->own_line[k] = line;
		if (FIRST_OWN + k == COL_WITHDRAWN)
			withdraw = ic->had[k] == NULL;
		else if (FIRST_OWN + k == COL_INITIALS ||
		    FIRST_OWN + k == COL_CONTACT)
			update = 1;
		else
			details = 1;
	}
	if (!im->writing || ic->id == 0 || (!withdraw && !update && !details))
		return 0;
	as_owner(im);
	if (withdraw && own_withdraw(im, line, ic,
	    ic->own[COL_WITHDRAWN - FIRST_OWN], cause) != 0)
		return -1;
	if (im->writing && update && own_case(im, line, ic, cause) != 0)
		return -1;
	if (im->writing && details && own_details(im, line, ic, cause) != 0)
		return -1;
	if (im->writing && changed)
		case_updated(im, ic);
	return 0;
}

/*
 * The row's status column, draft or complete (or empty): only read, since
 * import never completes or reopens a case (completing has its own rule, in
 * the screens: the key questions answered). Every row of a case that gives one
 * must give the same; a case complete in the CSV that is not complete in the
 * file is counted in stats->left_draft, for the caller to say so. A bad row
 * is reported with row_error.
 */
static void
read_status(struct import *im, long line, const char *ref,
    struct import_case *ic, const char *word)
{
	static const char *const names[] = { "draft", "complete" };
	int			 status;

	if (*word == '\0')
		return;
	if (strcasecmp(word, "complete") == 0)
		status = 1;
	else if (strcasecmp(word, "draft") == 0)
		status = 0;
	else {
		row_error(im, line, "status must be draft, complete or empty, "
		    "not '%.40s'", word);
		return;
	}
	if (ic->status != -1) {
		if (ic->status != status)
			row_error(im, line, "case '%s' has status %s here but "
			    "%s on line %ld", ref, names[status],
			    names[ic->status], ic->status_line);
		return;
	}
	ic->status = status;
	ic->status_line = line;
	if (status && !ic->complete)
		im->stats->left_draft++;
}

/*
 * The case of this row: found in this file's table, else looked up in the
 * database, added or updated. 0, or -1 with *cause for a storage failure; a bad
 * row is reported with row_error and returns 0 with *c NULL. named says the row
 * names its inspector: at most one name per case, which reads it.
 */
static int
find_case(struct import *im, long line, enum qb_kind kind, const char *ref,
    unsigned type, const char *inspector, int named, struct import_case **out,
    char **cause)
{
	struct import_case	*ic;
	struct db_case		 c;
	char			*key;
	uint64_t		 h;
	int			 rc, changed;

	*out = NULL;
	key = xasprintf("%c%s", kind == QB_CHILD ? 'c' : 'v', ref);
	h = hashtab_str(key, strlen(key));
	if ((ic = case_find(im, key, h)) != NULL) {
		free(key);
		if (ic->type != type) {
			row_error(im, line, "case '%s' is %s here but %s on line "
			    "%ld", ref, qbank_type_name(type),
			    qbank_type_name(ic->type), ic->line);
			return 0;
		}
		if (named && ic->inspector != NULL &&
		    strcmp(ic->inspector, inspector) != 0) {
			row_error(im, line, "case '%s' is read by '%s' here but "
			    "by '%s' on line %ld", ref, inspector, ic->inspector,
			    ic->inspector_line);
			return 0;
		}
		if (named && ic->inspector == NULL) {
			/* The first name for it: as if its first row had it. */
			ic->inspector = xstrdup(inspector);
			ic->inspector_line = line;
			if (case_in_file(ic) != 0 && set_reader(im, line, ic,
			    inspector, cause) != 0)
				return -1;
		}
		*out = ic;
		return 0;
	}
	ic = case_add(im, key, h);
	ic->type = type;
	ic->line = line;
	ic->macd = -1;
	ic->status = -1;
	if (named) {
		ic->inspector = xstrdup(inspector);
		ic->inspector_line = line;
	}
	*out = ic;

	/* Looked up even once nothing is written, to check rows against it. */
	if ((rc = db_case_find(im->db, kind, ref, &c, cause)) < 0)
		return -1;
	if (rc == 0)
		case_had(ic, &c);
	if (rc == 0 && c.complete) {
		ic->complete = 1;
		if (db_answer_list(im->db, c.id, &ic->answers, &ic->nanswers,
		    cause) != 0) {
			db_case_clear(&c);
			return -1;
		}
	}
	if (rc == 0)
		ic->found = c.id;
	if (rc == 1 && !im->writing)
		return 0;
	if (rc == 1) {
		memset(&c, 0, sizeof c);
		c.kind = kind;
		c.ref = (char *)ref;
		c.type = type;
		c.inspector = (char *)inspector;
		if (db_case_add(im->db, &c, cause) != 0)
			return -1;
		ic->id = c.id;
		ic->added = 1;
		im->stats->cases_added++;
		return 0;
	}
	if (im->writing)
		ic->id = c.id;
	/* Without an inspector column, who read an existing case stays as is. */
	changed = (kind == QB_CHILD && c.type != type) ||
	    (named && !textgate_same_name(c.inspector, inspector));
	if (changed) {
		c.type = type;
		if (named) {
			free(c.inspector);
			c.inspector = xstrdup(inspector);
		}
		rc = update_case(im, line, ic, &c, cause);
		db_case_clear(&c);
		return rc;
	}
	db_case_clear(&c);
	return 0;
}

static const char *
value_name(int value)
{
	return value == ANSWER_NONE ? "unanswered" :
	    db_answer_name((enum answer_value)value);
}

/*
 * Rows of one file must agree: a second answer or note for the same question of
 * the same case must be the one already given. 0, or -1 after row_error.
 */
static int
check_agrees(struct import *im, long line, const char *ref,
    const struct import_case *ic, long q, int value, const char *note)
{
	struct import_seen	*sn;
	const char		*qid = im->bank->questions[q].id;
	uint64_t		 h = *note != '\0' ?
				     util_fnv1a64(note, strlen(note)) : 0;
	uint32_t		 nh = (uint32_t)(h ^ h >> 32);

	sn = seen_get(im, ic->seq, (uint32_t)q);
	if (value != ANSWER_KEEP && sn->value_line != 0 && sn->value != value) {
		row_error(im, line, "%s of case '%s' is answered %s here but %s "
		    "on line %lu", qid, ref, value_name(value),
		    value_name(sn->value), (unsigned long)sn->value_line);
		return -1;
	}
	if (*note != '\0' && sn->note_line != 0 && sn->note != nh) {
		row_error(im, line, "%s of case '%s' has a different note here "
		    "from the one on line %lu", qid, ref,
		    (unsigned long)sn->note_line);
		return -1;
	}
	if (value != ANSWER_KEEP && sn->value_line == 0) {
		sn->value = value;
		sn->value_line = SEEN_LINE(line);
	}
	if (*note != '\0' && sn->note_line == 0) {
		sn->note = nh;
		sn->note_line = SEEN_LINE(line);
	}
	return 0;
}

/*
 * A complete case's answers change only once it is reopened (caseread(1)), as
 * in the terminal interface: a row may repeat them, not change them. 0, or -1
 * after row_error.
 */
static int
check_complete(struct import *im, long line, const char *ref,
    const struct import_case *ic, long q, int value, const char *note)
{
	const char	*qid = im->bank->questions[q].id, *had_note = "";
	int		 had = ANSWER_NONE;
	size_t		 i;

	for (i = 0; i < ic->nanswers; i++) {
		if (strcmp(ic->answers[i].question, qid) == 0) {
			had = ic->answers[i].value;
			had_note = ic->answers[i].note;
			break;
		}
	}
	if (value != ANSWER_KEEP && value != had) {
		row_error(im, line, "case '%s' is marked complete: reopen it in "
		    "caseread before changing its answers (%s is %s there, %s "
		    "here)", ref, qid, value_name(had), value_name(value));
		return -1;
	}
	if (*note != '\0' && strcmp(note, had_note) != 0) {
		row_error(im, line, "case '%s' is marked complete: reopen it in "
		    "caseread before changing its notes (the note for %s "
		    "differs)", ref, qid);
		return -1;
	}
	return 0;
}

/* One data row: 0 (good or bad), or -1 with *cause when storage fails. */
/*
 * A row of empty fields only, as spreadsheets leave below the data: a blank
 * line, as csv_read skips those.
 */
static int
row_blank(const struct csv_record *rec)
{
	size_t	i;

	for (i = 0; i < rec->nfields; i++) {
		if (rec->lens[i] != 0)
			return 0;
	}
	return 1;
}

static int
import_row(struct import *im, const struct csv_record *rec, char **cause)
{
	struct import_case	*ic;
	const char		*ref, *kindstr, *typestr, *qid, *ans, *note;
	const char		*inspector;
	char			*why;
	size_t			 reflen, notelen, insplen;
	enum qb_kind		 kind;
	unsigned		 type;
	long			 q;
	int			 value;

	if (rec->nfields != im->ncols) {
		row_error(im, rec->line, "%zu field%s, but the header has %zu",
		    rec->nfields, rec->nfields == 1 ? "" : "s", im->ncols);
		return 0;
	}
	reflen = rec->lens[im->col[COL_REF]];
	ref = excel_undo(im, rec->fields[im->col[COL_REF]], &reflen);
	kindstr = rec->fields[im->col[COL_KIND]];
	typestr = rec->fields[im->col[COL_TYPE]];
	qid = rec->fields[im->col[COL_QUESTION]];
	ans = rec->fields[im->col[COL_ANSWER]];
	notelen = rec->lens[im->col[COL_NOTE]];
	note = excel_undo(im, rec->fields[im->col[COL_NOTE]], &notelen);
	note = normal_note(im, note, notelen);
	inspector = im->col[COL_INSPECTOR] != -1 ?
	    rec->fields[im->col[COL_INSPECTOR]] : "";
	insplen = strlen(inspector);
	inspector = excel_undo(im, inspector, &insplen);
	/* Taken as every door takes a name: without spaces at its ends. */
	free(im->reader);
	inspector = im->reader = textgate_trim(inspector);
	if (*inspector == '\0')
		inspector = im->owner;
	else if (textgate_check_str(TEXTGATE_NAME, inspector, &why) != 0) {
		row_error(im, rec->line, "%s", why);
		free(why);
		return 0;
	}

	if (check_case(im, rec->line, ref, reflen, kindstr, typestr, &kind,
	    &type) != 0 ||
	    check_answer(im, rec->line, ref, kind, type, qid,
	    rec->lens[im->col[COL_QUESTION]], ans, note, &q, &value) != 0)
		return 0;
	if (find_case(im, rec->line, kind, ref, type, inspector,
	    inspector != im->owner, &ic, cause) != 0)
		return -1;
	if (ic != NULL && im->col[COL_MACD] != -1 && set_macd(im, rec->line,
	    ref, kind, ic, rec->fields[im->col[COL_MACD]], cause) != 0)
		return -1;
	if (ic != NULL && set_own(im, rec, ref, kind, ic, cause) != 0)
		return -1;
	if (ic != NULL && im->col[COL_STATUS] != -1)
		read_status(im, rec->line, ref, ic,
		    rec->fields[im->col[COL_STATUS]]);
	if (ic == NULL || q < 0)
		return 0;
	if (value == ANSWER_KEEP && *note == '\0')
		return 0;
	if (check_agrees(im, rec->line, ref, ic, q, value, note) != 0 ||
	    (ic->complete && check_complete(im, rec->line, ref, ic, q, value,
	    note) != 0) || !im->writing)
		return 0;
	/* Answers are recorded as given by the row's inspector. */
	if (strcmp(db_user(im->db), inspector) != 0)
		db_set_user(im->db, inspector);
	if (db_answer_save(im->db, ic->id, im->bank->questions[q].id,
	    (enum answer_value)value, *note != '\0' ? note : NULL, cause) != 0)
		return -1;
	im->stats->answers++;
	return 0;
}

int
import_csv(struct db *db, FILE *f, const char *name,
    struct import_stats *stats, char **cause)
{
	struct import		 im;
	struct csv_reader	*r;
	struct csv_record	 rec;
	char			*why = NULL;
	int			 rc;

	memset(stats, 0, sizeof *stats);
	memset(&im, 0, sizeof im);
	im.db = db;
	im.bank = db_bank(db);
	im.name = name;
	im.stats = stats;
	im.writing = 1;
	im.owner = xstrdup(db_user(db));
	im.case_index = hashtab_new(0);
	im.seen_index = hashtab_new(0);
	question_index(&im);
	r = csv_reader_new_file(f, name);

	if (read_header(&im, r, cause) != 0) {
		csv_reader_free(r);
		import_clear(&im);
		return -1;
	}
	im.excel = csv_reader_bom(r);
	if (db_txn_begin_bulk(db, "import", cause) != 0) {
		csv_reader_free(r);
		import_clear(&im);
		return -1;
	}
	while ((rc = csv_read(r, &rec, &why)) == 1) {
		if (row_blank(&rec))
			continue;
		stats->rows++;
		if (import_row(&im, &rec, cause) != 0)
			break;
	}
	if (rc < 0) {
		/* The reader stops at malformed CSV: report it like a bad row. */
		im.writing = 0;
		if (im.bad++ < IMPORT_MAX_ERRORS) {
			char *old = im.errors;

			im.errors = xasprintf("%s%s\n", old != NULL ? old : "",
			    why);
			free(old);
		}
		free(why);
	}
	csv_reader_free(r);
	as_owner(&im);

	if (rc == 1) {			/* storage failed: *cause says how */
		db_txn_rollback(db, "import");
		import_clear(&im);
		return -1;
	}
	if (im.bad > 0) {
		db_txn_rollback(db, "import");
		if (im.bad > IMPORT_MAX_ERRORS)
			util_fail(cause, "%s(and %ld more bad row%s)\n%s: nothing "
			    "imported", im.errors, im.bad - IMPORT_MAX_ERRORS,
			    im.bad - IMPORT_MAX_ERRORS == 1 ? "" : "s", name);
		else
			util_fail(cause, "%s%s: %ld bad row%s: nothing imported",
			    im.errors, name, im.bad, im.bad == 1 ? "" : "s");
		import_clear(&im);
		return -1;
	}
	import_clear(&im);
	return db_txn_commit(db, "import", cause);
}
