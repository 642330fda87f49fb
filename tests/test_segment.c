/* test_segment.c — unit tests of the sentence and token splitter.
 * Dictionaries come from $DYAD_DICT (default "dict"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "segment.h"

static segmenter *SG;
static seg_out OUT;
static char BUF[1 << 16];

/* tokens joined by '|' */
static const char *toks(const char *text)
{
    assert_int_equal(segment_tokens(SG, text, strlen(text), &OUT), 0);
    size_t n = 0;
    BUF[0] = 0;
    for (size_t i = 0; i < OUT.n_tokens; i++) {
        const seg_token *t = &OUT.tokens[i];
        n += (size_t)snprintf(BUF + n, sizeof BUF - n, "%s%.*s", i ? "|" : "",
                              (int)(t->end - t->start), text + t->start);
    }
    return BUF;
}

/* sentences joined by " || " */
static const char *sents(const char *text)
{
    assert_int_equal(segment_text(SG, text, strlen(text), &OUT), 0);
    size_t n = 0;
    BUF[0] = 0;
    for (size_t i = 0; i < OUT.n_sentences; i++) {
        const seg_sentence *s = &OUT.sentences[i];
        n += (size_t)snprintf(BUF + n, sizeof BUF - n, "%s%.*s",
                              i ? " || " : "", (int)(s->end - s->start),
                              text + s->start);
    }
    return BUF;
}

static int n_sents(const char *text)
{
    assert_int_equal(segment_text(SG, text, strlen(text), &OUT), 0);
    return (int)OUT.n_sentences;
}

static const seg_token *tok_of(const char *text, const char *word)
{
    for (size_t i = 0; i < OUT.n_tokens; i++) {
        const seg_token *t = &OUT.tokens[i];
        if (strlen(word) == t->end - t->start &&
            memcmp(text + t->start, word, t->end - t->start) == 0)
            return t;
    }
    fail_msg("token %s not found", word);
    return NULL;
}

/* ---------------------------------------------------------------- tokens */

static void test_tokens_words_punct(void **st)
{
    (void)st;
    assert_string_equal(toks("Привет, мир!"), "Привет|,|мир|!");
    assert_string_equal(toks("«Школа злословия»"), "«|Школа|злословия|»");
    assert_string_equal(toks("(в скобках)."), "(|в|скобках|)|.");
    assert_string_equal(toks("Да?! Нет..."), "Да|?|!|Нет|...");
    assert_string_equal(toks("Ну!.. Так?.."), "Ну|!..|Так|?..");
    assert_string_equal(toks("Это — тире – и -- двойной"),
                        "Это|—|тире|–|и|--|двойной");
    assert_string_equal(toks("И зря…"), "И|зря|…");
}

static void test_tokens_hyphen_apostrophe(void **st)
{
    (void)st;
    assert_string_equal(toks("российско-китайский из-за по-прежнему"),
                        "российско-китайский|из-за|по-прежнему");
    assert_string_equal(toks("кто-нибудь, 70-х, Ту-154"),
                        "кто-нибудь|,|70-х|,|Ту-154");
    assert_string_equal(toks("O'Neill и д’Артаньян"), "O'Neill|и|д’Артаньян");
    /* a hyphen glued to one side only is a separate token */
    assert_string_equal(toks("бренд- менеджер"), "бренд|-|менеджер");
}

static void test_tokens_numbers(void **st)
{
    (void)st;
    assert_string_equal(toks("рост 1,5%"), "рост|1,5|%");
    assert_string_equal(toks("10.02.2026 в 12:30"), "10.02.2026|в|12:30");
    assert_string_equal(toks("3/4 часть"), "3/4|часть");
    /* ranges: the numbers and the dash are separate tokens (gold convention) */
    assert_string_equal(toks("2022–2023"), "2022|–|2023");
    assert_string_equal(toks("1932-1933 гг."), "1932|-|1933|гг|.");
    assert_string_equal(toks("счёт 4:0"), "счёт|4|:|0");
    toks("рост 1,5%");
    assert_int_equal(tok_of("рост 1,5%", "1,5")->kind, SEG_NUMBER);
    toks("10.02.2026");
    assert_int_equal(OUT.tokens[0].kind, SEG_NUMBER);
}

