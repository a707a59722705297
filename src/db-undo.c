/*
 * Undo for the read screen: the last change to any answer of a case, taken
 * back to what it was before, from the answer's history. The undo is itself a
 * change with a history row of its own, so nothing is lost and undoing again
 * puts the change back.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db-internal.h"
#include "util.h"

static enum answer_value
undo_value(sqlite3_stmt *stmt, int col)
{
	const char	*s = (const char *)sqlite3_column_text(stmt, col);
	int		 v;

	if (s == NULL || (v = db_answer_parse(s)) < 0)
		return ANSWER_NONE;
	return (enum answer_value)v;
}

int
db_answer_undo(struct db *db, long long case_id, struct db_undo *out,
    char **cause)
{
	static const char last_sql[] = "SELECT question, old_value, "
	    "coalesce(old_note, ''), new_value, new_note FROM answer_history "
	    "WHERE case_id = ?1 ORDER BY id DESC LIMIT 1";
	sqlite3_stmt	*stmt;
	struct db_case	 c;
	char		*old_note = NULL;
	int		 rc;

	memset(out, 0, sizeof *out);
	memset(&c, 0, sizeof c);
	if ((rc = db_txn_begin(db, "undo", cause)) != 0)
		return rc;
	if ((rc = db_case_get(db, case_id, &c, cause)) != 0) {
		if (rc > 0)
			rc = err_fail(cause, ERR_NOTFOUND, "%s: no case with "
			    "id %lld", db->path, case_id);
		goto fail;
	}
	if (c.complete) {
		rc = err_fail(cause, ERR_INVALID, "case %s is marked complete: "
		    "reopen it before changing answers", c.ref);
		goto fail;
	}
	rc = -ERR_FAILED;
	if ((stmt = db_stmt(db, last_sql, cause)) == NULL)
		goto fail;
	sqlite3_bind_int64(stmt, 1, case_id);
	if ((rc = db_step_row(db, stmt, "cannot read the answer's history",
	    cause)) < 0)
		goto fail;
	if (rc == 0) {
		db_case_clear(&c);
		db_txn_rollback(db, "undo");
		return 1;
	}
	out->question = db_column_dup(stmt, 0);
	out->value = undo_value(stmt, 1);
	old_note = db_column_dup(stmt, 2);
	out->undone = undo_value(stmt, 3);
	out->note_changed = strcmp(old_note, (const char *)
	    sqlite3_column_text(stmt, 4)) != 0;
	sqlite3_reset(stmt);
	if ((rc = db_answer_save(db, case_id, out->question, out->value,
	    old_note, cause)) != 0)
		goto fail;
	/* A commit that fails has rolled its level back already. */
	if ((rc = db_txn_commit(db, "undo", cause)) != 0)
		goto failed;
	free(old_note);
	db_case_clear(&c);
	return 0;
fail:
	db_txn_rollback(db, "undo");
failed:
	free(old_note);
	db_case_clear(&c);
	free(out->question);
	out->question = NULL;
	return rc;
}
