/* deadline.c -- due-time calculation for complaints (see deadline.h).
 * Pure: no database, no ClearSilver; linked into the unit tests. */
#include <stdlib.h>
#include <string.h>
#include "deadline.h"

int cp_due_default_hours(const char *severity, enum cp_due_kind kind)
{
    if (severity == NULL)
        return -1;
    if (strcmp(severity, "general") == 0)
        return kind == CP_DUE_FIRST_CONTACT ? 24 : 5 * 24;
    if (strcmp(severity, "serious") == 0)
        return kind == CP_DUE_FIRST_CONTACT ? 2 : 2 * 24;
    return -1;
}

int cp_due_hours(const char *severity, enum cp_due_kind kind, const char *configured)
{
    int def = cp_due_default_hours(severity, kind);
    char *end;
    long v;

    if (def < 0 || configured == NULL || *configured == '\0')
        return def;
    v = strtol(configured, &end, 10);
    if (*end != '\0' || v < 1 || v > 8760)
        return def;
    return (int)v;
}

time_t cp_due_at(time_t received, int hours)
{
    return received + (time_t)hours * 3600;
}

bool cp_overdue(time_t now, time_t due, bool done)
{
    return !done && now > due;
}

int cp_parse_hhmm(const char *s)
{
    if (s == NULL || strlen(s) != 5 || s[2] != ':' || s[0] < '0' || s[0] > '2' || s[1] < '0' ||
        s[1] > '9' || s[3] < '0' || s[3] > '5' || s[4] < '0' || s[4] > '9')
        return -1;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h > 24 || (h == 24 && m != 0))
        return -1;
    return h * 60 + m;
}

bool cp_is_workday(const cp_calendar *cal, int ymd, int wday)
{
    for (size_t i = 0; i < cal->ndays; i++)
        if (cal->days[i].ymd == ymd)
            return cal->days[i].workday;
    return wday >= 1 && wday <= 5;
}

long cp_working_minutes(int hours, const cp_calendar *cal)
{
    long day = cal->end_min - cal->start_min;
    return (long)(hours / 24) * day + (long)(hours % 24) * 60;
}

/* the civil date of a day number since 1970-01-01 (H. Hinnant's algorithm) */
static int ymd_of(long long days)
{
    long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
    long long m = mp < 10 ? mp + 3 : mp - 9;
    return (int)((y + (m <= 2)) * 10000 + m * 100 + d);
}

static long long floor_div(long long a, long long b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

static int weekday_of(long long day)
{
    return (int)(((day % 7) + 11) % 7);                 /* 1970-01-01 was a Thursday (4) */
}

time_t cp_working_add(time_t t, long long secs, const cp_calendar *cal)
{
    long long off = (long long)cal->tz_offset_min * 60;
    long long cur = (long long)t + off;                 /* local seconds */
    long long left = secs;
    long long day = floor_div(cur, 86400);

    if (secs <= 0)
        return t;
    if (cal->end_min <= cal->start_min)
        return (time_t)-1;
    for (int n = 0; n < 3660; n++, day++) {
        long long ds = day * 86400, from, to;
        if (!cp_is_workday(cal, ymd_of(day), weekday_of(day)))
            continue;
        from = ds + cal->start_min * 60LL;
        to = ds + cal->end_min * 60LL;
        if (cur > from)
            from = cur;
        if (from >= to)
            continue;
        if (left <= to - from)
            return (time_t)(from + left - off);
        left -= to - from;
    }
    return (time_t)-1;
}

time_t cp_due_working(time_t received, int hours, const cp_calendar *cal)
{
    if (cal->end_min <= cal->start_min)
        return received;
    return cp_working_add(received, (long long)cp_working_minutes(hours, cal) * 60, cal);
}

long long cp_working_seconds(time_t from, time_t to, const cp_calendar *cal)
{
    long long off = (long long)cal->tz_offset_min * 60;
    long long a = (long long)from + off, b = (long long)to + off, sum = 0;

    if (b <= a || cal->end_min <= cal->start_min)
        return 0;
    /* every local day the interval touches, its working window clipped */
    for (long long day = floor_div(a, 86400); day * 86400 < b; day++) {
        long long lo = day * 86400 + cal->start_min * 60LL, hi = day * 86400 + cal->end_min * 60LL;
        if (!cp_is_workday(cal, ymd_of(day), weekday_of(day)))
            continue;
        if (lo < a)
            lo = a;
        if (hi > b)
            hi = b;
        if (hi > lo)
            sum += hi - lo;
    }
    return sum;
}