static void test_tokens_url_email_hashtag(void **st)
{
    (void)st;
    const char *t = "См. https://tass.ru/politika/123, пишите на info@mid.ru. "
                    "#санкции @kremlin";
    assert_string_equal(toks(t), "См|.|https://tass.ru/politika/123|,|пишите|на|"
                                 "info@mid.ru|.|#санкции|@kremlin");
    toks(t);
    assert_int_equal(tok_of(t, "https://tass.ru/politika/123")->kind, SEG_URL);
    assert_int_equal(tok_of(t, "info@mid.ru")->kind, SEG_EMAIL);
    assert_int_equal(tok_of(t, "#санкции")->kind, SEG_HASHTAG);
    assert_int_equal(tok_of(t, "@kremlin")->kind, SEG_HASHTAG);
    assert_string_equal(toks("(www.kremlin.ru)"), "(|www.kremlin.ru|)");
    assert_string_equal(toks("на Лента.ру и Mail.Ru"), "на|Лента.ру|и|Mail.Ru");
    toks("на Лента.ру и Mail.Ru");
    assert_int_equal(tok_of("на Лента.ру и Mail.Ru", "Mail.Ru")->kind, SEG_URL);
}

static void test_tokens_abbrev_dots(void **st)
{
    (void)st;
    assert_string_equal(toks("т.е. и т. д."), "т|.|е|.|и|т|.|д|.");
    assert_string_equal(toks("U.S. Mr. Smith"), "U|.|S|.|Mr|.|Smith");
}

static void test_tokens_smileys_punct_clusters(void **st)
{
    (void)st;
    assert_string_equal(toks("спасибо :) ок"), "спасибо|:)|ок");
    assert_string_equal(toks("ура)))"), "ура|)))");
    assert_string_equal(toks("(см. (рис))"), "(|см|.|(|рис|)|)");
    /* punctuation standing alone between spaces stays one token ... */
    assert_string_equal(toks("слово \". дальше"), "слово|\".|дальше");
    /* ... unless it is a bracketed mark */
    assert_string_equal(toks("так (!) и"), "так|(|!|)|и");
}

static void test_tokens_flags_offsets(void **st)
{
    (void)st;
    const char *t = "Ещё РФ и NATO";
    toks(t);
    assert_int_equal(OUT.n_tokens, 4);
    const seg_token *a = &OUT.tokens[0], *b = &OUT.tokens[1], *d = &OUT.tokens[3];
    assert_int_equal(a->start, 0);
    assert_int_equal(a->end, 6); /* 3 Cyrillic letters, 2 bytes each */
    assert_int_equal(a->cstart, 0);
    assert_int_equal(a->cend, 3);
    assert_int_equal(b->start, 7);
    assert_int_equal(b->cstart, 4);
    assert_int_equal(b->cend, 6);
    assert_true(a->flags & SEG_F_UPPER_INITIAL);
    assert_false(a->flags & SEG_F_ALL_UPPER);
    assert_true(a->flags & SEG_F_CYRILLIC);
    assert_true(b->flags & SEG_F_ALL_UPPER);
    assert_true(d->flags & SEG_F_LATIN);
    assert_false(d->flags & SEG_F_CYRILLIC);
    assert_true(b->flags & SEG_F_SPACE_BEFORE);
    assert_false(a->flags & SEG_F_SPACE_BEFORE);
}

/* ------------------------------------------------------------- sentences */

static void test_sent_basic(void **st)
{
    (void)st;
    assert_string_equal(sents("Первое предложение. Второе! Третье? Четвёртое…"),
                        "Первое предложение. || Второе! || Третье? || Четвёртое…");
    assert_string_equal(sents("Он ушёл... Потом вернулся."),
                        "Он ушёл... || Потом вернулся.");
    assert_string_equal(sents("Он ушёл... и вернулся."), "Он ушёл... и вернулся.");
    /* space before the period */
    assert_string_equal(sents("применение сил самообороны . Китай отреагировал."),
                        "применение сил самообороны . || Китай отреагировал.");
}

static void test_sent_abbrev(void **st)
{
    (void)st;
    assert_int_equal(n_sents("Это т. е. Москва. И т.е. Питер."), 2);
    assert_int_equal(n_sents("Живёт на ул. Тверской. Работает у проф. Иванова."), 2);
    assert_int_equal(n_sents("Музей им. Пушкина открыт."), 1);
    assert_int_equal(n_sents("Это слово (англ. Sanctions) известно."), 1);
    assert_int_equal(n_sents("Бюджет 5 млрд. руб. Это много."), 2);
    assert_int_equal(n_sents("Стоит 100 руб. в день."), 1);
    assert_int_equal(n_sents("Было 3 млн. человек."), 1);
    /* may-end abbreviations: т. д., и др. */
    assert_string_equal(sents("Яблоки, груши и т. д. Потом ещё."),
                        "Яблоки, груши и т. д. || Потом ещё.");
    assert_int_equal(n_sents("Яблоки, груши и т. д. и т. п."), 1);
    assert_string_equal(sents("Пришли Иванов, Петров и др. Они сели."),
                        "Пришли Иванов, Петров и др. || Они сели.");
    /* г. after a year may end; г. before a name is "город" */
    assert_string_equal(sents("Это было в 2008 г. Тогда всё изменилось."),
                        "Это было в 2008 г. || Тогда всё изменилось.");
    assert_int_equal(n_sents("Он живёт в г. Москве."), 1);
    assert_int_equal(n_sents("В 2008 г. в Москве."), 1);
    assert_int_equal(n_sents("В 1990-х гг. экономика росла."), 1);
    assert_string_equal(sents("Это XIX в. Потом был XX в. и далее."),
                        "Это XIX в. || Потом был XX в. и далее.");
    /* English */
    assert_int_equal(n_sents("Mr. Smith met Dr. Jones. They talked."), 2);
    assert_string_equal(sents("He lives in the U.S. The talks failed."),
                        "He lives in the U.S. || The talks failed.");
    assert_int_equal(n_sents("The U.S. economy grew."), 1);
}

