/* pages.c -- the core's own pages: dashboard, health, login, logout,
 * language switch.  The administration pages live in admin.c.
 */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "kf_core.h"

/* "/" : one panel per plugin that is on for the user's department and
 * that the user's role may open. */
static int page_dashboard(kf_req *req)
{
    const bool *enabled = kf_req_enabled(req);
    char key[64];
    int n = 0;

    if (enabled == NULL)
        return KF_FAIL;
    for (size_t i = 0; i < kf_plugins_count(); i++) {
        const kf_plugin *p = kf_plugins_get(i)->desc;
        bool may = false;
        if (!enabled[i] || p->panel_template == NULL)
            continue;
        for (const kf_route *r = p->routes; r->method; r++)
            may |= (r->roles & req->user.role) != 0;
        if (!may)
            continue;
        if (p->panel && p->panel(req) != KF_DONE)
            return KF_FAIL;
        snprintf(key, sizeof key, "Panels.%d.template", n);
        kf_set(req->hdf, key, p->panel_template);
        snprintf(key, sizeof key, "Panels.%d.name", n);
        kf_set(req->hdf, key, p->name);
        snprintf(key, sizeof key, "Panels.%d.title_key", n);
        kf_set(req->hdf, key, p->title_key);
        n++;
    }
    return kf_render(req, "core/dashboard.cs", "core.dashboard.title");
}

static int page_healthz(kf_req *req)
{
    bool ok = kf_db_ping(req->db) == 0;
    kf_resp_status(req, ok ? 200 : 503);
    kf_resp_header(req, "Cache-Control", "no-store");
    if (kf_resp_begin(req, "text/plain; charset=utf-8") != 0)
        return KF_DONE;
    kf_resp_write(req, ok ? "ok\n" : "unavailable\n", ok ? 3 : 12);
    return KF_DONE;
}

/* Only a local path may follow a login. */
static const char *safe_next(const char *next)
{
    if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
        strlen(next) > 512 || strpbrk(next, "\r\n") || strncmp(next, "/login", 6) == 0)
        return "/";
    return next;
}

static int page_login_form(kf_req *req)
{
    if (req->logged_in)
        return kf_resp_redirect(req, "/");
    kf_set(req->hdf, "Form.next", safe_next(kf_req_field(req, "next")));
    return kf_render(req, "core/login.cs", "core.login.title");
}

static int login_failed(kf_req *req)
{
    kf_set(req->hdf, "Form.error", "core.login.failed");
    kf_set(req->hdf, "Form.next", safe_next(kf_req_field(req, "next")));
    req->status = 401;
    return kf_render(req, "core/login.cs", "core.login.title");
}

/* Records a failure; locks the account after the configured number. */
int kf_login_failure(kf_req *req, int64_t uid, const char *login, int64_t dept, int failed)
{
    bool lock = failed + 1 >= kf_cfg->lock_failures;
    const char *addr = kf_req_remote_addr(req);

    if (kf_db_begin(req->db) != 0)
        return -1;
    if (lock) {
        if (kf_db_exec(req->db, "UPDATE users SET failed_logins = 0, locked_until = "
                       "UTC_TIMESTAMP() + INTERVAL ? SECOND WHERE id = ?",
                       "ii", (int64_t)kf_cfg->lock_s, uid) ||
            kf_audit_raw(req->db, uid, login, addr, dept, "login.fail", "user", login, NULL, NULL) ||
            kf_audit_raw(req->db, uid, login, addr, dept, "user.lock", "user", login, NULL,
                         "locked"))
            goto fail;
    } else if (kf_db_exec(req->db, "UPDATE users SET failed_logins = failed_logins + 1 "
                          "WHERE id = ?", "i", uid) ||
               kf_audit_raw(req->db, uid, login, addr, dept, "login.fail", "user", login,
                            NULL, NULL)) {
        goto fail;
    }
    return kf_db_commit(req->db);
fail:
    kf_db_rollback(req->db);
    return -1;
}

