/* actions.c -- the POST actions on one case.
 *
 *   /step          advance (field "to", default the next step) with a note;
 *                  dept_decided takes handling_dept_id, feedback_collected
 *                  takes satisfaction 1..5, closed takes root_cause and
 *                  improvement (and reasonable); the workflow (workflow.c)
 *                  decides, a refusal answers 409 and changes nothing
 *   /reply         a reply to the customer into the ledger (百分百回复)
 *   /handover      to an active staff member of a department in scope;
 *                  the first responder stays, the case moves to the new
 *                  owner's department
 *   /compensation  remedy + amount (+ basis); above the limit or on an
 *                  abnormal case it waits for a manager's approval
 *   /approve       a manager other than the proposer approves
 *                  (decision=reject: any manager rejects, the proposer too)
 *   /abnormal      flag as abnormal complaint with its signs
 *   /reopen        a manager reopens a closed case, with a reason
 *
 * Each action: one transaction, the case row locked FOR UPDATE, a
 * timeline event and an audit entry, then 303 back to the case.  Only
 * the owner or a manager may act (403); out of scope is 404.
 */
#include <stdio.h>
#include <string.h>
#include "complaints.h"

/* Begins, locks the case; 0 ready, else the status to return (through
 * ANSWER).  The acting user's row is share-locked first: the action's
 * timeline event and audit line take that lock anyway (their foreign
 * keys), but only after the case's UPDATE has locked its scope rows,
 * while renaming a user locks the user's row and then, through its
 * trigger, the scope rows of the user's cases
 * (sql/complaints/018_scope_owner_name.sql).  Taken the other way round,
 * an owner acting on a case during their rename deadlocked. */
int cp_begin_case(kf_req *req, cp_case *c, bool need_open)
{
    int64_t me;
    int rc;

    if (kf_db_begin(kf_req_db(req)) != 0)
        return KF_FAIL;
    rc = kf_db_int(kf_req_db(req), &me, "SELECT id FROM users WHERE id = ? LOCK IN SHARE MODE",
                   "i", kf_req_user(req)->id) != 1 ? -1 : cp_case_load(req, c, true);
    if (rc == 1 && !cp_may_act(req, c))
        rc = 403;
    else if (rc == 1 && need_open && !cp_open(c->step))
        rc = 409;
    else if (rc == 1)
        return 0;
    kf_db_rollback(kf_req_db(req));
    if (rc == 0)
        return 404;
    if (rc == 409)
        return cp_refuse(req, 409, "closed") == KF_DONE ? CP_ANSWERED : KF_FAIL;
    return rc < 0 ? KF_FAIL : rc;
}

/* commits and goes back to the case page with a flash */
int cp_finish(kf_req *req, const cp_case *c, const char *flash)
{
    char path[64];
    if (kf_db_commit(kf_req_db(req)) != 0) {
        kf_db_rollback(kf_req_db(req));
        return KF_FAIL;
    }
    kf_flash(req, flash);
    snprintf(path, sizeof path, "/complaints/%s", c->ref);
    return kf_resp_redirect(req, path);
}

int cp_fail(kf_req *req)
{
    kf_db_rollback(kf_req_db(req));
    return KF_FAIL;
}

int cp_refuse_rb(kf_req *req, int status, const char *reason)
{
    kf_db_rollback(kf_req_db(req));
    return cp_refuse(req, status, reason);
}

static const char *opt_text(kf_req *req, const char *name)
{
    const char *v = kf_req_text(req, name, CP_TEXT_MAX);
    return v && *v ? v : NULL;
}