static void test_sent_initials(void **st)
{
    (void)st;
    assert_int_equal(n_sents("Президент В. В. Путин заявил об этом."), 1);
    assert_int_equal(n_sents("Президент В.В. Путин заявил. Затем уехал."), 2);
    assert_int_equal(n_sents("Экономист Дж. М. Кейнс писал."), 1);
}

static void test_sent_numbers_lists(void **st)
{
    (void)st;
    assert_int_equal(n_sents("Курс вырос на 1,5 процента. Дата 10.02.2026 важна."), 2);
    assert_string_equal(sents("1. Первый пункт.\n2. Второй пункт."),
                        "1. Первый пункт. || 2. Второй пункт.");
    assert_string_equal(sents("Пункты:\n- первый\n- второй"),
                        "Пункты: || - первый || - второй");
    assert_string_equal(sents("• один\n• два"), "• один || • два");
}

static void test_sent_quotes_speech(void **st)
{
    (void)st;
    /* ?/!/… inside a quote followed by "— сказал он" continues */
    assert_int_equal(n_sents("«Ты где?» — спросил он."), 1);
    assert_int_equal(n_sents("«Мы победим!» — заявил министр. Зал молчал."), 2);
    assert_int_equal(n_sents("— Иди сюда! — крикнул он."), 1);
    /* a plain period before the dash ends the sentence */
    assert_int_equal(n_sents("Он ушёл. — Куда? — спросила она."), 2);
    /* quoted sentences */
    assert_string_equal(
        sents("Он сказал: «Мы придём. Мы победим». Все ушли."),
        "Он сказал: «Мы придём. || Мы победим». || Все ушли.");
    assert_string_equal(sents("Он сказал: \"Хватит!\" Все замолчали."),
                        "Он сказал: \"Хватит!\" || Все замолчали.");
    assert_string_equal(sents("«Абэ тоже так считал», - напоминает профессор. Итак."),
                        "«Абэ тоже так считал», - напоминает профессор. || Итак.");
}

static void test_sent_lines_paragraphs(void **st)
{
    (void)st;
    /* headline without final punctuation */
    assert_string_equal(sents("Япония меняет курс\nПравительство Японии решило."),
                        "Япония меняет курс || Правительство Японии решило.");
    /* soft-wrapped line continues */
    assert_string_equal(sents("Правительство Японии\nрешило всё."),
                        "Правительство Японии\nрешило всё.");
    assert_int_equal(n_sents("Он сказал,\nчто придёт."), 1);
    /* never across a blank line */
    assert_int_equal(n_sents("Первый абзац без точки\n\nвторой абзац"), 2);
    assert_int_equal(OUT.sentences[0].paragraph + 1, OUT.sentences[1].paragraph);
}

static void test_sent_boilerplate(void **st)
{
    (void)st;
    const char *t = "Министр прибыл в Пекин.\nПодпишитесь на наш канал в Telegram\n"
                    "Переговоры продлятся два дня.\nЧитайте также: Китай и Россия\n";
    assert_string_equal(sents(t), "Министр прибыл в Пекин. || Подпишитесь на наш "
                                  "канал в Telegram || Переговоры продлятся два "
                                  "дня. || Читайте также: Китай и Россия");
    assert_int_equal(OUT.n_sentences, 4);
    assert_int_equal(OUT.sentences[0].boilerplate, 0);
    assert_int_equal(OUT.sentences[1].boilerplate, 1);
    assert_int_equal(OUT.sentences[2].boilerplate, 0);
    assert_int_equal(OUT.sentences[3].boilerplate, 1);
    for (int i = 1; i < 4; i++)
        assert_int_equal(OUT.sentences[i].paragraph, OUT.sentences[i - 1].paragraph + 1);
    /* a menu line */
    assert_string_equal(sents("Главная | Политика | Экономика | Спорт\nТекст статьи."),
                        "Главная | Политика | Экономика | Спорт || Текст статьи.");
    assert_int_equal(OUT.sentences[0].boilerplate, 1);
    /* boilerplate words inside a sentence do not make it boilerplate */
    assert_int_equal(n_sents("Он попросил читателей: подпишитесь на наш канал."), 1);
    assert_int_equal(OUT.sentences[0].boilerplate, 0);
    /* a braced tag opening a line is markup of its own */
    assert_string_equal(sents("{Author, Unknown} Россия может проверить это.\n"
                              "Текст {в скобках} остаётся."),
                        "{Author, Unknown} || Россия может проверить это. || "
                        "Текст {в скобках} остаётся.");
    assert_int_equal(OUT.sentences[0].boilerplate, 1);
    assert_int_equal(OUT.sentences[1].boilerplate, 0);
    assert_int_equal(OUT.sentences[1].paragraph, OUT.sentences[0].paragraph);
    /* alone on its line too */
    assert_string_equal(sents("{Author, Unknown}\nТекст статьи."), "{Author, Unknown} || Текст статьи.");
    assert_int_equal(OUT.sentences[0].boilerplate, 1);
}

