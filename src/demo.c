/*
 * Demonstration data: cases, answers and notes drawn from a seeded generator,
 * written in one transaction. Cases go through the ordinary db calls; answers
 * through db_demo_answer, which writes the same rows (history included) as
 * db_answer_save without its checks for an earlier answer, so that demos of
 * 500,000 cases for benchmarks take minutes, not hours. Answers are
 * correlated within a case (a sound key judgement has mostly sound prompts) so
 * the tally and the soft rules have something sensible to show.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-case.h"
#include "db-demo.h"
#include "demo.h"
#include "util.h"

static const char *const inspectors[DEMO_MAX_INSPECTORS] = {
	"Amira Patel", "Joseph Okafor", "Maja Lindqvist", "Sian Hughes",
	"Rui Costa", "Kasia Nowak", "Liam Brennan", "Tolu Adeyemi",
	"Hannah Roy", "Dev Mistry", "Erin Walsh", "Sam Achebe"
};

/* Evidence notes for key judgements: what an inspector might jot down. */
static const struct {
	const char	*key;
	int		 yes_permille;	/* how often the demo's answer is yes */
	const char	*yes;
	const char	*no;
} notes[] = {
	{ "2.1.1", 800, "Analysis of why the offending happened, built on the "
	    "child's strengths and school reports.", "Describes the offence "
	    "but not what lies behind it; the child's own views are missing." },
	{ "2.1.2", 700, "Exploitation risk and risk to others analysed with "
	    "police and social care information.", "County lines concern in "
	    "police intelligence was not considered in the assessment." },
	{ "2.2.1", 760, "Plan sequenced sensibly (speech and language support "
	    "first) and agreed with the child and carer.", "Generic plan; "
	    "education and accommodation needs not addressed." },
	{ "2.2.2", 620, "Contingency plan says what happens if missing "
	    "episodes recur; aligned with the child protection plan.", "No "
	    "contingency planning; victim safety not addressed in the plan." },
	{ "2.3.1", 780, "Consistent relationship; the child engaged well and "
	    "an education placement was secured.", "Appointments missed "
	    "without follow-up; partners did not deliver their part." },
	{ "2.3.2", 680, "Information shared promptly with police after new "
	    "concerns; management oversight made a difference.", "Risk rose "
	    "without a response; no evidence of management oversight." },
	{ "V1.1", 850, "Prompt personal contact; restorative options explained "
	    "and the victim's views fed into the child's plan.", "Contact was "
	    "late and by letter only; the victim's wishes were not recorded." },
};
#define NA_NOTE	"Not applicable: nothing in this case gave a basis for it."

/* splitmix64: small, fast, and the same sequence everywhere for a seed. */
struct demo_rng {
	uint64_t	state;
};

