/*
 * Import: good files create and update cases and answers (BOM, CRLF, any case,
 * an inspector column, extra columns, notes with newlines) and a case's own
 * columns (withdrawn, details, manager, contact; the status only read); every
 * kind of bad row is refused with its line number and nothing at all is
 * written.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-case.h"
#include "db.h"
#include "import.h"
#include "testlib.h"
#include "util.h"

static void
teardown(void)
{
	test_cleanup();
}

/* Import text into db; returns import_csv's result, *cause left for the caller. */
static int
import_text(struct db *db, const char *text, struct import_stats *st,
    char **cause)
{
	FILE	*f = fmemopen((void *)text, strlen(text), "r");
	int	 rc;

	ck_assert_ptr_nonnull(f);
	rc = import_csv(db, f, "in.csv", st, cause);
	fclose(f);
	return rc;
}

static long
count(struct db *db, enum qb_kind kind)
{
	return db_case_count(db, kind, NULL, NULL);
}

static enum answer_value
answer_of(struct db *db, enum qb_kind kind, const char *ref, const char *q,
    char **note, char **insp)
{
	struct db_case		 c;
	struct db_answer	*list;
	enum answer_value	 v = ANSWER_KEEP;
	size_t			 n, i;

	ck_assert_int_eq(db_case_find(db, kind, ref, &c, NULL), 0);
	ck_assert_int_eq(db_answer_list(db, c.id, &list, &n, NULL), 0);
	for (i = 0; i < n; i++) {
		if (strcmp(list[i].question, q) != 0)
			continue;
		v = list[i].value;
		if (note != NULL)
			*note = xstrdup(list[i].note);
		if (insp != NULL)
			*insp = xstrdup(list[i].inspector);
	}
	db_answer_list_free(list, n);
	db_case_clear(&c);
	return v;
}

START_TEST(test_good_import)
{
	static const char text[] = "\xef\xbb\xbf"
	    "Case_Ref,case_kind,case_type,question,answer,note,inspector,extra\r\n"
	    "C-1,child,court,2.1.1,YES,\"sound, \"\"clear\"\"\r\nanalysis\",bob,x\r\n"
	    "C-1,CHILD,Court,2.1.1.1,No,,,\r\n"
	    "C-2,child,resettlement,2.2.1.8,na,,,\r\n"
	    "C-3,child,bail-remand,,,,,\r\n"
	    "\r\n"
	    "V-1,victim,,V1.1,yes,\"victim heard\",cat,\r\n";
	struct db		*db = test_db_new("a.caseread", "iyjwcv");
	struct import_stats	 st;
	struct db_case		 c;
	char			*cause = NULL, *note = NULL, *insp = NULL;

	ck_assert_msg(import_text(db, text, &st, &cause) == 0, "%s", cause);
	ck_assert_int_eq(st.rows, 5);
	ck_assert_int_eq(st.cases_added, 4);
	ck_assert_int_eq(st.cases_updated, 0);
	ck_assert_int_eq(st.answers, 4);
	ck_assert_int_eq(count(db, QB_CHILD), 3);
	ck_assert_int_eq(count(db, QB_VICTIM), 1);
	ck_assert_int_eq(answer_of(db, QB_CHILD, "C-1", "2.1.1", &note, &insp),
	    ANSWER_YES);
	ck_assert_str_eq(note, "sound, \"clear\"\nanalysis");
	ck_assert_str_eq(insp, "bob");
	free(note);
	free(insp);
	insp = NULL;
	ck_assert_int_eq(answer_of(db, QB_CHILD, "C-1", "2.1.1.1", NULL, &insp),
	    ANSWER_NO);
	ck_assert_str_eq(insp, "alice");	/* no inspector: the file's */
	free(insp);
	ck_assert_int_eq(answer_of(db, QB_CHILD, "C-2", "2.2.1.8", NULL, NULL),
	    ANSWER_NA);
	ck_assert_int_eq(db_case_find(db, QB_CHILD, "C-1", &c, NULL), 0);
	ck_assert_str_eq(c.inspector, "bob");
	ck_assert_uint_eq(c.type, QB_COURT);
	db_case_clear(&c);
	ck_assert_int_eq(db_case_find(db, QB_CHILD, "C-3", &c, NULL), 0);
	ck_assert_uint_eq(c.type, QB_BAIL_REMAND);
	ck_assert_int_eq(c.answered, 0);
	db_case_clear(&c);
	ck_assert_str_eq(db_user(db), "alice");

	/* Again, changing a type and an answer: cases are updated, not added. */
	ck_assert_msg(import_text(db, "case_ref,case_kind,case_type,question,"
	    "answer,note\nC-3,child,court,2.1.1,no,\nC-1,child,court,2.1.1,,"
	    "\n", &st, &cause) == 0, "%s", cause);
	ck_assert_int_eq(st.cases_added, 0);
	ck_assert_int_eq(st.cases_updated, 1);
	ck_assert_int_eq(count(db, QB_CHILD), 3);
	ck_assert_int_eq(db_case_find(db, QB_CHILD, "C-3", &c, NULL), 0);
	ck_assert_uint_eq(c.type, QB_COURT);
	db_case_clear(&c);
	/* An empty answer and note leave what was there. */
	note = NULL;
	ck_assert_int_eq(answer_of(db, QB_CHILD, "C-1", "2.1.1", &note, NULL),
	    ANSWER_YES);
	ck_assert_str_eq(note, "sound, \"clear\"\nanalysis");
	free(note);
	db_close(db);
}
END_TEST

static const char header[] = "case_ref,case_kind,case_type,question,answer,"
    "note\n";

