/*
 * The tally against caseread(1), RATINGS: every band edge
 * on exact fractions, every row of the victims' table, every overall band edge,
 * not-applicable and unanswered answers, standards driven by their lower key, the
 * undecided overall, splits, the two published examples, and the feed from a file.
 */
#include "config.h"

#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db-case.h"
#include "db-internal.h"
#include "db-tally.h"
#include "db.h"
#include "tally.h"
#include "testlib.h"
#include "util.h"
#include "wtext.h"

#define I	TALLY_INADEQUATE
#define RI	TALLY_RI
#define G	TALLY_GOOD
#define O	TALLY_OUTSTANDING
#define NONE	TALLY_NONE

static const struct {
	long	yes;
	long	applicable;
	int	band;
	int	tenths;		/* percent truncated, in tenths */
	int	whole;		/* percent truncated to a whole number */
} bands[] = {
	{ 0, 0, NONE, -1, -1 },
	{ 0, 1, I, 0, 0 },
	{ 49, 100, I, 490, 49 },
	{ 50, 100, RI, 500, 50 },
	{ 64, 100, RI, 640, 64 },
	{ 65, 100, G, 650, 65 },
	{ 79, 100, G, 790, 79 },
	{ 80, 100, O, 800, 80 },
	{ 100, 100, O, 1000, 100 },
	/* Just below each edge: banded below it, and shown below it too. */
	{ 49, 99, I, 494, 49 },		/* 49.49% */
	{ 99, 199, I, 497, 49 },		/* 49.75% */
	{ 24, 37, RI, 648, 64 },		/* 64.86% */
	{ 64, 99, RI, 646, 64 },		/* 64.65% */
	{ 129, 199, RI, 648, 64 },		/* 64.82% */
	{ 79, 99, G, 797, 79 },		/* 79.80% */
	{ 159, 200, G, 795, 79 },		/* 79.50% */
	{ 3199, 4000, G, 799, 79 },		/* 79.975% */
	/* Exactly on each edge with other denominators. */
	{ 1, 2, RI, 500, 50 },
	{ 13, 20, G, 650, 65 },
	{ 4, 5, O, 800, 80 },
	{ 16, 20, O, 800, 80 },
	{ 9, 14, RI, 642, 64 },
	{ 10, 14, G, 714, 71 },
	{ 12, 15, O, 800, 80 },
	{ 11, 15, G, 733, 73 },
	{ 7, 14, RI, 500, 50 },
	{ 6, 14, I, 428, 42 },
	{ 2, 3, G, 666, 66 },
	{ 1, 3, I, 333, 33 },
	/* The edges: 49.9, 64.9 and 79.9% of 1,000, then 99, 129 and
	 * 159 of 200 (49.5, 64.5, 79.5%), each beside the edge itself. */
	{ 499, 1000, I, 499, 49 },
	{ 500, 1000, RI, 500, 50 },
	{ 649, 1000, RI, 649, 64 },
	{ 650, 1000, G, 650, 65 },
	{ 799, 1000, G, 799, 79 },
	{ 800, 1000, O, 800, 80 },
	{ 99, 200, I, 495, 49 },
	{ 100, 200, RI, 500, 50 },
	{ 129, 200, RI, 645, 64 },
	{ 130, 200, G, 650, 65 },
	{ 159, 200, G, 795, 79 },
	{ 160, 200, O, 800, 80 },
};

START_TEST(test_band_edges)
{
	ck_assert_msg(tally_band(bands[_i].yes, bands[_i].applicable) ==
	    bands[_i].band, "%ld/%ld: band %d, want %d", bands[_i].yes,
	    bands[_i].applicable, tally_band(bands[_i].yes,
	    bands[_i].applicable), bands[_i].band);
	ck_assert_int_eq(tally_percent10(bands[_i].yes, bands[_i].applicable),
	    bands[_i].tenths);
	ck_assert_int_eq(tally_percent(bands[_i].yes, bands[_i].applicable),
	    bands[_i].whole);
	/* Never past an edge the band has not reached, nor short of one it has. */
	if (bands[_i].applicable > 0)
		ck_assert_int_eq(tally_band(bands[_i].whole, 100),
		    bands[_i].band);
}
END_TEST

/* The victims' table of caseread(1), RATINGS, row by row. */
static const struct {
	int	band;
	int	v12;
	int	lo;
	int	hi;
} v1rows[] = {
	{ O, 1, G, O },
	{ O, 0, G, O },
	{ G, 1, G, O },
	{ G, 0, RI, G },
	{ RI, 1, RI, G },
	{ RI, 0, I, RI },
	{ I, 1, I, RI },
	{ I, 0, I, RI },
};

START_TEST(test_victims_table)
{
	int	lo, hi;

	ck_assert_int_eq(tally_v1_range(v1rows[_i].band, v1rows[_i].v12, &lo,
	    &hi), 0);
	ck_assert_int_eq(lo, v1rows[_i].lo);
	ck_assert_int_eq(hi, v1rows[_i].hi);
}
END_TEST

START_TEST(test_victims_table_unknown)
{
	int	lo = 0, hi = 0;

	ck_assert_int_eq(tally_v1_range(NONE, 1, &lo, &hi), -1);
	ck_assert_int_eq(lo, NONE);
	ck_assert_int_eq(hi, NONE);
	ck_assert_int_eq(tally_v1_range(G, -1, &lo, &hi), -1);
	ck_assert_int_eq(lo, NONE);
}
END_TEST

static const struct {
	int	score;
	int	rating;
} overall[] = {
	{ -1, NONE }, { 0, I }, { 1, I }, { 2, I }, { 3, RI }, { 4, RI },
	{ 6, RI }, { 7, G }, { 8, G }, { 10, G }, { 11, O }, { 12, O },
	{ 13, NONE },
};

START_TEST(test_overall_edges)
{
	ck_assert_int_eq(tally_overall(overall[_i].score), overall[_i].rating);
}
END_TEST

START_TEST(test_rating_names)
{
	ck_assert_str_eq(tally_rating_name(I), "Inadequate");
	ck_assert_str_eq(tally_rating_name(RI), "Requires improvement");
	ck_assert_str_eq(tally_rating_name(G), "Good");
	ck_assert_str_eq(tally_rating_name(O), "Outstanding");
	ck_assert_ptr_null(tally_rating_name(NONE));
	ck_assert_int_eq(tally_rating_parse("good"), G);
	ck_assert_int_eq(tally_rating_parse("OUTSTANDING"), O);
	ck_assert_int_eq(tally_rating_parse("ri"), RI);
	ck_assert_int_eq(tally_rating_parse("RI"), RI);
	ck_assert_int_eq(tally_rating_parse("Requires improvement"), RI);
	ck_assert_int_eq(tally_rating_parse("requires-improvement"), RI);
	ck_assert_int_eq(tally_rating_parse("inadequate"), I);
	ck_assert_int_eq(tally_rating_parse("great"), NONE);
	ck_assert_int_eq(tally_rating_parse(""), NONE);
	ck_assert_int_eq(tally_rating_parse("good "), NONE);
}
END_TEST

