/* dispatch.c -- the one order of checks every request passes.
 *
 *   route match (404/405) -> session -> the user's department ->
 *   plugin enabled there? (403) -> role (403) -> auditors read only (403)
 *   -> CSRF on every POST (403) -> handler
 *
 * Only this file decides who may reach a handler; plugins never check
 * enablement or roles themselves.
 */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "kf_core.h"

const char *kf_role_name(unsigned role)
{
    switch (role) {
    case KF_ROLE_EMPLOYEE: return "employee";
    case KF_ROLE_MANAGER: return "manager";
    case KF_ROLE_AUDITOR: return "auditor";
    case KF_ROLE_ADMIN: return "admin";
    default: return "";
    }
}

unsigned kf_role_parse(const char *name)
{
    static const unsigned roles[] = { KF_ROLE_EMPLOYEE, KF_ROLE_MANAGER, KF_ROLE_AUDITOR,
                                      KF_ROLE_ADMIN };
    for (size_t i = 0; name && i < sizeof roles / sizeof roles[0]; i++)
        if (strcmp(name, kf_role_name(roles[i])) == 0)
            return roles[i];
    return 0;
}

const char *kf_scope_path(const kf_req *req) { return req->scope; }

bool kf_scope_contains(const kf_req *req, const char *dept_path)
{
    size_t n = strlen(req->scope);
    return n > 0 && dept_path && strncmp(dept_path, req->scope, n) == 0;
}

/* Puts what every template may use into the HDF. */
static void page_data(kf_req *req)
{
    HDF *h = req->hdf;
    kf_set(h, "Lang.current", req->lang);
    kf_set(h, "Request.path", req->path);
    kf_set(h, "Session.csrf", req->csrf);
    if (!req->logged_in)
        return;
    kf_set(h, "User.login", req->user.login);
    kf_set(h, "User.name", req->user.name);
    kf_set(h, "User.role", kf_role_name(req->user.role));
    kf_set_int(h, "User.dept_id", req->user.dept_id);
}

/* Moves a flash message left by the previous response into the page. */
static void take_flash(kf_req *req)
{
    const char *f = hdf_get_value(req->hdf, "Cookie.kefu_flash", NULL);
    if (f == NULL)
        return;
    if (strlen(f) < 64 && strspn(f, "abcdefghijklmnopqrstuvwxyz0123456789_.") == strlen(f))
        kf_set(req->hdf, "Flash.0", f);
    kf_resp_header(req, "Set-Cookie", "kefu_flash=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
}

static int to_login(kf_req *req)
{
    char *esc = NULL;
    char target[KF_PATH_MAX * 3 + 32];
    NEOERR *err;

    if (strcmp(req->method, "GET") != 0)
        return 403;
    /* a script with a wrong, revoked or expired token gets no login form */
    if (kf_req_env(req, "HTTP_AUTHORIZATION") != NULL)
        return 401;
    err = cgi_url_escape(req->path, &esc);
    if (err != STATUS_OK) {
        nerr_ignore(&err);
        return kf_resp_redirect(req, "/login");
    }
    snprintf(target, sizeof target, "/login?next=%s", esc);
    free(esc);
    return kf_resp_redirect(req, target);
}

int kf_dispatch(kf_req *req)
{
    kf_match *m = &req->match;
    const char *method = strcmp(req->method, "HEAD") == 0 ? "GET" : req->method;
    bool post = strcmp(method, "POST") == 0;
    int rc;

    if (!kf_router_find(method, req->path, m)) {
        kf_lang_copy(req->hdf, req->lang);
        return m->method_mismatch ? 405 : 404;
    }
    /* /healthz answers for itself, without a session */
    if (strcmp(req->path, "/healthz") == 0)
        return m->route->handler(req);
    if (kf_db_ensure(req->db) != 0 || kf_session_load(req) != 0) {
        kf_lang_copy(req->hdf, req->lang);
        return 503;
    }
    if (kf_lang_copy(req->hdf, req->lang) != 0)
        return KF_FAIL;
    page_data(req);
    take_flash(req);

    if (!(m->route->flags & KF_ROUTE_PUBLIC)) {
        if (!req->logged_in)
            return to_login(req);
        if (m->plugin) {
            const bool *on = kf_req_enabled(req);
            if (on == NULL)
                return KF_FAIL;
            rc = on[m->plugin - kf_plugins_get(0)];
            if (rc == 0) {
                kf_set(req->hdf, "Error.Reason", "plugin_off");
                return 403;
            }
        }
        if (!(m->route->roles & req->user.role))
            return 403;
        if (req->user.role == KF_ROLE_AUDITOR && post && !(m->route->flags & KF_ROUTE_AUDITOR_POST))
            return 403;
    }
    if (post && !(m->route->flags & KF_ROUTE_NO_CSRF) && !kf_csrf_ok(req)) {
        kf_set(req->hdf, "Error.Reason", "csrf");
        return 403;
    }
    rc = m->route->handler(req);
    /* the core's forms are the ones that change users, departments,
     * sessions and plugin settings: workers forget the sessions they hold */
    if (post && m->plugin == NULL)
        kf_session_cache_invalidate();
    return rc;
}
