/*
 * Merging the rating meetings' decisions: a bundle's judgements (V1.2, the
 * victims' rating, domain one) with their reasons, and its decision log. A
 * judgement is taken when the lead has none of that name or the bundle's was
 * decided later; log rows the lead does not already hold are added. A change
 * of inspection type is the lead's own (caseread retype), never merged.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db-internal.h"
#include "textgate.h"
#include "util.h"

static const char lead_name_sql[] =
    "INSERT OR IGNORE INTO main.inspector (name) VALUES (?1)";
static const char lead_judgement_sql[] =
    "INSERT INTO main.judgement (name, value, reason, inspector, at) "
    "SELECT ?1, ?2, ?3, i.id, ?5 FROM main.inspector i WHERE i.name = ?4 "
    "ON CONFLICT (name) DO UPDATE SET value = excluded.value, reason = "
    "excluded.reason, inspector = excluded.inspector, at = excluded.at "
    "WHERE excluded.at > judgement.at";
static const char lead_log_sql[] =
    "INSERT INTO main.decision_log (name, old_value, new_value, reason, "
    "inspector, at) SELECT ?1, ?2, ?3, ?4, i.id, ?6 FROM main.inspector i "
    "WHERE i.name = ?5 AND NOT EXISTS (SELECT 1 FROM main.decision_log d "
    "WHERE d.name = ?1 AND d.new_value IS ?3 AND d.reason = ?4 AND "
    "d.inspector = i.id AND d.at = ?6)";

/* Bind column c of the bundle's row to parameter p of the lead's statement. */
static void
bind_col(sqlite3_stmt *to, int p, sqlite3_stmt *from, int c)
{
	if (sqlite3_column_type(from, c) == SQLITE_NULL)
		sqlite3_bind_null(to, p);
	else
		sqlite3_bind_text(to, p, (const char *)sqlite3_column_text(from,
		    c), -1, SQLITE_TRANSIENT);
}

/*
 * A value from the bundle passes the same gate as at every other door: text
 * (or NULL where nullable), within the limits of its kind. -1 with *cause
 * naming the bundle and the column.
 */
static int
gate_col(struct db *b, sqlite3_stmt *from, int c, int name_col,
    int reason_col, char **cause)
{
	enum textgate_kind	 kind = TEXTGATE_WORD;
	const char		*s;
	char			*why = NULL;
	int			 rc;

	if (c == name_col)
		kind = TEXTGATE_NAME;
	else if (c == reason_col)
		kind = TEXTGATE_REASON;
	switch (sqlite3_column_type(from, c)) {
	case SQLITE_NULL:
		/* Names, reasons and times are NOT NULL; values may be cleared. */
		if (c == name_col || c == reason_col || c == name_col + 1)
			break;
		return 0;
	case SQLITE_TEXT:
		s = (const char *)sqlite3_column_text(from, c);
		if (textgate_check(kind, s, (size_t)sqlite3_column_bytes(from,
		    c), &why) == 0)
			return 0;
		rc = util_fail(cause, "'%s' is refused: its decisions, %s: %s",
		    b->path, sqlite3_column_name(from, c), why);
		free(why);
		return rc;
	default:
		break;
	}
	return util_fail(cause, "'%s' is refused: its decisions, %s: not text",
	    b->path, sqlite3_column_name(from, c));
}

/*
 * Each row of src_sql on the bundle, its columns bound in order as ?1..?n of
 * put_sql on the lead, after the inspector's name (column name_col) is there.
 */
static int
copy(struct db *lead, struct db *b, const char *src_sql, const char *put_sql,
    int name_col, int reason_col, int *changed, char **cause)
{
	sqlite3_stmt	*src = NULL, *name, *put;
	int		 rc, i, n;

	if ((name = db_stmt(lead, lead_name_sql, cause)) == NULL ||
	    (put = db_stmt(lead, put_sql, cause)) == NULL)
		return -1;
	if (sqlite3_prepare_v2(b->h, src_sql, -1, &src, NULL) != SQLITE_OK) {
		sqlite3_finalize(src);
		return util_fail(cause, "%s: cannot read decisions: %s", b->path,
		    sqlite3_errmsg(b->h));
	}
	n = sqlite3_column_count(src);
	while ((rc = sqlite3_step(src)) == SQLITE_ROW) {
		for (i = 0; i < n; i++) {
			if (gate_col(b, src, i, name_col, reason_col,
			    cause) != 0) {
				sqlite3_finalize(src);
				return -1;
			}
		}
		bind_col(name, 1, src, name_col);
		rc = sqlite3_step(name);
		sqlite3_reset(name);
		if (rc != SQLITE_DONE)
			break;
		for (i = 0; i < n; i++)
			bind_col(put, i + 1, src, i);
		rc = sqlite3_step(put);
		sqlite3_reset(put);
		if (rc != SQLITE_DONE)
			break;
		if (sqlite3_changes(lead->h) > 0)
			*changed = 1;
	}
	sqlite3_finalize(src);
	if (rc != SQLITE_DONE)
		return util_fail(cause, "%s: cannot merge the decisions of '%s': "
		    "%s", lead->path, b->path, sqlite3_errmsg(lead->h));
	return 0;
}

int
db_merge_judgements(struct db *lead, struct db *b, int *changed,
    char **cause)
{
	static const char judgements_sql[] = "SELECT j.name, j.value, "
	    "j.reason, i.name, j.at FROM judgement j JOIN inspector i ON "
	    "i.id = j.inspector ORDER BY j.name";
	static const char log_sql[] = "SELECT d.name, d.old_value, "
	    "d.new_value, d.reason, i.name, d.at FROM decision_log d JOIN "
	    "inspector i ON i.id = d.inspector WHERE d.name <> 'type' ORDER BY "
	    "d.id";

	*changed = 0;
	if (copy(lead, b, judgements_sql, lead_judgement_sql, 3, 2, changed,
	    cause) != 0)
		return -1;
	return copy(lead, b, log_sql, lead_log_sql, 4, 3, changed, cause);
}
