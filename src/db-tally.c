/*
 * Feeding the tally from a file: cases and their answers read as two streams
 * in case order, so each case is complete when the next begins, inside one read
 * transaction. Nothing is held per answer; the counting itself is tally.c's.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db-internal.h"
#include "hashtab.h"
#include "tally.h"
#include "util.h"

struct insp_name {
	long long	 id;
	char		*name;
};

/* The inspector table, small: names by id for the per-inspector split. */
static int
load_inspectors(struct db *db, struct insp_name **out, size_t *n, char **cause)
{
	sqlite3_stmt		*stmt;
	struct insp_name	*list = NULL;
	size_t			 count = 0;
	int			 rc;

	if (sqlite3_prepare_v2(db->h, "SELECT id, name FROM inspector ORDER BY "
	    "id", -1, &stmt, NULL) != SQLITE_OK)
		return db_fail(db, cause, "cannot read inspectors");
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		list = xreallocarray(list, count + 1, sizeof *list);
		list[count].id = sqlite3_column_int64(stmt, 0);
		list[count].name = db_column_dup(stmt, 1);
		count++;
	}
	sqlite3_finalize(stmt);
	*out = list;
	*n = count;
	if (rc != SQLITE_DONE)
		return db_fail(db, cause, "cannot read inspectors");
	return 0;
}

static const char *
inspector_name(const struct insp_name *list, size_t n, long long id)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (list[i].id == id)
			return list[i].name;
	}
	return NULL;
}

static enum answer_value
value_of(const unsigned char *s)
{
	if (s == NULL)
		return ANSWER_NONE;
	if (s[0] == 'y')
		return ANSWER_YES;
	if (s[0] == 'n' && s[1] == 'o')
		return ANSWER_NO;
	if (s[0] == 'n' && s[1] == 'a')
		return ANSWER_NA;
	return ANSWER_NONE;
}

/* The judgements: V1.2, the panel's victims' rating, domain one. */
static int
load_judgements(struct db *db, struct tally *t, char **cause)
{
	static const char *const d1[TALLY_DOMAIN1] = { "1.1", "1.2", "1.3" };
	char	*v = NULL;
	int	 i;

	if (db_judgement_get(db, "V1.2", &v, cause) != 0)
		return -1;
	t->v12 = v == NULL ? -1 : strcmp(v, "yes") == 0;
	free(v);
	if (db_judgement_get(db, "victims", &v, cause) != 0)
		return -1;
	t->panel = v == NULL ? TALLY_NONE : tally_rating_parse(v);
	free(v);
	if (db_judgement_reason(db, "V1.2", &t->v12_reason, cause) != 0 ||
	    db_judgement_reason(db, "victims", &t->panel_reason, cause) != 0)
		return -1;
	for (i = 0; i < TALLY_DOMAIN1; i++) {
		if (db_judgement_get(db, d1[i], &v, cause) != 0)
			return -1;
		t->domain1[i] = v == NULL ? TALLY_NONE : tally_rating_parse(v);
		free(v);
		if (db_judgement_reason(db, d1[i], &t->domain1_reason[i],
		    cause) != 0)
			return -1;
	}
	return 0;
}

/*
 * The bank's key questions by id for the answer scan, which meets every
 * answered row: one hash and one compare a row, where tally_key_find compares
 * with each key in turn (all of them for a prompt's answer).
 */
static int
key_eq(const void *key, size_t i, void *arg)
{
	const struct tally	*t = arg;

	return strcmp(t->keys[i].id, key) == 0;
}

static struct hashtab *
key_index_new(const struct tally *t)
{
	struct hashtab	*ki = hashtab_new(t->nkeys);
	size_t		 i;

	for (i = 0; i < t->nkeys; i++)
		hashtab_put(ki, hashtab_str(t->keys[i].id,
		    strlen(t->keys[i].id)), i);
	return ki;
}

/*
 * Two scans in step, both in primary key order so neither sorts: cases by id,
 * and every row of the answer table by (case_id, question). Each case
 * takes the answers that follow it in the second scan. This reads the answer
 * table once from end to end, where a join would seek it once per case and key
 * (seven b-tree descents a case: five times slower than the scan on 500,000
 * cases). Prompts are passed by here: a string compare in C costs less than
 * the same filter in SQL (and so does telling kind and status), and a note
 * without an answer counts as unanswered in tally_case_answer.
 */