/* One bad row after a good one: the message, and nothing written. */
static const struct {
	const char	*row;
	const char	*want;
} bad_rows[] = {
	{ "C-9,child,court,9.9.9,yes,", "in.csv:3: unknown question '9.9.9'" },
	{ "C-9,child,court,V1.1,yes,", "in.csv:3: V1.1 is a victims' question, "
	    "but 'C-9' is a child's case" },
	{ "V-9,victim,,2.1.1,yes,", "in.csv:3: 2.1.1 is a children's question, "
	    "but 'V-9' is a victim's case" },
	{ "V-9,victim,,2.1.1.1,yes,", "in.csv:3: 2.1.1.1 is a children's" },
	{ "C-9,child,court,2.2.1.8,yes,", "in.csv:3: 2.2.1.8 applies only to "
	    "resettlement cases, but 'C-9' is a court case" },
	{ "C-9,child,court,2.3.1.8,no,", "in.csv:3: 2.3.1.8 applies only to "
	    "out-of-court cases" },
	{ "C-9,adult,court,2.1.1,yes,", "in.csv:3: case_kind must be child or "
	    "victim, not 'adult'" },
	{ "C-9,child,prison,2.1.1,yes,", "in.csv:3: case_type must be court" },
	{ "C-9,child,,2.1.1,yes,", "in.csv:3: child's case 'C-9' needs a "
	    "case_type" },
	{ "V-9,victim,court,V1.1,yes,", "in.csv:3: 'V-9' is a victim's case, "
	    "which has no case_type" },
	{ "C-9,child,court,2.1.1,maybe,", "in.csv:3: answer must be yes, no or "
	    "na, not 'maybe'" },
	{ "C-9,child,court,,yes,", "in.csv:3: an answer or note needs a "
	    "question" },
	{ ",child,court,2.1.1,yes,", "in.csv:3: case_ref is empty" },
	{ " C-9,child,court,2.1.1,yes,", "in.csv:3: case_ref ' C-9' is not a "
	    "valid reference" },
	{ "C-9,child,court,2.1.1", "in.csv:3: 4 fields, but the header has 6" },
	{ "C-9,child,court,2.1.1,yes,,extra", "in.csv:3: 7 fields" },
	{ "C-1,child,bail-remand,2.1.2,yes,", "in.csv:3: case 'C-1' is "
	    "bail-remand here but court on line 2" },
	{ "C-9,child,court,2.1.1,yes,\"open", "in.csv:3: quoted field is not "
	    "terminated" },
	{ "C-9,child,court,2.1.1,yes,\"a\"b", "in.csv:3: unexpected character "
	    "after a closing quote" },
	{ "C-9,child,court,2.1.1,yes,bad \xff", "in.csv:3: invalid UTF-8" },
	{ "C-9,child,court,2.1.1,yes,bell\x07", "in.csv:3: the evidence note "
	    "holds a control character (\\x07, byte 5)" },
	/* Two rows for one question must agree; the last does not win. */
	{ "C-1,child,court,2.1.1,no,", "in.csv:3: 2.1.1 of case 'C-1' is "
	    "answered no here but yes on line 2" },
	{ "C-1,child,court,2.1.1,NA,", "in.csv:3: 2.1.1 of case 'C-1' is "
	    "answered na here but yes on line 2" },
	{ "C-1,child,court,2.1.1,,other", "in.csv:3: 2.1.1 of case 'C-1' has a "
	    "different note here from the one on line 2" },
};

START_TEST(test_bad_row)
{
	struct db		*db = test_db_new("b.caseread", "iyjwcv");
	struct import_stats	 st;
	char			*text, *cause = NULL;

	text = xasprintf("%sC-1,child,court,2.1.1,yes,fine\n%s\n", header,
	    bad_rows[_i].row);
	ck_assert_int_eq(import_text(db, text, &st, &cause), -1);
	ck_assert_ptr_nonnull(cause);
	ck_assert_msg(strstr(cause, bad_rows[_i].want) != NULL, "row %d: got "
	    "[%s], want [%s]", _i, cause, bad_rows[_i].want);
	ck_assert_ptr_nonnull(strstr(cause, "nothing imported"));
	free(cause);
	/* All or nothing: the good row before it is gone too. */
	ck_assert_int_eq(count(db, QB_CHILD), 0);
	ck_assert_int_eq(count(db, QB_VICTIM), 0);
	free(text);
	db_close(db);
}
END_TEST

START_TEST(test_every_bad_row_reported)
{
	struct db		*db = test_db_new("c.caseread", "iyjwcv");
	struct import_stats	 st;
	char			*text = xstrdup(header), *old, *cause = NULL;
	int			 i;

	/* Rows 2..31 alternate good and bad: 15 bad rows, every one listed. */
	for (i = 0; i < 30; i++) {
		old = text;
		text = xasprintf("%sC-%d,child,court,%s,yes,\n", old, i,
		    i % 2 == 0 ? "2.1.1" : "nope");
		free(old);
	}
	ck_assert_int_eq(import_text(db, text, &st, &cause), -1);
	for (i = 1; i < 30; i += 2) {
		old = xasprintf("in.csv:%d: unknown question 'nope'", i + 2);
		ck_assert_msg(strstr(cause, old) != NULL, "%s missing: %s", old,
		    cause);
		free(old);
	}
	ck_assert_ptr_nonnull(strstr(cause, "15 bad rows: nothing imported"));
	free(cause);
	free(text);

	/* More than IMPORT_MAX_ERRORS: the rest are counted. */
	text = xstrdup(header);
	for (i = 0; i < IMPORT_MAX_ERRORS + 5; i++) {
		old = text;
		text = xasprintf("%sC-%d,child,court,2.1.1,bad,\n", old, i);
		free(old);
	}
	ck_assert_int_eq(import_text(db, text, &st, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "in.csv:21: answer must be"));
	ck_assert_ptr_null(strstr(cause, "in.csv:22:"));
	ck_assert_ptr_nonnull(strstr(cause, "(and 5 more bad rows)"));
	free(cause);
	free(text);
	ck_assert_int_eq(count(db, QB_CHILD), 0);
	db_close(db);
}
END_TEST

