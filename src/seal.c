/*
 * The sealed bundle format (see seal.h and FILES in caseread(1)). Whole
 * buffers in, whole buffers out: a bundle is a few megabytes, and a merge
 * must not write its plaintext anywhere. Does not know what a bundle holds.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "seal.h"
#include "util.h"

#define SS_HEADER	crypto_secretstream_xchacha20poly1305_HEADERBYTES
#define SS_ABYTES	crypto_secretstream_xchacha20poly1305_ABYTES
#define SEALED_KEY	(crypto_box_SEALBYTES + \
			    crypto_secretstream_xchacha20poly1305_KEYBYTES)

/* The header's fields after the magic line, in this order. */
static const char *const fields[] = {
	"inspection", "inspector", "exported", "cases", "answers", "history",
	"key"
};
#define NFIELDS	(sizeof fields / sizeof fields[0])

void
seal_header_clear(struct seal_header *h)
{
	free(h->inspection);
	free(h->inspector);
	free(h->exported_at);
	free(h->key);
	memset(h, 0, sizeof *h);
}

int
seal_is_sealed(const void *buf, size_t len)
{
	size_t	n = sizeof SEAL_MAGIC - 1;

	if (len == 0)
		return 0;
	return memcmp(buf, SEAL_MAGIC, len < n ? len : n) == 0;
}

int
seal_file_is_sealed(const char *path)
{
	char	buf[sizeof SEAL_MAGIC - 1];
	ssize_t	n;
	int	fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	n = read(fd, buf, sizeof buf);
	close(fd);
	return n > 0 && seal_is_sealed(buf, (size_t)n);
}

/* Text safe in a header line: printable, no newline (UTF-8 allowed). */
static int
line_ok(const char *s)
{
	return s != NULL && *s != '\0' && util_text_ok(s, strlen(s), NULL);
}

static int
parse_count(const char *s, long long *out)
{
	char	*end;

	if (*s < '0' || *s > '9' || strlen(s) > 15)
		return -1;
	errno = 0;
	*out = strtoll(s, &end, 10);
	return *end != '\0' || errno != 0 ? -1 : 0;
}

int
seal_header_parse(const unsigned char *buf, size_t len, const char *name,
    struct seal_header *h, size_t *hdrlen, char **cause)
{
	const char	*p, *end, *colon;
	char		*value;
	size_t		 i, mlen = sizeof SEAL_MAGIC - 1, flen, vlen;

	memset(h, 0, sizeof *h);
	if (len < mlen || memcmp(buf, SEAL_MAGIC, mlen) != 0) {
		if (seal_is_sealed(buf, len))
			return util_fail(cause, "'%s' is cut short (a sealed "
			    "bundle ends in %zu bytes): ask its inspector to "
			    "send it again", name, len);
		if (len >= 23 && memcmp(buf, "caseread sealed bundle ", 23) == 0)
			return util_fail(cause, "'%s' is a sealed bundle from a "
			    "newer caseread: upgrade caseread", name);
		return util_fail(cause, "'%s' is not a sealed caseread bundle",
		    name);
	}
	p = (const char *)buf + mlen;
	for (i = 0; i <= NFIELDS; i++) {
		end = memchr(p, '\n', (size_t)((const char *)buf + len - p));
		if (end == NULL || (size_t)(end - (const char *)buf) >=
		    SEAL_HEADER_MAX)
			goto short_or_bad;
		if (i == NFIELDS) {
			if (end != p)
				goto bad;
			*hdrlen = (size_t)(end + 1 - (const char *)buf);
			return 0;
		}
		flen = strlen(fields[i]);
		colon = p + flen;
		if (end - p < (ptrdiff_t)flen + 3 || memcmp(p, fields[i],
		    flen) != 0 || colon[0] != ':' || colon[1] != ' ')
			goto bad;
		vlen = (size_t)(end - colon - 2);
		value = xstrndup(colon + 2, vlen);
		if (strlen(value) != vlen || !line_ok(value)) {
			free(value);
			goto bad;
		}
		switch (i) {
		case 0:
			h->inspection = value;
			break;
		case 1:
			h->inspector = value;
			break;
		case 2:
			h->exported_at = value;
			break;
		case 3:
		case 4:
		case 5:
			if (parse_count(value, i == 3 ? &h->cases : i == 4 ?
			    &h->answers : &h->history) != 0) {
				free(value);
				goto bad;
			}
			free(value);
			break;
		default:
			h->key = value;
			break;
		}
		p = end + 1;
	}
	/* NOTREACHED */
bad:
	seal_header_clear(h);
	return util_fail(cause, "'%s' is damaged: its sealed bundle header is "
	    "not well formed", name);
short_or_bad:
	seal_header_clear(h);
	if (memchr(buf, '\0', len) == NULL && len < SEAL_HEADER_MAX)
		return util_fail(cause, "'%s' is cut short (in its header): ask "
		    "its inspector to send it again", name);
	return util_fail(cause, "'%s' is damaged: its sealed bundle header is "
	    "not well formed", name);
}

