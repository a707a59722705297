/*
 * What a merge no longer takes on trust from a bundle, beyond its schema
 * (db_schema_check, at open): that each value it reads has the type and
 * nullness the schema promises (a bundle's pages can say otherwise, and a NULL
 * where text was promised crashed the checks that followed), and that the
 * question bank it was read with is, byte for byte, the lead's.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db-internal.h"
#include "util.h"

/*
 * The columns of each digest query (db_digest_sql), by type: 'i' an integer,
 * 'I' an integer or NULL, 't' text, 'T' text or NULL. Every column is named:
 * one the string does not cover is refused, never read unchecked.
 */
static const char *const value_types[DB_DIGEST_NTABLES] = {
	[DB_DIGEST_INSPECTION] = "ttttttt",
	[DB_DIGEST_INSPECTOR] = "it",
	[DB_DIGEST_CASES] = "ittTtiiTtttTItttt",
	[DB_DIGEST_ANSWER] = "itTtit",
	[DB_DIGEST_HISTORY] = "itTTTtit",
	[DB_DIGEST_EVENT] = "ittit",
	[DB_DIGEST_ORIGIN] = "iT",
};

static const char *const table_names[DB_DIGEST_NTABLES] = {
	[DB_DIGEST_INSPECTION] = "inspection",
	[DB_DIGEST_INSPECTOR] = "inspector",
	[DB_DIGEST_CASES] = "cases",
	[DB_DIGEST_ANSWER] = "answer",
	[DB_DIGEST_HISTORY] = "answer_history",
	[DB_DIGEST_EVENT] = "case_event",
	[DB_DIGEST_ORIGIN] = "case_origin",
};

/*
 * Before anything reads a value as text: sqlite3_value_text converts a blob
 * in place, and its type then says text.
 */
int
db_merge_values_ok(size_t table, sqlite3_value **cols, int ncols,
    char **why)
{
	const char	*want;
	int		 i, type;

	if (table >= DB_DIGEST_NTABLES)
		return 1;
	want = value_types[table];
	for (i = 0; i < ncols; i++) {
		type = sqlite3_value_type(cols[i]);
		if (want[i] == '\0') {
			if (why != NULL && *why == NULL)
				*why = xasprintf("a row of its %s table has a "
				    "column %d this caseread does not know",
				    table_names[table], i + 1);
			return 0;
		}
		if ((want[i] == 'i' || want[i] == 'I') && type == SQLITE_INTEGER)
			continue;
		if (want[i] == 'I' && type == SQLITE_NULL)
			continue;
		if ((want[i] == 't' || want[i] == 'T') && type == SQLITE_TEXT)
			continue;
		if (want[i] == 'T' && type == SQLITE_NULL)
			continue;
		if (why != NULL && *why == NULL)
			*why = xasprintf("a row of its %s table holds %s where "
			    "%s was expected (column %d)", table_names[table],
			    type == SQLITE_NULL ? "NULL" : type ==
			    SQLITE_INTEGER ? "a number" : type == SQLITE_FLOAT ?
			    "a number" : type == SQLITE_BLOB ? "binary data" :
			    "text", want[i] == 'i' || want[i] == 'I' ? "a number" :
			    "text",
			    i + 1);
		return 0;
	}
	return 1;
}

int
db_merge_bank_same(const struct qbank *lead, const struct qbank *b,
    const char *lead_path, const char *path, char **cause)
{
	const char	*lp = lead->text, *bp = b->text, *le, *be;
	const char	*lend = lead->text + lead->len;
	const char	*bend = b->text + b->len;
	char		*ls, *bs;
	int		 line = 1;

	if (lead->len == b->len && memcmp(lead->text, b->text, b->len) == 0)
		return 0;
	/* The first line that differs, each side shown safely. */
	for (;;) {
		le = memchr(lp, '\n', (size_t)(lend - lp));
		be = memchr(bp, '\n', (size_t)(bend - bp));
		if (le == NULL)
			le = lend;
		if (be == NULL)
			be = bend;
		if (le - lp != be - bp || memcmp(lp, bp,
		    (size_t)(le - lp)) != 0 || le == lend || be == bend)
			break;
		lp = le + 1;
		bp = be + 1;
		line++;
	}
	ls = db_escape(lp, (size_t)(le - lp));
	bs = db_escape(bp, (size_t)(be - bp));
	util_fail(cause, "'%s' was read with other words of question bank %s "
	    "%s than '%s': line %d is \"%.200s\" there but \"%.200s\" here; "
	    "every inspector's file must use the same bank", path, b->id,
	    b->version, lead_path, line, bs, ls);
	free(ls);
	free(bs);
	return -1;
}
