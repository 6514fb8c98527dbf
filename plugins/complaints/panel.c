/* panel.c -- the complaints panel on the dashboard: open and overdue
 * cases in the user's scope, the user's own open cases, the reply
 * rate of the last 30 days, and a bar chart of the last 30 days' cases
 * by cause.  The chart is SVG drawn by the template; every coordinate
 * is an integer computed here (no JavaScript, nothing external).
 */
#include <string.h>
#include "complaints.h"

#define CP_BAR_MAX 220   /* the longest bar, px */
#define CP_BAR_STEP 24   /* px per row */

/* ComplaintsPanel.causes.N.{cause,count,width,y}: every cause, in order,
 * and the 30-day totals (recent, reply_rate) from the same rows: the
 * per-day summary complaint_daily (sql/complaints/011_daily.sql), 30
 * days (today included) of the user's department subtree, so the cost
 * does not grow with the ledger. */
static int cause_chart(kf_req *req, HDF *hdf)
{
    int64_t counts[16] = { 0 }, max = 0, recent = 0, replied = 0;
    kf_stmt *st = kf_db_query(kf_req_db(req),
        "SELECT cause, SUM(received), SUM(replied) FROM complaint_daily "
        "WHERE dept_id = ? AND day > UTC_DATE() - INTERVAL 30 DAY GROUP BY cause",
        "i", kf_req_user(req)->dept_id);
    char key[64];
    int rc, n = 0;

    if (st == NULL)
        return -1;
    while ((rc = kf_stmt_next(st)) == 1) {
        recent += kf_stmt_int(st, 1);
        replied += kf_stmt_int(st, 2);
        for (int i = 0; cp_causes[i] && i < 16; i++)
            if (strcmp(cp_causes[i], kf_stmt_str(st, 0) ? kf_stmt_str(st, 0) : "") == 0)
                counts[i] = kf_stmt_int(st, 1);
    }
    kf_stmt_close(st);
    if (rc < 0)
        return -1;
    kf_set_int(hdf, "ComplaintsPanel.recent", recent);
    if (recent > 0)  /* one decimal, as the ledger shows it */
        kf_setf(hdf, "ComplaintsPanel.reply_rate", "%.1f", 100.0 * (double)replied / (double)recent);
    for (int i = 0; cp_causes[i] && i < 16; i++)
        if (counts[i] > max)
            max = counts[i];
    for (int i = 0; cp_causes[i] && i < 16; i++, n++) {
        snprintf(key, sizeof key, "ComplaintsPanel.causes.%d.cause", i);
        kf_set(hdf, key, cp_causes[i]);
        snprintf(key, sizeof key, "ComplaintsPanel.causes.%d.count", i);
        kf_set_int(hdf, key, counts[i]);
        snprintf(key, sizeof key, "ComplaintsPanel.causes.%d.width", i);
        /* a non-zero count always shows at least a sliver */
        kf_set_int(hdf, key, max ? (counts[i] * CP_BAR_MAX + max - 1) / max : 0);
        snprintf(key, sizeof key, "ComplaintsPanel.causes.%d.tx", i);
        kf_set_int(hdf, key, 176 + (max ? (counts[i] * CP_BAR_MAX + max - 1) / max : 0));
        snprintf(key, sizeof key, "ComplaintsPanel.causes.%d.y", i);
        kf_set_int(hdf, key, i * CP_BAR_STEP);
        snprintf(key, sizeof key, "ComplaintsPanel.causes.%d.ty", i);
        kf_set_int(hdf, key, i * CP_BAR_STEP + 14);
    }
    kf_set_int(hdf, "ComplaintsPanel.chart_height", n * CP_BAR_STEP);
    kf_set_int(hdf, "ComplaintsPanel.chart_max", max);
    return 0;
}

/* ComplaintsPanel.overdue_cases.N: for a manager, the department's five
 * most overdue cases, the longest overdue first -- the first thing a
 * manager sees.  Only open cases are read (the step index), so the cost
 * follows the open cases, not the ledger. */
/* the first due time an open case missed: first contact if it is still
 * missing and came first, else resolution */
#define MISSED_DUE "IF(c.first_contact_at IS NULL AND c.first_contact_due < c.resolution_due, " \
    "c.first_contact_due, c.resolution_due)"

static int most_overdue(kf_req *req, HDF *hdf)
{
    if (kf_req_user(req)->role != KF_ROLE_MANAGER)
        return 0;
    return kf_db_rows_to_hdf(kf_req_db(req), hdf, "ComplaintsPanel.overdue_cases",
        "SELECT c.reference, c.step, cu.name AS customer_name, "
        "DATE_FORMAT(" MISSED_DUE ", '%Y-%m-%d %H:%i') AS missed_due "
        "FROM complaints c JOIN customers cu ON cu.id = c.customer_id "
        "WHERE c.step IN " CP_SQL_OPEN_STEPS " AND c.dept_path LIKE CONCAT(?, '%') "
        "AND " CP_SQL_OVERDUE("c") " ORDER BY " MISSED_DUE ", c.id LIMIT 5",
        "s", kf_scope_path(req)) < 0 ? -1 : 0;
}

int cp_panel(kf_req *req)
{
    HDF *hdf = kf_req_hdf(req);
    /* open cases only: an index range on step, whatever the ledger's size */
    kf_stmt *st = kf_db_query(kf_req_db(req),
        "SELECT COUNT(*) AS open_count, "
        "COALESCE(SUM(" CP_SQL_OVERDUE("c") "), 0) AS overdue_count, "
        "COALESCE(SUM(c.owner_id = ?), 0) AS mine_count "
        "FROM complaints c WHERE c.step IN " CP_SQL_OPEN_STEPS " AND c.dept_path LIKE CONCAT(?, '%')",
        "is", kf_req_user(req)->id, kf_scope_path(req));
    int rc;

    if (st == NULL)
        return KF_FAIL;
    rc = kf_stmt_next(st);
    if (rc == 1 && kf_stmt_to_hdf(st, hdf, "ComplaintsPanel") != 0)
        rc = -1;
    kf_stmt_close(st);
    if (rc < 0 || most_overdue(req, hdf) != 0 || cause_chart(req, hdf) != 0)
        return KF_FAIL;
    return KF_DONE;
}
