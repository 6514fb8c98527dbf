/* test_complaints_deadline.c -- due times in working hours
 * (plugins/complaints/deadline.c, linked directly): across midnight, a
 * month end, a holiday, a make-up Saturday and the time-zone offset;
 * and what a pause of the clock moves in working mode: nothing outside
 * working hours, only the working time across a weekend or holiday, the
 * make-up day's hours when it spans one.
 * All times below are UTC; China is UTC+8, so 09:00-17:00 local is
 * 01:00-09:00 UTC. */
#include "config.h"
#include "check.h"
#include "../../plugins/complaints/deadline.h"

static const cp_day days_2025[] = {
    { 20251001, false },   /* National Day */
    { 20251011, true },    /* make-up working Saturday (调休) */
};

static cp_calendar china(void)
{
    cp_calendar c = { .start_min = 9 * 60, .end_min = 17 * 60, .tz_offset_min = 480,
                      .days = days_2025, .ndays = 2 };
    return c;
}

START_TEST(parse_and_rules)
{
    cp_calendar c = china();
    ck_assert_int_eq(cp_parse_hhmm("09:00"), 540);
    ck_assert_int_eq(cp_parse_hhmm("17:30"), 1050);
    ck_assert_int_eq(cp_parse_hhmm("24:00"), 1440);
    ck_assert_int_eq(cp_parse_hhmm("25:00"), -1);
    ck_assert_int_eq(cp_parse_hhmm("9:00"), -1);
    ck_assert_int_eq(cp_parse_hhmm(NULL), -1);
    ck_assert(cp_is_workday(&c, 20250114, 2));
    ck_assert(!cp_is_workday(&c, 20250118, 6));
    ck_assert(!cp_is_workday(&c, 20251001, 3));
    ck_assert(cp_is_workday(&c, 20251011, 6));
    ck_assert_int_eq(cp_working_minutes(2, &c), 120);
    ck_assert_int_eq(cp_working_minutes(24, &c), 480);
    ck_assert_int_eq(cp_working_minutes(120, &c), 5 * 480);
    ck_assert_int_eq(cp_working_minutes(26, &c), 600);
}
END_TEST

START_TEST(across_midnight)
{
    cp_calendar c = china();
    /* Tue 2025-01-14 16:00 local, 2 working hours: 1 today, 1 tomorrow -> Wed 10:00 local */
    ck_assert_int_eq(cp_due_working(1736841600, 2, &c), 1736906400);
}
END_TEST

START_TEST(month_end_and_weekend)
{
    cp_calendar c = china();
    /* Fri 2025-01-31 16:30 local, one working day: 30 min Friday, the
     * weekend skipped, 7.5 h Monday 2025-02-03 -> 16:30 local */
    ck_assert_int_eq(cp_due_working(1738312200, 24, &c), 1738571400);
}
END_TEST

START_TEST(holiday_skipped)
{
    cp_calendar c = china();
    /* Tue 2025-09-30 15:00 local, one working day: 2 h Tuesday, Wednesday
     * 10-01 is a holiday, 6 h Thursday -> Thu 15:00 local = 07:00 UTC */
    ck_assert_int_eq(cp_due_working(1759215600, 24, &c), 1759388400);
    /* without the holiday it would be Wednesday */
    c.ndays = 0;
    ck_assert_int_eq(cp_due_working(1759215600, 24, &c), 1759388400 - 86400);
}
END_TEST

START_TEST(makeup_saturday_worked)
{
    cp_calendar c = china();
    /* Fri 2025-10-10 16:00 local, 2 h: 1 h Friday, Saturday 10-11 is a
     * make-up working day -> Sat 10:00 local = 02:00 UTC */
    ck_assert_int_eq(cp_due_working(1760083200, 2, &c), 1760148000);
}
END_TEST

START_TEST(timezone_offset)
{
    cp_calendar c = china();
    /* 2025-01-14 00:30 UTC is 08:30 local: the day starts at 09:00 local,
     * 2 h later is 11:00 local = 03:00 UTC */
    ck_assert_int_eq(cp_due_working(1736814600, 2, &c), 1736823600);
    /* the same instant with the offset 0: 09:00-17:00 UTC -> 11:00 UTC */
    c.tz_offset_min = 0;
    ck_assert_int_eq(cp_due_working(1736814600, 2, &c), 1736852400);
    /* a calendar without working days finds nothing */
    c.end_min = c.start_min;
    ck_assert_int_eq(cp_due_working(1736814600, 2, &c), 1736814600);
}
END_TEST

/* ---- pausing in working mode ---- */