unsigned char *
seal_encrypt(const struct seal_header *h,
    const unsigned char pk[KEYFILE_KEYBYTES], const unsigned char *plain,
    size_t len, size_t *outlen, char **cause)
{
	crypto_secretstream_xchacha20poly1305_state	 st;
	unsigned char	 key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
	unsigned char	*out, *q;
	char		 fpr[KEYFILE_FPR_LEN], *hdr;
	size_t		 hlen, nchunks, off, n, total;
	unsigned char	 tag;

	if (keyfile_init(cause) != 0)
		return NULL;
	if (!line_ok(h->inspection) || !line_ok(h->inspector) ||
	    !line_ok(h->exported_at)) {
		util_fail(cause, "cannot seal: the inspection, inspector and "
		    "export time must be one line of text each");
		return NULL;
	}
	keyfile_fingerprint(pk, fpr);
	hdr = xasprintf("%sinspection: %s\ninspector: %s\nexported: %s\n"
	    "cases: %lld\nanswers: %lld\nhistory: %lld\nkey: %s\n\n",
	    SEAL_MAGIC, h->inspection, h->inspector, h->exported_at, h->cases,
	    h->answers, h->history, fpr);
	hlen = strlen(hdr);
	if (hlen >= SEAL_HEADER_MAX) {
		free(hdr);
		util_fail(cause, "cannot seal: the header is too long");
		return NULL;
	}
	nchunks = len / SEAL_CHUNK + 1;
	total = hlen + SEALED_KEY + SS_HEADER + len + nchunks * SS_ABYTES;
	out = xmalloc(total);
	memcpy(out, hdr, hlen);
	free(hdr);
	q = out + hlen;
	crypto_secretstream_xchacha20poly1305_keygen(key);
	if (crypto_box_seal(q, key, sizeof key, pk) != 0)
		goto fail;
	q += SEALED_KEY;
	crypto_secretstream_xchacha20poly1305_init_push(&st, q, key);
	q += SS_HEADER;
	for (off = 0; ; off += n) {
		n = len - off < SEAL_CHUNK ? len - off : SEAL_CHUNK;
		tag = off + n == len && (n < SEAL_CHUNK || len == 0) ?
		    crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0;
		/* The header and the sealed key bind to the first chunk. */
		if (crypto_secretstream_xchacha20poly1305_push(&st, q, NULL,
		    plain + off, n, off == 0 ? out : NULL, off == 0 ?
		    hlen + SEALED_KEY : 0, tag) != 0)
			goto fail;
		q += n + SS_ABYTES;
		if (tag != 0)
			break;
	}
	sodium_memzero(key, sizeof key);
	sodium_memzero(&st, sizeof st);
	*outlen = (size_t)(q - out);
	return out;

fail:
	sodium_memzero(key, sizeof key);
	free(out);
	util_fail(cause, "cannot seal the bundle");
	return NULL;
}

int
seal_decrypt(const unsigned char *buf, size_t len, const char *name,
    const struct keyfile_pair *kp, void *(*alloc)(size_t),
    void (*dealloc)(void *), unsigned char **plain, size_t *plainlen,
    char **cause)
{
	crypto_secretstream_xchacha20poly1305_state	 st;
	struct seal_header	 h;
	unsigned char		 key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
	unsigned char		*out = NULL, tag = 0;
	const unsigned char	*p, *end = buf + len;
	char			 fpr[KEYFILE_FPR_LEN];
	size_t			 hlen, body, nchunks, max, o = 0, c;
	unsigned long long	 n;
	int			 first = 1;

	*plain = NULL;
	*plainlen = 0;
	if (keyfile_init(cause) != 0)
		return -1;
	if (seal_header_parse(buf, len, name, &h, &hlen, cause) != 0)
		return -1;
	keyfile_fingerprint(kp->pk, fpr);
	if (strcmp(h.key, fpr) != 0) {
		util_fail(cause, "'%s' is sealed to another key (%s), not to "
		    "this one (%s)", name, h.key, fpr);
		seal_header_clear(&h);
		return -1;
	}
	seal_header_clear(&h);
	if (len - hlen < SEALED_KEY + SS_HEADER + SS_ABYTES)
		return util_fail(cause, "'%s' is cut short: ask its inspector "
		    "to send it again", name);
	p = buf + hlen;
	if (crypto_box_seal_open(key, p, SEALED_KEY, kp->pk, kp->sk) != 0)
		return util_fail(cause, "'%s' is damaged or was altered: its "
		    "key does not open with this key pair", name);
	p += SEALED_KEY;
	if (crypto_secretstream_xchacha20poly1305_init_pull(&st, p,
	    key) != 0) {
		sodium_memzero(key, sizeof key);
		return util_fail(cause, "'%s' is damaged", name);
	}
	sodium_memzero(key, sizeof key);
	p += SS_HEADER;
	body = (size_t)(end - p);
	nchunks = (body + SEAL_CHUNK + SS_ABYTES - 1) / (SEAL_CHUNK + SS_ABYTES);
	max = body - nchunks * SS_ABYTES;
	if ((out = alloc(max > 0 ? max : 1)) == NULL)
		return util_fail(cause, "cannot open '%s': out of memory", name);
	while (p < end) {
		if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
			goto altered;	/* bytes after the end */
		c = (size_t)(end - p) < SEAL_CHUNK + SS_ABYTES ?
		    (size_t)(end - p) : SEAL_CHUNK + SS_ABYTES;
		if (c < SS_ABYTES)
			goto altered;
		if (crypto_secretstream_xchacha20poly1305_pull(&st, out + o, &n,
		    &tag, p, c, first ? buf : NULL, first ? hlen + SEALED_KEY :
		    0) != 0)
			goto altered;
		first = 0;
		o += (size_t)n;
		p += c;
	}
	if (tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
		sodium_memzero(out, o);
		dealloc(out);
		return util_fail(cause, "'%s' is cut short: ask its inspector "
		    "to send it again", name);
	}
	sodium_memzero(&st, sizeof st);
	*plain = out;
	*plainlen = o;
	return 0;

altered:
	sodium_memzero(out, max);
	dealloc(out);
	return util_fail(cause, "'%s' is damaged or was altered after it was "
	    "sealed (it fails authentication): ask its inspector to send it "
	    "again", name);
}
