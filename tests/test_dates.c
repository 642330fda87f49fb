/* test_dates.c — time expressions and their values, Russian and English:
 * absolute dates (10 февраля 2026 г., 10.02.2026, 2026-02-10, March 3,
 * 2022), years with a cue, ranges, days and months whose year comes from
 * the document date, relative days, weekdays, weeks, months and years,
 * «через N», «N назад», parts of months and years, unresolved eras and
 * centuries, documents without a date, things that are not dates, and the
 * date that governs a clause.
 *
 * The date stage is tested on its own: the helper below does what
 * src/engine.c does before the stages run (segment, record_fill_tokens,
 * compute the match keys) and then calls dates_find. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dates.h"
#include "lexicon.h"
#include "record.h"
#include "segment.h"
#include "testutil.h"
#include "text.h"

static segmenter *seg;
static strtab keys;
static arena mem;
static dates_dict *dict;
static stem_cache stems;
static lex_cache kcache;
static seg_out so;
static buf fold;

static int setup(void **state)
{
    char err[512] = "";
    const char *dir = test_dict_dir();
    seg = segmenter_load(dir, err, sizeof err);
    if (!seg) {
        fprintf(stderr, "segmenter: %s\n", err);
        return -1;
    }
    strtab_init(&keys);
    arena_init(&mem);
    lex_loader L;
    if (lex_loader_init(&L, dir, seg, &keys, &mem, err, sizeof err) != 0) return -1;
    dict = dates_load(&L);
    lex_loader_free(&L);
    if (!dict) {
        fprintf(stderr, "dates: %s\n", err);
        return -1;
    }
    lex_cache_init(&kcache);
    buf_init(&fold);
    return stem_cache_init(&stems);
}

static int teardown(void **state)
{
    dates_free(dict);
    segmenter_free(seg);
    strtab_free(&keys);
    arena_free(&mem);
    stem_cache_free(&stems);
    lex_cache_free(&kcache);
    seg_out_free(&so);
    buf_free(&fold);
    return 0;
}

/* A record of text with its tokens, sentences and dates, as the engine
 * would build it. */
static dyad_record *make(const char *date, const char *text)
{
    dyad_record *r = calloc(1, sizeof *r);
    assert_non_null(r);
    arena_init(&r->mem);
    r->text = text;
    r->text_len = strlen(text);
    r->date = date;
    stem_cache_begin_doc(&stems);
    assert_int_equal(segment_text(seg, text, r->text_len, &so), 0);
    size_t n = so.n_tokens;
    uint32_t *form_ids = calloc(n ? n : 1, sizeof *form_ids);
    lex_tok *toks = calloc(n ? n : 1, sizeof *toks);
    assert_true(form_ids && toks);
    assert_int_equal(record_fill_tokens(r, &so, &stems, &fold, form_ids, NULL), 0);
    assert_int_equal(lex_doc_keys(&keys, &stems, &kcache, r->tokens, form_ids, n, toks), 0);
    assert_int_equal(dates_find(dict, r, toks), 0);
    free(form_ids);
    free(toks);
    return r;
}

static void drop(dyad_record *r)
{
    arena_free(&r->mem);
    free(r);
}

/* "value|kind|text;" for every date of text, in order. */
static const char *dates_of(const char *date, const char *text)
{
    static const char *const kinds[] = {"abs", "rel", "unres"};
    static char out[4096];
    out[0] = '\0';
    dyad_record *r = make(date, text);
    for (size_t i = 0; i < r->n_dates; i++) {
        const rec_date *d = &r->dates[i];
        assert_true(d->tok_first < d->tok_end && d->tok_end <= r->n_tokens);
        assert_true(d->kind <= DATEX_UNRESOLVED);
        assert_true((d->kind == DATEX_UNRESOLVED) == (d->value[0] == '\0'));
        uint32_t a = r->tokens[d->tok_first].start, b = r->tokens[d->tok_end - 1].end;
        char piece[512];
        snprintf(piece, sizeof piece, "%s|%s|%.*s;", d->value, kinds[d->kind], (int)(b - a),
                 text + a);
        strncat(out, piece, sizeof out - strlen(out) - 1);
    }
    drop(r);
    return out;
}

