/*
 * Rolling verified snapshots of an inspection file (db-backup.c).
 */
#ifndef CASEREAD_DB_BACKUP_H
#define CASEREAD_DB_BACKUP_H

#include "db.h"

/* Backups (db-backup.c) */
/* Snapshots kept by default. */
#define DB_BACKUP_KEEP		5
/* The backup folder of an inspection file: "PATH.backups", newly allocated. */
char		*db_backup_dir(const char *path);
/*
 * Snapshot the open inspection (it has passed db_open's checks) into
 * db_backup_dir(db_path(db)), mode 0700, as "YYYY-MM-DDTHHMMSS.mmmZ.caseread",
 * mode 0600: VACUUM INTO a temporary name, integrity_check, fsync, rename. Then
 * deletes all but the newest keep (at least 1) snapshots, never the new one.
 * Returns 0 with *made (when not NULL) the new snapshot's path, newly
 * allocated; 1 when the newest snapshot already holds exactly this content, with
 * *made that snapshot and nothing written or deleted; -ERR_IO (the folder or
 * the disk refused), -ERR_DAMAGED (the copy failed its check), ... with
 * *cause, leaving existing snapshots alone. Not inside db_txn_begin. Reads
 * the inspection only.
 */
int		 db_backup(struct db *, int keep, char **made, char **cause);
/* Snapshot paths of an inspection file, newest first; free with the next. */
int		 db_backup_list(const char *path, char ***out, size_t *n,
		     char **cause);
void		 db_backup_list_free(char **, size_t);

#endif
