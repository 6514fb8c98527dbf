/* admin_depts.c -- GET/POST /admin/departments: the department tree.
 *
 * Departments carry a materialised path ("/1/2/4/"), so a move rewrites
 * the path of the department and of its whole subtree, in one
 * transaction, and a department can never move below itself.  A
 * department is deactivated only when no active user and no active
 * sub-department remains in it; it is activated only below an active
 * parent, so an active department never hangs below an inactive one.
 */
#include "config.h"
#include <string.h>
#include "kf_admin.h"

#define HERE "/admin/departments"

/* GET: the tree in path order, with forms for every operation. */
int kf_admin_depts(kf_req *req)
{
    if (kf_admin_depts_hdf(req, "Depts") < 0)
        return KF_FAIL;
    return kf_render(req, "admin/departments.cs", "core.admin.departments");
}

/* op=add: code, name_zh, name_en, parent (code). */
static int dept_add(kf_req *req)
{
    const char *code = kf_req_text(req, "code", 32);
    const char *zh = kf_admin_text(req, "name_zh", 128);
    const char *en = kf_admin_text(req, "name_en", 128);
    const char *pcode = kf_req_text(req, "parent", 32);
    kf_admin_dept parent;
    int64_t id, n;
    char path[KF_DEPT_PATH_MAX + 32], after[512];
    int rc;

    if (!kf_admin_code_ok(code) || zh == NULL || en == NULL || !kf_admin_code_ok(pcode))
        return kf_admin_refuse(req, 400, "invalid");
    if (kf_db_begin(req->db) != 0)
        return KF_FAIL;
    rc = kf_admin_dept_get(req->db, pcode, &parent);
    if (rc < 0)
        goto fail;
    if (rc == 0)
        return kf_admin_refuse(req, 400, "invalid");
    if (!parent.active)
        return kf_admin_refuse(req, 409, "parent_inactive");
    if (kf_db_int(req->db, &n, "SELECT COUNT(*) FROM departments WHERE code = ?", "s", code) != 1)
        goto fail;
    if (n > 0)
        return kf_admin_refuse(req, 409, "duplicate");
    if (kf_db_exec_id(req->db, &id,
                      "INSERT INTO departments (code, name_zh, name_en, parent_id, path, active) "
                      "VALUES (?, ?, ?, ?, '', 1)", "sssi", code, zh, en, parent.id) != 0) {
        if (kf_admin_duplicate(req->db))
            return kf_admin_refuse(req, 409, "duplicate");
        goto fail;
    }
    snprintf(path, sizeof path, "%s%lld/", parent.path, (long long)id);
    if (strlen(path) > KF_DEPT_PATH_MAX)
        return kf_admin_refuse(req, 400, "invalid");
    if (kf_db_exec(req->db, "UPDATE departments SET path = ? WHERE id = ?", "si", path, id) != 0)
        goto fail;
    snprintf(after, sizeof after, "code=%s; name_zh=%s; name_en=%s; parent=%s", code, zh, en,
             parent.code);
    if (kf_audit(req, "dept.add", "department", code, NULL, after) != 0)
        goto fail;
    return kf_admin_done(req, HERE);
fail:
    kf_db_rollback(req->db);
    return KF_FAIL;
}

/* op=rename: code, name_zh, name_en. */
static int dept_rename(kf_req *req)
{
    const char *code = kf_req_text(req, "code", 32);
    const char *zh = kf_admin_text(req, "name_zh", 128);
    const char *en = kf_admin_text(req, "name_en", 128);
    char before[512], after[512];
    kf_stmt *st;
    int rc;

    if (!kf_admin_code_ok(code) || zh == NULL || en == NULL)
        return kf_admin_refuse(req, 400, "invalid");
    if (kf_db_begin(req->db) != 0)
        return KF_FAIL;
    st = kf_db_query(req->db, "SELECT name_zh, name_en FROM departments WHERE code = ? FOR UPDATE",
                     "s", code);
    if (st == NULL)
        goto fail;
    rc = kf_stmt_next(st);
    if (rc == 1)
        snprintf(before, sizeof before, "name_zh=%s; name_en=%s",
                 kf_stmt_str(st, 0) ? kf_stmt_str(st, 0) : "",
                 kf_stmt_str(st, 1) ? kf_stmt_str(st, 1) : "");
    kf_stmt_close(st);
    if (rc < 0)
        goto fail;
    if (rc == 0)
        return kf_admin_refuse(req, 400, "invalid");
    snprintf(after, sizeof after, "name_zh=%s; name_en=%s", zh, en);
    if (kf_db_exec(req->db, "UPDATE departments SET name_zh = ?, name_en = ? WHERE code = ?",
                   "sss", zh, en, code) != 0 ||
        kf_audit(req, "dept.rename", "department", code, before, after) != 0)
        goto fail;
    return kf_admin_done(req, HERE);
fail:
    kf_db_rollback(req->db);
    return KF_FAIL;
}

/* The code of a department's parent into out ("" for a root): 0 or -1. */
static int old_parent_code(kf_db *db, int64_t id, char *out, size_t outlen)
{
    kf_stmt *st = kf_db_query(db, "SELECT p.code FROM departments d JOIN departments p "
                              "ON p.id = d.parent_id WHERE d.id = ?", "i", id);
    int rc;

    if (st == NULL)
        return -1;
    rc = kf_stmt_next(st);
    if (rc == 1 && kf_stmt_str(st, 0))
        snprintf(out, outlen, "%s", kf_stmt_str(st, 0));
    kf_stmt_close(st);
    return rc < 0 ? -1 : 0;
}

