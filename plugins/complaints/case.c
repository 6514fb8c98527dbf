/* case.c -- GET /complaints/:ref: one case.
 *
 * Shows the five classifications, the customer, step, owner and first
 * responder, both due times with overdue marks, the timeline, the reply
 * ledger and compensations, the handling-guide prompt for the step, and
 * the forms for the actions the user may take now (the workflow decides
 * which; the POST handlers check again).  A case outside the user's
 * scope answers 404 exactly like a missing one.
 */
#include <stdlib.h>
#include <string.h>
#include "complaints.h"

/* Case.paused_minutes and Complaints.paused_total (h:mm): the time the
 * clock stood still, the current pause included, in the clock's own
 * time (working time in working mode: what moved the due times). */
static int paused_total(kf_req *req, HDF *hdf, int64_t case_id)
{
    long long pm = strtoll(hdf_get_value(hdf, "Case.paused_seconds", "0"), NULL, 10);
    int64_t now = 0;

    if (hdf_get_int_value(hdf, "Case.paused", 0) && cp_pause_length(req, case_id, &now) < 0)
        return -1;
    pm = (pm + now) / 60;
    kf_set_int(hdf, "Case.paused_minutes", pm);
    kf_setf(hdf, "Complaints.paused_total", "%lld:%02lld", pm / 60, pm % 60);
    kf_set(hdf, "Complaints.clock", cp_clock_working() ? "working" : "calendar");
    return 0;
}

