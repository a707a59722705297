/*
 * Counting key-question answers and turning the counts into bands, ratings and
 * the overall score. Every rule here is in caseread(1), RATINGS (the
 * inspectorate's published rules); the choices they leave open are listed in
 * tally.h. No I/O: the reports are in tally-print.c and the feed from a file
 * in db-tally.c.
 */
#include "config.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tally.h"
#include "util.h"

static const char *const rating_names[] = {
	"Inadequate", "Requires improvement", "Good", "Outstanding"
};
static const char *const rating_short[] = {
	"Inadequate", "Req. improvement", "Good", "Outstanding"
};

/*
 * The victims' table: [V1.1 band][V1.2 no, yes] = { lowest, highest }. The panel
 * (or ratification meeting) picks within it.
 */
static const int v1_table[4][2][2] = {
	[TALLY_INADEQUATE] = { { TALLY_INADEQUATE, TALLY_RI },
			       { TALLY_INADEQUATE, TALLY_RI } },
	[TALLY_RI] =	     { { TALLY_INADEQUATE, TALLY_RI },
			       { TALLY_RI, TALLY_GOOD } },
	[TALLY_GOOD] =	     { { TALLY_RI, TALLY_GOOD },
			       { TALLY_GOOD, TALLY_OUTSTANDING } },
	[TALLY_OUTSTANDING] = { { TALLY_GOOD, TALLY_OUTSTANDING },
			       { TALLY_GOOD, TALLY_OUTSTANDING } },
};

const int tally_band_edges[TALLY_NEDGES] = { 50, 65, 80 };

int
tally_band(long yes, long applicable)
{
	long long	y = yes, a = applicable;
	int		band = TALLY_INADEQUATE, i;

	if (applicable <= 0)
		return TALLY_NONE;
	assert(yes >= 0 && yes <= applicable);
	/* 100 * y >= edge * a: exact, no rounding anywhere. */
	for (i = 0; i < TALLY_NEDGES; i++) {
		if (100 * y >= tally_band_edges[i] * a)
			band = TALLY_RI + i;
	}
	return band;
}

int
tally_percent10(long yes, long applicable)
{
	long long	y = yes, a = applicable;

	if (applicable <= 0)
		return -1;
	return (int)(1000 * y / a);
}

int
tally_percent(long yes, long applicable)
{
	long long	y = yes, a = applicable;

	if (applicable <= 0)
		return -1;
	return (int)(100 * y / a);
}

char *
tally_bar(char *buf, long yes, long applicable, char empty)
{
	long long	y = yes, a = applicable;
	int		filled = a > 0 ? (int)(TALLY_BAR_CELLS * y / a) : 0;
	int		cell, e = 0, i = 0;

	buf[i++] = '[';
	for (cell = 0; cell < TALLY_BAR_CELLS; cell++) {
		/* A mark between cells, where the edge falls: it takes no cell. */
		if (e < TALLY_NEDGES && cell * 100 >= tally_band_edges[e] *
		    TALLY_BAR_CELLS) {
			buf[i++] = '|';
			e++;
		}
		buf[i++] = cell < filled ? '#' : empty;
	}
	buf[i++] = ']';
	buf[i] = '\0';
	assert(i < TALLY_BAR_LEN);
	return buf;
}

const char *
tally_rating_range(int lo, int hi)
{
	static char	buf[64];

	if (lo == hi || hi == TALLY_NONE)
		return tally_rating_name(lo);
	snprintf(buf, sizeof buf, "%s to %s", tally_rating_name(lo),
	    tally_rating_name(hi));
	return buf;
}

const char *
tally_cases_word(long n, enum qb_kind kind)
{
	if (kind == QB_CHILD)
		return n == 1 ? "child's case" : "children's cases";
	return n == 1 ? "victim's case" : "victims' cases";
}

const char *
tally_meeting(const struct tally *t)
{
	return t->iyjs ? "ratings panel" : "ratification meeting";
}