#define DOC "2026-02-12" /* a Thursday, ISO week 2026-W07 */

#define EXPECT(date, text, want)                                                                   \
    do {                                                                                           \
        const char *got_ = dates_of((date), (text));                                               \
        if (strcmp(got_, (want)))                                                                  \
            fail_msg("«%s» (document %s):\n   got  %s\n   want %s", (text),                        \
                     (date) ? (date) : "none", got_, (want));                                      \
    } while (0)

static void ru_absolute(void **state)
{
    EXPECT(DOC, "Договор подписан 10 февраля 2026 г. в Москве.",
           "2026-02-10|abs|10 февраля 2026 г.;");
    EXPECT(DOC, "Встреча прошла 10 февраля 2026 года.", "2026-02-10|abs|10 февраля 2026 года;");
    EXPECT(DOC, "Дата: 10.02.2026, время местное.", "2026-02-10|abs|10.02.2026;");
    EXPECT(DOC, "Опубликовано 2026-02-10 на сайте.", "2026-02-10|abs|2026-02-10;");
    EXPECT(DOC, "В 2022 году санкции ужесточили.", "2022|abs|В 2022 году;");
    EXPECT(DOC, "Закон принят в 2014 г. и действует.", "2014|abs|в 2014 г.;");
    EXPECT(DOC, "В марте 2022 года переговоры сорвались.", "2022-03|abs|В марте 2022 года;");
    EXPECT(DOC, "В начале 2022 года цены выросли.", "2022|abs|В начале 2022 года;");
    EXPECT(DOC, "В конце марта 2022 года всё изменилось.", "2022-03|abs|В конце марта 2022 года;");
    EXPECT(DOC, "Impossible 31.02.2026 stays out.", "");
}

static void ru_ranges(void **state)
{
    EXPECT(DOC, "В 2022–2023 годах торговля выросла.", "2022/2023|abs|В 2022–2023 годах;");
    EXPECT(DOC, "Кризис 2022–2023 закончился.", "2022/2023|abs|2022–2023;");
    EXPECT(DOC, "Данные за 2019-2021 гг. опубликованы.", "2019/2021|abs|за 2019-2021 гг.;");
    EXPECT(DOC, "Форум пройдёт 10–12 февраля.", "2026-02-10/2026-02-12|rel|10–12 февраля;");
    EXPECT(DOC, "Форум пройдёт с 1 по 3 марта.", "2026-03-01/2026-03-03|rel|с 1 по 3 марта;");
    EXPECT(DOC, "С 2014 по 2022 год шла война.", "2014/2022|abs|С 2014 по 2022 год;");
    EXPECT(DOC, "В 1941–1945 гг. шла война.", "1941/1945|abs|В 1941–1945 гг.;");
    EXPECT(DOC, "Between 2020 and 2022 prices rose.", "2020/2022|abs|Between 2020 and 2022;");
    EXPECT(DOC, "Talks ran from 2 to 5 March 2024.",
           "2024-03-02/2024-03-05|abs|from 2 to 5 March 2024;");
    EXPECT(DOC, "Пришли с 5 до 7 человек.", "");
}

