/*
 * caseread export FILE -o OUT [--format bundle|csv|json] [--excel]: write the
 * bundle the lead inspector merges (the default), or the answers as CSV or
 * JSON, to OUT ("-" for standard output, CSV and JSON only).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "db-lead.h"
#include "db-merge.h"
#include "export.h"
#include "keyfile.h"
#include "textgate.h"

const struct cmd_entry cmd_export_entry = {
	"export", "FILE -o BUNDLE [--plain] | FILE --format csv|json [--excel] "
	    "[-o OUT|-]", "export for the lead inspector, or as CSV or JSON",
	    cmd_export_exec
};

int
cmd_export_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "excel", no_argument, NULL, 'x' },
		{ "plain", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	const struct export_sink	*sink;
	struct export_opts		 opts;
	struct db_bundle_counts		 counts;
	struct db			*db;
	const char			*format = "bundle";
	char				 sealed[KEYFILE_FPR_LEN];
	struct db_lead			 l;
	char				*cause = NULL, *open_cases;
	long long			 replaced = 0;
	long				 nopen;
	int				 ch, rc, err;

	memset(&opts, 0, sizeof opts);
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "o:f:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			opts.out = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'x':
			opts.excel = 1;
			break;
		case 'p':
			opts.plain = 1;
			break;
		default:
			return cmd_bad_option(argv, "o:f:", longopts);
		}
	}
	if ((rc = cmd_want_args(argv[0], argc - optind, 1)) != 0)
		return rc;
	if ((sink = export_find(format)) == NULL)
		return cmd_usage(argv[0], "--format must be bundle, csv or json");
	if (opts.excel && strcmp(format, "csv") != 0)
		return cmd_usage(argv[0], "--excel is for --format csv");
	if (opts.plain && !sink->binary)
		return cmd_usage(argv[0], "--plain is for bundles");
	if (opts.out == NULL) {
		if (sink->binary)
			return cmd_usage(argv[0], "-o BUNDLE is required");
		opts.out = "-";
	}
	if (sink->binary && strcmp(opts.out, "-") == 0)
		return cmd_usage(argv[0], "a bundle is written to a file, not "
		    "to standard output");

	if ((db = cmd_open(argv[optind], 0, NULL)) == NULL)
		return EXIT_RUNTIME;
	opts.replaced = &replaced;
	opts.sealed_to = sealed;
	if (opts.plain && sink->binary && db_lead_get(db, &l, &cause) == 0) {
		if (l.key != NULL)
			fprintf(stderr, "caseread: warning: writing a plain bundle "
			    "as asked (--plain): anyone who gets '%s' can read "
			    "it\n", opts.out);
		db_lead_clear(&l);
	}
	free(cause);
	cause = NULL;
	/* Said before writing: the lead should not take drafts for finished work. */
	if ((open_cases = export_incomplete(db, &nopen, 10, &cause)) == NULL &&
	    nopen < 0) {
		db_close(db);
		return cmd_fail(cause);
	}
	/* To standard output only when it is the report, not the data. */
	if (nopen > 0 && strcmp(opts.out, "-") != 0)
		printf("warning: %ld case%s not complete, exported as draft%s: "
		    "%s\n", nopen, nopen == 1 ? "" : "s", nopen == 1 ? "" : "s",
		    open_cases);
	fflush(stdout);		/* before the writing starts; errors stay in ferror */
	if (export_run(db, sink, &opts, &counts, &cause) != 0) {
		free(open_cases);
		db_close(db);
		return cmd_fail(cause);
	}
	if (replaced > 0)
		textgate_printf(stderr,
		    "caseread: warning: %lld text%s in '%s' not "
		    "valid UTF-8, exported with U+FFFD for the bad bytes (the "
		    "file itself is unchanged)\n", replaced,
		    replaced == 1 ? "" : "s", argv[optind]);
	/* One result line: what went where, and what is not complete yet. */
	if (sink->binary)
		textgate_printf(stdout, "exported %lld cases (%lld answers, "
		    "%lld history entries) read in '%s' by %s to '%s'",
		    counts.cases, counts.answers, counts.history, argv[optind],
		    db_user(db), opts.out);
	else if (strcmp(opts.out, "-") != 0)
		textgate_printf(stdout, "exported %lld cases (%lld answers) as "
		    "%s to '%s'", counts.cases, counts.answers, sink->name,
		    opts.out);
	if (sink->binary || strcmp(opts.out, "-") != 0) {
		if (nopen > 0)
			textgate_printf(stdout, "; %ld not complete: %s", nopen,
			    open_cases);
		putchar('\n');
	}
	if (sink->binary && *sealed != '\0')
		printf("the bundle is sealed to the lead key %s: only the lead "
		    "can open it\n", sealed);
	free(open_cases);
	/* The export is whole, but a report nobody can read is a failure. */
	rc = strcmp(opts.out, "-") != 0 ? cmd_flush_report(&err) : 0;
	db_close(db);
	if (rc != 0)
		return cmd_error("cannot write the report: %s (the export to "
		    "'%s' is complete)", strerror(err), opts.out);
	return 0;
}