START_TEST(test_bad_header)
{
	struct db		*db = test_db_new("d.caseread", "iyjwcv");
	struct import_stats	 st;
	char			*cause = NULL;

	ck_assert_int_eq(import_text(db, "case_ref,case_kind,question,answer\n"
	    "C-1,child,2.1.1,yes\n", &st, &cause), -1);
	ck_assert_msg(strstr(cause, "in.csv:1: the header lacks columns "
	    "'case_type', 'note'") != NULL, "%s", cause);
	free(cause);
	ck_assert_int_eq(import_text(db, "", &st, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "the file is empty"));
	free(cause);
	ck_assert_int_eq(import_text(db, "case_ref,case_kind,case_type,question,"
	    "answer,note,note\n", &st, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "names column 'note' twice"));
	free(cause);
	/* A header alone is a valid, empty import. */
	ck_assert_int_eq(import_text(db, header, &st, &cause), 0);
	ck_assert_int_eq(st.rows, 0);
	ck_assert_int_eq(count(db, QB_CHILD), 0);
	db_close(db);
}
END_TEST

/* Rows that agree, or fill in what another row left empty, are fine. */
START_TEST(test_rows_that_agree)
{
	static const char text[] = "case_ref,case_kind,case_type,question,"
	    "answer,note,inspector\n"
	    "C-1,child,court,,,,\n"			/* no name yet */
	    "C-1,child,court,2.1.1,yes,,bob\n"		/* bob reads it */
	    "C-1,child,court,2.1.1,YES,,\n"		/* the same answer */
	    "C-1,child,court,2.1.1,,a note,bob\n"	/* its note */
	    "C-1,child,court,2.1.1,yes,a note,\n"	/* both again */
	    "C-1,child,court,2.1.2,no,,\n";
	struct db		*db = test_db_new("f.caseread", "iyjwcv");
	struct import_stats	 st;
	struct db_case		 c;
	char			*cause = NULL, *note = NULL;

	ck_assert_msg(import_text(db, text, &st, &cause) == 0, "%s", cause);
	ck_assert_int_eq(st.cases_added, 1);
	ck_assert_int_eq(st.cases_updated, 0);
	ck_assert_int_eq(answer_of(db, QB_CHILD, "C-1", "2.1.1", &note, NULL),
	    ANSWER_YES);
	ck_assert_str_eq(note, "a note");
	free(note);
	/* The name on a later row reads the case, as if it came first. */
	ck_assert_int_eq(db_case_find(db, QB_CHILD, "C-1", &c, NULL), 0);
	ck_assert_str_eq(c.inspector, "bob");
	db_case_clear(&c);
	db_close(db);
}
END_TEST

/* Without an inspector column, an existing case keeps its reader. */
START_TEST(test_type_change_keeps_reader)
{
	struct db		*db = test_db_new("k.caseread", "iyjwcv");
	struct import_stats	 st;
	struct db_case		 c;
	char			*cause = NULL;

	ck_assert_msg(import_text(db, "case_ref,case_kind,case_type,question,"
	    "answer,note,inspector\nC-1,child,court,,,,cat\n", &st,
	    &cause) == 0, "%s", cause);
	ck_assert_msg(import_text(db, "case_ref,case_kind,case_type,question,"
	    "answer,note\nC-1,child,out-of-court,,,\n", &st, &cause) == 0, "%s",
	    cause);
	ck_assert_int_eq(st.cases_updated, 1);
	ck_assert_int_eq(db_case_find(db, QB_CHILD, "C-1", &c, NULL), 0);
	ck_assert_uint_eq(c.type, QB_OUT_OF_COURT);
	ck_assert_str_eq(c.inspector, "cat");
	db_case_clear(&c);
	db_close(db);
}
END_TEST

/*
 * The history entries for a change of reader or MACD are the importer's
 * (the file's owner), as the withdrawal's and the details' are, not those of
 * whichever inspector an earlier row's answer was saved as.
 */
START_TEST(test_case_changes_by_importer)
{
	struct db		*db = test_db_new("h.caseread", "iyjwcv");
	struct import_stats	 st;
	char			*cause = NULL;

	ck_assert_msg(import_text(db, "case_ref,case_kind,case_type,question,"
	    "answer,note,inspector\nC-1,child,court,,,,cat\nC-2,child,court,,,,"
	    "\nC-3,child,court,,,,\n", &st, &cause) == 0, "%s", cause);
	ck_assert_int_eq(test_sql_int(db_path(db), "SELECT count(*) FROM "
	    "case_event"), 0);
	/*
	 * Line 2 saves an answer as bob; line 4 names C-2's reader
	 * (set_reader), line 5 C-3's with the case first met (find_case), each
	 * with a MACD.
	 */
	ck_assert_msg(import_text(db, "case_ref,case_kind,case_type,question,"
	    "answer,note,inspector,macd\n"
	    "C-1,child,court,2.1.1,yes,,bob,\n"
	    "C-2,child,court,,,,,\n"
	    "C-2,child,court,,,,dee,yes\n"
	    "C-3,child,court,,,,eve,yes\n", &st, &cause) == 0, "%s", cause);
	ck_assert_int_eq(st.cases_updated, 3);	/* cases, not changes */
	/* C-1 to bob; C-2 to dee, its MACD; C-3 to eve, its MACD. */
	ck_assert_int_eq(test_sql_int(db_path(db), "SELECT count(*) FROM "
	    "case_event WHERE event = 'details'"), 5);
	ck_assert_int_eq(test_sql_int(db_path(db), "SELECT count(*) FROM "
	    "case_event e JOIN inspector i ON i.id = e.inspector WHERE i.name "
	    "<> 'alice'"), 0);
	/* The answer stays bob's. */
	ck_assert_int_eq(test_sql_int(db_path(db), "SELECT count(*) FROM "
	    "answer_history h JOIN inspector i ON i.id = h.inspector WHERE "
	    "i.name = 'bob'"), 1);
	ck_assert_str_eq(db_user(db), "alice");
	db_close(db);
}
END_TEST

