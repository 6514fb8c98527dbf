/* admin.c -- what the administration pages share.
 *
 * The pages themselves live one per file: admin_depts.c (the department
 * tree), admin_users.c (accounts and roles), admin_plugins.c (plugins per
 * department) and admin_audit.c (reading the audit log).  This file holds
 * the input checks they share, the department look-up and the common
 * ending of a change.  Every change follows one shape:
 *
 *   check input (400 invalid) -> kf_db_begin -> lock and check state
 *   (409 with a reason) -> write -> kf_audit -> kf_admin_done
 *
 * and a refusal anywhere goes through kf_admin_refuse, which rolls back.
 */
#include "config.h"
#include <string.h>
#include "kf_admin.h"

int kf_admin_refuse(kf_req *req, int status, const char *reason)
{
    kf_db_rollback(req->db);
    if (reason)
        kf_set(req->hdf, "Error.Reason", reason);
    return status;
}

int kf_admin_done(kf_req *req, const char *where)
{
    if (kf_db_commit(req->db) != 0) {
        kf_log_error(req, "admin: commit failed: %s", kf_db_error(req->db));
        return KF_FAIL;
    }
    kf_flash(req, "core.admin.saved");
    return kf_resp_redirect(req, where);
}

bool kf_admin_duplicate(kf_db *db)
{
    /* kf_db_error is "<errno>: <message>"; 1062 is ER_DUP_ENTRY */
    const char *e = kf_db_error(db);
    return e && strncmp(e, "1062: ", 6) == 0;
}

/* Whether s is 1..max bytes, each from the set allowed. */
static bool only_chars(const char *s, size_t max, const char *allowed)
{
    size_t n;
    if (s == NULL)
        return false;
    n = strlen(s);
    return n >= 1 && n <= max && strspn(s, allowed) == n;
}

bool kf_admin_code_ok(const char *s)
{
    return only_chars(s, 32, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");
}

bool kf_admin_login_ok(const char *s)
{
    return only_chars(s, 64, "abcdefghijklmnopqrstuvwxyz0123456789._-");
}

const char *kf_admin_text(kf_req *req, const char *field, size_t max_chars)
{
    /* at most 4 bytes per character; kf_req_text has checked UTF-8 */
    const char *v = kf_req_text(req, field, max_chars * 4);
    size_t chars = 0;

    if (v == NULL || *v == '\0')
        return NULL;
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            return NULL;
        if ((*p & 0xC0) != 0x80)
            chars++;
    }
    return chars <= max_chars ? v : NULL;
}

int kf_admin_dept_get(kf_db *db, const char *code, kf_admin_dept *out)
{
    kf_stmt *st = kf_db_query(db,
        "SELECT id, active, code, path FROM departments WHERE code = ? FOR UPDATE",
        "s", code);
    int rc;

    if (st == NULL)
        return -1;
    rc = kf_stmt_next(st);
    if (rc == 1) {
        out->id = kf_stmt_int(st, 0);
        out->active = kf_stmt_int(st, 1) != 0;
        snprintf(out->code, sizeof out->code, "%s", kf_stmt_str(st, 2) ? kf_stmt_str(st, 2) : "");
        snprintf(out->path, sizeof out->path, "%s", kf_stmt_str(st, 3) ? kf_stmt_str(st, 3) : "");
    }
    kf_stmt_close(st);
    return rc;
}

int kf_admin_depts_hdf(kf_req *req, const char *prefix)
{
    /* depth: slashes in the path minus two, so a root is 0 */
    return kf_db_rows_to_hdf(req->db, req->hdf, prefix,
        "SELECT d.id, d.code, d.name_zh, d.name_en, p.code AS parent_code, d.path, "
        "d.active, LENGTH(d.path) - LENGTH(REPLACE(d.path, '/', '')) - 2 AS depth "
        "FROM departments d LEFT JOIN departments p ON p.id = d.parent_id "
        "ORDER BY d.path", "");
}
