/*
 * caseread ratify FILE --v12 yes|no [--reason TEXT] [--victims RATING [--reason
 * TEXT]] [--domain1 1.1=RATING,... [--reason TEXT]] | --history: record what the
 * ratification meeting (IYJWCV) or ratings panel (IYJS) decided, each decision
 * with the reason given after it, or list every decision made. The victims'
 * rating must fall inside the range the V1.1 band and V1.2 give; domain one
 * exists only in IYJS. Anything refused leaves the file as it was: every
 * judgement of one call is written in one transaction, or none is.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "db-case.h"
#include "db-tally.h"
#include "tally.h"
#include "textgate.h"
#include "uktime.h"
#include "util.h"

const struct cmd_entry cmd_ratify_entry = {
	"ratify", "FILE [--v12 yes|no [--reason TEXT]] [--victims RATING "
	    "[--reason TEXT]] [--domain1 1.1=RATING,... [--reason TEXT]] "
	    "[--history]",
	    "record the rating meeting's decisions and their reasons",
	    cmd_ratify_exec
};

/*
 * What a decision option holds: a rating (TALLY_INADEQUATE..), TALLY_NONE to
 * clear it, or one of these, which lie below both and are not failures.
 */
enum {
	RATIFY_UNSET = TALLY_NONE - 1,	/* leave the judgement as it is */
	RATIFY_BAD_RATING = TALLY_NONE - 2	/* parse_rating: neither */
};

static const char *const d1_ids[TALLY_DOMAIN1] = { "1.1", "1.2", "1.3" };

/*
 * A RATING argument: a rating, or "none" to clear it (TALLY_NONE);
 * RATIFY_BAD_RATING if neither.
 */
static int
parse_rating(const char *s)
{
	int	r;

	if (strcasecmp(s, "none") == 0)
		return TALLY_NONE;
	r = tally_rating_parse(s);
	return r == TALLY_NONE ? RATIFY_BAD_RATING : r;
}

/* "1.1=good,1.3=ri" into d1[], marking given[] the ids named; -1 with a
 * message for a usage error. */
static int
parse_domain1(const char *name, const char *arg, int d1[TALLY_DOMAIN1],
    int given[TALLY_DOMAIN1])
{
	char	*copy = xstrdup(arg), *item, *next = copy, *eq;
	int	 i, r, rc = 0;

	while (rc == 0 && (item = strsep(&next, ",")) != NULL) {
		if (*item == '\0')
			continue;
		if ((eq = strchr(item, '=')) == NULL) {
			rc = cmd_usage(name, "--domain1 wants ID=RATING, not "
			    "'%s'", item);
			break;
		}
		*eq++ = '\0';
		for (i = 0; i < TALLY_DOMAIN1; i++) {
			if (strcmp(item, d1_ids[i]) == 0)
				break;
		}
		if (i == TALLY_DOMAIN1) {
			rc = cmd_usage(name, "domain one has 1.1, 1.2 and 1.3, "
			    "not '%s'", item);
			break;
		}
		if ((r = parse_rating(eq)) == RATIFY_BAD_RATING) {
			rc = cmd_usage(name, "'%s' is not a rating (inadequate, "
			    "ri, good, outstanding, or none)", eq);
			break;
		}
		d1[i] = r;
		given[i] = 1;
	}
	free(copy);
	return rc;
}

static const char *
name_or(int r, const char *none)
{
	return r == TALLY_NONE ? none : tally_rating_name(r);
}

/* Is the victims' decision allowed with this band and V1.2? 0, or -1 with cause. */
static int
check_victims(const struct tally_standard *v1, int v12, int panel,
    int given, char **cause)
{
	int	lo, hi;

	if (panel == TALLY_NONE)
		return 0;
	if (v12 == -1)
		return util_fail(cause, "V1.2 is not recorded: give --v12 yes|no "
		    "before the victims' rating");
	if (v1->band == TALLY_NONE)
		return util_fail(cause, "V1.1 has no band yet (no victims' case "
		    "has a yes or no answer to V1.1), so there is no range to "
		    "rate within");
	tally_v1_range(v1->band, v12, &lo, &hi);
	if (panel >= lo && panel <= hi)
		return 0;
	if (given)
		return util_fail(cause, "the victims' rating must be %s or %s "
		    "(V1.1 %s, V1.2 %s); '%s' is outside that range",
		    tally_rating_name(lo), tally_rating_name(hi),
		    tally_rating_name(v1->band), v12 ? "yes" : "no",
		    tally_rating_name(panel));
	return util_fail(cause, "the recorded victims' rating %s is outside the "
	    "range %s to %s that V1.2 %s gives: give --victims RATING (or "
	    "--victims none) as well", tally_rating_name(panel),
	    tally_rating_name(lo), tally_rating_name(hi), v12 ? "yes" : "no");
}

/*
 * Check the victims' rating against the range and write every judgement given,
 * all or nothing. The range comes from a tally read inside the same write
 * transaction (BEGIN IMMEDIATE), so no answer or V1.2 saved by another caseread
 * can land between the check and the write.
 */
