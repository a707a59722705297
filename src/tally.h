/*
 * The tally: key-question answers rolled up into sufficiency percentages, bands,
 * standard ratings, the victims' range and the overall score, exactly as the
 * framework says ("How answers become ratings"). Pure: cases and answers are fed
 * in by the caller (db-tally.c reads them from a file), so this knows nothing of
 * SQLite or curses and can be tested from tables.
 *
 * Decisions where the framework is silent:
 * - Bands compare exact integer fractions: 24 of 37 (64.86%) is Requires
 *   improvement. Percentages are shown truncated, never rounded up, so a
 *   percentage never contradicts its band (64.9%, never 65%, for Requires
 *   improvement): the band edges are whole percentages.
 * - Not applicable and unanswered leave the denominator; draft cases count with
 *   whatever they have. A standard (and the overall) is provisional while a
 *   case counted in it is a draft or one of its key questions is unanswered.
 * - A child's standard is rated on the lower band of its key questions (a tie
 *   goes to the first key). One key alone gives the rating only when the other
 *   has no applicable cases at all, among complete and draft cases (every case
 *   not applicable): the sample gave no basis to answer it. A key whose cases
 *   are unanswered (drafts) is not "no basis": the standard has no rating until
 *   it is answered. With no rating, the overall score, its minimum and maximum
 *   are null.
 * - The overall is only ever the sum of 2.1, 2.2, 2.3 and V1: a bank that lacks
 *   any of them or their key questions (qbank_check_ratings; possible only in
 *   files made before the forms loader checked this) gives no overall at all.
 * - Until V1.2 is recorded and V1.1 has a band there is no range; until the panel
 *   decides, no V1 rating, and the overall is given as the lowest and highest
 *   still possible (over the range, or over both V1.2 answers if V1.2 is not yet
 *   recorded, or 0-3 if V1.1 has no band). A recorded decision that falls outside
 *   the current range (answers changed since) counts as undecided.
 */
#ifndef CASEREAD_TALLY_H
#define CASEREAD_TALLY_H

#include <stddef.h>
#include <stdio.h>

#include "model.h"
#include "qbank.h"

/* Ratings, which are also the scores the framework gives them. */
#define TALLY_NONE		(-1)	/* no band / rating / score (JSON null) */
#define TALLY_INADEQUATE	0
#define TALLY_RI		1	/* Requires improvement */
#define TALLY_GOOD		2
#define TALLY_OUTSTANDING	3

#define TALLY_DOMAIN1		3	/* IYJS domain one: 1.1, 1.2, 1.3 */

/*
 * The one table of band edges: the lowest whole percentage of Requires
 * improvement, Good and Outstanding. tally_band, the bars and the scales of
 * every report are drawn from it.
 */
#define TALLY_NEDGES		3
extern const int tally_band_edges[TALLY_NEDGES];	/* 50, 65, 80 */

/* The framework's sample minimums, until an inspection sets its own. */
#define TALLY_MIN_CHILDREN	14
#define TALLY_MIN_VICTIMS	9
/* Children's cases the inspection week discusses at a multi-agency case
 * discussion (MACD). */
#define TALLY_MACD_CASES	2

/*
 * A bar: TALLY_BAR_CELLS cells of 5% each, filled to the exact fraction
 * (rounded down), with a '|' put between the cells at each band edge (never
 * over a cell, so 85% shows 17 cells filled), in brackets.
 */
#define TALLY_BAR_CELLS		20
#define TALLY_BAR_LEN		(TALLY_BAR_CELLS + TALLY_NEDGES + 3)

struct tally_count {
	long	 yes;
	long	 no;
	long	 na;
	long	 unanswered;		/* applicable to the case, no answer yet */
	long	 drafts;		/* of the cases counted, drafts */
};

/* A split of the key questions: by case type or by reading inspector. */
struct tally_group {
	char			*name;
	long			 children;	/* cases in the group */
	long			 victims;
	struct tally_count	*keys;		/* one per tally.keys */
};

