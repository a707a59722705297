/*
 * caseread forms check FILE: validate a question bank file and summarise it, so a
 * bank can be checked before any inspection is created from it.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "textgate.h"

const struct cmd_entry cmd_forms_entry = {
	"forms", "check FILE", "validate a question bank file",
	    cmd_forms_exec
};

int
cmd_forms_exec(int argc, char **argv)
{
	struct qbank	*bank;
	char		*cause = NULL;
	size_t		 i, prompts = 0;

	if (argc < 2)
		return cmd_usage(argv[0], "missing subcommand");
	if (strcmp(argv[1], "check") != 0)
		return cmd_usage(argv[0], "unknown subcommand '%s'", argv[1]);
	if (argc != 3)
		return cmd_usage(argv[0], argc < 3 ? "missing FILE" :
		    "too many arguments");
	if ((bank = qbank_load(argv[2], &cause)) == NULL)
		return cmd_fail(cause);
	for (i = 0; i < bank->nquestions; i++)
		prompts += !bank->questions[i].is_key;
	textgate_printf(stdout,
	    "%s: ok: bank %s version %s, %zu standards, %zu key questions, "
	    "%zu prompts, hash %s\n", argv[2], bank->id, bank->version,
	    bank->nstandards, bank->nkeys, prompts, bank->hash);
	qbank_free(bank);
	return 0;
}
