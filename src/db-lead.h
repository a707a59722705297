/*
 * Storage for the inspection kit and sealed bundles (db-lead.c): the lead's key
 * and inspection identity in a file, kit files, and opening a bundle for merging,
 * sealed or plain.
 */
#ifndef CASEREAD_DB_LEAD_H
#define CASEREAD_DB_LEAD_H

#include "db.h"

/*
 * The inspection kit and sealed bundles (db-lead.c, issue 12). A file's uid
 * tells files apart; its inspection uid says which inspection it belongs to
 * (its own uid for a file made by init, the lead's for a kit file).
 */
struct db_lead {
	char	*inspection_uid;
	char	*key;		/* the lead's public key line, or NULL */
	char	*sealed_to;	/* fingerprint of the last sealed export's key, or NULL */
	int	 kit;		/* made by caseread kit: inspection uid != uid */
};
int		 db_lead_get(struct db *, struct db_lead *, char **cause);
void		 db_lead_clear(struct db_lead *);
/* Record the lead's public key line (NULL to remove it). */
int		 db_lead_set_key(struct db *, const char *key, char **cause);
/* Record that a bundle was sealed to the key of fingerprint fpr. */
int		 db_lead_set_sealed(struct db *, const char *fpr, char **cause);
/*
 * Create an inspector's kit file at path from lead: the same inspection uid,
 * service, type, question bank, sample sizes, fieldwork dates and lead key, a
 * file uid of its own, inspector as its reader, no cases. Returned open.
 */
struct db	*db_kit_create(struct db *lead, const char *path,
		     const char *inspector, char **cause);
struct keyfile_pair;
/*
 * Before a merge into lead: the key pair sealed bundles are opened with
 * (borrowed: it must outlive the merge; NULL for none), and the lead's
 * inspection uid, read now so the merge's opening thread need not.
 */
int		 db_set_bundle_key(struct db *lead, const struct keyfile_pair *,
		     char **cause);
/*
 * Open the bundle at path for merging into lead (flags as db_open): a plain
 * bundle as db_open does, a sealed one decrypted into memory with the key set by
 * db_set_bundle_key (its plaintext never touches a disk). Refuses a sealed
 * bundle, or one from a kit file, of another inspection uid than lead's.
 * *code (when not NULL) says which kind of failure: as db_open_code for a
 * plain bundle, ERR_REFUSED otherwise.
 */
struct db	*db_bundle_open(struct db *lead, const char *path, int flags,
		     enum err_code *code, char **cause);

#endif
