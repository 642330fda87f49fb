/* test_eval_ner.c — the factRuEval NER evaluation: reading the gold files,
 * tagging from a record, counting and F1, on small synthetic documents made
 * in a temporary folder; and one run on the real devset when ../shared is
 * there (skipped otherwise). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "eval_ner.h"
#include "testutil.h"

/* The synthetic document: a leading newline (trimmed by the coder, so record
 * offsets are shifted by one) and two sentences. */
static const char TEXT[] = "\nГлава МИД России Сергей Лавров прибыл в Москву.\n\n"
                           "Компания Google открыла офис.\n";
static const char *const WORDS[] = {"Глава", "МИД", "России", "Сергей", "Лавров", "прибыл",
                                    "в", "Москву", ".", "", "Компания", "Google", "открыла",
                                    "офис", "."};
enum { N_WORDS = sizeof WORDS / sizeof *WORDS };

static char DIR_[64];

/* Code point and byte offset of the k-th word (searching after the previous). */
static size_t word_byte[N_WORDS], word_cp[N_WORDS];

static size_t cps(const char *s, size_t nbytes)
{
    size_t n = 0;
    for (size_t i = 0; i < nbytes; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static void locate_words(void)
{
    size_t from = 0;
    for (int k = 0; k < N_WORDS; k++) {
        if (!*WORDS[k])
            continue;
        const char *at = strstr(TEXT + from, WORDS[k]);
        assert_non_null(at);
        word_byte[k] = (size_t)(at - TEXT);
        word_cp[k] = cps(TEXT, word_byte[k]);
        from = word_byte[k] + strlen(WORDS[k]);
    }
}

static size_t wlen(int k, int bytes) { return bytes ? strlen(WORDS[k]) : cps(WORDS[k], strlen(WORDS[k])); }
static size_t woff(int k, int bytes) { return bytes ? word_byte[k] : word_cp[k]; }

/* Writes NAME.{txt,tokens,spans,objects} with code point or byte offsets. */
static void write_doc(const char *name, int bytes)
{
    char fn[128], buf[8192];
    size_t n = 0;
    snprintf(fn, sizeof fn, "%s.txt", name);
    test_writes(DIR_, fn, TEXT);
    for (int k = 0; k < N_WORDS; k++) {
        if (!*WORDS[k])
            n += (size_t)snprintf(buf + n, sizeof buf - n, "\n");
        else
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%d %zu %zu %s\n", 100 + k,
                                  woff(k, bytes), wlen(k, bytes), WORDS[k]);
    }
    snprintf(fn, sizeof fn, "%s.tokens", name);
    test_writes(DIR_, fn, buf);

    /* spans: id type start length first-token n-tokens # text */
    static const struct { int id; const char *type; int w; } SP[] = {
        {1, "job", 0},        {2, "org_name", 1},  {3, "loc_name", 2},
        {4, "name", 3},       {5, "surname", 4},   {6, "loc_name", 7},
        {7, "org_descr", 10}, {8, "surname", 11},  {8, "org_name", 11}, /* one id, two lines */
        {9, "geo_adj", 12},
    };
    n = 0;
    for (size_t i = 0; i < sizeof SP / sizeof *SP; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%d %s %zu %zu %d 1  # %d %s\n", SP[i].id,
                              SP[i].type, woff(SP[i].w, bytes), wlen(SP[i].w, bytes),
                              100 + SP[i].w, 100 + SP[i].w, WORDS[SP[i].w]);
    snprintf(fn, sizeof fn, "%s.spans", name);
    test_writes(DIR_, fn, buf);

    snprintf(fn, sizeof fn, "%s.objects", name);
    test_writes(DIR_, fn,
                "50 Org 2 3 # МИД России\n"      /* ORG: only the org_name (МИД) */
                "51 LocOrg 3 # России\n"         /* LOC */
                "52 Person 4 5 # Сергей Лавров\n" /* PER: all spans */
                "53 Location 6 # Москву\n"
                "54 Org 7 8 # Компания Google\n" /* ORG: Google (org_name line of 8) */
                "55 LocOrg 9 # открыла\n"        /* geo_adj: not a loc_name */
                "56 Project 1 # Глава\n");       /* not scored */
}

static int setup(void **state)
{
    if (!test_tmpdir(DIR_, sizeof DIR_))
        return -1;
    locate_words();
    write_doc("book_1", 0);
    return 0;
}

static int teardown(void **state)
{
    test_rmtree(DIR_);
    return 0;
}

static unsigned gold_of(const ner_doc *d, int k)
{
    for (size_t i = 0; i < d->n_tok; i++)
        if (d->tok[i].start == word_cp[k])
            return d->tok[i].gold;
    fail_msg("no token at word %d", k);
    return 0;
}

static unsigned sys_of(const ner_doc *d, int k)
{
    for (size_t i = 0; i < d->n_tok; i++)
        if (d->tok[i].start == word_cp[k])
            return d->tok[i].sys;
    fail_msg("no token at word %d", k);
    return 0;
}

#define PER (1u << NER_PER)
#define LOC (1u << NER_LOC)
#define ORG (1u << NER_ORG)

static void check_gold(const ner_doc *d)
{
    assert_int_equal(d->n_tok, N_WORDS - 1);
    assert_int_equal(d->n_sent, 2);
    assert_int_equal(d->n_unverified, 0);
    assert_int_equal(gold_of(d, 0), 0);   /* Глава: job */
    assert_int_equal(gold_of(d, 1), ORG); /* МИД */
    assert_int_equal(gold_of(d, 2), LOC); /* России: loc_name of LocOrg, not ORG */
    assert_int_equal(gold_of(d, 3), PER);
    assert_int_equal(gold_of(d, 4), PER);
    assert_int_equal(gold_of(d, 7), LOC);
    assert_int_equal(gold_of(d, 10), 0);   /* Компания: org_descr */
    assert_int_equal(gold_of(d, 11), ORG); /* Google */
    assert_int_equal(gold_of(d, 12), 0);   /* geo_adj */
    assert_int_equal(gold_of(d, 14), 0);
}

static void gold_with_code_point_offsets(void **state)
{
    ner_doc d;
    char msg[512];
    assert_int_equal(ner_doc_read(DIR_, "book_1", &d, msg, sizeof msg), 0);
    assert_int_equal(d.byte_offsets, 0);
    assert_int_equal(d.n_chars, cps(TEXT, strlen(TEXT)));
    check_gold(&d);
    ner_doc_free(&d);
}

static void gold_with_byte_offsets_is_converted(void **state)
{
    write_doc("book_2", 1);
    ner_doc d;
    char msg[512];
    assert_int_equal(ner_doc_read(DIR_, "book_2", &d, msg, sizeof msg), 0);
    assert_int_equal(d.byte_offsets, 1);
    check_gold(&d);
    ner_doc_free(&d);
    char path[256];
    for (const char *const *e = (const char *const[]){".txt", ".tokens", ".spans", ".objects", NULL}; *e; e++) {
        snprintf(path, sizeof path, "%s/book_2%s", DIR_, *e);
        remove(path);
    }
}

static void missing_and_malformed_gold(void **state)
{
    ner_doc d;
    char msg[512];
    assert_int_equal(ner_doc_read(DIR_, "book_404", &d, msg, sizeof msg), 1);
    char sub[128];
    snprintf(sub, sizeof sub, "%s/bad", DIR_);
    mkdir(sub, 0700);
    test_writes(sub, "b.txt", "Текст.");
    test_writes(sub, "b.tokens", "1 0 5 Текст\n2 5 1 .\n");
    test_writes(sub, "b.spans", "7 loc_name 0 5 1 1\n");
    test_writes(sub, "b.objects", "9 Location 8 # no such span\n");
    assert_int_equal(ner_doc_read(sub, "b", &d, msg, sizeof msg), 2);
    assert_non_null(strstr(msg, "unknown span 8"));
    test_writes(sub, "b.tokens", "1 zero 5 Текст\n");
    assert_int_equal(ner_doc_read(sub, "b", &d, msg, sizeof msg), 2);
    assert_non_null(strstr(msg, "b.tokens:1"));
}

/* A record as the coder would write it: offsets into TEXT without its
 * leading newline. */
static size_t rec_json(char *out, size_t cap)
{
    size_t o = 1; /* the trimmed newline */
#define R(k) word_cp[k] - o, word_cp[k] - o + wlen(k, 0)
    int n = snprintf(out, cap,
        "{\"format\":1,\"size\":{\"sentences\":2},\"text\":\"Глава МИД России Сергей Лавров прибыл в "
        "Москву.\\n\\nКомпания Google открыла офис.\","
        "\"actors\":["
        " {\"type\":\"PER\",\"mentions\":["
        "   {\"span\":[%zu,%zu],\"head\":[%zu,%zu],\"how\":\"name\"},"  /* Глава…Лавров, head Сергей Лавров */
        "   {\"span\":[%zu,%zu],\"how\":\"title\"}]},"                 /* Глава: skipped */
        " {\"type\":\"LOC\",\"mentions\":["
        "   {\"span\":[%zu,%zu],\"how\":\"role\"},"                    /* МИД России: skipped */
        "   {\"span\":[%zu,%zu],\"how\":\"metonym\"},"                 /* Москву */
        "   {\"span\":[%zu,%zu],\"how\":\"adj\"}]},"                   /* открыла: skipped */
        " {\"type\":\"ORG\",\"mentions\":[{\"span\":[%zu,%zu],\"how\":\"dict\"}]}," /* Компания Google */
        " {\"type\":\"PER\",\"mentions\":[{\"span\":[%zu,%zu],\"how\":\"surname\"}]}," /* Google */
        " {\"type\":\"XYZ\",\"mentions\":[{\"span\":[%zu,%zu],\"how\":\"dict\"}]}"   /* unknown type */
        "],\"events\":[{\"code\":\"040\",\"root\":\"04\"},{\"code\":\"111\",\"root\":\"11\"},"
        "{\"code\":\"x\",\"root\":null}]}",
        word_cp[0] - o, word_cp[4] - o + wlen(4, 0), word_cp[3] - o, word_cp[4] - o + wlen(4, 0),
        R(0), word_cp[1] - o, word_cp[2] - o + wlen(2, 0), R(7), R(12),
        word_cp[10] - o, word_cp[11] - o + wlen(11, 0), R(11), R(13));
#undef R
    return (size_t)n;
}

static void tagging_counts_and_f1(void **state)
{
    ner_doc d;
    char msg[512], json[4096];
    assert_int_equal(ner_doc_read(DIR_, "book_1", &d, msg, sizeof msg), 0);
    size_t n = rec_json(json, sizeof json);
    ner_record_info info = {0};
    assert_int_equal(ner_doc_tag_record(&d, json, n, &info, msg, sizeof msg), 0);
    assert_int_equal(info.sentences, 2);
    assert_int_equal(info.events, 3);
    assert_int_equal(info.by_root[4], 1);
    assert_int_equal(info.by_root[11], 1);
    assert_int_equal(info.by_root[0], 1);
    assert_int_equal(info.mentions, 8);
    assert_int_equal(info.used, 4);
    assert_int_equal(info.shifted, 1);

    assert_int_equal(sys_of(&d, 0), 0);   /* the head, not the span */
    assert_int_equal(sys_of(&d, 1), 0);   /* role skipped */
    assert_int_equal(sys_of(&d, 2), 0);
    assert_int_equal(sys_of(&d, 3), PER);
    assert_int_equal(sys_of(&d, 4), PER);
    assert_int_equal(sys_of(&d, 7), LOC);
    assert_int_equal(sys_of(&d, 10), ORG);
    assert_int_equal(sys_of(&d, 11), ORG | PER); /* two types on one token */
    assert_int_equal(sys_of(&d, 12), 0);         /* adj skipped */
    assert_int_equal(sys_of(&d, 13), 0);         /* unknown type */

    ner_counts c = {0};
    ner_doc_count(&d, &c);
    double p, r, f;
    /* PER: 2 right, Google wrong */
    assert_int_equal(c.tp[NER_PER], 2);
    assert_int_equal(c.fp[NER_PER], 1);
    assert_int_equal(c.fn[NER_PER], 0);
    ner_prf(&c, NER_PER, &p, &r, &f);
    assert_float_equal(p, 2.0 / 3, 1e-9);
    assert_float_equal(r, 1.0, 1e-9);
    assert_float_equal(f, 0.8, 1e-9);
    /* LOC: Москву found, России missed */
    ner_prf(&c, NER_LOC, &p, &r, &f);
    assert_float_equal(p, 1.0, 1e-9);
    assert_float_equal(r, 0.5, 1e-9);
    assert_float_equal(f, 2.0 / 3, 1e-9);
    /* ORG: Google found, Компания extra, МИД missed */
    assert_int_equal(c.tp[NER_ORG], 1);
    assert_int_equal(c.fp[NER_ORG], 1);
    assert_int_equal(c.fn[NER_ORG], 1);
    ner_prf(&c, NER_ORG, &p, &r, &f);
    assert_float_equal(f, 0.5, 1e-9);
    /* nothing at all: zeros, no division by zero */
    ner_counts z = {0};
    ner_prf(&z, NER_PER, &p, &r, &f);
    assert_true(p == 0 && r == 0 && f == 0);

    assert_int_equal(ner_doc_tag_record(&d, "{\"actors\":", 10, &info, msg, sizeof msg), 2);
    ner_doc_free(&d);
}

static void tag_overlap_rule(void **state)
{
    ner_token t[3] = {{0, 3, 0, 0}, {4, 8, 0, 0}, {8, 9, 0, 0}};
    ner_doc d = {.tok = t, .n_tok = 3};
    ner_doc_tag(&d, 2, 5, NER_LOC, 1); /* overlaps the first two */
    assert_int_equal(t[0].gold, LOC);
    assert_int_equal(t[1].gold, LOC);
    assert_int_equal(t[2].gold, 0);
    ner_doc_tag(&d, 3, 4, NER_PER, 1); /* the gap between tokens: nothing */
    ner_doc_tag(&d, 8, 8, NER_PER, 1); /* empty */
    ner_doc_tag(&d, 8, 9, 7, 1);       /* bad type */
    assert_int_equal(t[0].gold | t[1].gold | t[2].gold, LOC);
    ner_doc_tag(&d, 8, 100, NER_ORG, 0);
    assert_int_equal(t[2].sys, ORG);
    assert_string_equal(ner_type_name(NER_ORG), "ORG");
    assert_null(ner_type_name(3));
    assert_int_equal(ner_type_of("LOC"), NER_LOC);
    assert_int_equal(ner_type_of("GPE"), -1);
}

static void run_skips_without_data(void **state)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *err = open_memstream(&buf, &n);
    assert_int_equal(eval_ner_run("/nonexistent/factrueval", test_dict_dir(), stdout, err), 1);
    char empty[128];
    snprintf(empty, sizeof empty, "%s/empty", DIR_);
    mkdir(empty, 0700);
    assert_int_equal(eval_ner_run(empty, test_dict_dir(), stdout, err), 1);
    fclose(err);
    assert_non_null(strstr(buf, "skip:"));
    free(buf);
}