/* One case, two inspectors named: refused, whichever row came first. */
START_TEST(test_two_inspectors)
{
	static const char *const texts[] = {
	    "case_ref,case_kind,case_type,question,answer,note,inspector\n"
	    "C-1,child,court,2.1.1,yes,,bob\n"
	    "C-1,child,court,2.1.2,yes,,cat\n",
	    "case_ref,case_kind,case_type,question,answer,note,inspector\n"
	    "C-1,child,court,,,,\n"
	    "C-1,child,court,,,,bob\n"
	    "C-1,child,court,2.1.2,yes,,cat\n",
	};
	static const char *const wants[] = {
	    "in.csv:3: case 'C-1' is read by 'cat' here but by 'bob' on line 2",
	    "in.csv:4: case 'C-1' is read by 'cat' here but by 'bob' on line 3",
	};
	struct db		*db = test_db_new("g.caseread", "iyjwcv");
	struct import_stats	 st;
	char			*cause = NULL;
	size_t			 i;

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		ck_assert_int_eq(import_text(db, texts[i], &st, &cause), -1);
		ck_assert_msg(strstr(cause, wants[i]) != NULL, "%zu: %s", i,
		    cause);
		ck_assert_ptr_nonnull(strstr(cause, "1 bad row: nothing "
		    "imported"));
		free(cause);
		cause = NULL;
		ck_assert_int_eq(count(db, QB_CHILD), 0);
	}
	db_close(db);
}
END_TEST

/* A complete case must be reopened before an import changes its answers. */
START_TEST(test_complete_case)
{
	static const char first[] = "case_ref,case_kind,case_type,question,"
	    "answer,note\nC-1,child,court,2.1.1,yes,seen\n"
	    "C-1,child,court,2.1.2,no,\n";
	static const struct {
		const char	*row;
		const char	*want;		/* NULL: accepted */
	} rows[] = {
		{ "C-1,child,court,2.1.1,yes,seen", NULL },
		{ "C-1,child,court,2.1.1,,", NULL },
		{ "C-1,child,court,,,", NULL },
		{ "C-1,child,court,2.1.1,no,", "in.csv:2: case 'C-1' is marked "
		    "complete: reopen it in caseread before changing its answers "
		    "(2.1.1 is yes there, no here)" },
		{ "C-1,child,court,2.2.1,yes,", "in.csv:2: case 'C-1' is marked "
		    "complete: reopen it in caseread before changing its answers "
		    "(2.2.1 is unanswered there, yes here)" },
		{ "C-1,child,court,2.1.2,,why", "in.csv:2: case 'C-1' is marked "
		    "complete: reopen it in caseread before changing its notes "
		    "(the note for 2.1.2 differs)" },
	};
	struct db		*db = test_db_new("h.caseread", "iyjwcv");
	struct import_stats	 st;
	struct db_case		 c;
	char			*cause = NULL, *text;
	size_t			 i;
	long long		 history;

	ck_assert_msg(import_text(db, first, &st, &cause) == 0, "%s", cause);
	ck_assert_int_eq(db_case_find(db, QB_CHILD, "C-1", &c, NULL), 0);
	ck_assert_int_eq(db_case_set_complete(db, c.id, 1, NULL, NULL), 0);
	history = test_sql_int(db_path(db), "SELECT count(*) FROM "
	    "answer_history");
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		text = xasprintf("%s%s\n", header, rows[i].row);
		if (rows[i].want == NULL)
			ck_assert_msg(import_text(db, text, &st, &cause) == 0,
			    "%zu: %s", i, cause);
		else {
			ck_assert_int_eq(import_text(db, text, &st, &cause), -1);
			ck_assert_msg(strstr(cause, rows[i].want) != NULL,
			    "%zu: %s", i, cause);
			free(cause);
			cause = NULL;
		}
		free(text);
		ck_assert_int_eq(test_sql_int(db_path(db), "SELECT count(*) "
		    "FROM answer_history"), history);
	}
	ck_assert_int_eq(answer_of(db, QB_CHILD, "C-1", "2.1.1", NULL, NULL),
	    ANSWER_YES);

	/* Reopened, the same change goes in. */
	ck_assert_int_eq(db_case_set_complete(db, c.id, 0, "new evidence",
	    NULL), 0);
	ck_assert_msg(import_text(db, "case_ref,case_kind,case_type,question,"
	    "answer,note\nC-1,child,court,2.1.1,no,\n", &st, &cause) == 0, "%s",
	    cause);
	ck_assert_int_eq(answer_of(db, QB_CHILD, "C-1", "2.1.1", NULL, NULL),
	    ANSWER_NO);
	db_case_clear(&c);
	db_close(db);
}
END_TEST

