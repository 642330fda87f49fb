/* eval_ner.c — named entities and false alarms on factRuEval (see the .h). */
#include "eval_ner.h"

#include "dyad.h"
#include "grow.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const char *const TYPE_NAMES[NER_NTYPES] = {"PER", "LOC", "ORG"};
/* slovnet's published token F1 on factRuEval (dev and test together) */
static const double SLOVNET_F1[NER_NTYPES] = {0.959, 0.915, 0.825};

static const char *const CAMEO_ROOTS[21] = {
    "unknown root",
    "MAKE PUBLIC STATEMENT", "APPEAL", "EXPRESS INTENT TO COOPERATE", "CONSULT",
    "ENGAGE IN DIPLOMATIC COOPERATION", "ENGAGE IN MATERIAL COOPERATION",
    "PROVIDE AID", "YIELD", "INVESTIGATE", "DEMAND", "DISAPPROVE", "REJECT",
    "THREATEN", "PROTEST", "EXHIBIT FORCE POSTURE", "REDUCE RELATIONS", "COERCE",
    "ASSAULT", "FIGHT", "USE UNCONVENTIONAL MASS VIOLENCE"};

const char *ner_type_name(int type)
{
    return type >= 0 && type < NER_NTYPES ? TYPE_NAMES[type] : NULL;
}

int ner_type_of(const char *name)
{
    for (int t = 0; name && t < NER_NTYPES; t++)
        if (strcmp(name, TYPE_NAMES[t]) == 0)
            return t;
    return -1;
}

/* ---- files ------------------------------------------------------------ */

/* Reads DIR/NAME.EXT into a NUL-terminated buffer. 0, 1 missing, 2 error. */
static int slurp(const char *dir, const char *name, const char *ext, char **out,
                 size_t *len, char *msg, size_t msglen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s%s", dir, name, ext);
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(msg, msglen, "%s: %s", path, strerror(errno));
        return errno == ENOENT ? 1 : 2;
    }
    size_t cap = 1 << 14, n = 0;
    char *b = malloc(cap);
    if (!b) {
        fclose(f);
        snprintf(msg, msglen, "%s: out of memory", path);
        return 2;
    }
    for (;;) {
        if (n + 1 >= cap) {
            char *nb = realloc(b, cap * 2);
            if (!nb) {
                free(b);
                fclose(f);
                snprintf(msg, msglen, "%s: out of memory", path);
                return 2;
            }
            b = nb;
            cap *= 2;
        }
        size_t r = fread(b + n, 1, cap - n - 1, f);
        if (r == 0)
            break;
        n += r;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(b);
        snprintf(msg, msglen, "%s: read error", path);
        return 2;
    }
    b[n] = 0;
    *out = b;
    *len = n;
    return 0;
}

/* Next line of [*p, end) without its "\n" or "\r\n"; 0 at the end. */
static int next_line(char **p, char *end, char **line, size_t *n)
{
    if (*p >= end)
        return 0;
    char *s = *p, *e = memchr(s, '\n', (size_t)(end - s));
    *p = e ? e + 1 : end;
    if (!e)
        e = end;
    if (e > s && e[-1] == '\r')
        e--;
    *line = s;
    *n = (size_t)(e - s);
    return 1;
}

static int is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

/* ---- gold --------------------------------------------------------------- */

typedef struct gold_span {
    char id[32], type[32];
    size_t start, len;
} gold_span;

static int cmp_tok(const void *a, const void *b)
{
    const ner_token *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start ? 1 : 0;
}

void ner_doc_tag(ner_doc *d, size_t start, size_t end, int type, int gold)
{
    if (type < 0 || type >= NER_NTYPES || start >= end)
        return;
    /* first token ending after start */
    size_t lo = 0, hi = d->n_tok;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->tok[mid].end <= start)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < d->n_tok && d->tok[i].start < end; i++)
        if (d->tok[i].end > start) {
            if (gold)
                d->tok[i].gold |= 1u << type;
            else
                d->tok[i].sys |= 1u << type;
        }
}