static int
feed(struct db *db, struct tally *t, const struct insp_name *names,
    size_t nnames, char **cause)
{
	static const char cases_sql[] = "SELECT id, kind, case_type, inspector, "
	    "status, macd, withdrawn IS NOT NULL FROM cases ORDER BY id";
	static const char answers_sql[] = "SELECT case_id, question, value FROM "
	    "answer ORDER BY case_id, question";
	sqlite3_stmt		*cs = NULL, *as = NULL;
	struct hashtab		*ki;
	const unsigned char	*kind, *type, *status, *question;
	long long		 id, aid = 0;
	size_t			 k;
	int			 rc, arc = SQLITE_DONE, gone;

	ki = key_index_new(t);

	if (sqlite3_prepare_v2(db->h, cases_sql, -1, &cs, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db->h, answers_sql, -1, &as, NULL) != SQLITE_OK) {
		rc = SQLITE_ERROR;
		goto out;
	}
	if ((arc = sqlite3_step(as)) == SQLITE_ROW)
		aid = sqlite3_column_int64(as, 0);
	while ((rc = sqlite3_step(cs)) == SQLITE_ROW) {
		id = sqlite3_column_int64(cs, 0);
		kind = sqlite3_column_text(cs, 1);
		type = sqlite3_column_text(cs, 2);
		status = sqlite3_column_text(cs, 4);
		gone = sqlite3_column_int(cs, 6);
		if (!gone && sqlite3_column_int(cs, 5) != 0)
			t->macd++;
		/* A withdrawn case is counted as such and left out of the rest. */
		if (gone)
			t->withdrawn++;
		/* The schema's CHECKs allow 'child'/'victim', 'draft'/'complete'. */
		else
			tally_case_begin(t, kind != NULL && kind[0] == 'v' ?
			    QB_VICTIM : QB_CHILD, type != NULL ?
			    qbank_type_parse((const char *)type) : 0,
			    inspector_name(names, nnames,
			    sqlite3_column_int64(cs, 3)), status != NULL &&
			    status[0] == 'c');
		/* Answers of no case cannot be (foreign key): pass them by. */
		while (arc == SQLITE_ROW && aid <= id) {
			question = sqlite3_column_text(as, 1);
			if (!gone && aid == id && question != NULL &&
			    (k = hashtab_find(ki, hashtab_str(question,
			    (size_t)sqlite3_column_bytes(as, 1)), key_eq,
			    question, t)) != HASHTAB_NONE)
				tally_case_answer(t, k,
				    value_of(sqlite3_column_text(as, 2)));
			if ((arc = sqlite3_step(as)) == SQLITE_ROW)
				aid = sqlite3_column_int64(as, 0);
		}
		if (!gone)
			tally_case_end(t);
		if (arc != SQLITE_ROW && arc != SQLITE_DONE)
			break;
	}
out:
	sqlite3_finalize(cs);
	sqlite3_finalize(as);
	hashtab_free(ki);
	if (rc != SQLITE_DONE || (arc != SQLITE_ROW && arc != SQLITE_DONE))
		return db_fail(db, cause, "cannot read answers");
	return 0;
}

int
db_tally(struct db *db, struct tally *t, char **cause)
{
	struct insp_name	*names = NULL;
	size_t			 nnames = 0, i;
	int			 rc;

	/* One snapshot: a writer beside us must not split a case's answers. */
	if (db_txn_read(db, "tally", cause) != 0)
		return -1;
	t->iyjs = strcmp(db->insp.type, "iyjs") == 0;
	t->min_children = db->insp.min_children;
	t->min_victims = db->insp.min_victims;
	rc = load_inspectors(db, &names, &nnames, cause);
	if (rc == 0)
		rc = load_judgements(db, t, cause);
	if (rc == 0)
		rc = feed(db, t, names, nnames, cause);
	db_txn_end(db, "tally", 1, NULL);
	for (i = 0; i < nnames; i++)
		free(names[i].name);
	free(names);
	if (rc != 0)
		return -1;
	tally_finish(t);
	return 0;
}

int
db_tally_set_minimums(struct db *db, int children, int victims, char **cause)
{
	static const char sql[] = "UPDATE inspection SET min_children = "
	    "coalesce(?1, min_children), min_victims = coalesce(?2, "
	    "min_victims) WHERE id = 1";
	sqlite3_stmt	*stmt;
	int		 ok;

	if (db_txn_begin(db, "minimums", cause) != 0)
		return -1;
	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return db_txn_end(db, "minimums", 0, NULL);
	if (children >= 0)
		sqlite3_bind_int(stmt, 1, children);
	if (victims >= 0)
		sqlite3_bind_int(stmt, 2, victims);
	ok = db_step(db, stmt, "cannot record sample minimums", cause) == 0;
	if (db_txn_end(db, "minimums", ok, cause) != 0)
		return -1;
	if (children >= 0)
		db->insp.min_children = children;
	if (victims >= 0)
		db->insp.min_victims = victims;
	return 0;
}