/* The reason given for each decision: V1.2, the victims' rating, 1.1..1.3. */
struct reasons {
	const char	*v12;
	const char	*victims;
	const char	*d1[TALLY_DOMAIN1];
};

static int
record(struct db *db, int v12, int victims, const int d1[TALLY_DOMAIN1],
    const struct reasons *why, char **cause)
{
	struct tally	*t;
	int		 i, new_v12, panel;

	if (db_txn_begin(db, "ratify", cause) != 0)
		return -1;
	t = tally_new(db_bank(db));
	if (db_tally(db, t, cause) != 0)
		goto fail;
	new_v12 = v12 != RATIFY_UNSET ? v12 : t->v12;
	panel = victims != RATIFY_UNSET ? victims : t->panel;
	if (victims != RATIFY_UNSET && victims != TALLY_NONE &&
	    t->victim_standard < 0) {
		util_fail(cause, "the question bank has no victims' standard");
		goto fail;
	}
	if (t->victim_standard >= 0 && check_victims(&t->standards[
	    t->victim_standard], new_v12, panel, victims != RATIFY_UNSET,
	    cause) != 0)
		goto fail;
	tally_free(t);
	t = NULL;
	if (v12 != RATIFY_UNSET && db_judgement_decide(db, "V1.2", v12 ? "yes" :
	    "no", why->v12, cause) != 0)
		goto fail;
	if (victims != RATIFY_UNSET && db_judgement_decide(db, "victims",
	    tally_rating_name(victims), why->victims, cause) != 0)
		goto fail;
	for (i = 0; i < TALLY_DOMAIN1; i++) {
		if (d1[i] != RATIFY_UNSET && db_judgement_decide(db, d1_ids[i],
		    tally_rating_name(d1[i]), why->d1[i], cause) != 0)
			goto fail;
	}
	return db_txn_commit(db, "ratify", cause);

fail:
	tally_free(t);
	db_txn_rollback(db, "ratify");
	return -1;
}

/* "  reason: ..." under a decision that has one. */
static void
print_reason(const char *reason)
{
	if (reason != NULL && *reason != '\0')
		textgate_printf(stdout, "  reason: %s\n", reason);
}

/* The decision log, oldest first: when, who, what, and why. */
static int
history(struct db *db)
{
	struct db_decision	*d;
	size_t			 n, i;
	char			*cause = NULL, *at;

	if (db_decision_list(db, &d, &n, &cause) != 0)
		return cmd_fail(cause);
	if (n == 0)
		printf("no decisions recorded\n");
	for (i = 0; i < n; i++) {
		at = uktime_show(d[i].at);
		textgate_printf(stdout, "%s %s: %s %s", at, d[i].inspector,
		    strcmp(d[i].name, "type") == 0 ? "inspection type" :
		    d[i].name, d[i].new_value != NULL ? d[i].new_value :
		    "cleared");
		free(at);
		if (d[i].old_value != NULL)
			textgate_printf(stdout, " (was %s)", d[i].old_value);
		printf("\n");
		print_reason(d[i].reason);
	}
	db_decision_list_free(d, n);
	return 0;
}

/* What the file now says, in one or two lines. */
static int
summary(struct db *db)
{
	const struct tally_standard	*v1;
	struct tally			*t = tally_new(db_bank(db));
	char				*cause = NULL;
	int				 i;

	if (db_tally(db, t, &cause) != 0) {
		tally_free(t);
		return cmd_fail(cause);
	}
	if (t->victim_standard >= 0) {
		v1 = &t->standards[t->victim_standard];
		printf("V1: V1.1 %s, V1.2 %s", name_or(v1->band, "no band"),
		    v1->v12 == -1 ? "not recorded" : v1->v12 ? "yes" : "no");
		if (v1->range_lo != TALLY_NONE)
			printf(", range %s to %s", tally_rating_name(v1->range_lo),
			    tally_rating_name(v1->range_hi));
		if (v1->rating != TALLY_NONE)
			printf(", rating %s (the %s)\n", tally_rating_name(
			    v1->rating), tally_meeting(t));
		else
			printf(", rating not decided by the %s\n",
			    tally_meeting(t));
		if (v1->v12 != -1 && t->v12_reason != NULL &&
		    *t->v12_reason != '\0')
			printf("  V1.2 reason: %s\n", t->v12_reason);
		if (v1->rating != TALLY_NONE)
			print_reason(t->panel_reason);
	}
	if (t->score != TALLY_NONE)
		printf("overall: %d, %s\n", t->score, tally_rating_name(t->rating));
	else if (t->score_min != TALLY_NONE)
		printf("overall: %d to %d (%s) until the %s decides the victims' "
		    "rating\n", t->score_min, t->score_max,
		    tally_rating_range(t->rating_min, t->rating_max),
		    tally_meeting(t));
	else if (t->bank_problem != NULL)
		printf("overall: none, the question bank cannot give one: %s\n",
		    t->bank_problem);
	if (t->iyjs) {
		printf("domain one (the ratings panel; not counted):");
		for (i = 0; i < TALLY_DOMAIN1; i++)
			printf(" %s %s%s", d1_ids[i], name_or(t->domain1[i],
			    "-"), i + 1 < TALLY_DOMAIN1 ? "," : "\n");
		for (i = 0; i < TALLY_DOMAIN1; i++) {
			if (t->domain1[i] != TALLY_NONE &&
			    t->domain1_reason[i] != NULL &&
			    *t->domain1_reason[i] != '\0')
				printf("  %s reason: %s\n", d1_ids[i],
				    t->domain1_reason[i]);
		}
	}
	tally_free(t);
	return 0;
}