START_TEST(pause_outside_working_hours)
{
    cp_calendar c = china();
    /* Tue 2025-01-14 18:00-23:00 local: the evening */
    ck_assert_int_eq(cp_working_seconds(1736848800, 1736866800, &c), 0);
    /* Tue 17:00 to Wed 09:00 local: the night */
    ck_assert_int_eq(cp_working_seconds(1736845200, 1736902800, &c), 0);
    /* nothing paused: the due time (Wed 11:00 local) stays where it was */
    ck_assert_int_eq(cp_working_add(1736910000, 0, &c), 1736910000);
    /* ... even when it lies outside working time (Sat 2025-01-18 12:00) */
    ck_assert_int_eq(cp_working_add(1737172800, 0, &c), 1737172800);
    /* an interval backwards is empty */
    ck_assert_int_eq(cp_working_seconds(1736866800, 1736848800, &c), 0);
}
END_TEST

START_TEST(pause_across_weekend_and_holiday)
{
    cp_calendar c = china();
    /* Fri 2025-01-17 17:00 to Mon 09:00 local: the weekend moves nothing */
    ck_assert_int_eq(cp_working_seconds(1737104400, 1737334800, &c), 0);
    /* Fri 16:00 to Mon 10:00 local: one hour each side */
    ck_assert_int_eq(cp_working_seconds(1737100800, 1737338400, &c), 7200);
    /* a due time of Fri 16:00 local pushed by those 2 h: Mon 10:00 local */
    ck_assert_int_eq(cp_working_add(1737100800, 7200, &c), 1737338400);
    /* Tue 2025-09-30 17:00 to Thu 10-02 09:00 local, Wednesday a holiday */
    ck_assert_int_eq(cp_working_seconds(1759222800, 1759366800, &c), 0);
    /* Tue 16:00 to Thu 11:00 local: 1 h + 2 h; without the holiday 8 h more */
    ck_assert_int_eq(cp_working_seconds(1759219200, 1759374000, &c), 3 * 3600);
    c.ndays = 0;
    ck_assert_int_eq(cp_working_seconds(1759219200, 1759374000, &c), 11 * 3600);
}
END_TEST

START_TEST(pause_spanning_makeup_day)
{
    cp_calendar c = china();
    /* Fri 2025-10-10 17:00 to Mon 10-13 09:00 local: Saturday 10-11 is a
     * make-up working day, its 8 hours count */
    ck_assert_int_eq(cp_working_seconds(1760086800, 1760317200, &c), 8 * 3600);
    /* Sat 10:00-12:00 local on that day */
    ck_assert_int_eq(cp_working_seconds(1760148000, 1760155200, &c), 7200);
    /* a due time of Fri 16:30 local pushed by 1 h: Sat 09:30 local */
    ck_assert_int_eq(cp_working_add(1760085000, 3600, &c), 1760146200);
}
END_TEST

START_TEST(pause_recomputes_due)
{
    cp_calendar c = china();
    static const long long pauses[] = { 1, 1800, 7200, 8 * 3600, 30 * 3600 };
    static const time_t received[] = { 1736841600, 1738312200, 1759215600, 1760083200 };

    /* pushing the due time by w working seconds is the due time of a
     * limit w longer: the case keeps its whole working time */
    for (size_t i = 0; i < sizeof received / sizeof received[0]; i++)
        for (size_t j = 0; j < sizeof pauses / sizeof pauses[0]; j++)
            ck_assert_int_eq(cp_working_add(cp_due_working(received[i], 24, &c), pauses[j], &c),
                             cp_working_add(received[i], 8 * 3600 + pauses[j], &c));
    /* no working time at all: nothing measured, no due time found */
    c.end_min = c.start_min;
    ck_assert_int_eq(cp_working_seconds(1737100800, 1737338400, &c), 0);
    ck_assert_int_eq(cp_working_add(1737100800, 7200, &c), (time_t)-1);
}
END_TEST

Suite *complaints_deadline_suite(void)
{
    Suite *s = suite_create("complaints_deadline");
    TCase *tc = tcase_create("working_hours");
    tcase_add_test(tc, parse_and_rules);
    tcase_add_test(tc, across_midnight);
    tcase_add_test(tc, month_end_and_weekend);
    tcase_add_test(tc, holiday_skipped);
    tcase_add_test(tc, makeup_saturday_worked);
    tcase_add_test(tc, timezone_offset);
    suite_add_tcase(s, tc);
    tc = tcase_create("pause");
    tcase_add_test(tc, pause_outside_working_hours);
    tcase_add_test(tc, pause_across_weekend_and_holiday);
    tcase_add_test(tc, pause_spanning_makeup_day);
    tcase_add_test(tc, pause_recomputes_due);
    suite_add_tcase(s, tc);
    return s;
}
