/*
 * Navigation through a case read (see readnav.h). Positions index the applicable
 * questions only, so a prompt that does not apply to the case type is never
 * visited and never counted.
 */
#include "config.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "readnav.h"
#include "util.h"

void
readnav_init(struct readnav *rn, const struct qbank *bank, enum qb_kind kind,
    unsigned type)
{
	size_t	i;

	memset(rn, 0, sizeof *rn);
	rn->bank = bank;
	rn->q = xcalloc(bank->nquestions + 1, sizeof *rn->q);
	rn->value = xcalloc(bank->nquestions + 1, sizeof *rn->value);
	for (i = 0; i < bank->nquestions; i++) {
		if (qbank_applies(bank, i, kind, type))
			rn->q[rn->n++] = i;
	}
}

void
readnav_clear(struct readnav *rn)
{
	free(rn->q);
	free(rn->value);
	memset(rn, 0, sizeof *rn);
}

void
readnav_load(struct readnav *rn, const struct db_answer *a, size_t n)
{
	size_t	i;
	long	pos;

	for (i = 0; i < rn->n; i++)
		rn->value[i] = ANSWER_NONE;
	for (i = 0; i < n; i++) {
		if ((pos = readnav_find(rn, a[i].question)) >= 0)
			rn->value[pos] = a[i].value;
	}
}

long
readnav_find(const struct readnav *rn, const char *id)
{
	size_t	i;

	for (i = 0; i < rn->n; i++) {
		if (strcmp(rn->bank->questions[rn->q[i]].id, id) == 0)
			return (long)i;
	}
	return -1;
}

const struct qb_question *
readnav_question(const struct readnav *rn, size_t pos)
{
	assert(pos < rn->n);
	return &rn->bank->questions[rn->q[pos]];
}

long
readnav_first_unanswered(const struct readnav *rn)
{
	size_t	i;

	for (i = 0; i < rn->n; i++) {
		if (rn->value[i] == ANSWER_NONE)
			return (long)i;
	}
	return -1;
}

long
readnav_next_unanswered(const struct readnav *rn, size_t pos)
{
	size_t	i, p;

	for (i = 1; i < rn->n; i++) {
		p = (pos + i) % rn->n;
		if (rn->value[p] == ANSWER_NONE)
			return (long)p;
	}
	return -1;
}

static size_t
standard_of(const struct readnav *rn, size_t pos)
{
	return rn->bank->questions[rn->q[pos]].standard;
}

size_t
readnav_next_standard(const struct readnav *rn, size_t pos)
{
	size_t	i;

	if (rn->n == 0)
		return 0;
	for (i = pos + 1; i < rn->n; i++) {
		if (standard_of(rn, i) != standard_of(rn, pos))
			return i;
	}
	return pos;
}

size_t
readnav_prev_standard(const struct readnav *rn, size_t pos)
{
	size_t	i;

	if (rn->n == 0)
		return 0;
	if (pos > 0 && standard_of(rn, pos - 1) == standard_of(rn, pos)) {
		i = pos;
		while (i > 0 && standard_of(rn, i - 1) == standard_of(rn, pos))
			i--;
		return i;
	}
	if (pos == 0)
		return 0;
	i = pos - 1;
	while (i > 0 && standard_of(rn, i - 1) == standard_of(rn, pos - 1))
		i--;
	return i;
}

void
readnav_progress(const struct readnav *rn, size_t *answered,
    size_t *applicable)
{
	size_t	i, a = 0;

	for (i = 0; i < rn->n; i++)
		a += rn->value[i] != ANSWER_NONE;
	*answered = a;
	*applicable = rn->n;
}

void
readnav_prompt_counts(const struct readnav *rn, size_t key,
    struct readnav_counts *c)
{
	const struct qb_question	*q;
	size_t				 i;

	memset(c, 0, sizeof *c);
	for (i = 0; i < rn->n; i++) {
		q = readnav_question(rn, i);
		if (q->is_key || q->key != key)
			continue;
		switch (rn->value[i]) {
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
			c->none++;
			break;
		}
	}
}
