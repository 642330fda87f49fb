/* test_annotate.c — the stages after actors, construction by construction:
 * events (patterns, slots, negation, modality, coordination, impersonal
 * reports, questions, implicit targets), quotations with speakers, tone and
 * attitudes. Each test codes a short text through the public API and reads
 * the record's JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>

#include "dyad.h"
#include "testcoder.h"

static const char *lang = "ru"; /* of the texts the helpers below code */

static json_t *code(const char *text)
{
    dyad_doc d = {.id = "t", .date = "2026-02-12", .lang = lang, .text = text,
                  .text_len = strlen(text)};
    dyad_record *r;
    assert_int_equal(dyad_code(coder, &d, &r), DYAD_OK);
    json_t *j = json_loads(dyad_record_json(r, NULL), 0, NULL);
    dyad_record_free(r);
    assert_non_null(j);
    return j;
}

/* "CODE SRC>TGT" for every event, space separated (implicit targets marked *). */
static const char *events_of(const char *text)
{
    static char out[4096];
    out[0] = '\0';
    json_t *j = code(text);
    json_t *ev = json_object_get(j, "events");
    for (size_t i = 0; i < json_array_size(ev); i++) {
        json_t *e = json_array_get(ev, i);
        json_t *t = json_object_get(e, "target");
        char one[128];
        snprintf(one, sizeof one, "%s %s>%s%s;", json_string_value(json_object_get(e, "code")),
                 json_string_value(json_object_get(json_object_get(e, "source"), "code")),
                 json_string_value(json_object_get(t, "code")),
                 json_is_true(json_object_get(t, "implicit")) ? "*" : "");
        strncat(out, one, sizeof out - strlen(out) - 1);
    }
    json_decref(j);
    return out;
}

#define HAS(haystack, needle)                                                              \
    do {                                                                                   \
        const char *h_ = (haystack);                                                       \
        if (!strstr(h_, (needle))) fail_msg("missing «%s» in «%s»", (needle), h_);         \
    } while (0)
#define NONE(haystack)                                                                     \
    do {                                                                                   \
        const char *h_ = (haystack);                                                       \
        if (*h_) fail_msg("expected no events, got «%s»", h_);                             \
    } while (0)

static void sanctions_with_a_prepositional_target(void **state)
{
    HAS(events_of("США ввели новые санкции против России."), "163 USA>RUS;");
    HAS(events_of("Китай отреагировал жестко — последовало эмбарго на поставки в Японию."),
        "163 CHN>JPN;");
}

static void perceptions_and_handovers(void **state)
{
    (void)state;
    /* Holding a country a threat is disapproval; a bare «угроза» is no act. */
    HAS(events_of("Эстония считает Россию главной угрозой."), "111 EST>RUS;");
    HAS(events_of("Китай видит в США противника."), "111 CHN>USA;");
    HAS(events_of("Китай считает Россию стратегическим партнёром."), "051 CHN>RUS;");
    NONE(events_of("Угроза России растёт, считают в Эстонии."));
    HAS(events_of("Россия пригрозила Японии."), "130 RUS>JPN;");
    /* Extradition is judicial cooperation with the receiving state. */
    HAS(events_of("Таиланд экстрадировал подозреваемого в США."), "063 THA>USA;");
    /* What a demand asks for is not done; saying one will demand is a demand. */
    const char *d = events_of("Япония будет настаивать на возвращении Россией островов.");
    HAS(d, "100 JPN>RUS;");
    if (strstr(d, "084")) fail_msg("the return asked for is no event: «%s»", d);
    HAS(events_of("Россия намерена осудить действия Японии."), "111 RUS>JPN;");
    HAS(events_of("Глава МИД России подтвердил готовность Москвы вести переговоры с Токио."),
        "036 RUSGOV>JPN;");
    HAS(events_of("Президент России договорился с премьером Японии о сотрудничестве."), "030 RUSGOV>JPNGOV;");
}

static void negation_and_denial_are_no_events(void **state)
{
    NONE(events_of("Япония не ввела санкции против России."));
    /* A denial may be coded as one (016), the denied act never. */
    const char *d = events_of("Россия отрицает, что ввела санкции против Японии.");
    if (strstr(d, "163")) fail_msg("denied act coded: %s", d);
    /* A pattern that is itself negative: a rejection. */
    HAS(events_of("Япония ввела санкции. Москва не видит оснований для возобновления переговоров."),
        "125 RUS>JPN*;");
}