/* The built-in bank, kept for the whole run: tallies borrow it. */
static struct qbank *bank;

static void
setup(void)
{
	char	*cause = NULL;

	bank = qbank_builtin(&cause);
	ck_assert_msg(bank != NULL, "%s", cause);
}

static void
teardown(void)
{
	qbank_free(bank);
	bank = NULL;
	test_cleanup();
}

static enum answer_value
answer_of(char c)
{
	switch (c) {
	case 'y':
		return ANSWER_YES;
	case 'n':
		return ANSWER_NO;
	case 'a':
		return ANSWER_NA;
	default:
		return ANSWER_NONE;
	}
}

/*
 * A child's case: answers[k] for the k-th key in t->keys order (y, n, a for not
 * applicable, '-' or end of string for unanswered).
 */
static void
add_child(struct tally *t, unsigned type, const char *insp, int complete,
    const char *answers)
{
	size_t	k, n = strlen(answers);

	tally_case_begin(t, QB_CHILD, type, insp, complete);
	for (k = 0; k < t->nkeys && k < n; k++)
		tally_case_answer(t, k, answer_of(answers[k]));
	tally_case_end(t);
}

static void
add_victim(struct tally *t, const char *insp, char v11)
{
	long	k = tally_key_find(t, "V1.1");

	ck_assert_int_ge(k, 0);
	tally_case_begin(t, QB_VICTIM, 0, insp, 1);
	tally_case_answer(t, (size_t)k, answer_of(v11));
	tally_case_end(t);
}

/*
 * Children's cases giving each of the six child keys yes[k] yes and no[k] no
 * answers (the rest not applicable), and victims' cases giving V1.1 vyes of
 * vyes + vno.
 */
static struct tally *
scenario(const int yes[6], const int no[6], int vyes, int vno)
{
	struct tally	*t = tally_new(bank);
	char		 answers[8];
	int		 i, k, n = 0;

	ck_assert_uint_eq(t->nkeys, 7);
	for (k = 0; k < 6; k++) {
		if (yes[k] + no[k] > n)
			n = yes[k] + no[k];
	}
	for (i = 0; i < n; i++) {
		for (k = 0; k < 6; k++)
			answers[k] = i < yes[k] ? 'y' : i < yes[k] + no[k] ?
			    'n' : 'a';
		answers[6] = '\0';
		add_child(t, QB_COURT, "ann", 1, answers);
	}
	for (i = 0; i < vyes + vno; i++)
		add_victim(t, "ann", i < vyes ? 'y' : 'n');
	return t;
}

START_TEST(test_keys_and_standards)
{
	static const char *const ids[] = { "2.1.1", "2.1.2", "2.2.1", "2.2.2",
	    "2.3.1", "2.3.2", "V1.1" };
	/* 2.1: Good and RI (RI drives); 2.2: tie at Good (first drives). */
	static const int yes[6] = { 14, 24, 13, 7, 16, 20 };
	static const int no[6] = { 6, 13, 7, 3, 4, 0 };
	struct tally	*t = scenario(yes, no, 7, 3);
	size_t		 k;

	for (k = 0; k < t->nkeys; k++)
		ck_assert_str_eq(t->keys[k].id, ids[k]);
	tally_finish(t);
	ck_assert_int_eq(t->children, 37);
	ck_assert_int_eq(t->keys[0].count.yes, 14);
	ck_assert_int_eq(t->keys[0].count.no, 6);
	ck_assert_int_eq(t->keys[0].count.na, 17);
	ck_assert_int_eq(t->keys[0].count.unanswered, 0);
	ck_assert_int_eq(t->keys[0].band, G);		/* 70% */
	ck_assert_int_eq(t->keys[1].band, RI);		/* 24/37 = 64.86% */
	ck_assert_str_eq(t->standards[0].id, "2.1");
	ck_assert_int_eq(t->standards[0].rating, RI);
	ck_assert_int_eq(t->standards[0].driven_by, 1);
	ck_assert_int_eq(t->standards[1].rating, G);	/* 65% and 70% */
	ck_assert_int_eq(t->standards[1].driven_by, 2);
	ck_assert_int_eq(t->standards[2].rating, O);	/* 80% and 100% */
	ck_assert_int_eq(t->standards[2].driven_by, 4);
	ck_assert_int_eq(t->keys[6].band, G);		/* V1.1 7/10 */
	tally_free(t);
}
END_TEST

START_TEST(test_tie_goes_to_first)
{
	static const int yes[6] = { 7, 14, 9, 9, 1, 1 };
	static const int no[6] = { 3, 6, 1, 1, 1, 1 };
	struct tally	*t = scenario(yes, no, 1, 0);

	tally_finish(t);
	ck_assert_int_eq(t->standards[0].rating, G);
	ck_assert_int_eq(t->standards[0].driven_by, 0);
	ck_assert_int_eq(t->standards[1].rating, O);
	ck_assert_int_eq(t->standards[1].driven_by, 2);
	ck_assert_int_eq(t->standards[2].rating, RI);
	ck_assert_int_eq(t->standards[2].driven_by, 4);
	tally_free(t);
}
END_TEST

/* A scenario whose standards are 2.1, 2.2, 2.3 = r[0..2] and V1.1's band is vband. */
static struct tally *
rated(const int r[3], int vband)
{
	/* yes out of 10 for each band: I 4, RI 6, G 7, O 9. */
	static const int yes_for[4] = { 4, 6, 7, 9 };
	int	yes[6], no[6], k;

	for (k = 0; k < 6; k++) {
		yes[k] = yes_for[r[k / 2]];
		no[k] = 10 - yes[k];
	}
	return scenario(yes, no, yes_for[vband], 10 - yes_for[vband]);
}

START_TEST(test_derby_2025)
{
	static const int r[3] = { O, O, O };
	struct tally	*t = rated(r, O);

	t->v12 = 1;
	t->panel = O;
	tally_finish(t);
	ck_assert_int_eq(t->standards[3].range_lo, G);
	ck_assert_int_eq(t->standards[3].range_hi, O);
	ck_assert_int_eq(t->standards[3].rating, O);
	ck_assert_int_eq(t->score, 12);
	ck_assert_int_eq(t->rating, O);
	ck_assert_int_eq(t->score_min, 12);
	ck_assert_int_eq(t->score_max, 12);
	tally_free(t);
}
END_TEST