void ner_doc_free(ner_doc *d)
{
    if (!d)
        return;
    free(d->text);
    free(d->tok);
    memset(d, 0, sizeof *d);
}

/* A raw token of .tokens: offsets as written, and its text. */
typedef struct raw_tok {
    size_t start, len;
    const char *s;
    size_t n;
} raw_tok;

int ner_doc_read(const char *dir, const char *name, ner_doc *d, char *msg, size_t msglen)
{
    memset(d, 0, sizeof *d);
    snprintf(d->name, sizeof d->name, "%s", name);
    char *tokf = NULL, *spf = NULL, *objf = NULL;
    size_t tokn = 0, spn = 0, objn = 0;
    size_t *cp2b = NULL, *b2cp = NULL;
    raw_tok *raw = NULL;
    gold_span *spans = NULL;
    int rc = slurp(dir, name, ".txt", &d->text, &d->text_len, msg, msglen);
    if (!rc)
        rc = slurp(dir, name, ".tokens", &tokf, &tokn, msg, msglen);
    if (!rc)
        rc = slurp(dir, name, ".spans", &spf, &spn, msg, msglen);
    if (!rc)
        rc = slurp(dir, name, ".objects", &objf, &objn, msg, msglen);
    if (rc)
        goto done;
    rc = 2;

    /* code point <-> byte maps of the text */
    cp2b = malloc((d->text_len + 1) * sizeof *cp2b);
    b2cp = malloc((d->text_len + 1) * sizeof *b2cp);
    if (!cp2b || !b2cp) {
        snprintf(msg, msglen, "%s: out of memory", name);
        goto done;
    }
    size_t nc = 0;
    for (size_t b = 0; b < d->text_len; b++) {
        b2cp[b] = nc;
        if (!is_cont((unsigned char)d->text[b]))
            cp2b[nc++] = b;
    }
    b2cp[d->text_len] = nc;
    cp2b[nc] = d->text_len;
    d->n_chars = nc;

    /* .tokens: "ID START LENGTH TEXT", blank line between sentences */
    size_t cap = 0, n = 0, lineno = 0;
    int in_sent = 0;
    char *p = tokf, *line;
    size_t ll;
    while (next_line(&p, tokf + tokn, &line, &ll)) {
        lineno++;
        if (ll == 0) {
            if (in_sent)
                d->n_sent++;
            in_sent = 0;
            continue;
        }
        char id[32];
        size_t st, len;
        int used = 0;
        char save = line[ll];
        line[ll] = 0;
        int ok = sscanf(line, "%31s %zu %zu %n", id, &st, &len, &used) == 3;
        line[ll] = save;
        if (!ok) {
            snprintf(msg, msglen, "%s.tokens:%zu: expected 'id start length text'", name, lineno);
            goto done;
        }
        if (GROW_ROOM(raw, n, cap, 256) != 0) {
            snprintf(msg, msglen, "%s: out of memory", name);
            goto done;
        }
        raw[n++] = (raw_tok){st, len, line + used, ll - (size_t)used};
        in_sent = 1;
    }
    if (in_sent)
        d->n_sent++;

    /* code points or bytes? check each token's text at its offsets */
    size_t ok_cp = 0, ok_b = 0;
    for (size_t i = 0; i < n; i++) {
        const raw_tok *t = &raw[i];
        if (t->start + t->len <= d->n_chars) {
            size_t b0 = cp2b[t->start], b1 = cp2b[t->start + t->len];
            if (b1 - b0 == t->n && memcmp(d->text + b0, t->s, t->n) == 0)
                ok_cp++;
        }
        if (t->start + t->len <= d->text_len && t->len == t->n &&
            memcmp(d->text + t->start, t->s, t->n) == 0)
            ok_b++;
    }
    d->byte_offsets = ok_b > ok_cp;
    d->n_unverified = n - (d->byte_offsets ? ok_b : ok_cp);

    d->tok = calloc(n ? n : 1, sizeof *d->tok);
    if (!d->tok) {
        snprintf(msg, msglen, "%s: out of memory", name);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        size_t s = raw[i].start, e = raw[i].start + raw[i].len;
        if (d->byte_offsets) {
            s = b2cp[s < d->text_len ? s : d->text_len];
            e = b2cp[e < d->text_len ? e : d->text_len];
        }
        d->tok[i].start = s;
        d->tok[i].end = e;
    }
    d->n_tok = n;
    if (d->n_tok) qsort(d->tok, d->n_tok, sizeof *d->tok, cmp_tok);

    /* .spans: "ID TYPE START LENGTH FIRST_TOKEN N_TOKENS ..." */
    size_t nsp = 0, spcap = 0;
    p = spf;
    lineno = 0;
    while (next_line(&p, spf + spn, &line, &ll)) {
        lineno++;
        if (ll == 0)
            continue;
        gold_span g;
        char save = line[ll];
        line[ll] = 0;
        int ok = sscanf(line, "%31s %31s %zu %zu", g.id, g.type, &g.start, &g.len) == 4;
        line[ll] = save;
        if (!ok) {
            snprintf(msg, msglen, "%s.spans:%zu: expected 'id type start length ...'", name, lineno);
            goto done;
        }
        if (d->byte_offsets) {
            size_t s = g.start < d->text_len ? g.start : d->text_len;
            size_t e = g.start + g.len < d->text_len ? g.start + g.len : d->text_len;
            g.start = b2cp[s];
            g.len = b2cp[e] - b2cp[s];
        }
        if (GROW_ROOM(spans, nsp, spcap, 64) != 0) {
            snprintf(msg, msglen, "%s: out of memory", name);
            goto done;
        }
        spans[nsp++] = g;
    }

    /* .objects: "ID TYPE SPAN_ID... # text" */
    p = objf;
    lineno = 0;
    while (next_line(&p, objf + objn, &line, &ll)) {
        lineno++;
        char *hash = memchr(line, '#', ll);
        size_t fl = hash ? (size_t)(hash - line) : ll;
        char save = line[fl];
        line[fl] = 0;
        char *sv = NULL;
        char *oid = strtok_r(line, " \t", &sv);
        char *otype = oid ? strtok_r(NULL, " \t", &sv) : NULL;
        if (oid && !otype) {
            line[fl] = save;
            snprintf(msg, msglen, "%s.objects:%zu: expected 'id type span...'", name, lineno);
            goto done;
        }
        int type = -1;
        const char *want = NULL; /* span type kept; NULL: all */
        if (otype && strcmp(otype, "Person") == 0)
            type = NER_PER;
        else if (otype && (strcmp(otype, "Location") == 0 || strcmp(otype, "LocOrg") == 0))
            type = NER_LOC, want = "loc_name";
        else if (otype && strcmp(otype, "Org") == 0)
            type = NER_ORG, want = "org_name";
        for (char *sid; type >= 0 && (sid = strtok_r(NULL, " \t", &sv));) {
            /* one span id may stand on several lines with different types
             * (28521 org_name … and 28521 loc_name … for «Сколково») */
            int found = 0;
            for (size_t k = 0; k < nsp; k++) {
                if (strcmp(spans[k].id, sid) != 0)
                    continue;
                found = 1;
                if (!want || strcmp(spans[k].type, want) == 0)
                    ner_doc_tag(d, spans[k].start, spans[k].start + spans[k].len, type, 1);
            }
            if (!found) {
                line[fl] = save;
                snprintf(msg, msglen, "%s.objects:%zu: unknown span %s", name, lineno, sid);
                goto done;
            }
        }
        line[fl] = save;
    }
    rc = 0;
done:
    free(tokf);
    free(spf);
    free(objf);
    free(cp2b);
    free(b2cp);
    free(raw);
    free(spans);
    if (rc)
        ner_doc_free(d);
    return rc;
}

