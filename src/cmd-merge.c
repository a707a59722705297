/*
 * caseread merge LEAD BUNDLE... [--keep INSPECTOR]...: the lead inspector
 * merges everyone's export bundles into their own inspection file, all or
 * nothing. Conflicts are listed on standard output with a one-line error.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "db.h"
#include "db-lead.h"
#include "keyfile.h"
#include "merge.h"
#include "seal.h"
#include "util.h"

const struct cmd_entry cmd_merge_entry = {
	"merge", "LEAD BUNDLE... [--keep INSPECTOR|BUNDLE]... [--key KEYFILE]",
	    "merge inspectors' bundles into the lead's file", cmd_merge_exec
};

/* The lead's key pair from path (the default key when NULL). */
static int
load_key(const char *path, struct keyfile_pair *kp, char **cause)
{
	char	*def = NULL, *pass = NULL, *prompt;
	int	 rc, prot;

	if (path == NULL) {
		if ((def = keyfile_default_path(cause)) == NULL)
			return -1;
		if (access(def, F_OK) != 0) {
			util_fail(cause, "a bundle is sealed to the lead's key, "
			    "and there is no key at '%s': give --key KEYFILE",
			    def);
			free(def);
			return -1;
		}
		path = def;
	}
	if ((prot = keyfile_protected(path, cause)) < 0) {
		free(def);
		return -1;
	}
	if (prot) {
		prompt = xasprintf("Passphrase for '%s': ", path);
		pass = cmd_passphrase(prompt, 0, cause);
		free(prompt);
		if (pass == NULL) {
			free(def);
			return -1;
		}
	}
	rc = keyfile_read(path, pass, kp, cause);
	if (pass != NULL) {
		memset(pass, 0, strlen(pass));
		free(pass);
	}
	free(def);
	return rc;
}

/*
 * The page cache the merge will fill, set aside before the lead is opened:
 * the lead's new pages are about the bundles' pages, pages of the lead it
 * changes may be as many again, and each bundle keeps 16 open to the end.
 * (40 bundles of 90 cases, 6,100 pages, used 6,600.) It must not run short:
 * with under ten slots free SQLite treats every cache as short of memory and
 * writes dirty pages to the WAL mid-transaction. At DB_RESERVE_MAX it is the
 * lead's whole cache (64 MB), which spilled the same way before. A file that
 * cannot be read is left to the merge to refuse.
 */
static void
reserve_cache(char *const *paths, int n)
{
	struct stat	sb;
	size_t		pages = 1024;
	int		i;

	for (i = 0; i < n; i++) {
		pages += 16;
		if (stat(paths[i], &sb) == 0 && S_ISREG(sb.st_mode) &&
		    sb.st_size > 0)
			pages += (size_t)sb.st_size / DB_PAGE_SIZE * 2;
		if (pages >= DB_RESERVE_MAX)
			break;
	}
	(void)db_reserve_pages(pages);
}

int
cmd_merge_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "keep", required_argument, NULL, 'k' },
		{ "key", required_argument, NULL, 'K' },
		{ NULL, 0, NULL, 0 }
	};
	struct merge_opts	 opts;
	struct db		*db;
	struct keyfile_pair	 kp;
	char			**keep = NULL, *cause = NULL;
	const char		*keyfile = NULL;
	size_t			 nkeep = 0;
	int			 ch, rc, err, written, haskey = 0;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "k:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'k':
			if (*optarg == '\0') {
				free(keep);
				return cmd_usage(argv[0], "--keep needs an "
				    "inspector's name");
			}
			keep = xreallocarray(keep, nkeep + 1, sizeof *keep);
			keep[nkeep++] = optarg;
			break;
		case 'K':
			keyfile = optarg;
			break;
		default:
			free(keep);
			if (optopt == 'k')
				return cmd_usage(argv[0], "--keep needs an "
				    "inspector's name or a bundle");
			return cmd_bad_option(argv, "k:", longopts);
		}
	}
	if (argc - optind < 2) {
		free(keep);
		return cmd_usage(argv[0], argc - optind == 0 ?
		    "missing argument" : "no bundles to merge");
	}
	/* The key, and its passphrase, only when a bundle is sealed. */
	for (ch = optind + 1; ch < argc && !haskey; ch++)
		haskey = seal_file_is_sealed(argv[ch]);
	if (haskey && load_key(keyfile, &kp, &cause) != 0) {
		free(keep);
		return cmd_fail(cause);
	}
	reserve_cache(argv + optind + 1, argc - optind - 1);
	if ((db = cmd_open(argv[optind], 0, NULL)) == NULL) {
		if (haskey)
			keyfile_wipe(&kp);
		free(keep);
		return EXIT_RUNTIME;
	}
	if (db_set_bundle_key(db, haskey ? &kp : NULL, &cause) != 0) {
		if (haskey)
			keyfile_wipe(&kp);
		db_close(db);
		free(keep);
		return cmd_fail(cause);
	}
	opts.keep = keep;
	opts.nkeep = nkeep;
	rc = merge_run(db, argv + optind + 1, (size_t)(argc - optind - 1),
	    &opts, stdout, &cause);
	written = cmd_flush_report(&err) == 0;
	db_close(db);
	if (haskey)
		keyfile_wipe(&kp);
	free(keep);
	if (rc != 0)
		return cmd_fail(cause);
	/*
	 * The report is printed only once the merge has committed, so a lost
	 * report must not read as a failed merge: say both.
	 */
	if (!written)
		return cmd_error("cannot write the report: %s; the merge into "
		    "'%s' was committed all the same ('caseread check %s' "
		    "lists it)", strerror(err), argv[optind], argv[optind]);
	return 0;
}