struct tally_key {
	size_t			 question;	/* index into the bank */
	const char		*id;		/* borrowed from the bank: "2.1.1" */
	size_t			 standard;	/* index into tally.standards */
	struct tally_count	 count;
	int			 band;		/* TALLY_*, TALLY_NONE with none applicable */
};

struct tally_standard {
	size_t		 bank_standard;	/* index into bank->standards */
	const char	*id;		/* borrowed: "2.1", "V1" */
	enum qb_kind	 kind;
	size_t		 first_key;	/* its keys: tally.keys[first_key, +nkeys) */
	size_t		 nkeys;
	int		 rating;	/* TALLY_* or TALLY_NONE */
	long		 driven_by;	/* index into tally.keys, -1 when unrated */
	/* The victims' standard only: */
	int		 band;		/* V1.1's band */
	int		 v12;		/* 1 yes, 0 no, -1 not recorded */
	int		 range_lo;	/* the range, TALLY_NONE when there is none */
	int		 range_hi;
	int		 panel;		/* the decision recorded, TALLY_NONE if none */
	/* Every standard: */
	int		 provisional;	/* a draft or an unanswered key counted */
	long		 drafts;	/* draft cases counted in it */
	long		 waiting;	/* unrated: the key with only unanswered
					   cases (index into keys), else -1 */
};

struct tally {
	const struct qbank	*bank;		/* borrowed */
	struct tally_key	*keys;		/* bank order */
	size_t			 nkeys;
	struct tally_standard	*standards;	/* bank order */
	size_t			 nstandards;
	long			 victim_standard; /* index of V1, -1 if none */
	char			*bank_problem;	/* why the bank gives no overall, or NULL */

	/* Set by the caller before tally_finish: */
	int			 iyjs;		/* domain one is rated */
	int			 v12;		/* 1, 0, or -1 not recorded */
	int			 panel;		/* victims' rating decided, or TALLY_NONE */
	int			 domain1[TALLY_DOMAIN1];	/* TALLY_NONE if none */
	char			*v12_reason;	/* the meetings' reasons, or NULL */
	char			*panel_reason;
	char			*domain1_reason[TALLY_DOMAIN1];
	long			 macd;		/* children's cases marked MACD */
	long			 min_children;	/* sample size minimums */
	long			 min_victims;

	/* Counted from the cases fed: */
	long			 children;
	long			 victims;
	long			 incomplete;	/* draft cases of either kind */
	long			 withdrawn;	/* withdrawn cases: counted, never fed */
	struct tally_group	 types[QB_NTYPES];	/* by qbank_type_bit(i) */
	struct tally_group	*inspectors;	/* in order of first appearance */
	size_t			 ninspectors;

	/* Filled by tally_finish: */
	int			 score;		/* overall; TALLY_NONE until decided */
	int			 rating;
	int			 score_min;	/* the possible range; = score once decided */
	int			 score_max;	/* TALLY_NONE when a child's standard is unrated,
						   or bank_problem */
	int			 rating_min;
	int			 rating_max;
	int			 provisional;	/* a counted standard is */

	/* The case being fed (private). */
	int			 in_case;
	int			 case_complete;
	enum qb_kind		 case_kind;
	unsigned		 case_type;
	size_t			 case_group;
	unsigned char		*case_seen;	/* per key: answered in this case */
	int			 case_ti;	/* a child's type index, or -1 */
	const unsigned char	*case_applies;	/* per key: it applies to the case */
	unsigned char		*applies;	/* per key, for each TALLY_CLASSES */
};

/* Band of yes out of applicable on exact fractions; TALLY_NONE when applicable is 0. */
int		 tally_band(long yes, long applicable);
/*
 * Percentage truncated, in tenths (649 = 64.9% for 649 of 1,000 and 129 of
 * 200), or -1 when applicable is 0. Never rounded up, so never past a band edge
 * the fraction has not reached.
 */