static int page_login(kf_req *req)
{
    const char *login = kf_req_text(req, "username", 64);
    const char *pw = kf_req_text(req, "password", 256);
    kf_stmt *st;
    int64_t uid, dept;
    char hash[256];
    int failed, locked, active, rc;

    if (login == NULL || pw == NULL || *login == '\0')
        return login_failed(req);
    st = kf_db_query(req->db,
        "SELECT u.id, u.password_hash, u.failed_logins, "
        "u.locked_until IS NOT NULL AND u.locked_until > UTC_TIMESTAMP(), "
        "u.active AND d.active, u.dept_id FROM users u JOIN departments d ON d.id = u.dept_id "
        "WHERE u.login = ?", "s", login);
    if (st == NULL)
        return KF_FAIL;
    rc = kf_stmt_next(st);
    if (rc != 1) {
        kf_stmt_close(st);
        if (rc < 0)
            return KF_FAIL;
        /* the same work as a real check, so timing does not tell who exists */
        kf_password_verify(pw, "$y$j9T$PHw58syWlhlfUwJ0HLU1m.$.CWgqGs8VgFNA92Q4zutJGcGXYxToDfh/vmh6jhVoz9");
        kf_audit_raw(req->db, -1, login, kf_req_remote_addr(req), -1, "login.fail", "user",
                     login, NULL, "unknown user");
        return login_failed(req);
    }
    uid = kf_stmt_int(st, 0);
    snprintf(hash, sizeof hash, "%s", kf_stmt_str(st, 1) ? kf_stmt_str(st, 1) : "");
    failed = (int)kf_stmt_int(st, 2);
    locked = (int)kf_stmt_int(st, 3);
    active = (int)kf_stmt_int(st, 4);
    dept = kf_stmt_int(st, 5);
    kf_stmt_close(st);

    if (locked || !active) {
        kf_password_verify(pw, hash);
        kf_audit_raw(req->db, uid, login, kf_req_remote_addr(req), dept, "login.fail", "user",
                     login, NULL, locked ? "locked" : "inactive");
        return login_failed(req);
    }
    if (!kf_password_verify(pw, hash)) {
        if (kf_login_failure(req, uid, login, dept, failed) != 0)
            return KF_FAIL;
        return login_failed(req);
    }
    if (kf_db_begin(req->db) != 0 ||
        kf_db_exec(req->db, "UPDATE users SET failed_logins = 0, locked_until = NULL, "
                   "last_login = UTC_TIMESTAMP() WHERE id = ?", "i", uid) ||
        kf_session_create(req, uid) ||
        kf_audit(req, "login", "user", login, NULL, NULL) || kf_db_commit(req->db)) {
        kf_db_rollback(req->db);
        return KF_FAIL;
    }
    return kf_resp_redirect(req, safe_next(kf_req_field(req, "next")));
}

static int page_logout(kf_req *req)
{
    if (kf_db_begin(req->db) != 0 || kf_audit(req, "logout", "user", req->user.login, NULL, NULL) ||
        kf_session_destroy(req) || kf_db_commit(req->db)) {
        kf_db_rollback(req->db);
        return KF_FAIL;
    }
    return kf_resp_redirect(req, "/login");
}

/* POST /lang: to=zh_CN|en; remembered on the user, or in a cookie. */
static int page_lang(kf_req *req)
{
    const char *to = kf_req_field(req, "to");
    char cookie[96];

    if (!kf_lang_valid(to))
        return 400;
    if (req->logged_in &&
        kf_db_exec(req->db, "UPDATE users SET lang = ? WHERE id = ?", "si", to, req->user.id))
        return KF_FAIL;
    snprintf(cookie, sizeof cookie, "kefu_lang=%s; Path=/; SameSite=Strict; Max-Age=31536000", to);
    kf_resp_header(req, "Set-Cookie", cookie);
    return kf_resp_redirect(req, safe_next(kf_req_field(req, "back")));
}

int kf_admin_users(kf_req *req);
int kf_admin_user_save(kf_req *req);
int kf_admin_depts(kf_req *req);
int kf_admin_dept_save(kf_req *req);
int kf_admin_plugins(kf_req *req);
int kf_admin_plugin_save(kf_req *req);
int kf_admin_audit(kf_req *req);

const kf_route kf_core_routes[] = {
    { "GET", "/", KF_ROLES_ALL, 0, page_dashboard },
    { "GET", "/healthz", 0, KF_ROUTE_PUBLIC, page_healthz },
    { "GET", "/login", 0, KF_ROUTE_PUBLIC, page_login_form },
    { "POST", "/login", 0, KF_ROUTE_PUBLIC, page_login },
    { "POST", "/logout", KF_ROLES_ALL, KF_ROUTE_AUDITOR_POST, page_logout },
    { "POST", "/lang", 0, KF_ROUTE_PUBLIC, page_lang },
    { "GET", "/admin/users", KF_ROLE_ADMIN, 0, kf_admin_users },
    { "POST", "/admin/users", KF_ROLE_ADMIN, 0, kf_admin_user_save },
    { "GET", "/admin/departments", KF_ROLE_ADMIN, 0, kf_admin_depts },
    { "POST", "/admin/departments", KF_ROLE_ADMIN, 0, kf_admin_dept_save },
    { "GET", "/admin/plugins", KF_ROLE_ADMIN, 0, kf_admin_plugins },
    { "POST", "/admin/plugins", KF_ROLE_ADMIN, 0, kf_admin_plugin_save },
    { "GET", "/admin/audit", KF_ROLE_ADMIN | KF_ROLE_AUDITOR, 0, kf_admin_audit },
    { "GET", "/profile", KF_ROLES_ALL, 0, kf_profile },
    { "POST", "/profile/tokens", KF_ROLES_ALL, KF_ROUTE_AUDITOR_POST, kf_profile_token_create },
    { "POST", "/profile/tokens/revoke", KF_ROLES_ALL, KF_ROUTE_AUDITOR_POST, kf_profile_token_revoke },
    { "POST", "/profile/password", KF_ROLES_ALL, KF_ROUTE_AUDITOR_POST, kf_profile_password },
    { NULL, NULL, 0, 0, NULL },
};
