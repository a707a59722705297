/*
 * The CSV sink: one row per answer in exactly the import header of 'caseread
 * import' (case_ref, case_kind, case_type, question, answer, note) plus the
 * reading inspector, so exporting and importing gives the same answers. A case
 * with no answers still gets a row, with empty question and answer, which
 * import reads as "create the case". Quoting is csv.c's (RFC 4180).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "csv.h"
#include "export.h"

static int
csv_begin(struct export_ctx *ctx, char **cause)
{
	static const char *const header[] = { "case_ref", "case_kind",
	    "case_type", "question", "answer", "note", "inspector" };
	struct csv_writer	*w;

	(void)cause;
	/* Excel reads UTF-8 only after a byte-order mark. */
	w = csv_writer_new(ctx->f, ctx->opts->excel ? CSV_BOM : 0);
	csv_write_row(w, header, sizeof header / sizeof header[0]);
	ctx->state = w;
	return 0;
}

static void
csv_row(struct csv_writer *w, const struct db_case *c, const char *question,
    const char *answer, const char *note)
{
	csv_write_field(w, c->ref);
	csv_write_field(w, qbank_kind_name(c->kind));
	csv_write_field(w, c->kind == QB_CHILD ? qbank_type_name(c->type) : "");
	csv_write_field(w, question);
	csv_write_field(w, answer);
	csv_write_field(w, note);
	csv_write_field(w, c->inspector);
	csv_write_end(w);
}

static int
csv_item(struct export_ctx *ctx, const struct db_case *c,
    const struct db_answer *answers, size_t n, char **cause)
{
	struct csv_writer	*w = ctx->state;
	size_t			 i;

	(void)cause;
	if (n == 0)
		csv_row(w, c, "", "", "");
	for (i = 0; i < n; i++)
		csv_row(w, c, answers[i].question,
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
