/*
 * Helper for tests/cli/crash.sh: open an inspection file and save answers in a
 * loop, printing "SEQ" on stdout (flushed) only after db_answer_save has returned
 * 0, so whatever it printed was durably saved. The script kills it with SIGKILL
 * at a random moment and checks the file. Not a test by itself.
 *
 * usage: crashdriver FILE FIRST-SEQ COUNT
 * Each save writes note "seq N" on some case and question, so every printed
 * number must appear as a new_note in answer_history afterwards.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-case.h"
#include "db.h"
#include "util.h"

#define NCASES	8

int
main(int argc, char **argv)
{
	static const enum answer_value values[] = {
		ANSWER_YES, ANSWER_NO, ANSWER_NA
	};
	const struct qbank	*bank;
	struct db		*db;
	struct db_case		 c;
	long long		 ids[NCASES];
	long			 first, count, seq;
	char			*cause = NULL, ref[32], note[64];
	int			 i, rc;

	if (argc != 4) {
		fprintf(stderr, "usage: crashdriver FILE FIRST-SEQ COUNT\n");
		return 2;
	}
	first = strtol(argv[2], NULL, 10);
	count = strtol(argv[3], NULL, 10);
	if ((db = db_open(argv[1], 0, &cause)) == NULL) {
		fprintf(stderr, "crashdriver: %s\n", cause);
		return 1;
	}
	bank = db_bank(db);
	for (i = 0; i < NCASES; i++) {
		snprintf(ref, sizeof ref, "CRASH-%02d", i);
		rc = db_case_find(db, QB_CHILD, ref, &c, &cause);
		if (rc == 1) {
			memset(&c, 0, sizeof c);
			c.kind = QB_CHILD;
			c.ref = ref;
			c.type = QB_COURT;
			if (db_case_add(db, &c, &cause) != 0)
				rc = -1;
			else
				rc = 0;
			ids[i] = c.id;
			c.ref = NULL;
		} else if (rc == 0) {
			ids[i] = c.id;
			db_case_clear(&c);
		}
		if (rc != 0) {
			fprintf(stderr, "crashdriver: %s\n", cause);
			return 1;
		}
	}
	for (seq = first; seq < first + count; seq++) {
		size_t q = (size_t)seq % bank->nquestions;

		snprintf(note, sizeof note, "seq %ld", seq);
		if (db_answer_save(db, ids[seq % NCASES],
		    bank->questions[q].id, values[seq % 3], note,
		    &cause) != 0) {
			fprintf(stderr, "crashdriver: %s\n", cause);
			return 1;
		}
		/* A report that cannot be written whole must stop the run. */
		if (printf("%ld\n", seq) < 0 || fflush(stdout) != 0) {
			fprintf(stderr, "crashdriver: cannot report save %ld\n",
			    seq);
			return 1;
		}
	}
	db_close(db);
	return 0;
}