int cp_case_page(kf_req *req)
{
    kf_db *db = kf_req_db(req);
    HDF *hdf = kf_req_hdf(req);
    const kf_user *u = kf_req_user(req);
    cp_case c;
    kf_stmt *st;
    int rc, next;

    rc = cp_case_load(req, &c, false);
    if (rc < 0)
        return KF_FAIL;
    if (rc == 0)
        return 404;
    st = kf_db_query(db,
        "SELECT c.reference, c.step, c.severity, c.cause, c.channel, c.behaviour, c.purpose, "
        "c.reasonable, c.description, c.customer_request, "
        "DATE_FORMAT(c.received_at, '%Y-%m-%d %H:%i') AS received_at, "
        "DATE_FORMAT(c.first_contact_due, '%Y-%m-%d %H:%i') AS first_contact_due, "
        "DATE_FORMAT(c.resolution_due, '%Y-%m-%d %H:%i') AS resolution_due, "
        "DATE_FORMAT(c.first_contact_at, '%Y-%m-%d %H:%i') AS first_contact_at, "
        "DATE_FORMAT(c.closed_at, '%Y-%m-%d %H:%i') AS closed_at, "
        "c.root_cause, c.improvement, c.satisfaction, c.abnormal, c.abnormal_signs, c.reply_count, "
        "cu.customer_no, cu.name AS customer_name, cu.phone AS customer_phone, "
        "o.display_name AS owner_name, f.display_name AS first_name, "
        "d.name_zh AS dept_zh, d.name_en AS dept_en, hd.name_zh AS hdept_zh, hd.name_en AS hdept_en, "
        "(c.step <> 'closed' AND c.paused_at IS NULL AND c.resolution_due < UTC_TIMESTAMP()) "
        "AS overdue_resolution, "
        "(c.first_contact_at IS NULL AND c.paused_at IS NULL AND c.first_contact_due < UTC_TIMESTAMP()) "
        "AS overdue_contact, "
        "(c.paused_at IS NOT NULL) AS paused, DATE_FORMAT(c.paused_at, '%Y-%m-%d %H:%i') AS paused_since, "
        "c.paused_seconds, "
        "(SELECT m.reference FROM complaints m WHERE m.id = c.merged_into) AS merged_into "
        "FROM complaints c JOIN customers cu ON cu.id = c.customer_id "
        "JOIN users o ON o.id = c.owner_id JOIN users f ON f.id = c.first_responder_id "
        "JOIN departments d ON d.id = c.dept_id "
        "LEFT JOIN departments hd ON hd.id = c.handling_dept_id WHERE c.id = ?",
        "i", c.id);
    if (st == NULL)
        return KF_FAIL;
    rc = kf_stmt_next(st);
    if (rc == 1 && kf_stmt_to_hdf(st, hdf, "Case") != 0)
        rc = -1;
    kf_stmt_close(st);
    if (rc != 1)
        return KF_FAIL;

    if (kf_db_rows_to_hdf(db, hdf, "Events",
            "SELECT DATE_FORMAT(e.at, '%Y-%m-%d %H:%i') AS at, u.display_name AS who, e.kind, "
            "e.from_step, e.to_step, t.display_name AS target, e.note FROM complaint_events e "
            "JOIN users u ON u.id = e.user_id LEFT JOIN users t ON t.id = e.target_user_id "
            "WHERE e.complaint_id = ? ORDER BY e.at, e.id", "i", c.id) < 0 ||
        kf_db_rows_to_hdf(db, hdf, "Replies",
            "SELECT DATE_FORMAT(r.at, '%Y-%m-%d %H:%i') AS at, u.display_name AS who, r.channel, r.text "
            "FROM complaint_replies r JOIN users u ON u.id = r.user_id "
            "WHERE r.complaint_id = ? ORDER BY r.at, r.id", "i", c.id) < 0 ||
        kf_db_rows_to_hdf(db, hdf, "Comps",
            "SELECT p.id, p.remedy, p.amount, p.basis, p.status, p.proposed_by, "
            "u.display_name AS proposer, DATE_FORMAT(p.proposed_at, '%Y-%m-%d %H:%i') AS proposed_at, "
            "a.display_name AS approver, DATE_FORMAT(p.approved_at, '%Y-%m-%d %H:%i') AS approved_at "
            "FROM complaint_compensations p JOIN users u ON u.id = p.proposed_by "
            "LEFT JOIN users a ON a.id = p.approved_by WHERE p.complaint_id = ? ORDER BY p.id",
            "i", c.id) < 0 ||
        kf_db_rows_to_hdf(db, hdf, "Attachments",
            "SELECT a.id, a.filename, a.content_type, a.size, u.display_name AS who, "
            "DATE_FORMAT(a.uploaded_at, '%Y-%m-%d %H:%i') AS at FROM complaint_attachments a "
            "JOIN users u ON u.id = a.uploaded_by WHERE a.complaint_id = ? ORDER BY a.id",
            "i", c.id) < 0 ||
        kf_db_rows_to_hdf(db, hdf, "Related",
            "SELECT r.reference, r.step FROM complaint_links l JOIN complaints r "
            "ON r.id = IF(l.a_id = ?, l.b_id, l.a_id) WHERE (l.a_id = ? OR l.b_id = ?) "
            "AND r.dept_path LIKE CONCAT(?, '%') ORDER BY r.reference LIMIT 100",
            "iiis", c.id, c.id, c.id, kf_scope_path(req)) < 0 ||
        kf_db_rows_to_hdf(db, hdf, "MergedFrom",
            "SELECT m.reference FROM complaints m WHERE m.merged_into = ? "
            "AND m.dept_path LIKE CONCAT(?, '%') ORDER BY m.reference LIMIT 100",
            "is", c.id, kf_scope_path(req)) < 0)
        return KF_FAIL;
    kf_set_int(hdf, "Complaints.attach_max_kb", cp_attachment_limit() / 1024);
    if (paused_total(req, hdf, c.id) != 0)
        return KF_FAIL;

    /* the abnormal signs, one HDF node each for their labels */
    {
        const char *signs = hdf_get_value(hdf, "Case.abnormal_signs", "");
        char key[32], one[64];
        int n = 0;
        while (*signs && n < 16) {
            size_t len = strcspn(signs, ",");
            snprintf(one, sizeof one, "%.*s", (int)(len < sizeof one - 1 ? len : sizeof one - 1), signs);
            if (cp_in(cp_abnormal_signs, one)) {
                snprintf(key, sizeof key, "Signs.%d", n++);
                kf_set(hdf, key, one);
            }
            signs += len + (signs[len] == ',');
        }
    }
    next = cp_step_next(c.step);
    kf_set(hdf, "Complaints.next", next >= 0 ? cp_step_name((enum cp_step)next) : "");
    kf_set_int(hdf, "Complaints.may_act", u->role != KF_ROLE_AUDITOR && cp_may_act(req, &c));
    kf_set_int(hdf, "Complaints.manager", u->role == KF_ROLE_MANAGER);
    kf_set_int(hdf, "Complaints.open", cp_open(c.step));
    kf_set_int(hdf, "Complaints.me", u->id);
    kf_set_int(hdf, "Complaints.pending", c.pending_comp);
    kf_setf(hdf, "Complaints.limit", "%lld.%02lld", (long long)(cp_comp_limit() / 100),
            (long long)(cp_comp_limit() % 100));
    cp_enums_to_hdf(hdf, (const char *const[]){ "channel", "remedy", "sign", NULL });
    if (cp_may_act(req, &c) && cp_open(c.step)) {
        /* hand-over candidates: active staff in the user's scope */
        if (kf_db_rows_to_hdf(db, hdf, "Staff",
                "SELECT u.id, u.display_name AS name, d.name_zh AS dept_zh, d.name_en AS dept_en "
                "FROM users u JOIN departments d ON d.id = u.dept_id "
                "WHERE d.path LIKE CONCAT(?, '%') AND u.active = 1 AND d.active = 1 "
                "AND u.role IN ('employee', 'manager') AND u.id <> ? "
                "ORDER BY d.path, u.display_name LIMIT 500",
                "si", kf_scope_path(req), c.owner_id) < 0 ||
            kf_db_rows_to_hdf(db, hdf, "Depts",
                "SELECT id, name_zh, name_en FROM departments WHERE active = 1 ORDER BY path LIMIT 500",
                "") < 0)
            return KF_FAIL;
    }
    return kf_render(req, "complaints/case.cs", "complaints.case.title");
}
