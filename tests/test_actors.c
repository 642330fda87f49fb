/* test_actors.c — the actor stage on the constructions it must handle:
 * countries by name, capital, adjective and compound adjective; roles with a
 * country adjective or genitive; organisations; people by name, surname and
 * dated role; apposition of unknown names; pronouns and titles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>

#include "dyad.h"
#include "testcoder.h"

/* Codes text and returns "name|code|how:text;…" for every mention, in
 * actor order, so a test can look for exact pieces. */
static char *actors_in(const char *lang, const char *date, const char *text)
{
    dyad_doc d = {.id = "t", .date = date, .lang = lang, .text = text, .text_len = strlen(text)};
    dyad_record *r;
    assert_int_equal(dyad_code(coder, &d, &r), DYAD_OK);
    json_t *j = json_loads(dyad_record_json(r, NULL), 0, NULL);
    dyad_record_free(r);
    assert_non_null(j);
    static char out[16384];
    out[0] = '\0';
    json_t *actors = json_object_get(j, "actors");
    for (size_t i = 0; i < json_array_size(actors); i++) {
        json_t *a = json_array_get(actors, i);
        json_t *ms = json_object_get(a, "mentions");
        for (size_t k = 0; k < json_array_size(ms); k++) {
            json_t *m = json_array_get(ms, k);
            const char *code = json_string_value(json_object_get(m, "code"));
            char piece[512];
            snprintf(piece, sizeof piece, "%s|%s|%s:%s;", json_string_value(json_object_get(a, "name")),
                     code ? code : "-", json_string_value(json_object_get(m, "how")),
                     json_string_value(json_object_get(m, "text")));
            strncat(out, piece, sizeof out - strlen(out) - 1);
        }
    }
    json_decref(j);
    return out;
}

static char *actors_of(const char *date, const char *text)
{
    return actors_in("ru", date, text);
}

#define HAS(haystack, needle)                                                              \
    do {                                                                                   \
        if (!strstr((haystack), (needle)))                                                 \
            fail_msg("missing «%s» in %s", (needle), (haystack));                          \
    } while (0)
#define HASNT(haystack, needle)                                                            \
    do {                                                                                   \
        if (strstr((haystack), (needle))) fail_msg("unexpected «%s» in %s", (needle), (haystack)); \
    } while (0)

static void countries_by_name_capital_and_adjective(void **state)
{
    char *a = actors_of("2026-01-10", "Москва направила ноту Токио. Россия и Япония спорят о "
                                      "японской промышленности. США ответили.");
    HAS(a, "Россия|RUS|metonym:Москва;");
    HAS(a, "Япония|JPN|metonym:Токио;");
    HAS(a, "Россия|RUS|dict:Россия;");
    HAS(a, "Япония|JPN|adj:японской;");
    HAS(a, "США|USA|dict:США;");
}

static void compound_adjectives_name_both_countries(void **state)
{
    char *a = actors_of("2026-01-10", "Японо-китайские отношения ухудшаются, а "
                                      "российско-американский диалог идёт.");
    HAS(a, "Япония|JPN|compound:Японо-китайские;");
    HAS(a, "Китай|CHN|compound:Японо-китайские;");
    HAS(a, "Россия|RUS|compound:российско-американский;");
    HAS(a, "США|USA|compound:российско-американский;");
}

static void roles_take_their_country(void **state)
{
    char *a = actors_of("2026-01-10", "МИД КНР выразил протест. Японское правительство "
                                      "промолчало, а посол России уехал.");
    HAS(a, "Китай|CHNGOV|role:МИД КНР;");
    HAS(a, "Япония|JPNGOV|role:Японское правительство;");
    HAS(a, "Россия|RUSGOV|role:посол России;");
}

static void people_by_dated_role(void **state)
{
    const char *text = "Фумио Кисида встретился с Дональдом Трампом. Кисиду поддержали.";
    char *a = actors_of("2022-06-01", text);
    HAS(a, "Фумио Кисида|JPNGOV|dict:Фумио Кисида;");
    HAS(a, "Дональд Трамп|USAELI|dict:Дональдом Трампом;"); /* between his terms */
    HAS(a, "Фумио Кисида|JPNGOV|dict:Кисиду;");
    a = actors_of("2026-02-12", text);
    HAS(a, "Фумио Кисида|JPNELI|");
    HAS(a, "Дональд Трамп|USAGOV|");
}

static void unknown_names_in_apposition(void **state)
{
    char *a = actors_of("2026-02-12", "Об этом заявил приглашенный профессор Университета "
                                      "Такусёку Кэнро Нагоси. По словам Нагоси, он прав. "
                                      "Эксперт добавил, что всё сложно.");
    HAS(a, "Кэнро Нагоси|JPNEDU|name:приглашенный профессор Университета Такусёку Кэнро Нагоси;");
    HAS(a, "Университет Такусёку|JPNEDU|dict:Университета Такусёку;");
    HAS(a, "Кэнро Нагоси|JPNEDU|surname:Нагоси;");
    HAS(a, "Кэнро Нагоси|JPNEDU|pronoun:он;");
    HAS(a, "Кэнро Нагоси|JPNEDU|title:Эксперт;");
}

