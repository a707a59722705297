/*
 * The tally: key-question answers rolled up into sufficiency percentages, bands,
 * standard ratings, the victims' range and the overall score, exactly as the
 * framework says ("How answers become ratings"). Pure: cases and answers are fed
 * in by the caller (db-tally.c reads them from a file), so this knows nothing of
 * SQLite or curses and can be tested from tables.
 *
 * Decisions where the framework is silent:
 * - Bands compare exact integer fractions: 24 of 37 (64.86%) is Requires
 *   improvement. Percentages are only rounded for display.
 * - Not applicable and unanswered leave the denominator; draft cases count with
 *   whatever they have, and the number of drafts is reported so the reader knows
 *   the tally is provisional.
 * - A child's standard is rated on those of its key questions that have
 *   applicable cases (the lower band; a tie goes to the first key). When one
 *   key has none (every case not applicable or unanswered), the other alone
 *   gives the rating, and the reports say so: a key with no cases has no band
 *   to be the lower, and leaving the standard unrated would hold back the
 *   overall for a question the sample gave no basis to answer. With no key
 *   banded, its rating is null and so is the overall score, its minimum and
 *   maximum.
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

#include "db.h"
#include "qbank.h"

/* Ratings, which are also the scores the framework gives them. */
#define TALLY_NONE		(-1)	/* no band / rating / score (JSON null) */
#define TALLY_INADEQUATE	0
#define TALLY_RI		1	/* Requires improvement */
#define TALLY_GOOD		2
#define TALLY_OUTSTANDING	3

#define TALLY_DOMAIN1		3	/* IYJS domain one: 1.1, 1.2, 1.3 */

struct tally_count {
	long	 yes;
	long	 no;
	long	 na;
	long	 unanswered;		/* applicable to the case, no answer yet */
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

	/* The case being fed (private). */
	int			 in_case;
	enum qb_kind		 case_kind;
	unsigned		 case_type;
	size_t			 case_group;
	unsigned char		*case_seen;	/* per key: answered in this case */
};

/* Band of yes out of applicable on exact fractions; TALLY_NONE when applicable is 0. */
int		 tally_band(long yes, long applicable);
/* Percentage rounded half up, in tenths (805 = 80.5%), or -1 when applicable is 0. */
int		 tally_percent10(long yes, long applicable);
/* Whole percentage rounded half up, or -1 when applicable is 0. */
int		 tally_percent(long yes, long applicable);
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
