/* clock.c -- pausing the clock while waiting on the customer.
 *
 *   POST /complaints/:ref/pause    reason required; the case must be open
 *                                  and running (409 otherwise)
 *   POST /complaints/:ref/resume   optional note; the paused time is
 *                                  added to paused_seconds and pushes
 *                                  both due times later by as much
 *
 * Both go on the timeline with who and why, and into the audit log.
 * While paused the case is never counted overdue (case page, lists,
 * panel, ledger all test paused_at IS NULL).  Closing a paused case
 * ends the pause (actions.c).
 */
#include <stdio.h>
#include "complaints.h"

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
    int64_t secs = -1;
    char after[96], text[160];
    cp_case c;
    int rc;

    if ((rc = cp_begin_case(req, &c, true)) != 0)
        return CP_ANSWER(rc);
    rc = kf_db_int(db, &secs, "SELECT GREATEST(0, TIMESTAMPDIFF(SECOND, paused_at, UTC_TIMESTAMP())) "
                   "FROM complaints WHERE id = ? AND paused_at IS NOT NULL", "i", c.id);
    if (rc < 0)
        return cp_fail(req);
    if (rc == 0)
        return cp_refuse_rb(req, 409, "not_paused");
    snprintf(after, sizeof after, "paused=0; paused_seconds+=%lld", (long long)secs);
    snprintf(text, sizeof text, "%lld:%02lld", (long long)(secs / 3600), (long long)(secs / 60 % 60));
    if (kf_db_exec(db, "UPDATE complaints SET paused_at = NULL, paused_seconds = paused_seconds + ?, "
                   "first_contact_due = first_contact_due + INTERVAL ? SECOND, "
                   "resolution_due = resolution_due + INTERVAL ? SECOND, updated_at = UTC_TIMESTAMP() "
                   "WHERE id = ?", "iiii", secs, secs, secs, c.id) != 0 ||
        cp_event(req, c.id, "resume", NULL, NULL, -1, note && *note ? note : text) != 0 ||
        kf_audit(req, "complaint.resume", "complaint", c.ref, "paused=1", after) != 0)
        return cp_fail(req);
    return cp_finish(req, &c, "complaints.flash.resumed");
}