int cp_act_step(kf_req *req)
{
    kf_db *db = kf_req_db(req);
    const kf_user *u = kf_req_user(req);
    const char *to_name = kf_req_field(req, "to");
    const char *note = opt_text(req, "note");
    const char *root = opt_text(req, "root_cause");
    const char *impr = opt_text(req, "improvement");
    const char *reasonable = kf_req_field(req, "reasonable");
    long long sat = 0, hdept = 0;
    int64_t hset = 0, paused = 0;
    cp_case c;
    cp_move m;
    enum cp_verdict v;
    char before[64], after[64];
    int rc, to;

    if (kf_req_text(req, "note", CP_TEXT_MAX) == NULL && kf_req_field(req, "note"))
        return 400;
    if ((rc = cp_begin_case(req, &c, false)) != 0)
        return CP_ANSWER(rc);
    to = to_name && *to_name ? cp_step_parse(to_name) : cp_step_next(c.step);
    if (to < 0)
        return cp_refuse_rb(req, 409, "illegal");
    if (!kf_req_int(req, "satisfaction", 1, 5, &sat))
        sat = 0;
    m = (cp_move){ .from = c.step, .to = (enum cp_step)to, .manager = u->role == KF_ROLE_MANAGER,
                   .abnormal = c.abnormal, .replies = c.replies, .root_cause = root != NULL,
                   .improvement = impr != NULL, .satisfaction = (int)sat, .reason = note != NULL,
                   .pending_comp = c.pending_comp };
    if (c.step == CP_CLOSED)
        return cp_refuse_rb(req, 409, "use_reopen");
    v = cp_check(&m);
    if (v != CP_OK)
        return cp_refuse_rb(req, 409, cp_verdict_name(v));

    switch ((enum cp_step)to) {
    case CP_DEPT_DECIDED:
        if (!kf_req_int(req, "handling_dept_id", 1, INT64_MAX, &hdept))
            return cp_refuse_rb(req, 400, "invalid");
        rc = kf_db_exec(db, "UPDATE complaints SET step = 'dept_decided', handling_dept_id = "
                        "(SELECT id FROM departments WHERE id = ? AND active = 1), "
                        "updated_at = UTC_TIMESTAMP() WHERE id = ?", "ii", (int64_t)hdept, c.id);
        break;
    case CP_FEEDBACK_COLLECTED:
        rc = kf_db_exec(db, "UPDATE complaints SET step = 'feedback_collected', satisfaction = ?, "
                        "updated_at = UTC_TIMESTAMP() WHERE id = ?", "ii", (int64_t)sat, c.id);
        break;
    case CP_CLOSED:
        /* closing ends a pause: its length counted as resume would count it */
        if (cp_pause_length(req, c.id, &paused) < 0)
            return cp_fail(req);
        rc = kf_db_exec(db, "UPDATE complaints SET step = 'closed', root_cause = ?, improvement = ?, "
                        "reasonable = ?, closed_at = UTC_TIMESTAMP(), updated_at = UTC_TIMESTAMP(), "
                        "paused_seconds = paused_seconds + ?, paused_at = NULL "
                        "WHERE id = ?", "ssIii", root, impr,
                        (int64_t)(reasonable && strcmp(reasonable, "1") == 0 ? 1 :
                                  reasonable && strcmp(reasonable, "0") == 0 ? 0 : -1), paused, c.id);
        break;
    default:
        rc = kf_db_exec(db, "UPDATE complaints SET step = ?, updated_at = UTC_TIMESTAMP() "
                        "WHERE id = ?", "si", cp_step_name((enum cp_step)to), c.id);
        break;
    }
    if (rc != 0)
        return cp_fail(req);
    if (to == CP_DEPT_DECIDED &&
        (kf_db_int(db, &hset, "SELECT COUNT(*) FROM complaints WHERE id = ? AND handling_dept_id "
                   "IS NOT NULL", "i", c.id) != 1 || hset == 0))
        return cp_refuse_rb(req, 400, "invalid");
    snprintf(before, sizeof before, "step=%s", cp_step_name(c.step));
    snprintf(after, sizeof after, "step=%s", cp_step_name((enum cp_step)to));
    if (cp_event(req, c.id, "step", cp_step_name(c.step), cp_step_name((enum cp_step)to), -1,
                 to == CP_CLOSED && root ? root : note) != 0 ||
        kf_audit(req, "complaint.step", "complaint", c.ref, before, after) != 0)
        return cp_fail(req);
    return cp_finish(req, &c, "complaints.flash.stepped");
}

int cp_act_reply(kf_req *req)
{
    kf_db *db = kf_req_db(req);
    const char *channel = kf_req_field(req, "channel");
    const char *text = opt_text(req, "text");
    char after[64];
    cp_case c;
    int rc;

    if (!cp_in(cp_channels, channel) || text == NULL)
        return 400;
    if ((rc = cp_begin_case(req, &c, true)) != 0)
        return CP_ANSWER(rc);
    snprintf(after, sizeof after, "replies=%d; channel=%s", c.replies + 1, channel);
    if (kf_db_exec(db, "INSERT INTO complaint_replies (complaint_id, at, user_id, channel, text) "
                   "VALUES (?, UTC_TIMESTAMP(), ?, ?, ?)", "iiss", c.id, kf_req_user(req)->id,
                   channel, text) != 0 ||
        kf_db_exec(db, "UPDATE complaints SET reply_count = reply_count + 1, first_contact_at = "
                   "COALESCE(first_contact_at, UTC_TIMESTAMP()), updated_at = UTC_TIMESTAMP() "
                   "WHERE id = ?", "i", c.id) != 0 ||
        cp_event(req, c.id, "reply", NULL, NULL, -1, text) != 0 ||
        kf_audit(req, "complaint.reply", "complaint", c.ref, NULL, after) != 0)
        return cp_fail(req);
    return cp_finish(req, &c, "complaints.flash.replied");
}