static void modality(void **state)
{
    /* Intent: the root's intent code (dict/cameo_intent.txt). */
    const char *e = events_of("Россия намерена провести переговоры с Японией.");
    HAS(e, "036 RUS>JPN;");
    /* Unrealised acts and questions are not events. */
    NONE(events_of("Япония должна была выслать российских дипломатов."));
    /* A modal word governs the infinitives coordinated with its first one. */
    HAS(events_of("Израиль отказывается заморозить строительство поселений и признать "
                  "независимость Палестины."), "120 ISR>PSE;");
    HAS(events_of("Израиль заморозил строительство поселений и признал независимость Палестины."),
        "054 ISR>PSE;");
    /* … infinitives only: a finite verb after «и» is a clause of its own. */
    HAS(events_of("Япония отказалась от участия в саммите и ввела санкции против России."),
        "163 JPN>RUS;");
    NONE(events_of("Введёт ли Китай санкции против Японии?"));
    /* Advice and need: what one ought to do has not been done. */
    NONE(events_of("Японии следует ввести санкции против России."));
    NONE(events_of("С Россией надо вести переговоры, считает Япония."));
    /* What is asked for is not done, even when the request names no actor. */
    const char *q = events_of("Премьер-министр Турции прибыл в Киев. Депутат Рады попросил его "
                              "оказать содействие в строительстве университета.");
    if (strstr(q, "070")) fail_msg("an act asked for was coded as done: «%s»", q);
    /* An act judged unlikely is not reported; nor is the opinion verb's
     * subject looked for past the comma that opens the «что» clause. */
    NONE(events_of("Эксперты считают маловероятным, что Россия вторгнется в Эстонию."));
    const char *o = events_of("Эксперты считают, что Россия вторгнется в Эстонию.");
    if (strstr(o, "010")) fail_msg("the «что» clause's subject became the speaker: «%s»", o);
    /* Announced future cooperation is an intent to cooperate. */
    HAS(events_of("Россия наносит удары по Сирии. Россия будет и впредь принимать более активное "
                  "участие в мирном процессе."), "032 RUS>SYR*;");
    /* A present plan is an intent; its past («должна была») is not done. */
    HAS(events_of("Министр Японии должен прибыть в Москву на этой неделе."), "036 JPNGOV>RUS;");
    /* A demand named by its noun, a question or talks about an act, and an
     * act without which something happens: none is done. */
    NONE(events_of("Японцы зачитывали петиции с требованием вернуть России острова."));
    NONE(events_of("Турция и Египет собираются поднять вопрос о целесообразности ядерного "
                   "разоружения Израиля."));
    HAS(events_of("Премьер-министр Японии сообщил, что будет вести переговоры о возвращении "
                  "островов и заключении договора с Россией."), "036 JPNGOV>RUS;");
    const char *t = events_of("Премьер-министр Японии сообщил, что будет вести переговоры о "
                              "возвращении островов и заключении договора с Россией.");
    if (strstr(t, "034") || strstr(t, "032")) fail_msg("a topic of talks was coded: «%s»", t);
    NONE(events_of("Без помощи западных стран экономику России ожидает крах."));
    /* A hope is a wish. */
    NONE(events_of("Япония надеется на переговоры с Россией."));
    /* A passive subject was acted upon: with no agent named it is no source. */
    NONE(events_of("Гражданин Японии был задержан в России."));
    NONE(events_of("Российские дипломаты депортированы из Японии."));
    HAS(events_of("Япония задержала российских рыбаков."), "173 JPN>RUSCVL;");
}

static void coordination_and_impersonal_reports(void **state)
{
    HAS(events_of("Россия и Китай провели переговоры в Пекине."), "RUS>CHN;");
    /* A joint act needs both parties named; alone it is no event. */
    HAS(events_of("Украина и Турция создали Стратегический совет."), "050 UKR>TUR;");
    HAS(events_of("Россия создала совместную комиссию с Китаем."), "050 RUS>CHN;");
    const char *j = events_of("Россия ввела санкции против Японии. Москва создала комиссию.");
    HAS(j, "163 RUS>JPN;");
    if (strstr(j, "050")) fail_msg("a joint act got an inferred partner: «%s»", j);
    /* Two named together cooperate with each other when no one else is named. */
    HAS(events_of("Президент Украины и премьер-министр Турции объявили о создании зоны "
                  "свободной торговли."), "061 UKRGOV>TURGOV;");
    /* A meeting with no actor where its partner stands is not coded with a
     * partner guessed from elsewhere; a date there is passed over. */
    const char *m = events_of("Лавров на встрече с журналистами раскритиковал заявление Японии.");
    HAS(m, "111 RUSGOV>JPN;");
    if (strstr(m, "040")) fail_msg("a press meeting is no consultation: «%s»", m);
    HAS(events_of("Министр иностранных дел России прибыл в понедельник вечером в Токио."),
        "042 RUSGOV>JPN;");
    HAS(events_of("В Кремле раскритиковали решение Токио."), "RUSGOV>JPN");
}

