/*
 * caseread init: create an inspection file with its service, type, reading
 * inspector and question bank (the built-in one unless --form names another).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "db-lead.h"
#include "keyfile.h"
#include "textgate.h"
#include "util.h"

const struct cmd_entry cmd_init_entry = {
	"init", "FILE --service NAME --type iyjwcv|iyjs [--inspector NAME] "
	    "[--form FILE] [--start DATE] [--end DATE] [--lead-key PUBLIC]",
	    "create a new inspection file", cmd_init_exec
};

int
cmd_init_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "service", required_argument, NULL, 's' },
		{ "type", required_argument, NULL, 't' },
		{ "inspector", required_argument, NULL, 'i' },
		{ "form", required_argument, NULL, 'f' },
		{ "start", required_argument, NULL, 'S' },
		{ "end", required_argument, NULL, 'E' },
		{ "lead-key", required_argument, NULL, 'K' },
		{ NULL, 0, NULL, 0 }
	};
	struct db_init	 init;
	struct qbank	*bank;
	struct db	*db;
	const char	*form = NULL, *leadkey = NULL;
	unsigned char	 pk[KEYFILE_KEYBYTES];
	char		 text[KEYFILE_PUBLIC_LEN], fpr[KEYFILE_FPR_LEN];
	char		*cause = NULL;
	int		 ch, rc;

	memset(&init, 0, sizeof init);
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "s:t:i:f:", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 's':
			init.service = optarg;
			break;
		case 't':
			init.type = optarg;
			break;
		case 'i':
			init.owner = optarg;
			break;
		case 'f':
			form = optarg;
			break;
		case 'S':
			init.start_date = optarg;
			break;
		case 'E':
			init.end_date = optarg;
			break;
		case 'K':
			leadkey = optarg;
			break;
		default:
			return cmd_bad_option(argv, "s:t:i:f:", longopts);
		}
	}
	if ((rc = cmd_want_args(argv[0], argc - optind, 1)) != 0)
		return rc;
	if (init.service == NULL || *init.service == '\0')
		return cmd_usage(argv[0], "--service NAME is required");
	if (init.type == NULL || (strcmp(init.type, "iyjwcv") != 0 &&
	    strcmp(init.type, "iyjs") != 0))
		return cmd_usage(argv[0], "--type must be iyjwcv or iyjs");
	if (init.owner == NULL)
		init.owner = util_default_inspector();
	if (leadkey != NULL) {
		if (keyfile_parse_public(leadkey, pk, &cause) != 0)
			return cmd_fail(cause);
		keyfile_public_text(pk, text);
		keyfile_fingerprint(pk, fpr);
	}

	bank = form != NULL ? qbank_load(form, &cause) : qbank_builtin(&cause);
	if (bank == NULL)
		return cmd_fail(cause);
	init.bank = bank;
	db = db_create(argv[optind], &init, &cause);
	if (db == NULL) {
		qbank_free(bank);
		return cmd_fail(cause);
	}
	if (leadkey != NULL && db_lead_set_key(db, text, &cause) != 0) {
		db_close(db);
		qbank_free(bank);
		/* The file exists and is sound: say how to finish. */
		cmd_error("%s ('%s' was created without it: 'caseread "
		    "lead-key' adds it)", cause, argv[optind]);
		free(cause);
		return EXIT_RUNTIME;
	}
	textgate_printf(stdout,
	    "created '%s': %s (%s), question bank %s %s, inspector %s\n",
	    argv[optind], init.service, init.type, bank->id, bank->version,
	    db_inspection(db)->owner);
	if (leadkey != NULL)
		printf("bundles will be sealed to the lead key %s\n", fpr);
	db_close(db);
	qbank_free(bank);
	return 0;
}
