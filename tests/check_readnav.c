/*
 * Case read navigation: applicable questions in reading order, first and next
 * unanswered, jumps by standard, and the progress counts the overview shows.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "readnav.h"
#include "util.h"
#include "testlib.h"

static const char bank_text[] =
    "bank t\nversion 1\n"
    "standard 2.1 child Assessing\n"
    "key 2.1.1 K1?\n"
    "prompt 2.1.1.1 P1?\n"
    "prompt 2.1.1.2 Custody only?\n"
    "applies resettlement\n"
    "key 2.1.2 K2?\n"
    "prompt 2.1.2.1 P3?\n"
    "standard 2.2 child Planning\n"
    "key 2.2.1 K3?\n"
    "prompt 2.2.1.1 P4?\n"
    "standard V1 victim Victims\n"
    "key V1.1 V?\n"
    "prompt V1.1.1 VP?\n";

static struct qbank *bank;

static void
setup(void)
{
	bank = qbank_parse(bank_text, sizeof bank_text - 1, "t", NULL);
	ck_assert_ptr_nonnull(bank);
}

static void
teardown(void)
{
	qbank_free(bank);
}

/* The ids at each position, joined by spaces. */
static char *
ids(const struct readnav *rn)
{
	char	*s = xstrdup(""), *t;
	size_t	 i;

	for (i = 0; i < rn->n; i++) {
		t = xasprintf("%s%s%s", s, i ? " " : "",
		    readnav_question(rn, i)->id);
		free(s);
		s = t;
	}
	return s;
}

START_TEST(test_applicable_order)
{
	static const struct {
		enum qb_kind	 kind;
		unsigned	 type;
		const char	*want;
	} cases[] = {
		{ QB_CHILD, QB_COURT,
		    "2.1.1.1 2.1.1 2.1.2.1 2.1.2 2.2.1.1 2.2.1" },
		{ QB_CHILD, QB_RESETTLEMENT,
		    "2.1.1.1 2.1.1.2 2.1.1 2.1.2.1 2.1.2 2.2.1.1 2.2.1" },
		{ QB_VICTIM, 0, "V1.1.1 V1.1" },
	};
	struct readnav	rn;
	size_t		i;
	char		*s;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		readnav_init(&rn, bank, cases[i].kind, cases[i].type);
		s = ids(&rn);
		ck_assert_str_eq(s, cases[i].want);
		free(s);
		readnav_clear(&rn);
	}
}
END_TEST

#define A(q, v) { (char *)(q), (v), (char *)"", NULL, NULL }

START_TEST(test_unanswered)
{
	struct db_answer	a[] = {
		A("2.1.1.1", ANSWER_YES), A("2.1.1", ANSWER_NA),
		A("2.1.1.2", ANSWER_NO),	/* does not apply to court */
		A("2.2.1", ANSWER_NO), A("nonsense", ANSWER_YES),
		A("2.1.2", ANSWER_NONE)		/* a note only */
	};
	struct readnav		rn;
	size_t			answered, applicable;

	readnav_init(&rn, bank, QB_CHILD, QB_COURT);
	ck_assert_int_eq(readnav_first_unanswered(&rn), 0);
	readnav_load(&rn, a, sizeof a / sizeof a[0]);
	readnav_progress(&rn, &answered, &applicable);
	ck_assert_uint_eq(answered, 3);
	ck_assert_uint_eq(applicable, 6);
	ck_assert_int_eq(readnav_first_unanswered(&rn), 2);	/* 2.1.2.1 */
	ck_assert_int_eq(readnav_next_unanswered(&rn, 2), 3);
	ck_assert_int_eq(readnav_next_unanswered(&rn, 3), 4);	/* 2.2.1.1 */
	ck_assert_int_eq(readnav_next_unanswered(&rn, 4), 2);	/* wraps */
	ck_assert_int_eq(readnav_next_unanswered(&rn, 0), 2);
	ck_assert_int_eq(readnav_find(&rn, "2.1.1.2"), -1);
	ck_assert_int_eq(readnav_find(&rn, "2.2.1"), 5);

	rn.value[2] = rn.value[3] = ANSWER_YES;
	ck_assert_int_eq(readnav_next_unanswered(&rn, 4), -1);
	ck_assert_int_eq(readnav_next_unanswered(&rn, 2), 4);
	rn.value[4] = ANSWER_NO;
	ck_assert_int_eq(readnav_first_unanswered(&rn), -1);
	ck_assert_int_eq(readnav_next_unanswered(&rn, 0), -1);
	readnav_clear(&rn);
}
END_TEST

