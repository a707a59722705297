/*
 * Subcommands of the caseread command line, git style: each lives in its own
 * cmd-NAME.c with one exec function, and cmd.c holds the table and the helpers
 * that give every command the same exit codes and messages.
 */
#ifndef CASEREAD_CMD_H
#define CASEREAD_CMD_H

#include "db.h"
#include "error.h"

#define EXIT_RUNTIME	1	/* the command could not do its work */
#define EXIT_USAGE	2	/* the command line was wrong */

struct cmd_entry {
	const char	*name;
	const char	*usage;		/* arguments after the name */
	const char	*summary;
	int		(*exec)(int argc, char **argv);	/* argv[0] is the name */
};

/*
 * Each command's entry (name, usage, summary, exec) lives beside its code in
 * cmd-NAME.c, as tmux's cmd_entry does; cmd.c lists them in --help order.
 */
extern const struct cmd_entry	cmd_init_entry;
extern const struct cmd_entry	cmd_forms_entry;
extern const struct cmd_entry	cmd_check_entry;
extern const struct cmd_entry	cmd_import_entry;
extern const struct cmd_entry	cmd_tally_entry;
extern const struct cmd_entry	cmd_ratify_entry;
extern const struct cmd_entry	cmd_retype_entry;
extern const struct cmd_entry	cmd_sample_entry;
extern const struct cmd_entry	cmd_demo_entry;
extern const struct cmd_entry	cmd_backup_entry;
extern const struct cmd_entry	cmd_export_entry;
extern const struct cmd_entry	cmd_merge_entry;
extern const struct cmd_entry	cmd_keygen_entry;
extern const struct cmd_entry	cmd_lead_key_entry;
extern const struct cmd_entry	cmd_kit_entry;
extern const struct cmd_entry	cmd_report_entry;
extern const struct cmd_entry	cmd_withdraw_entry;
extern const struct cmd_entry	cmd_reinstate_entry;
extern const struct cmd_entry	cmd_details_entry;
extern const struct cmd_entry *const cmd_table[];

const struct cmd_entry *cmd_find(const char *name);
/* Print the overview of all commands to f. */
void		 cmd_print_help(FILE *f);

/*
 * "caseread: NAME: message (usage: ...)" on stderr; returns EXIT_USAGE. With
 * name NULL (no command yet), "caseread: message".
 */
int		 cmd_usage(const char *name, const char *fmt, ...)
		     __attribute__((format(printf, 2, 3)));
struct option;
/*
 * The usage error for getopt_long's '?' on argv (argv[0] the command's name),
 * parsed with optstring and longopts: "option '--format' needs a value" when a
 * required value is missing, else "unknown option '...'". Returns EXIT_USAGE.
 */
int		 cmd_bad_option(char **argv, const char *optstring,
		     const struct option *longopts);
/* "caseread: message" on stderr; returns EXIT_RUNTIME. */
int		 cmd_error(const char *fmt, ...)
		     __attribute__((format(printf, 1, 2)));
/* Print cause as a runtime error, free it, and return EXIT_RUNTIME. */
int		 cmd_fail(char *cause);
/* Open an inspection file for a command, reporting failure; NULL then. */
/*
 * The user's words for an error: cause (freed) with err_advice(code) after it
 * in brackets when there is any ("... (see BACKUPS in caseread(1) to restore a
 * snapshot)"). Newly allocated. The one place the command line words advice.
 */
char		*cmd_advise(char *cause, enum err_code code);
struct db	*cmd_open(const char *path, int flags, const char *inspector);
/*
 * Flush the report on standard output: 0, or -1 with *err the reason it could
 * not be written (a full disk, a closed descriptor), for the command to say.
 */
int		 cmd_flush_report(int *err);
/* Whether the one required positional argument is there; usage error otherwise. */
/* --kind's value: child or victim, else a usage error (its exit code). */
int		 cmd_kind_option(const char *name, const char *value,
		     const char **kind);
int		 cmd_want_args(const char *name, int have, int want);

int	cmd_init_exec(int, char **);
int	cmd_forms_exec(int, char **);
int	cmd_check_exec(int, char **);
int	cmd_import_exec(int, char **);
int	cmd_tally_exec(int, char **);
int	cmd_ratify_exec(int, char **);
int	cmd_sample_exec(int, char **);
int	cmd_demo_exec(int, char **);
int	cmd_backup_exec(int, char **);
int	cmd_export_exec(int, char **);
int	cmd_merge_exec(int, char **);
int	cmd_keygen_exec(int, char **);
int	cmd_lead_key_exec(int, char **);
int	cmd_kit_exec(int, char **);

/*
 * A passphrase: $CASEREAD_PASSPHRASE, else read from the terminal with echo
 * off after prompt (twice when twice). Newly allocated; NULL with *cause.
 */
char	*cmd_passphrase(const char *prompt, int twice, char **cause);
/* caseread check's lines on the inspection uid and the lead key. */
int	 cmd_kit_report(struct db *, char **cause);
int	cmd_retype_exec(int, char **);
int	cmd_report_exec(int, char **);
int	cmd_withdraw_exec(int, char **);
int	cmd_reinstate_exec(int, char **);
int	cmd_details_exec(int, char **);
/*
 * The case with reference ref of either kind (kind "child", "victim" or NULL:
 * either; a reference held by both is refused, asking for --kind), for command
 * cmd's messages; *c filled, or -1 with *cause (cmd-withdraw.c).
 */
struct db_case;
int	cmd_withdraw_find(struct db *, const char *cmd, const char *ref,
	    const char *kind, struct db_case *c, char **cause);

#endif
