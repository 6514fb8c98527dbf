/* holiday_check.c -- validation of the holiday calendar form (see
 * holiday_check.h).  Pure: linked into the unit tests. */
#include <string.h>
#include "holiday_check.h"

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool cp_holiday_day(const char *s, int *year)
{
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int y, m, d;

    /* exactly ten characters: sscanf alone would take "2025-1-1" or "+2025..." */
    if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    m = (s[5] - '0') * 10 + (s[6] - '0');
    d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < CP_HOLIDAY_YEAR_MIN || y > CP_HOLIDAY_YEAR_MAX || m < 1 || m > 12 || d < 1 ||
        d > mdays[m - 1] + (m == 2 && leap(y)))
        return false;
    if (year)
        *year = y;
    return true;
}

bool cp_holiday_kind(const char *s)
{
    return s && (strcmp(s, "holiday") == 0 || strcmp(s, "workday") == 0);
}

bool cp_holiday_name(const char *s, char *out, size_t outlen)
{
    size_t len, chars = 0;

    if (outlen <= CP_HOLIDAY_NAME_BYTES)
        return false;
    out[0] = '\0';
    if (s == NULL)
        return true;
    s += strspn(s, " ");
    len = strlen(s);
    while (len > 0 && s[len - 1] == ' ')
        len--;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f)
            return false;
        chars += (c & 0xC0) != 0x80;    /* count lead bytes, not continuations */
    }
    if (chars > CP_HOLIDAY_NAME_MAX || len > CP_HOLIDAY_NAME_BYTES)
        return false;
    memcpy(out, s, len);
    out[len] = '\0';
    return true;
}