START_TEST(test_lambeth_2026)
{
	static const int r[3] = { G, O, O };
	struct tally	*t = rated(r, G);

	t->v12 = 0;		/* Good and no: Good or Requires improvement */
	t->panel = RI;
	tally_finish(t);
	ck_assert_int_eq(t->standards[0].rating, G);
	ck_assert_int_eq(t->standards[1].rating, O);
	ck_assert_int_eq(t->standards[2].rating, O);
	ck_assert_int_eq(t->standards[3].rating, RI);
	ck_assert_int_eq(t->score, 9);
	ck_assert_int_eq(t->rating, G);
	tally_free(t);
}
END_TEST

/* Every overall band edge reached through real standards. */
static const struct {
	int	r[3];
	int	victims;
	int	score;
	int	rating;
} totals[] = {
	{ { I, I, I }, I, 0, I },
	{ { I, I, RI }, RI, 2, I },
	{ { I, RI, RI }, RI, 3, RI },
	{ { RI, RI, G }, G, 6, RI },
	{ { RI, G, G }, G, 7, G },
	{ { G, G, O }, O, 10, G },
	{ { G, O, O }, O, 11, O },
	{ { O, O, O }, G, 11, O },
};

START_TEST(test_overall_through_standards)
{
	struct tally	*t = rated(totals[_i].r, totals[_i].victims);
	int		 lo, hi;

	/* A V1.2 whose range holds the victims' band itself. */
	t->v12 = 1;
	tally_v1_range(totals[_i].victims, 1, &lo, &hi);
	if (totals[_i].victims < lo || totals[_i].victims > hi)
		t->v12 = 0;
	t->panel = totals[_i].victims;
	tally_finish(t);
	ck_assert_int_eq(t->standards[3].rating, totals[_i].victims);
	ck_assert_int_eq(t->score, totals[_i].score);
	ck_assert_int_eq(t->rating, totals[_i].rating);
	tally_free(t);
}
END_TEST

START_TEST(test_undecided_overall)
{
	static const int r[3] = { G, G, O };	/* 7 before V1 */
	struct tally	*t = rated(r, O);

	/* V1.2 not recorded: no range, any of both V1.2 rows possible. */
	tally_finish(t);
	ck_assert_int_eq(t->standards[3].band, O);
	ck_assert_int_eq(t->standards[3].v12, -1);
	ck_assert_int_eq(t->standards[3].range_lo, NONE);
	ck_assert_int_eq(t->standards[3].rating, NONE);
	ck_assert_int_eq(t->score, NONE);
	ck_assert_int_eq(t->rating, NONE);
	ck_assert_int_eq(t->score_min, 9);
	ck_assert_int_eq(t->score_max, 10);
	ck_assert_int_eq(t->rating_min, G);
	ck_assert_int_eq(t->rating_max, G);
	tally_free(t);

	/* V1.2 recorded, no decision: the range bounds it. */
	t = rated(r, RI);
	t->v12 = 0;
	tally_finish(t);
	ck_assert_int_eq(t->standards[3].range_lo, I);
	ck_assert_int_eq(t->standards[3].range_hi, RI);
	ck_assert_int_eq(t->score, NONE);
	ck_assert_int_eq(t->score_min, 7);
	ck_assert_int_eq(t->score_max, 8);
	tally_free(t);

	/* Not recorded, RI: both rows span Inadequate to Good. */
	t = rated(r, RI);
	tally_finish(t);
	ck_assert_int_eq(t->score_min, 7);
	ck_assert_int_eq(t->score_max, 9);
	tally_free(t);

	/* A decision outside the range (answers changed since) is no rating. */
	t = rated(r, O);
	t->v12 = 1;
	t->panel = RI;
	tally_finish(t);
	ck_assert_int_eq(t->standards[3].panel, RI);
	ck_assert_int_eq(t->standards[3].rating, NONE);
	ck_assert_int_eq(t->score, NONE);
	ck_assert_int_eq(t->score_min, 9);
	ck_assert_int_eq(t->score_max, 10);
	tally_free(t);

	/* The victims' cases crossing 6 -> 7 make the overall span two bands. */
	{
		static const int r2[3] = { RI, RI, G };	/* 4 before V1 */

		t = rated(r2, G);
		t->v12 = 0;
		tally_finish(t);
		ck_assert_int_eq(t->score_min, 5);
		ck_assert_int_eq(t->score_max, 6);
		ck_assert_int_eq(t->rating_min, RI);
		ck_assert_int_eq(t->rating_max, RI);
		tally_free(t);
		t = rated(r2, G);
		t->v12 = 1;
		tally_finish(t);
		ck_assert_int_eq(t->score_min, 6);
		ck_assert_int_eq(t->score_max, 7);
		ck_assert_int_eq(t->rating_min, RI);
		ck_assert_int_eq(t->rating_max, G);
		tally_free(t);
	}
}
END_TEST

START_TEST(test_no_victims_answered)
{
	static const int yes[6] = { 9, 9, 9, 9, 9, 9 };
	static const int no[6] = { 1, 1, 1, 1, 1, 1 };
	struct tally	*t = scenario(yes, no, 0, 0);

	t->v12 = 1;
	t->panel = O;
	tally_finish(t);
	ck_assert_int_eq(t->keys[6].band, NONE);
	ck_assert_int_eq(t->standards[3].band, NONE);
	ck_assert_int_eq(t->standards[3].range_lo, NONE);
	ck_assert_int_eq(t->standards[3].rating, NONE);
	ck_assert_int_eq(t->score_min, 9);
	ck_assert_int_eq(t->score_max, 12);
	tally_free(t);
}
END_TEST

