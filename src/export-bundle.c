/*
 * The bundle sink: what an inspector sends the lead. A consistent snapshot of
 * the whole inspection file made with VACUUM INTO (never a copy of a live
 * file), with a manifest of who exported it, when, and how many rows it holds;
 * checked after writing, then made durable and renamed into place, so a failed
 * export leaves no half bundle under the final name and no temporary behind.
 *
 * A bundle carries every case in the file. An inspector's own file holds their
 * readings; a lead's merged file holds everyone's, each case still under its
 * reading inspector, so a lead's bundle merges sensibly into another file too.
 */
#include "config.h"

#include "db-merge.h"
#include "export.h"
#include "util.h"

static int
bundle_file(struct export_ctx *ctx, char **cause)
{
	const char		*out = ctx->opts->out;
	struct export_tmp	 tmp;

	if (export_check_target(ctx->db, out, cause) != 0)
		return -1;
	if (db_bundle_probe(db_path(ctx->db)) == DB_PROBE_BUNDLE)
		return util_fail(cause, "'%s' is already an export bundle: "
		    "send it as it is", db_path(ctx->db));
	if (export_tmp_create(&tmp, out, cause) != 0)
		return -1;
	if (db_export_snapshot(ctx->db, tmp.path, db_user(ctx->db), ctx->now,
	    &ctx->counts, cause) != 0 ||
	    db_export_verify(tmp.path, &ctx->counts, cause) != 0 ||
	    export_tmp_commit(&tmp, out, cause) != 0) {
		export_tmp_remove(&tmp);
		return -1;
	}
	return 0;
}

const struct export_sink export_bundle_sink = {
	"bundle", 1, bundle_file, NULL, NULL, NULL
};