static void ru_year_from_document(void **state)
{
    EXPECT(DOC, "Визит состоялся 20 фев в Пекине.", "2026-02-20|rel|20 фев;");
    EXPECT(DOC, "Визит состоялся 20 фев. в Пекине.", "2026-02-20|rel|20 фев.;");
    EXPECT(DOC, "Соглашение подписали 25 мая.", "2025-05-25|rel|25 мая;");
    EXPECT(DOC, "Это было 30 декабря.", "2025-12-30|rel|30 декабря;");
    EXPECT(DOC, "В марте ожидается саммит.", "2026-03|rel|В марте;");
    EXPECT(DOC, "В декабре прошли выборы.", "2025-12|rel|В декабре;");
    EXPECT(DOC, "В начале января министр уехал.", "2026-01|rel|В начале января;");
    EXPECT(DOC, "Переговоры начнутся через два дня.", "2026-02-14|rel|через два дня;");
    EXPECT(DOC, "В середине ноября начались переговоры.", "2025-11|rel|В середине ноября;");
    EXPECT(DOC, "В мае прошлого года начались переговоры.", "2025-05|rel|В мае прошлого года;");
    EXPECT(DOC, "В январе этого года начались переговоры.", "2026-01|rel|В январе этого года;");
    EXPECT(DOC, "Январь выдался холодным.", "2026-01|rel|Январь;");
}

static void ru_relative_days(void **state)
{
    EXPECT(DOC, "Вчера министр заявил о переговорах.", "2026-02-11|rel|Вчера;");
    EXPECT(DOC, "Сегодня стороны встретятся, а завтра подпишут договор.",
           "2026-02-12|rel|Сегодня;2026-02-13|rel|завтра;");
    EXPECT(DOC, "Позавчера вечером прошли консультации.", "2026-02-10|rel|Позавчера вечером;");
    EXPECT(DOC, "Накануне министр заявил о протесте.", "2026-02-11|rel|Накануне;");
    EXPECT(DOC, "Накануне президентских выборов напряжение растёт.",
           "|unres|Накануне президентских выборов;");
    EXPECT(DOC, "Через два дня начнутся учения.", "2026-02-14|rel|Через два дня;");
    EXPECT(DOC, "Через 10 дней начнутся учения.", "2026-02-22|rel|Через 10 дней;");
    EXPECT(DOC, "Два дня назад прошли учения.", "2026-02-10|rel|Два дня назад;");
    EXPECT(DOC, "Это случилось 3 дня назад.", "2026-02-09|rel|3 дня назад;");
}

static void ru_weekdays(void **state)
{
    EXPECT(DOC, "В понедельник посол вручил ноту.", "2026-02-09|rel|В понедельник;");
    EXPECT(DOC, "В четверг посол вручил ноту.", "2026-02-12|rel|В четверг;");
    EXPECT(DOC, "Во вторник утром посол вручил ноту.", "2026-02-10|rel|Во вторник утром;");
    EXPECT(DOC, "В воскресенье прошли выборы.", "2026-02-08|rel|В воскресенье;");
    EXPECT("2026-02-09", "В понедельник посол вручил ноту.", "2026-02-09|rel|В понедельник;");
    EXPECT(DOC, "В прошлый четверг посол вручил ноту.", "2026-02-05|rel|В прошлый четверг;");
    EXPECT(DOC, "В следующий понедельник начнутся переговоры.",
           "2026-02-16|rel|В следующий понедельник;");
    EXPECT(DOC, "В среду, 11 февраля, министр прилетел.", "2026-02-11|rel|В среду, 11 февраля;");
    EXPECT(DOC, "В минувшую пятницу, 6 февраля, было холодно.",
           "2026-02-06|rel|В минувшую пятницу, 6 февраля;");
    EXPECT(DOC, "В понедельник, 9 февраля 2026 г., все ушли.",
           "2026-02-09|abs|В понедельник, 9 февраля 2026 г.;");
    EXPECT(DOC, "В ночь на субботу произошёл взрыв.", "2026-02-07|rel|на субботу;");
    EXPECT(DOC, "Они загрязняют окружающую среду.", "");
}