START_TEST(test_not_applicable_and_unanswered)
{
	struct tally	*t = tally_new(bank);

	/*
	 * 2.1.2 not applicable in every case but a draft's, where it is
	 * unanswered: no band, and 2.1 waits for it (issue 14) rather than
	 * riding on 2.1.1.
	 */
	add_child(t, QB_COURT, "ann", 1, "yayyyy");
	add_child(t, QB_COURT, "ann", 1, "nayyyy");
	add_child(t, QB_OUT_OF_COURT, "bob", 0, "ya----");
	add_child(t, QB_OUT_OF_COURT, "bob", 0, "");
	add_victim(t, "bob", 'a');
	add_victim(t, "bob", '-');
	add_victim(t, "bob", 'y');
	t->v12 = 1;
	tally_finish(t);
	ck_assert_int_eq(t->children, 4);
	ck_assert_int_eq(t->victims, 3);
	ck_assert_int_eq(t->incomplete, 2);
	ck_assert_int_eq(t->keys[0].count.yes, 2);
	ck_assert_int_eq(t->keys[0].count.no, 1);
	ck_assert_int_eq(t->keys[0].count.na, 0);
	ck_assert_int_eq(t->keys[0].count.unanswered, 1);
	ck_assert_int_eq(t->keys[0].band, G);		/* 2/3 */
	ck_assert_int_eq(t->keys[1].count.na, 3);
	ck_assert_int_eq(t->keys[1].count.unanswered, 1);
	ck_assert_int_eq(t->keys[1].band, NONE);
	ck_assert_int_eq(t->standards[0].rating, NONE);
	ck_assert_int_eq(t->standards[0].waiting, 1);
	ck_assert_int_eq(t->standards[0].driven_by, -1);
	ck_assert(t->standards[0].provisional);
	ck_assert(t->provisional);
	ck_assert_int_eq(t->score_min, NONE);
	ck_assert_int_eq(t->keys[2].count.unanswered, 2);
	ck_assert_int_eq(t->keys[6].count.yes, 1);
	ck_assert_int_eq(t->keys[6].count.na, 1);
	ck_assert_int_eq(t->keys[6].count.unanswered, 1);
	ck_assert_int_eq(t->keys[6].band, O);
	ck_assert_int_eq(t->standards[3].range_lo, G);
	tally_free(t);

	/* A children's standard with nothing applicable: null, and so is overall. */
	t = tally_new(bank);
	add_child(t, QB_COURT, "ann", 1, "aayyyy");
	add_victim(t, "ann", 'y');
	t->v12 = 1;
	t->panel = O;
	tally_finish(t);
	ck_assert_int_eq(t->standards[0].rating, NONE);
	ck_assert_int_eq(t->standards[0].driven_by, -1);
	ck_assert_int_eq(t->standards[1].rating, O);
	ck_assert_int_eq(t->standards[3].rating, O);
	ck_assert_int_eq(t->score, NONE);
	ck_assert_int_eq(t->rating, NONE);
	ck_assert_int_eq(t->score_min, NONE);
	ck_assert_int_eq(t->score_max, NONE);
	ck_assert_int_eq(t->rating_min, NONE);
	tally_free(t);

	/* Nothing at all. */
	t = tally_new(bank);
	tally_finish(t);
	ck_assert_int_eq(t->children, 0);
	ck_assert_int_eq(t->score_min, NONE);
	ck_assert_int_eq(t->keys[0].count.unanswered, 0);
	tally_free(t);
}
END_TEST

START_TEST(test_splits)
{
	struct tally	*t = tally_new(bank);
	size_t		 i;

	add_child(t, QB_COURT, "ann", 1, "yyyyyy");
	add_child(t, QB_COURT, "bob", 1, "nnnnnn");
	add_child(t, QB_RESETTLEMENT, "ann", 1, "yyyyyy");
	add_child(t, QB_BAIL_REMAND, NULL, 1, "a-----");
	add_victim(t, "cat", 'n');
	tally_finish(t);
	for (i = 0; i < QB_NTYPES; i++)
		ck_assert_str_eq(t->types[i].name,
		    qbank_type_name(qbank_type_bit(i)));
	ck_assert_int_eq(t->types[0].children, 2);	/* court */
	ck_assert_int_eq(t->types[0].keys[0].yes, 1);
	ck_assert_int_eq(t->types[0].keys[0].no, 1);
	ck_assert_int_eq(t->types[1].children, 0);	/* out-of-court */
	ck_assert_int_eq(t->types[2].keys[0].na, 1);	/* bail-remand */
	ck_assert_int_eq(t->types[2].keys[1].unanswered, 1);
	ck_assert_int_eq(t->types[3].keys[5].yes, 1);	/* resettlement */
	ck_assert_int_eq(t->types[0].keys[6].yes + t->types[0].keys[6].no, 0);

	ck_assert_uint_eq(t->ninspectors, 4);
	ck_assert_str_eq(t->inspectors[0].name, "ann");
	ck_assert_int_eq(t->inspectors[0].children, 2);
	ck_assert_int_eq(t->inspectors[0].keys[0].yes, 2);
	ck_assert_str_eq(t->inspectors[1].name, "bob");
	ck_assert_int_eq(t->inspectors[1].keys[3].no, 1);
	ck_assert_str_eq(t->inspectors[2].name, "unknown");
	ck_assert_str_eq(t->inspectors[3].name, "cat");
	ck_assert_int_eq(t->inspectors[3].victims, 1);
	ck_assert_int_eq(t->inspectors[3].keys[6].no, 1);
	ck_assert_int_eq(t->inspectors[3].keys[0].unanswered, 0);
	tally_free(t);
}
END_TEST

/* Reports: the JSON carries the contract's fields; CSV a header and a row a key. */
START_TEST(test_reports)
{
	static const char csv_head[] = "group,question,yes,no,na,unanswered,"
	    "applicable,percent,band\r\nall,2.1.1,7,3,0,0,10,70.0,Good\r\n";
	static const int r[3] = { G, O, O };
	struct tally	*t = rated(r, G);
	char		*out = NULL;
	size_t		 size = 0;
	FILE		*f;

	t->v12 = 0;
	tally_finish(t);
	f = open_memstream(&out, &size);
	ck_assert_int_eq(tally_print_json(t, "Lambeth \"YJS\"", "iyjwcv",
	    TALLY_BY_NONE, f), 0);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(out, "\"service\": \"Lambeth \\\"YJS\\\"\""));
	ck_assert_ptr_nonnull(strstr(out, "\"2.1.1\": {\n      \"yes\": 7,\n"
	    "      \"no\": 3,\n      \"na\": 0,\n      \"unanswered\": 0,\n"
	    "      \"applicable\": 10,\n      \"percent\": 70.0,\n"
	    "      \"band\": \"Good\"\n    }"));
	ck_assert_ptr_nonnull(strstr(out, "\"driven_by\": \"2.1.1\""));
	ck_assert_ptr_nonnull(strstr(out, "\"v12\": false"));
	ck_assert_ptr_nonnull(strstr(out, "\"range\": [\n        \"Requires "
	    "improvement\",\n        \"Good\"\n      ]"));
	ck_assert_ptr_nonnull(strstr(out, "\"rating\": null,\n      \"score\": "
	    "null"));
	ck_assert_ptr_nonnull(strstr(out, "\"score_min\": 9"));
	ck_assert_ptr_nonnull(strstr(out, "\"score_max\": 10"));
	ck_assert_ptr_nonnull(strstr(out, "\"domain_one\": {\n    \"1.1\": null"));
	ck_assert_ptr_null(strstr(out, "\"by\""));
	free(out);

	out = NULL;
	f = open_memstream(&out, &size);
	ck_assert_int_eq(tally_print_csv(t, TALLY_BY_TYPE, f), 0);
	fclose(f);
	ck_assert_int_eq(strncmp(out, csv_head, strlen(csv_head)), 0);
	ck_assert_ptr_nonnull(strstr(out, "court,2.3.2,9,1,0,0,10,90.0,"
	    "Outstanding\r\n"));
	ck_assert_ptr_nonnull(strstr(out, "out-of-court,2.1.1,0,0,0,0,0,,\r\n"));
	ck_assert_ptr_null(strstr(out, "court,V1.1"));
	free(out);

	out = NULL;
	f = open_memstream(&out, &size);
	ck_assert_int_eq(tally_print_text(t, "Lambeth YJS", "iyjwcv",
	    TALLY_BY_NONE, f), 0);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(out, "Lambeth YJS (IYJWCV)"));
	ck_assert_ptr_nonnull(strstr(out, "  2.1.1     7/10  70% "
	    "[##########|###|#  |    ] Good"));
	ck_assert_ptr_nonnull(strstr(out, "range Requires improvement to Good"));
	/* A range of one rating says it once (issue 15). */
	ck_assert_msg(strstr(out, "9 to 10, Good, until the ratification "
	    "meeting decides") != NULL, "%s", out);
	ck_assert_ptr_null(strstr(out, "Good to Good"));
	ck_assert_ptr_nonnull(strstr(out, "exact fractions"));
	free(out);
	tally_free(t);
}
END_TEST

