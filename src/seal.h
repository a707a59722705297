/*
 * Sealed bundles (issue 12): an export bundle encrypted to the lead inspector's
 * public key. A short plain text header anyone may read (which inspection, who,
 * when, how many cases, to which key), then the bundle's bytes in
 * crypto_secretstream_xchacha20poly1305 chunks under a random key, that key in
 * a crypto_box_seal to the lead's key. The header and the sealed key are the
 * first chunk's additional data, so changing any byte anywhere is detected.
 * Plain C, no SQLite: the db layer opens what seal_decrypt gives back.
 */
#ifndef CASEREAD_SEAL_H
#define CASEREAD_SEAL_H

#include <stddef.h>

#include "keyfile.h"

#define SEAL_MAGIC	"caseread sealed bundle 1\n"
#define SEAL_VERSION	1
#define SEAL_CHUNK	65536		/* plaintext bytes per chunk */
#define SEAL_HEADER_MAX	4096

/* The plain text header. */
struct seal_header {
	char		*inspection;	/* the inspection uid */
	char		*inspector;	/* who exported it */
	char		*exported_at;
	char		*key;		/* fingerprint of the key it is sealed to */
	long long	 cases;
	long long	 answers;
	long long	 history;
};

void		 seal_header_clear(struct seal_header *);

/*
 * Whether buf (len bytes, the start of a file) is, or could be the start of,
 * a sealed bundle: it begins with SEAL_MAGIC, or is a non-empty prefix of it.
 */
int		 seal_is_sealed(const void *buf, size_t len);
/* seal_is_sealed for the first bytes of the file at path; 0 when unreadable. */
int		 seal_file_is_sealed(const char *path);

/*
 * Parse the header of the sealed bundle buf (named name in messages) into h
 * (cleared by the caller with seal_header_clear), and its length into *hdrlen.
 * -1 with *cause when it is cut short or not well formed.
 */
int		 seal_header_parse(const unsigned char *buf, size_t len,
		     const char *name, struct seal_header *h, size_t *hdrlen,
		     char **cause);

/*
 * Seal len bytes of plain under a header made of h (its key field is ignored:
 * the fingerprint of pk is written) to the public key pk. Returns the sealed
 * bundle (malloc'd, *outlen bytes), or NULL with *cause.
 */
unsigned char	*seal_encrypt(const struct seal_header *h,
		     const unsigned char pk[KEYFILE_KEYBYTES],
		     const unsigned char *plain, size_t len, size_t *outlen,
		     char **cause);

/*
 * Open the sealed bundle buf (len bytes; name in messages) with the key pair
 * kp. The plaintext goes into a buffer from alloc (so SQLite may own it), in
 * *plain and *plainlen; on failure nothing is left allocated. -1 with *cause
 * when it is sealed to another key, damaged, altered or cut short.
 */
int		 seal_decrypt(const unsigned char *buf, size_t len,
		     const char *name, const struct keyfile_pair *kp,
		     void *(*alloc)(size_t), void (*dealloc)(void *),
		     unsigned char **plain, size_t *plainlen, char **cause);

#endif