static void ru_weeks_months_years(void **state)
{
    EXPECT(DOC, "На прошлой неделе прошли переговоры.", "2026-W06|rel|На прошлой неделе;");
    EXPECT(DOC, "На этой неделе прошли переговоры.", "2026-W07|rel|На этой неделе;");
    EXPECT(DOC, "На следующей неделе пройдут переговоры.", "2026-W08|rel|На следующей неделе;");
    EXPECT(DOC, "Неделю назад прошли переговоры.", "2026-W06|rel|Неделю назад;");
    EXPECT(DOC, "Через неделю пройдут переговоры.", "2026-W08|rel|Через неделю;");
    EXPECT(DOC, "В прошлом месяце прошли переговоры.", "2026-01|rel|В прошлом месяце;");
    EXPECT(DOC, "В этом месяце прошли переговоры.", "2026-02|rel|В этом месяце;");
    EXPECT(DOC, "В следующем месяце пройдут переговоры.", "2026-03|rel|В следующем месяце;");
    EXPECT(DOC, "В прошлом году прошли переговоры.", "2025|rel|В прошлом году;");
    EXPECT(DOC, "В этом году пройдут переговоры.", "2026|rel|В этом году;");
    EXPECT(DOC, "В следующем году пройдут переговоры.", "2027|rel|В следующем году;");
    EXPECT(DOC, "В конце года пройдут переговоры.", "2026|rel|В конце года;");
    EXPECT(DOC, "В конце прошлого года прошли переговоры.", "2025|rel|В конце прошлого года;");
    EXPECT(DOC, "Два года назад прошли переговоры.", "2024|rel|Два года назад;");
}

static void ru_unresolved(void **state)
{
    EXPECT(DOC, "После Второй мировой войны границы изменились.",
           "|unres|После Второй мировой войны;");
    EXPECT(DOC, "В XX веке страны воевали.", "|unres|В XX веке;");
    EXPECT(DOC, "В советское время завод работал.", "|unres|В советское время;");
    EXPECT(DOC, "Это было в 1990-х годах.", "|unres|в 1990-х годах;");
    EXPECT(DOC, "Накануне Дня Победы прошёл парад.", "|unres|Накануне Дня;");
}

static void without_document_date(void **state)
{
    EXPECT(NULL, "Вчера министр заявил, что 10 февраля 2026 г. договор подписан.",
           "|unres|Вчера;2026-02-10|abs|10 февраля 2026 г.;");
    EXPECT(NULL, "В марте 2022 года и в 2014 году.",
           "2022-03|abs|В марте 2022 года;2014|abs|в 2014 году;");
    EXPECT(NULL, "В понедельник и на прошлой неделе, 20 фев.",
           "|unres|В понедельник;|unres|на прошлой неделе;|unres|20 фев.;");
    EXPECT(NULL, "Yesterday and in 2022.", "|unres|Yesterday;2022|abs|in 2022;");
    /* A day or month without a year takes the year that puts it nearest
     * the last dated event of the narrative (a later date counts half as
     * far), or the first one when none came before; so does «в этом году». */
    EXPECT(NULL, "В ноябре 2010 года Бута выдали. 15 ноября ему предъявили обвинения, а 24 января "
                 "начался суд.",
           "2010-11|abs|В ноябре 2010 года;2010-11-15|rel|15 ноября;2011-01-24|rel|24 января;");
    EXPECT(NULL, "Шахматисты встретятся 26 января. Турнир открылся 29 января 2006 года.",
           "2006-01-26|rel|26 января;2006-01-29|abs|29 января 2006 года;");
    EXPECT(NULL, "Закон принят в 2005 году. В этом году он вступил в силу.",
           "2005|abs|в 2005 году;2005|rel|В этом году;");
    /* A far year needs its year word. */
    EXPECT(DOC, "В 2242 году колония погибла, а 3000 человек спаслись.", "2242|abs|В 2242 году;");
}

static void not_dates(void **state)
{
    EXPECT(DOC, "Рост составил 5% в 12:30, пришли 300 человек.", "");
    EXPECT(DOC, "Добавьте 300 г сахара и 2022 рубля.", "");
    EXPECT(DOC, "За 3 года построено 2022 дома.", "");
    EXPECT(DOC, "Армия получила 2022 танка, это 10.5 процента.", "");
    EXPECT(DOC, "The army lost 2022 tanks, 5% of its fleet, at 12:30.", "");
    EXPECT(DOC, "He may leave; the troops march on. Prices rose for years.", "");
    EXPECT(DOC, "Это неделя траура.", "");
}

