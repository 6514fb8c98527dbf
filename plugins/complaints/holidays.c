/* holidays.c -- the working clock's calendar (complaint_holidays).
 *
 *   GET  /complaints/holidays?year=YYYY  the year's days that differ from
 *                                        Monday-Friday, in date order
 *   POST /complaints/holidays            day, kind, name: adds the day, or
 *                                        changes it when it is there already
 *   POST /complaints/holidays/delete     day: removes it
 *
 * The calendar has no department: it is the organisation's, so only
 * admins change it.  Managers may read it (their cases' due times follow
 * it); employees and auditors do not get the page.  A change counts for
 * due times computed afterwards (intake, resuming a paused case, the
 * case page's paused working time); due times already set stay.  Every
 * change is audited with before and after; bad input answers 400 with
 * the page and a sentence, and stores nothing.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "complaints.h"
#include "holiday_check.h"

#define HERE "/complaints/holidays"

/* this year in local time, kept within the bounds the page accepts */
static int this_year(void)
{
    time_t t = time(NULL) + (time_t)cp_tz_offset_min() * 60;
    struct tm tm;
    int y;

    gmtime_r(&t, &tm);
    y = tm.tm_year + 1900;
    return y < CP_HOLIDAY_YEAR_MIN ? CP_HOLIDAY_YEAR_MIN : y > CP_HOLIDAY_YEAR_MAX ? CP_HOLIDAY_YEAR_MAX : y;
}

/* Renders the year's calendar; with error (a key under
 * complaints.holidays.error) the answer has that status. */
static int page(kf_req *req, int year, int status, const char *error)
{
    kf_db *db = kf_req_db(req);
    HDF *hdf = kf_req_hdf(req);
    char from[24], to[24];   /* room for any int: the compiler cannot see the year bounds */

    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(to, sizeof to, "%04d-01-01", year + 1);
    if (kf_db_rows_to_hdf(db, hdf, "Holidays.rows",
            "SELECT DATE_FORMAT(day, '%Y-%m-%d') AS day, WEEKDAY(day) AS wday, kind, name "
            "FROM complaint_holidays WHERE day >= ? AND day < ? ORDER BY day LIMIT 400",
            "ss", from, to) < 0 ||
        kf_db_rows_to_hdf(db, hdf, "Holidays.years",
            "SELECT DISTINCT YEAR(day) AS year FROM complaint_holidays ORDER BY year LIMIT 200",
            "") < 0)
        return KF_FAIL;
    kf_set_int(hdf, "Holidays.year", year);
    kf_set_int(hdf, "Holidays.min", CP_HOLIDAY_YEAR_MIN);
    kf_set_int(hdf, "Holidays.max", CP_HOLIDAY_YEAR_MAX);
    if (year > CP_HOLIDAY_YEAR_MIN)
        kf_set_int(hdf, "Holidays.prev", year - 1);
    if (year < CP_HOLIDAY_YEAR_MAX)
        kf_set_int(hdf, "Holidays.next", year + 1);
    kf_set_int(hdf, "Holidays.editable", kf_req_user(req)->role == KF_ROLE_ADMIN);
    kf_set(hdf, "Holidays.clock", cp_clock_working() ? "working" : "calendar");
    if (error) {
        kf_resp_status(req, status);
        kf_set(hdf, "Holidays.error", error);
    }
    return kf_render(req, "complaints/holidays.cs", "complaints.holidays.title");
}

int cp_holidays(kf_req *req)
{
    long long year;

    if (kf_req_field(req, "year") == NULL)
        return page(req, this_year(), 200, NULL);
    if (!kf_req_int(req, "year", CP_HOLIDAY_YEAR_MIN, CP_HOLIDAY_YEAR_MAX, &year))
        return page(req, this_year(), 400, "year");
    return page(req, (int)year, 200, NULL);
}

/* The day's row, locked, as "kind=...; name=..." into desc:
 * 1 found, 0 not there, -1 error. */
