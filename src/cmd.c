/*
 * The command table and what all commands share: how they report usage and
 * runtime errors (exit 2 and 1, one line on stderr) and how they open a file.
 */
#include "config.h"

#include <getopt.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "seal.h"
#include "textgate.h"
#include "util.h"

const struct cmd_entry *const cmd_table[] = {
	&cmd_init_entry,
	&cmd_forms_entry,
	&cmd_check_entry,
	&cmd_import_entry,
	&cmd_tally_entry,
	&cmd_ratify_entry,
	&cmd_retype_entry,
	&cmd_sample_entry,
	&cmd_demo_entry,
	&cmd_backup_entry,
	&cmd_export_entry,
	&cmd_merge_entry,
	&cmd_keygen_entry,
	&cmd_lead_key_entry,
	&cmd_kit_entry,
	&cmd_report_entry,
	&cmd_withdraw_entry,
	&cmd_reinstate_entry,
	&cmd_details_entry,
	NULL
};

const struct cmd_entry *
cmd_find(const char *name)
{
	const struct cmd_entry *const	*e;

	for (e = cmd_table; *e != NULL; e++) {
		if (strcmp((*e)->name, name) == 0)
			return *e;
	}
	return NULL;
}

void
cmd_print_help(FILE *f)
{
	const struct cmd_entry *const	*ep;
	const struct cmd_entry		*e;

	fprintf(f, "usage: caseread [FILE]\n"
	    "       caseread COMMAND [ARGS]\n"
	    "       caseread --version | --help\n\n"
	    "With no command, open FILE (or the default inspection file) in the "
	    "terminal\ninterface. Commands:\n\n");
	for (ep = cmd_table; (e = *ep) != NULL; ep++)
		fprintf(f, "  %-8s %s\n  %8s   %s\n", e->name, e->summary, "",
		    e->usage);
	fprintf(f, "\nExit status: 0 success, 1 runtime error, 2 usage error.\n"
	    "See caseread(1) and caseread-forms(5).\n");
}

int
cmd_usage(const char *name, const char *fmt, ...)
{
	const struct cmd_entry	*e = name != NULL ? cmd_find(name) : NULL;
	va_list			 ap;

	fputs("caseread: ", stderr);
	if (name != NULL)
		fprintf(stderr, "%s: ", name);
	va_start(ap, fmt);
	textgate_vprintf(stderr, fmt, ap);
	va_end(ap);
	if (e != NULL)
		fprintf(stderr, " (usage: caseread %s %s)", e->name, e->usage);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

int
cmd_bad_option(char **argv, const char *optstring,
    const struct option *longopts)
{
	const struct option	*o;
	const char		*arg = argv[optind - 1], *p;
	size_t			 n;

	/*
	 * getopt_long gives '?' both for an unknown option and for one missing
	 * its value; only optopt, set to the option's val (or letter) in the
	 * second case, tells them apart.
	 */
	if (optopt != 0 && strncmp(arg, "--", 2) == 0) {
		n = strcspn(arg + 2, "=");
		for (o = longopts; o->name != NULL; o++) {
			if (o->val == optopt && o->has_arg == required_argument &&
			    strncmp(o->name, arg + 2, n) == 0)
				return cmd_usage(argv[0], "option '--%s' needs a "
				    "value", o->name);
		}
	} else if (optopt != 0 && arg[0] == '-' && arg[1] != '-' &&
	    (p = strchr(optstring, optopt)) != NULL && p[1] == ':')
		return cmd_usage(argv[0], "option '-%c' needs a value", optopt);
	return cmd_usage(argv[0], "unknown option '%s'", arg);
}

int
cmd_error(const char *fmt, ...)
{
	va_list	ap;

	/*
	 * Messages echo file names and text from files: shown, never obeyed
	 * by the terminal (newlines kept, for messages of several lines).
	 */
	fputs("caseread: ", stderr);
	va_start(ap, fmt);
	textgate_vprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_RUNTIME;
}

int
cmd_fail(char *cause)
{
	cmd_error("%s", cause != NULL ? cause : "unknown error");
	free(cause);
	return EXIT_RUNTIME;
}

char *
cmd_advise(char *cause, enum err_code code)
{
	const char	*advice = err_advice(code);
	char		*s;

	if (advice == NULL || cause == NULL)
		return cause;
	s = xasprintf("%s (%s)", cause, advice);
	free(cause);
	return s;
}

struct db *
cmd_open(const char *path, int flags, const char *inspector)
{
	struct db	*db;
	char		*cause = NULL;
	enum err_code	 code;

	if ((db = db_open_code(path, flags, &code, &cause)) == NULL) {
		/* Say what a sealed bundle is rather than "not an SQLite database". */
		if (seal_file_is_sealed(path)) {
			free(cause);
			cause = xasprintf("'%s' is a sealed bundle: only the lead "
			    "opens it, with 'caseread merge LEAD %s --key "
			    "KEYFILE'", path, path);
		} else
			cause = cmd_advise(cause, code);
		cmd_fail(cause);
		return NULL;
	}
	if (inspector != NULL)
		db_set_user(db, inspector);
	return db;
}

int
cmd_kind_option(const char *name, const char *value, const char **kind)
{
	if (strcmp(value, "child") != 0 && strcmp(value, "victim") != 0)
		return cmd_usage(name, "--kind wants child or victim, not '%s'",
		    value);
	*kind = value;
	return 0;
}

int
cmd_want_args(const char *name, int have, int want)
{
	if (have < want)
		return cmd_usage(name, "missing argument");
	if (have > want)
		return cmd_usage(name, "too many arguments");
	return 0;
}

int
cmd_flush_report(int *err)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	*err = errno != 0 ? errno : EIO;
	return -1;
}