static void run_on_synthetic_folder(void **state)
{
    char *buf = NULL, *ebuf = NULL;
    size_t n = 0, en = 0;
    FILE *out = open_memstream(&buf, &n), *err = open_memstream(&ebuf, &en);
    int rc = eval_ner_run(DIR_, test_dict_dir(), out, err);
    fclose(out);
    fclose(err);
    if (rc)
        fprintf(stderr, "%s", ebuf);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(buf, "PER"));
    assert_non_null(strstr(buf, "events per 1,000 sentences"));
    free(buf);
    free(ebuf);
}

static void real_devset(void **state)
{
    const char *shared = test_shared_dir();
    char dir[1024];
    struct stat st;
    if (shared)
        snprintf(dir, sizeof dir, "%s/data/factrueval/devset", shared);
    if (!shared || stat(dir, &st) != 0) {
        fprintf(stderr, "skip: factRuEval devset not found (set DYAD_SHARED)\n");
        skip();
    }
    ner_result R;
    assert_int_equal(eval_ner_score(dir, test_dict_dir(), &R, stderr), 0);
    assert_int_equal(R.documents, 122);
    assert_int_equal(R.failed, 0);
    assert_int_equal(R.unverified, 0);
    assert_int_equal(R.byte_offset_docs, 0);
    for (int t = 0; t < NER_NTYPES; t++) {
        assert_true(R.f1[t] >= 0 && R.f1[t] <= 1);
        assert_true(R.p[t] >= 0 && R.p[t] <= 1);
        assert_true(R.r[t] >= 0 && R.r[t] <= 1);
        assert_true(R.counts.tp[t] + R.counts.fn[t] > 0); /* gold has every type */
    }
    assert_true(R.info.sentences > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gold_with_code_point_offsets),
        cmocka_unit_test(gold_with_byte_offsets_is_converted),
        cmocka_unit_test(missing_and_malformed_gold),
        cmocka_unit_test(tagging_counts_and_f1),
        cmocka_unit_test(tag_overlap_rule),
        cmocka_unit_test(run_skips_without_data),
        cmocka_unit_test(run_on_synthetic_folder),
        cmocka_unit_test(real_devset),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
