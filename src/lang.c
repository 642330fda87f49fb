/* lang.c — see lang.h. */
#include "lang.h"

#include <string.h>

#include "utf8.h"

enum { LANG_SAMPLE = 64 * 1024, LANG_MIN_LETTERS = 8 };

lang_id lang_detect(const char *text, size_t len)
{
    size_t n = len < LANG_SAMPLE ? len : LANG_SAMPLE;
    /* Do not cut a code point in half at the end of the sample. */
    while (n < len && n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) n--;
    size_t cyr = 0, lat = 0, i = 0;
    while (i < n) {
        uint32_t c = utf8_next(text, &i);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            lat++;
        else if (c >= 0x0400 && c <= 0x04FF)
            cyr++;
    }
    if (cyr + lat < LANG_MIN_LETTERS) return LANG_UND;
    if (cyr * 3 >= cyr + lat) return LANG_RU;
    return LANG_EN;
}

const char *lang_code(lang_id id)
{
    switch (id) {
    case LANG_RU: return "ru";
    case LANG_EN: return "en";
    default: return "und";
    }
}

lang_id lang_from_code(const char *code)
{
    if (!code) return LANG_UND;
    if (strcmp(code, "ru") == 0 || strcmp(code, "rus") == 0) return LANG_RU;
    if (strcmp(code, "en") == 0 || strcmp(code, "eng") == 0) return LANG_EN;
    return LANG_UND;
}