static void first_names_mark_people_and_their_case(void **state)
{
    char *a = actors_of("2026-02-12", "Российский дипломат Алексей Шаповалов встретился с "
                                      "президентом Ирана. Позже Алексея Шаповалова наградили.");
    HAS(a, "Алексей Шаповалов|RUSGOV|name:");
    HASNT(a, "Алексея Шаповалова|");
    /* A bare first name is not a case form of a region (Марк ≠ Марке). */
    a = actors_of("2009-07-01", "Марк, рабочий завода, рассказал об этом. Выборы прошли в Марке.");
    HASNT(a, "|ITA|place:Марк;");
    HAS(a, "|ITA|place:Марке;");
    /* An exact form beats a declined reading of a short name (Киев ≠ Киа). */
    a = actors_of("2016-01-01", "Премьер-министр Турции прибыл в Киев.");
    HAS(a, "|UKR|metonym:Киев;");
    HASNT(a, "KORBUS");
}

static void homonyms_are_not_countries_at_sentence_start(void **state)
{
    char *a = actors_of("2026-02-12", "Того же мнения придерживается Москва.");
    HASNT(a, "TGO");
    a = actors_of("2026-02-12", "Президент Того прибыл в Москву.");
    HAS(a, "TGO");
}

static void titles_refer_back_to_people(void **state)
{
    (void)state;
    /* A first name alone, set off by a comma or inside the sentence, is a
     * person who gives no surname; after a full name it is that person. */
    HAS(actors_of("2009-07-21", "Разговаривая по телефону, Марк, рабочий из цеха, назвал "
                                "атмосферу хорошей."),
        "Марк|-|name:Марк;");
    HAS(actors_of("2008-04-20", "Командир корабля Юрий Маленченко вышел на связь. Потом Юрий "
                                "самостоятельно выбрался наружу."),
        "name:Юрий;");
    HASNT(actors_of("2008-04-20", "Командир корабля Юрий Маленченко вышел на связь. Потом Юрий "
                                  "самостоятельно выбрался наружу."),
          "Юрий|-|");
    /* A town opening a sentence only in its own form: «Потом» is no Поти. */
    HASNT(actors_of("2008-04-20", "Потом экипаж выбрался наружу."), "Поти");
    /* Snowball gives бизнесмен and бизнесмену other stems: both are the role. */
    HAS(actors_of("2026-01-10", "Российскому бизнесмену разрешили свидание."),
        "Россия|RUSBUS|role:Российскому бизнесмену;");
    /* «Дан Меридор»: a dictionary surname (Никушор Дан) before a capitalised
     * word no dictionary knows is a first name; «Нетаньяху Иерусалим» is
     * not. */
    const char *dan = actors_of("2010-01-10", "Вместо Нетаньяху Иерусалим будет представлять "
                                              "министр Дан Меридор.");
    HASNT(dan, "Никушор Дан");
    HAS(dan, "Биньямин Нетаньяху|");
    /* A plural role (лидеры) is no one person; a plural subject of a
     * country is in the subject's case (see test_annotate). */
    HASNT(actors_of("2026-01-10", "Президент Франции Эмманюэль Макрон прибыл в Брюссель. Лидеры "
                                  "обсудили кризис."),
          "title:Лидеры");
    /* A short surname opening a quotation is a word (“Нам надоело”), as
     * at a sentence start: Ким Ен Нам is not named. */
    HASNT(actors_of("2010-01-10", "«Смерть стала переломным моментом, когда люди говорят: “Нам "
                                  "надоело терпеть”», – сказал лидер движения."),
          "Ким Ен Нам");
    /* «политика» (policy) shares its stem with «политик»: not a title. */
    HASNT(actors_of("2016-01-01", "Министр Эстонии Свен Миксер выступил в Таллине. Российская "
                                  "внешняя политика непредсказуема."),
          "title:политика");
    HAS(actors_of("2016-01-01", "Министр Эстонии Свен Миксер выступил в Таллине. Политик "
                                "уверен в поддержке союзников."),
        "title:Политик");
}

