/* profile.c -- the user's own page: personal API tokens.
 *
 *   GET  /profile                the user's tokens (name, dates, state)
 *   POST /profile/tokens         creates one: name, days (1..365); the
 *                                token is shown once on the answer page
 *   POST /profile/tokens/revoke  id: revokes one of the user's tokens
 *
 * A token is 256 random bits as 64 hex digits; the database keeps only
 * SHA-256 of it (as for sessions).  It authenticates GET requests only
 * (session.c), so scripts can pull reports without a browser.  Auditors
 * may make these POSTs: they change no business data.
 */
#include "config.h"
#include <string.h>
#include "kf_core.h"

static int show(kf_req *req)
{
    if (kf_db_rows_to_hdf(req->db, req->hdf, "Profile.tokens",
            "SELECT id, name, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i') AS created, "
            "DATE_FORMAT(expires_at, '%Y-%m-%d %H:%i') AS expires, "
            "DATE_FORMAT(last_used_at, '%Y-%m-%d %H:%i') AS last_used, "
            "CASE WHEN revoked_at IS NOT NULL THEN 'revoked' "
            "WHEN expires_at <= UTC_TIMESTAMP() THEN 'expired' ELSE 'active' END AS state "
            "FROM api_tokens WHERE user_id = ? ORDER BY id DESC LIMIT 100",
            "i", req->user.id) < 0)
        return KF_FAIL;
    return kf_render(req, "core/profile.cs", "core.profile.title");
}

int kf_profile(kf_req *req) { return show(req); }

int kf_profile_token_create(kf_req *req)
{
    const char *name = kf_req_text(req, "name", 64);
    long long days;
    char token[65], after[96];
    int64_t id;

    if (name == NULL || *name == '\0' || !kf_req_int(req, "days", 1, 365, &days)) {
        kf_set(req->hdf, "Profile.error", "core.profile.bad");
        req->status = 400;
        return show(req);
    }
    if (kf_random_hex(token, 32) != 0)
        return KF_FAIL;
    snprintf(after, sizeof after, "days=%lld", days);
    if (kf_db_begin(req->db) != 0 ||
        kf_db_exec_id(req->db, &id,
            "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) "
            "VALUES (?, ?, UNHEX(SHA2(?, 256)), UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL ? DAY)",
            "issi", req->user.id, name, token, (int64_t)days) != 0 ||
        kf_audit(req, "token.create", "api_token", name, NULL, after) != 0 ||
        kf_db_commit(req->db) != 0) {
        kf_db_rollback(req->db);
        return KF_FAIL;
    }
    kf_set(req->hdf, "Profile.new_token", token);
    return show(req);
}

int kf_profile_token_revoke(kf_req *req)
{
    long long id;
    char oid[32];

    if (!kf_req_int(req, "id", 1, INT64_MAX, &id))
        return 400;
    snprintf(oid, sizeof oid, "%lld", id);
    if (kf_db_begin(req->db) != 0 ||
        kf_db_exec(req->db, "UPDATE api_tokens SET revoked_at = UTC_TIMESTAMP() "
                   "WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
                   "ii", (int64_t)id, req->user.id) != 0 ||
        kf_audit(req, "token.revoke", "api_token", oid, NULL, NULL) != 0 ||
        kf_db_commit(req->db) != 0) {
        kf_db_rollback(req->db);
        return KF_FAIL;
    }
    kf_flash(req, "core.profile.token_revoked");
    return kf_resp_redirect(req, "/profile");
}
