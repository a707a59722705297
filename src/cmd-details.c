/*
 * caseread details FILE REF [options]: print a case's details the framework
 * asks about (case manager interviewed, period inspected, victim worker and
 * interview), or change them, for scripts and the lead. The rules and the
 * history are db_details_set's, the same as the case form's.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "db-case.h"
#include "textgate.h"
#include "util.h"

const struct cmd_entry cmd_details_entry = {
	"details", "FILE REF [--manager-interviewed yes|no|unknown] "
	    "[--period START END] [--victim-worker NAME] [--interview LABEL] "
	    "[--reason TEXT] [--kind child|victim]",
	    "print or change a case's details (interviews, period inspected)",
	    cmd_details_exec
};

/* Print case c's details, one a line, as they are in the file. */
static int
cmd_details_print(struct db *db, const struct db_case *c, char **cause)
{
	const struct db_case_details	*d = &c->details;
	char				**refs;
	size_t				  n, i;

	textgate_printf(stdout, "case: %s %s (read by %s), %s%s\n",
	    qbank_kind_name(c->kind), c->ref, c->inspector, c->complete ?
	    "complete" : "draft", c->withdrawn != NULL ? ", withdrawn" : "");
	textgate_printf(stdout, "manager interviewed: %s\n",
	    db_details_interviewed_name(d->manager_interviewed));
	if (*d->period_start != '\0')
		textgate_printf(stdout, "period inspected: %s to %s\n",
		    d->period_start, d->period_end);
	else
		textgate_printf(stdout, "period inspected: not recorded\n");
	if (c->kind != QB_VICTIM)
		return 0;
	textgate_printf(stdout, "victim worker: %s\n", *d->victim_worker !=
	    '\0' ? d->victim_worker : "none");
	if (*d->interview == '\0') {
		textgate_printf(stdout, "interview: none\n");
		return 0;
	}
	if (db_details_interview_cases(db, d->interview, c->id, &refs, &n,
	    cause) != 0)
		return -1;
	textgate_printf(stdout, "interview: %s", d->interview);
	for (i = 0; i < n; i++)
		textgate_printf(stdout, "%s%s", i == 0 ? " (also covers " :
		    ", ", refs[i]);
	textgate_printf(stdout, "%s\n", n > 0 ? ")" : "");
	db_details_refs_free(refs, n);
	return 0;
}

/* --manager-interviewed not given: the case keeps what it has. */
#define MANAGER_UNSET	(-2)

int
cmd_details_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "manager-interviewed", required_argument, NULL, 'm' },
		{ "period", required_argument, NULL, 'p' },
		{ "victim-worker", required_argument, NULL, 'w' },
		{ "interview", required_argument, NULL, 'i' },
		{ "reason", required_argument, NULL, 'r' },
		{ "kind", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 }
	};
	struct db		*db;
	struct db_case		 c;
	struct db_case_details	 d;
	const char		*start = NULL, *end = NULL, *worker = NULL;
	const char		*interview = NULL, *reason = NULL, *kind = NULL;
	char			*cause = NULL;
	long long		 id;
	int			 ch, rc, manager = MANAGER_UNSET, change = 0;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'm':
			if (strcmp(optarg, "yes") == 0)
				manager = 1;
			else if (strcmp(optarg, "no") == 0)
				manager = 0;
			else if (strcmp(optarg, "unknown") == 0)
				manager = -1;
			else
				return cmd_usage(argv[0], "--manager-"
				    "interviewed wants yes, no or unknown, not "
				    "'%s'", optarg);
			change = 1;
			break;
		case 'p':
			/* Two values: START is optarg, END the next word. */
			if (optind >= argc || argv[optind][0] == '-')
				return cmd_usage(argv[0], "--period wants two "
				    "dates, START END (YYYY-MM-DD; \"\" \"\" "
				    "clears it)");
			start = optarg;
			end = argv[optind++];
			change = 1;
			break;
		case 'w':
			worker = optarg;
			change = 1;
			break;
		case 'i':
			interview = optarg;
			change = 1;
			break;
		case 'r':
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
	if (reason != NULL && !change)
		return cmd_usage(argv[0], "--reason goes with a change");
	if ((db = cmd_open(argv[optind], 0, NULL)) == NULL)
		return EXIT_RUNTIME;
	memset(&d, 0, sizeof d);
	if (cmd_withdraw_find(db, argv[0], argv[optind + 1], kind, &c,
	    &cause) != 0)
		goto failed;
	/* Said here with the way past it; db_details_set refuses it too. */
	if (change && c.complete) {
		cause = xasprintf("case '%s' is complete: its details are read "
		    "only until it is reopened (in caseread: f on the case, "
		    "then r with a reason)", c.ref);
		goto failed;
	}
	if (change) {
		/* What is not given stays as it is. */
		d.manager_interviewed = manager != MANAGER_UNSET ? manager :
		    c.details.manager_interviewed;
		d.period_start = xstrdup(start != NULL ? start :
		    c.details.period_start);
		d.period_end = xstrdup(end != NULL ? end :
		    c.details.period_end);
		d.victim_worker = xstrdup(worker != NULL ? worker :
		    c.details.victim_worker);
		d.interview = xstrdup(interview != NULL ? interview :
		    c.details.interview);
		if (db_details_set(db, c.id, &d, reason, &cause) != 0)
			goto failed;
		id = c.id;
		db_case_clear(&c);
		if (db_case_get(db, id, &c, &cause) != 0)
			goto failed;
	}
	if (cmd_details_print(db, &c, &cause) != 0)
		goto failed;
	db_details_clear(&d);
	db_case_clear(&c);
	db_close(db);
	if (cmd_flush_report(&rc) != 0)
		return cmd_error("cannot write the report: %s", strerror(rc));
	return 0;

failed:
	db_details_clear(&d);
	db_case_clear(&c);
	db_close(db);
	return cmd_fail(cause);
}
