/*
 * The tally's feed from an inspection file, and the sample minimums it records
 * (db-tally.c). The rules themselves are tally.c's, which knows no storage.
 */
#ifndef CASEREAD_DB_TALLY_H
#define CASEREAD_DB_TALLY_H

#include "db.h"

/* Tally feed (db-tally.c) */
struct tally;
/*
 * Feed every case and key-question answer in the file into t (made by tally_new
 * on db_bank(db)), with the inspection type, sample minimums and judgements, then
 * tally_finish it. One ordered query streamed in a read transaction: memory does
 * not grow with the number of cases or answers.
 */
int		 db_tally(struct db *, struct tally *t, char **cause);
/*
 * Record the sample size minimums (a negative value leaves that one as it is);
 * db_inspection reflects them at once.
 */
int		 db_tally_set_minimums(struct db *, int children, int victims,
		     char **cause);

#endif
