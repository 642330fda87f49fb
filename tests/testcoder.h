/* testcoder.h — one engine and one coder over dict/ for a cmocka test
 * group: pass coder_setup and coder_teardown to cmocka_run_group_tests. */
#ifndef DYAD_TESTCODER_H
#define DYAD_TESTCODER_H

#include <stdio.h>

#include "dyad.h"
#include "testutil.h"

static dyad_engine *engine;
static dyad_coder *coder;

static int coder_setup(void **state)
{
    (void)state;
    char err[512];
    if (dyad_engine_open(test_dict_dir(), &engine, err, sizeof err) != DYAD_OK) {
        fprintf(stderr, "engine: %s\n", err);
        return -1;
    }
    coder = dyad_coder_new(engine, NULL);
    return coder ? 0 : -1;
}

static int coder_teardown(void **state)
{
    (void)state;
    dyad_coder_free(coder);
    dyad_engine_close(engine);
    return 0;
}

#endif