/*
 * The text tally wraps a meeting's reason by display columns, not bytes: a
 * reason in accented Latin that fits 80 columns stays on one line, and one in
 * wide characters fills the line to 80 columns before it breaks (issue 15).
 */
START_TEST(test_text_wraps_columns)
{
	static const int r[3] = { G, O, O };
	static const char fits[] = "Décidé après révision: élèves évalués, "
	    "récidive réévaluée à Leeds";
	static const char word[] = "\xe5\xaf\xa9\xe6\x9f\xbb\xe4\xbc\x9a";
	struct tally	*t = rated(r, G);
	char		*out = NULL, *want, *wide, *line, *next;
	size_t		 size = 0, i;
	FILE		*f;

	if (setlocale(LC_ALL, "C.UTF-8") == NULL &&
	    setlocale(LC_ALL, "en_US.UTF-8") == NULL)
		return;		/* no UTF-8 locale to measure columns in */
	t->v12 = 0;
	t->v12_reason = xstrdup(fits);
	tally_finish(t);
	f = open_memstream(&out, &size);
	ck_assert_int_eq(tally_print_text(t, "S", "iyjwcv", TALLY_BY_NONE, f),
	    0);
	fclose(f);
	want = xasprintf("\n       reason: %s\n", fits);
	ck_assert_msg(strstr(out, want) != NULL, "%s", out);
	free(want);
	free(out);

	/* Twelve three-character words, six columns and nine bytes each. */
	wide = xstrdup("");
	for (i = 0; i < 12; i++) {
		line = xasprintf("%s%s%s", wide, i > 0 ? " " : "", word);
		free(wide);
		wide = line;
	}
	free(t->v12_reason);
	t->v12_reason = wide;
	out = NULL;
	f = open_memstream(&out, &size);
	ck_assert_int_eq(tally_print_text(t, "S", "iyjwcv", TALLY_BY_NONE, f),
	    0);
	fclose(f);
	/* 7 + 8 + 9 words of 6 and their 8 spaces: 77 columns, 114 bytes. */
	want = xasprintf("\n       reason: %s %s %s %s %s %s %s %s %s\n"
	    "       %s %s %s\n", word, word, word, word, word, word, word, word,
	    word, word, word, word);
	ck_assert_msg(strstr(out, want) != NULL, "%s", out);
	free(want);
	/* No line of the report is wider than 80 columns. */
	for (line = out; *line != '\0'; line = next + 1) {
		if ((next = strchr(line, '\n')) == NULL)
			next = line + strlen(line) - 1;
		ck_assert_int_le(wtext_width(line, (size_t)(next - line)), 80);
	}
	free(out);
	tally_free(t);
	setlocale(LC_ALL, "C");
}
END_TEST

/* Print t as text and JSON; both newly allocated. */
static void
print_both(const struct tally *t, char **text, char **json)
{
	size_t	 size;
	FILE	*f;

	*text = *json = NULL;
	f = open_memstream(text, &size);
	ck_assert_int_eq(tally_print_text(t, "S", "iyjwcv", TALLY_BY_NONE, f), 0);
	fclose(f);
	f = open_memstream(json, &size);
	ck_assert_int_eq(tally_print_json(t, "S", "iyjwcv", TALLY_BY_NONE, f), 0);
	fclose(f);
}

/*
 * Banks the forms loader now refuses but an older file may hold: whatever is
 * answered, no overall out of 12 is made from the standards they do have.
 */
static const struct {
	const char	*text;
	const char	*problem;
} partial_banks[] = {
	/* No V1: three Outstanding standards would have read "9, Good". */
	{ "bank p\nversion 1\nstandard 2.1 child A\nkey 2.1.1 P?\nkey 2.1.2 S?\n"
	    "standard 2.2 child P\nkey 2.2.1 P?\nkey 2.2.2 S?\n"
	    "standard 2.3 child D\nkey 2.3.1 P?\nkey 2.3.2 S?\n",
	    "no standard V1" },
	/* 2.1 and V1 only: "6, Requires improvement". */
	{ "bank p\nversion 1\nstandard 2.1 child A\nkey 2.1.1 P?\nkey 2.1.2 S?\n"
	    "standard V1 victim V\nkey V1.1 Q?\n", "no standards 2.2, 2.3" },
	/* A fifth standard: 15, more than the overall can be. */
	{ "bank p\nversion 1\nstandard 2.1 child A\nkey 2.1.1 P?\nkey 2.1.2 S?\n"
	    "standard 2.2 child P\nkey 2.2.1 P?\nkey 2.2.2 S?\n"
	    "standard 2.3 child D\nkey 2.3.1 P?\nkey 2.3.2 S?\n"
	    "standard 2.4 child R\nkey 2.4.1 R?\nkey 2.4.2 S?\n"
	    "standard V1 victim V\nkey V1.1 Q?\n", "standard '2.4' is not one" },
	/* Three key questions in 2.1. */
	{ "bank p\nversion 1\nstandard 2.1 child A\nkey 2.1.1 P?\nkey 2.1.2 S?\n"
	    "key 2.1.3 T?\nstandard 2.2 child P\nkey 2.2.1 P?\nkey 2.2.2 S?\n"
	    "standard 2.3 child D\nkey 2.3.1 P?\nkey 2.3.2 S?\n"
	    "standard V1 victim V\nkey V1.1 Q?\n", "one key question too many" },
};