/* op=move: code, parent (code).  Rewrites the subtree's paths. */
static int dept_move(kf_req *req)
{
    const char *code = kf_req_text(req, "code", 32);
    const char *pcode = kf_req_text(req, "parent", 32);
    kf_admin_dept dept, parent;
    char newpath[KF_DEPT_PATH_MAX + 32], before[320], after[320];
    char oldcode[33] = "";
    int64_t longest;
    size_t oldlen, newlen;
    int rc;

    if (!kf_admin_code_ok(code) || !kf_admin_code_ok(pcode))
        return kf_admin_refuse(req, 400, "invalid");
    if (kf_db_begin(req->db) != 0)
        return KF_FAIL;
    if ((rc = kf_admin_dept_get(req->db, code, &dept)) < 0)
        goto fail;
    if (rc == 0)
        return kf_admin_refuse(req, 400, "invalid");
    if ((rc = kf_admin_dept_get(req->db, pcode, &parent)) < 0)
        goto fail;
    if (rc == 0)
        return kf_admin_refuse(req, 400, "invalid");
    if (!parent.active && dept.active)
        return kf_admin_refuse(req, 409, "parent_inactive");
    /* below itself: the new parent lies inside the department's subtree */
    if (strncmp(parent.path, dept.path, strlen(dept.path)) == 0)
        return kf_admin_refuse(req, 409, "move_cycle");
    snprintf(newpath, sizeof newpath, "%s%lld/", parent.path, (long long)dept.id);
    oldlen = strlen(dept.path);
    newlen = strlen(newpath);
    /* every path of the subtree must still fit */
    if (kf_db_int(req->db, &longest,
                  "SELECT COALESCE(MAX(LENGTH(path)), 0) FROM departments "
                  "WHERE path LIKE CONCAT(?, '%') FOR UPDATE", "s", dept.path) != 1)
        goto fail;
    if ((size_t)longest - oldlen + newlen > KF_DEPT_PATH_MAX)
        return kf_admin_refuse(req, 400, "invalid");
    if ((rc = old_parent_code(req->db, dept.id, oldcode, sizeof oldcode)) < 0)
        goto fail;
    /* the subtree (the department included) by its old path prefix */
    if (kf_db_exec(req->db,
                   "UPDATE departments SET path = CONCAT(?, SUBSTRING(path, ?)) "
                   "WHERE path LIKE CONCAT(?, '%')",
                   "sis", newpath, (int64_t)oldlen + 1, dept.path) != 0 ||
        kf_db_exec(req->db, "UPDATE departments SET parent_id = ? WHERE id = ?", "ii",
                   parent.id, dept.id) != 0)
        goto fail;
    snprintf(before, sizeof before, "parent=%s; path=%s", oldcode, dept.path);
    snprintf(after, sizeof after, "parent=%s; path=%s", parent.code, newpath);
    if (kf_audit(req, "dept.move", "department", code, before, after) != 0)
        goto fail;
    return kf_admin_done(req, HERE);
fail:
    kf_db_rollback(req->db);
    return KF_FAIL;
}

/* op=deactivate|activate: code. */
static int dept_active(kf_req *req, bool on)
{
    const char *code = kf_req_text(req, "code", 32);
    kf_admin_dept dept;
    int64_t n;
    int rc;

    if (!kf_admin_code_ok(code))
        return kf_admin_refuse(req, 400, "invalid");
    if (kf_db_begin(req->db) != 0)
        return KF_FAIL;
    if ((rc = kf_admin_dept_get(req->db, code, &dept)) < 0)
        goto fail;
    if (rc == 0)
        return kf_admin_refuse(req, 400, "invalid");
    if (on) {
        /* the parent must be active: a root has none */
        if (kf_db_int(req->db, &n,
                      "SELECT COUNT(*) FROM departments c JOIN departments p ON p.id = c.parent_id "
                      "WHERE c.id = ? AND p.active = 0", "i", dept.id) != 1)
            goto fail;
        if (n > 0)
            return kf_admin_refuse(req, 409, "parent_inactive");
    } else {
        if (kf_db_int(req->db, &n, "SELECT COUNT(*) FROM users WHERE dept_id = ? AND active = 1 "
                      "FOR UPDATE", "i", dept.id) != 1)
            goto fail;
        if (n == 0 && kf_db_int(req->db, &n,
                                "SELECT COUNT(*) FROM departments WHERE path LIKE CONCAT(?, '%') "
                                "AND id <> ? AND active = 1 FOR UPDATE",
                                "si", dept.path, dept.id) != 1)
            goto fail;
        if (n > 0)
            return kf_admin_refuse(req, 409, "dept_has_users");
    }
    if (kf_db_exec(req->db, "UPDATE departments SET active = ? WHERE id = ?", "ii",
                   (int64_t)on, dept.id) != 0 ||
        kf_audit(req, on ? "dept.activate" : "dept.deactivate", "department", code,
                 dept.active ? "active=1" : "active=0", on ? "active=1" : "active=0") != 0)
        goto fail;
    return kf_admin_done(req, HERE);
fail:
    kf_db_rollback(req->db);
    return KF_FAIL;
}

/* POST: op = add | rename | move | deactivate | activate. */
int kf_admin_dept_save(kf_req *req)
{
    const char *op = kf_req_text(req, "op", 16);

    if (op == NULL)
        return kf_admin_refuse(req, 400, "invalid");
    if (strcmp(op, "add") == 0)
        return dept_add(req);
    if (strcmp(op, "rename") == 0)
        return dept_rename(req);
    if (strcmp(op, "move") == 0)
        return dept_move(req);
    if (strcmp(op, "deactivate") == 0)
        return dept_active(req, false);
    if (strcmp(op, "activate") == 0)
        return dept_active(req, true);
    return kf_admin_refuse(req, 400, "invalid");
}
