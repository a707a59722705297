/*
 * Merging inspectors' export bundles into the lead inspector's file: the rule
 * that decides what happens to each case, the whole merge of a command line's
 * bundles (all or nothing), and how its outcome and conflicts are reported.
 * Storage is db-merge.c's; this module holds no SQL and no terminal.
 */
#ifndef CASEREAD_MERGE_H
#define CASEREAD_MERGE_H

#include <stddef.h>
#include <stdio.h>

#include "db-merge.h"

struct merge_opts {
	char *const	*keep;		/* --keep INSPECTOR names or BUNDLE files */
	size_t		 nkeep;
};

/*
 * The merge rule for one case of a bundle (a db_merge_decide_fn; arg is a
 * struct merge_opts). A case not in the lead's file is added. The same
 * inspector's copy: unchanged when equal and not newer, updated when the
 * bundle's is newer (or equally new but different), set aside as older when
 * the lead's is newer. Files are told apart by their source uid: a copy from
 * another file is another reading even under the same inspector's name. Another
 * reading is a conflict, unless an earlier --keep settled it, or this merge's
 * --keep names exactly one of the two inspectors (when their names differ) or
 * one of the two files (the bundle, or where the lead's copy came from: a bundle
 * by path or name, or the lead's own file); the decision is then remembered,
 * by name or, between two files of one name, by file. Never last-writer-wins.
 */
enum db_merge_action merge_decide(const struct db_merge_case *, int *settle,
		     void *arg);

/*
 * Merge the bundles at paths into lead, in order, in one transaction, which
 * commits only when every bundle passed its checks. Prints a line per bundle to
 * out when merged. Returns 0 when merged; -ERR_CONFLICT when cases conflict,
 * after listing them all on out, with *cause a one-line summary (nothing is
 * written); another failure with *cause when a bundle is refused or the merge
 * fails (nothing is written).
 */
int	 merge_run(struct db *lead, char *const *paths, size_t npaths,
	     const struct merge_opts *, FILE *out, char **cause);

/* List conflicts on f: each case, both inspectors, the answers that differ. */
void	 merge_print_conflicts(FILE *f, const struct qbank *,
	     const struct db_merge_conflict *, size_t n);
/* One line for a merged bundle: "'B' (alice, exported T): 3 added, ..." */
void	 merge_print_bundle(FILE *f, const struct db_merge_bundle *);

#endif