static void experts_get_no_inferred_addressee(void **state)
{
    /* Commentary by an expert about nobody named is no event. */
    /* What a company says about a country is commentary, not a statement. */
    NONE(events_of("Россия ведет себя непредсказуемо, — отметил представитель Philips."));
    NONE(events_of("Россия ответила Японии. Эксперт назвал это ошибкой."));
    /* A verb's unnamed target is inferred; a verbal noun's is not. */
    HAS(events_of("Россия провела переговоры с Сирией. Москва прекратила огонь."), "0871 RUS>SYR*;");
    const char *n = events_of("Россия провела переговоры с Сирией. Москва объявила о прекращении огня.");
    if (strstr(n, "0871")) fail_msg("a process named by a noun got a target: «%s»", n);
}

static void parts_of_the_clause(void **state)
{
    /* «вместе с X»: X acts with the subject and is not the object. */
    HAS(events_of("Израиль поддержит Грузию вместе с Ираком."), "ISR>GEO;");
    const char *c = events_of("Израиль поддержит кандидата вместе с Ираком.");
    if (strstr(c, ">IRQ")) fail_msg("a companion became the object: «%s»", c);
    /* «ссылаясь на X»: X is where the news came from, not who acts. */
    const char *s = events_of("Ссылаясь на американские военные источники, журнал сообщает, что "
                              "Россия отвела войска из Сирии.");
    if (strstr(s, "USA")) fail_msg("a cited source became an actor: «%s»", s);
    /* A speaker after a speech verb stands in its clause, not past «, что». */
    NONE(events_of("Российская политика непредсказуема, говорят, что Вашингтон ответит."));
    /* An inverted subject follows its verb with no preposition between. */
    const char *o = events_of("Лидеры намерены обменяться мнениями о перспективах действий НАТО "
                              "в Афганистане.");
    if (strstr(o, "NATO>")) fail_msg("a mention in a prepositional phrase became the subject: «%s»", o);
    /* «считался членом»: the passive of a speech verb is no statement, and
     * «потребовалась помощь» (was needed) no demand. */
    NONE(events_of("Канадец, который считался членом Аль-Каиды, был переправлен в Сирию."));
    NONE(events_of("Эстония ввела евро, когда Греции потребовалась финансовая помощь."));
    /* Companions listed after «вместе с» are all companions. */
    const char *l = events_of("Израиль поддержит кандидата вместе с Ираком, Сирией и Иорданией.");
    if (strstr(l, "ISR>")) fail_msg("a listed companion became the object: «%s»", l);
    /* A place is the impersonal subject only where it opens the clause or
     * stands right before the verb («В Пекине заявили»), not inside a
     * phrase (саммита в Лиссабоне, арестован в Бангкоке). */
    NONE(events_of("Во второй день саммита в Лиссабоне страны альянса договорились начать "
                   "вывод войск из Афганистана."));
    NONE(events_of("Виктор Бут был арестован в Бангкоке по запросу США."));
    /* A verbal noun in a «что» clause has no subject from the main clause:
     * the speaker made a statement, the sanctions are not his. */
    const char *v = events_of("Министр Эстонии напоминает, что введение санкций против Сирии "
                              "было ошибкой.");
    if (strstr(v, "163")) fail_msg("a verbal noun took the speaker as its actor: «%s»", v);
    HAS(events_of("Министр Эстонии заявил, что введет санкции против Сирии."), "163 ESTGOV>SYR;");
    const char *v2 = events_of("Министр Эстонии напоминает, что начало бомбардировок в Сирии было "
                               "неожиданностью.");
    if (strstr(v2, "194 ")) fail_msg("a noun in -ка took the speaker as its actor: «%s»", v2);
    /* Sending someone to a country is a visit by the sender, not an
     * expulsion. */
    HAS(events_of("Государственный департамент США выслал в Грузию сотрудника."), "042 USAGOV>GEO;");
    /* Where the pattern says the object stands and no actor is there
     * (вступившее в силу), none is inferred. */
    const char *f = events_of("Россия провела переговоры с Сирией. Москва использует прекращение "
                              "огня, вступившее в силу в конце февраля.");
    if (strstr(f, "050")) fail_msg("a slot without an actor got an inferred target: «%s»", f);
    /* An object that points back (подобный шаг) is the discourse's: its
     * side is inferred, never one of a coordinated subject. */
    const char *b = events_of("Палестинцы хотят признания своего государства в ООН. Израиль и США "
                              "отвергают подобный шаг.");
    HAS(b, "120 ISR>PSE*;");
    HAS(b, "120 USA>PSE*;");
    /* A clause opened by «когда» ends at its comma; a country's own leader
     * is not its object. */
    const char *w = events_of("Россия наносит удары по Сирии. Когда Москва объявила об отводе "
                              "войск, Путин связал это решение с условием.");
    HAS(w, "087 RUS>SYR*;");
    if (strstr(w, ">RUSGOV")) fail_msg("a country's leader became its object: «%s»", w);
    /* … but an actor further in the clause is still the object. */
    HAS(events_of("Премьер-министр Японии Наото Кан осудил визит на острова президента России "
                  "Дмитрия Медведева."), "111 JPNELI>RUSGOV;");
    /* Words inside an actor's description (глава делегации на переговорах)
     * say who he is, not what was done. */
    const char *g = events_of("Глава палестинской делегации на переговорах Саеб Эрекат призвал "
                              "ООН осудить Израиль.");
    if (strstr(g, "UNO>")) fail_msg("an actor's description became an event: «%s»", g);
    /* A slot's actor follows it without a preposition between (беседа с
     * корреспондентами в афганской столице is no meeting with Afghanistan);
     * a speaker's own country named bare is not his addressee. */
    const char *k = events_of("Керри в беседе с корреспондентами в афганской столице отметил, что "
                              "отношения Америки с Пакистаном переживают критический момент.");
    if (strstr(k, ">AFG")) fail_msg("a mention behind a preposition filled a slot: «%s»", k);
    HAS(k, "010 USAELI>PAK;");
    /* A sentence that opens with a condition reports nothing as done. */
    NONE(events_of("Если Россия нападет, то НАТО введет санкции против России."));
    /* What a businessman, an expert or a journalist says is commentary. */
    NONE(events_of("Грузинский бизнесмен Давид Мирианашвали говорит, что Россия ошибается."));
    /* The genitive of a verbal noun is its actor (вступление Грузии в
     * альянс); a warning is a statement. */
    HAS(events_of("Кандидаты поддержали вступление Грузии в Атлантический альянс."), "050 GEO>NATO;");
    HAS(events_of("Россия заключила военный союз с Сирией."), "062 RUS>SYR;");
    HAS(events_of("«Россия может проверить это», — предупреждает министр Эстонии."), "010 ESTGOV>RUS;");
    /* The media report acts, they do not act; talking to a journalist is
     * an interview, not a consultation. */
    NONE(events_of("Телеканал CNN оказал помощь Турции."));
    NONE(events_of("Президент Турции провел беседу с корреспондентом «Голоса Америки»."));
    NONE(events_of("Правительство Эритреи отказалось сообщать что-либо американским журналистам."));
    /* A plural role is a subject as much as a singular one. */
    HAS(events_of("Представители ПАСЕ призывают руководство Грузии отменить положение."),
        "020 COE>GEO;");
    /* What a clause of purpose names is a goal, not a fact — also where a
     * clause joined by «, а также» goes on it. */
    NONE(events_of("Мы хотим, чтобы Украина и Турция провели переговоры."));
    NONE(events_of("Анкара добивается, чтобы Украина ввела санкции против России, а также выслала "
                   "дипломатов."));
    /* «я», «мы» in a quotation are its speaker. */
    HAS(events_of("«Вчера мы провели переговоры с Турцией», — сказал министр Украины."),
        "046 UKRGOV>TUR;");
    /* After a preposition an indeclinable name is no subject (в G-20), and
     * a place is an impersonal subject only of a plural verb. */
    const char *g20 = events_of("Президент Франции выразил надежду, что ему удастся за время "
                                "председательства в G-20 провести целый ряд реформ.");
    if (strstr(g20, "G20>")) fail_msg("an oblique name became the subject: «%s»", g20);
    /* A role set off by a comma after a person no dictionary knows gives
     * him its code; the subject again (ему) is no object. */
    HAS(events_of("С тех пор, как Виктор Бут был экстрадирован в США, российскому бизнесмену "
                  "разрешили свидание. Бут отверг предложенную ему американскими властями сделку."),
        "120 RUSBUS>USAGOV;");
    /* «по запросу X»: X asked, not the subject. */
    NONE(events_of("Российский бизнесмен Виктор Бут был арестован в Бангкоке по запросу США."));
    /* "..." reaches over a long object (назвал посещение островов
     * министром обороны России «достойным сожаления») but infers no side. */
    HAS(events_of("Премьер-министр Японии Наото Кан назвал посещение двух из этих островов "
                  "министром обороны России Анатолием Сердюковым «в высшей степени достойным "
                  "сожаления»."), ">RUSELI;");
    NONE(events_of("Китай проводит учения у Тайваня. Премьер Японии назвала возможный военный "
                   "кризис у острова «экзистенциальной угрозой»."));
    /* An adjective before the predicate's noun names whose act it is; an
     * act of war so named is aimed at the other side of the conflict. */
    HAS(events_of("Россия воюет в Сирии. С помощью российских авиаударов альянс смог оттеснить "
                  "повстанцев."), "194 RUS>SYR*;");
    /* With a plural verb, a nominative plural adjective before it names the
     * subject's country; a crowd at an embassy demonstrates; «по сообщению
     * X»: X reports, it does not act. */
    HAS(events_of("По сообщению российских СМИ, утром в понедельник «японские ультраправые» "
                  "собрались у российского посольства в Токио."), "141 JPN>RUSGOV;");
    /* A headline «X: …» is X's statement about the other side it names;
     * further on, «X: …» is a turn of an interview. */
    HAS(events_of("Обама: Путин не «вполне убежден» в важности европейского единства\n"
                  "Президент США выступил в Ганновере."), "010 USAELI>RUSGOV;");
    const char *iv = events_of("Министр Украины прибыл в Анкару.\nМустафа Джемилев: Украина и "
                               "Турция в вопросе евроинтеграции друг другу помогают.");
    if (strstr(iv, "010 ")) fail_msg("an interview turn became a statement: «%s»", iv);
    /* «…тут Путин ошибается», — сказал Обама: the speaker disapproves of
     * the one he says is wrong; outside a quotation it is no event. */
    HAS(events_of("Президент США Барак Обама выступил в Ганновере. «Так вот, я думаю, тут Путин "
                  "ошибается», — сказал он."), "110 USAELI>RUSGOV;");
    NONE(events_of("Путин ошибается."));
    HAS(events_of("Министр иностранных дел России Сергей Лавров выступил. «Особенно печально и "
                  "прискорбно, что японское правительство финансирует эти организации», — сказал "
                  "он."), "110 RUSGOV>JPNGOV;");
    /* A strike at a country is the use of force; «…, что нанесло удар по
     * японской промышленности» has «что» for its subject. */
    HAS(events_of("Россия нанесла удар по Сирии."), "190 RUS>SYR;");
    /* … at a place, at its country; «в Женеве» only says where. */
    HAS(events_of("Российская авиация нанесла удар по Алеппо."), "190 RUS>SYR;");
    const char *gv = events_of("США должны защищать себя от обвинений в применении пыток перед "
                               "комитетом ООН против пыток в Женеве.");
    if (strstr(gv, ">CHE")) fail_msg("a place where became a target: «%s»", gv);
    const char *u = events_of("Китай ввел эмбарго, что нанесло удар по японской промышленности.");
    if (strstr(u, "190 ")) fail_msg("«что» of a relative clause gave an actor: «%s»", u);
    /* «По мнению X, …»: what a political actor is reported to hold about
     * another side is his statement; an expert's is not. */
    HAS(events_of("По мнению главы МИД Эстонии, Россия остается главной угрозой региону."),
        "010 ESTGOV>RUS;");
    NONE(events_of("По словам эксперта, Россия остается главной угрозой региону."));
    /* With no other side named, the one the discourse is about. */
    HAS(events_of("Грузия выбрала президента. По мнению делегации ОБСЕ, предвыборная кампания "
                  "выявила ряд серьёзных проблем."), "010 OSC>GEO*;");
    /* A role's country may follow a noun of its phrase (главы комиссии
     * парламента Эстонии). */
    HAS(events_of("По оценкам главы комиссии парламента Эстонии, Россия остается угрозой."),
        "010 EST");
    /* «высказался в том духе, что …» is a statement. */
    HAS(events_of("Директор НАСА Билл Герстенмайер высказался в том духе, что русские партнёры "
                  "рассмотрят проблемы."), "010 USAGOV>RUS;");
    /* «…, сообщило агентство Киодо»: the attribution is another clause. */
    const char *ky = events_of("Правительство Японии объявило персоной нон грата сотрудника "
                               "представительства России, обвинив его в шпионаже, сообщило "
                               "агентство Киодо.");
    HAS(ky, "161 JPNGOV>RUSGOV;");
    if (strstr(ky, ">JPNMED")) fail_msg("the attribution's agency became an object: «%s»", ky);
    /* What one is accused of is not reported as done; a protest is no
     * protester. */
    const char *ac = events_of("Китай отверг протест Японии и обвинил Токио во вмешательстве во "
                               "внутренние дела КНР.");
    HAS(ac, "112 CHN>JPN;");
    const char *ac2 = events_of("США должны защищать себя от обвинений в применении пыток перед "
                                "комитетом ООН.");
    if (strstr(ac2, "175 ")) fail_msg("an act one is accused of was coded: «%s»", ac2);
    /* «защищать себя»: the object is the subject itself. */
    if (strstr(ac2, "USA>UNO")) fail_msg("a reflexive object got another side: «%s»", ac2);
    if (strstr(ac, "JPN>CHN")) fail_msg("an accused act was coded as done: «%s»", ac);
    if (strstr(ac, "JPNOPP")) fail_msg("a protest became protesters: «%s»", ac);
    /* A gerund after a comma shares the sentence's subject; a plan is an
     * intent. */
    const char *gr = events_of("Ван И подверг критике планы США по размещению ракет в регионе, "
                               "назвав их «угрозой стратегической стабильности».");
    HAS(gr, "111 CHNGOV>USA");
    if (strstr(gr, "150 ")) fail_msg("a plan was coded as done: «%s»", gr);
    /* A country in the nominative after a role is no genitive of it. */
    HAS(events_of("В ответ на высылку российского сотрудника торгпредства Россия в конце марта "
                  "выслала японского дипломата."), "166 RUS>JPNGOV;");
    /* An actor whose words begin in the pattern is its object; a place
     * after «в» there is where. */
    HAS(events_of("ЦРУ захватило в Македонии гражданина Германии ливанского происхождения."),
        "181 USASPY>DEUCVL;");
    /* An oblique pronoun (его) is no subject. */
    const char *o2 = events_of("Эммануэль Макрон выступил на съезде. Его поддерживает только Греция.");
    if (strstr(o2, "FRAGOV>")) fail_msg("an oblique pronoun became the subject: «%s»", o2);
}