void
tally_provisional_reason(const struct tally *t, long si, char *buf,
    size_t len)
{
	const struct tally_standard	*s;
	size_t				 k, i, lo, hi, at = 0;
	long				 drafts = 0;
	int				 n;

	buf[0] = '\0';
	if (si < 0) {
		/* The overall: its drafts are every draft it counts. */
		for (i = 0; i < t->nstandards; i++) {
			if (t->standards[i].provisional &&
			    (t->standards[i].kind == QB_CHILD ||
			    (long)i == t->victim_standard))
				break;
		}
		if (i == t->nstandards)
			return;
		drafts = t->incomplete;
		lo = 0;
		hi = t->nkeys;
	} else {
		s = &t->standards[si];
		if (!s->provisional)
			return;
		drafts = s->drafts;
		lo = s->first_key;
		hi = s->first_key + s->nkeys;
	}
	if (drafts > 0) {
		n = snprintf(buf, len, "%ld draft case%s", drafts,
		    drafts == 1 ? "" : "s");
		at = n > 0 && (size_t)n < len ? (size_t)n : len - 1;
	}
	for (k = lo; k < hi; k++) {
		if (t->keys[k].count.unanswered == 0)
			continue;
		n = snprintf(buf + at, len - at, "%s%s unanswered in %ld case%s",
		    at > 0 ? "; " : "", t->keys[k].id,
		    t->keys[k].count.unanswered,
		    t->keys[k].count.unanswered == 1 ? "" : "s");
		if (n < 0 || (size_t)n >= len - at) {
			at = len - 1;
			break;
		}
		at += (size_t)n;
	}
}

int
tally_v1_range(int band, int v12, int *lo, int *hi)
{
	*lo = *hi = TALLY_NONE;
	if (band < TALLY_INADEQUATE || band > TALLY_OUTSTANDING ||
	    (v12 != 0 && v12 != 1))
		return -1;
	*lo = v1_table[band][v12][0];
	*hi = v1_table[band][v12][1];
	return 0;
}

int
tally_overall(int score)
{
	if (score < 0 || score > 12)
		return TALLY_NONE;
	if (score <= 2)
		return TALLY_INADEQUATE;
	if (score <= 6)
		return TALLY_RI;
	if (score <= 10)
		return TALLY_GOOD;
	return TALLY_OUTSTANDING;
}

const char *
tally_rating_name(int r)
{
	if (r < TALLY_INADEQUATE || r > TALLY_OUTSTANDING)
		return NULL;
	return rating_names[r];
}

const char *
tally_rating_short(int r)
{
	if (r < TALLY_INADEQUATE || r > TALLY_OUTSTANDING)
		return "-";
	return rating_short[r];
}

int
tally_rating_parse(const char *s)
{
	char	buf[32];
	size_t	i;
	int	r;

	if (strlen(s) >= sizeof buf)
		return TALLY_NONE;
	/* "requires-improvement" and "requires_improvement" are easier to type. */
	for (i = 0; s[i] != '\0'; i++)
		buf[i] = (s[i] == '-' || s[i] == '_') ? ' ' : s[i];
	buf[i] = '\0';
	if (strcasecmp(buf, "ri") == 0)
		return TALLY_RI;
	for (r = TALLY_INADEQUATE; r <= TALLY_OUTSTANDING; r++) {
		if (strcasecmp(buf, rating_names[r]) == 0)
			return r;
	}
	return TALLY_NONE;
}

static void
group_init(struct tally_group *g, const char *name, size_t nkeys)
{
	memset(g, 0, sizeof *g);
	g->name = xstrdup(name);
	g->keys = xcalloc(nkeys, sizeof *g->keys);
}

static void
group_clear(struct tally_group *g)
{
	free(g->name);
	free(g->keys);
}

/*
 * Which keys apply to a case is the same for every case of one kind and type:
 * worked out once per class here (a child's case of each type, of no known
 * type, a victim's case, and a spare row for a caller's mask of several types)
 * rather than asked of the bank for every key of every case fed.
 */
#define CLASS_NOTYPE	QB_NTYPES		/* a child's case, type unknown */
#define CLASS_VICTIM	(QB_NTYPES + 1)
#define CLASS_OTHER	(QB_NTYPES + 2)		/* filled when a case needs it */
#define TALLY_CLASSES	(QB_NTYPES + 3)

static void
applies_fill(struct tally *t, unsigned char *row, enum qb_kind kind,
    unsigned type)
{
	size_t	k;

	for (k = 0; k < t->nkeys; k++)
		row[k] = t->standards[t->keys[k].standard].kind == kind &&
		    qbank_applies(t->bank, t->keys[k].question, kind, type);
}

