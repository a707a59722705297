/*
 * Importing cases and answers from CSV (caseread import): every row checked
 * against the question bank, every bad row reported with its line number, and
 * the file written in one transaction, all or nothing.
 *
 * The CSV is UTF-8 (RFC 4180, a byte-order mark tolerated) with a header naming
 * at least case_ref, case_kind, case_type, question, answer and note, in any
 * order; an inspector column may name who read the case and gave its answers
 * (else the file's inspector). Optional columns give a case's own: macd,
 * withdrawn, manager_interviewed, period_start, period_end, victim_worker,
 * interview, manager and contact, as the CSV export writes them; its status
 * is read, not applied. Other columns are ignored.
 */
#ifndef CASEREAD_IMPORT_H
#define CASEREAD_IMPORT_H

#include <stdio.h>

#include "db.h"

/* Bad rows reported one by one before the rest are only counted. */
#define IMPORT_MAX_ERRORS	20

struct import_stats {
	long	rows;		/* data rows read (not the header, not blank lines) */
	long	cases_added;
	long	cases_updated;	/* existing cases whose type, inspector or own
				   columns (macd, withdrawal, details) changed,
				   each counted once */
	long	answers;	/* rows that saved an answer or note */
	long	left_draft;	/* cases the status column gives as complete
				   that are not complete in the file: import
				   never completes a case */
};

/*
 * Import the CSV read from f (name is used in messages) into db, inside one
 * transaction (nested in the caller's if one is open). Rules, per row:
 * - case_kind is child or victim; case_type is court, out-of-court, bail-remand
 *   or resettlement for a child's case and empty for a victim's; any case.
 * - question is an id in the file's question bank, read on cases of that kind,
 *   and (for prompts limited to some case types) applying to the case's type.
 * - answer is yes, no or na in any case, or empty to leave the answer as it is;
 *   an empty note likewise leaves the note. An empty question and answer row
 *   only creates the case, or updates its type and inspector.
 * - one case keeps one type within a file, and at most one inspector named
 *   in its rows (rows without one are answers given by the file's inspector);
 *   that name reads the case, whichever of its rows gives it.
 * - two rows for the same question of a case give the same answer (or none)
 *   and the same note (or none): the last does not silently win.
 * - a case already in the file and marked complete keeps its answers and notes:
 *   rows may repeat them, and a change is a bad row until the case is reopened.
 * - a case's own columns, each optional, empty to leave it as it is: macd yes
 *   or no (never yes on a victim's case); withdrawn, the reason, withdraws the
 *   case as db_case_withdraw does (a case withdrawn already keeps its reason:
 *   another is a bad row, and import never reinstates); manager_interviewed
 *   yes or no, period_start and period_end (both or neither), victim_worker
 *   and interview (victims' cases) are set through db_details_set, with its
 *   rules and history entry (a complete case's details are a bad row to
 *   change, and so is a fourth victims' case on one interview). Every row of
 *   a case that gives one gives the same. The withdrawal is written before
 *   the details, so a withdrawn case takes no room on its interview. While
 *   rows are only checked (after a bad one), the rules that need the file as
 *   written so far (an interview's room) are not.
 * - manager (the case manager's initials) and contact (interview or file, on
 *   a victims' case) are the case's own columns too, set through
 *   db_case_update as the case form saves them, with its rules and history
 *   entry, before the details; a complete case's are a bad row to change.
 * - status, draft or complete, is only read: import never completes or
 *   reopens a case (the key questions must be answered in caseread first).
 *   Every row of a case that gives it gives the same; a case it gives as
 *   complete that is not complete in the file is counted in left_draft.
 * - answers are recorded as given by their row's inspector; a change to a case
 *   itself (type, reader, macd, withdrawal, details) is recorded in its
 *   history as by db_user(db) when the import began (the file's inspector).
 * Returns 0 with *stats filled, or -1 with nothing written and *cause set to a
 * newly allocated message: one "NAME:LINE: problem" line per bad row (the first
 * IMPORT_MAX_ERRORS of them, then how many more), or the storage error.
 */
int	import_csv(struct db *, FILE *f, const char *name,
	    struct import_stats *stats, char **cause);

#endif