static int day_get(kf_db *db, const char *day, char *desc, size_t len)
{
    kf_stmt *st = kf_db_query(db, "SELECT kind, name FROM complaint_holidays WHERE day = ? FOR UPDATE",
                              "s", day);
    int rc;

    if (st == NULL)
        return -1;
    rc = kf_stmt_next(st);
    if (rc == 1)
        snprintf(desc, len, "kind=%s; name=%s", kf_stmt_str(st, 0) ? kf_stmt_str(st, 0) : "",
                 kf_stmt_str(st, 1) ? kf_stmt_str(st, 1) : "");
    kf_stmt_close(st);
    return rc;
}

/* back to the day's year with a flash */
static int back(kf_req *req, int year, const char *flash)
{
    char where[48];

    kf_flash(req, flash);
    snprintf(where, sizeof where, HERE "?year=%d", year);
    return kf_resp_redirect(req, where);
}

/* commits, then back */
static int done(kf_req *req, int year, const char *flash)
{
    if (kf_db_commit(kf_req_db(req)) != 0) {
        kf_db_rollback(kf_req_db(req));
        return KF_FAIL;
    }
    return back(req, year, flash);
}

int cp_holiday_save(kf_req *req)
{
    kf_db *db = kf_req_db(req);
    const char *day = kf_req_text(req, "day", 10);
    const char *kind = kf_req_text(req, "kind", 16);
    const char *name_in = kf_req_text(req, "name", CP_HOLIDAY_NAME_BYTES);
    char name[CP_HOLIDAY_NAME_BYTES + 1], before[CP_HOLIDAY_NAME_BYTES + 32];
    char after[CP_HOLIDAY_NAME_BYTES + 32];
    int year, rc;

    if (!cp_holiday_day(day, &year))
        return page(req, this_year(), 400, "day");
    if (!cp_holiday_kind(kind))
        return page(req, year, 400, "kind");
    /* present but not text within the bound, or a control character in it */
    if ((name_in == NULL && kf_req_field(req, "name") != NULL) ||
        !cp_holiday_name(name_in, name, sizeof name))
        return page(req, year, 400, "name");
    snprintf(after, sizeof after, "kind=%s; name=%s", kind, name);
    if (kf_db_begin(db) != 0)
        return KF_FAIL;
    if ((rc = day_get(db, day, before, sizeof before)) < 0)
        goto fail;
    if (rc == 1 && strcmp(before, after) == 0) {   /* the same again: nothing to record */
        kf_db_rollback(db);
        return back(req, year, "complaints.flash.holiday_saved");
    }
    /* a day already there is changed, not refused (the key is the day) */
    if (kf_db_exec(db, "INSERT INTO complaint_holidays (day, kind, name) VALUES (?, ?, ?) "
                   "ON DUPLICATE KEY UPDATE kind = VALUES(kind), name = VALUES(name)",
                   "sss", day, kind, *name ? name : NULL) != 0 ||
        kf_audit(req, rc == 1 ? "complaint.holiday.change" : "complaint.holiday.add", "holiday", day,
                 rc == 1 ? before : NULL, after) != 0)
        goto fail;
    return done(req, year, "complaints.flash.holiday_saved");
fail:
    kf_db_rollback(db);
    return KF_FAIL;
}

int cp_holiday_delete(kf_req *req)
{
    kf_db *db = kf_req_db(req);
    const char *day = kf_req_text(req, "day", 10);
    char before[CP_HOLIDAY_NAME_BYTES + 32];
    int year, rc;

    if (!cp_holiday_day(day, &year))
        return page(req, this_year(), 400, "day");
    if (kf_db_begin(db) != 0)
        return KF_FAIL;
    if ((rc = day_get(db, day, before, sizeof before)) < 0)
        goto fail;
    if (rc == 0) {
        kf_db_rollback(db);
        return page(req, year, 404, "unknown");
    }
    if (kf_db_exec(db, "DELETE FROM complaint_holidays WHERE day = ?", "s", day) != 0 ||
        kf_audit(req, "complaint.holiday.delete", "holiday", day, before, NULL) != 0)
        goto fail;
    return done(req, year, "complaints.flash.holiday_deleted");
fail:
    kf_db_rollback(db);
    return KF_FAIL;
}