/* ---- system ------------------------------------------------------------- */

/* Mentions that do not name an entity: adjectives (российский), parts of
 * compounds, pronouns, bare titles (президент), the focus of a phrase and
 * role phrases (правительство Японии, whose country is its own mention). */
static int how_skipped(const char *how)
{
    static const char *const SKIP[] = {"adj", "compound", "pronoun", "title", "focus", "role"};
    if (!how)
        return 1;
    for (size_t i = 0; i < sizeof SKIP / sizeof *SKIP; i++)
        if (strcmp(how, SKIP[i]) == 0)
            return 1;
    return 0;
}

static int get_range(json_t *a, size_t *s, size_t *e)
{
    if (!json_is_array(a) || json_array_size(a) != 2 || !json_is_integer(json_array_get(a, 0)) ||
        !json_is_integer(json_array_get(a, 1)))
        return 0;
    json_int_t x = json_integer_value(json_array_get(a, 0)), y = json_integer_value(json_array_get(a, 1));
    if (x < 0 || y < x)
        return 0;
    *s = (size_t)x;
    *e = (size_t)y;
    return 1;
}

int ner_doc_tag_record(ner_doc *d, const char *json, size_t len, ner_record_info *info,
                       char *msg, size_t msglen)
{
    json_error_t je;
    json_t *root = json_loadb(json, len, 0, &je);
    if (!json_is_object(root)) {
        snprintf(msg, msglen, "%s: record is not a JSON object: %s", d->name,
                 root ? "wrong type" : je.text);
        json_decref(root);
        return 2;
    }
    /* the record's text is the file's, trimmed: find where it starts */
    size_t shift = 0;
    json_t *jt = json_object_get(root, "text");
    if (json_is_string(jt) && d->text) {
        const char *rt = json_string_value(jt);
        size_t rn = json_string_length(jt);
        const char *at = rn ? memmem(d->text, d->text_len, rt, rn) : d->text;
        if (at) {
            for (const char *q = d->text; q < at; q++)
                shift += !is_cont((unsigned char)*q);
            if (at != d->text)
                info->shifted = 1;
        } else
            info->shifted = 1;
    }
    json_t *size = json_object_get(root, "size");
    json_t *ns = json_object_get(size, "sentences");
    if (json_is_integer(ns) && json_integer_value(ns) > 0)
        info->sentences += (size_t)json_integer_value(ns);

    json_t *events = json_object_get(root, "events");
    size_t i;
    json_t *ev;
    json_array_foreach(events, i, ev) {
        info->events++;
        const char *r = json_string_value(json_object_get(ev, "root"));
        int k = 0;
        if (r && r[0] >= '0' && r[0] <= '9' && r[1] >= '0' && r[1] <= '9' && !r[2])
            k = (r[0] - '0') * 10 + (r[1] - '0');
        info->by_root[k >= 1 && k <= 20 ? k : 0]++;
    }

    json_t *actors = json_object_get(root, "actors"), *a;
    json_array_foreach(actors, i, a) {
        int type = ner_type_of(json_string_value(json_object_get(a, "type")));
        size_t j;
        json_t *m;
        json_array_foreach(json_object_get(a, "mentions"), j, m) {
            info->mentions++;
            if (type < 0 || how_skipped(json_string_value(json_object_get(m, "how"))))
                continue;
            size_t s, e;
            if (!get_range(json_object_get(m, "head"), &s, &e) &&
                !get_range(json_object_get(m, "span"), &s, &e))
                continue;
            info->used++;
            ner_doc_tag(d, s + shift, e + shift, type, 0);
        }
    }
    json_decref(root);
    return 0;
}