/* "kind|speaker|text" for every quotation. */
static const char *quotes_of(const char *text)
{
    static char out[4096];
    out[0] = '\0';
    json_t *j = code(text);
    json_t *q = json_object_get(j, "quotes");
    for (size_t i = 0; i < json_array_size(q); i++) {
        json_t *x = json_array_get(q, i);
        json_t *sp = json_object_get(x, "speaker");
        char one[512];
        snprintf(one, sizeof one, "%s|%s|%s;", json_string_value(json_object_get(x, "kind")),
                 sp && json_is_object(sp) ? json_string_value(json_object_get(sp, "actor")) : "-",
                 json_string_value(json_object_get(x, "text")));
        strncat(out, one, sizeof out - strlen(out) - 1);
    }
    json_decref(j);
    return out;
}

static void direct_quotes_and_their_speakers(void **state)
{
    HAS(quotes_of("«Мы готовы к диалогу», — заявил Сергей Лавров."),
        "direct|Сергей Лавров|Мы готовы к диалогу;");
    HAS(quotes_of("Лавров заявил: «Ответ будет»."), "direct|Сергей Лавров|Ответ будет;");
    /* A quotation over two sentences, the speaker named after it. */
    HAS(quotes_of("«Отношения ухудшаются. Перспектив нет», - напоминает посол Николай Ноздрев."),
        "direct|Николай Ноздрев|Отношения ухудшаются. Перспектив нет;");
    /* «— сказал он» after a quotation that names another man points to the
     * speaker introduced before it, and the statement is his. */
    const char *t = "Президент США Барак Обама выступил в Ганновере. «Господин Путин "
                    "рассматривает НАТО как угрозу российской мощи», — сказал он.";
    HAS(quotes_of(t), "direct|Барак Обама|");
    HAS(events_of(t), "010 USAELI>RUSGOV;");
    /* „…“ marks too. */
    HAS(quotes_of("„Мы готовы к диалогу“, — заявил Сергей Лавров."),
        "direct|Сергей Лавров|Мы готовы к диалогу;");
    /* Dialogue: a paragraph opening with a dash is direct speech, over its
     * sentences up to the attribution; the next dialogue line without one
     * is the same voice. */
    const char *dl = quotes_of("Лавров вышел к журналистам.\n— Мы готовы к диалогу. Но условия "
                               "есть, — сказал Сергей Лавров.\n— Ответ будет жёстким.");
    HAS(dl, "direct|Сергей Лавров|Мы готовы к диалогу. Но условия есть;");
    HAS(dl, "direct|Сергей Лавров|Ответ будет жёстким;");
    /* The attribution set off by dashes inside the quotation. */
    HAS(quotes_of("«Мне кажется, — продолжил Дмитрий Песков, — что это ошибка»."),
        "|Дмитрий Песков|");
}