int cp_act_handover(kf_req *req)
{
    kf_db *db = kf_req_db(req);
    const char *note = opt_text(req, "note");
    long long to_user;
    int64_t dept_id = 0;
    char before[64], after[64];
    cp_case c;
    kf_stmt *st;
    int rc;

    if (!kf_req_int(req, "to_user", 1, INT64_MAX, &to_user))
        return 400;
    if ((rc = cp_begin_case(req, &c, true)) != 0)
        return CP_ANSWER(rc);
    if (to_user == c.owner_id)
        return cp_refuse_rb(req, 409, "same_owner");
    st = kf_db_query(db, "SELECT u.dept_id, d.path FROM users u JOIN departments d ON d.id = u.dept_id "
                     "WHERE u.id = ? AND u.active = 1 AND d.active = 1 "
                     "AND u.role IN ('employee', 'manager') AND d.path LIKE CONCAT(?, '%')",
                     "is", (int64_t)to_user, kf_scope_path(req));
    if (st == NULL)
        return cp_fail(req);
    rc = kf_stmt_next(st);
    if (rc == 1) {
        dept_id = kf_stmt_int(st, 0);
        rc = kf_db_exec(db, "UPDATE complaints SET owner_id = ?, dept_id = ?, dept_path = ?, "
                        "updated_at = UTC_TIMESTAMP() WHERE id = ?", "iisi", (int64_t)to_user,
                        dept_id, kf_stmt_str(st, 1), c.id) == 0 ? 1 : -1;
    }
    kf_stmt_close(st);
    if (rc < 0)
        return cp_fail(req);
    if (rc == 0)
        return cp_refuse_rb(req, 400, "invalid");
    snprintf(before, sizeof before, "owner=%lld", (long long)c.owner_id);
    snprintf(after, sizeof after, "owner=%lld; dept=%lld", to_user, (long long)dept_id);
    if (cp_event(req, c.id, "handover", NULL, NULL, (int64_t)to_user, note) != 0 ||
        kf_audit(req, "complaint.handover", "complaint", c.ref, before, after) != 0)
        return cp_fail(req);
    return cp_finish(req, &c, "complaints.flash.handed_over");
}

int cp_act_compensation(kf_req *req)
{
    kf_db *db = kf_req_db(req);
    const char *remedy = kf_req_field(req, "remedy");
    const char *basis = kf_req_text(req, "basis", 255);
    const char *amount_s = kf_req_field(req, "amount");
    int64_t cents = 0;
    bool pending;
    char amount[32], after[128];
    cp_case c;
    int rc;

    if (!cp_in(cp_remedies, remedy))
        return 400;
    if (amount_s && *amount_s == '\0')
        amount_s = "0";
    if (!cp_parse_amount(amount_s ? amount_s : "0", 1000000000LL, &cents))
        return 400;
    if ((rc = cp_begin_case(req, &c, true)) != 0)
        return CP_ANSWER(rc);
    pending = cp_comp_needs_approval(cents, cp_comp_limit(), c.abnormal);
    snprintf(amount, sizeof amount, "%lld.%02lld", (long long)(cents / 100), (long long)(cents % 100));
    snprintf(after, sizeof after, "remedy=%s; amount=%s; status=%s", remedy, amount,
             pending ? "pending" : "approved");
    if (pending)
        rc = kf_db_exec(db, "INSERT INTO complaint_compensations (complaint_id, remedy, amount, "
                        "basis, status, proposed_by, proposed_at) "
                        "VALUES (?, ?, ?, ?, 'pending', ?, UTC_TIMESTAMP())",
                        "isssi", c.id, remedy, amount, basis && *basis ? basis : NULL,
                        kf_req_user(req)->id);
    else
        rc = kf_db_exec(db, "INSERT INTO complaint_compensations (complaint_id, remedy, amount, "
                        "basis, status, proposed_by, proposed_at, approved_by, approved_at) "
                        "VALUES (?, ?, ?, ?, 'approved', ?, UTC_TIMESTAMP(), ?, UTC_TIMESTAMP())",
                        "isssii", c.id, remedy, amount, basis && *basis ? basis : NULL,
                        kf_req_user(req)->id, kf_req_user(req)->id);
    if (rc != 0 || cp_event(req, c.id, "compensation", NULL, NULL, -1, after) != 0 ||
        kf_audit(req, "complaint.compensation", "complaint", c.ref, NULL, after) != 0)
        return cp_fail(req);
    return cp_finish(req, &c, pending ? "complaints.flash.comp_pending" : "complaints.flash.comp_granted");
}

