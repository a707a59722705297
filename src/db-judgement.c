/*
 * Inspection-level judgements: V1.2, the panel's victims' rating and the IYJS
 * domain one ratings, each with the reason the meeting gave, and the decision
 * log that keeps every one as it was made (and a change of inspection type).
 * Whether a value makes sense (a victims' rating inside the V1 range) is
 * tally.c's rule; this file only keeps what the schema allows.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db-internal.h"
#include "uktime.h"
#include "util.h"

/* Add a row to the decision log, in the open write. */
static int
log_decision(struct db *db, const char *name, const char *old_value,
    const char *new_value, const char *reason, long long insp,
    const char *now, char **cause)
{
	static const char sql[] = "INSERT INTO decision_log (name, old_value, "
	    "new_value, reason, inspector, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt	*stmt;

	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, old_value, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, new_value, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 5, insp);
	sqlite3_bind_text(stmt, 6, now, -1, SQLITE_STATIC);
	return db_step(db, stmt, "cannot log the decision", cause);
}

int
db_judgement_set(struct db *db, const char *name, const char *value,
    char **cause)
{
	return db_judgement_decide(db, name, value, "", cause);
}

int
db_judgement_decide(struct db *db, const char *name, const char *value,
    const char *reason, char **cause)
{
	static const char put_sql[] = "INSERT INTO judgement (name, value, "
	    "inspector, at, reason) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT "
	    "(name) DO UPDATE SET value = ?2, inspector = ?3, at = ?4, "
	    "reason = ?5";
	static const char del_sql[] = "DELETE FROM judgement WHERE name = ?";
	sqlite3_stmt	*stmt;
	long long	 insp;
	char		 now[UTIL_TIME_LEN], *old = NULL;
	int		 rc;

	if (reason == NULL)
		reason = "";
	if ((rc = db_txn_begin(db, "judgement", cause)) != 0)
		return rc;
	util_now(now);
	if ((rc = db_inspector_id(db, db->user, &insp, cause)) != 0 ||
	    (rc = db_judgement_get(db, name, &old, cause)) != 0)
		return db_txn_finish(db, "judgement", rc, NULL);
	rc = -ERR_FAILED;
	if (value == NULL) {
		if ((stmt = db_stmt(db, del_sql, cause)) == NULL)
			goto fail;
		sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
	} else {
		if ((stmt = db_stmt(db, put_sql, cause)) == NULL)
			goto fail;
		sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, value, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 3, insp);
		sqlite3_bind_text(stmt, 4, now, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 5, reason, -1, SQLITE_STATIC);
	}
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		if ((sqlite3_extended_errcode(db->h) & 0xff) ==
		    SQLITE_CONSTRAINT)
			rc = err_fail(cause, ERR_INVALID, "'%s' is not a valid "
			    "value for %s", value != NULL ? value : "", name);
		else
			rc = db_fail(db, cause, "cannot save judgement");
		goto fail;
	}
	/* Clearing what was never recorded decides nothing. */
	rc = 0;
	if (old != NULL || value != NULL)
		rc = log_decision(db, name, old, value, reason, insp, now,
		    cause);
fail:
	free(old);
	return db_txn_finish(db, "judgement", rc, cause);
}

/* How a judgement is named in a sentence. */
static const char *
judgement_title(const char *name)
{
	return strcmp(name, "victims") == 0 ? "the victims' rating" : name;
}

/*
 * 0 when name holds seen (NULL: not recorded) in the open write; otherwise
 * -ERR_CHANGED with *cause saying what it holds now, and who recorded it when
 * (the judgement's row, or for one cleared the decision log's last entry).
 */
static int
judgement_check(struct db *db, const char *name, const char *seen,
    char **cause)
{
	static const char now_sql[] = "SELECT j.value, i.name, j.at FROM "
	    "judgement j JOIN inspector i ON i.id = j.inspector WHERE "
	    "j.name = ?";
	static const char log_sql[] = "SELECT NULL, i.name, d.at FROM "
	    "decision_log d JOIN inspector i ON i.id = d.inspector WHERE "
	    "d.name = ? ORDER BY d.at DESC, d.id DESC LIMIT 1";
	sqlite3_stmt	*stmt;
	char		*value = NULL, *who = NULL, *at = NULL, *when, *by;
	int		 rc, found;

	if ((stmt = db_stmt(db, now_sql, cause)) == NULL)
		return -ERR_FAILED;
	sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
	if ((found = db_step_row(db, stmt, "cannot read judgement",
	    cause)) < 0)
		return found;
	if (found) {
		value = db_column_dup(stmt, 0);
		who = db_column_dup(stmt, 1);
		at = db_column_dup(stmt, 2);
		sqlite3_reset(stmt);
	}
	if (value != NULL ? seen != NULL && strcmp(value, seen) == 0 :
	    seen == NULL) {
		free(at);
		free(who);
		free(value);
		return 0;
	}
	if (!found) {
		if ((stmt = db_stmt(db, log_sql, cause)) == NULL)
			return -ERR_FAILED;
		sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
		if ((found = db_step_row(db, stmt, "cannot read the decision "
		    "log", cause)) < 0)
			return found;
		if (found) {
			who = db_column_dup(stmt, 1);
			at = db_column_dup(stmt, 2);
			sqlite3_reset(stmt);
		}
	}
	if (found) {
		when = uktime_show(at);
		by = xasprintf(" (by %s at %s)", who, when);
		free(when);
	} else
		by = xstrdup("");
	if (value != NULL)
		rc = err_fail(cause, ERR_CHANGED, "not saved: %s was recorded "
		    "as %s elsewhere since it was shown%s",
		    judgement_title(name), value, by);
	else
		rc = err_fail(cause, ERR_CHANGED, "not saved: %s was cleared "
		    "elsewhere since it was shown%s", judgement_title(name), by);
	free(by);
	free(at);
	free(who);
	free(value);
	return rc;
}