static void en_absolute(void **state)
{
    EXPECT(DOC, "The treaty was signed on March 3, 2022 in Paris.",
           "2022-03-03|abs|on March 3, 2022;");
    EXPECT(DOC, "The treaty was signed on 3 March 2022.", "2022-03-03|abs|on 3 March 2022;");
    EXPECT(DOC, "Talks stalled in March 2022.", "2022-03|abs|in March 2022;");
    EXPECT(DOC, "Sanctions were tightened in 2022.", "2022|abs|in 2022;");
    EXPECT(DOC, "The budget of 2022 was cut.", "2022|abs|of 2022;");
    EXPECT(DOC, "Prices fell in early 2023.", "2023|abs|in early 2023;");
    EXPECT(DOC, "Trade grew in 2022–2023.", "2022/2023|abs|in 2022–2023;");
}

static void en_relative(void **state)
{
    EXPECT(DOC, "The minister said yesterday that talks failed.", "2026-02-11|rel|yesterday;");
    EXPECT(DOC, "Today the talks resume.", "2026-02-12|rel|Today;");
    EXPECT(DOC, "Tomorrow morning the talks resume.", "2026-02-13|rel|Tomorrow morning;");
    EXPECT(DOC, "The envoy arrived on Monday.", "2026-02-09|rel|on Monday;");
    EXPECT(DOC, "The envoy arrived Wednesday, Feb. 11.", "2026-02-11|rel|Wednesday, Feb. 11;");
    EXPECT(DOC, "The envoy left last Thursday.", "2026-02-05|rel|last Thursday;");
    EXPECT(DOC, "Monday's talks were tense.", "2026-02-09|rel|Monday's;");
    EXPECT(DOC, "Talks resume in January next year.", "2027-01|rel|in January next year;");
    EXPECT(DOC, "Prices rose over the past week.", "2026-W06|rel|the past week;");
    EXPECT(DOC, "Talks were held last week.", "2026-W06|rel|last week;");
    EXPECT(DOC, "Talks will be held next week.", "2026-W08|rel|next week;");
    EXPECT(DOC, "Talks were held last month.", "2026-01|rel|last month;");
    EXPECT(DOC, "Talks were held last year.", "2025|rel|last year;");
    EXPECT(DOC, "Talks will be held this year.", "2026|rel|this year;");
    EXPECT(DOC, "Talks will be held on March 3.", "2026-03-03|rel|on March 3;");
    EXPECT(DOC, "Talks were held on Feb. 20.", "2026-02-20|rel|on Feb. 20;");
    EXPECT(DOC, "Talks were held in December.", "2025-12|rel|in December;");
    EXPECT(DOC, "Talks were held in May.", "2025-05|rel|in May;");
    EXPECT(DOC, "Talks ended at the end of January.", "2026-01|rel|at the end of January;");
    EXPECT(DOC, "Talks ended three days ago.", "2026-02-09|rel|three days ago;");
    EXPECT(DOC, "Talks ended a week ago.", "2026-W06|rel|a week ago;");
    EXPECT(DOC, "Talks resume in two days.", "2026-02-14|rel|in two days;");
    EXPECT(DOC, "Talks resume the day after tomorrow.", "2026-02-14|rel|the day after tomorrow;");
}

static void en_unresolved(void **state)
{
    EXPECT(DOC, "Borders changed after World War II.", "|unres|after World War II;");
    EXPECT(DOC, "Wars raged in the 20th century.", "|unres|in the 20th century;");
}

/* The index of the first token whose folded form is w. */
static uint32_t tok_of(const dyad_record *r, const char *w)
{
    for (size_t i = 0; i < r->n_tokens; i++)
        if (!strcmp(r->tokens[i].norm, w)) return (uint32_t)i;
    fail_msg("no token %s", w);
    return 0;
}

