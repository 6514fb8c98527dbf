/* admin_users.c -- GET/POST /admin/users: accounts, roles, departments.
 *
 * An administrator adds users, changes a user's role or department,
 * resets a password (which ends that user's sessions), unlocks an account
 * locked by failed logins, and deactivates or activates it.  The last
 * active administrator can be neither demoted nor deactivated, checked
 * under a lock on the administrators' rows so two concurrent changes
 * cannot both pass.
 */
#include "config.h"
#include <string.h>
#include "kf_admin.h"

#define HERE "/admin/users"
#define PW_MIN KF_PASSWORD_MIN
#define PW_MAX KF_PASSWORD_MAX

/* The user a change applies to, locked. */
typedef struct target {
    int64_t id;
    unsigned role;
    bool active;
    int failed;
    char dept[33];
    char locked_until[24];  /* "" when NULL */
} target;

/* GET: every user, with forms; departments for the selects. */
int kf_admin_users(kf_req *req)
{
    if (kf_db_rows_to_hdf(req->db, req->hdf, "Users",
            "SELECT u.id, u.login, u.display_name, d.code AS dept_code, d.name_zh AS dept_zh, "
            "d.name_en AS dept_en, u.role, u.active, "
            "(u.locked_until IS NOT NULL AND u.locked_until > UTC_TIMESTAMP()) AS locked, "
            "u.failed_logins, DATE_FORMAT(u.last_login, '%Y-%m-%d %H:%i') AS last_login "
            "FROM users u JOIN departments d ON d.id = u.dept_id ORDER BY u.login", "") < 0 ||
        kf_admin_depts_hdf(req, "Depts") < 0)
        return KF_FAIL;
    return kf_render(req, "admin/users.cs", "core.admin.users");
}

/* Locks and reads the user named by the field "login": 1, 0 none, -1. */
static int target_get(kf_req *req, const char *login, target *t)
{
    kf_stmt *st = kf_db_query(req->db,
        "SELECT u.id, u.role, u.active, d.code, u.failed_logins, "
        "DATE_FORMAT(u.locked_until, '%Y-%m-%d %H:%i:%s') "
        "FROM users u JOIN departments d ON d.id = u.dept_id "
        "WHERE u.login = ? FOR UPDATE", "s", login);
    int rc;

    if (st == NULL)
        return -1;
    rc = kf_stmt_next(st);
    if (rc == 1) {
        t->id = kf_stmt_int(st, 0);
        t->role = kf_role_parse(kf_stmt_str(st, 1));
        t->active = kf_stmt_int(st, 2) != 0;
        snprintf(t->dept, sizeof t->dept, "%s", kf_stmt_str(st, 3) ? kf_stmt_str(st, 3) : "");
        t->failed = (int)kf_stmt_int(st, 4);
        snprintf(t->locked_until, sizeof t->locked_until, "%s",
                 kf_stmt_str(st, 5) ? kf_stmt_str(st, 5) : "");
    }
    kf_stmt_close(st);
    return rc;
}

/* Whether t is the only active administrator (locks the admins' rows):
 * 1 yes, 0 no, -1 error. */
static int last_admin(kf_req *req, const target *t)
{
    int64_t n;
    if (t->role != KF_ROLE_ADMIN || !t->active)
        return 0;
    if (kf_db_int(req->db, &n, "SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1 "
                  "FOR UPDATE", "") != 1)
        return -1;
    return n <= 1 ? 1 : 0;
}

