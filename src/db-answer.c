/*
 * Answer rows and their history. Each save is its own durable transaction (unless
 * the caller holds one), and every change leaves a history row with the old and
 * new value, who and when; an unchanged answer writes nothing. The terminal
 * interface saves only what it saw (db_answer_save_if), so that two windows on
 * one file never overwrite each other unawares.
 */
#include "config.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db-internal.h"
#include "textgate.h"
#include "util.h"

const char *
db_answer_name(enum answer_value v)
{
	switch (v) {
	case ANSWER_YES:
		return "yes";
	case ANSWER_NO:
		return "no";
	case ANSWER_NA:
		return "na";
	default:
		return "";
	}
}

int
db_answer_parse(const char *s)
{
	if (*s == '\0')
		return ANSWER_NONE;
	if (strcasecmp(s, "yes") == 0)
		return ANSWER_YES;
	if (strcasecmp(s, "no") == 0)
		return ANSWER_NO;
	if (strcasecmp(s, "na") == 0)
		return ANSWER_NA;
	return ANSWER_UNKNOWN;
}

static enum answer_value
column_value(sqlite3_stmt *stmt, int col)
{
	const char	*s = (const char *)sqlite3_column_text(stmt, col);
	int		 v;

	if (s == NULL)
		return ANSWER_NONE;
	v = db_answer_parse(s);
	return v < 0 ? ANSWER_NONE : (enum answer_value)v;
}

static void
bind_value(sqlite3_stmt *stmt, int col, enum answer_value v)
{
	if (v == ANSWER_NONE)
		sqlite3_bind_null(stmt, col);
	else
		sqlite3_bind_text(stmt, col, db_answer_name(v), -1,
		    SQLITE_STATIC);
}

/*
 * Both saves: seen NULL writes whatever the row holds (import, demo, tests);
 * otherwise the case's status and the row must be as seen, checked after BEGIN
 * IMMEDIATE has the write lock, or nothing is written and -ERR_CHANGED is
 * returned.
 */
