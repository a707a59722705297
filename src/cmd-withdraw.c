/*
 * caseread withdraw FILE REF --reason TEXT and caseread reinstate FILE REF: take
 * a case added by mistake, or replaced in the sample, out of the sample counts
 * and the tally, and put it back. The case and its answers and history stay in
 * the file; nothing here deletes.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "db-case.h"
#include "util.h"

const struct cmd_entry cmd_withdraw_entry = {
	"withdraw", "FILE REF --reason TEXT [--kind child|victim]",
	    "take a case out of the sample and the tally (kept, marked)",
	    cmd_withdraw_exec
};
const struct cmd_entry cmd_reinstate_entry = {
	"reinstate", "FILE REF [--kind child|victim]",
	    "put a withdrawn case back in the sample", cmd_reinstate_exec
};

/*
 * The case with reference ref, of either kind: a child's case first. A
 * reference held by a child's and a victim's case is ambiguous: --kind says.
 */
int
cmd_withdraw_find(struct db *db, const char *cmd, const char *ref,
    const char *kind, struct db_case *c, char **cause)
{
	struct db_case	 v;
	int		 rc, rv;

	memset(c, 0, sizeof *c);
	memset(&v, 0, sizeof v);
	if (kind != NULL && strcmp(kind, "victim") == 0)
		rc = 1;
	else if ((rc = db_case_find(db, QB_CHILD, ref, c, cause)) < 0)
		return rc;
	if (kind != NULL && strcmp(kind, "child") == 0)
		rv = 1;
	else if ((rv = db_case_find(db, QB_VICTIM, ref, &v, cause)) < 0) {
		db_case_clear(c);
		return rv;
	}
	if (rc == 0 && rv == 0) {
		db_case_clear(c);
		db_case_clear(&v);
		return err_fail(cause, ERR_INVALID, "%s: '%s' is both a "
		    "child's and a victim's case: say which with --kind "
		    "child|victim", cmd, ref);
	}
	if (rc == 0)
		return 0;
	if (rv == 0) {
		*c = v;
		return 0;
	}
	/* A reference too long to be one is not echoed whole. */
	return err_fail(cause, ERR_NOTFOUND, "%s: no %s '%.*s%s' in '%s'",
	    cmd, kind == NULL ? "case" : strcmp(kind, "child") == 0 ?
	    "child's case" : "victim's case", strlen(ref) > 64 ? 64 :
	    (int)strlen(ref), ref, strlen(ref) > 64 ? "..." : "",
	    db_path(db));
}

static int
cmd_withdraw_run(int argc, char **argv, int withdraw)
{
	static const struct option longopts[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ "kind", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 }
	};
	struct db	*db;
	struct db_case	 c;
	const char	*reason = NULL, *kind = NULL;
	char		*cause = NULL;
	int		 ch, rc;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			if (!withdraw)
				return cmd_usage(argv[0], "--reason is for "
				    "withdraw");
			reason = optarg;
			break;
		case 'k':
			if ((rc = cmd_kind_option(argv[0], optarg,
			    &kind)) != 0)
				return rc;
			break;
		default:
			return cmd_bad_option(argv, "", longopts);
		}
	}
	if ((rc = cmd_want_args(argv[0], argc - optind, 2)) != 0)
		return rc;
	if (withdraw && (reason == NULL || reason[strspn(reason,
	    " \t\r\n")] == '\0'))
		return cmd_usage(argv[0], "withdrawing a case needs --reason "
		    "TEXT (why it leaves the sample)");
	if ((db = cmd_open(argv[optind], 0, NULL)) == NULL)
		return EXIT_RUNTIME;
	if (cmd_withdraw_find(db, argv[0], argv[optind + 1], kind, &c,
	    &cause) != 0 || db_case_withdraw(db, c.id, withdraw ? reason :
	    NULL, &cause) != 0) {
		db_case_clear(&c);
		db_close(db);
		return cmd_fail(cause);
	}
	if (withdraw)
		printf("withdrew %s's case %s: %s\n", c.kind == QB_CHILD ?
		    "child" : "victim", c.ref, reason);
	else
		printf("reinstated %s's case %s in the sample\n",
		    c.kind == QB_CHILD ? "child" : "victim", c.ref);
	db_case_clear(&c);
	db_close(db);
	if (cmd_flush_report(&rc) != 0)
		return cmd_error("cannot write the report: %s", strerror(rc));
	return 0;
}

int
cmd_withdraw_exec(int argc, char **argv)
{
	return cmd_withdraw_run(argc, argv, 1);
}

int
cmd_reinstate_exec(int argc, char **argv)
{
	return cmd_withdraw_run(argc, argv, 0);
}
