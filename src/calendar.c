/* calendar.c — see calendar.h. Day counts use the proleptic Gregorian
 * calendar (Howard Hinnant's days_from_civil), valid for any year here. */
#include "calendar.h"

int cal_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int cal_days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    return m == 2 && cal_is_leap(y) ? 29 : days[m - 1];
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int cal_parse_iso(const char *s, size_t n, int *y, int *m, int *d)
{
    int yy, mm, dd;
    if (n != 10 || s[4] != '-' || s[7] != '-') return -1;
    if (digits(s, 4, &yy) || digits(s + 5, 2, &mm) || digits(s + 8, 2, &dd)) return -1;
    if (mm < 1 || mm > 12 || dd < 1 || dd > cal_days_in_month(yy, mm)) return -2;
    if (y) *y = yy;
    if (m) *m = mm;
    if (d) *d = dd;
    return 0;
}

long cal_to_days(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void cal_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long dd = doy - (153 * mp + 2) / 5 + 1;
    long mm = mp + (mp < 10 ? 3 : -9);
    *y = (int)(yy + (mm <= 2));
    *m = (int)mm;
    *d = (int)dd;
}

int cal_weekday(int y, int m, int d)
{
    long days = cal_to_days(y, m, d); /* 1970-01-01 was a Thursday (3) */
    long w = (days + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}
