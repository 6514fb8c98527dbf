/* holiday_check.h -- the holiday calendar form's validation, apart from
 * the database (unit-tested).  No kefu.h, no ClearSilver.
 *
 * A day is "YYYY-MM-DD", a real calendar date (leap years included) in
 * CP_HOLIDAY_YEAR_MIN..CP_HOLIDAY_YEAR_MAX: far enough either side of
 * any case a branch network has open, and the same bounds the page's
 * year selector keeps to.  A name is optional, at most
 * CP_HOLIDAY_NAME_MAX characters (complaint_holidays.name is
 * VARCHAR(64)), one line, surrounding spaces dropped.
 */
#ifndef KF_COMPLAINTS_HOLIDAY_CHECK_H
#define KF_COMPLAINTS_HOLIDAY_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#define CP_HOLIDAY_YEAR_MIN 2000
#define CP_HOLIDAY_YEAR_MAX 2100
#define CP_HOLIDAY_NAME_MAX 64
/* the most bytes a name of CP_HOLIDAY_NAME_MAX characters takes */
#define CP_HOLIDAY_NAME_BYTES (CP_HOLIDAY_NAME_MAX * 4)

/* whether s is "YYYY-MM-DD", a real date within the years; *year set */
bool cp_holiday_day(const char *s, int *year);
/* "holiday" (a day off) or "workday" (a make-up working day, 调休) */
bool cp_holiday_kind(const char *s);
/* Copies name without surrounding spaces into out (outlen >
 * CP_HOLIDAY_NAME_BYTES); NULL or blank gives "".  False when it has a
 * control character or more than CP_HOLIDAY_NAME_MAX characters (s is
 * already valid UTF-8: kf_req_text checked it). */
bool cp_holiday_name(const char *s, char *out, size_t outlen);

#endif
