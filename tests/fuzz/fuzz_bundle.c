/*
 * libFuzzer harness for the bundle reader: any bytes, as an export bundle
 * merged into a lead's file. The merge must succeed or refuse cleanly (-1 or
 * 1 with a cause); never crash, leak or read out of bounds. A refused merge
 * must leave the lead's file as it was (no cases, passing quick_check, no
 * transaction left open); a merge that succeeded may change it, so the lead is
 * then made again from a template created once per process.
 *
 * The lead is "Demoshire YJS (demonstration)" (iyjwcv) with the built-in bank,
 * as made by caseread demo, so that the seed bundles in corpus/bundle/ merge.
 */
#include "config.h"

#include <sys/stat.h>

#undef NDEBUG		/* the asserts below also do the work */
#include <assert.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db.h"
#include "merge.h"
#include "qbank.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char		 dir[64];
static char		*template, *lead_path, *bundle_path;
static struct db	*lead;
static FILE		*devnull;

static char *
path_in_dir(const char *name)
{
	size_t	 n = strlen(dir) + strlen(name) + 2;
	char	*p = malloc(n);

	assert(p != NULL);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/* Remove path and whatever SQLite may have left beside it. */
static void
remove_db(const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	char	 p[256];
	size_t	 i;

	for (i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
		snprintf(p, sizeof p, "%s%s", path, sfx[i]);
		unlink(p);
	}
}

static void
write_file(const char *path, const void *data, size_t size)
{
	const char	*p = data;
	ssize_t		 w;
	int		 fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	assert(fd != -1);
	while (size > 0) {
		w = write(fd, p, size);
		assert(w > 0);
		p += w;
		size -= (size_t)w;
	}
	assert(close(fd) == 0);
}

static void
copy_file(const char *from, const char *to)
{
	char	 buf[65536];
	FILE	*f;
	size_t	 n;
	int	 fd;

	f = fopen(from, "rb");
	assert(f != NULL);
	fd = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	assert(fd != -1);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		assert(write(fd, buf, n) == (ssize_t)n);
	fclose(f);
	assert(close(fd) == 0);
}

/* A fresh lead's file, copied from the template, and open. */
static void
lead_open(void)
{
	char	*cause = NULL;

	remove_db(lead_path);
	copy_file(template, lead_path);
	lead = db_open(lead_path, 0, &cause);
	if (lead == NULL) {
		fprintf(stderr, "fuzz_bundle: lead: %s\n", cause);
		abort();
	}
}

static void
cleanup(void)
{
	if (lead != NULL)
		db_close(lead);
	lead = NULL;
	remove_db(lead_path);
	remove_db(bundle_path);
	remove_db(template);
	rmdir(dir);
}

static void
setup(void)
{
	struct db_init	 init;
	struct qbank	*bank;
	struct db	*db;
	char		*cause = NULL;

	snprintf(dir, sizeof dir, "%s", "/tmp/fuzz-bundle.XXXXXX");
	if (mkdtemp(dir) == NULL) {
		perror("fuzz_bundle: mkdtemp");
		abort();
	}
	template = path_in_dir("template.caseread");
	lead_path = path_in_dir("lead.caseread");
	bundle_path = path_in_dir("input.bundle");
	devnull = fopen("/dev/null", "w");
	assert(devnull != NULL);

	bank = qbank_builtin(&cause);
	assert(bank != NULL);
	memset(&init, 0, sizeof init);
	init.service = "Demoshire YJS (demonstration)";
	init.type = "iyjwcv";
	init.owner = "Lead";
	init.bank = bank;
	if ((db = db_create(template, &init, &cause)) == NULL) {
		fprintf(stderr, "fuzz_bundle: template: %s\n", cause);
		abort();
	}
	db_close(db);
	qbank_free(bank);
	lead_open();
	atexit(cleanup);
}

/* The lead's file on disk, read by another connection: whole, and empty. */
static void
lead_intact(void)
{
	sqlite3		*h;
	sqlite3_stmt	*stmt;

	assert(sqlite3_open_v2(lead_path, &h, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK);
	assert(sqlite3_prepare_v2(h, "SELECT (SELECT count(*) FROM cases) + "
	    "(SELECT count(*) FROM answer), (SELECT quick_check FROM "
	    "pragma_quick_check)", -1, &stmt, NULL) == SQLITE_OK);
	assert(sqlite3_step(stmt) == SQLITE_ROW);
	assert(sqlite3_column_int64(stmt, 0) == 0);
	assert(strcmp((const char *)sqlite3_column_text(stmt, 1), "ok") == 0);
	sqlite3_finalize(stmt);
	sqlite3_close(h);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*paths[1];
	char	*cause = NULL;
	int	 rc;

	if (lead == NULL)
		setup();
	remove_db(bundle_path);
	write_file(bundle_path, data, size);
	paths[0] = bundle_path;
	rc = merge_run(lead, paths, 1, NULL, devnull, &cause);
	assert(rc == 0 || rc == 1 || rc == -1);
	if (rc == 0) {
		assert(cause == NULL);
		db_close(lead);
		lead_open();
	} else {
		assert(cause != NULL && *cause != '\0');
		free(cause);
		lead_intact();
	}
	remove_db(bundle_path);
	return 0;
}