/* op=add: login, name, dept (code), role, password. */
static int user_add(kf_req *req)
{
    const char *login = kf_req_text(req, "login", 64);
    const char *name = kf_admin_text(req, "name", 128);
    const char *dcode = kf_req_text(req, "dept", 32);
    const char *rname = kf_req_text(req, "role", 16);
    const char *pw = kf_req_text(req, "password", PW_MAX);
    unsigned role = kf_role_parse(rname);
    kf_admin_dept dept;
    char hash[256], after[512];
    int64_t n;
    int rc;

    if (!kf_admin_login_ok(login) || name == NULL || !kf_admin_code_ok(dcode) || role == 0 ||
        pw == NULL || strlen(pw) < PW_MIN)
        return kf_admin_refuse(req, 400, "invalid");
    if (kf_password_hash(pw, hash, sizeof hash) != 0)
        return KF_FAIL;
    if (kf_db_begin(req->db) != 0)
        return KF_FAIL;
    if ((rc = kf_admin_dept_get(req->db, dcode, &dept)) < 0)
        goto fail;
    if (rc == 0 || !dept.active)
        return kf_admin_refuse(req, 400, "invalid");
    if (kf_db_int(req->db, &n, "SELECT COUNT(*) FROM users WHERE login = ?", "s", login) != 1)
        goto fail;
    if (n > 0)
        return kf_admin_refuse(req, 409, "duplicate");
    if (kf_db_exec(req->db,
                   "INSERT INTO users (login, display_name, dept_id, role, password_hash, active) "
                   "VALUES (?, ?, ?, ?, ?, 1)", "ssiss", login, name, dept.id,
                   kf_role_name(role), hash) != 0) {
        if (kf_admin_duplicate(req->db))
            return kf_admin_refuse(req, 409, "duplicate");
        goto fail;
    }
    snprintf(after, sizeof after, "name=%s; dept=%s; role=%s", name, dept.code, kf_role_name(role));
    if (kf_audit(req, "user.add", "user", login, NULL, after) != 0)
        goto fail;
    return kf_admin_done(req, HERE);
fail:
    kf_db_rollback(req->db);
    return KF_FAIL;
}

/* op=role: login, role. */
static int user_role(kf_req *req, const char *login, target *t)
{
    unsigned role = kf_role_parse(kf_req_text(req, "role", 16));
    char before[32], after[32];
    int rc;

    if (role == 0)
        return kf_admin_refuse(req, 400, "invalid");
    if (role != KF_ROLE_ADMIN && (rc = last_admin(req, t)) != 0)
        return rc < 0 ? KF_FAIL : kf_admin_refuse(req, 409, "last_admin");
    snprintf(before, sizeof before, "role=%s", kf_role_name(t->role));
    snprintf(after, sizeof after, "role=%s", kf_role_name(role));
    if (kf_db_exec(req->db, "UPDATE users SET role = ? WHERE id = ?", "si", kf_role_name(role),
                   t->id) != 0 ||
        kf_audit(req, "user.role", "user", login, before, after) != 0)
        return KF_FAIL;
    return kf_admin_done(req, HERE);
}

/* op=dept: login, dept (code of an active department). */
static int user_dept(kf_req *req, const char *login, target *t)
{
    const char *dcode = kf_req_text(req, "dept", 32);
    kf_admin_dept dept;
    char before[48], after[48];
    int rc;

    if (!kf_admin_code_ok(dcode))
        return kf_admin_refuse(req, 400, "invalid");
    if ((rc = kf_admin_dept_get(req->db, dcode, &dept)) < 0)
        return KF_FAIL;
    if (rc == 0 || !dept.active)
        return kf_admin_refuse(req, 400, "invalid");
    snprintf(before, sizeof before, "dept=%s", t->dept);
    snprintf(after, sizeof after, "dept=%s", dept.code);
    if (kf_db_exec(req->db, "UPDATE users SET dept_id = ? WHERE id = ?", "ii", dept.id, t->id) != 0 ||
        kf_audit(req, "user.dept", "user", login, before, after) != 0)
        return KF_FAIL;
    return kf_admin_done(req, HERE);
}

