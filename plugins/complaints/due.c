/* due.c -- the due times of a new case from the configuration: calendar
 * hours (the default), or working hours (Clock = working) with the
 * holiday table read here and handed to the pure deadline.c.  The same
 * calendar serves resuming a paused case (clock.c).
 *
 * Settings under Plugins.complaints: Clock (calendar | working),
 * WorkStart / WorkEnd ("09:00" / "17:00", local), TimezoneOffsetMinutes
 * (480), FirstContactHours.<severity>, ResolutionHours.<severity>.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "complaints.h"

#define CP_MAX_DAYS 1000

static int setting_int(const char *key, const char *def, long lo, long hi)
{
    const char *s = kf_setting(CP_PLUGIN, key, def);
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < lo || v > hi)
        v = strtol(def, NULL, 10);
    return (int)v;
}

void cp_time_fmt(time_t t, char out[20])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

int cp_tz_offset_min(void)
{
    return setting_int("TimezoneOffsetMinutes", "480", -720, 840);
}

bool cp_clock_working(void)
{
    return strcmp(kf_setting(CP_PLUGIN, "Clock", "calendar"), "working") == 0;
}

int cp_calendar_load(kf_req *req, time_t from, time_t to, cp_calendar *cal)
{
    /* one calendar at a time per worker: the caller uses it before the next load */
    static cp_day days[CP_MAX_DAYS];
    kf_stmt *st;
    int rc;

    *cal = (cp_calendar){ .start_min = cp_parse_hhmm(kf_setting(CP_PLUGIN, "WorkStart", "09:00")),
                          .end_min = cp_parse_hhmm(kf_setting(CP_PLUGIN, "WorkEnd", "17:00")),
                          .tz_offset_min = cp_tz_offset_min(),
                          .days = days };
    if (cal->start_min < 0 || cal->end_min <= cal->start_min) {
        cal->start_min = 9 * 60;
        cal->end_min = 17 * 60;
    }
    /* a day either side: local dates differ from UTC ones by the offset */
    st = kf_db_query(kf_req_db(req),
        "SELECT DATE_FORMAT(day, '%Y%m%d'), kind = 'workday' FROM complaint_holidays "
        "WHERE day >= DATE(FROM_UNIXTIME(?)) - INTERVAL 1 DAY "
        "AND day <= DATE(FROM_UNIXTIME(?)) + INTERVAL 1 DAY ORDER BY day LIMIT 1000",
        "ii", (int64_t)from, (int64_t)to);
    if (st == NULL)
        return -1;
    while ((rc = kf_stmt_next(st)) == 1 && cal->ndays < CP_MAX_DAYS) {
        days[cal->ndays].ymd = atoi(kf_stmt_str(st, 0));
        days[cal->ndays++].workday = kf_stmt_int(st, 1) != 0;
    }
    kf_stmt_close(st);
    return rc < 0 ? -1 : 0;
}

int cp_due_times(kf_req *req, const char *severity, const char *received, char fc[20], char res[20])
{
    bool serious = strcmp(severity, "serious") == 0;
    int fc_h = cp_due_hours(severity, CP_DUE_FIRST_CONTACT, kf_setting(CP_PLUGIN,
                   serious ? "FirstContactHours.serious" : "FirstContactHours.general", NULL));
    int res_h = cp_due_hours(severity, CP_DUE_RESOLUTION, kf_setting(CP_PLUGIN,
                   serious ? "ResolutionHours.serious" : "ResolutionHours.general", NULL));
    struct tm tm = { 0 };
    time_t t, a, b;

    if (sscanf(received, "%4d-%2d-%2d %2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
               &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    t = timegm(&tm);
    a = cp_due_at(t, fc_h);
    b = cp_due_at(t, res_h);
    if (cp_clock_working()) {
        cp_calendar cal;

        /* holidays of the next 400 days, as before: a limit reaching
         * further counts the days beyond by the Monday-Friday rule alone */
        if (cp_calendar_load(req, t, t + 399 * 86400L, &cal) != 0)
            return -1;
        a = cp_due_working(t, fc_h, &cal);
        b = cp_due_working(t, res_h, &cal);
        if (a == (time_t)-1 || b == (time_t)-1) {   /* no working time configured: calendar */
            a = cp_due_at(t, fc_h);
            b = cp_due_at(t, res_h);
        }
    }
    cp_time_fmt(a, fc);
    cp_time_fmt(b, res);
    return 0;
}