/* ---- scores ------------------------------------------------------------- */

void ner_doc_count(const ner_doc *d, ner_counts *c)
{
    for (size_t i = 0; i < d->n_tok; i++)
        for (int t = 0; t < NER_NTYPES; t++) {
            int g = (d->tok[i].gold >> t) & 1, s = (d->tok[i].sys >> t) & 1;
            c->tp[t] += g && s;
            c->fp[t] += !g && s;
            c->fn[t] += g && !s;
        }
}

void ner_prf(const ner_counts *c, int t, double *p, double *r, double *f1)
{
    double tp = (double)c->tp[t], fp = (double)c->fp[t], fn = (double)c->fn[t];
    double P = tp + fp > 0 ? tp / (tp + fp) : 0, R = tp + fn > 0 ? tp / (tp + fn) : 0;
    if (p)
        *p = P;
    if (r)
        *r = R;
    if (f1)
        *f1 = P + R > 0 ? 2 * P * R / (P + R) : 0;
}

/* ---- the run -------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The document names of dir: NAME for each NAME.txt beside a NAME.tokens. */
static int list_docs(const char *dir, char ***names, size_t *n, FILE *err)
{
    *names = NULL;
    *n = 0;
    DIR *dp = opendir(dir);
    if (!dp)
        return 1;
    size_t cap = 0;
    struct dirent *de;
    int rc = 0;
    while ((de = readdir(dp))) {
        size_t L = strlen(de->d_name);
        if (L <= 4 || strcmp(de->d_name + L - 4, ".txt") != 0)
            continue;
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%.*s.tokens", dir, (int)(L - 4), de->d_name);
        if (stat(path, &st) != 0)
            continue;
        if (GROW_ROOM(*names, *n, cap, 128) != 0) {
            rc = 2;
            break;
        }
        (*names)[*n] = strndup(de->d_name, L - 4);
        if (!(*names)[*n]) {
            rc = 2;
            break;
        }
        (*n)++;
    }
    closedir(dp);
    if (rc)
        fprintf(err, "eval ner: out of memory\n");
    else
        if (*n) qsort(*names, *n, sizeof **names, cmp_str);
    return rc;
}

