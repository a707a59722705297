/*
 * caseread check FILE: is the file ours, intact, and of which schema; what does it
 * hold — which cases are not finished and which answers break the soft rules
 * (readcheck.h), each named by reference, and the merges recorded in a lead's
 * file. Opens read-only and never repairs: it reports. Unfinished cases and
 * warnings are for the inspector to act on; only damage makes it exit 1.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "db-case.h"
#include "db-merge.h"
#include "readcheck.h"
#include "tally.h"
#include "textgate.h"
#include "uktime.h"
#include "util.h"

const struct cmd_entry cmd_check_entry = {
	"check", "FILE", "report a file's integrity, schema and contents",
	    cmd_check_exec
};

/* One case's finishing problems: a line for the list of incomplete cases. */
static void
print_incomplete(const struct qbank *bank, const struct db_case *c,
    const struct readcheck *rc)
{
	size_t	i, shown = 0;
	char	*ref, *insp;

	/* One line each: a newline in a damaged file's text cannot fake one. */
	ref = textgate_show_str(c->ref);
	insp = textgate_show_str(c->inspector);
	textgate_printf(stdout, "  %s %s (read by %s): %s",
	    qbank_kind_name(c->kind), ref, insp, c->complete ?
	    "marked complete" : "draft");
	free(insp);
	free(ref);
	if (rc->missing == 0) {
		textgate_printf(stdout, ", every key question answered\n");
		return;
	}
	textgate_printf(stdout, ", %zu key question%s unanswered:", rc->missing,
	    rc->missing == 1 ? "" : "s");
	for (i = 0; i < rc->nissues; i++) {
		if (rc->issues[i].kind != RC_MISSING)
			continue;
		textgate_printf(stdout, "%s %s", shown++ == 0 ? "" : ",",
		    bank->questions[rc->issues[i].question].id);
	}
	putchar('\n');
}

/*
 * Walk every case of a kind: incomplete ones are printed at once (the
 * incomplete list comes first), warnings are kept for the list that follows.
 */
static int
scan_kind(struct db *db, enum qb_kind kind, size_t *incomplete,
    char ***warnings, size_t *nwarnings, char **cause, long *macd)
{
	const struct qbank	*bank = db_bank(db);
	struct db_case		*cases;
	struct db_answer	*answers;
	struct readcheck	 rc;
	size_t			 ncases, nanswers, i, j;
	char			*what, *ref, *insp;

	if (db_case_list(db, kind, NULL, 0, -1, &cases, &ncases, cause) != 0)
		return -1;
	for (i = 0; i < ncases; i++) {
		/* Out of the sample: listed with its reason, not as unfinished. */
		if (cases[i].withdrawn != NULL)
			continue;
		if (db_answer_list(db, cases[i].id, &answers, &nanswers,
		    cause) != 0) {
			db_case_list_free(cases, ncases);
			return -1;
		}
		if (kind == QB_CHILD && cases[i].macd)
			(*macd)++;
		readcheck_case(bank, kind, cases[i].type, answers, nanswers,
		    &rc);
		if (!cases[i].complete || rc.missing > 0) {
			if ((*incomplete)++ == 0)
				textgate_printf(stdout, "incomplete:\n");
			print_incomplete(bank, &cases[i], &rc);
		}
		for (j = 0; j < rc.nissues; j++) {
			if (rc.issues[j].kind == RC_MISSING)
				continue;
			what = readcheck_describe(bank, &rc.issues[j]);
			*warnings = xreallocarray(*warnings, *nwarnings + 1,
			    sizeof **warnings);
			ref = textgate_show_str(cases[i].ref);
			insp = textgate_show_str(cases[i].inspector);
			(*warnings)[(*nwarnings)++] = xasprintf("  %s %s (read "
			    "by %s): %s", qbank_kind_name(kind), ref, insp,
			    what);
			free(insp);
			free(ref);
			free(what);
		}
		readcheck_clear(&rc);
		db_answer_list_free(answers, nanswers);
	}
	db_case_list_free(cases, ncases);
	return 0;
}

/* Incomplete cases and soft-rule warnings, children's then victims'. */
static int
report_cases(struct db *db, char **cause)
{
	char	**warnings = NULL;
	size_t	  incomplete = 0, nwarnings = 0, i;
	long	  macd = 0, children;
	int	  rc;

	rc = scan_kind(db, QB_CHILD, &incomplete, &warnings, &nwarnings,
	    cause, &macd);
	if (rc == 0)
		rc = scan_kind(db, QB_VICTIM, &incomplete, &warnings,
		    &nwarnings, cause, &macd);
	/* The framework's week holds two MACDs: say when the file does not. */
	if (rc == 0 && (children = db_case_count(db, QB_CHILD, NULL,
	    cause)) < 0)
		rc = -1;
	if (rc == 0 && children > 0) {
		if (macd == TALLY_MACD_CASES)
			printf("macd: %ld children's cases marked, as the week "
			    "holds\n", macd);
		else
			printf("macd: warning: %ld %s marked for a multi-agency "
			    "case discussion; the week holds %d\n", macd,
			    tally_cases_word(macd, QB_CHILD), TALLY_MACD_CASES);
	}
	if (rc == 0) {
		if (incomplete == 0)
			textgate_printf(stdout, "incomplete: none\n");
		textgate_printf(stdout, "soft-rule warnings: %zu\n", nwarnings);
		for (i = 0; i < nwarnings; i++)
			textgate_printf(stdout, "%s\n", warnings[i]);
	}
	for (i = 0; i < nwarnings; i++)
		free(warnings[i]);
	free(warnings);
	return rc;
}