static void fragments_and_reported_speech(void **state)
{
    HAS(quotes_of("Посол Николай Ноздрев назвал позицию Токио «странной»."),
        "fragment|Николай Ноздрев|странной;");
    /* «…, говорит X»: the subject opening the sentence is the topic, even
     * when only its adjective names the country. */
    HAS(events_of("Российская внешняя политика непредсказуема, говорит министр Эстонии."),
        "010 ESTGOV>RUS;");
    /* «По прогнозам X» names who foresees; the forecast is no statement event. */
    const char *f = events_of("По прогнозам министра экономики Японии, Китай введёт санкции против России.");
    HAS(f, "110 JPNGOV>CHN;");
    if (strstr(f, "010 ")) fail_msg("an attribution became a statement: «%s»", f);
    /* Quoted words with no speech verb are names or scare quotes. */
    const char *q = quotes_of("Токио использует «российский трек» в игре.");
    if (strstr(q, "российский трек")) fail_msg("scare quotes taken for a quotation: %s", q);
    HAS(quotes_of("По словам Марии Захаровой, Токио ошибается."),
        "indirect|Мария Захарова|Токио ошибается;");
    HAS(quotes_of("Дмитрий Песков заявил, что Москва готова к диалогу."),
        "indirect|Дмитрий Песков|Москва готова к диалогу;");
    /* A headline «X: …» is what X said, quoted fragments in it too. */
    HAS(quotes_of("Лавров: Россия ответит на санкции Японии."),
        "indirect|Сергей Лавров|Россия ответит на санкции Японии;");
    HAS(quotes_of("Песков: Токио «играет с огнём»."), "fragment|Дмитрий Песков|играет с огнём;");
    /* «по мнению X»: X follows the phrase; past a comma and a preposition
     * stands no speaker. */
    const char *o = quotes_of("По мнению обоих, с Россией надо говорить на понятном ей языке.");
    if (strstr(o, "|Россия|")) fail_msg("a speaker taken past a comma: %s", o);
}

