/* lang.h — which language a text is written in.
 *
 * dyad codes Russian and English. The guess counts Cyrillic and Latin
 * letters in the first 64 KiB: Cyrillic wins Russian when it makes at least
 * a third of the letters (Russian news quote Latin names and URLs freely),
 * Latin wins English, and a text with too few letters is "und".
 */
#ifndef DYAD_LANG_H
#define DYAD_LANG_H

#include <stddef.h>

typedef enum lang_id { LANG_UND = 0, LANG_RU, LANG_EN } lang_id;

lang_id lang_detect(const char *text, size_t len);
const char *lang_code(lang_id id);      /* "ru", "en", "und" */
lang_id lang_from_code(const char *code); /* LANG_UND for unknown codes */

#endif
