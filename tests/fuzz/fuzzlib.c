/*
 * What the file-based fuzz harnesses share (fuzzlib.h). Built by tests/fuzz/run
 * with the library, not a harness of its own.
 */
#include "config.h"

#undef NDEBUG		/* the asserts below also do the work */
#include <assert.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "fuzzlib.h"
#include "qbank.h"

void
fuzzlib_write_file(const char *path, const void *data, size_t size)
{
	const char	*p = data;
	ssize_t		 w;
	int		 fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	assert(fd != -1);
	while (size > 0) {
		w = write(fd, p, size);
		assert(w > 0);
		p += w;
		size -= (size_t)w;
	}
	assert(close(fd) == 0);
}

struct db *
fuzzlib_db_create(const char *who, const char *path, const char *owner)
{
	struct db_init	 init;
	struct qbank	*bank;
	struct db	*db;
	char		*cause = NULL;

	if ((bank = qbank_builtin(&cause)) == NULL) {
		fprintf(stderr, "%s: %s\n", who, cause);
		abort();
	}
	memset(&init, 0, sizeof init);
	init.service = "Demoshire YJS (demonstration)";
	init.type = "iyjwcv";
	init.owner = owner;
	init.bank = bank;
	if ((db = db_create(path, &init, &cause)) == NULL) {
		fprintf(stderr, "%s: %s\n", who, cause);
		abort();
	}
	qbank_free(bank);
	return db;
}
