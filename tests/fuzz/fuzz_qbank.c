/*
 * libFuzzer harness for the question bank parser: any bytes, as a form file.
 * Must never crash, leak or read out of bounds; a bank it accepts must be
 * internally consistent (the invariants checked below).
 */
#include "config.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "qbank.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct qbank	*b;
	char		*cause = NULL;
	size_t		 i;

	b = qbank_parse((const char *)data, size, "fuzz.form", &cause);
	if (b == NULL) {
		assert(cause != NULL && strncmp(cause, "fuzz.form", 9) == 0);
		free(cause);
		return 0;
	}
	for (i = 0; i < b->nquestions; i++) {
		const struct qb_question *q = &b->questions[i];

		assert(q->key < b->nquestions && q->standard < b->nstandards);
		assert(qbank_find(b, q->id) == (long)i);
		(void)qbank_applies(b, i, QB_CHILD, QB_COURT);
		(void)qbank_applies(b, i, QB_VICTIM, 0);
	}
	for (i = 0; i < b->nkeys; i++)
		assert(b->questions[b->keys[i]].is_key);
	/* What the loader adds: the standards the ratings need, named by file. */
	if (qbank_validate(b, "fuzz.form", &cause) != 0) {
		assert(cause != NULL && strncmp(cause, "fuzz.form", 9) == 0);
		free(cause);
	}
	qbank_free(b);
	return 0;
}
