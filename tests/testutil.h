/* testutil.h — small helpers shared by the cmocka tests: temporary files
 * and the locations of dictionaries and ../shared. */
#ifndef DYAD_TESTUTIL_H
#define DYAD_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static inline const char *test_dict_dir(void)
{
    const char *d = getenv("DYAD_DICT");
    return d && *d ? d : "dict";
}

/* ../shared beside the project, or NULL when absent (a user's own clone). */
static inline const char *test_shared_dir(void)
{
    const char *d = getenv("DYAD_SHARED");
    struct stat st;
    if (d && stat(d, &st) == 0 && S_ISDIR(st.st_mode)) return d;
    return NULL;
}

/* Creates a fresh temporary folder; the path is static per call site. */
static inline char *test_tmpdir(char *tmpl, size_t n)
{
    snprintf(tmpl, n, "/tmp/dyad-test-XXXXXX");
    return mkdtemp(tmpl);
}

static inline void test_write(const char *dir, const char *name, const void *data, size_t len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        exit(1);
    }
    fwrite(data, 1, len, f);
    fclose(f);
}

static inline void test_writes(const char *dir, const char *name, const char *text)
{
    test_write(dir, name, text, strlen(text));
}

static inline void test_rmtree(const char *dir)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

#endif
