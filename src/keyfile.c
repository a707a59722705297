/*
 * Key pairs and key files for sealed bundles. A secret key file is 148 bytes:
 * magic, protection, the Argon2id parameters and salt, a nonce, the public key,
 * and the secret key encrypted with XChaCha20-Poly1305 under the passphrase's
 * key, everything before it authenticated with it. Reading the passphrase from
 * a terminal is the command's business, not this file's.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "error.h"
#include "keyfile.h"
#include "util.h"

#define KF_MAGIC	"CRKEY01\n"
#define KF_PROT		8
#define KF_OPS		12
#define KF_MEM		20
#define KF_SALT		28
#define KF_NONCE	44
#define KF_PK		68
#define KF_SK		100

int
keyfile_init(char **cause)
{
	if (sodium_init() < 0)
		return util_fail(cause, "cannot start libsodium");
	return 0;
}

int
keyfile_generate(struct keyfile_pair *kp, char **cause)
{
	if (keyfile_init(cause) != 0)
		return -1;
	if (crypto_box_keypair(kp->pk, kp->sk) != 0)
		return util_fail(cause, "cannot make a key pair");
	return 0;
}

void
keyfile_public_text(const unsigned char pk[KEYFILE_KEYBYTES],
    char out[KEYFILE_PUBLIC_LEN])
{
	size_t	n = sizeof KEYFILE_PREFIX - 1;

	memcpy(out, KEYFILE_PREFIX, n);
	sodium_bin2base64(out + n, KEYFILE_PUBLIC_LEN - n, pk, KEYFILE_KEYBYTES,
	    sodium_base64_VARIANT_ORIGINAL);
}

void
keyfile_fingerprint(const unsigned char pk[KEYFILE_KEYBYTES],
    char out[KEYFILE_FPR_LEN])
{
	static const char	hex[] = "0123456789abcdef";
	unsigned char		h[8];
	size_t			i, o = 0;

	crypto_generichash(h, sizeof h, pk, KEYFILE_KEYBYTES,
	    (const unsigned char *)"caseread-fpr", 12);
	for (i = 0; i < sizeof h; i++) {
		if (i > 0 && i % 2 == 0)
			out[o++] = '-';
		out[o++] = hex[h[i] >> 4];
		out[o++] = hex[h[i] & 0xf];
	}
	out[o] = '\0';
}

/* Parse one line (white space around it ignored); 0, or -1 when not a key. */
static int
parse_line(const char *s, size_t n, unsigned char pk[KEYFILE_KEYBYTES])
{
	size_t	plen = sizeof KEYFILE_PREFIX - 1, got = 0;
	char	buf[128];

	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if (n <= plen || n - plen >= sizeof buf ||
	    strncmp(s, KEYFILE_PREFIX, plen) != 0)
		return -1;
	memcpy(buf, s + plen, n - plen);
	buf[n - plen] = '\0';
	if (sodium_base642bin(pk, KEYFILE_KEYBYTES, buf, n - plen, NULL, &got,
	    NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    got != KEYFILE_KEYBYTES)
		return -1;
	return 0;
}

int
keyfile_parse_public(const char *text, unsigned char pk[KEYFILE_KEYBYTES],
    char **cause)
{
	char		*data, *line, *end;
	size_t		 len;
	int		 rc = -1;

	if (keyfile_init(cause) != 0)
		return -1;
	if (parse_line(text, strlen(text), pk) == 0)
		return 0;
	if (strncmp(text, KEYFILE_PREFIX, sizeof KEYFILE_PREFIX - 1) == 0)
		return err_fail(cause, ERR_INVALID, "'%s' is not a valid "
		    "public key (expected %s and 44 characters of base64)",
		    text, KEYFILE_PREFIX);
	if ((rc = util_read_file(text, &data, &len, cause)) != 0)
		return rc;
	rc = -1;	/* until a line holds a key */
	/* The lead's own key file holds its public key too. */
	if (len == KEYFILE_SIZE && memcmp(data, KF_MAGIC, 8) == 0) {
		memcpy(pk, data + KF_PK, KEYFILE_KEYBYTES);
		sodium_memzero(data, len);
		free(data);
		return 0;
	}
	for (line = data; line < data + len; line = end + 1) {
		if ((end = memchr(line, '\n', (size_t)(data + len - line))) == NULL)
			end = data + len;
		if (parse_line(line, (size_t)(end - line), pk) == 0) {
			rc = 0;
			break;
		}
	}
	free(data);
	if (rc != 0)
		return err_fail(cause, ERR_INVALID, "'%s' holds no public key "
		    "(a line %s...; 'caseread keygen --public KEYFILE' prints "
		    "it)", text, KEYFILE_PREFIX);
	return 0;
}

static void
put64(unsigned char *p, unsigned long long v)
{
	int	i;

	for (i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static unsigned long long
get64(const unsigned char *p)
{
	unsigned long long	v = 0;
	int			i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* The key that encrypts the secret key: Argon2id of the passphrase, or zeros. */
static int
derive(const unsigned char *hdr, const char *passphrase, unsigned char *key,
    char **cause)
{
	memset(key, 0, crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
	if (hdr[KF_PROT] == 0)
		return 0;
	if (passphrase == NULL)
		return err_fail(cause, ERR_INVALID, "a passphrase is needed");
	if (crypto_pwhash(key, crypto_aead_xchacha20poly1305_ietf_KEYBYTES,
	    passphrase, strlen(passphrase), hdr + KF_SALT, get64(hdr + KF_OPS),
	    (size_t)get64(hdr + KF_MEM), crypto_pwhash_ALG_ARGON2ID13) != 0)
		return util_fail(cause, "cannot derive a key from the passphrase "
		    "(out of memory?)");
	return 0;
}

int
keyfile_write(const char *path, const struct keyfile_pair *kp,
    const char *passphrase, char **cause)
{
	unsigned char	 buf[KEYFILE_SIZE], key[32];
	size_t		 off = 0;
	ssize_t		 w;
	int		 fd, err, rc;

	if (keyfile_init(cause) != 0)
		return -1;
	memset(buf, 0, sizeof buf);
	memcpy(buf, KF_MAGIC, 8);
	if (passphrase != NULL) {
		buf[KF_PROT] = 1;
		put64(buf + KF_OPS, crypto_pwhash_OPSLIMIT_INTERACTIVE);
		put64(buf + KF_MEM, crypto_pwhash_MEMLIMIT_INTERACTIVE);
		randombytes_buf(buf + KF_SALT, crypto_pwhash_SALTBYTES);
	}
	randombytes_buf(buf + KF_NONCE, 24);
	memcpy(buf + KF_PK, kp->pk, KEYFILE_KEYBYTES);
	if ((rc = derive(buf, passphrase, key, cause)) != 0)
		return rc;
	crypto_aead_xchacha20poly1305_ietf_encrypt(buf + KF_SK, NULL, kp->sk,
	    KEYFILE_KEYBYTES, buf, KF_SK, NULL, buf + KF_NONCE, key);
	sodium_memzero(key, sizeof key);
	/* O_EXCL: a second keygen must never destroy the key old bundles need. */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1)
		return err_fail(cause, ERR_IO, "cannot create '%s': %s", path,
		    strerror(errno));
	while (off < sizeof buf) {
		if ((w = write(fd, buf + off, sizeof buf - off)) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		off += (size_t)w;
	}
	err = errno;
	if (off != sizeof buf || fchmod(fd, 0600) != 0 || fsync(fd) != 0) {
		err = errno;
		close(fd);
		unlink(path);
		return err_fail(cause, ERR_IO, "cannot write '%s': %s", path,
		    strerror(err));
	}
	if (close(fd) != 0) {
		err = errno;
		unlink(path);
		return err_fail(cause, ERR_IO, "cannot write '%s': %s", path,
		    strerror(err));
	}
	return 0;
}

/* The key file's bytes into buf, checked for size and magic. */
static int
load(const char *path, unsigned char buf[KEYFILE_SIZE], char **cause)
{
	char	*data;
	size_t	 len;
	int	 rc;

	if (keyfile_init(cause) != 0)
		return -1;
	if ((rc = util_read_file(path, &data, &len, cause)) != 0)
		return rc;
	if (len != KEYFILE_SIZE || memcmp(data, KF_MAGIC, 8) != 0 ||
	    (data[KF_PROT] != 0 && data[KF_PROT] != 1)) {
		free(data);
		return err_fail(cause, ERR_FOREIGN, "'%s' is not a caseread "
		    "key file (made by 'caseread keygen')", path);
	}
	memcpy(buf, data, KEYFILE_SIZE);
	sodium_memzero(data, len);
	free(data);
	return 0;
}

int
keyfile_protected(const char *path, char **cause)
{
	unsigned char	buf[KEYFILE_SIZE];
	int		rc;

	if ((rc = load(path, buf, cause)) != 0)
		return rc;
	return buf[KF_PROT] != 0;
}

int
keyfile_read_public(const char *path, unsigned char pk[KEYFILE_KEYBYTES],
    char **cause)
{
	unsigned char	buf[KEYFILE_SIZE];
	int		rc;

	if ((rc = load(path, buf, cause)) != 0)
		return rc;
	memcpy(pk, buf + KF_PK, KEYFILE_KEYBYTES);
	return 0;
}

int
keyfile_read(const char *path, const char *passphrase,
    struct keyfile_pair *kp, char **cause)
{
	unsigned char	buf[KEYFILE_SIZE], key[32], check[KEYFILE_KEYBYTES];
	int		ok, rc;

	if ((rc = load(path, buf, cause)) != 0)
		return rc;
	if (buf[KF_PROT] != 0 && passphrase == NULL)
		return err_fail(cause, ERR_INVALID, "'%s' needs its passphrase",
		    path);
	if ((rc = derive(buf, passphrase, key, cause)) != 0)
		return rc;
	ok = crypto_aead_xchacha20poly1305_ietf_decrypt(kp->sk, NULL, NULL,
	    buf + KF_SK, KEYFILE_KEYBYTES + 16, buf, KF_SK, buf + KF_NONCE,
	    key) == 0;
	sodium_memzero(key, sizeof key);
	if (!ok) {
		if (buf[KF_PROT] != 0)
			return err_fail(cause, ERR_INVALID, "wrong passphrase "
			    "for '%s' (or the file is damaged)", path);
		return err_fail(cause, ERR_DAMAGED, "'%s' is damaged", path);
	}
	memcpy(kp->pk, buf + KF_PK, KEYFILE_KEYBYTES);
	crypto_scalarmult_base(check, kp->sk);
	if (sodium_memcmp(check, kp->pk, KEYFILE_KEYBYTES) != 0) {
		keyfile_wipe(kp);
		return err_fail(cause, ERR_DAMAGED, "'%s' is damaged: its keys "
		    "do not match", path);
	}
	return 0;
}

void
keyfile_wipe(struct keyfile_pair *kp)
{
	sodium_memzero(kp, sizeof *kp);
}

char *
keyfile_default_path(char **cause)
{
	const char	*xdg = getenv("XDG_DATA_HOME"), *home;

	if (xdg != NULL && *xdg == '/')
		return xasprintf("%s/caseread/lead.key", xdg);
	if ((home = getenv("HOME")) == NULL || *home == '\0') {
		util_fail(cause, "cannot find the data directory for the key: "
		    "set HOME or XDG_DATA_HOME, or give --key KEYFILE");
		return NULL;
	}
	return xasprintf("%s/.local/share/caseread/lead.key", home);
}
