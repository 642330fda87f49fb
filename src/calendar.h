/* calendar.h — Gregorian calendar arithmetic shared by ingest and dates.
 * Pure functions, no locale, no time zone. */
#ifndef DYAD_CALENDAR_H
#define DYAD_CALENDAR_H

#include <stddef.h>

int cal_is_leap(int year);
int cal_days_in_month(int year, int month);
/* Parse exactly "YYYY-MM-DD" (n bytes). Returns 0 if it is a real day,
 * -1 if malformed, -2 if well-formed but impossible (2026-02-30). */
int cal_parse_iso(const char *s, size_t n, int *y, int *m, int *d);
/* Days since 1970-01-01 (negative before) and back. */
long cal_to_days(int y, int m, int d);
void cal_from_days(long days, int *y, int *m, int *d);
/* 0 = Monday … 6 = Sunday. */
int cal_weekday(int y, int m, int d);

#endif