static void clause_dates(void **state)
{
    dyad_record *r = make(DOC, "Вчера министр заявил, что переговоры пройдут в марте. "
                               "Посол уехал. Затем, как сообщили 5 февраля, делегация "
                               "прибыла.");
    assert_int_equal(r->n_dates, 3);
    uint32_t said = tok_of(r, "заявил"), held = tok_of(r, "пройдут");
    const rec_date *d = dates_for_clause(r, 0, said, said + 1);
    assert_non_null(d);
    assert_string_equal(d->value, "2026-02-11");
    d = dates_for_clause(r, 0, held, held + 1);
    assert_non_null(d);
    assert_string_equal(d->value, "2026-03");
    assert_null(dates_for_clause(r, 1, tok_of(r, "уехал"), tok_of(r, "уехал") + 1));
    /* no date in the clause: the nearest one in the sentence */
    uint32_t came = tok_of(r, "прибыла");
    d = dates_for_clause(r, 2, came, came + 1);
    assert_non_null(d);
    assert_string_equal(d->value, "2026-02-05");
    assert_null(dates_for_clause(r, 7, 0, 1));
    drop(r);
    /* unresolved dates never govern */
    r = make(NULL, "Вчера министр заявил о протесте.");
    assert_int_equal(r->n_dates, 1);
    assert_null(dates_for_clause(r, 0, 0, r->n_tokens));
    drop(r);
}

static void dictionary_errors_name_the_line(void **state)
{
    char tmpl[64];
    char *dir = test_tmpdir(tmpl, sizeof tmpl);
    assert_non_null(dir);
    char sub[128];
    snprintf(sub, sizeof sub, "%s/ru", dir);
    mkdir(sub, 0700);
    snprintf(sub, sizeof sub, "%s/en", dir);
    mkdir(sub, 0700);
    test_writes(dir, "ru/dates.txt", "# test\nmonth\tянварь\t1\nmonth\tфевраль\t13\n");
    test_writes(dir, "en/dates.txt", "month\tJanuary\t1\n");
    char err[512] = "";
    strtab k;
    strtab_init(&k);
    arena m;
    arena_init(&m);
    lex_loader L;
    assert_int_equal(lex_loader_init(&L, dir, seg, &k, &m, err, sizeof err), 0);
    assert_null(dates_load(&L));
    assert_non_null(strstr(err, "ru/dates.txt:3:"));
    test_writes(dir, "ru/dates.txt", "weekday\tпонедельник\t1\tsoon\n");
    assert_null(dates_load(&L));
    assert_non_null(strstr(err, "ru/dates.txt:1: unknown note"));
    test_writes(dir, "ru/dates.txt", "season\tзима\t-\n");
    assert_null(dates_load(&L));
    assert_non_null(strstr(err, "unknown kind"));
    test_writes(dir, "ru/dates.txt", "relday\tвчера\t-1\n");
    dates_dict *d = dates_load(&L);
    assert_non_null(d);
    assert_int_equal(dates_entries(d), 2);
    dates_free(d);
    lex_loader_free(&L);
    strtab_free(&k);
    arena_free(&m);
    test_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ru_absolute),
        cmocka_unit_test(ru_ranges),
        cmocka_unit_test(ru_year_from_document),
        cmocka_unit_test(ru_relative_days),
        cmocka_unit_test(ru_weekdays),
        cmocka_unit_test(ru_weeks_months_years),
        cmocka_unit_test(ru_unresolved),
        cmocka_unit_test(without_document_date),
        cmocka_unit_test(not_dates),
        cmocka_unit_test(en_absolute),
        cmocka_unit_test(en_relative),
        cmocka_unit_test(en_unresolved),
        cmocka_unit_test(clause_dates),
        cmocka_unit_test(dictionary_errors_name_the_line),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