static void test_sent_offsets(void **st)
{
    (void)st;
    const char *t = "Да. Нет!";
    assert_int_equal(n_sents(t), 2);
    const seg_sentence *a = &OUT.sentences[0], *b = &OUT.sentences[1];
    assert_int_equal(a->start, 0);
    assert_int_equal(a->end, 5);
    assert_int_equal(a->cstart, 0);
    assert_int_equal(a->cend, 3);
    assert_int_equal(b->start, 6);
    assert_int_equal(b->cstart, 4);
    assert_int_equal(b->cend, 8);
    assert_int_equal(a->tok_first, 0);
    assert_int_equal(a->tok_count, 2);
    assert_int_equal(b->tok_first, 2);
    assert_int_equal(b->tok_count, 2);
}

static void test_seed_article(void **st)
{
    (void)st;
    const char *path = "../shared/seed/000_5d1a5c883e097dad.txt";
    FILE *f = fopen(path, "rb");
    if (!f)
        f = fopen("../../shared/seed/000_5d1a5c883e097dad.txt", "rb");
    if (!f) {
        skip();
        return;
    }
    static char text[1 << 16];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    assert_int_equal(segment_text(SG, text, n, &OUT), 0);
    /* 21 sentences: the date line glues to the first one (no punctuation) */
    int found_prof = 0, found_self = 0;
    for (size_t i = 0; i < OUT.n_sentences; i++) {
        const seg_sentence *s = &OUT.sentences[i];
        const char *p = text + s->start;
        size_t L = s->end - s->start;
        if (memmem(p, L, "напоминает профессор.", strlen("напоминает профессор."))) {
            found_prof = 1;
            assert_true(memmem(p, L, "Абэ также", strlen("Абэ также")) == p);
        }
        if (memmem(p, L, "самообороны .", strlen("самообороны ."))) {
            found_self = 1;
            assert_true(p[L - 1] == '.');
            assert_true(memmem(p, L, "Китай", strlen("Китай")) == NULL);
        }
        assert_true(memmem(p, L, "\n\n", 2) == NULL);
    }
    assert_true(found_prof);
    assert_true(found_self);
    assert_int_equal(OUT.n_sentences, 20);
    /* six paragraphs separated by blank lines */
    assert_int_equal(OUT.sentences[0].paragraph, 0);
    assert_int_equal(OUT.sentences[3].paragraph, 1);
    assert_int_equal(OUT.sentences[19].paragraph, 5);
}

int main(void)
{
    const char *dict = getenv("DYAD_DICT");
    char err[512];
    SG = segmenter_load(dict ? dict : "dict", err, sizeof err);
    if (!SG) {
        fprintf(stderr, "segmenter_load: %s\n", err);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokens_words_punct),
        cmocka_unit_test(test_tokens_hyphen_apostrophe),
        cmocka_unit_test(test_tokens_numbers),
        cmocka_unit_test(test_tokens_url_email_hashtag),
        cmocka_unit_test(test_tokens_abbrev_dots),
        cmocka_unit_test(test_tokens_smileys_punct_clusters),
        cmocka_unit_test(test_tokens_flags_offsets),
        cmocka_unit_test(test_sent_basic),
        cmocka_unit_test(test_sent_abbrev),
        cmocka_unit_test(test_sent_initials),
        cmocka_unit_test(test_sent_numbers_lists),
        cmocka_unit_test(test_sent_quotes_speech),
        cmocka_unit_test(test_sent_lines_paragraphs),
        cmocka_unit_test(test_sent_boilerplate),
        cmocka_unit_test(test_sent_offsets),
        cmocka_unit_test(test_seed_article),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    seg_out_free(&OUT);
    segmenter_free(SG);
    return rc;
}
