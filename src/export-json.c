/*
 * The JSON sink: the same cases and answers as the CSV, with the inspection's
 * identity and each case's details (manager, multi-agency discussion, contact,
 * status). One document, written as the cases are walked; json.c escapes, and
 * replaces ill-formed UTF-8 (which caseread refuses to save, but which a file
 * edited with other tools, or a bundle merged from one, may hold), so the
 * document is valid JSON whatever the bytes.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "db-case.h"
#include "export.h"
#include "json.h"

static void
key_text_or_null(struct json_writer *j, const char *key, const char *s)
{
	json_key(j, key);
	if (s == NULL || *s == '\0')
		json_null(j);
	else
		json_string(j, s);
}

static int
json_begin(struct export_ctx *ctx, char **cause)
{
	const struct db_inspection	*insp = db_inspection(ctx->db);
	struct json_writer		*j;

	(void)cause;
	j = json_writer_new(ctx->f, 2);
	ctx->state = j;
	json_object_begin(j);
	json_key_string(j, "format", "caseread-export");
	json_key_int(j, "format_version", 1);
	json_key_string(j, "exported_at", ctx->now);
	json_key_string(j, "exported_by", db_user(ctx->db));
	json_key(j, "inspection");
	json_object_begin(j);
	json_key_string(j, "uid", insp->uid);
	json_key_string(j, "service", insp->service);
	json_key_string(j, "type", insp->type);
	key_text_or_null(j, "start_date", insp->start_date);
	key_text_or_null(j, "end_date", insp->end_date);
	json_key_string(j, "owner", insp->owner);
	json_key_string(j, "created_at", insp->created_at);
	json_key_int(j, "min_children", insp->min_children);
	json_key_int(j, "min_victims", insp->min_victims);
	json_key(j, "question_bank");
	json_object_begin(j);
	json_key_string(j, "id", insp->bank_id);
	json_key_string(j, "version", insp->bank_version);
	json_key_string(j, "hash", insp->bank_hash);
	json_object_end(j);
	json_object_end(j);
	json_key(j, "cases");
	json_array_begin(j);
	return 0;
}

static int
json_item(struct export_ctx *ctx, const struct db_case *c,
    const struct db_answer *answers, size_t n, char **cause)
{
	struct json_writer	*j = ctx->state;
	size_t			 i;

	(void)cause;
	json_object_begin(j);
	json_key_string(j, "kind", qbank_kind_name(c->kind));
	json_key_string(j, "ref", c->ref);
	key_text_or_null(j, "case_type", c->kind == QB_CHILD ?
	    qbank_type_name(c->type) : NULL);
	json_key_string(j, "manager", c->manager);
	json_key_string(j, "inspector", c->inspector);
	if (c->kind == QB_CHILD) {
		json_key(j, "macd");
		json_bool(j, c->macd);
		json_key(j, "contact");
		json_null(j);
	} else {
		json_key(j, "macd");
		json_bool(j, 0);
		json_key_string(j, "contact", c->interviewed ? "interview" :
		    "file");
	}
	json_key_string(j, "status", c->complete ? "complete" : "draft");
	/* The reason a case left the sample; null while it is in it. */
	key_text_or_null(j, "withdrawn", c->withdrawn);
	/* The framework's details: null where not recorded (or not a victim's). */
	json_key(j, "manager_interviewed");
	if (c->details.manager_interviewed < 0)
		json_null(j);
	else
		json_bool(j, c->details.manager_interviewed);
	key_text_or_null(j, "period_start", c->details.period_start);
	key_text_or_null(j, "period_end", c->details.period_end);
	key_text_or_null(j, "victim_worker", c->details.victim_worker);
	key_text_or_null(j, "interview", c->details.interview);
	json_key_string(j, "updated_at", c->updated_at);
	json_key(j, "answers");
	json_array_begin(j);
	for (i = 0; i < n; i++) {
		json_object_begin(j);
		json_key_string(j, "question", answers[i].question);
		key_text_or_null(j, "answer",
		    db_answer_name(answers[i].value));
		json_key_string(j, "note", answers[i].note);
		json_key_string(j, "inspector", answers[i].inspector);
		json_key_string(j, "updated_at", answers[i].updated_at);
		json_object_end(j);
	}
	json_array_end(j);
	json_object_end(j);
	return 0;
}

static int
json_end(struct export_ctx *ctx, char **cause)
{
	struct json_writer	*j = ctx->state;

	ctx->state = NULL;
	json_array_end(j);
	json_key(j, "counts");
	json_object_begin(j);
	json_key_int(j, "cases", ctx->counts.cases);
	json_key_int(j, "answers", ctx->counts.answers);
	json_object_end(j);
	json_object_end(j);
	ctx->replaced = json_writer_replaced(j);
	errno = 0;
	if (json_writer_free(j) != 0)
		return export_write_fail(ctx, cause);
	return 0;
}

const struct export_sink export_json_sink = {
	"json", 0, NULL, json_begin, json_item, json_end
};