static const char own_header[] = "case_ref,case_kind,case_type,question,"
    "answer,note,inspector,macd,withdrawn,manager_interviewed,period_start,"
    "period_end,victim_worker,interview\n";

/* "R|withdrawn|manager|start|end|worker|interview" of a case, "-" for NULL. */
static char *
own_of(struct db *db, enum qb_kind kind, const char *ref)
{
	struct db_case	 c;
	char		*s;

	ck_assert_int_eq(db_case_find(db, kind, ref, &c, NULL), 0);
	s = xasprintf("%s|%s|%d|%s|%s|%s|%s", c.ref, c.withdrawn != NULL ?
	    c.withdrawn : "-", c.details.manager_interviewed,
	    c.details.period_start, c.details.period_end,
	    c.details.victim_worker, c.details.interview);
	db_case_clear(&c);
	return s;
}

static void
assert_own(struct db *db, enum qb_kind kind, const char *ref, const char *want)
{
	char	*got = own_of(db, kind, ref);

	ck_assert_str_eq(got, want);
	free(got);
}

/* A case's own columns, read when present: empty leaves the case as it is. */
START_TEST(test_own_columns)
{
	static const char text[] = "case_ref,case_kind,case_type,question,"
	    "answer,note,withdrawn,manager_interviewed,period_start,period_end,"
	    "victim_worker,interview\n"
	    "C-1,child,court,2.1.1,yes,,,No,2025-01-06,2025-03-28,,\n"
	    "C-1,child,court,2.1.2,no,,,,,,,\n"		/* leaves them */
	    "C-2,child,court,,,,\"twice, see C-1\",,,,,\n"
	    "V-1,victim,,V1.1,yes,,,yes,,,Sam Jones,VW-1\n"
	    "V-2,victim,,,,,,,,,,vw-1\n"
	    "V-3,victim,,,,,,,,,,VW-1\n"
	    "V-4,victim,,,,,replaced,,,,,VW-1\n";	/* withdrawn first */
	struct db		*db = test_db_new("m.caseread", "iyjwcv");
	struct import_stats	 st;
	char			*cause = NULL;
	long long		 events;

	ck_assert_msg(import_text(db, text, &st, &cause) == 0, "%s", cause);
	ck_assert_int_eq(st.cases_added, 6);
	ck_assert_int_eq(st.cases_updated, 0);
	assert_own(db, QB_CHILD, "C-1", "C-1|-|0|2025-01-06|2025-03-28||");
	assert_own(db, QB_CHILD, "C-2", "C-2|twice, see C-1|-1||||");
	assert_own(db, QB_VICTIM, "V-1", "V-1|-|1|||Sam Jones|VW-1");
	assert_own(db, QB_VICTIM, "V-2", "V-2|-|-1||||vw-1");
	assert_own(db, QB_VICTIM, "V-4", "V-4|replaced|-1||||VW-1");
	events = test_sql_int(db_path(db), "SELECT count(*) FROM case_event");
	ck_assert_int_eq(events, 2 + 5);	/* withdrawals, details */

	/* Again, and without the columns: nothing changes, nothing recorded. */
	ck_assert_msg(import_text(db, text, &st, &cause) == 0, "%s", cause);
	ck_assert_int_eq(st.cases_updated, 0);
	ck_assert_msg(import_text(db, "case_ref,case_kind,case_type,question,"
	    "answer,note\nC-1,child,court,,,\nV-1,victim,,,,\n", &st,
	    &cause) == 0, "%s", cause);
	ck_assert_int_eq(test_sql_int(db_path(db), "SELECT count(*) FROM "
	    "case_event"), events);
	assert_own(db, QB_CHILD, "C-1", "C-1|-|0|2025-01-06|2025-03-28||");

	/* A change: the rest of the case's details stay, one history entry. */
	ck_assert_msg(import_text(db, "case_ref,case_kind,case_type,question,"
	    "answer,note,period_start,period_end\n"
	    "C-1,child,court,,,,2025-02-01,2025-02-28\n", &st, &cause) == 0,
	    "%s", cause);
	ck_assert_int_eq(st.cases_updated, 1);
	assert_own(db, QB_CHILD, "C-1", "C-1|-|0|2025-02-01|2025-02-28||");
	ck_assert_int_eq(test_sql_int(db_path(db), "SELECT count(*) FROM "
	    "case_event"), events + 1);
	db_close(db);
}
END_TEST

/* One bad row of own columns after a good one: the message, nothing written. */
static const struct {
	const char	*row;
	const char	*want;
} bad_own_rows[] = {
	{ "C-9,child,court,,,,,,,,2025-13-01,2025-12-31,,",
	    "in.csv:3: period_start must be a date (YYYY-MM-DD), not "
	    "'2025-13-01'" },
	{ "C-9,child,court,,,,,,,,2024-01-01,2023-02-29,,",
	    "in.csv:3: period_end must be a date (YYYY-MM-DD), not "
	    "'2023-02-29'" },
	{ "C-9,child,court,,,,,,,,,2025-01-01,,", "in.csv:3: period_start, "
	    "period_end: the period inspected needs both its start and its end "
	    "date" },
	{ "C-9,child,court,,,,,,,,2025-01-02,2025-01-01,,", "in.csv:3: "
	    "period_start, period_end: the period inspected starts (2025-01-02) "
	    "after it ends (2025-01-01)" },
	{ "C-9,child,court,,,,,,,unknown,,,,", "in.csv:3: manager_interviewed "
	    "must be yes, no or empty, not 'unknown'" },
	{ "C-9,child,court,,,,,,,,,,,VW-1", "in.csv:3: 'C-9' is a child's case: "
	    "interview is for victims' cases only" },
	{ "V-9,victim,,,,,,,,,,, Sam,", "in.csv:3: victim_worker: the victim "
	    "worker ' Sam' starts or ends with a space" },
	{ "V-9,victim,,,,,,,,,,,,VW\xe2\x80\x94" "1", "in.csv:3: interview: the "
	    "interview label holds U+2014" },
	{ "V-9,victim,,,,,,,bell\x07,,,,,", "in.csv:3: withdrawn: " },
	{ "V-9,victim,,,,,,, ,,,,,", "in.csv:3: withdrawn holds only spaces" },
	{ "C-1,child,court,,,,,,other,,,,,", "in.csv:3: case 'C-1' has "
	    "withdrawn 'other' here but 'gone' on line 2" },
	{ "C-1,child,court,,,,,,,no,,,,", "in.csv:3: case 'C-1' has "
	    "manager_interviewed 'no' here but 'yes' on line 2" },
	{ "V-4,victim,,,,,,,,,,,,VW-1", "in.csv:6: interview 'VW-1' already "
	    "covers 3 victims' cases (V-1, V-2, V-3): one interview covers up to "
	    "3, so case V-4 needs another" },
};

