/* profile_password.c -- POST /profile/password: users change their own
 * password.
 *
 * Fields: current, password, confirm.  The new password follows the
 * admin form's rule (KF_PASSWORD_MIN..KF_PASSWORD_MAX bytes) and must
 * differ from the current one.  A wrong current password counts as a
 * failed login (auth.c's counter and lock), so a borrowed browser cannot
 * guess through this form faster than through the login form; a locked
 * account cannot change its password here.  On success every other
 * session of the user ends (a password change is what people do when
 * they suspect someone else is signed in); this one stays.  Refusals
 * answer 400 (403 when locked) with the profile page and change nothing.
 */
#include "config.h"
#include <string.h>
#include "kf_core.h"

static int refuse(kf_req *req, int status, const char *why)
{
    kf_set(req->hdf, "Profile.pw_error", why);
    req->status = status;
    return kf_profile(req);
}

/* The user's hash, failure count and lock; 1 found, 0 not, -1 error. */
static int load_user(kf_req *req, char *hash, size_t len, int *failed, int *locked)
{
    kf_stmt *st = kf_db_query(req->db,
        "SELECT password_hash, failed_logins, "
        "locked_until IS NOT NULL AND locked_until > UTC_TIMESTAMP() FROM users WHERE id = ?",
        "i", req->user.id);
    int rc;

    if (st == NULL)
        return -1;
    rc = kf_stmt_next(st);
    if (rc == 1) {
        snprintf(hash, len, "%s", kf_stmt_str(st, 0) ? kf_stmt_str(st, 0) : "");
        *failed = (int)kf_stmt_int(st, 1);
        *locked = (int)kf_stmt_int(st, 2);
    }
    kf_stmt_close(st);
    return rc;
}

static int store(kf_req *req, const char *password)
{
    const char *sid = hdf_get_value(req->hdf, "Cookie.kefu_sid", "");
    char hash[256];

    if (kf_password_hash(password, hash, sizeof hash) != 0)
        return -1;
    if (kf_db_begin(req->db) != 0 ||
        kf_db_exec(req->db, "UPDATE users SET password_hash = ?, failed_logins = 0 WHERE id = ?",
                   "si", hash, req->user.id) != 0 ||
        kf_db_exec(req->db, "DELETE FROM sessions WHERE user_id = ? "
                   "AND id_hash <> UNHEX(SHA2(?, 256))", "is", req->user.id, sid) != 0 ||
        kf_audit(req, "user.passwd.self", "user", req->user.login, NULL,
                 "other sessions ended") != 0 ||
        kf_db_commit(req->db) != 0) {
        kf_db_rollback(req->db);
        return -1;
    }
    return 0;
}

int kf_profile_password(kf_req *req)
{
    const char *current = kf_req_text(req, "current", KF_PASSWORD_MAX);
    const char *password = kf_req_text(req, "password", KF_PASSWORD_MAX);
    const char *confirm = kf_req_text(req, "confirm", KF_PASSWORD_MAX);
    char hash[256];
    int failed = 0, locked = 0, rc;

    if (current == NULL || password == NULL || confirm == NULL ||
        strlen(password) < KF_PASSWORD_MIN)
        return refuse(req, 400, "core.profile.pw_rule");
    if (strcmp(password, confirm) != 0)
        return refuse(req, 400, "core.profile.pw_mismatch");
    if (strcmp(password, current) == 0)
        return refuse(req, 400, "core.profile.pw_same");
    rc = load_user(req, hash, sizeof hash, &failed, &locked);
    if (rc != 1)
        return KF_FAIL;
    if (locked)
        return refuse(req, 403, "core.profile.pw_locked");
    if (!kf_password_verify(current, hash)) {
        if (kf_login_failure(req, req->user.id, req->user.login, req->user.dept_id, failed) != 0)
            return KF_FAIL;
        return refuse(req, 400, "core.profile.pw_wrong");
    }
    if (store(req, password) != 0)
        return KF_FAIL;
    kf_flash(req, "core.profile.pw_changed");
    return kf_resp_redirect(req, "/profile");
}
