/* merge.c -- merging a duplicate case into another and linking related
 * cases.
 *
 *   POST /complaints/:ref/merge   field "target": a reference in the
 *                                 user's scope, open, not this case.  This
 *                                 case closes with merged_into pointing at
 *                                 the target; both timelines get an event.
 *                                 An abnormal case is merged by a manager.
 *   POST /complaints/:ref/link    field "target": a reference in scope;
 *                                 each case then lists the other as related
 *
 * Both cases are locked FOR UPDATE in one transaction, the audit entry
 * names both.  An unknown or out-of-scope target is refused the same way
 * (400 "target_unknown"), so nothing about other departments leaks.
 */
#include <stdio.h>
#include <string.h>
#include "complaints.h"

/* the target case's id and step, locked; 1 found, 0 not in scope, -1 error */
static int load_target(kf_req *req, const char *ref, int64_t *id, bool *closed, bool *merged)
{
    kf_stmt *st = kf_db_query(kf_req_db(req),
        "SELECT id, step = 'closed', merged_into IS NOT NULL FROM complaints "
        "WHERE reference = ? AND dept_path LIKE CONCAT(?, '%') FOR UPDATE",
        "ss", ref, kf_scope_path(req));
    int rc;

    if (st == NULL)
        return -1;
    rc = kf_stmt_next(st);
    if (rc == 1) {
        *id = kf_stmt_int(st, 0);
        *closed = kf_stmt_int(st, 1) != 0;
        *merged = kf_stmt_int(st, 2) != 0;
    }
    kf_stmt_close(st);
    return rc;
}

/* begins, locks this case and the target; 0 ready, else what to return */
static int begin_pair(kf_req *req, cp_case *c, const char **target, int64_t *tid, bool *tclosed,
                      bool need_open)
{
    bool merged = false;
    int rc;

    *target = kf_req_field(req, "target");
    if (*target)
        *target += strspn(*target, " ");
    if (!cp_ref_valid(*target))
        return cp_refuse(req, 400, "target_unknown") == KF_DONE ? CP_ANSWERED : KF_FAIL;
    if ((rc = cp_begin_case(req, c, need_open)) != 0)
        return rc;
    if (strcmp(*target, c->ref) == 0)
        return cp_refuse_rb(req, 409, "same_case") == KF_DONE ? CP_ANSWERED : KF_FAIL;
    rc = load_target(req, *target, tid, tclosed, &merged);
    if (rc < 0)
        return cp_fail(req);
    if (rc == 0)
        return cp_refuse_rb(req, 400, "target_unknown") == KF_DONE ? CP_ANSWERED : KF_FAIL;
    return 0;
}

int cp_act_merge(kf_req *req)
{
    kf_db *db = kf_req_db(req);
    const char *target, *note = kf_req_text(req, "note", CP_TEXT_MAX);
    char before[64], after[96], text[CP_TEXT_MAX + 64];
    int64_t tid = 0, paused = 0;
    bool tclosed = false;
    cp_case c;
    int rc;

    if ((rc = begin_pair(req, &c, &target, &tid, &tclosed, true)) != 0)
        return CP_ANSWER(rc);
    if (tclosed)
        return cp_refuse_rb(req, 409, "target_closed");
    if (c.abnormal && kf_req_user(req)->role != KF_ROLE_MANAGER)
        return cp_refuse_rb(req, 409, "need_manager");
    snprintf(before, sizeof before, "step=%s", cp_step_name(c.step));
    snprintf(after, sizeof after, "step=closed; merged_into=%s", target);
    snprintf(text, sizeof text, "%s%s%s", target, note && *note ? ": " : "", note ? note : "");
    /* a merge closes the case: a pause ends, counted as resume would count it */
    if (cp_pause_length(req, c.id, &paused) < 0)
        return cp_fail(req);
    if (kf_db_exec(db, "UPDATE complaints SET step = 'closed', merged_into = ?, "
                   "closed_at = UTC_TIMESTAMP(), updated_at = UTC_TIMESTAMP(), "
                   "paused_seconds = paused_seconds + ?, paused_at = NULL "
                   "WHERE id = ?", "iii", tid, paused, c.id) != 0 ||
        cp_event(req, c.id, "merge", cp_step_name(c.step), "closed", -1, text) != 0 ||
        cp_event(req, tid, "merged_from", NULL, NULL, -1, c.ref) != 0 ||
        kf_audit(req, "complaint.merge", "complaint", c.ref, before, after) != 0)
        return cp_fail(req);
    return cp_finish(req, &c, "complaints.flash.merged");
}

int cp_act_link(kf_req *req)
{
    kf_db *db = kf_req_db(req);
    const char *target;
    char after[64];
    int64_t tid = 0, affected = 0;
    bool tclosed = false;
    cp_case c;
    int rc;

    if ((rc = begin_pair(req, &c, &target, &tid, &tclosed, false)) != 0)
        return CP_ANSWER(rc);
    if (kf_db_int(db, &affected, "SELECT COUNT(*) FROM complaint_links WHERE a_id = LEAST(?, ?) "
                  "AND b_id = GREATEST(?, ?)", "iiii", c.id, tid, c.id, tid) != 1)
        return cp_fail(req);
    if (affected)
        return cp_refuse_rb(req, 409, "already_linked");
    snprintf(after, sizeof after, "linked=%s", target);
    if (kf_db_exec(db, "INSERT INTO complaint_links (a_id, b_id, created_by, created_at) "
                   "VALUES (LEAST(?, ?), GREATEST(?, ?), ?, UTC_TIMESTAMP())",
                   "iiiii", c.id, tid, c.id, tid, kf_req_user(req)->id) != 0 ||
        cp_event(req, c.id, "link", NULL, NULL, -1, target) != 0 ||
        cp_event(req, tid, "link", NULL, NULL, -1, c.ref) != 0 ||
        kf_audit(req, "complaint.link", "complaint", c.ref, NULL, after) != 0)
        return cp_fail(req);
    return cp_finish(req, &c, "complaints.flash.linked");
}