START_TEST(test_bad_own_row)
{
	struct db		*db = test_db_new("n.caseread", "iyjwcv");
	struct import_stats	 st;
	char			*text, *cause = NULL;

	text = xasprintf("%sC-1,child,court,2.1.1,yes,,,,gone,yes,,,,\n%s%s\n",
	    own_header, strstr(bad_own_rows[_i].row, "V-4") == NULL ? "" :
	    "V-1,victim,,,,,,,,,,,,VW-1\nV-2,victim,,,,,,,,,,,,VW-1\n"
	    "V-3,victim,,,,,,,,,,,,VW-1\n", bad_own_rows[_i].row);
	ck_assert_int_eq(import_text(db, text, &st, &cause), -1);
	ck_assert_ptr_nonnull(cause);
	ck_assert_msg(strstr(cause, bad_own_rows[_i].want) != NULL, "row %d: "
	    "got [%s], want [%s]", _i, cause, bad_own_rows[_i].want);
	ck_assert_ptr_nonnull(strstr(cause, "1 bad row: nothing imported"));
	free(cause);
	ck_assert_int_eq(count(db, QB_CHILD), 0);
	ck_assert_int_eq(count(db, QB_VICTIM), 0);
	ck_assert_int_eq(test_sql_int(db_path(db), "SELECT count(*) FROM "
	    "case_event"), 0);
	free(text);
	db_close(db);
}
END_TEST

/*
 * What the file holds already: a complete case's details stay until it is
 * reopened, and a case withdrawn keeps its reason (import never reinstates).
 */
START_TEST(test_own_existing)
{
	static const struct {
		const char	*row;
		const char	*want;		/* NULL: accepted */
	} rows[] = {
		{ "C-1,child,court,,,,,,,yes,2025-01-06,2025-03-28,,", NULL },
		{ "C-1,child,court,,,,,,,,,,,", NULL },
		{ "C-2,child,court,,,,,,gone,,,,,", NULL },
		{ "C-2,child,court,,,,,,,,,,,", NULL },
		{ "C-1,child,court,,,,,,,no,,,,", "in.csv:2: case 'C-1' is marked "
		    "complete: reopen it in caseread before changing its details "
		    "(manager_interviewed is 'yes' there, 'no' here)" },
		{ "C-1,child,court,,,,,,,,2025-01-07,2025-03-28,,", "in.csv:2: "
		    "case 'C-1' is marked complete: reopen it in caseread before "
		    "changing its details (period_start is '2025-01-06' there, "
		    "'2025-01-07' here)" },
		{ "C-2,child,court,,,,,,GONE,,,,,", "in.csv:2: case 'C-2' is "
		    "withdrawn already, for 'gone': reinstate it (caseread "
		    "reinstate) before withdrawing it for 'GONE'" },
	};
	struct db		*db = test_db_new("p.caseread", "iyjwcv");
	struct import_stats	 st;
	struct db_case		 c;
	char			*cause = NULL, *text;
	size_t			 i;
	long long		 events;

	ck_assert_msg(import_text(db, "case_ref,case_kind,case_type,question,"
	    "answer,note,withdrawn,manager_interviewed,period_start,period_end"
	    "\nC-1,child,court,2.1.1,yes,,,yes,2025-01-06,2025-03-28\n"
	    "C-2,child,court,,,,gone,,,\n", &st, &cause) == 0, "%s", cause);
	ck_assert_int_eq(db_case_find(db, QB_CHILD, "C-1", &c, NULL), 0);
	ck_assert_int_eq(db_case_set_complete(db, c.id, 1, NULL, NULL), 0);
	events = test_sql_int(db_path(db), "SELECT count(*) FROM case_event");
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		text = xasprintf("%s%s\n", own_header, rows[i].row);
		if (rows[i].want == NULL)
			ck_assert_msg(import_text(db, text, &st, &cause) == 0,
			    "%zu: %s", i, cause);
		else {
			ck_assert_int_eq(import_text(db, text, &st, &cause), -1);
			ck_assert_msg(strstr(cause, rows[i].want) != NULL,
			    "%zu: %s", i, cause);
			free(cause);
			cause = NULL;
		}
		free(text);
		ck_assert_int_eq(test_sql_int(db_path(db), "SELECT count(*) "
		    "FROM case_event"), events);
	}
	assert_own(db, QB_CHILD, "C-1", "C-1|-|1|2025-01-06|2025-03-28||");
	assert_own(db, QB_CHILD, "C-2", "C-2|gone|-1||||");

	/* Reopened, the change goes in. */
	ck_assert_int_eq(db_case_set_complete(db, c.id, 0, "new evidence",
	    NULL), 0);
	text = xasprintf("%s%s\n", own_header, rows[4].row);
	ck_assert_msg(import_text(db, text, &st, &cause) == 0, "%s", cause);
	free(text);
	assert_own(db, QB_CHILD, "C-1", "C-1|-|0|2025-01-06|2025-03-28||");
	db_case_clear(&c);
	db_close(db);
}
END_TEST