static int
answer_save(struct db *db, long long case_id, const char *question,
    const struct db_answer_seen *seen, enum answer_value value,
    const char *note, char **cause)
{
	static const char old_sql[] = "SELECT value, note, inspector FROM answer "
	    "WHERE case_id = ? AND question = ?";
	/* The case's row is there whether or not the answer's is. */
	static const char seen_sql[] = "SELECT a.value, a.note, a.inspector, "
	    "a.case_id IS NOT NULL, c.status = 'complete' FROM cases c "
	    "LEFT JOIN answer a ON a.case_id = c.id AND a.question = ?2 "
	    "WHERE c.id = ?1";
	/*
	 * An INSERT or an UPDATE as the row read above says, and the UPDATE sets
	 * the inspector only when it changes. An UPDATE of a foreign key column
	 * (or an upsert) inside a transaction makes SQLite open a statement
	 * journal, whose 64 KiB buffer, allocated and freed on every save, made
	 * glibc grow and trim the heap twice a save: a third of a save's time.
	 */
	static const char add_sql[] = "INSERT INTO answer (case_id, question, "
	    "value, note, inspector, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	static const char change_sql[] = "UPDATE answer SET value = ?3, note = "
	    "?4, updated_at = ?6 WHERE case_id = ?1 AND question = ?2";
	static const char change_insp_sql[] = "UPDATE answer SET value = ?3, "
	    "note = ?4, inspector = ?5, updated_at = ?6 WHERE case_id = ?1 AND "
	    "question = ?2";
	static const char hist_sql[] = "INSERT INTO answer_history (case_id, "
	    "question, old_value, old_note, new_value, new_note, inspector, at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt		*stmt;
	enum answer_value	 old_value = ANSWER_NONE, new_value;
	char			*old_note = NULL, now[UTIL_TIME_LEN], *why;
	const char		*new_note;
	long long		 insp, old_insp = 0;
	int			 rc, existed, complete = 0, changed = 0;

	if (textgate_check_str(TEXTGATE_NOTE, note, &why) != 0) {
		rc = err_fail(cause, ERR_INVALID, "the evidence note for %s is "
		    "not valid text: %s", question, why);
		free(why);
		return rc;
	}
	/* The answer and its history row: both or neither. */
	if ((rc = db_txn_begin(db, "answer", cause)) != 0)
		return rc;
	/* The case on screen, not another that came to have its id. */
	if (seen != NULL && seen->ref != NULL && (rc = db_case_same(db, case_id,
	    seen->kind, seen->ref, cause)) != 0)
		goto out;
	rc = -ERR_FAILED;
	if ((stmt = db_stmt(db, seen != NULL ? seen_sql : old_sql,
	    cause)) == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, case_id);
	sqlite3_bind_text(stmt, 2, question, -1, SQLITE_STATIC);
	if ((rc = db_step_row(db, stmt, "cannot read answer", cause)) < 0)
		goto out;
	if (rc == 0 && seen != NULL) {
		rc = err_fail(cause, ERR_NOTFOUND, "%s: no case with id %lld",
		    db->path, case_id);
		goto out;
	}
	existed = rc == 1 && (seen == NULL || sqlite3_column_int(stmt, 3) != 0);
	if (existed) {
		old_value = column_value(stmt, 0);
		old_note = db_column_dup(stmt, 1);
		old_insp = sqlite3_column_int64(stmt, 2);
	}
	if (rc == 1 && seen != NULL)
		complete = sqlite3_column_int(stmt, 4);
	sqlite3_reset(stmt);
	rc = 0;
	/* A case completed or reopened since is news, even to a no-op save. */
	if (seen != NULL && complete != (seen->complete != 0)) {
		changed = 1;	/* nothing written: an empty commit */
		goto out;
	}
	new_value = value == ANSWER_KEEP ? old_value : value;
	new_note = note != NULL ? note : (old_note != NULL ? old_note : "");
	if (existed && new_value == old_value && strcmp(new_note,
	    old_note) == 0)
		goto out;	/* unchanged: no write, no history */
	if (!existed && new_value == ANSWER_NONE && *new_note == '\0')
		goto out;
	/*
	 * Only now, so a save that would write what is there already succeeds:
	 * it overwrites nothing. No row is what a screen shows as unanswered
	 * with no note.
	 */
	if (seen != NULL && ((seen->value != ANSWER_KEEP && seen->value !=
	    old_value) || (seen->note != NULL && strcmp(seen->note,
	    old_note != NULL ? old_note : "") != 0))) {
		changed = 1;
		goto out;
	}
	if ((rc = db_inspector_id(db, db->user, &insp, cause)) != 0)
		goto out;
	util_now(now);

	rc = -ERR_FAILED;
	if ((stmt = db_stmt(db, !existed ? add_sql : old_insp == insp ?
	    change_sql : change_insp_sql, cause)) == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, case_id);
	sqlite3_bind_text(stmt, 2, question, -1, SQLITE_STATIC);
	bind_value(stmt, 3, new_value);
	sqlite3_bind_text(stmt, 4, new_note, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 5, insp);
	sqlite3_bind_text(stmt, 6, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		if (sqlite3_extended_errcode(db->h) ==
		    SQLITE_CONSTRAINT_FOREIGNKEY)
			rc = err_fail(cause, ERR_NOTFOUND, "%s: no case with "
			    "id %lld", db->path, case_id);
		else
			rc = db_fail(db, cause, "cannot save answer");
		goto out;
	}

	rc = -ERR_FAILED;
	if ((stmt = db_stmt(db, hist_sql, cause)) == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, case_id);
	sqlite3_bind_text(stmt, 2, question, -1, SQLITE_STATIC);
	bind_value(stmt, 3, old_value);
	if (existed)
		sqlite3_bind_text(stmt, 4, old_note, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(stmt, 4);
	bind_value(stmt, 5, new_value);
	sqlite3_bind_text(stmt, 6, new_note, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 7, insp);
	sqlite3_bind_text(stmt, 8, now, -1, SQLITE_STATIC);
	rc = db_step(db, stmt, "cannot record answer history", cause);
out:
	free(old_note);
	if (rc != 0) {
		db_txn_rollback(db, "answer");
		return rc;
	}
	if ((rc = db_txn_commit(db, "answer", cause)) != 0)
		return rc;
	if (changed)
		return err_fail(cause, ERR_CHANGED, "not saved: another window "
		    "changed the answer to %s or its case since it was shown",
		    question);
	return 0;
}

int
db_answer_save(struct db *db, long long case_id, const char *question,
    enum answer_value value, const char *note, char **cause)
{
	return answer_save(db, case_id, question, NULL, value, note, cause);
}

int
db_answer_save_if(struct db *db, long long case_id, const char *question,
    const struct db_answer_seen *seen, enum answer_value value,
    const char *note, char **cause)
{
	assert(seen != NULL);
	return answer_save(db, case_id, question, seen, value, note, cause);
}

void
db_answer_list_free(struct db_answer *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(list[i].question);
		free(list[i].note);
		free(list[i].inspector);
		free(list[i].updated_at);
	}
	free(list);
}