static int english(void **state)
{
    (void)state;
    lang = "en";
    return 0;
}

static int russian(void **state)
{
    (void)state;
    lang = "ru";
    return 0;
}

static void english_quotes_and_speakers(void **state)
{
    /* Direct: the speaker after the quotation (the comma inside it), before
     * a colon, or a pronoun that points back. */
    HAS(quotes_of("Russian Foreign Minister Sergei Lavrov arrived in Tokyo. \"We will not accept "
                  "sanctions,\" he said."),
        "direct|Sergey Lavrov|We will not accept sanctions,;");
    HAS(quotes_of("\"We will respond,\" said Dmitry Peskov."), "direct|Dmitry Peskov|We will respond,;");
    HAS(quotes_of("Dmitry Peskov added: “Nobody wants a war.”"), "direct|Dmitry Peskov|Nobody wants a war.;");
    /* A quotation over two sentences. */
    HAS(quotes_of("\"Relations are worsening. There are no prospects,\" the Russian ambassador said."),
        "direct|Russia|Relations are worsening. There are no prospects,;");
    /* A quoted fragment takes the subject of the speech verb before it. */
    HAS(quotes_of("Lavrov called the decision \"strange\"."), "fragment|Sergey Lavrov|strange;");
    /* Reported speech: said that …, said with "that" dropped, …, X said,
     * according to X. */
    HAS(quotes_of("Sergei Lavrov said on Monday that Moscow was ready for talks."),
        "indirect|Sergey Lavrov|Moscow was ready for talks;");
    HAS(quotes_of("Chinese Foreign Ministry spokeswoman Mao Ning said Japan must stop."),
        "indirect|Mao Ning|Japan must stop;");
    HAS(quotes_of("The sanctions will fail, the Kremlin said."), "indirect|Russia|The sanctions will fail;");
    HAS(quotes_of("According to Japanese Prime Minister Sanae Takaichi, Japan will keep its course."),
        "indirect|Sanae Takaichi|Japan will keep its course;");
}