static void english_actors(void **state)
{
    (void)state;
    /* Countries by name, capital, adjective and seat, named in English. */
    const char *a = actors_in("en", "2026-03-02", "Moscow and Tokyo disagree. The Kremlin said "
                                                 "Japan and the United States were wrong.");
    HAS(a, "Russia|RUS|metonym:Moscow;");
    HAS(a, "Russia|RUSGOV|metonym:Kremlin;");
    HAS(a, "Japan|JPN|dict:Japan;");
    HAS(a, "United States|USA|dict:United States;");
    /* Roles: an adjective, a country or body before them, "of" after them. */
    const char *r = actors_in("en", "2026-03-02",
                              "Russian Foreign Minister Sergei Lavrov met the US ambassador. The "
                              "minister of foreign affairs of Japan spoke to a spokesman of the "
                              "Chinese Foreign Ministry. An FSB spokesman declined to comment.");
    HAS(r, "Sergey Lavrov|RUSGOV|dict:Russian Foreign Minister Sergei Lavrov;");
    HAS(r, "United States|USAGOV|role:US ambassador;");
    HAS(r, "Japan|JPNGOV|role:minister of foreign affairs of Japan;");
    HAS(r, "China|CHNGOV|role:spokesman of the Chinese Foreign Ministry;");
    HAS(r, "Russia|RUSSPY|role:FSB spokesman;");
    /* An organisation before a role is its own (UN Secretary-General),
     * also for a person no dictionary knows. */
    HAS(actors_in("en", "2026-03-02", "UN Secretary-General John Smith arrived."),
        "John Smith|UNO|");
    /* Compounds join adjectives or names; a surname alone names a person. */
    const char *c = actors_in("en", "2026-03-02", "Sino-Japanese ties and US-China trade worsened, "
                                                 "Lavrov said.");
    HAS(c, "China|CHN|compound:Sino-Japanese;");
    HAS(c, "Japan|JPN|compound:Sino-Japanese;");
    HAS(c, "United States|USA|compound:US-China;");
    HAS(c, "Sergey Lavrov|RUSGOV|dict:Lavrov;");
}

static void titles_with_a_phrase_before_the_name(void **state)
{
    (void)state;
    /* A prepositional phrase of up to three words may stand between the
     * title and the name; the director of an organisation takes its code. */
    HAS(actors_of("2008-04-20", "Директор НАСА по космическим полётам Билл Герстенмайер "
                                "высказался."),
        "Билл Герстенмайер|USAGOV|");
}

static void names_end_in_case_endings(void **state)
{
    (void)state;
    /* After a name's stem comes a case ending, not more of another word:
     * «Курил» is no form of the town Кур; «Москвой» is one of Москва. */
    HASNT(actors_of("2026-01-10", "Япония требует возвращения южных Курил."), "Кур|");
    HAS(actors_of("2026-01-10", "Договор подписан с Москвой."), "Россия|RUS|metonym:Москвой;");
}

static void a_surname_then_the_full_name(void **state)
{
    (void)state;
    /* A person named by the surname first and in full later is one. */
    const char *a = actors_of("2016-06-20", "Профессор Лиухто считает реформы нужными. По прогнозам "
                                            "профессора Кари Лиухто, экономику ожидает кризис.");
    HAS(a, "Кари Лиухто|-|name:Профессор Лиухто;");
}

static void an_organisation_by_its_common_noun(void **state)
{
    (void)state;
    /* «альянс» is NATO once NATO has been named, not before; «члены
     * альянса» are its members. A country after a preposition is not the
     * genitive of a role (вывод войск из Афганистана). */
    const char *a = actors_of("2010-11-20", "Саммит НАТО открылся в Лиссабоне. Страны — члены "
                                            "альянса договорились начать вывод войск из Афганистана.");
    HAS(a, "НАТО|NATO|role:члены альянса;");
    HASNT(a, "AFGMIL");
    HASNT(actors_of("2010-11-20", "Альянс обсудил новую стратегию."), "NATO");
}

static void chains_of_titles(void **state)
{
    (void)state;
    /* A title without a country after one with it, a few words apart, is
     * of that country (not the one in focus). */
    HAS(actors_of("2008-01-10", "Грузия выбирает президента. В Грузии спокойно, Грузия ждёт итогов. "
                                "Глава представительства США в регионе помощник заместителя "
                                "госсекретаря Мэтью Брайза призвал к спокойствию."),
        "Мэтью Брайза|USAGOV|");
}

static void regions_have_no_government(void **state)
{
    (void)state;
    /* A bare body resolves to the country in focus, never to a region. */
    HASNT(actors_of("2026-01-10", "Южный Кавказ снова в центре внимания. На Южном Кавказе растёт "
                                  "напряжённость. Полиция разогнала митинг."),
          "CAUCOP");
}

static void organisations(void **state)
{
    char *a = actors_of("2026-02-12", "Генсек НАТО и глава МАГАТЭ обсудили доклад ТАСС.");
    HAS(a, "|NATO|");
    HAS(a, "|IAEA|");
    HAS(a, "ТАСС|RUSMED|dict:ТАСС;");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(countries_by_name_capital_and_adjective),
        cmocka_unit_test(compound_adjectives_name_both_countries),
        cmocka_unit_test(roles_take_their_country),
        cmocka_unit_test(people_by_dated_role),
        cmocka_unit_test(unknown_names_in_apposition),
        cmocka_unit_test(first_names_mark_people_and_their_case),
        cmocka_unit_test(homonyms_are_not_countries_at_sentence_start),
        cmocka_unit_test(titles_refer_back_to_people),
        cmocka_unit_test(english_actors),
        cmocka_unit_test(titles_with_a_phrase_before_the_name),
        cmocka_unit_test(names_end_in_case_endings),
        cmocka_unit_test(a_surname_then_the_full_name),
        cmocka_unit_test(an_organisation_by_its_common_noun),
        cmocka_unit_test(chains_of_titles),
        cmocka_unit_test(regions_have_no_government),
        cmocka_unit_test(organisations),
    };
    return cmocka_run_group_tests(tests, coder_setup, coder_teardown);
}