START_TEST(test_partial_bank_no_overall)
{
	const char	*text = partial_banks[_i].text;
	struct qbank	*pb;
	struct tally	*t;
	char		*cause = NULL, *out, *json;
	size_t		 k;
	int		 c;

	pb = qbank_parse(text, strlen(text), "p", &cause);
	ck_assert_msg(pb != NULL, "%s", cause);
	t = tally_new(pb);
	ck_assert_ptr_nonnull(t->bank_problem);
	ck_assert_msg(strstr(t->bank_problem, partial_banks[_i].problem) != NULL,
	    "%s", t->bank_problem);
	/* Every key of every case yes; V1.2 yes and the panel Outstanding. */
	for (c = 0; c < 10; c++) {
		tally_case_begin(t, QB_CHILD, QB_COURT, "ann", 1);
		for (k = 0; k < t->nkeys; k++)
			tally_case_answer(t, k, ANSWER_YES);
		tally_case_end(t);
		tally_case_begin(t, QB_VICTIM, 0, "ann", 1);
		for (k = 0; k < t->nkeys; k++)
			tally_case_answer(t, k, ANSWER_YES);
		tally_case_end(t);
	}
	t->v12 = 1;
	t->panel = O;
	tally_finish(t);
	ck_assert_int_eq(t->standards[0].rating, O);
	ck_assert_int_eq(t->score, NONE);
	ck_assert_int_eq(t->rating, NONE);
	ck_assert_int_eq(t->score_min, NONE);
	ck_assert_int_eq(t->score_max, NONE);
	ck_assert_int_eq(t->rating_min, NONE);
	ck_assert_int_eq(t->rating_max, NONE);
	print_both(t, &out, &json);
	ck_assert_msg(strstr(out, "out of 12):\n  none: this inspection's "
	    "question bank cannot give one:\n    ") != NULL, "%s", out);
	ck_assert_ptr_nonnull(strstr(out, partial_banks[_i].problem));
	ck_assert_ptr_nonnull(strstr(json, "\"score\": null,\n    \"rating\": "
	    "null,\n    \"score_min\": null,\n    \"score_max\": null"));
	ck_assert_ptr_nonnull(strstr(json, "\"bank_problem\": \""));
	free(out);
	free(json);
	tally_free(t);
	qbank_free(pb);
}
END_TEST

/*
 * A key with no applicable cases has no band to be the lower: the other key
 * alone rates the standard, and text and JSON say which and why.
 */
START_TEST(test_one_key_without_cases)
{
	struct tally	*t = tally_new(bank);
	char		*out, *json;
	int		 i;

	ck_assert_ptr_null(t->bank_problem);
	/* 2.1.2 not applicable (or unanswered) on every case; 2.2.1 too. */
	for (i = 0; i < 10; i++)
		add_child(t, QB_COURT, "ann", 1, i < 7 ? "yayyyy" : "na-yyy");
	add_victim(t, "ann", 'y');
	tally_finish(t);
	ck_assert_int_eq(t->keys[1].band, NONE);
	ck_assert_int_eq(t->standards[0].rating, G);	/* 7 of 10 */
	ck_assert_int_eq(t->standards[0].driven_by, 0);
	ck_assert(!tally_key_unbanded(t, 0, 0));
	ck_assert(tally_key_unbanded(t, 0, 1));
	ck_assert(!tally_key_unbanded(t, 1, 2));	/* 2.2.1 has 7 yes */
	ck_assert(!tally_key_unbanded(t, 1, 1));	/* not 2.2's key */
	ck_assert(!tally_key_unbanded(t, 3, 6));	/* V1 */
	print_both(t, &out, &json);
	ck_assert_msg(strstr(out, "driven by 2.1.1\n       2.1.2 has no "
	    "applicable cases, so 2.1.1 alone gives the rating\n") != NULL, "%s",
	    out);
	ck_assert_ptr_null(strstr(out, "2.2.1 has no applicable"));
	ck_assert_msg(strstr(json, "\"2.1\": {\n      \"rating\": \"Good\",\n"
	    "      \"score\": 2,\n      \"driven_by\": \"2.1.1\",\n"
	    "      \"no_applicable_cases\": [\n        \"2.1.2\"\n      ],\n"
	    "      \"provisional\": false,\n      \"provisional_reason\": null\n"
	    "    }") != NULL, "%s", json);
	ck_assert_ptr_nonnull(strstr(json, "\"no_applicable_cases\": []"));
	ck_assert_ptr_nonnull(strstr(json, "\"bank_problem\": null"));
	free(out);
	free(json);
	tally_free(t);
}
END_TEST

static long long
db_child(struct db *db, const char *ref, unsigned type, const char *insp)
{
	struct db_case	 c;
	char		*cause = NULL;

	memset(&c, 0, sizeof c);
	c.kind = QB_CHILD;
	c.ref = (char *)ref;
	c.type = type;
	c.inspector = (char *)insp;
	ck_assert_msg(db_case_add(db, &c, &cause) == 0, "%s", cause);
	return c.id;
}

static void
db_answer(struct db *db, long long id, const char *q, enum answer_value v)
{
	char	*cause = NULL;

	ck_assert_msg(db_answer_save(db, id, q, v, NULL, &cause) == 0, "%s",
	    cause);
}

START_TEST(test_from_file)
{
	struct db	*db = test_db_new("t.caseread", "iyjs");
	struct tally	*t;
	struct db_case	 v;
	char		*cause = NULL, *path;
	long long	 a, b;

	a = db_child(db, "C-1", QB_COURT, "ann");
	b = db_child(db, "C-2", QB_OUT_OF_COURT, "bob");
	db_answer(db, a, "2.1.1", ANSWER_YES);
	db_answer(db, a, "2.1.1.1", ANSWER_NO);		/* a prompt: not counted */
	db_answer(db, a, "2.1.2", ANSWER_NA);
	db_answer(db, b, "2.1.1", ANSWER_NO);
	/* A note with no answer yet is unanswered. */
	ck_assert(db_answer_save(db, b, "2.2.1", ANSWER_NONE, "to check",
	    &cause) == 0);
	memset(&v, 0, sizeof v);
	v.kind = QB_VICTIM;
	v.ref = (char *)"V-1";
	ck_assert_msg(db_case_add(db, &v, &cause) == 0, "%s", cause);
	db_answer(db, v.id, "V1.1", ANSWER_YES);
	ck_assert(db_case_set_complete(db, a, 1, NULL, &cause) == 0);
	ck_assert(db_judgement_set(db, "V1.2", "yes", &cause) == 0);
	ck_assert(db_judgement_set(db, "victims", "Good", &cause) == 0);
	ck_assert(db_judgement_set(db, "1.2", "Outstanding", &cause) == 0);
	ck_assert(db_tally_set_minimums(db, 20, -1, &cause) == 0);

	t = tally_new(db_bank(db));
	ck_assert_msg(db_tally(db, t, &cause) == 0, "%s", cause);
	ck_assert_int_eq(t->iyjs, 1);
	ck_assert_int_eq(t->children, 2);
	ck_assert_int_eq(t->victims, 1);
	ck_assert_int_eq(t->incomplete, 2);
	ck_assert_int_eq(t->min_children, 20);
	ck_assert_int_eq(t->min_victims, 9);
	ck_assert_int_eq(t->keys[0].count.yes, 1);
	ck_assert_int_eq(t->keys[0].count.no, 1);
	ck_assert_int_eq(t->keys[0].band, RI);
	ck_assert_int_eq(t->keys[1].count.na, 1);
	ck_assert_int_eq(t->keys[1].count.unanswered, 1);
	ck_assert_int_eq(t->keys[2].count.unanswered, 2);
	ck_assert_int_eq(t->keys[6].count.yes, 1);
	ck_assert_int_eq(t->standards[3].v12, 1);
	ck_assert_int_eq(t->standards[3].rating, G);
	ck_assert_int_eq(t->domain1[0], NONE);
	ck_assert_int_eq(t->domain1[1], O);
	ck_assert_uint_eq(t->ninspectors, 3);	/* ann, bob, and alice the owner */
	ck_assert_int_eq(t->types[1].keys[0].no, 1);
	tally_free(t);
	db_close(db);

	/* The minimums are in the file. */
	path = test_path("t.caseread");
	db = db_open(path, DB_READONLY, &cause);
	ck_assert_ptr_nonnull(db);
	ck_assert_int_eq(db_inspection(db)->min_children, 20);
	ck_assert_int_eq(db_inspection(db)->min_victims, 9);
	db_close(db);
	free(path);
}
END_TEST