static double tone_of(const char *text)
{
    json_t *j = code(text);
    double t = json_real_value(json_object_get(json_object_get(j, "tone"), "tone"));
    json_decref(j);
    return t;
}

static void tone_and_negation(void **state)
{
    assert_true(tone_of("Стороны договорились о плодотворном сотрудничестве.") > 0);
    assert_true(tone_of("Агрессия и провокации вызвали кризис.") < 0);
    /* «не» turns the next word around. */
    assert_true(tone_of("Итоги не были успешными.") < 0);
    assert_true(tone_of("Ситуация не опасная.") > 0);
}

static void english_tone_and_attitudes(void **state)
{
    assert_true(tone_of("The sides agreed on fruitful cooperation.") > 0);
    assert_true(tone_of("Aggression and provocations caused a crisis.") < 0);
    assert_true(tone_of("The results were not successful.") < 0);
    /* A sentence whose subject is one actor and which names another gives
     * an attitude of its tone's sign. */
    json_t *j = code("Japan condemned the aggression and the provocations of China. Russia "
                     "praised the fruitful cooperation with India.");
    json_t *a = json_object_get(j, "attitudes");
    int neg = 0, pos = 0;
    for (size_t i = 0; i < json_array_size(a); i++) {
        json_t *x = json_array_get(a, i);
        const char *src = json_string_value(json_object_get(x, "source"));
        const char *tgt = json_string_value(json_object_get(x, "target"));
        const char *pol = json_string_value(json_object_get(x, "polarity"));
        neg |= !strcmp(src, "Japan") && !strcmp(tgt, "China") && !strcmp(pol, "neg");
        pos |= !strcmp(src, "Russia") && !strcmp(tgt, "India") && !strcmp(pol, "pos");
    }
    json_decref(j);
    assert_true(neg && pos);
}