static void
applies_init(struct tally *t)
{
	int	i;

	/* One more byte than the keys, so a bank without keys still allocates. */
	t->applies = xcalloc(TALLY_CLASSES, t->nkeys + 1);
	for (i = 0; i < QB_NTYPES; i++)
		applies_fill(t, t->applies + (size_t)i * (t->nkeys + 1),
		    QB_CHILD, qbank_type_bit(i));
	applies_fill(t, t->applies + CLASS_NOTYPE * (t->nkeys + 1), QB_CHILD,
	    QB_ALL_TYPES);
	applies_fill(t, t->applies + CLASS_VICTIM * (t->nkeys + 1), QB_VICTIM,
	    QB_ALL_TYPES);
}

struct tally *
tally_new(const struct qbank *bank)
{
	struct tally		*t = xcalloc(1, sizeof *t);
	struct tally_standard	*ts;
	const struct qb_standard *qs;
	size_t			 s, k, q;
	int			 i;

	t->bank = bank;
	t->keys = xcalloc(bank->nkeys, sizeof *t->keys);
	t->standards = xcalloc(bank->nstandards, sizeof *t->standards);
	t->victim_standard = -1;
	for (s = 0; s < bank->nstandards; s++) {
		qs = &bank->standards[s];
		ts = &t->standards[t->nstandards++];
		ts->bank_standard = s;
		ts->id = qs->id;
		ts->kind = qs->kind;
		ts->first_key = t->nkeys;
		ts->rating = ts->band = ts->panel = TALLY_NONE;
		ts->range_lo = ts->range_hi = TALLY_NONE;
		ts->driven_by = -1;
		ts->waiting = -1;
		ts->v12 = -1;
		for (k = 0; k < bank->nkeys; k++) {
			q = bank->keys[k];
			if (bank->questions[q].standard != s)
				continue;
			t->keys[t->nkeys].question = q;
			t->keys[t->nkeys].id = bank->questions[q].id;
			t->keys[t->nkeys].standard = t->nstandards - 1;
			t->keys[t->nkeys].band = TALLY_NONE;
			t->nkeys++;
		}
		ts->nkeys = t->nkeys - ts->first_key;
		/* The schema holds one V1.2 and one victims' decision: the first. */
		if (qs->kind == QB_VICTIM && t->victim_standard == -1)
			t->victim_standard = (long)(t->nstandards - 1);
	}
	for (i = 0; i < QB_NTYPES; i++)
		group_init(&t->types[i], qbank_type_name(qbank_type_bit(i)),
		    t->nkeys);
	t->case_seen = xcalloc(t->nkeys, 1);
	applies_init(t);
	t->v12 = -1;
	t->panel = TALLY_NONE;
	for (i = 0; i < TALLY_DOMAIN1; i++)
		t->domain1[i] = TALLY_NONE;
	t->min_children = TALLY_MIN_CHILDREN;
	t->min_victims = TALLY_MIN_VICTIMS;
	t->score = t->rating = TALLY_NONE;
	t->score_min = t->score_max = TALLY_NONE;
	t->rating_min = t->rating_max = TALLY_NONE;
	if (qbank_check_ratings(bank, NULL, &t->bank_problem) != 0 &&
	    t->bank_problem == NULL)
		t->bank_problem = xstrdup("the question bank lacks standards the "
		    "ratings need");
	return t;
}

void
tally_free(struct tally *t)
{
	size_t	i;

	if (t == NULL)
		return;
	for (i = 0; i < QB_NTYPES; i++)
		group_clear(&t->types[i]);
	for (i = 0; i < t->ninspectors; i++)
		group_clear(&t->inspectors[i]);
	free(t->inspectors);
	free(t->keys);
	free(t->standards);
	free(t->case_seen);
	free(t->applies);
	free(t->bank_problem);
	free(t->v12_reason);
	free(t->panel_reason);
	for (i = 0; i < TALLY_DOMAIN1; i++)
		free(t->domain1_reason[i]);
	free(t);
}

int
tally_key_unbanded(const struct tally *t, size_t s, size_t k)
{
	const struct tally_standard	*st = &t->standards[s];

	return st->kind == QB_CHILD && st->rating != TALLY_NONE &&
	    k >= st->first_key && k < st->first_key + st->nkeys &&
	    t->keys[k].band == TALLY_NONE;
}