static char	*between_path;

/* Another program withdraws a case while the tally is beginning. */
static void
withdraw_between(struct db *db)
{
	(void)db;
	test_sql(between_path, "UPDATE cases SET withdrawn = 'moved away' "
	    "WHERE ref = 'T-0007'");
}

/*
 * The cases read on a thread of their own, in blocks, give the tally the one
 * connection gives; a commit between the thread's read and the tally's
 * makes the tally read them itself, so it counts one commit's cases.
 */
START_TEST(test_from_file_threads)
{
	static const char *const qs[] = { "2.1.1", "2.1.2", "2.2.1", "2.3.2" };
	struct db	*db = test_db_new("th.caseread", "iyjwcv");
	struct tally	*t1, *t2, *t3;
	char		*cause = NULL, *out1, *json1, *out2, *json2, ref[16];
	long long	 id;
	int		 i, j;

	ck_assert_int_eq(db_txn_begin(db, "cases", &cause), 0);
	/* Three blocks of cases and part of a fourth, ids with a gap. */
	for (i = 0; i < 3300; i++) {
		snprintf(ref, sizeof ref, "T-%04d", i);
		id = db_child(db, ref, i % 3 == 0 ? QB_OUT_OF_COURT : QB_COURT,
		    i % 2 ? "ann" : "bob");
		for (j = 0; j < 4; j++)
			db_answer(db, id, qs[j], (i + j) % 5 == 0 ? ANSWER_NO :
			    ANSWER_YES);
	}
	ck_assert_int_eq(db_txn_commit(db, "cases", &cause), 0);
	between_path = test_path("th.caseread");
	test_sql(between_path, "DELETE FROM answer WHERE case_id BETWEEN 1500 "
	    "AND 2700; DELETE FROM cases WHERE id BETWEEN 1500 AND 2700");

	t1 = tally_new(db_bank(db));
	ck_assert_msg(db_tally(db, t1, &cause) == 0, "%s", cause);
	ck_assert_int_eq(db->tally_ahead, 1);
	ck_assert_int_eq(t1->children, 3300 - 1201);
	ck_assert_int_eq(setenv("CASEREAD_TALLY_THREADS", "1", 1), 0);
	t2 = tally_new(db_bank(db));
	ck_assert_msg(db_tally(db, t2, &cause) == 0, "%s", cause);
	ck_assert_int_eq(db->tally_ahead, 0);
	ck_assert_int_eq(unsetenv("CASEREAD_TALLY_THREADS"), 0);
	print_both(t1, &out1, &json1);
	print_both(t2, &out2, &json2);
	ck_assert_str_eq(out1, out2);
	ck_assert_str_eq(json1, json2);
	free(out1);
	free(json1);
	free(out2);
	free(json2);

	db_tally_between = withdraw_between;
	t3 = tally_new(db_bank(db));
	ck_assert_msg(db_tally(db, t3, &cause) == 0, "%s", cause);
	db_tally_between = NULL;
	ck_assert_int_eq(t3->withdrawn, 1);
	ck_assert_int_eq(t3->children, t1->children - 1);
	ck_assert_int_eq(db->tally_ahead, 0);
	tally_free(t1);
	tally_free(t2);
	tally_free(t3);
	free(between_path);
	db_close(db);
}
END_TEST

/*
 * The thread's connection failing says so, with its kind and its words: a
 * page of the cases damaged after the file was opened is ERR_DAMAGED,
 * "cannot read cases", not the tally's own connection's "not an error".
 */
START_TEST(test_threads_failure)
{
	struct db	*db = test_db_new("tf.caseread", "iyjwcv");
	struct tally	*t;
	char		*cause = NULL, *path = test_path("tf.caseread"), ref[16];
	unsigned char	 junk[64];
	long long	 page, id;
	int		 i, fd, rc;

	ck_assert_int_eq(db_txn_begin(db, "cases", &cause), 0);
	for (i = 0; i < 3300; i++) {
		snprintf(ref, sizeof ref, "F-%04d", i);
		id = db_child(db, ref, QB_COURT, "ann");
		if (i < 100)
			db_answer(db, id, "2.1.1", ANSWER_YES);
	}
	ck_assert_int_eq(db_txn_commit(db, "cases", &cause), 0);
	db_close(db);
	test_sql(path, "PRAGMA wal_checkpoint(TRUNCATE)");
	page = test_sql_int(path, "SELECT pageno FROM dbstat WHERE name = "
	    "'cases' AND pagetype = 'leaf' ORDER BY path DESC LIMIT 1");
	db = db_open(path, DB_READONLY, &cause);
	ck_assert_msg(db != NULL, "%s", cause);
	memset(junk, 0xee, sizeof junk);
	ck_assert_int_ge(fd = open(path, O_WRONLY), 0);
	ck_assert_int_eq(pwrite(fd, junk, sizeof junk, (off_t)(page - 1) *
	    4096), (ssize_t)sizeof junk);
	close(fd);
	t = tally_new(db_bank(db));
	rc = db_tally(db, t, &cause);
	ck_assert_msg(rc < 0 && cause != NULL && strstr(cause,
	    "cannot read cases: ") != NULL, "%d %s", rc, cause);
	test_assert_code(rc, &cause, ERR_DAMAGED);
	tally_free(t);
	db_close(db);
	free(path);
}
END_TEST

/*
 * Issue 14: a key whose only cases are drafts with it unanswered does not let
 * the other key rate the standard alone; drafts make a rating provisional,
 * and text and JSON say so with the reason.
 */