int		 tally_percent10(long yes, long applicable);
/* Whole percentage truncated, or -1 when applicable is 0. */
int		 tally_percent(long yes, long applicable);
/* The bar of yes out of applicable into buf (TALLY_BAR_LEN bytes); empty cells
 * are drawn with the character empty. Returns buf. */
char		*tally_bar(char *buf, long yes, long applicable, char empty);
/* "Good", or "Good to Outstanding": a range that is one rating says it once.
 * The string is static, valid until the next call. */
const char	*tally_rating_range(int lo, int hi);
/*
 * Why standard s (or the overall, s = -1) is provisional, in a few words
 * ("2 draft cases; 2.1.2 unanswered in 1 case") into buf; "" when it is not.
 */
void		 tally_provisional_reason(const struct tally *, long s,
		     char *buf, size_t len);
/* "victims' rating decided at the ratification meeting" and so on: the meeting
 * that decides for this inspection, "ratification meeting" (IYJWCV) or
 * "ratings panel" (IYJS). */
const char	*tally_meeting(const struct tally *);
/* The words after a count of cases: "child's case" for 1, "children's
 * cases" for any other n; "victim's case", "victims' cases". */
const char	*tally_cases_word(long n, enum qb_kind);
/*
 * The victims' range for a V1.1 band and V1.2 (1 yes, 0 no) from the framework's
 * table. 0 with *lo and *hi set, or -1 (both TALLY_NONE) when band or v12 is unknown.
 */
int		 tally_v1_range(int band, int v12, int *lo, int *hi);
/* Overall rating for a total score 0..12: 0-2, 3-6, 7-10, 11-12; TALLY_NONE otherwise. */
int		 tally_overall(int score);
/* "Inadequate", "Requires improvement", "Good", "Outstanding"; NULL for TALLY_NONE. */
const char	*tally_rating_name(int);
/* Short name for narrow columns: "Inadequate", "Req. improvement", ... */
const char	*tally_rating_short(int);
/* A rating name in any case, "ri", or hyphen/underscore spellings; TALLY_NONE if not one. */
int		 tally_rating_parse(const char *);

/* A new, empty tally over bank's standards and key questions; free with tally_free. */
struct tally	*tally_new(const struct qbank *bank);
void		 tally_free(struct tally *);
/*
 * Whether standard s (an index into t->standards) was rated while key k of it
 * had no applicable cases, so that its other key alone gave the rating.
 */
int		 tally_key_unbanded(const struct tally *, size_t s, size_t k);
/* Index in t->keys of the key question with this id, or -1 (a prompt, or unknown). */
long		 tally_key_find(const struct tally *, const char *question);
/*
 * Feed one case: tally_case_begin, its answers, tally_case_end. type is a QB_*
 * bit for children (ignored for victims); inspector names the reading inspector
 * (NULL or "" counts as "unknown"). Answers to keys that do not apply to the case
 * are ignored; ANSWER_NONE counts as unanswered.
 */
void		 tally_case_begin(struct tally *, enum qb_kind, unsigned type,
		     const char *inspector, int complete);
void		 tally_case_answer(struct tally *, size_t key, enum answer_value);
void		 tally_case_end(struct tally *);
/* Bands, ratings, the V1 range and the overall, from the counts and judgements. */
void		 tally_finish(struct tally *);

/* How the report splits key questions. */
enum tally_by {
	TALLY_BY_NONE,
	TALLY_BY_TYPE,
	TALLY_BY_INSPECTOR
};

/*
 * Reports on a finished tally (tally-print.c). service and type name the
 * inspection. Each returns 0, or -1 when writing to f failed.
 */
int		 tally_print_text(const struct tally *, const char *service,
		     const char *type, enum tally_by, FILE *f);
int		 tally_print_json(const struct tally *, const char *service,
		     const char *type, enum tally_by, FILE *f);
int		 tally_print_csv(const struct tally *, enum tally_by, FILE *f);

#endif