long
tally_key_find(const struct tally *t, const char *question)
{
	size_t	i;

	for (i = 0; i < t->nkeys; i++) {
		if (strcmp(t->keys[i].id, question) == 0)
			return (long)i;
	}
	return -1;
}

/* The inspector's group, added when new. Cases arrive one inspector at a time
 * more often than not, so the last one is tried first. */
static size_t
inspector_group(struct tally *t, const char *name)
{
	size_t	i;

	if (name == NULL || *name == '\0')
		name = "unknown";
	if (t->ninspectors > 0 && strcmp(t->inspectors[t->case_group].name,
	    name) == 0)
		return t->case_group;
	for (i = 0; i < t->ninspectors; i++) {
		if (strcmp(t->inspectors[i].name, name) == 0)
			return i;
	}
	t->inspectors = xreallocarray(t->inspectors, t->ninspectors + 1,
	    sizeof *t->inspectors);
	group_init(&t->inspectors[t->ninspectors], name, t->nkeys);
	return t->ninspectors++;
}

static int
type_index(unsigned type)
{
	int	i;

	for (i = 0; i < QB_NTYPES; i++) {
		if (type == qbank_type_bit(i))
			return i;
	}
	return -1;
}

void
tally_case_begin(struct tally *t, enum qb_kind kind, unsigned type,
    const char *inspector, int complete)
{
	struct tally_group	*g;
	int			 ti, row;

	assert(!t->in_case);
	t->in_case = 1;
	t->case_complete = complete;
	t->case_kind = kind;
	t->case_type = kind == QB_CHILD ? type : 0;
	t->case_group = inspector_group(t, inspector);
	memset(t->case_seen, 0, t->nkeys);
	g = &t->inspectors[t->case_group];
	t->case_ti = ti = kind == QB_CHILD ? type_index(type) : -1;
	/* A child's case with no known type still reads every all-type key. */
	if (kind == QB_VICTIM)
		row = CLASS_VICTIM;
	else if (ti != -1)
		row = ti;
	else if (type == 0)
		row = CLASS_NOTYPE;
	else {
		row = CLASS_OTHER;
		applies_fill(t, t->applies + CLASS_OTHER * (t->nkeys + 1),
		    QB_CHILD, type);
	}
	t->case_applies = t->applies + (size_t)row * (t->nkeys + 1);
	if (kind == QB_CHILD) {
		t->children++;
		g->children++;
		if (ti != -1)
			t->types[ti].children++;
	} else {
		t->victims++;
		g->victims++;
	}
	if (!complete)
		t->incomplete++;
}

static void
count_one(struct tally_count *c, enum answer_value v, int draft)
{
	if (draft)
		c->drafts++;
	switch (v) {
	case ANSWER_YES:
		c->yes++;
		break;
	case ANSWER_NO:
		c->no++;
		break;
	case ANSWER_NA:
		c->na++;
		break;
	default:
		c->unanswered++;
		break;
	}
}

/* Count v for key k in the whole tally and in the case's groups. */
static void
count_all(struct tally *t, size_t k, enum answer_value v)
{
	int	d = !t->case_complete;

	count_one(&t->keys[k].count, v, d);
	count_one(&t->inspectors[t->case_group].keys[k], v, d);
	if (t->case_ti != -1)
		count_one(&t->types[t->case_ti].keys[k], v, d);
}

void
tally_case_answer(struct tally *t, size_t k, enum answer_value v)
{
	assert(t->in_case && k < t->nkeys);
	if (v != ANSWER_YES && v != ANSWER_NO && v != ANSWER_NA)
		return;		/* counted as unanswered at the end */
	if (t->case_seen[k] || !t->case_applies[k])
		return;
	t->case_seen[k] = 1;
	count_all(t, k, v);
}

void
tally_case_end(struct tally *t)
{
	struct tally_standard	*s;
	size_t			 k, i;

	assert(t->in_case);
	for (k = 0; k < t->nkeys; k++) {
		if (!t->case_seen[k] && t->case_applies[k])
			count_all(t, k, ANSWER_NONE);
	}
	/* A draft counts in each standard it has a key of. */
	for (i = 0; !t->case_complete && i < t->nstandards; i++) {
		s = &t->standards[i];
		for (k = s->first_key; k < s->first_key + s->nkeys; k++) {
			if (t->case_applies[k]) {
				s->drafts++;
				break;
			}
		}
	}
	t->in_case = 0;
}