START_TEST(test_drafts_provisional)
{
	struct tally	*t = tally_new(bank);
	char		*out, *json;
	int		 i;

	for (i = 0; i < 10; i++)
		add_child(t, QB_COURT, "ann", 1, "yayyyy");
	add_child(t, QB_COURT, "bob", 0, "y-yyyy");
	add_victim(t, "ann", 'y');
	tally_finish(t);
	ck_assert_int_eq(t->keys[0].band, O);
	ck_assert_int_eq(t->keys[1].band, NONE);
	ck_assert_int_eq(t->keys[1].count.unanswered, 1);
	ck_assert_int_eq(t->standards[0].rating, NONE);	/* not Outstanding */
	ck_assert_int_eq(t->standards[0].waiting, 1);
	ck_assert(t->standards[0].provisional);
	ck_assert(t->standards[1].provisional);		/* the draft counts */
	ck_assert(!t->standards[3].provisional);	/* no draft victim */
	ck_assert(t->provisional);
	ck_assert_int_eq(t->score_min, NONE);
	print_both(t, &out, &json);
	ck_assert_msg(strstr(out, "2.1  Assessing          no rating yet: "
	    "2.1.2 has no yes or no answer yet\n       provisional: 1 draft "
	    "case; 2.1.2 unanswered in 1 case\n") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "2.2  Planning           Outstanding  "
	    "        score 3, driven by 2.2.1\n       provisional: 1 draft "
	    "case\n") != NULL, "%s", out);
	ck_assert_msg(strstr(json, "\"2.1\": {\n      \"rating\": null,") !=
	    NULL, "%s", json);
	ck_assert_ptr_nonnull(strstr(json, "\"provisional\": true,\n      "
	    "\"provisional_reason\": \"1 draft case; 2.1.2 unanswered in 1 "
	    "case\""));
	ck_assert_msg(strstr(json, "\"bank_problem\": null,\n    "
	    "\"provisional\": true,") != NULL, "%s", json);
	free(out);
	free(json);
	tally_free(t);

	/* The draft says 2.1.2 is not applicable: all N/A, 2.1.1 alone rates,
	 * still provisional while it is a draft. */
	t = tally_new(bank);
	for (i = 0; i < 10; i++)
		add_child(t, QB_COURT, "ann", 1, "yayyyy");
	add_child(t, QB_COURT, "bob", 0, "yayyyy");
	tally_finish(t);
	ck_assert_int_eq(t->standards[0].rating, O);
	ck_assert(tally_key_unbanded(t, 0, 1));
	ck_assert(t->standards[0].provisional);
	ck_assert_int_eq(t->standards[0].drafts, 1);
	tally_free(t);

	/* Complete: no longer provisional. */
	t = tally_new(bank);
	for (i = 0; i < 11; i++)
		add_child(t, QB_COURT, "ann", 1, "yayyyy");
	add_victim(t, "ann", 'y');
	t->v12 = 1;
	t->panel = O;
	tally_finish(t);
	ck_assert_int_eq(t->standards[0].rating, O);
	ck_assert(!t->standards[0].provisional);
	ck_assert(!t->provisional);
	ck_assert_int_eq(t->score, 12);
	tally_free(t);
}
END_TEST

/* Issue 15: one band table, one bar, the sample minimums and words once. */
START_TEST(test_one_rule_each)
{
	char	b[TALLY_BAR_LEN];
	int	e;

	for (e = 0; e < TALLY_NEDGES; e++) {
		ck_assert_int_eq(tally_band(tally_band_edges[e], 100), RI + e);
		ck_assert_int_eq(tally_band(tally_band_edges[e] - 1, 100),
		    RI + e - 1);
	}
	/* 85%: 17 cells, the marks between cells, never over one. */
	ck_assert_str_eq(tally_bar(b, 17, 20, ' '),
	    "[##########|###|###|#   ]");
	ck_assert_str_eq(tally_bar(b, 16, 20, '.'),
	    "[##########|###|###|....]");
	ck_assert_str_eq(tally_bar(b, 129, 200, '.'),
	    "[##########|##.|...|....]");
	ck_assert_str_eq(tally_bar(b, 0, 0, '.'),
	    "[..........|...|...|....]");
	ck_assert_str_eq(tally_bar(b, 20, 20, '.'),
	    "[##########|###|###|####]");
	ck_assert_str_eq(tally_rating_range(G, G), "Good");
	ck_assert_str_eq(tally_rating_range(RI, G),
	    "Requires improvement to Good");
	ck_assert_str_eq(tally_cases_word(1, QB_VICTIM), "victim's case");
	ck_assert_str_eq(tally_cases_word(2, QB_VICTIM), "victims' cases");
	ck_assert_str_eq(tally_cases_word(1, QB_CHILD), "child's case");
	ck_assert_str_eq(tally_cases_word(0, QB_CHILD), "children's cases");
	{
		struct tally	*t = tally_new(bank);

		ck_assert_int_eq(t->min_children, TALLY_MIN_CHILDREN);
		ck_assert_int_eq(t->min_victims, TALLY_MIN_VICTIMS);
		ck_assert_str_eq(tally_meeting(t), "ratification meeting");
		t->iyjs = 1;
		ck_assert_str_eq(tally_meeting(t), "ratings panel");
		tally_free(t);
	}
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("tally");
	TCase	*tc = tcase_create("rules");
	TCase	*tf = tcase_create("feed");

	tcase_add_loop_test(tc, test_band_edges, 0, sizeof bands /
	    sizeof bands[0]);
	tcase_add_loop_test(tc, test_victims_table, 0, sizeof v1rows /
	    sizeof v1rows[0]);
	tcase_add_test(tc, test_victims_table_unknown);
	tcase_add_loop_test(tc, test_overall_edges, 0, sizeof overall /
	    sizeof overall[0]);
	tcase_add_test(tc, test_rating_names);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(tf, setup, teardown);
	tcase_add_test(tf, test_keys_and_standards);
	tcase_add_test(tf, test_tie_goes_to_first);
	tcase_add_test(tf, test_derby_2025);
	tcase_add_test(tf, test_lambeth_2026);
	tcase_add_loop_test(tf, test_overall_through_standards, 0,
	    sizeof totals / sizeof totals[0]);
	tcase_add_test(tf, test_undecided_overall);
	tcase_add_test(tf, test_no_victims_answered);
	tcase_add_test(tf, test_not_applicable_and_unanswered);
	tcase_add_test(tf, test_splits);
	tcase_add_test(tf, test_reports);
	tcase_add_test(tf, test_text_wraps_columns);
	tcase_add_test(tf, test_from_file);
	tcase_add_test(tf, test_from_file_threads);
	tcase_add_test(tf, test_threads_failure);
	tcase_add_loop_test(tf, test_partial_bank_no_overall, 0,
	    sizeof partial_banks / sizeof partial_banks[0]);
	tcase_add_test(tf, test_one_key_without_cases);
	tcase_add_test(tf, test_drafts_provisional);
	tcase_add_test(tf, test_one_rule_each);
	suite_add_tcase(s, tf);
	return test_run(s);
}