/* "R|manager|contact|status" of a case, contact "-" for a child's. */
static char *
mcs_of(struct db *db, enum qb_kind kind, const char *ref)
{
	struct db_case	 c;
	char		*s;

	ck_assert_int_eq(db_case_find(db, kind, ref, &c, NULL), 0);
	s = xasprintf("%s|%s|%s|%s", c.ref, c.manager, kind == QB_CHILD ? "-" :
	    c.interviewed ? "interview" : "file", c.complete ? "complete" :
	    "draft");
	db_case_clear(&c);
	return s;
}

static void
assert_mcs(struct db *db, enum qb_kind kind, const char *ref, const char *want)
{
	char	*got = mcs_of(db, kind, ref);

	ck_assert_str_eq(got, want);
	free(got);
}

static long long
events(struct db *db)
{
	return test_sql_int(db_path(db), "SELECT count(*) FROM case_event");
}

static const char mcs_header[] = "case_ref,case_kind,case_type,question,"
    "answer,note,manager,contact,status\n";

/*
 * The manager's initials and the victim's contact are set as the case form
 * saves them, empty leaving the case as it is; the status is only read.
 */
START_TEST(test_manager_contact_status)
{
	struct db		*db = test_db_new("q.caseread", "iyjwcv");
	struct import_stats	 st;
	struct db_case		 c;
	char			*cause = NULL, *text;
	long long		 n;

	text = xasprintf("%s"
	    "C-1,child,court,2.1.1,yes,,=JB,,complete\n"
	    "C-1,child,court,2.1.2,no,,,,\n"		/* leaves them */
	    "V-1,victim,,V1.1,yes,,KM,Interview,DRAFT\n"
	    "V-2,victim,,,,,,file,complete\n"
	    "V-3,victim,,,,,,,\n", mcs_header);
	ck_assert_msg(import_text(db, text, &st, &cause) == 0, "%s", cause);
	ck_assert_int_eq(st.cases_added, 4);
	ck_assert_int_eq(st.left_draft, 2);		/* C-1, V-2 */
	assert_mcs(db, QB_CHILD, "C-1", "C-1|=JB|-|draft");
	assert_mcs(db, QB_VICTIM, "V-1", "V-1|KM|interview|draft");
	assert_mcs(db, QB_VICTIM, "V-2", "V-2||file|draft");
	/* What a new victim's case gets without the column. */
	assert_mcs(db, QB_VICTIM, "V-3", "V-3||file|draft");
	/* In the history as the case form writes it, by the importer. */
	ck_assert_int_eq(events(db), 2);
	ck_assert_int_eq(test_sql_int(db_path(db), "SELECT count(*) FROM "
	    "case_event e JOIN inspector i ON i.id = e.inspector WHERE "
	    "e.event = 'details' AND i.name = 'alice' AND e.reason = "
	    "'manager (none) -> KM; contact file read -> interview'"), 1);

	/* Again: nothing changes, nothing is recorded. */
	n = events(db);
	ck_assert_msg(import_text(db, text, &st, &cause) == 0, "%s", cause);
	ck_assert_int_eq(st.cases_updated, 0);
	ck_assert_int_eq(st.left_draft, 2);
	ck_assert_int_eq(events(db), n);
	free(text);

	/* A change to a draft: one entry, the case counted once. */
	text = xasprintf("%sV-1,victim,,,,,AB,file,\nV-1,victim,,,,,AB,,\n",
	    mcs_header);
	ck_assert_msg(import_text(db, text, &st, &cause) == 0, "%s", cause);
	free(text);
	ck_assert_int_eq(st.cases_updated, 1);
	assert_mcs(db, QB_VICTIM, "V-1", "V-1|AB|file|draft");
	ck_assert_int_eq(events(db), n + 1);

	/*
	 * A complete case: rows may repeat its initials and contact (and call
	 * it complete: not counted), not change them; import never reopens it.
	 */
	ck_assert_int_eq(db_case_find(db, QB_VICTIM, "V-1", &c, NULL), 0);
	ck_assert_int_eq(db_case_set_complete(db, c.id, 1, NULL, NULL), 0);
	db_case_clear(&c);
	n = events(db);
	text = xasprintf("%sV-1,victim,,,,,AB,file,complete\n"
	    "V-2,victim,,,,,,,draft\n", mcs_header);
	ck_assert_msg(import_text(db, text, &st, &cause) == 0, "%s", cause);
	free(text);
	ck_assert_int_eq(st.left_draft, 0);
	text = xasprintf("%sV-1,victim,,,,,AB,file,draft\n", mcs_header);
	ck_assert_msg(import_text(db, text, &st, &cause) == 0, "%s", cause);
	free(text);
	assert_mcs(db, QB_VICTIM, "V-1", "V-1|AB|file|complete");
	text = xasprintf("%sV-1,victim,,,,,KM,,\n", mcs_header);
	ck_assert_int_eq(import_text(db, text, &st, &cause), -1);
	ck_assert_msg(strstr(cause, "in.csv:2: case 'V-1' is marked complete: "
	    "reopen it in caseread before changing its details (manager is "
	    "'AB' there, 'KM' here)") != NULL, "%s", cause);
	free(cause);
	cause = NULL;
	free(text);
	text = xasprintf("%sV-1,victim,,,,,,interview,\n", mcs_header);
	ck_assert_int_eq(import_text(db, text, &st, &cause), -1);
	ck_assert_msg(strstr(cause, "in.csv:2: case 'V-1' is marked complete: "
	    "reopen it in caseread before changing its details (contact is "
	    "'file' there, 'interview' here)") != NULL, "%s", cause);
	free(cause);
	free(text);
	assert_mcs(db, QB_VICTIM, "V-1", "V-1|AB|file|complete");
	ck_assert_int_eq(events(db), n);
	db_close(db);
}
END_TEST

