/*
 * The storage behind the inspector's day (issue 13): withdrawing and
 * reinstating a case, undoing the last change from the history, and putting
 * the inspector's name right with the change kept.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "db-case.h"
#include "db.h"
#include "testlib.h"

static void
teardown(void)
{
	test_cleanup();
}

static long long
add_child(struct db *db, const char *ref)
{
	struct db_case	 c;
	char		*cause = NULL;

	memset(&c, 0, sizeof c);
	c.kind = QB_CHILD;
	c.ref = (char *)ref;
	c.type = QB_COURT;
	ck_assert_msg(db_case_add(db, &c, &cause) == 0, "%s", cause);
	return c.id;
}

START_TEST(test_withdraw)
{
	struct db	*db = test_db_new("w.caseread", "iyjwcv");
	struct db_case	 c, *list;
	struct db_event	*ev;
	size_t		 n;
	long		 cases, complete, withdrawn;
	char		*cause = NULL;
	long long	 a = add_child(db, "A"), b = add_child(db, "B");

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
	ck_assert_int_eq(db_case_incomplete(db, &list, &n, NULL), 0);
	ck_assert_uint_eq(n, 0);	/* B is withdrawn, A complete */
	db_case_list_free(list, n);
	ck_assert_int_eq(db_case_withdrawn_list(db, &list, &n, NULL), 0);
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
	ck_assert_int_eq(db_case_incomplete(db, &list, &n, NULL), 0);
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
	long long		 id = add_child(db, "U");

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
	long long			 id = add_child(db, "O");

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

static Suite *
day_suite(void)
{
	Suite	*s = suite_create("day");
	TCase	*tc = tcase_create("day");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_withdraw);
	tcase_add_test(tc, test_undo);
	tcase_add_test(tc, test_owner);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run(day_suite());
}
