/* test_complaints_holiday.c -- the holiday calendar form's validation
 * (plugins/complaints/holiday_check.c, linked directly): real dates
 * only, the year bounds, the two kinds, names bounded in characters. */
#include "config.h"
#include <string.h>
#include "check.h"
#include "../../plugins/complaints/holiday_check.h"

START_TEST(days)
{
    int y = 0;
    ck_assert(cp_holiday_day("2025-10-01", &y));
    ck_assert_int_eq(y, 2025);
    ck_assert(cp_holiday_day("2024-02-29", NULL));      /* leap year */
    ck_assert(cp_holiday_day("2000-02-29", NULL));      /* divisible by 400 */
    ck_assert(!cp_holiday_day("2025-02-29", NULL));
    ck_assert(!cp_holiday_day("2100-02-29", NULL));     /* divisible by 100 */
    ck_assert(!cp_holiday_day("2025-04-31", NULL));
    ck_assert(!cp_holiday_day("2025-13-01", NULL));
    ck_assert(!cp_holiday_day("2025-00-10", NULL));
    ck_assert(!cp_holiday_day("2025-01-00", NULL));
    ck_assert(cp_holiday_day("2000-01-01", NULL));      /* the bounds */
    ck_assert(cp_holiday_day("2100-12-31", NULL));
    ck_assert(!cp_holiday_day("1999-12-31", NULL));
    ck_assert(!cp_holiday_day("2101-01-01", NULL));
    ck_assert(!cp_holiday_day("2025-1-01", NULL));      /* the exact form only */
    ck_assert(!cp_holiday_day("2025/10/01", NULL));
    ck_assert(!cp_holiday_day("2025-10-01 ", NULL));
    ck_assert(!cp_holiday_day("+025-10-01", NULL));
    ck_assert(!cp_holiday_day("", NULL));
    ck_assert(!cp_holiday_day(NULL, NULL));
}
END_TEST

START_TEST(kinds)
{
    ck_assert(cp_holiday_kind("holiday"));
    ck_assert(cp_holiday_kind("workday"));
    ck_assert(!cp_holiday_kind("Holiday"));
    ck_assert(!cp_holiday_kind(""));
    ck_assert(!cp_holiday_kind(NULL));
}
END_TEST

START_TEST(names)
{
    char out[CP_HOLIDAY_NAME_BYTES + 1], long_name[200];

    ck_assert(cp_holiday_name("  国庆节 ", out, sizeof out));
    ck_assert_str_eq(out, "国庆节");
    ck_assert(cp_holiday_name(NULL, out, sizeof out));
    ck_assert_str_eq(out, "");
    ck_assert(cp_holiday_name("   ", out, sizeof out));
    ck_assert_str_eq(out, "");
    ck_assert(!cp_holiday_name("国庆\n节", out, sizeof out));
    ck_assert(!cp_holiday_name("a\tb", out, sizeof out));
    /* 64 characters of three bytes fit, 65 do not */
    long_name[0] = '\0';
    for (int i = 0; i < 64; i++)
        strcat(long_name, "节");
    ck_assert(cp_holiday_name(long_name, out, sizeof out));
    ck_assert_int_eq(strlen(out), 192);
    strcat(long_name, "节");
    ck_assert(!cp_holiday_name(long_name, out, sizeof out));
    /* a buffer too small for the longest name is refused outright */
    ck_assert(!cp_holiday_name("x", out, 16));
}
END_TEST

Suite *complaints_holiday_suite(void)
{
    Suite *s = suite_create("complaints_holiday");
    TCase *tc = tcase_create("form");
    tcase_add_test(tc, days);
    tcase_add_test(tc, kinds);
    tcase_add_test(tc, names);
    suite_add_tcase(s, tc);
    return s;
}
