/*
 * caseread keygen [KEYFILE] [--no-passphrase] | keygen --public [KEYFILE]: the
 * lead inspector's key pair, and caseread lead-key FILE PUBLIC, which records
 * the public half in an inspection file. Also the passphrase prompt merge uses.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "cmd.h"
#include "db-lead.h"
#include "keyfile.h"
#include "util.h"

const struct cmd_entry cmd_keygen_entry = {
	"keygen", "[KEYFILE] [--no-passphrase] | --public [KEYFILE]",
	    "make the lead's key pair for sealed bundles", cmd_keygen_exec
};
const struct cmd_entry cmd_lead_key_entry = {
	"lead-key", "FILE PUBLIC [--replace]", "seal the file's bundles to the lead's "
	    "public key", cmd_lead_key_exec
};

/* Read one line from the terminal with echo off; NULL with *cause. */
static char *
read_tty(const char *prompt, char **cause)
{
	struct termios	 old, quiet;
	char		 buf[1024];
	FILE		*tty;
	size_t		 n;
	int		 ok;

	if ((tty = fopen("/dev/tty", "r+")) == NULL) {
		util_fail(cause, "no terminal to read the passphrase from: set "
		    "CASEREAD_PASSPHRASE");
		return NULL;
	}
	fputs(prompt, tty);
	fflush(tty);
	if (tcgetattr(fileno(tty), &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
	}
	ok = fgets(buf, sizeof buf, tty) != NULL;
	tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fputc('\n', tty);
	fclose(tty);
	if (!ok) {
		util_fail(cause, "no passphrase was given");
		return NULL;
	}
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	return xstrdup(buf);
}

char *
cmd_passphrase(const char *prompt, int twice, char **cause)
{
	const char	*env = getenv("CASEREAD_PASSPHRASE");
	char		*p, *again;

	if (env != NULL)
		p = xstrdup(env);
	else if ((p = read_tty(prompt, cause)) == NULL)
		return NULL;
	if (*p == '\0') {
		free(p);
		util_fail(cause, "the passphrase is empty");
		return NULL;
	}
	if (twice && env == NULL) {
		if ((again = read_tty("Again: ", cause)) == NULL) {
			free(p);
			return NULL;
		}
		if (strcmp(p, again) != 0) {
			free(p);
			free(again);
			util_fail(cause, "the passphrases differ");
			return NULL;
		}
		free(again);
	}
	return p;
}

/* mkdir -p of the folder of path, mode 0700: the default key's home. */
static void
make_parent(const char *path)
{
	char	*dir = xstrdup(path), *p;

	for (p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(dir, 0700);
		*p = '/';
	}
	free(dir);
}

int
cmd_keygen_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "public", no_argument, NULL, 'p' },
		{ "no-passphrase", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct keyfile_pair	 kp;
	char			 text[KEYFILE_PUBLIC_LEN], fpr[KEYFILE_FPR_LEN];
	char			*path, *pass = NULL, *cause = NULL;
	int			 ch, public = 0, nopass = 0, rc;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'p':
			public = 1;
			break;
		case 'n':
			nopass = 1;
			break;
		default:
			return cmd_bad_option(argv, "", longopts);
		}
	}
	if (argc - optind > 1)
		return cmd_usage(argv[0], "too many arguments");
	if (public && nopass)
		return cmd_usage(argv[0], "--public reads a key file; "
		    "--no-passphrase is for making one");
	if (argc - optind == 1)
		path = xstrdup(argv[optind]);
	else if ((path = keyfile_default_path(&cause)) == NULL)
		return cmd_fail(cause);

	if (public) {
		rc = keyfile_read_public(path, kp.pk, &cause);
		free(path);
		if (rc != 0)
			return cmd_fail(cause);
		keyfile_public_text(kp.pk, text);
		printf("%s\n", text);
		return 0;
	}
	if (!nopass && (pass = cmd_passphrase("Passphrase for the new lead "
	    "key: ", 1, &cause)) == NULL) {
		free(path);
		cmd_error("%s (or use --no-passphrase, and keep the key file "
		    "where only you can read it)", cause);
		free(cause);
		return EXIT_RUNTIME;
	}
	if (argc - optind == 0)
		make_parent(path);
	rc = keyfile_generate(&kp, &cause) == 0 &&
	    keyfile_write(path, &kp, pass, &cause) == 0 ? 0 : -1;
	if (pass != NULL) {
		memset(pass, 0, strlen(pass));
		free(pass);
	}
	if (rc != 0) {
		keyfile_wipe(&kp);
		free(path);
		return cmd_fail(cause);
	}
	keyfile_public_text(kp.pk, text);
	keyfile_fingerprint(kp.pk, fpr);
	keyfile_wipe(&kp);
	if (nopass)
		fprintf(stderr, "caseread: warning: '%s' has no passphrase: "
		    "anyone who can read it can open every bundle sealed to "
		    "this key\n", path);
	fprintf(stderr, "caseread: made the lead key '%s' (fingerprint %s); "
	    "without it no bundle sealed to it can be opened. Its public "
	    "key, for 'caseread init --lead-key' or 'caseread lead-key':\n",
	    path, fpr);
	printf("%s\n", text);
	free(path);
	return 0;
}

int
cmd_lead_key_exec(int argc, char **argv)
{
	struct db_lead	 l;
	struct db	*db;
	unsigned char	 pk[KEYFILE_KEYBYTES];
	char		 text[KEYFILE_PUBLIC_LEN], fpr[KEYFILE_FPR_LEN];
	static const struct option longopts[] = {
		{ "replace", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	char		*cause = NULL;
	int		 ch, rc, replace = 0;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch != 'r')
			return cmd_bad_option(argv, "", longopts);
		replace = 1;
	}
	argc -= optind - 1;
	argv += optind - 1;
	if (argc != 3)
		return cmd_usage(argv[0], argc < 3 ? "missing argument" :
		    "too many arguments");
	if (keyfile_parse_public(argv[2], pk, &cause) != 0)
		return cmd_fail(cause);
	keyfile_public_text(pk, text);
	keyfile_fingerprint(pk, fpr);
	if ((db = cmd_open(argv[1], 0, NULL)) == NULL)
		return EXIT_RUNTIME;
	if (db_lead_get(db, &l, &cause) != 0) {
		db_close(db);
		return cmd_fail(cause);
	}
	/* Bundles already sent to one key must not be followed by another's. */
	rc = l.sealed_to != NULL && strcmp(l.sealed_to, fpr) != 0;
	if (rc && replace)
		fprintf(stderr, "caseread: warning: bundles '%s' already sent "
		    "were sealed to key %s; from now on they are sealed to %s: "
		    "export again and send the new bundle\n", argv[1],
		    l.sealed_to, fpr);
	else if (rc) {
		cause = xasprintf("'%s' has already exported bundles sealed to "
		    "key %s: its lead key cannot change now (if the lead lost "
		    "that key, --replace)", argv[1], l.sealed_to);
		db_lead_clear(&l);
		db_close(db);
		return cmd_fail(cause);
	}
	db_lead_clear(&l);
	if (db_lead_set_key(db, text, &cause) != 0) {
		db_close(db);
		return cmd_fail(cause);
	}
	printf("'%s': bundles will be sealed to the lead key %s\n", argv[1],
	    fpr);
	db_close(db);
	return 0;
}