int
db_judgement_decide_if(struct db *db, const struct db_judgement_edit *edits,
    size_t n, const char *reason, char **cause)
{
	size_t	i;
	int	rc;

	if ((rc = db_txn_begin(db, "judgement_if", cause)) != 0)
		return rc;
	/* All compared before any is written: a refusal writes nothing. */
	for (i = 0; i < n && rc == 0; i++)
		rc = judgement_check(db, edits[i].name, edits[i].seen, cause);
	for (i = 0; i < n && rc == 0; i++)
		rc = db_judgement_decide(db, edits[i].name, edits[i].value,
		    reason, cause);
	return db_txn_finish(db, "judgement_if", rc, cause);
}

int
db_judgement_reason(struct db *db, const char *name, char **reason,
    char **cause)
{
	static const char sql[] = "SELECT reason FROM judgement WHERE name = ?";

	return db_rows_text(db, sql, name, reason, "cannot read judgement", cause);
}

int
db_inspection_retype(struct db *db, const char *type, const char *reason,
    char **cause)
{
	static const char sql[] = "UPDATE inspection SET type = ?1 WHERE id = 1";
	sqlite3_stmt	*stmt;
	long long	 insp;
	char		 now[UTIL_TIME_LEN], *old;
	int		 rc;

	if ((rc = db_txn_begin(db, "retype", cause)) != 0)
		return rc;
	util_now(now);
	if ((rc = db_inspector_id(db, db->user, &insp, cause)) != 0)
		return db_txn_finish(db, "retype", rc, NULL);
	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return db_txn_finish(db, "retype", -1, NULL);
	sqlite3_bind_text(stmt, 1, type, -1, SQLITE_STATIC);
	rc = db_step(db, stmt, "cannot change the inspection type", cause);
	if (rc == 0)
		rc = log_decision(db, "type", db->insp.type, type, reason, insp,
		    now, cause);
	if ((rc = db_txn_finish(db, "retype", rc, cause)) != 0)
		return rc;
	old = db->insp.type;
	db->insp.type = xstrdup(type);
	free(old);
	return 0;
}

static void
read_decision(sqlite3_stmt *stmt, void *row)
{
	struct db_decision	*d = row;

	d->name = db_column_dup(stmt, 0);
	d->old_value = sqlite3_column_type(stmt, 1) == SQLITE_NULL ? NULL :
	    db_column_dup(stmt, 1);
	d->new_value = sqlite3_column_type(stmt, 2) == SQLITE_NULL ? NULL :
	    db_column_dup(stmt, 2);
	d->reason = db_column_dup(stmt, 3);
	d->inspector = db_column_dup(stmt, 4);
	d->at = db_column_dup(stmt, 5);
}

static void
free_decisions(void *list, size_t n)
{
	db_decision_list_free(list, n);
}

int
db_decision_list(struct db *db, struct db_decision **out, size_t *n,
    char **cause)
{
	static const char sql[] = "SELECT d.name, d.old_value, d.new_value, "
	    "d.reason, i.name, d.at FROM decision_log d JOIN inspector i ON "
	    "i.id = d.inspector ORDER BY d.at, d.id";
	sqlite3_stmt	*stmt;
	void		*list;

	*out = NULL;
	*n = 0;
	if ((stmt = db_stmt(db, sql, cause)) == NULL ||
	    db_rows_list(db, stmt, sizeof **out, read_decision, free_decisions,
	    &list, n, "cannot read the decision log", cause) != 0)
		return -1;
	*out = list;
	return 0;
}

void
db_decision_list_free(struct db_decision *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(list[i].name);
		free(list[i].old_value);
		free(list[i].new_value);
		free(list[i].reason);
		free(list[i].inspector);
		free(list[i].at);
	}
	free(list);
}

int
db_judgement_get(struct db *db, const char *name, char **value, char **cause)
{
	static const char sql[] = "SELECT value FROM judgement WHERE name = ?";

	return db_rows_text(db, sql, name, value, "cannot read judgement", cause);
}
