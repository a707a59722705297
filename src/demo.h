/*
 * Demonstration inspections (caseread demo): made-up but plausible cases with
 * pseudonymous references (DEMO-C-001, DEMO-V-001), answers to most questions
 * with short evidence notes, a few cases still draft, and made-up inspectors.
 * The same seed gives the same cases and answers. Never real data.
 */
#ifndef CASEREAD_DEMO_H
#define CASEREAD_DEMO_H

#include "db-case.h"

#define DEMO_MAX_INSPECTORS	12
#define DEMO_MAX_CASES		10000000L

struct demo_options {
	long			 children;	/* children's cases, default 20 */
	long			 victims;	/* victims' cases, default 9 */
	int			 inspectors;	/* 1..DEMO_MAX_INSPECTORS, default 3 */
	unsigned long long	 seed;		/* default 1 */
};

void		 demo_defaults(struct demo_options *);
/* The made-up name of inspector i; the first is the lead, who owns the file. */
const char	*demo_inspector(int i);
/*
 * Fill db, a new inspection, with the demo's cases, answers and V1.2 in one
 * transaction (nested in the caller's if open). 0, or -1 with *cause and nothing
 * written.
 */
int		 demo_fill(struct db *, const struct demo_options *, char **cause);

#endif