/* A key's prompts by answer: not the key, nor a prompt that does not apply. */
START_TEST(test_prompt_counts)
{
	struct db_answer	a[] = {
		A("2.1.1.1", ANSWER_YES), A("2.1.1", ANSWER_NA),
		A("2.1.1.2", ANSWER_NO),	/* does not apply to court */
		A("2.1.2.1", ANSWER_NA)
	};
	struct readnav		rn;
	struct readnav_counts	c;

	readnav_init(&rn, bank, QB_CHILD, QB_COURT);
	readnav_load(&rn, a, sizeof a / sizeof a[0]);
	readnav_prompt_counts(&rn, readnav_question(&rn, 1)->key, &c);
	ck_assert_int_eq(c.yes, 1);
	ck_assert_int_eq(c.no + c.na + c.none, 0);
	readnav_prompt_counts(&rn, readnav_question(&rn, 3)->key, &c);
	ck_assert_int_eq(c.na, 1);
	ck_assert_int_eq(c.yes + c.no + c.none, 0);
	rn.value[2] = ANSWER_NONE;
	rn.value[0] = ANSWER_NO;
	readnav_prompt_counts(&rn, readnav_question(&rn, 3)->key, &c);
	ck_assert_int_eq(c.none, 1);
	readnav_prompt_counts(&rn, readnav_question(&rn, 0)->key, &c);
	ck_assert_int_eq(c.no, 1);
	ck_assert_int_eq(c.yes, 0);
	readnav_clear(&rn);
}
END_TEST

START_TEST(test_standards)
{
	struct readnav	rn;

	readnav_init(&rn, bank, QB_CHILD, QB_COURT);
	/* 0..3 are 2.1, 4..5 are 2.2. */
	ck_assert_uint_eq(readnav_next_standard(&rn, 0), 4);
	ck_assert_uint_eq(readnav_next_standard(&rn, 3), 4);
	ck_assert_uint_eq(readnav_next_standard(&rn, 4), 4);	/* last */
	ck_assert_uint_eq(readnav_next_standard(&rn, 5), 5);
	ck_assert_uint_eq(readnav_prev_standard(&rn, 5), 4);
	ck_assert_uint_eq(readnav_prev_standard(&rn, 4), 0);
	ck_assert_uint_eq(readnav_prev_standard(&rn, 2), 0);
	ck_assert_uint_eq(readnav_prev_standard(&rn, 0), 0);
	readnav_clear(&rn);

	readnav_init(&rn, bank, QB_VICTIM, 0);
	ck_assert_uint_eq(readnav_next_standard(&rn, 0), 0);
	ck_assert_uint_eq(readnav_prev_standard(&rn, 1), 0);
	readnav_clear(&rn);
}
END_TEST

/* The shipped bank: every children's type starts on 2.1.1.1 and ends on 2.3.2. */
START_TEST(test_builtin)
{
	struct qbank	*b;
	struct readnav	 rn;
	unsigned	 t;

	b = qbank_builtin(NULL);
	ck_assert_ptr_nonnull(b);
	for (t = 0; t < QB_NTYPES; t++) {
		readnav_init(&rn, b, QB_CHILD, qbank_type_bit((int)t));
		ck_assert_uint_gt(rn.n, 40);
		ck_assert_str_eq(readnav_question(&rn, 0)->id, "2.1.1.1");
		ck_assert_str_eq(readnav_question(&rn, rn.n - 1)->id, "2.3.2");
		readnav_clear(&rn);
	}
	readnav_init(&rn, b, QB_VICTIM, 0);
	ck_assert_uint_eq(rn.n, 8);
	ck_assert_str_eq(readnav_question(&rn, 7)->id, "V1.1");
	readnav_clear(&rn);
	qbank_free(b);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("readnav");
	TCase	*tc = tcase_create("readnav");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_applicable_order);
	tcase_add_test(tc, test_unanswered);
	tcase_add_test(tc, test_prompt_counts);
	tcase_add_test(tc, test_standards);
	tcase_add_test(tc, test_builtin);
	suite_add_tcase(s, tc);
	return test_run(s);
}
