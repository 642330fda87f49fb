/* eval_segment.c — the razdel/naeval segmentation benchmark (see the .h). */
#include "eval_segment.h"

#include "segment.h"
#include "grow.h"

#include <errno.h>
#include <lzma.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct buf {
    char *p;
    size_t n, cap;
} buf;

static int buf_reserve(buf *b, size_t extra)
{
    if (b->n + extra <= b->cap)
        return 0;
    size_t nc = b->cap ? b->cap : 1 << 16;
    while (nc < b->n + extra)
        nc *= 2;
    char *np = realloc(b->p, nc);
    if (!np)
        return -1;
    b->p = np;
    b->cap = nc;
    return 0;
}

/* Reads a whole file, xz-decoding it when the name ends in ".xz".
 * Returns 0, 1 if the file is missing, 2 on other errors. */
static int read_file(const char *path, buf *out, FILE *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno == ENOENT ? 1 : 2;
    size_t L = strlen(path);
    int xz = L > 3 && strcmp(path + L - 3, ".xz") == 0;
    out->n = 0;
    unsigned char in[1 << 16];
    if (!xz) {
        size_t r;
        while ((r = fread(in, 1, sizeof in, f)) > 0) {
            if (buf_reserve(out, r) < 0)
                goto oom;
            memcpy(out->p + out->n, in, r);
            out->n += r;
        }
        fclose(f);
        return 0;
    }
    lzma_stream st = LZMA_STREAM_INIT;
    if (lzma_stream_decoder(&st, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) {
        fprintf(err, "%s: lzma init failed\n", path);
        fclose(f);
        return 2;
    }
    lzma_action action = LZMA_RUN;
    for (;;) {
        if (st.avail_in == 0 && action == LZMA_RUN) {
            st.next_in = in;
            st.avail_in = fread(in, 1, sizeof in, f);
            if (feof(f))
                action = LZMA_FINISH;
        }
        if (buf_reserve(out, 1 << 16) < 0) {
            lzma_end(&st);
            goto oom;
        }
        st.next_out = (uint8_t *)out->p + out->n;
        st.avail_out = out->cap - out->n;
        size_t before = st.avail_out;
        lzma_ret r = lzma_code(&st, action);
        out->n += before - st.avail_out;
        if (r == LZMA_STREAM_END)
            break;
        if (r != LZMA_OK) {
            fprintf(err, "%s: xz decode error %d\n", path, (int)r);
            lzma_end(&st);
            fclose(f);
            return 2;
        }
    }
    lzma_end(&st);
    fclose(f);
    return 0;
oom:
    fprintf(err, "%s: out of memory\n", path);
    fclose(f);
    return 2;
}

typedef struct split {
    uint32_t a, b; /* end of the left segment, start of the right one */
} split;

typedef struct splits {
    split *p;
    size_t n, cap;
} splits;

static int splits_push(splits *s, uint32_t a, uint32_t b)
{
    GROW(s->p, s->n, s->cap);
    s->p[s->n].a = a;
    s->p[s->n].b = b;
    s->n++;
    return 0;
}

/* Both lists are in increasing order; counts the symmetric difference. */
static size_t diff_count(const splits *g, const splits *s)
{
    size_t i = 0, j = 0, d = 0;
    while (i < g->n && j < s->n) {
        const split *x = &g->p[i], *y = &s->p[j];
        if (x->a == y->a && x->b == y->b) {
            i++;
            j++;
        } else if (x->a < y->a || (x->a == y->a && x->b < y->b)) {
            d++;
            i++;
        } else {
            d++;
            j++;
        }
    }
    return d + (g->n - i) + (s->n - j);
}

/* Parses one gold line into its text and gold splits. Pieces between '|'
 * are segments, except that a piece of only spaces is the gap between two
 * segments and an empty piece is an empty gap; this reads both the corpus
 * files ("a||b| |c") and the token cases ("a|b| |c"). */
static int parse_line(const char *line, size_t len, buf *text, splits *gold)
{
    text->n = 0;
    gold->n = 0;
    if (buf_reserve(text, len + 1) < 0)
        return -1;
    int have_seg = 0;
    uint32_t seg_end = 0;
    size_t i = 0;
    for (;;) {
        size_t j = i;
        int spaces = 1;
        while (j < len && line[j] != '|') {
            if (line[j] != ' ')
                spaces = 0;
            j++;
        }
        if (j > i && !spaces) {
            if (have_seg && splits_push(gold, seg_end, (uint32_t)text->n) < 0)
                return -1;
            have_seg = 1;
            memcpy(text->p + text->n, line + i, j - i);
            text->n += j - i;
            seg_end = (uint32_t)text->n;
        } else {
            memcpy(text->p + text->n, line + i, j - i);
            text->n += j - i;
        }
        if (j >= len)
            break;
        i = j + 1;
    }
    text->p[text->n] = 0;
    return 0;
}

static double now_sec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct result {
    size_t gold, errors, lines, bytes;
    double seconds;
} result;

/* mode 0: tokens, 1: sentences, 2: token cases (exact lines). */
static int run_file(const segmenter *sg, const char *path, int mode,
                    result *res, size_t *exact, FILE *err, FILE *dump)
{
    buf data = {0}, text = {0};
    splits gold = {0}, sys = {0};
    seg_out out = {0};
    int rc = read_file(path, &data, err);
    if (rc != 0) {
        free(data.p);
        return rc;
    }
    memset(res, 0, sizeof *res);
    size_t pos = 0;
    rc = 0;
    while (pos < data.n) {
        size_t e = pos;
        while (e < data.n && data.p[e] != '\n')
            e++;
        size_t len = e;
        if (len > pos && data.p[len - 1] == '\r')
            len--;
        if (len > pos) {
            if (parse_line(data.p + pos, len - pos, &text, &gold) < 0) {
                rc = 2;
                break;
            }
            double t0 = now_sec();
            int r = mode == 1 ? segment_text(sg, text.p, text.n, &out)
                              : segment_tokens(sg, text.p, text.n, &out);
            res->seconds += now_sec() - t0;
            if (r < 0) {
                rc = 2;
                break;
            }
            sys.n = 0;
            if (mode == 1) {
                for (size_t k = 1; k < out.n_sentences; k++)
                    if (splits_push(&sys, out.sentences[k - 1].end,
                                    out.sentences[k].start) < 0)
                        rc = 2;
            } else {
                for (size_t k = 1; k < out.n_tokens; k++)
                    if (splits_push(&sys, out.tokens[k - 1].end,
                                    out.tokens[k].start) < 0)
                        rc = 2;
            }
            if (rc)
                break;
            size_t d = diff_count(&gold, &sys);
            res->errors += d;
            res->gold += gold.n;
            res->bytes += text.n;
            res->lines++;
            if (exact && d == 0)
                (*exact)++;
            if (dump && d) {
                /* debugging aid: gold line, then our split */
                fprintf(dump, "G %.*s\nS ", (int)(len - pos), data.p + pos);
                size_t k = 0;
                uint32_t prev = 0;
                for (; k < sys.n; k++) {
                    fwrite(text.p + prev, 1, sys.p[k].a - prev, dump);
                    fputc('|', dump);
                    fwrite(text.p + sys.p[k].a, 1, sys.p[k].b - sys.p[k].a, dump);
                    fputc('|', dump);
                    prev = sys.p[k].b;
                }
                fwrite(text.p + prev, 1, text.n - prev, dump);
                fputc('\n', dump);
            }
        }
        pos = e + 1;
    }
    free(data.p);
    free(text.p);
    free(gold.p);
    free(sys.p);
    seg_out_free(&out);
    if (rc == 2)
        fprintf(err, "%s: out of memory\n", path);
    return rc;
}

static const char *corpora[4] = {"corpora", "syntag", "gicrya", "rnc"};
static const int razdel_tok[4] = {9, 9, 3, 16};
static const int razdel_sent[4] = {52, 7, 72, 59};

int eval_segment_run(const char *data_dir, const char *dict_dir, FILE *out,
                     FILE *err)
{
    char path[4096], emsg[512];
    /* check the data first */
    for (int c = 0; c < 4; c++) {
        for (int m = 0; m < 2; m++) {
            snprintf(path, sizeof path, "%s/%s_%s.txt.xz", data_dir,
                     corpora[c], m ? "sents" : "tokens");
            FILE *f = fopen(path, "rb");
            if (!f) {
                fprintf(err, "skip: %s not found\n", path);
                return 1;
            }
            fclose(f);
        }
    }
    segmenter *sg = segmenter_load(dict_dir, emsg, sizeof emsg);
    if (!sg) {
        fprintf(err, "%s\n", emsg);
        return 2;
    }
    const char *dump_dir = getenv("DYAD_SEG_DUMP"); /* optional error dump */
    result r[2][4];
    double tsec[2] = {0, 0};
    size_t tbytes[2] = {0, 0};
    for (int m = 0; m < 2; m++) {
        for (int c = 0; c < 4; c++) {
            snprintf(path, sizeof path, "%s/%s_%s.txt.xz", data_dir,
                     corpora[c], m ? "sents" : "tokens");
            FILE *dump = NULL;
            if (dump_dir) {
                char dp[4096];
                snprintf(dp, sizeof dp, "%s/%s_%s.err", dump_dir, corpora[c],
                         m ? "sents" : "tokens");
                dump = fopen(dp, "w");
            }
            int rc = run_file(sg, path, m, &r[m][c], NULL, err, dump);
            if (dump)
                fclose(dump);
            if (rc != 0) {
                if (rc == 1)
                    fprintf(err, "skip: %s not found\n", path);
                segmenter_free(sg);
                return rc;
            }
            tsec[m] += r[m][c].seconds;
            tbytes[m] += r[m][c].bytes;
        }
    }
    size_t exact = 0;
    result cases = {0};
    snprintf(path, sizeof path, "%s/razdel_tokens_cases.txt", data_dir);
    FILE *cdump = NULL;
    if (dump_dir) {
        char dp[4096];
        snprintf(dp, sizeof dp, "%s/cases.err", dump_dir);
        cdump = fopen(dp, "w");
    }
    int crc = run_file(sg, path, 2, &cases, &exact, err, cdump);
    if (cdump)
        fclose(cdump);
    segmenter_free(sg);
    if (crc == 2)
        return 2;

    fprintf(out, "Segmentation, errors per 1000 gold splits "
                 "((extra + missing) / (gold + 1) * 1000); lower is better\n\n");
    fprintf(out, "| %-9s | %-8s | %8s | %8s | %6s | %6s | %6s |\n", "unit",
            "corpus", "lines", "gold", "errors", "dyad", "razdel");
    fprintf(out, "|-----------|----------|----------|----------|--------|--------|--------|\n");
    for (int m = 0; m < 2; m++) {
        for (int c = 0; c < 4; c++) {
            const result *x = &r[m][c];
            double per = (double)x->errors / (double)(x->gold + 1) * 1000.0;
            fprintf(out, "| %-9s | %-8s | %8zu | %8zu | %6zu | %6.1f | %6d |\n",
                    m ? "sentences" : "tokens", corpora[c], x->lines, x->gold,
                    x->errors, per, m ? razdel_sent[c] : razdel_tok[c]);
        }
    }
    fprintf(out, "\nThroughput (segmenter calls only, one thread): tokens "
                 "%.1f MB/s (%.1f MB in %.3f s), sentences+tokens %.1f MB/s "
                 "(%.1f MB in %.3f s)\n",
            tsec[0] > 0 ? (double)tbytes[0] / 1e6 / tsec[0] : 0.0,
            (double)tbytes[0] / 1e6, tsec[0],
            tsec[1] > 0 ? (double)tbytes[1] / 1e6 / tsec[1] : 0.0,
            (double)tbytes[1] / 1e6, tsec[1]);
    if (crc == 1)
        fprintf(out, "Token cases: %s not found, skipped\n", path);
    else
        fprintf(out, "Token cases (razdel_tokens_cases.txt): %zu of %zu lines "
                     "split exactly as the gold (%.2f%%)\n",
                exact, cases.lines,
                cases.lines ? 100.0 * (double)exact / (double)cases.lines : 0.0);
    return 0;
}
