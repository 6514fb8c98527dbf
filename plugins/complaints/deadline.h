/* deadline.h -- due times per severity (pure, unit-tested).
 *
 * Calendar hours: first contact (acknowledge the customer) and resolution
 * are counted from received_at.  Defaults: general 24h / 5 days,
 * serious 2h / 2 days; configurable as Plugins.complaints.FirstContactHours.<sev>
 * and Plugins.complaints.ResolutionHours.<sev>.
 *
 * Working hours (Plugins.complaints.Clock = working): only the working
 * day counts, WorkStart-WorkEnd (default 09:00-17:00) local time, local
 * being UTC + TimezoneOffsetMinutes (default 480, China), Monday to
 * Friday, minus holidays, plus make-up working days (调休).  A time limit
 * of N*24 hours means N working days; the remainder counts as working
 * hours: 2h = 2 working hours, 24h = one working day, 120h = five.
 * The holiday list is passed in, so this stays pure.
 *
 * Pausing the clock in working mode: cp_working_seconds measures the
 * working time a pause covered and cp_working_add moves a due time later
 * by that much working time, so a pause over a weekend or holiday moves
 * nothing and a pause over two working hours moves two working hours.
 */
#ifndef KF_COMPLAINTS_DEADLINE_H
#define KF_COMPLAINTS_DEADLINE_H

#include <stdbool.h>
#include <time.h>

enum cp_due_kind { CP_DUE_FIRST_CONTACT, CP_DUE_RESOLUTION };

/* default hours for severity ("general" | "serious"); -1 for an unknown one */
int cp_due_default_hours(const char *severity, enum cp_due_kind kind);
/* configured value if a whole number 1..8760, else the default */
int cp_due_hours(const char *severity, enum cp_due_kind kind, const char *configured);
/* received + hours */
time_t cp_due_at(time_t received, int hours);
/* one day that differs from the Monday-Friday rule */
typedef struct cp_day {
    int ymd;        /* local date as YYYYMMDD */
    bool workday;   /* true: a make-up working day; false: a holiday */
} cp_day;

typedef struct cp_calendar {
    int start_min;      /* working day start, minutes after local midnight */
    int end_min;        /* working day end, > start_min */
    int tz_offset_min;  /* local time = UTC + tz_offset_min */
    const cp_day *days; /* exceptions, any order */
    size_t ndays;
} cp_calendar;

/* "HH:MM" into minutes after midnight, -1 when malformed */
int cp_parse_hhmm(const char *s);
/* whether the local date ymd (weekday wday, 0 = Sunday) is worked */
bool cp_is_workday(const cp_calendar *cal, int ymd, int wday);
/* the time limit of hours expressed in working minutes */
long cp_working_minutes(int hours, const cp_calendar *cal);
/* received (UTC) + hours counted in working time; (time_t)-1 when no
 * working time is found within ten years (a calendar of holidays only) */
time_t cp_due_working(time_t received, int hours, const cp_calendar *cal);
/* t (UTC) + secs counted in working time; t itself when secs <= 0 (no
 * snapping to the next working moment); (time_t)-1 when the calendar has
 * no working time within ten years */
time_t cp_working_add(time_t t, long long secs, const cp_calendar *cal);
/* the working seconds between from and to (UTC); 0 when to <= from */
long long cp_working_seconds(time_t from, time_t to, const cp_calendar *cal);

/* overdue when not done and now is past due */
bool cp_overdue(time_t now, time_t due, bool done);

#endif
