/*
 * The storage behind the inspector's day (issue 13): withdrawing and
 * reinstating a case, undoing the last change from the history, putting
 * the inspector's name right with the change kept, and the case details the
 * framework asks about (real days, one interview for at most three cases).
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "db-case.h"
#include "db.h"
#include "testlib.h"
#include "util.h"

START_TEST(test_withdraw)
{
	struct db	*db = test_db_new("w.caseread", "iyjwcv");
	struct db_case	 c, *list;
	struct db_event	*ev;
	size_t		 n;
	long		 cases, complete, withdrawn;
	char		*cause = NULL;
	long long	 a = test_add_child(db, "A"), b = test_add_child(db, "B");

	ck_assert_int_eq(db_case_withdraw(db, b, "  ", &cause), -ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "needs a reason"));
	free(cause);
	cause = NULL;
	ck_assert_int_eq(db_case_withdraw(db, b, NULL, &cause), -ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "is not withdrawn"));
	free(cause);
	cause = NULL;
	ck_assert_int_eq(db_case_withdraw(db, b, "duplicate", &cause), 0);
	ck_assert_int_eq(db_case_withdraw(db, b, "again", &cause),
	    -ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "already withdrawn"));
	free(cause);
	cause = NULL;
	ck_assert_int_eq(db_case_get(db, b, &c, NULL), 0);
	ck_assert_str_eq(c.withdrawn, "duplicate");
	db_case_clear(&c);
	ck_assert_int_eq(db_case_set_complete(db, a, 1, NULL, NULL), 0);
	ck_assert_int_eq(db_case_sample(db, QB_CHILD, &cases, &complete,
	    &withdrawn, NULL), 0);
	ck_assert_int_eq(cases, 1);
	ck_assert_int_eq(complete, 1);
	ck_assert_int_eq(withdrawn, 1);
	ck_assert_int_eq(db_case_subset(db, DB_CASE_INCOMPLETE, &list, &n,
	    NULL), 0);
	ck_assert_uint_eq(n, 0);	/* B is withdrawn, A complete */
	db_case_list_free(list, n);
	ck_assert_int_eq(db_case_subset(db, DB_CASE_WITHDRAWN, &list, &n,
	    NULL), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(list[0].ref, "B");
	db_case_list_free(list, n);
	ck_assert_int_eq(db_case_withdraw(db, b, NULL, &cause), 0);
	ck_assert_int_eq(db_case_events(db, b, &ev, &n, NULL), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(ev[0].kind, DB_EVENT_WITHDRAW);
	ck_assert_str_eq(ev[0].reason, "duplicate");
	ck_assert_int_eq(ev[1].kind, DB_EVENT_REINSTATE);
	db_event_list_free(ev, n);
	ck_assert_int_eq(db_case_subset(db, DB_CASE_INCOMPLETE, &list, &n,
	    NULL), 0);
	ck_assert_uint_eq(n, 1);
	db_case_list_free(list, n);
	db_close(db);
}
END_TEST

START_TEST(test_undo)
{
	struct db		*db = test_db_new("u.caseread", "iyjwcv");
	struct db_undo		 u;
	struct db_answer	*a;
	size_t			 n;
	char			*cause = NULL;
	long long		 id = test_add_child(db, "U");

	ck_assert_int_eq(db_answer_undo(db, id, &u, &cause), 1);
	ck_assert_int_eq(db_answer_save(db, id, "2.1.1", ANSWER_YES, "why",
	    NULL), 0);
	ck_assert_int_eq(db_answer_save(db, id, "2.1.1", ANSWER_NO, NULL,
	    NULL), 0);
	ck_assert_int_eq(db_answer_undo(db, id, &u, &cause), 0);
	ck_assert_str_eq(u.question, "2.1.1");
	ck_assert_int_eq(u.value, ANSWER_YES);
	ck_assert_int_eq(u.undone, ANSWER_NO);
	free(u.question);
	ck_assert_int_eq(db_answer_list(db, id, &a, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(a[0].value, ANSWER_YES);
	ck_assert_str_eq(a[0].note, "why");
	db_answer_list_free(a, n);
	/* Back to no answer at all: the first change undone. */
	ck_assert_int_eq(db_answer_undo(db, id, &u, &cause), 0);
	free(u.question);
	ck_assert_int_eq(db_answer_undo(db, id, &u, &cause), 0);
	ck_assert_int_eq(u.value, ANSWER_YES);
	free(u.question);
	ck_assert_int_eq(db_case_set_complete(db, id, 1, NULL, NULL), 0);
	ck_assert_int_eq(db_answer_undo(db, id, &u, &cause), -ERR_INVALID);
	/* What the status line tells the inspector to do. */
	ck_assert_ptr_nonnull(strstr(cause, "reopen it"));
	free(cause);
	db_close(db);
}
END_TEST

START_TEST(test_owner)
{
	struct db			*db = test_db_new("o.caseread", "iyjwcv");
	struct db_inspection_change	*ch;
	struct db_case			 c;
	size_t				 n;
	char				*cause = NULL;
	long long			 id = test_add_child(db, "O");

	test_assert_code(db_inspection_set_owner(db, " ", &cause), &cause,
	    ERR_INVALID);
	ck_assert_int_eq(db_inspection_set_owner(db, "Alice Jones", &cause),
	    0);
	ck_assert_str_eq(db_inspection(db)->owner, "Alice Jones");
	ck_assert_str_eq(db_user(db), "Alice Jones");
	ck_assert_int_eq(db_case_get(db, id, &c, NULL), 0);
	ck_assert_str_eq(c.inspector, "Alice Jones");
	db_case_clear(&c);
	ck_assert_int_eq(db_inspection_changes(db, &ch, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(ch[0].old_value, "alice");
	ck_assert_str_eq(ch[0].new_value, "Alice Jones");
	db_inspection_change_list_free(ch, n);
	db_close(db);
}
END_TEST

/*
 * A name as the doors take it: without spaces at its ends. The owner put right
 * as " Bo Lee\u3000" is "Bo Lee", and typing it again with other spaces is no
 * change; a case's reader too. A name an older caseread stored with its
 * spaces is never rewritten, and is still that inspector typed without them.
 */
START_TEST(test_name_spaces)
{
	struct db			*db = test_db_new("n.caseread", "iyjwcv");
	struct db_inspection_change	*ch;
	struct db_event			*ev;
	struct db_case			 c;
	size_t				 n;
	char				*cause = NULL, *path = test_path("n.caseread");
	long long			 id = test_add_child(db, "N-1");

	test_assert_code(db_inspection_set_owner(db, "\xc2\xa0 ", &cause),
	    &cause, ERR_INVALID);
	ck_assert_int_eq(db_inspection_set_owner(db, " Bo Lee\xe3\x80\x80",
	    &cause), 0);
	ck_assert_str_eq(db_inspection(db)->owner, "Bo Lee");
	ck_assert_str_eq(db_user(db), "Bo Lee");
	ck_assert_int_eq(db_inspection_set_owner(db, "Bo Lee  ", &cause), 0);
	ck_assert_int_eq(db_inspection_changes(db, &ch, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(ch[0].new_value, "Bo Lee");
	db_inspection_change_list_free(ch, n);

	/* A reader typed with spaces: the case is read by the name without. */
	ck_assert_int_eq(db_case_get(db, id, &c, NULL), 0);
	free(c.inspector);
	c.inspector = xstrdup("  Cy Dee ");
	ck_assert_msg(db_case_update(db, &c, &cause) == 0, "%s", cause);
	db_case_clear(&c);
	ck_assert_int_eq(db_case_get(db, id, &c, NULL), 0);
	ck_assert_str_eq(c.inspector, "Cy Dee");
	/* Only spaces: no reader, refused. */
	free(c.inspector);
	c.inspector = xstrdup("\xe2\x80\x83");
	test_assert_code(db_case_update(db, &c, &cause), &cause, ERR_INVALID);
	db_case_clear(&c);
	db_close(db);

	/* As an older caseread left it: the reader's name with its spaces. */
	test_sql(path, "UPDATE inspector SET name = ' Cy Dee ' WHERE name = "
	    "'Cy Dee'");
	ck_assert_ptr_nonnull(db = db_open(path, 0, &cause));
	ck_assert_int_eq(db_case_get(db, id, &c, NULL), 0);
	ck_assert_str_eq(c.inspector, " Cy Dee ");
	free(c.inspector);
	c.inspector = xstrdup("Cy Dee");
	ck_assert_msg(db_case_update(db, &c, &cause) == 0, "%s", cause);
	db_case_clear(&c);
	/* The same inspector, the name as stored; no change in the history. */
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM inspector"),
	    2);
	ck_assert_int_eq(db_case_get(db, id, &c, NULL), 0);
	ck_assert_str_eq(c.inspector, " Cy Dee ");
	db_case_clear(&c);
	ck_assert_int_eq(db_case_events(db, id, &ev, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);	/* the first change, to "Cy Dee" */
	db_event_list_free(ev, n);
	/* A new case for "Cy Dee" is theirs too, and the owner may not take it. */
	memset(&c, 0, sizeof c);
	c.kind = QB_CHILD;
	c.ref = (char *)"N-2";
	c.type = QB_COURT;
	c.inspector = (char *)"Cy Dee";
	ck_assert_msg(db_case_add(db, &c, &cause) == 0, "%s", cause);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM inspector"),
	    2);
	test_assert_code(db_inspection_set_owner(db, "Cy Dee", &cause), &cause,
	    ERR_INVALID);
	db_close(db);
	free(path);
}
END_TEST

/* The details' strings are the caller's to own; these are never freed. */
#define TXT(s)	((char *)(s))

static long long
add_victim(struct db *db, const char *ref)
{
	struct db_case	 c;
	char		*cause = NULL;

	memset(&c, 0, sizeof c);
	c.kind = QB_VICTIM;
	c.ref = (char *)ref;
	c.interviewed = 1;
	ck_assert_msg(db_case_add(db, &c, &cause) == 0, "%s", cause);
	return c.id;
}

/* Days, table-driven: what db_details_date_ok takes for a real day. */
START_TEST(test_details_dates)
{
	static const struct {
		const char	*s;
		int		 ok;
	} t[] = {
		{ "2025-01-06", 1 }, { "2024-02-29", 1 }, { "2000-02-29", 1 },
		{ "2025-12-31", 1 }, { "2025-02-29", 0 }, { "1900-02-29", 0 },
		{ "2025-04-31", 0 }, { "2025-13-01", 0 }, { "2025-00-10", 0 },
		{ "2025-01-00", 0 }, { "2025-1-06", 0 }, { "2025/01/06", 0 },
		{ "25-01-2025", 0 }, { "2025-01-06 ", 0 }, { "+025-01-06", 0 },
		{ "", 0 }, { "1899-12-31", 0 },
	};
	size_t	i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		ck_assert_msg(db_details_date_ok(t[i].s) == t[i].ok, "'%s'",
		    t[i].s);
}
END_TEST

/*
 * Set details: a change is one history entry in the same write, nothing
 * changed is nothing written, a refusal writes nothing, a complete case is
 * read only.
 */
START_TEST(test_details_set)
{
	struct db		*db = test_db_new("d.caseread", "iyjwcv");
	struct db_case_details	 d = { 1, TXT("2025-01-06"),
	    TXT("2025-03-28"), TXT(""), TXT("") };
	struct db_case		 c;
	struct db_event		*ev;
	size_t			 n;
	char			*cause = NULL;
	long long		 id = test_add_child(db, "D");

	ck_assert_int_eq(db_case_get(db, id, &c, NULL), 0);
	ck_assert_int_eq(c.details.manager_interviewed, -1);
	ck_assert_str_eq(c.details.period_start, "");
	db_case_clear(&c);
	ck_assert_msg(db_details_set(db, id, &d, NULL, &cause) == 0, "%s",
	    cause);
	ck_assert_int_eq(db_details_set(db, id, &d, NULL, &cause), 0);
	ck_assert_int_eq(db_case_events(db, id, &ev, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(ev[0].kind, DB_EVENT_DETAILS);
	ck_assert_str_eq(ev[0].reason, "manager interviewed not recorded -> "
	    "yes; period (none) -> 2025-01-06 to 2025-03-28");
	db_event_list_free(ev, n);
	ck_assert_int_eq(db_case_get(db, id, &c, NULL), 0);
	ck_assert_int_eq(c.details.manager_interviewed, 1);
	ck_assert_str_eq(c.details.period_end, "2025-03-28");
	db_case_clear(&c);
	/* Refusals: each names what is wrong, and nothing is written. */
	d.period_start = TXT("2025-03-29");
	ck_assert_int_eq(db_details_set(db, id, &d, NULL, &cause),
	    -ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "starts (2025-03-29) after"));
	free(cause);
	d.period_start = TXT("2025-01-06");
	d.period_end = TXT("");
	ck_assert_int_eq(db_details_set(db, id, &d, NULL, &cause),
	    -ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "both its start and its end"));
	free(cause);
	d.period_end = TXT("2025-03-28");
	d.interview = TXT("VW-1");
	ck_assert_int_eq(db_details_set(db, id, &d, NULL, &cause),
	    -ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "victims' cases only"));
	free(cause);
	d.interview = TXT("");
	d.manager_interviewed = 0;
	ck_assert_int_eq(db_case_set_complete(db, id, 1, NULL, NULL), 0);
	ck_assert_int_eq(db_details_set(db, id, &d, NULL, &cause),
	    -ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "is complete"));
	free(cause);
	ck_assert_int_eq(db_case_set_complete(db, id, 0, "wrong", NULL), 0);
	ck_assert_int_eq(db_details_set(db, id, &d, "misread", &cause), 0);
	ck_assert_int_eq(db_case_events(db, id, &ev, &n, NULL), 0);
	ck_assert_uint_eq(n, 4);	/* details, complete, reopen, details */
	ck_assert_str_eq(ev[3].reason, "manager interviewed yes -> no "
	    "(misread)");
	db_event_list_free(ev, n);
	db_close(db);
}
END_TEST

/*
 * One interview covers up to three victims' cases in the sample, whatever
 * way in: the fourth is refused with the three named; a withdrawn case is
 * not counted, and reinstating it into a full interview is refused.
 */
START_TEST(test_details_interview)
{
	struct db		*db = test_db_new("i.caseread", "iyjwcv");
	struct db_case_details	 d = { -1, TXT(""), TXT(""),
	    TXT("Jo Bloggs"), TXT("VW-1") };
	struct db_interview	*over;
	long long		 v[5];
	char			**refs, *cause = NULL;
	size_t			 n, i;

	v[0] = add_victim(db, "V-1");
	v[1] = add_victim(db, "V-2");
	v[2] = add_victim(db, "V-3");
	v[3] = add_victim(db, "V-4");
	v[4] = add_victim(db, "V-5");
	for (i = 0; i < 3; i++)
		ck_assert_msg(db_details_set(db, v[i], &d, NULL, &cause) == 0,
		    "%s", cause);
	d.interview = TXT("vw-1");	/* the same interview, typed otherwise */
	ck_assert_int_eq(db_details_set(db, v[3], &d, NULL, &cause),
	    -ERR_INVALID);
	ck_assert_str_eq(cause, "interview 'vw-1' already covers 3 victims' "
	    "cases (V-1, V-2, V-3): one interview covers up to 3, so case V-4 "
	    "needs another");
	free(cause);
	ck_assert_int_eq(db_details_interview_cases(db, "VW-1", 0, &refs, &n,
	    NULL), 0);
	ck_assert_uint_eq(n, 3);
	db_details_refs_free(refs, n);
	/* A case already on it may be saved again. */
	d.victim_worker = TXT("Jo B");
	d.interview = TXT("VW-1");
	ck_assert_int_eq(db_details_set(db, v[2], &d, NULL, &cause), 0);
	/* Withdrawn, V-3 leaves room; back, it would make four. */
	ck_assert_int_eq(db_case_withdraw(db, v[2], "replaced", NULL), 0);
	ck_assert_int_eq(db_details_set(db, v[3], &d, NULL, &cause), 0);
	ck_assert_int_eq(db_case_withdraw(db, v[2], NULL, &cause),
	    -ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "(V-1, V-2, V-4)"));
	free(cause);
	ck_assert_int_eq(db_details_overfull(db, &over, &n, NULL), 0);
	ck_assert_uint_eq(n, 0);
	db_interview_list_free(over, n);
	/* A merge can leave four: the list names them. */
	test_sql(db_path(db), "UPDATE cases SET interview = 'vw-1' WHERE "
	    "ref = 'V-5'");
	ck_assert_int_eq(db_details_overfull(db, &over, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(over[0].label, "VW-1");
	ck_assert_uint_eq(over[0].nrefs, 4);
	ck_assert_str_eq(over[0].refs[0], "V-1");
	ck_assert_str_eq(over[0].refs[3], "V-5");
	db_interview_list_free(over, n);
	/* A case on it keeps it, even respelt; only joining is refused. */
	d.interview = TXT("vw-1");
	ck_assert_msg(db_details_set(db, v[0], &d, NULL, &cause) == 0, "%s",
	    cause);
	d.interview = TXT("VW-1");
	ck_assert_int_eq(db_case_withdraw(db, v[2], NULL, &cause),
	    -ERR_INVALID);
	free(cause);
	db_close(db);
}
END_TEST

static Suite *
day_suite(void)
{
	TCase	*tc;
	Suite	*s = test_suite("day", 30, &tc);

	tcase_add_test(tc, test_withdraw);
	tcase_add_test(tc, test_undo);
	tcase_add_test(tc, test_owner);
	tcase_add_test(tc, test_name_spaces);
	tcase_add_test(tc, test_details_dates);
	tcase_add_test(tc, test_details_set);
	tcase_add_test(tc, test_details_interview);
	return s;
}

int
main(void)
{
	return test_run(day_suite());
}
