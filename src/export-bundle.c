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
 *
 * When the file has a lead key (issue 12) the bundle is sealed to it (seal.c):
 * the snapshot is then made beside the inspection file, on the disk that
 * already holds the same notes, never beside the target (a USB stick), and
 * only the sealed bytes are written there.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db-lead.h"
#include "db-merge.h"
#include "export.h"
#include "keyfile.h"
#include "seal.h"
#include "util.h"

/* Write all of buf to the temporary's descriptor. */
static int
write_all(struct export_tmp *tmp, const char *out, const unsigned char *buf,
    size_t len, char **cause)
{
	ssize_t	n;
	size_t	off = 0;

	while (off < len) {
		if ((n = write(tmp->fd, buf + off, len - off)) < 0) {
			if (errno == EINTR)
				continue;
			return err_fail(cause, ERR_IO, "cannot write '%s': %s",
			    out, strerror(errno));
		}
		off += (size_t)n;
	}
	return 0;
}

/* Seal the checked plain bundle at plain to pk and write it to out. */
static int
seal_to(struct export_ctx *ctx, const char *plain,
    const unsigned char pk[KEYFILE_KEYBYTES], const char *uid, char **cause)
{
	const char		*out = ctx->opts->out;
	struct seal_header	 h;
	struct export_tmp	 tmp;
	unsigned char		*sealed;
	char			*data;
	size_t			 len, slen;
	int			 rc;

	if (util_read_file(plain, &data, &len, cause) != 0)
		return -1;
	memset(&h, 0, sizeof h);
	h.inspection = (char *)uid;
	h.inspector = (char *)db_user(ctx->db);
	h.exported_at = ctx->now;
	h.cases = ctx->counts.cases;
	h.answers = ctx->counts.answers;
	h.history = ctx->counts.history;
	sealed = seal_encrypt(&h, pk, (unsigned char *)data, len, &slen,
	    cause);
	memset(data, 0, len);
	free(data);
	if (sealed == NULL)
		return -1;
	if ((rc = export_tmp_create(&tmp, out, cause)) == 0) {
		if ((rc = write_all(&tmp, out, sealed, slen, cause)) != 0 ||
		    (rc = export_tmp_commit(&tmp, out, cause)) != 0)
			export_tmp_remove(&tmp);
	}
	free(sealed);
	return rc;
}

static int
bundle_file(struct export_ctx *ctx, char **cause)
{
	const char		*out = ctx->opts->out;
	struct export_tmp	 tmp;
	struct db_lead		 l;
	unsigned char		 pk[KEYFILE_KEYBYTES];
	char			 fpr[KEYFILE_FPR_LEN];
	int			 sealed, rc;

	if (ctx->opts->sealed_to != NULL)
		*ctx->opts->sealed_to = '\0';
	if ((rc = export_check_target(ctx->db, out, cause)) != 0)
		return rc;
	if (db_bundle_probe(db_path(ctx->db)) == DB_PROBE_BUNDLE)
		return err_fail(cause, ERR_INVALID, "'%s' is already an export "
		    "bundle: send it as it is", db_path(ctx->db));
	if (db_lead_get(ctx->db, &l, cause) != 0)
		return -1;
	sealed = l.key != NULL && !ctx->opts->plain;
	if (sealed && keyfile_parse_public(l.key, pk, cause) != 0) {
		db_lead_clear(&l);
		return -1;
	}
	/* Sealed: the plain snapshot stays beside the inspection file. */
	if ((rc = export_tmp_create(&tmp, sealed ? db_path(ctx->db) : out,
	    cause)) != 0) {
		db_lead_clear(&l);
		return rc;
	}
	if ((rc = db_export_snapshot(ctx->db, tmp.path, db_user(ctx->db),
	    ctx->now, &ctx->counts, cause)) != 0 ||
	    (rc = db_export_verify(tmp.path, &ctx->counts, cause)) != 0 ||
	    (rc = sealed ? seal_to(ctx, tmp.path, pk, l.inspection_uid,
	    cause) : export_tmp_commit(&tmp, out, cause)) != 0) {
		export_tmp_remove(&tmp);
		db_lead_clear(&l);
		return rc;
	}
	if (!sealed) {
		db_lead_clear(&l);
		return 0;
	}
	export_tmp_remove(&tmp);
	keyfile_fingerprint(pk, fpr);
	if (ctx->opts->sealed_to != NULL)
		memcpy(ctx->opts->sealed_to, fpr, KEYFILE_FPR_LEN);
	/*
	 * So the key is not changed under bundles already sent; written once
	 * (a durable commit costs an export a tenth). The bundle is whole
	 * whatever happens here; a read-only file cannot record it.
	 */
	if ((l.sealed_to == NULL || strcmp(l.sealed_to, fpr) != 0) &&
	    !db_readonly(ctx->db) && db_lead_set_sealed(ctx->db, fpr,
	    cause) != 0) {
		free(*cause);
		*cause = NULL;
	}
	db_lead_clear(&l);
	return 0;
}

const struct export_sink export_bundle_sink = {
	"bundle", 1, bundle_file, NULL, NULL, NULL
};
