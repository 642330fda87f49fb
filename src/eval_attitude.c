/* eval_attitude.c — document attitudes scored on RuSentRel (see
 * eval_attitude.h for the metric).
 *
 * Names are compared through the corpus's synonyms.txt: every name is
 * folded (lower case, ё → е) and replaced by the number of its synonym group;
 * a name in no group stands for itself. A person's name that is in no group
 * is tried by its surname too (Дональд Трамп → трамп).
 */
#include "eval_attitude.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dyad.h"
#include "record.h"
#include "strtab.h"
#include "text.h"
#include "grow.h"

typedef struct names {
    strtab syn;      /* folded synonym → index into group */
    uint32_t *group; /* synonym index → group number */
    size_t cap;
    strtab own;      /* names in no group get numbers after the groups */
    uint32_t n_groups;
} names;

static void fold(const char *s, size_t n, buf *b)
{
    buf_reset(b);
    /* Trim spaces and the brackets the corpus leaves on some synonyms. */
    while (n && (*s == ' ' || *s == '(')) s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '(' || s[n - 1] == ')')) n--;
    text_fold(s, n, b);
    buf_cstr(b);
}

static int load_synonyms(names *nm, const char *path, FILE *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(err, "skip: %s not found\n", path);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0;
    buf b;
    buf_init(&b);
    int rc = 0;
    while (rc == 0 && getline(&line, &cap, f) > 0) {
        uint32_t g = nm->n_groups++;
        char *save = NULL;
        for (char *w = strtok_r(line, ",\n\r", &save); w; w = strtok_r(NULL, ",\n\r", &save)) {
            fold(w, strlen(w), &b);
            if (!b.len) continue;
            size_t before = strtab_count(&nm->syn);
            uint32_t id = strtab_intern(&nm->syn, b.data, b.len);
            if (id == STRTAB_NONE) continue;
            if (GROW_ROOM(nm->group, id, nm->cap, 4096) != 0) {
                fprintf(err, "%s: out of memory\n", path);
                rc = 2;
                break;
            }
            if (id >= before) nm->group[id] = g; /* the first group a name appears in */
        }
    }
    free(line);
    buf_free(&b);
    fclose(f);
    return rc;
}

/* The number of a name's entity. */
static uint32_t entity_of(names *nm, const char *name, buf *b)
{
    fold(name, strlen(name), b);
    uint32_t id = strtab_find(&nm->syn, b->data, b->len);
    if (id != STRTAB_NONE) return nm->group[id];
    const char *sp = strrchr(b->data, ' ');
    if (sp) {
        id = strtab_find(&nm->syn, sp + 1, strlen(sp + 1));
        if (id != STRTAB_NONE) return nm->group[id];
    }
    return nm->n_groups + strtab_intern(&nm->own, b->data, b->len);
}

typedef struct triple {
    uint32_t s, t;
    int pos;
} triple;

typedef struct tset {
    triple *v;
    size_t n, cap;
} tset;

static void add(tset *x, uint32_t s, uint32_t t, int pos)
{
    if (s == t) return;
    for (size_t i = 0; i < x->n; i++)
        if (x->v[i].s == s && x->v[i].t == t && x->v[i].pos == pos) return;
    if (GROW_ROOM(x->v, x->n, x->cap, 32) != 0) return;
    x->v[x->n++] = (triple){s, t, pos};
}

static int has(const tset *x, const triple *t)
{
    for (size_t i = 0; i < x->n; i++)
        if (x->v[i].s == t->s && x->v[i].t == t->t && x->v[i].pos == t->pos) return 1;
    return 0;
}

/* Precision and recall of one class in one document, as RuSentRel counts. */
static void pr(const tset *sys, const tset *gold, int pos, double *p, double *r)
{
    size_t ns = 0, ng = 0, hit = 0;
    for (size_t i = 0; i < sys->n; i++)
        if (sys->v[i].pos == pos) {
            ns++;
            hit += has(gold, &sys->v[i]);
        }
    for (size_t i = 0; i < gold->n; i++) ng += gold->v[i].pos == pos;
    if (ns == 0 && ng == 0) {
        *p = *r = 1.0;
    } else if (ns == 0) {
        *p = *r = 0.0;
    } else if (ng == 0) {
        *p = 0.0;
        *r = 1.0;
    } else {
        *p = (double)hit / (double)ns;
        *r = (double)hit / (double)ng;
    }
}

/* The text of artN.txt without the corpus's "{Author, Unknown}" markers. */
static char *read_article(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    buf b;
    buf_init(&b);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        char *s = line;
        if (*s == '{') {
            char *close = strchr(s, '}');
            if (close) s = close + 1;
            while (*s == ' ') s++;
        }
        buf_adds(&b, s);
    }
    free(line);
    fclose(f);
    *len = b.len;
    buf_cstr(&b);
    return b.data;
}

static int cmp_names(const void *a, const void *b)
{
    const char *x = *(char *const *)a, *y = *(char *const *)b;
    /* art2 before art10. */
    size_t lx = strlen(x), ly = strlen(y);
    return lx != ly ? (lx < ly ? -1 : 1) : strcmp(x, y);
}