/* op=passwd: login, password.  Ends the user's sessions. */
static int user_passwd(kf_req *req, const char *login, target *t)
{
    const char *pw = kf_req_text(req, "password", PW_MAX);
    char hash[256];

    if (pw == NULL || strlen(pw) < PW_MIN)
        return kf_admin_refuse(req, 400, "invalid");
    if (kf_password_hash(pw, hash, sizeof hash) != 0)
        return KF_FAIL;
    if (kf_db_exec(req->db, "UPDATE users SET password_hash = ? WHERE id = ?", "si", hash,
                   t->id) != 0 ||
        kf_db_exec(req->db, "DELETE FROM sessions WHERE user_id = ?", "i", t->id) != 0 ||
        kf_audit(req, "user.passwd", "user", login, NULL, "sessions ended") != 0)
        return KF_FAIL;
    return kf_admin_done(req, HERE);
}

/* op=unlock: login. */
static int user_unlock(kf_req *req, const char *login, target *t)
{
    char before[96];

    snprintf(before, sizeof before, "locked_until=%s; failed_logins=%d",
             t->locked_until[0] ? t->locked_until : "NULL", t->failed);
    if (kf_db_exec(req->db, "UPDATE users SET locked_until = NULL, failed_logins = 0 WHERE id = ?",
                   "i", t->id) != 0 ||
        kf_audit(req, "user.unlock", "user", login, before,
                 "locked_until=NULL; failed_logins=0") != 0)
        return KF_FAIL;
    return kf_admin_done(req, HERE);
}

/* op=deactivate|activate: login.  Deactivating ends the sessions. */
static int user_active(kf_req *req, const char *login, target *t, bool on)
{
    int rc;

    if (!on && (rc = last_admin(req, t)) != 0)
        return rc < 0 ? KF_FAIL : kf_admin_refuse(req, 409, "last_admin");
    if (kf_db_exec(req->db, "UPDATE users SET active = ? WHERE id = ?", "ii", (int64_t)on,
                   t->id) != 0)
        return KF_FAIL;
    if (!on && kf_db_exec(req->db, "DELETE FROM sessions WHERE user_id = ?", "i", t->id) != 0)
        return KF_FAIL;
    if (kf_audit(req, on ? "user.activate" : "user.deactivate", "user", login,
                 t->active ? "active=1" : "active=0", on ? "active=1" : "active=0") != 0)
        return KF_FAIL;
    return kf_admin_done(req, HERE);
}

/* POST: op = add | role | dept | passwd | unlock | deactivate | activate. */
int kf_admin_user_save(kf_req *req)
{
    const char *op = kf_req_text(req, "op", 16);
    const char *login = kf_req_text(req, "login", 64);
    target t;
    int rc;

    if (op == NULL)
        return kf_admin_refuse(req, 400, "invalid");
    if (strcmp(op, "add") == 0)
        return user_add(req);
    if (!kf_admin_login_ok(login))
        return kf_admin_refuse(req, 400, "invalid");
    if (strcmp(op, "role") && strcmp(op, "dept") && strcmp(op, "passwd") &&
        strcmp(op, "unlock") && strcmp(op, "deactivate") && strcmp(op, "activate"))
        return kf_admin_refuse(req, 400, "invalid");
    if (kf_db_begin(req->db) != 0)
        return KF_FAIL;
    if ((rc = target_get(req, login, &t)) <= 0)
        return rc < 0 ? kf_admin_refuse(req, KF_FAIL, NULL) : kf_admin_refuse(req, 400, "invalid");
    if (strcmp(op, "role") == 0)
        rc = user_role(req, login, &t);
    else if (strcmp(op, "dept") == 0)
        rc = user_dept(req, login, &t);
    else if (strcmp(op, "passwd") == 0)
        rc = user_passwd(req, login, &t);
    else if (strcmp(op, "unlock") == 0)
        rc = user_unlock(req, login, &t);
    else
        rc = user_active(req, login, &t, strcmp(op, "activate") == 0);
    /* a failure left the transaction open; a refusal or success closed it */
    if (rc == KF_FAIL)
        kf_db_rollback(req->db);
    return rc;
}
