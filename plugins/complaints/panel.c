/* panel.c -- the complaints panel on the dashboard: open and overdue
 * cases in the user's scope, the user's own open cases, and the reply
 * rate of the last 30 days. */
#include "complaints.h"

int cp_panel(kf_req *req)
{
    HDF *hdf = kf_req_hdf(req);
    kf_stmt *st = kf_db_query(kf_req_db(req),
        "SELECT COALESCE(SUM(c.step <> 'closed'), 0) AS open_count, "
        "COALESCE(SUM(c.step <> 'closed' AND c.paused_at IS NULL AND (c.resolution_due < UTC_TIMESTAMP() OR "
        "(c.first_contact_at IS NULL AND c.first_contact_due < UTC_TIMESTAMP()))), 0) AS overdue_count, "
        "COALESCE(SUM(c.step <> 'closed' AND c.owner_id = ?), 0) AS mine_count, "
        "COALESCE(SUM(c.received_at >= UTC_TIMESTAMP() - INTERVAL 30 DAY), 0) AS recent, "
        "ROUND(100 * SUM(c.received_at >= UTC_TIMESTAMP() - INTERVAL 30 DAY AND c.reply_count > 0) / "
        "NULLIF(SUM(c.received_at >= UTC_TIMESTAMP() - INTERVAL 30 DAY), 0), 1) AS reply_rate "
        "FROM complaints c WHERE c.dept_path LIKE CONCAT(?, '%')",
        "is", kf_req_user(req)->id, kf_scope_path(req));
    int rc;

    if (st == NULL)
        return KF_FAIL;
    rc = kf_stmt_next(st);
    if (rc == 1 && kf_stmt_to_hdf(st, hdf, "ComplaintsPanel") != 0)
        rc = -1;
    kf_stmt_close(st);
    return rc < 0 ? KF_FAIL : KF_DONE;
}