/* One bad row of the three after a good one: the message, nothing written. */
static const struct {
	const char	*row;
	const char	*want;
} bad_mcs_rows[] = {
	{ "C-9,child,court,,,,ABCDEFGHI,,", "in.csv:3: manager: the case "
	    "manager's initials is 9 bytes long: at most 8 are allowed" },
	{ "C-9,child,court,,,,J\x1b[2JB,,", "in.csv:3: manager: the case "
	    "manager's initials holds a control character (\\x1b, byte 2)" },
	{ "V-9,victim,,,,,,phone,", "in.csv:3: contact must be interview, file "
	    "or empty, not 'phone'" },
	{ "C-9,child,court,,,,,file,", "in.csv:3: 'C-9' is a child's case: "
	    "contact is for victims' cases only" },
	{ "C-9,child,court,,,,,,done", "in.csv:3: status must be draft, "
	    "complete or empty, not 'done'" },
	{ "C-1,child,court,,,,XY,,", "in.csv:3: case 'C-1' has manager 'XY' "
	    "here but 'AB' on line 2" },
	{ "C-1,child,court,,,,,,draft", "in.csv:3: case 'C-1' has status draft "
	    "here but complete on line 2" },
	{ "V-1,victim,,,,,,interview,", "in.csv:3: case 'V-1' has contact "
	    "'interview' here but 'file' on line 2" },
};

START_TEST(test_bad_mcs_row)
{
	struct db		*db = test_db_new("r.caseread", "iyjwcv");
	struct import_stats	 st;
	char			*text, *cause = NULL;

	text = xasprintf("%s%s,AB,%s,complete\n%s\n", mcs_header,
	    strncmp(bad_mcs_rows[_i].row, "V-1", 3) == 0 ?
	    "V-1,victim,,V1.1,yes," : "C-1,child,court,2.1.1,yes,",
	    strncmp(bad_mcs_rows[_i].row, "V-1", 3) == 0 ? "file" : "",
	    bad_mcs_rows[_i].row);
	ck_assert_int_eq(import_text(db, text, &st, &cause), -1);
	ck_assert_msg(strstr(cause, bad_mcs_rows[_i].want) != NULL, "row %d: "
	    "got [%s], want [%s]", _i, cause, bad_mcs_rows[_i].want);
	ck_assert_ptr_nonnull(strstr(cause, "1 bad row: nothing imported"));
	free(cause);
	ck_assert_int_eq(count(db, QB_CHILD), 0);
	ck_assert_int_eq(count(db, QB_VICTIM), 0);
	ck_assert_int_eq(events(db), 0);
	free(text);
	db_close(db);
}
END_TEST

/* Case-only rows and many cases: the case table grows past its first size. */
START_TEST(test_many_cases)
{
	struct db		*db = test_db_new("e.caseread", "iyjwcv");
	struct import_stats	 st;
	char			*text = NULL, *cause = NULL;
	size_t			 size = 0;
	FILE			*f = open_memstream(&text, &size);
	int			 i;

	ck_assert_ptr_nonnull(f);
	fputs(header, f);
	for (i = 0; i < 3000; i++) {
		fprintf(f, "C-%04d,child,out-of-court,2.3.1.8,yes,\n", i);
		fprintf(f, "V-%04d,victim,,,,\n", i);
	}
	fclose(f);
	ck_assert_msg(import_text(db, text, &st, &cause) == 0, "%s", cause);
	ck_assert_int_eq(st.cases_added, 6000);
	ck_assert_int_eq(st.answers, 3000);
	ck_assert_int_eq(count(db, QB_CHILD), 3000);
	ck_assert_int_eq(count(db, QB_VICTIM), 3000);
	free(text);
	db_close(db);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("import");
	TCase	*tc = tcase_create("import");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_good_import);
	tcase_add_loop_test(tc, test_bad_row, 0, sizeof bad_rows /
	    sizeof bad_rows[0]);
	tcase_add_test(tc, test_every_bad_row_reported);
	tcase_add_test(tc, test_bad_header);
	tcase_add_test(tc, test_many_cases);
	tcase_add_test(tc, test_rows_that_agree);
	tcase_add_test(tc, test_two_inspectors);
	tcase_add_test(tc, test_type_change_keeps_reader);
	tcase_add_test(tc, test_case_changes_by_importer);
	tcase_add_test(tc, test_complete_case);
	tcase_add_test(tc, test_own_columns);
	tcase_add_loop_test(tc, test_bad_own_row, 0, sizeof bad_own_rows /
	    sizeof bad_own_rows[0]);
	tcase_add_test(tc, test_own_existing);
	tcase_add_test(tc, test_manager_contact_status);
	tcase_add_loop_test(tc, test_bad_mcs_row, 0, sizeof bad_mcs_rows /
	    sizeof bad_mcs_rows[0]);
	suite_add_tcase(s, tc);
	return test_run(s);
}