static uint64_t
rng_next(struct demo_rng *r)
{
	uint64_t	z = (r->state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* 1 with probability permille/1000. */
static int
chance(struct demo_rng *r, int permille)
{
	return (int)(rng_next(r) % 1000) < permille;
}

void
demo_defaults(struct demo_options *o)
{
	o->children = 20;
	o->victims = 9;
	o->inspectors = 3;
	o->seed = 1;
}

const char *
demo_inspector(int i)
{
	if (i < 0 || i >= DEMO_MAX_INSPECTORS)
		return NULL;
	return inspectors[i];
}

static int
note_index(const char *key)
{
	size_t	i;

	for (i = 0; i < sizeof notes / sizeof notes[0]; i++) {
		if (strcmp(notes[i].key, key) == 0)
			return (int)i;
	}
	return -1;
}

struct demo {
	struct db		*db;
	const struct qbank	*bank;
	struct demo_rng		 rng;
	enum answer_value	*keyval;	/* per bank question: the key's answer */
	int			 width;		/* digits in references */
	char			 now[UTIL_TIME_LEN];	/* the answers' time */
};

/* Answers of one case, prompts before their key as an inspector reads them. */
static int
answer_case(struct demo *d, long long id, enum qb_kind kind, unsigned type,
    int complete, char **cause)
{
	const struct qbank		*b = d->bank;
	const struct qb_question	*qq;
	enum answer_value		 v, key;
	const char			*note;
	size_t				 i;
	int				 n, rate, last_std = -1;

	/* A draft case has not reached its last standard yet. */
	if (!complete) {
		for (i = 0; i < b->nstandards; i++) {
			if (b->standards[i].kind == kind)
				last_std = (int)i;
		}
	}
	for (i = 0; i < b->nkeys; i++) {
		qq = &b->questions[b->keys[i]];
		n = note_index(qq->id);
		rate = n >= 0 ? notes[n].yes_permille : 750;
		if (qq->aspect != NULL && strcmp(qq->aspect, "safety") == 0 &&
		    chance(&d->rng, 40))
			d->keyval[b->keys[i]] = ANSWER_NA;
		else
			d->keyval[b->keys[i]] = chance(&d->rng, rate) ?
			    ANSWER_YES : ANSWER_NO;
	}
	for (i = 0; i < b->nquestions; i++) {
		qq = &b->questions[i];
		if (!qbank_applies(b, i, kind, type) ||
		    (int)qq->standard == last_std)
			continue;
		key = d->keyval[qq->key];
		note = NULL;
		if (qq->is_key) {
			v = key;
			n = note_index(qq->id);
			if (v == ANSWER_NA)
				note = NA_NOTE;
			else if (n >= 0)
				note = v == ANSWER_YES ? notes[n].yes : notes[n].no;
		} else {
			if (!chance(&d->rng, 850))
				continue;	/* not every prompt gets an answer */
			if (chance(&d->rng, 30) || key == ANSWER_NA)
				v = ANSWER_NA;
			else
				v = chance(&d->rng, key == ANSWER_YES ? 850 :
				    350) ? ANSWER_YES : ANSWER_NO;
		}
		if (db_demo_answer(d->db, id, qq->id, v, note, d->now,
		    cause) != 0)
			return -1;
	}
	return 0;
}

static int
add_case(struct demo *d, enum qb_kind kind, long i, long n, int ninsp,
    char **cause)
{
	struct db_case	 c;
	char		 ref[48], manager[3];
	const char	*insp;
	int		 r, complete;

	/* Inspectors read blocks of cases, as a sample is shared out. */
	insp = inspectors[(int)(i * ninsp / n)];
	if (strcmp(db_user(d->db), insp) != 0)
		db_set_user(d->db, insp);
	memset(&c, 0, sizeof c);
	c.kind = kind;
	snprintf(ref, sizeof ref, "DEMO-%c-%0*ld", kind == QB_CHILD ? 'C' : 'V',
	    d->width, i + 1);
	c.ref = ref;
	c.inspector = (char *)insp;
	manager[0] = (char)('A' + rng_next(&d->rng) % 26);
	manager[1] = (char)('A' + rng_next(&d->rng) % 26);
	manager[2] = '\0';
	c.manager = manager;
	if (kind == QB_CHILD) {
		r = (int)(rng_next(&d->rng) % 100);
		c.type = r < 50 ? QB_COURT : r < 80 ? QB_OUT_OF_COURT :
		    r < 90 ? QB_BAIL_REMAND : QB_RESETTLEMENT;
		c.macd = i < 2;		/* two cases go to a MACD */
	} else
		c.interviewed = chance(&d->rng, 667);
	/* About one case in eight is still being read. */
	complete = !chance(&d->rng, 125);
	if (db_case_add(d->db, &c, cause) != 0 ||
	    answer_case(d, c.id, kind, c.type, complete, cause) != 0)
		return -1;
	if (complete && db_case_set_complete(d->db, c.id, 1, NULL, cause) != 0)
		return -1;
	return 0;
}

int
demo_fill(struct db *db, const struct demo_options *o, char **cause)
{
	struct demo	 d;
	char		*owner;
	long		 i, most;
	int		 ninsp = o->inspectors, rc = -1;

	if (ninsp < 1 || ninsp > DEMO_MAX_INSPECTORS)
		return util_fail(cause, "a demo has 1 to %d inspectors",
		    DEMO_MAX_INSPECTORS);
	if (o->children < 0 || o->victims < 0 || o->children >
	    DEMO_MAX_CASES || o->victims > DEMO_MAX_CASES)
		return util_fail(cause, "a demo has 0 to %ld cases of each kind",
		    DEMO_MAX_CASES);
	memset(&d, 0, sizeof d);
	d.db = db;
	d.bank = db_bank(db);
	d.rng.state = o->seed;
	d.keyval = xcalloc(d.bank->nquestions, sizeof *d.keyval);
	util_now(d.now);
	most = o->children > o->victims ? o->children : o->victims;
	for (d.width = 3; most >= 1000; most /= 10)
		d.width++;
	owner = xstrdup(db_user(db));

	if (db_txn_begin(db, "demo", cause) != 0)
		goto out;
	for (i = 0; i < o->children; i++) {
		if (add_case(&d, QB_CHILD, i, o->children, ninsp, cause) != 0)
			goto fail;
	}
	for (i = 0; i < o->victims; i++) {
		if (add_case(&d, QB_VICTIM, i, o->victims, ninsp, cause) != 0)
			goto fail;
	}
	/* V1.2 decided, the victims' rating not: the tally shows a range. */
	if (db_judgement_decide(db, "V1.2", "yes", "Demonstration: an active "
	    "board and a reviewed victims' service.", cause) != 0)
		goto fail;
	rc = db_txn_commit(db, "demo", cause);
	goto out;

fail:
	db_txn_rollback(db, "demo");
out:
	if (strcmp(db_user(db), owner) != 0)
		db_set_user(db, owner);
	free(owner);
	free(d.keyval);
	return rc;
}
