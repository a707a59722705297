/*
 * The lead's report for the rating meeting: one self-contained HTML page with
 * the headline ratings, a chart per standard, the split by inspector and by
 * case type, the evidence notes to quote and the open items. The figures are
 * the tally's own (struct tally, its percentages and band names): the report
 * formats none of its own. report.c gathers the cases and notes (fed by
 * db-report.c) and writes the file; report-html.c writes the page.
 */
#ifndef CASEREAD_REPORT_H
#define CASEREAD_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "db.h"
#include "qbank.h"
#include "tally.h"

/* Evidence is grouped by the key question's answer, in this order. */
enum report_group {
	REPORT_NO,
	REPORT_YES,
	REPORT_NA,
	REPORT_NGROUPS
};

/*
 * Moderation: the group furthest from the rest is flagged when the gap
 * matters: it differs from the rest by at least this many tenths of a
 * percentage point (one band's width, 65 to 80), on at least
 * REPORT_MIN_APPLICABLE applicable cases of its own (below that one case moves
 * a percentage by more than a band), and the key question's band without its
 * cases differs from its band with them: its cases alone move the band.
 */
#define REPORT_GAP10		150
#define REPORT_MIN_APPLICABLE	3

/* A case as the report names it. */
struct report_case {
	char		*ref;
	enum qb_kind	 kind;
	unsigned	 type;		/* QB_* bit; 0 for victims */
	int		 interviewed;	/* victims: 1 interview, 0 file read */
	char		*inspector;
	int		 complete;
	char		*withdrawn;	/* why it left the sample, or NULL */
};

/* An evidence note on a key question, or a soft-rule warning. */
struct report_item {
	size_t		 c;		/* index into report.cases */
	char		*text;		/* the note, or what the warning says */
};

struct report_key {
	struct report_item	*notes[REPORT_NGROUPS];
	size_t			 nnotes[REPORT_NGROUPS];
	long			 unnoted[REPORT_NGROUPS];	/* answered, no note */
	struct report_item	*warnings;	/* reading order, case by case */
	size_t			 nwarnings;
};

/*
 * An open item: a case not complete, or complete with a key question
 * unanswered. Withdrawn cases are listed apart (report.withdrawn_cases).
 */
struct report_open {
	size_t		 c;
	char		*missing;	/* "2.1.1, 2.3.2", or "" when none */
};

struct report {
	const struct qbank	*bank;		/* borrowed */
	struct tally		*tally;		/* owned; db_report fills it */
	char			*service;
	char			*type;		/* "iyjwcv", "iyjs" */
	char			*start_date;	/* "" when not recorded */
	char			*end_date;
	char			*file;		/* the inspection file's name */

	struct report_case	*cases;		/* children's, then victims', by reference */
	size_t			 ncases;
	long			 complete;
	long			 draft;
	long			 withdrawn;	/* withdrawn cases */
	struct report_case	*withdrawn_cases; /* with their reasons, by reference */
	struct report_key	*keys;		/* one per tally->keys */
	size_t			 nnotes;	/* evidence notes in all */
	size_t			 nwarnings;
	struct report_open	*open;
	size_t			 nopen;
};

/* What report_moderation found for one key question over some groups. */
struct report_outlier {
	long	 group;		/* the group furthest from the rest, -1 when none */
	int	 gap10;		/* |its percentage - the rest's|, in tenths */
	int	 below;		/* it is below the rest */
	long	 yes;		/* its counts */
	long	 applicable;
	long	 rest_yes;	/* the other groups' counts together */
	long	 rest_applicable;
	int	 band;		/* the key's band over every group */
	int	 band_without;	/* ... and over the rest only */
	int	 flagged;	/* the gap matters (see REPORT_GAP10) */
};

/*
 * A new, empty report over bank (borrowed) for the inspection insp (copied),
 * read from file (copied, for the page's footer). Free with report_free.
 */
struct report	*report_new(const struct qbank *bank,
		     const struct db_inspection *insp, const char *file);
void		 report_free(struct report *);
/*
 * Add a case with all its answers (prompts too: the soft rules need them), in
 * the order the page lists cases: its key questions' notes go to the evidence,
 * its soft-rule warnings (readcheck.h) beside them, and an incomplete case to
 * the open items. A withdrawn case (dc->withdrawn set) goes only to the
 * withdrawn cases with its reason: none of its answers is evidence. The tally
 * is fed separately (db_tally), which leaves withdrawn cases out too.
 */
void		 report_add_case(struct report *, const struct db_case *,
		     const struct db_answer *, size_t nanswers);
/*
 * For key k (an index into tally.keys), the group of groups[0..n) whose percentage is
 * furthest from that of the other groups together (ties: the first), and
 * whether the gap matters. Groups with no applicable cases are passed by.
 */
void		 report_moderation(const struct tally_group *groups, size_t n,
		     size_t k, struct report_outlier *out);

/*
 * Write the page (report-html.c). Every text from the file is escaped with
 * html.h. Returns 0, or -1 when writing to f failed.
 */
int		 report_html(const struct report *, FILE *f);

/*
 * Fill r from db (db-report.c): the tally (db_tally) and every case with its
 * answers, children's then victims' by reference, all in one read
 * transaction, so the figures and the notes are of one moment. -1 with *cause.
 */
int		 db_report(struct db *, struct report *, char **cause);

/* Where the report of the inspection at path goes by default: "PATH.report.html". */
char		*report_default_path(const char *path);
/*
 * Read db and write its report to out, "-" for standard output, otherwise a
 * temporary beside out renamed over it when whole (mode 0600: the notes are
 * about children). *notes (when not NULL) is set to the evidence notes
 * written. A path that is an inspection file is refused. 0, or -1 with *cause.
 */
int		 report_run(struct db *, const char *out, size_t *notes,
		     char **cause);

#endif
