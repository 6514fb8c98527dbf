/* admin_audit.c -- GET /admin/audit: reading the audit log.
 *
 * For administrators and auditors: newest first, filtered by action
 * (a prefix: "user." matches every user action), user login, object
 * (its id or its type), and a date range (from/to, YYYY-MM-DD, UTC, both
 * days included); 50 rows a page, page=N.  One fixed statement serves
 * every combination of filters: an absent filter is bound as NULL and
 * "? IS NULL OR ..." lets every row through.
 */
#include "config.h"
#include <ctype.h>
#include <string.h>
#include "kf_admin.h"

#define PER_PAGE 50
#define MAX_PAGE 2000   /* deeper means OFFSET past 100,000 rows: filter instead */

/* An optional filter field: NULL when absent, empty or invalid. */
static const char *filter(kf_req *req, const char *name, size_t max)
{
    const char *v = kf_req_text(req, name, max);
    if (v == NULL || *v == '\0')
        return NULL;
    return v;
}

/* A date field in the form YYYY-MM-DD, or NULL. */
static const char *date_filter(kf_req *req, const char *name)
{
    const char *v = filter(req, name, 10);
    int y, m, d;
    if (v == NULL || strlen(v) != 10 || v[4] != '-' || v[7] != '-')
        return NULL;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)v[i]))
            return NULL;
    if (sscanf(v, "%4d-%2d-%2d", &y, &m, &d) != 3 || y < 1970 || m < 1 || m > 12 || d < 1 ||
        d > 31)
        return NULL;
    return v;
}

/* "x" with LIKE's wildcards escaped, into out; false when too long. */
static bool like_escape(const char *s, char *out, size_t outlen)
{
    size_t n = 0;
    for (; *s; s++) {
        if (n + 3 > outlen)
            return false;
        if (*s == '%' || *s == '_' || *s == '\\')
            out[n++] = '\\';
        out[n++] = *s;
    }
    out[n] = '\0';
    return true;
}

int kf_admin_audit(kf_req *req)
{
    const char *action = filter(req, "action", 64);
    const char *user = filter(req, "user", 64);
    const char *object = filter(req, "object", 64);
    const char *from = date_filter(req, "from");
    const char *to = date_filter(req, "to");
    long long page = 1;
    char action_like[160];
    char key[64];
    kf_stmt *st;
    int n = 0, rc;

    if (kf_req_field(req, "page") && !kf_req_int(req, "page", 1, MAX_PAGE, &page))
        page = 1;
    if (action && !like_escape(action, action_like, sizeof action_like))
        action = NULL;
    kf_set(req->hdf, "Filter.action", action ? action : "");
    kf_set(req->hdf, "Filter.user", user ? user : "");
    kf_set(req->hdf, "Filter.object", object ? object : "");
    kf_set(req->hdf, "Filter.from", from ? from : "");
    kf_set(req->hdf, "Filter.to", to ? to : "");

    st = kf_db_query(req->db,
        "SELECT id, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s') AS at, user_login, addr, action, "
        "object_type, object_id, before_value, after_value FROM audit_log "
        "WHERE (? IS NULL OR action LIKE CONCAT(?, '%')) "
        "AND (? IS NULL OR user_login = ?) "
        "AND (? IS NULL OR object_id = ? OR object_type = ?) "
        "AND (? IS NULL OR at >= ?) "
        "AND (? IS NULL OR at < DATE_ADD(?, INTERVAL 1 DAY)) "
        "ORDER BY at DESC, id DESC LIMIT ? OFFSET ?",
        "sssssssssssii",
        action ? action_like : NULL, action ? action_like : NULL, user, user,
        object, object, object, from, from, to, to,
        (int64_t)PER_PAGE + 1, (int64_t)((page - 1) * PER_PAGE));
    if (st == NULL)
        return KF_FAIL;
    while ((rc = kf_stmt_next(st)) == 1) {
        if (n == PER_PAGE) {
            kf_set_int(req->hdf, "Audit.next", page + 1);
            continue;
        }
        snprintf(key, sizeof key, "Audit.rows.%d", n++);
        if (kf_stmt_to_hdf(st, req->hdf, key) != 0) {
            rc = -1;
            break;
        }
    }
    kf_stmt_close(st);
    if (rc < 0)
        return KF_FAIL;
    kf_set_int(req->hdf, "Audit.page", page);
    if (page > 1)
        kf_set_int(req->hdf, "Audit.prev", page - 1);
    return kf_render(req, "admin/audit.cs", "core.admin.audit");
}
