/*
 * The CSV sink: one row per answer in exactly the import header of 'caseread
 * import' (case_ref, case_kind, case_type, question, answer, note) plus the
 * reading inspector and then the case's own columns, repeated on each of its
 * rows (macd, withdrawn, the details, the manager's initials, the victim's
 * contact and the status, as export-json.c names them), so exporting and
 * importing gives the same cases and answers. New columns go at the end:
 * scripts read the first seven by position. A case with no answers still gets
 * a row, with empty question and answer, which import reads as "create the
 * case". Quoting is csv.c's (RFC 4180).
 *
 * CSV is bytes, but import reads only UTF-8 (and refuses a file with a bad
 * byte, naming its line), so ill-formed UTF-8, which caseread refuses to save
 * but a file edited with other tools may hold, is written as U+FFFD exactly as
 * the JSON sink does: every export imports, and export, import, export gives
 * the same file. export_opts.replaced counts the fields so changed.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "db-case.h"
#include "export.h"
#include "json.h"
#include "util.h"

static int
csv_begin(struct export_ctx *ctx, char **cause)
{
	static const char *const header[] = { "case_ref", "case_kind",
	    "case_type", "question", "answer", "note", "inspector", "macd",
	    "withdrawn", "manager_interviewed", "period_start", "period_end",
	    "victim_worker", "interview", "manager", "contact", "status" };
	struct csv_writer	*w;

	(void)cause;
	/* Excel reads UTF-8 only after a byte-order mark. */
	w = csv_writer_new(ctx->f, ctx->opts->excel ? CSV_BOM : 0);
	csv_write_row(w, header, sizeof header / sizeof header[0]);
	ctx->state = w;
	return 0;
}

/*
 * A field, and for --excel an apostrophe before what a spreadsheet would run
 * as a formula (and before an apostrophe, so that import can take exactly
 * the one added off again).
 */
static void
excel_field(struct export_ctx *ctx, const char *s, size_t n)
{
	struct csv_writer	*w = ctx->state;
	char			*quoted;

	if (!ctx->opts->excel || n == 0 || s[0] == '\0' ||
	    strchr(CSV_EXCEL_QUOTED, s[0]) == NULL) {
		csv_write_fieldn(w, s, n);
		return;
	}
	quoted = xmalloc(n + 1);
	quoted[0] = '\'';
	memcpy(quoted + 1, s, n);
	csv_write_fieldn(w, quoted, n + 1);
	free(quoted);
}

/* A field of text from the file, with ill-formed UTF-8 made U+FFFD. */
static void
csv_text_field(struct export_ctx *ctx, const char *s)
{
	static const char	 fffd[] = "\xef\xbf\xbd";
	struct csv_writer	*w = ctx->state;
	char			*clean;
	size_t			 n, i, len, out;
	int			 valid, replaced = 0;

	if (s == NULL) {
		csv_write_field(w, s);
		return;
	}
	n = strlen(s);
	for (i = 0; i < n && !replaced; i += len) {
		len = json_utf8_next(s + i, n - i, &valid);
		replaced = !valid;
	}
	if (!replaced) {
		excel_field(ctx, s, n);
		return;
	}
	/* Each ill-formed sequence is at least one byte, U+FFFD three. */
	clean = xreallocarray(NULL, n, 3);
	for (i = out = 0; i < n; i += len) {
		len = json_utf8_next(s + i, n - i, &valid);
		if (valid) {
			memcpy(clean + out, s + i, len);
			out += len;
		} else {
			memcpy(clean + out, fffd, 3);
			out += 3;
		}
	}
	excel_field(ctx, clean, out);
	free(clean);
	ctx->replaced++;
}

static void
csv_row(struct export_ctx *ctx, const struct db_case *c,
    const char *question, const char *answer, const char *note)
{
	struct csv_writer		*w = ctx->state;
	const struct db_case_details	*d = &c->details;

	csv_text_field(ctx, c->ref);
	csv_write_field(w, qbank_kind_name(c->kind));
	csv_write_field(w, c->kind == QB_CHILD ? qbank_type_name(c->type) : "");
	csv_write_field(w, question);
	csv_write_field(w, answer);
	csv_text_field(ctx, note);
	csv_text_field(ctx, c->inspector);
	/* A victim's case is never one of the MACDs (as in the JSON). */
	csv_write_field(w, c->kind == QB_CHILD && c->macd ? "yes" : "no");
	/* The reason a case left the sample; empty while it is in it. */
	csv_text_field(ctx, c->withdrawn);
	/* The framework's details: empty where not recorded. */
	csv_write_field(w, d->manager_interviewed < 0 ? "" :
	    d->manager_interviewed ? "yes" : "no");
	csv_text_field(ctx, d->period_start);
	csv_text_field(ctx, d->period_end);
	csv_text_field(ctx, d->victim_worker);
	csv_text_field(ctx, d->interview);
	/* The case manager's initials: text from the file, as the ref is. */
	csv_text_field(ctx, c->manager);
	/* How the victim was heard, as in the JSON; a child's case has none. */
	csv_write_field(w, c->kind == QB_CHILD ? "" : c->interviewed ?
	    "interview" : "file");
	csv_write_field(w, c->complete ? "complete" : "draft");
	csv_write_end(w);
}

static int
csv_item(struct export_ctx *ctx, const struct db_case *c,
    const struct db_answer *answers, size_t n, char **cause)
{
	size_t	i;

	(void)cause;
	if (n == 0)
		csv_row(ctx, c, "", "", "");
	for (i = 0; i < n; i++)
		csv_row(ctx, c, answers[i].question,
		    db_answer_name(answers[i].value), answers[i].note);
	return 0;
}

static int
csv_end(struct export_ctx *ctx, char **cause)
{
	struct csv_writer	*w = ctx->state;

	ctx->state = NULL;
	errno = 0;
	if (csv_writer_free(w) != 0)
		return export_write_fail(ctx, cause);
	return 0;
}

const struct export_sink export_csv_sink = {
	"csv", 0, NULL, csv_begin, csv_item, csv_end
};
