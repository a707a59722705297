/*
 * The lead inspector's key pair (issue 12): an X25519 key pair from libsodium,
 * the public half as one line to paste into an email ("caseread-key1:BASE64"),
 * the secret half in a file of its own, mode 0600, sealed under a passphrase
 * with Argon2id. Plain C: no SQLite, no terminal (the passphrase is the
 * caller's to read).
 */
#ifndef CASEREAD_KEYFILE_H
#define CASEREAD_KEYFILE_H

#include <stddef.h>

#define KEYFILE_KEYBYTES	32	/* crypto_box_PUBLICKEYBYTES, SECRETKEYBYTES */
#define KEYFILE_PREFIX		"caseread-key1:"
/* The public line: the prefix, 44 characters of base64, the NUL. */
#define KEYFILE_PUBLIC_LEN	(sizeof KEYFILE_PREFIX - 1 + 44 + 1)
/* A fingerprint: 8 bytes of BLAKE2b of the public key as "xxxx-xxxx-xxxx-xxxx". */
#define KEYFILE_FPR_LEN		20
/* Size of a secret key file. */
#define KEYFILE_SIZE		148

struct keyfile_pair {
	unsigned char	pk[KEYFILE_KEYBYTES];	/* public: X25519 */
	unsigned char	sk[KEYFILE_KEYBYTES];	/* secret */
};

/* sodium_init once; -1 with *cause when libsodium cannot start. */
int	 keyfile_init(char **cause);

/* A new random key pair. */
int	 keyfile_generate(struct keyfile_pair *, char **cause);
/* The public line for pk into out. */
void	 keyfile_public_text(const unsigned char pk[KEYFILE_KEYBYTES],
	     char out[KEYFILE_PUBLIC_LEN]);
/* The short fingerprint of pk into out. */
void	 keyfile_fingerprint(const unsigned char pk[KEYFILE_KEYBYTES],
	     char out[KEYFILE_FPR_LEN]);
/*
 * A public key from text: the line "caseread-key1:BASE64" (surrounding white
 * space ignored), or, when text is not such a line, the name of a file whose
 * first such line is used. -ERR_INVALID with *cause for no such key, or the
 * file's failure (-ERR_NOTFOUND, -ERR_IO).
 */
int	 keyfile_parse_public(const char *text, unsigned char pk[KEYFILE_KEYBYTES],
	     char **cause);

/*
 * Write the key pair to a new file at path (never over an existing one), mode
 * 0600, its secret key encrypted under passphrase (Argon2id), or stored as it
 * is when passphrase is NULL. On failure (-ERR_IO: one is there already, the
 * disk refused) nothing is left at path.
 */
int	 keyfile_write(const char *path, const struct keyfile_pair *,
	     const char *passphrase, char **cause);
/*
 * Whether the key file at path is protected by a passphrase: 1, 0, or a
 * failure with *cause (-ERR_FOREIGN: not a key file).
 */
int	 keyfile_protected(const char *path, char **cause);
/* The public key from the key file at path (no passphrase needed). */
int	 keyfile_read_public(const char *path, unsigned char pk[KEYFILE_KEYBYTES],
	     char **cause);
/*
 * The whole key pair from path, opening it with passphrase (ignored for a file
 * without one). On failure, with *cause: -ERR_FOREIGN not a key file,
 * -ERR_DAMAGED, -ERR_INVALID a wrong or missing passphrase.
 */
int	 keyfile_read(const char *path, const char *passphrase,
	     struct keyfile_pair *, char **cause);
/* Wipe a key pair from memory. */
void	 keyfile_wipe(struct keyfile_pair *);

/*
 * The default key file: $XDG_DATA_HOME/caseread/lead.key, else under
 * ~/.local/share. Newly allocated; NULL with *cause when neither is set.
 */
char	*keyfile_default_path(char **cause);

#endif