static int has_attitude(const char *text, const char *src, const char *tgt)
{
    json_t *j = code(text);
    json_t *a = json_object_get(j, "attitudes");
    int found = 0;
    for (size_t i = 0; i < json_array_size(a); i++) {
        json_t *x = json_array_get(a, i);
        found |= !strcmp(json_string_value(json_object_get(x, "source_code")), src) &&
                 !strcmp(json_string_value(json_object_get(x, "target_code")), tgt);
    }
    json_decref(j);
    return found;
}

static void attitudes_need_evidence(void **state)
{
    /* One mildly negative sentence naming two actors is no attitude: it may
     * only be about them. */
    assert_false(has_attitude("Поводом стала риторика Токио по вопросу Тайваня: премьер назвала "
                              "возможный кризис у острова «серьёзной угрозой», допустив применение "
                              "сил самообороны.", "JPN", "TWN"));
    /* Two such sentences are. */
    assert_true(has_attitude("Токио осудил провокации Пекина. Токио снова осудил агрессию Пекина.",
                             "JPN", "CHN"));
}

static void attitudes_from_events(void **state)
{
    json_t *j = code("Китай ввел санкции против Японии. Китай обвинил Японию в провокации.");
    json_t *a = json_object_get(j, "attitudes");
    int found = 0;
    for (size_t i = 0; i < json_array_size(a); i++) {
        json_t *x = json_array_get(a, i);
        if (strcmp(json_string_value(json_object_get(x, "source")), "Китай") == 0 &&
            strcmp(json_string_value(json_object_get(x, "target")), "Япония") == 0 &&
            strcmp(json_string_value(json_object_get(x, "polarity")), "neg") == 0)
            found = 1;
    }
    json_decref(j);
    assert_true(found);
}

static void dates_govern_their_clause(void **state)
{
    json_t *j = code("Китай ввел эмбарго против Японии в январе 2026 года.");
    json_t *e = json_array_get(json_object_get(j, "events"), 0);
    assert_non_null(e);
    assert_string_equal(json_string_value(json_object_get(e, "date")), "2026-01");
    assert_string_equal(json_string_value(json_object_get(e, "date_from")), "text");
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sanctions_with_a_prepositional_target),
        cmocka_unit_test(perceptions_and_handovers),
        cmocka_unit_test(negation_and_denial_are_no_events),
        cmocka_unit_test(modality),
        cmocka_unit_test(coordination_and_impersonal_reports),
        cmocka_unit_test(experts_get_no_inferred_addressee),
        cmocka_unit_test(parts_of_the_clause),
        cmocka_unit_test(direct_quotes_and_their_speakers),
        cmocka_unit_test(fragments_and_reported_speech),
        cmocka_unit_test_setup_teardown(english_quotes_and_speakers, english, russian),
        cmocka_unit_test(tone_and_negation),
        cmocka_unit_test(attitudes_from_events),
        cmocka_unit_test(attitudes_need_evidence),
        cmocka_unit_test_setup_teardown(english_tone_and_attitudes, english, russian),
        cmocka_unit_test(dates_govern_their_clause),
    };
    return cmocka_run_group_tests(tests, coder_setup, coder_teardown);
}