int cp_act_approve(kf_req *req)
{
    kf_db *db = kf_req_db(req);
    const kf_user *u = kf_req_user(req);
    const char *decision = kf_req_field(req, "decision");
    bool reject = decision && strcmp(decision, "reject") == 0;
    long long comp_id;
    int64_t proposer = 0;
    char obj[96];
    cp_case c;
    int rc;

    if (!kf_req_int(req, "comp_id", 1, INT64_MAX, &comp_id))
        return 400;
    if ((rc = cp_begin_case(req, &c, true)) != 0)
        return CP_ANSWER(rc);
    rc = kf_db_int(db, &proposer, "SELECT proposed_by FROM complaint_compensations WHERE id = ? "
                   "AND complaint_id = ? AND status = 'pending' FOR UPDATE", "ii",
                   (int64_t)comp_id, c.id);
    if (rc < 0)
        return cp_fail(req);
    if (rc == 0)
        return cp_refuse_rb(req, 409, "not_pending");
    if (!reject && !cp_comp_may_approve(u->role == KF_ROLE_MANAGER, u->id, proposer))
        return cp_refuse_rb(req, 409, "own_proposal");
    snprintf(obj, sizeof obj, "compensation=%lld; status=%s", comp_id, reject ? "rejected" : "approved");
    if (reject)
        rc = kf_db_exec(db, "UPDATE complaint_compensations SET status = 'rejected', approved_by = ?, "
                        "approved_at = UTC_TIMESTAMP() WHERE id = ?", "ii", u->id, (int64_t)comp_id);
    else
        rc = kf_db_exec(db, "UPDATE complaint_compensations SET status = 'approved', approved_by = ?, "
                        "approved_at = UTC_TIMESTAMP() WHERE id = ?", "ii", u->id, (int64_t)comp_id);
    if (rc != 0 || cp_event(req, c.id, reject ? "reject" : "approve", NULL, NULL, -1, obj) != 0 ||
        kf_audit(req, reject ? "complaint.reject" : "complaint.approve", "complaint", c.ref,
                 "status=pending", obj) != 0)
        return cp_fail(req);
    return cp_finish(req, &c, reject ? "complaints.flash.rejected" : "complaints.flash.approved");
}

int cp_act_abnormal(kf_req *req)
{
    kf_db *db = kf_req_db(req);
    const char *note = opt_text(req, "note");
    char signs[256] = "", key[64], after[300];
    size_t len = 0;
    cp_case c;
    int rc;

    for (int i = 0; cp_abnormal_signs[i]; i++) {
        const char *v;
        snprintf(key, sizeof key, "sign_%s", cp_abnormal_signs[i]);
        v = kf_req_field(req, key);
        if (v && *v && len + strlen(cp_abnormal_signs[i]) + 2 < sizeof signs)
            len += (size_t)snprintf(signs + len, sizeof signs - len, "%s%s", len ? "," : "",
                                    cp_abnormal_signs[i]);
    }
    if (len == 0)
        return 400;
    if ((rc = cp_begin_case(req, &c, true)) != 0)
        return CP_ANSWER(rc);
    snprintf(after, sizeof after, "abnormal=1; signs=%s", signs);
    if (kf_db_exec(db, "UPDATE complaints SET abnormal = 1, abnormal_signs = ?, "
                   "updated_at = UTC_TIMESTAMP() WHERE id = ?", "si", signs, c.id) != 0 ||
        cp_event(req, c.id, "abnormal", NULL, NULL, -1, note ? note : signs) != 0 ||
        kf_audit(req, "complaint.abnormal", "complaint", c.ref, c.abnormal ? "abnormal=1" : "abnormal=0",
                 after) != 0)
        return cp_fail(req);
    return cp_finish(req, &c, "complaints.flash.flagged");
}

int cp_act_reopen(kf_req *req)
{
    kf_db *db = kf_req_db(req);
    const char *reason = opt_text(req, "reason");
    cp_case c;
    cp_move m;
    enum cp_verdict v;
    int rc;

    if ((rc = cp_begin_case(req, &c, false)) != 0)
        return CP_ANSWER(rc);
    m = (cp_move){ .from = c.step, .to = CP_RECORDED,
                   .manager = kf_req_user(req)->role == KF_ROLE_MANAGER, .reason = reason != NULL };
    v = cp_check(&m);
    if (v != CP_OK)
        return cp_refuse_rb(req, 409, cp_verdict_name(v));
    if (kf_db_exec(db, "UPDATE complaints SET step = 'recorded', closed_at = NULL, "
                   "updated_at = UTC_TIMESTAMP() WHERE id = ?", "i", c.id) != 0 ||
        cp_event(req, c.id, "reopen", "closed", "recorded", -1, reason) != 0 ||
        kf_audit(req, "complaint.reopen", "complaint", c.ref, "step=closed", "step=recorded") != 0)
        return cp_fail(req);
    return cp_finish(req, &c, "complaints.flash.reopened");
}
