/*
 * caseread kit LEAD --inspector NAME -o FILE: the lead inspector makes each
 * inspector's file from their own, so every file has the inspection's identity,
 * bank and lead key, and no inspector types the service name by hand.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "db-lead.h"
#include "keyfile.h"
#include "util.h"

const struct cmd_entry cmd_kit_entry = {
	"kit", "LEAD --inspector NAME -o FILE", "make an inspector's file "
	    "for the lead's inspection", cmd_kit_exec
};

int
cmd_kit_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "inspector", required_argument, NULL, 'i' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	const struct db_inspection	*insp;
	struct db_lead			 l;
	struct db			*lead, *kit;
	unsigned char			 pk[KEYFILE_KEYBYTES];
	char				 fpr[KEYFILE_FPR_LEN];
	const char			*name = NULL, *out = NULL;
	char				*cause = NULL;
	int				 ch, rc;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "i:o:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'i':
			name = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			return cmd_bad_option(argv, "i:o:", longopts);
		}
	}
	if ((rc = cmd_want_args(argv[0], argc - optind, 1)) != 0)
		return rc;
	if (name == NULL || *name == '\0')
		return cmd_usage(argv[0], "--inspector NAME is required");
	if (out == NULL || *out == '\0')
		return cmd_usage(argv[0], "-o FILE is required");
	if ((lead = cmd_open(argv[optind], DB_READONLY, NULL)) == NULL)
		return EXIT_RUNTIME;
	if (db_lead_get(lead, &l, &cause) != 0) {
		db_close(lead);
		return cmd_fail(cause);
	}
	if (l.kit) {
		db_lead_clear(&l);
		db_close(lead);
		return cmd_error("'%s' is itself an inspector's kit: make kits "
		    "from the lead's file", argv[optind]);
	}
	if (l.key == NULL || keyfile_parse_public(l.key, pk, &cause) != 0) {
		free(cause);
		db_lead_clear(&l);
		db_close(lead);
		return cmd_error("'%s' has no lead key: add one with 'caseread "
		    "lead-key %s PUBLIC' first", argv[optind], argv[optind]);
	}
	db_lead_clear(&l);
	keyfile_fingerprint(pk, fpr);
	if ((kit = db_kit_create(lead, out, name, &cause)) == NULL) {
		db_close(lead);
		return cmd_fail(cause);
	}
	insp = db_inspection(kit);
	printf("created '%s' for %s: %s (%s), question bank %s %s; bundles "
	    "sealed to the lead key %s\n", out, insp->owner, insp->service,
	    insp->type, insp->bank_id, insp->bank_version, fpr);
	db_close(kit);
	db_close(lead);
	return 0;
}

int
cmd_kit_report(struct db *db, char **cause)
{
	struct db_lead	l;
	unsigned char	pk[KEYFILE_KEYBYTES];
	char		fpr[KEYFILE_FPR_LEN];

	if (db_lead_get(db, &l, cause) != 0)
		return -1;
	printf("inspection uid: %s%s\n", l.inspection_uid, l.kit ?
	    " (an inspector's kit from the lead's file)" : "");
	if (l.key == NULL)
		printf("lead key: none (bundles are exported plain)\n");
	else if (keyfile_parse_public(l.key, pk, cause) != 0) {
		db_lead_clear(&l);
		return -1;
	} else {
		keyfile_fingerprint(pk, fpr);
		printf("lead key: %s (bundles are sealed to it)\n", fpr);
	}
	if (l.sealed_to != NULL)
		printf("last sealed export: to key %s\n", l.sealed_to);
	db_lead_clear(&l);
	return 0;
}