int eval_ner_score(const char *dir, const char *dict_dir, ner_result *res, FILE *err)
{
    memset(res, 0, sizeof *res);
    char **names;
    size_t n;
    int rc = list_docs(dir, &names, &n, err);
    if (rc == 1 || (rc == 0 && n == 0)) {
        fprintf(err, "skip: %s: no factRuEval documents (NAME.txt with NAME.tokens) found\n", dir);
        free(names);
        return 1;
    }
    if (rc)
        goto out_names;

    dyad_engine *e = NULL;
    char ebuf[512];
    if (dyad_engine_open(dict_dir, &e, ebuf, sizeof ebuf) != DYAD_OK) {
        fprintf(err, "eval ner: %s\n", ebuf);
        rc = 2;
        goto out_names;
    }
    dyad_options opts = {.sentence_text = -1};
    dyad_coder *c = dyad_coder_new(e, &opts);
    if (!c) {
        fprintf(err, "eval ner: out of memory\n");
        dyad_engine_close(e);
        rc = 2;
        goto out_names;
    }
    for (size_t i = 0; i < n; i++) {
        ner_doc d;
        char msg[1024];
        int r = ner_doc_read(dir, names[i], &d, msg, sizeof msg);
        if (r) {
            fprintf(err, "eval ner: %s\n", msg);
            rc = 2;
            res->failed++;
            continue;
        }
        dyad_doc doc = {.id = d.name, .date = NULL, .text = d.text, .text_len = d.text_len};
        dyad_record *rec = NULL;
        double t0 = now();
        int st = dyad_code(c, &doc, &rec);
        size_t jl = 0;
        const char *json = st == DYAD_OK ? dyad_record_json(rec, &jl) : NULL;
        res->seconds += now() - t0;
        if (st != DYAD_OK) {
            fprintf(err, "eval ner: %s: %s\n", d.name, dyad_coder_error(c));
            rc = 2;
            res->failed++;
        } else if (ner_doc_tag_record(&d, json, jl, &res->info, msg, sizeof msg)) {
            fprintf(err, "eval ner: %s\n", msg);
            rc = 2;
            res->failed++;
        }
        dyad_record_free(rec);
        /* a document that could not be coded still counts: its tokens are untagged */
        res->documents++;
        res->tokens += d.n_tok;
        res->gold_sentences += d.n_sent;
        res->byte_offset_docs += (size_t)d.byte_offsets;
        res->unverified += d.n_unverified;
        res->bytes += d.text_len;
        ner_doc_count(&d, &res->counts);
        ner_doc_free(&d);
    }
    for (int t = 0; t < NER_NTYPES; t++)
        ner_prf(&res->counts, t, &res->p[t], &res->r[t], &res->f1[t]);
    dyad_coder_free(c);
    dyad_engine_close(e);
out_names:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

int eval_ner_run(const char *dir, const char *dict_dir, FILE *out, FILE *err)
{
    ner_result R;
    int rc = eval_ner_score(dir, dict_dir, &R, err);
    if (rc == 1 || R.documents == 0)
        return rc ? rc : 2;
    fprintf(out, "NER on factRuEval: %s\n", dir);
    fprintf(out, "%zu documents (%zu failed), %zu gold tokens, %zu gold sentences; offsets: ",
            R.documents, R.failed, R.tokens, R.gold_sentences);
    if (R.byte_offset_docs)
        fprintf(out, "bytes in %zu documents (converted), code points in the rest", R.byte_offset_docs);
    else
        fputs("code points", out);
    fprintf(out, " (%zu tokens not found at their offsets)\n\n", R.unverified);
    fputs("token-level, IO tags, per type (naeval)\n", out);
    fprintf(out, "%-5s %9s %9s %9s %9s %9s %9s %12s\n", "type", "gold tok", "our tok", "correct",
            "precision", "recall", "F1", "slovnet F1");
    for (int t = 0; t < NER_NTYPES; t++)
        fprintf(out, "%-5s %9zu %9zu %9zu %9.3f %9.3f %9.3f %12.3f\n", TYPE_NAMES[t],
                R.counts.tp[t] + R.counts.fn[t], R.counts.tp[t] + R.counts.fp[t], R.counts.tp[t],
                R.p[t], R.r[t], R.f1[t], SLOVNET_F1[t]);
    fputs("(slovnet: published, dev and test together)\n", out);
    fprintf(out, "actor mentions: %zu, of which tagged as names: %zu (adj, compound, pronoun, "
                 "title, focus and role mentions are not names)\n",
            R.info.mentions, R.info.used);
    if (R.info.shifted)
        fputs("note: some record texts did not start where their files did; offsets were shifted\n", out);
    double s = R.seconds > 0 ? R.seconds : 1e-9;
    fprintf(out, "speed: %.0f documents/s, %.2f MB/s (dyad_code + JSON, one thread; slovnet ~25 "
                 "documents/s)\n\n",
            (double)R.documents / s, (double)R.bytes / s / 1e6);

    fputs("false alarms (news of every kind, mostly not foreign relations)\n", out);
    fprintf(out, "sentences: %zu, events: %zu, events per 1,000 sentences: %.1f\n",
            R.info.sentences, R.info.events,
            R.info.sentences ? 1000.0 * (double)R.info.events / (double)R.info.sentences : 0.0);
    if (R.info.events) {
        fputs("by CAMEO root:\n", out);
        for (int k = 1; k <= 20; k++)
            if (R.info.by_root[k])
                fprintf(out, "  %02d %-34s %6zu\n", k, CAMEO_ROOTS[k], R.info.by_root[k]);
        if (R.info.by_root[0])
            fprintf(out, "  ?? %-34s %6zu\n", CAMEO_ROOTS[0], R.info.by_root[0]);
    }
    return rc;
}
