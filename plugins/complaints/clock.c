/* clock.c -- pausing the clock while waiting on the customer.
 *
 *   POST /complaints/:ref/pause    reason required; the case must be open
 *                                  and running (409 otherwise)
 *   POST /complaints/:ref/resume   optional note; the paused time is
 *                                  added to paused_seconds and pushes
 *                                  both due times later by as much
 *
 * "The paused time" is counted by the case's clock.  Calendar clock: the
 * seconds that passed.  Working clock (Clock = working): only the working
 * time that passed, and the due times move over the working calendar
 * (deadline.c), so a pause over a weekend moves nothing and a pause over
 * two working hours moves them two working hours.  paused_seconds is in
 * the same unit, so the case page's total is what moved the due times.
 *
 * Both go on the timeline with who and why, and into the audit log.
 * While paused the case is never counted overdue (case page, lists,
 * panel, ledger all test paused_at IS NULL).  Closing or merging a
 * paused case ends the pause (actions.c, merge.c, with cp_pause_length).
 */
#include <stdio.h>
#include "complaints.h"

/* a paused case's clock facts, UTC seconds */
typedef struct pause_facts {
    time_t since, now, fc_due, res_due;
} pause_facts;

/* 1 paused, 0 not paused, -1 error */
static int pause_read(kf_req *req, int64_t case_id, pause_facts *p)
{
    kf_stmt *st = kf_db_query(kf_req_db(req),
        "SELECT UNIX_TIMESTAMP(paused_at), UNIX_TIMESTAMP(UTC_TIMESTAMP()), "
        "UNIX_TIMESTAMP(first_contact_due), UNIX_TIMESTAMP(resolution_due) "
        "FROM complaints WHERE id = ? AND paused_at IS NOT NULL", "i", case_id);
    int rc;

    if (st == NULL)
        return -1;
    rc = kf_stmt_next(st);
    if (rc == 1)
        *p = (pause_facts){ .since = (time_t)kf_stmt_int(st, 0), .now = (time_t)kf_stmt_int(st, 1),
                            .fc_due = (time_t)kf_stmt_int(st, 2),
                            .res_due = (time_t)kf_stmt_int(st, 3) };
    kf_stmt_close(st);
    return rc;
}

/* What the pause moves: *secs of the clock's time and the due times
 * pushed by it.  A working calendar without working time falls back to
 * calendar time, as due.c does for new cases.  0 or -1. */
static int pause_push(kf_req *req, const pause_facts *p, int64_t *secs, time_t *fc, time_t *res)
{
    long long wall = p->now > p->since ? (long long)(p->now - p->since) : 0, w;
    time_t last = p->now, a, b;
    cp_calendar cal;

    *secs = wall;
    *fc = p->fc_due + wall;
    *res = p->res_due + wall;
    if (!cp_clock_working())
        return 0;
    if (p->fc_due > last)
        last = p->fc_due;
    if (p->res_due > last)
        last = p->res_due;
    /* pushed by at most the pause, plus room for the weekends and holidays on the way */
    if (cp_calendar_load(req, p->since, last + wall + 400 * 86400L, &cal) != 0)
        return -1;
    w = cp_working_seconds(p->since, p->now, &cal);
    a = cp_working_add(p->fc_due, w, &cal);
    b = cp_working_add(p->res_due, w, &cal);
    if (a == (time_t)-1 || b == (time_t)-1)
        return 0;
    *secs = w;
    *fc = a;
    *res = b;
    return 0;
}

int cp_pause_length(kf_req *req, int64_t case_id, int64_t *secs)
{
    pause_facts p;
    time_t fc, res;
    int rc = pause_read(req, case_id, &p);

    *secs = 0;
    if (rc != 1)
        return rc;
    return pause_push(req, &p, secs, &fc, &res) == 0 ? 1 : -1;
}

int cp_act_pause(kf_req *req)
{
    kf_db *db = kf_req_db(req);
    const char *reason = kf_req_text(req, "reason", CP_TEXT_MAX);
    int64_t paused = 0;
    cp_case c;
    int rc;

    if ((rc = cp_begin_case(req, &c, true)) != 0)
        return CP_ANSWER(rc);
    if (reason == NULL || *reason == '\0')
        return cp_refuse_rb(req, 409, "need_reason");
    if (kf_db_int(db, &paused, "SELECT paused_at IS NOT NULL FROM complaints WHERE id = ?",
                  "i", c.id) != 1)
        return cp_fail(req);
    if (paused)
        return cp_refuse_rb(req, 409, "already_paused");
    if (kf_db_exec(db, "UPDATE complaints SET paused_at = UTC_TIMESTAMP(), updated_at = UTC_TIMESTAMP() "
                   "WHERE id = ?", "i", c.id) != 0 ||
        cp_event(req, c.id, "pause", NULL, NULL, -1, reason) != 0 ||
        kf_audit(req, "complaint.pause", "complaint", c.ref, "paused=0", "paused=1") != 0)
        return cp_fail(req);
    return cp_finish(req, &c, "complaints.flash.paused");
}

int cp_act_resume(kf_req *req)
{
    kf_db *db = kf_req_db(req);
    const char *note = kf_req_text(req, "note", CP_TEXT_MAX);
    bool working = cp_clock_working();
    int64_t secs = 0;
    char before[128], after[192], text[160], fc0[20], res0[20], fc[20], res[20];
    pause_facts p;
    time_t fc_t, res_t;
    cp_case c;
    int rc;

    if ((rc = cp_begin_case(req, &c, true)) != 0)
        return CP_ANSWER(rc);
    rc = pause_read(req, c.id, &p);
    if (rc < 0)
        return cp_fail(req);
    if (rc == 0)
        return cp_refuse_rb(req, 409, "not_paused");
    if (pause_push(req, &p, &secs, &fc_t, &res_t) != 0)
        return cp_fail(req);
    cp_time_fmt(p.fc_due, fc0);
    cp_time_fmt(p.res_due, res0);
    cp_time_fmt(fc_t, fc);
    cp_time_fmt(res_t, res);
    snprintf(before, sizeof before, "paused=1; first_contact_due=%s; resolution_due=%s", fc0, res0);
    snprintf(after, sizeof after, "paused=0; paused_seconds+=%lld%s; first_contact_due=%s; "
             "resolution_due=%s", (long long)secs, working ? " (working)" : "", fc, res);
    snprintf(text, sizeof text, "%lld:%02lld", (long long)(secs / 3600), (long long)(secs / 60 % 60));
    if (kf_db_exec(db, "UPDATE complaints SET paused_at = NULL, paused_seconds = paused_seconds + ?, "
                   "first_contact_due = ?, resolution_due = ?, updated_at = UTC_TIMESTAMP() "
                   "WHERE id = ?", "issi", secs, fc, res, c.id) != 0 ||
        cp_event(req, c.id, "resume", NULL, NULL, -1, note && *note ? note : text) != 0 ||
        kf_audit(req, "complaint.resume", "complaint", c.ref, before, after) != 0)
        return cp_fail(req);
    return cp_finish(req, &c, working ? "complaints.flash.resumed_working" : "complaints.flash.resumed");
}