/*
 * Interviews covering more than three victims' cases: the screens and the
 * command line refuse a fourth, but a merge of two inspectors' bundles can
 * bring one about. Nothing is said when every interview is within the rule.
 */
static int
report_interviews(struct db *db, char **cause)
{
	struct db_interview	*list;
	size_t			 n, i, j;

	if (db_details_overfull(db, &list, &n, cause) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		textgate_printf(stdout, "interview: warning: '%s' covers %zu "
		    "victims' cases (", list[i].label, list[i].nrefs);
		for (j = 0; j < list[i].nrefs; j++)
			textgate_printf(stdout, "%s%s", j > 0 ? ", " : "",
			    list[i].refs[j]);
		textgate_printf(stdout, "); one interview covers up to %d\n",
		    DB_INTERVIEW_CASES);
	}
	db_interview_list_free(list, n);
	return 0;
}

/* Changes to the inspection's details since it was created, oldest first. */
static int
report_changes(struct db *db, char **cause)
{
	struct db_inspection_change	*ch;
	size_t				 n, i;
	char				*at;

	if (db_inspection_changes(db, &ch, &n, cause) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		at = uktime_show(ch[i].at);
		printf("  %s: %s changed from '%s' to '%s'\n", at,
		    strcmp(ch[i].what, "owner") == 0 ? "inspector's name" :
		    ch[i].what, ch[i].old_value, ch[i].new_value);
		free(at);
	}
	db_inspection_change_list_free(ch, n);
	return 0;
}

/* Cases withdrawn from the sample, each with its reason. */
static int
report_withdrawn(struct db *db, char **cause)
{
	struct db_case	*cases;
	size_t		 n, i;

	if (db_case_subset(db, DB_CASE_WITHDRAWN, &cases, &n, cause) != 0)
		return -1;
	if (n == 0)
		printf("withdrawn: none\n");
	else
		printf("withdrawn: %zu\n", n);
	for (i = 0; i < n; i++)
		printf("  %s %s (read by %s): %s\n",
		    qbank_kind_name(cases[i].kind), cases[i].ref,
		    cases[i].inspector, cases[i].withdrawn);
	db_case_list_free(cases, n);
	return 0;
}

/* The merge log of a lead inspector's file; nothing when there is none. */
static int
report_merges(struct db *db, char **cause)
{
	struct db_merge_log	*log;
	size_t			 n, i;
	char			*merged, *exported;

	if (db_merge_log_list(db, &log, &n, cause) != 0)
		return -1;
	if (n > 0)
		textgate_printf(stdout, "merges: %zu\n", n);
	for (i = 0; i < n; i++) {
		merged = uktime_show(log[i].merged_at);
		exported = uktime_show(log[i].exported_at);
		textgate_printf(stdout,
		    "  %s '%s' from %s (exported %s): %ld added, %ld updated, "
		    "%ld unchanged, %ld skipped%s%s\n", merged,
		    log[i].bundle, log[i].inspector, exported,
		    log[i].added, log[i].updated, log[i].unchanged,
		    log[i].skipped, *log[i].keep != '\0' ? ", --keep " : "",
		    log[i].keep);
		free(exported);
		free(merged);
	}
	db_merge_log_free(log, n);
	return 0;
}

int
cmd_check_exec(int argc, char **argv)
{
	const struct db_inspection	*insp;
	struct db			*db;
	char				*report = NULL, *cause = NULL, *created;
	long				 children, victims;
	int				 problems, rc, err;

	if ((rc = cmd_want_args(argv[0], argc - 1, 1)) != 0)
		return rc;
	if ((db = cmd_open(argv[1], DB_READONLY, NULL)) == NULL)
		return EXIT_RUNTIME;
	insp = db_inspection(db);
	textgate_printf(stdout, "file: %s\n", argv[1]);
	textgate_printf(stdout,
	    "schema: %d (this caseread: %d)\n", db_schema_version(db),
	    db_schema_latest());
	created = uktime_show(insp->created_at);
	textgate_printf(stdout,
	    "inspection: %s (%s), owner %s, created %s\n", insp->service,
	    insp->type, insp->owner, created);
	free(created);
	if (report_changes(db, &cause) != 0) {
		db_close(db);
		return cmd_fail(cause);
	}
	textgate_printf(stdout, "question bank: %s %s, hash %s\n", insp->bank_id,
	    insp->bank_version, insp->bank_hash);
	if ((children = db_case_count(db, QB_CHILD, NULL, &cause)) < 0 ||
	    (victims = db_case_count(db, QB_VICTIM, NULL, &cause)) < 0) {
		db_close(db);
		return cmd_fail(cause);
	}
	textgate_printf(stdout,
	    "cases: %ld children's, %ld victims'\n", children, victims);
	if (cmd_kit_report(db, &cause) != 0 ||
	    report_cases(db, &cause) != 0 ||
	    report_interviews(db, &cause) != 0 ||
	    report_withdrawn(db, &cause) != 0 ||
	    report_merges(db, &cause) != 0) {
		db_close(db);
		return cmd_fail(cause);
	}
	if ((problems = db_integrity(db, &report, &cause)) < 0) {
		db_close(db);
		return cmd_fail(cause);
	}
	textgate_printf(stdout, "integrity: %s", report);
	free(report);
	rc = cmd_flush_report(&err);
	db_close(db);
	if (rc != 0)
		return cmd_error("cannot write the report: %s", strerror(err));
	return problems == 0 ? 0 : EXIT_RUNTIME;
}
