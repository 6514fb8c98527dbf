/* audit.c -- the append-only audit log.
 *
 * Rows are only ever inserted, in the caller's transaction, so a change
 * and its record commit or vanish together.  The application's database
 * user holds INSERT and SELECT on audit_log and nothing else, and
 * triggers refuse UPDATE and DELETE for everyone (sql/core).
 */
#include "config.h"
#include "kf_core.h"

int kf_audit_raw(kf_db *db, int64_t user_id, const char *login, const char *addr,
                 int64_t dept_id, const char *action, const char *object_type,
                 const char *object_id, const char *before, const char *after)
{
    return kf_db_exec(db,
        "INSERT INTO audit_log (at, user_id, user_login, addr, dept_id, action, "
        "object_type, object_id, before_value, after_value) "
        "VALUES (UTC_TIMESTAMP(6), ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        "IssIsssss", user_id, login, addr, dept_id, action, object_type, object_id,
        before, after);
}

int kf_audit(kf_req *req, const char *action, const char *object_type,
             const char *object_id, const char *before, const char *after)
{
    const kf_user *u = kf_req_user(req);
    return kf_audit_raw(req->db, u ? u->id : -1, u ? u->login : NULL, kf_req_remote_addr(req),
                        u ? u->dept_id : -1, action, object_type, object_id, before, after);
}