int eval_rusentrel_run(const char *dir, const char *dict_dir, FILE *out, FILE *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/../synonyms.txt", dir);
    names nm;
    memset(&nm, 0, sizeof nm);
    strtab_init(&nm.syn);
    strtab_init(&nm.own);
    int rc = load_synonyms(&nm, path, err);
    DIR *dh = rc == 0 ? opendir(dir) : NULL;
    if (rc == 0 && !dh) {
        fprintf(err, "skip: %s not found\n", dir);
        rc = 1;
    }
    char *files[512];
    size_t n_files = 0;
    struct dirent *e;
    while (dh && (e = readdir(dh)) != NULL && n_files < 512) {
        size_t l = strlen(e->d_name);
        if (strncmp(e->d_name, "art", 3) == 0 && l > 8 && strcmp(e->d_name + l - 9, ".opin.txt") == 0)
            files[n_files++] = strndup(e->d_name, l - 9);
    }
    if (dh) closedir(dh);
    if (n_files) qsort(files, n_files, sizeof *files, cmp_names);
    dyad_engine *engine = NULL;
    dyad_coder *coder = NULL;
    char msg[512];
    if (rc == 0 && dyad_engine_open(dict_dir, &engine, msg, sizeof msg) != DYAD_OK) {
        fprintf(err, "eval rusentrel: %s\n", msg);
        rc = 2;
    }
    if (engine) coder = dyad_coder_new(engine, NULL);
    double sum[2][2] = {{0, 0}, {0, 0}}; /* [pos][p or r] */
    size_t docs = 0, sys_total = 0, gold_total = 0;
    buf b;
    buf_init(&b);
    for (size_t i = 0; coder && i < n_files; i++) {
        snprintf(path, sizeof path, "%s/%s.txt", dir, files[i]);
        size_t len;
        char *text = read_article(path, &len);
        if (!text) continue;
        dyad_doc d = {.id = files[i], .lang = "ru", .text = text, .text_len = len};
        dyad_record *r;
        if (dyad_code(coder, &d, &r) != DYAD_OK) {
            fprintf(err, "eval rusentrel: %s: %s\n", files[i], dyad_coder_error(coder));
            free(text);
            continue;
        }
        tset sys = {0}, gold = {0};
        for (size_t k = 0; k < r->n_attitudes; k++) {
            const rec_attitude *a = &r->attitudes[k];
            add(&sys, entity_of(&nm, r->actors[a->source].name, &b),
                entity_of(&nm, r->actors[a->target].name, &b), a->score > 0);
        }
        snprintf(path, sizeof path, "%s/%s.opin.txt", dir, files[i]);
        FILE *f = fopen(path, "rb");
        char *line = NULL;
        size_t cap = 0;
        while (f && getline(&line, &cap, f) > 0) {
            char *cols[4] = {0};
            int nc = 0;
            char *save = NULL;
            for (char *w = strtok_r(line, ",\n\r", &save); w && nc < 4; w = strtok_r(NULL, ",\n\r", &save))
                cols[nc++] = w;
            if (nc < 3) continue;
            while (*cols[2] == ' ') cols[2]++;
            int pos = strncmp(cols[2], "pos", 3) == 0;
            if (!pos && strncmp(cols[2], "neg", 3) != 0) continue;
            uint32_t s = entity_of(&nm, cols[0], &b), t = entity_of(&nm, cols[1], &b);
            add(&gold, s, t, pos);
        }
        free(line);
        if (f) fclose(f);
        for (int c = 0; c < 2; c++) {
            double p, rr;
            pr(&sys, &gold, c, &p, &rr);
            sum[c][0] += p;
            sum[c][1] += rr;
        }
        sys_total += sys.n;
        gold_total += gold.n;
        docs++;
        free(sys.v);
        free(gold.v);
        dyad_record_free(r);
        free(text);
    }
    if (rc == 0 && docs) {
        double f1[2];
        fprintf(out, "RuSentRel attitudes: %s\n%zu documents, %zu gold attitudes, %zu ours\n\n", dir,
                docs, gold_total, sys_total);
        fprintf(out, "class  precision  recall     F1\n");
        for (int c = 1; c >= 0; c--) {
            double p = sum[c][0] / docs, r = sum[c][1] / docs;
            f1[c] = p + r > 0 ? 2 * p * r / (p + r) : 0;
            fprintf(out, "%-5s  %9.3f  %6.3f  %6.3f\n", c ? "pos" : "neg", p, r, f1[c]);
        }
        fprintf(out, "\nscore (mean of F1 pos and neg, x100): %.1f   (published best on the test "
                     "part 41.9, human agreement 55.0)\n",
                100 * (f1[0] + f1[1]) / 2);
    } else if (rc == 0) {
        fprintf(err, "skip: no RuSentRel documents in %s\n", dir);
        rc = 1;
    }
    for (size_t i = 0; i < n_files; i++) free(files[i]);
    buf_free(&b);
    dyad_coder_free(coder);
    dyad_engine_close(engine);
    strtab_free(&nm.syn);
    strtab_free(&nm.own);
    free(nm.group);
    return rc;
}