int
cmd_ratify_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "v12", required_argument, NULL, 'v' },
		{ "victims", required_argument, NULL, 'r' },
		{ "domain1", required_argument, NULL, 'd' },
		{ "inspector", required_argument, NULL, 'i' },
		{ "reason", required_argument, NULL, 'R' },
		{ "history", no_argument, NULL, 'H' },
		{ NULL, 0, NULL, 0 }
	};
	struct db	*db;
	struct reasons	 why;
	const char	*inspector = NULL;
	char		*cause = NULL;
	int		 v12 = RATIFY_UNSET, victims = RATIFY_UNSET;
	int		 d1[TALLY_DOMAIN1];
	int		 last[TALLY_DOMAIN1], ch, rc, i, any_d1 = 0, show = 0;
	int		 last_opt = 0;

	memset(&why, 0, sizeof why);
	for (i = 0; i < TALLY_DOMAIN1; i++)
		d1[i] = RATIFY_UNSET;
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'v':
			if (strcasecmp(optarg, "yes") == 0)
				v12 = 1;
			else if (strcasecmp(optarg, "no") == 0)
				v12 = 0;
			else
				return cmd_usage(argv[0], "--v12 must be yes or "
				    "no, not '%s'", optarg);
			last_opt = ch;
			break;
		case 'r':
			if ((victims = parse_rating(optarg)) ==
			    RATIFY_BAD_RATING)
				return cmd_usage(argv[0], "'%s' is not a rating "
				    "(inadequate, ri, good, outstanding, or "
				    "none)", optarg);
			last_opt = ch;
			break;
		case 'd':
			memset(last, 0, sizeof last);
			if ((rc = parse_domain1(argv[0], optarg, d1, last)) != 0)
				return rc;
			any_d1 = 1;
			last_opt = ch;
			break;
		case 'R':
			/* The reason is the decision's just before it. */
			if (last_opt == 'v')
				why.v12 = optarg;
			else if (last_opt == 'r')
				why.victims = optarg;
			else if (last_opt == 'd') {
				for (i = 0; i < TALLY_DOMAIN1; i++) {
					if (last[i])
						why.d1[i] = optarg;
				}
			} else
				return cmd_usage(argv[0], "--reason follows the "
				    "decision it gives the reason for (--v12, "
				    "--victims or --domain1)");
			last_opt = ch;
			break;
		case 'H':
			show = 1;
			break;
		case 'i':
			inspector = optarg;
			break;
		default:
			return cmd_bad_option(argv, "", longopts);
		}
	}
	if ((rc = cmd_want_args(argv[0], argc - optind, 1)) != 0)
		return rc;
	if (v12 == RATIFY_UNSET && victims == RATIFY_UNSET && !any_d1 && !show)
		return cmd_usage(argv[0], "nothing to record");
	if ((db = cmd_open(argv[optind], 0, inspector)) == NULL)
		return EXIT_RUNTIME;
	if (v12 == RATIFY_UNSET && victims == RATIFY_UNSET && !any_d1) {
		rc = history(db);
		db_close(db);
		return rc;
	}
	if (any_d1 && strcmp(db_inspection(db)->type, "iyjs") != 0) {
		db_close(db);
		return cmd_error("'%s' is an IYJWCV inspection: domain one "
		    "(1.1, 1.2, 1.3) is rated only in IYJS inspections; nothing "
		    "recorded", argv[optind]);
	}
	if (record(db, v12, victims, d1, &why, &cause) != 0) {
		db_close(db);
		/* One line: the reason, and that the file is as it was. */
		rc = cmd_error("%s; nothing recorded", cause != NULL ? cause :
		    "unknown error");
		free(cause);
		return rc;
	}
	/* Recorded, but the log will not say why: say so once. */
	if (v12 != RATIFY_UNSET && why.v12 == NULL)
		fprintf(stderr, "caseread: ratify: V1.2 recorded without a reason "
		    "(--reason TEXT after --v12)\n");
	if (victims != RATIFY_UNSET && victims != TALLY_NONE &&
	    why.victims == NULL)
		fprintf(stderr, "caseread: ratify: the victims' rating recorded "
		    "without a reason (--reason TEXT after --victims)\n");
	for (i = 0; i < TALLY_DOMAIN1; i++) {
		if (d1[i] != RATIFY_UNSET && d1[i] != TALLY_NONE &&
		    why.d1[i] == NULL)
			fprintf(stderr, "caseread: ratify: %s recorded without a "
			    "reason (--reason TEXT after --domain1)\n",
			    d1_ids[i]);
	}
	rc = summary(db);
	if (rc == 0 && show)
		rc = history(db);
	db_close(db);
	return rc;
}