/*
 * A child's standard: the lower band of its keys; ties to the first. A key with
 * no band is passed over only when it has no applicable case at all; one
 * waiting for answers leaves the standard unrated.
 */
static void
finish_child(struct tally *t, struct tally_standard *s)
{
	size_t	k;
	int	band;

	s->rating = TALLY_NONE;
	s->driven_by = -1;
	s->waiting = -1;
	s->provisional = s->drafts > 0;
	for (k = s->first_key; k < s->first_key + s->nkeys; k++) {
		if (t->keys[k].count.unanswered > 0)
			s->provisional = 1;
		band = t->keys[k].band;
		if (band == TALLY_NONE) {
			if (t->keys[k].count.unanswered > 0 && s->waiting == -1)
				s->waiting = (long)k;
			continue;
		}
		if (s->rating == TALLY_NONE || band < s->rating) {
			s->rating = band;
			s->driven_by = (long)k;
		}
	}
	if (s->waiting != -1) {
		s->rating = TALLY_NONE;
		s->driven_by = -1;
	}
}

/* The victims' standard: V1.1's band, the range, and the panel's decision if inside. */
static void
finish_victims(struct tally *t, struct tally_standard *s)
{
	finish_child(t, s);	/* the band of V1.1 (the lowest, were there more) */
	s->band = s->rating;
	s->v12 = t->v12;
	s->panel = t->panel;
	s->rating = TALLY_NONE;
	tally_v1_range(s->band, s->v12, &s->range_lo, &s->range_hi);
	if (s->panel != TALLY_NONE && s->range_lo != TALLY_NONE &&
	    s->panel >= s->range_lo && s->panel <= s->range_hi)
		s->rating = s->panel;
}

void
tally_finish(struct tally *t)
{
	struct tally_standard	*s;
	size_t			 i;
	int			 sum = 0, lo = 0, hi = 0, unrated = 0, vlo, vhi;

	t->provisional = 0;
	for (i = 0; i < t->nkeys; i++)
		t->keys[i].band = tally_band(t->keys[i].count.yes,
		    t->keys[i].count.yes + t->keys[i].count.no);
	for (i = 0; i < t->nstandards; i++) {
		s = &t->standards[i];
		if ((long)i == t->victim_standard)
			finish_victims(t, s);
		else
			finish_child(t, s);
		if (s->provisional && (s->kind == QB_CHILD ||
		    (long)i == t->victim_standard))
			t->provisional = 1;
		if ((long)i == t->victim_standard && s->rating == TALLY_NONE) {
			/* Undecided: what could the panel still give? */
			if (s->range_lo != TALLY_NONE) {
				vlo = s->range_lo;
				vhi = s->range_hi;
			} else if (s->band != TALLY_NONE) {
				vlo = v1_table[s->band][0][0];
				vhi = v1_table[s->band][1][1];
				if (v1_table[s->band][1][0] < vlo)
					vlo = v1_table[s->band][1][0];
				if (v1_table[s->band][0][1] > vhi)
					vhi = v1_table[s->band][0][1];
			} else {
				vlo = TALLY_INADEQUATE;
				vhi = TALLY_OUTSTANDING;
			}
			lo += vlo;
			hi += vhi;
			unrated = unrated == 0 ? 1 : unrated;
		} else if (s->rating == TALLY_NONE && s->kind == QB_CHILD) {
			unrated = 2;	/* no way to bound it: all null */
		} else if (s->kind == QB_CHILD ||
		    (long)i == t->victim_standard) {
			sum += s->rating;
			lo += s->rating;
			hi += s->rating;
		}
	}
	t->score = t->rating = TALLY_NONE;
	t->score_min = t->score_max = TALLY_NONE;
	t->rating_min = t->rating_max = TALLY_NONE;
	/* A sum over fewer (or other) standards is not the overall out of 12. */
	if (unrated == 2 || t->bank_problem != NULL)
		return;
	t->score_min = lo;
	t->score_max = hi;
	t->rating_min = tally_overall(lo);
	t->rating_max = tally_overall(hi);
	if (unrated == 0) {
		t->score = sum;
		t->rating = tally_overall(sum);
	}
}