int
db_answer_list(struct db *db, long long case_id, struct db_answer **out,
    size_t *n, char **cause)
{
	static const char sql[] = "SELECT a.question, a.value, a.note, i.name, "
	    "a.updated_at FROM answer a JOIN inspector i ON i.id = a.inspector "
	    "WHERE a.case_id = ? ORDER BY a.question";
	sqlite3_stmt		*stmt;
	struct db_answer	*list = NULL;
	size_t			 count = 0;
	int			 rc;

	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, case_id);
	while ((rc = db_step_row(db, stmt, "cannot read answers", cause)) > 0) {
		list = xreallocarray(list, count + 1, sizeof *list);
		list[count].question = db_column_dup(stmt, 0);
		list[count].value = column_value(stmt, 1);
		list[count].note = db_column_dup(stmt, 2);
		list[count].inspector = db_column_dup(stmt, 3);
		list[count].updated_at = db_column_dup(stmt, 4);
		count++;
	}
	if (rc < 0) {
		db_answer_list_free(list, count);
		return rc;
	}
	*out = list;
	*n = count;
	return 0;
}

void
db_history_list_free(struct db_history *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(list[i].old_note);
		free(list[i].new_note);
		free(list[i].inspector);
		free(list[i].at);
	}
	free(list);
}

int
db_answer_history(struct db *db, long long case_id, const char *question,
    struct db_history **out, size_t *n, char **cause)
{
	static const char sql[] = "SELECT h.old_value, h.old_note, h.new_value, "
	    "h.new_note, i.name, h.at FROM answer_history h JOIN inspector i "
	    "ON i.id = h.inspector WHERE h.case_id = ? AND h.question = ? "
	    "ORDER BY h.id";
	sqlite3_stmt		*stmt;
	struct db_history	*list = NULL;
	size_t			 count = 0;
	int			 rc;

	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, case_id);
	sqlite3_bind_text(stmt, 2, question, -1, SQLITE_STATIC);
	while ((rc = db_step_row(db, stmt, "cannot read answer history",
	    cause)) > 0) {
		list = xreallocarray(list, count + 1, sizeof *list);
		list[count].old_value = column_value(stmt, 0);
		list[count].old_note = sqlite3_column_type(stmt, 1) ==
		    SQLITE_NULL ? NULL : db_column_dup(stmt, 1);
		list[count].new_value = column_value(stmt, 2);
		list[count].new_note = db_column_dup(stmt, 3);
		list[count].inspector = db_column_dup(stmt, 4);
		list[count].at = db_column_dup(stmt, 5);
		count++;
	}
	if (rc < 0) {
		db_history_list_free(list, count);
		return rc;
	}
	*out = list;
	*n = count;
	return 0;
}
