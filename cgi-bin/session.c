/* session.c -- server-side sessions and CSRF tokens.
 *
 * A session id is 256 random bits from getrandom(2), sent as the cookie
 * kefu_sid (HttpOnly, SameSite=Strict, Secure over HTTPS).  The database
 * keeps only SHA-256 of it (MariaDB's SHA2), so a read of the sessions
 * table does not hand out live sessions, and any worker on any host can
 * serve the next request.  Each session has its own CSRF token; visitors
 * without a session (the login form) get a double-submit token in the
 * kefu_csrf cookie instead.
 */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include "kf_core.h"

void kf_hex(char *out, const unsigned char *in, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hex[in[i] >> 4];
        out[2 * i + 1] = hex[in[i] & 15];
    }
    out[2 * n] = '\0';
}

int kf_random_hex(char *out, size_t nbytes)
{
    unsigned char buf[64];

    if (nbytes > sizeof buf)
        return -1;
    if (getrandom(buf, nbytes, 0) != (ssize_t)nbytes)
        return -1;
    kf_hex(out, buf, nbytes);
    return 0;
}

/* The plugin settings that apply to the user's department, fetched with
 * the session in one round trip: "name=on=depth,..." (see dept.c). */
#define SETTINGS_COLUMN \
    "(SELECT GROUP_CONCAT(p.plugin, '=', p.enabled, '=', LENGTH(pd.path)) FROM plugin_settings p " \
    "JOIN departments pd ON pd.id = p.dept_id WHERE d.path LIKE CONCAT(pd.path, '%')) "

static bool is_token(const char *s)
{
    return s && strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

static bool over_https(kf_req *req)
{
    const char *h = hdf_get_value(req->hdf, "CGI.HTTPS", "");
    return strcmp(h, "on") == 0 || kf_cfg->cookie_secure;
}

static void set_cookie(kf_req *req, const char *name, const char *value, int max_age)
{
    char c[256];
    snprintf(c, sizeof c, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s", name, value,
             over_https(req) ? "; Secure" : "", max_age == 0 ? "; Max-Age=0" : "");
    kf_resp_header(req, "Set-Cookie", c);
}

/* Fills req->user from a row of the user query below. */
static void user_from_row(kf_req *req, kf_stmt *st, unsigned off)
{
    kf_user *u = &req->user;
    const char *lang;

    u->id = kf_stmt_int(st, off + 0);
    snprintf(u->login, sizeof u->login, "%s", kf_stmt_str(st, off + 1));
    snprintf(u->name, sizeof u->name, "%s", kf_stmt_str(st, off + 2));
    u->role = kf_role_parse(kf_stmt_str(st, off + 3));
    u->dept_id = kf_stmt_int(st, off + 4);
    snprintf(u->dept_path, sizeof u->dept_path, "%s", kf_stmt_str(st, off + 5));
    lang = kf_stmt_str(st, off + 6);
    if (kf_lang_valid(lang))
        snprintf(req->lang, sizeof req->lang, "%s", lang);
    /* every role sees its department and everything below it */
    snprintf(req->scope, sizeof req->scope, "%s", u->dept_path);
    req->logged_in = u->role != 0;
    /* GROUP_CONCAT stops at 1024 bytes: near that, ask the table instead */
    if (kf_stmt_cols(st) > off + 7 && kf_stmt_len(st, off + 7) < 1000)
        req->enabled_known = kf_enabled_parse(kf_stmt_str(st, off + 7), req->enabled) == 0;
}

static int anonymous(kf_req *req)
{
    const char *tok = hdf_get_value(req->hdf, "Cookie.kefu_csrf", NULL);
    const char *lang = hdf_get_value(req->hdf, "Cookie.kefu_lang", NULL);

    if (kf_lang_valid(lang))
        snprintf(req->lang, sizeof req->lang, "%s", lang);
    if (is_token(tok)) {
        snprintf(req->csrf, sizeof req->csrf, "%s", tok);
        return 0;
    }
    if (kf_random_hex(req->csrf, 32) != 0)
        return -1;
    set_cookie(req, "kefu_csrf", req->csrf, -1);
    return 0;
}

static int remote_user_login(kf_req *req)
{
    const char *ru = hdf_get_value(req->hdf, "CGI.RemoteUser", NULL);
    int64_t uid;

    if (!kf_cfg->trust_remote_user || ru == NULL || *ru == '\0' || strlen(ru) > 64)
        return 0;
    if (kf_db_int(req->db, &uid,
                  "SELECT u.id FROM users u JOIN departments d ON d.id = u.dept_id "
                  "WHERE u.login = ? AND u.active = 1 AND d.active = 1",
                  "s", ru) != 1)
        return 0;
    return kf_session_create(req, uid);
}

/* Authorization: Bearer <64 hex> naming an unrevoked, unexpired personal
 * token (profile.c) authenticates a GET as its owner, with no session
 * and no CSRF token: a token can read, never change. 1 logged in, 0 not,
 * -1 database error. */
static int token_login(kf_req *req)
{
    const char *auth = kf_req_env(req, "HTTP_AUTHORIZATION");
    kf_stmt *st;
    int64_t tid;
    int rc;

    if (auth == NULL || strncmp(auth, "Bearer ", 7) != 0 || !is_token(auth + 7) ||
        (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0))
        return 0;
    st = kf_db_query(req->db,
        "SELECT t.id, u.id, u.login, u.display_name, u.role, u.dept_id, d.path, u.lang, "
        SETTINGS_COLUMN
        "FROM api_tokens t JOIN users u ON u.id = t.user_id "
        "JOIN departments d ON d.id = u.dept_id "
        "WHERE t.token_hash = UNHEX(SHA2(?, 256)) AND t.revoked_at IS NULL "
        "AND t.expires_at > UTC_TIMESTAMP() AND u.active = 1 AND d.active = 1",
        "s", auth + 7);
    if (st == NULL)
        return -1;
    rc = kf_stmt_next(st);
    if (rc == 1) {
        tid = kf_stmt_int(st, 0);
        user_from_row(req, st, 1);
        req->via_token = req->logged_in;
    }
    kf_stmt_close(st);
    if (rc != 1)
        return rc;
    kf_db_exec(req->db, "UPDATE api_tokens SET last_used_at = UTC_TIMESTAMP() WHERE id = ?",
               "i", tid);
    return req->logged_in ? 1 : 0;
}

int kf_session_load(kf_req *req)
{
    const char *sid = hdf_get_value(req->hdf, "Cookie.kefu_sid", NULL);
    uint64_t generation;
    kf_stmt *st;
    int rc;

    if (!is_token(sid)) {
        rc = token_login(req);
        if (rc != 0)
            return rc < 0 ? -1 : 0;
        return remote_user_login(req) == 0 && req->logged_in ? 0 : anonymous(req);
    }
    if (kf_session_cache_get(sid, req))
        return 0;
    generation = kf_session_cache_generation();
    st = kf_db_query(req->db,
        "SELECT s.csrf, TIMESTAMPDIFF(SECOND, s.last_seen, UTC_TIMESTAMP()), "
        "u.id, u.login, u.display_name, u.role, u.dept_id, d.path, u.lang, "
        SETTINGS_COLUMN
        "FROM sessions s JOIN users u ON u.id = s.user_id "
        "JOIN departments d ON d.id = u.dept_id "
        "WHERE s.id_hash = UNHEX(SHA2(?, 256)) AND u.active = 1 AND d.active = 1 "
        "AND s.last_seen > UTC_TIMESTAMP() - INTERVAL ? SECOND "
        "AND s.created_at > UTC_TIMESTAMP() - INTERVAL ? SECOND",
        "sii", sid, (int64_t)kf_cfg->session_idle_s, (int64_t)kf_cfg->session_life_s);
    if (st == NULL)
        return -1;
    rc = kf_stmt_next(st);
    if (rc == 1) {
        int64_t idle = kf_stmt_int(st, 1);
        snprintf(req->csrf, sizeof req->csrf, "%s", kf_stmt_str(st, 0));
        user_from_row(req, st, 2);
        kf_stmt_close(st);
        kf_session_cache_put(sid, req, generation);
        /* touching the row on every hit would make every read a write */
        if (idle >= 60)
            kf_db_exec(req->db, "UPDATE sessions SET last_seen = UTC_TIMESTAMP() "
                       "WHERE id_hash = UNHEX(SHA2(?, 256))", "s", sid);
        return 0;
    }
    kf_stmt_close(st);
    if (rc < 0)
        return -1;
    set_cookie(req, "kefu_sid", "", 0);
    return remote_user_login(req) == 0 && req->logged_in ? 0 : anonymous(req);
}

int kf_session_create(kf_req *req, int64_t user_id)
{
    char sid[65], csrf[65];
    kf_stmt *st;
    int rc;

    if (kf_random_hex(sid, 32) != 0 || kf_random_hex(csrf, 32) != 0)
        return -1;
    if (kf_db_exec(req->db,
                   "INSERT INTO sessions (id_hash, user_id, csrf, created_at, last_seen, addr) "
                   "VALUES (UNHEX(SHA2(?, 256)), ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP(), ?)",
                   "siss", sid, user_id, csrf, kf_req_remote_addr(req)) != 0)
        return -1;
    set_cookie(req, "kefu_sid", sid, -1);
    snprintf(req->csrf, sizeof req->csrf, "%s", csrf);
    st = kf_db_query(req->db,
        "SELECT u.id, u.login, u.display_name, u.role, u.dept_id, d.path, u.lang, "
        SETTINGS_COLUMN
        "FROM users u JOIN departments d ON d.id = u.dept_id WHERE u.id = ?", "i", user_id);
    if (st == NULL)
        return -1;
    rc = kf_stmt_next(st);
    if (rc == 1)
        user_from_row(req, st, 0);
    kf_stmt_close(st);
    return rc == 1 ? 0 : -1;
}

int kf_session_destroy(kf_req *req)
{
    const char *sid = hdf_get_value(req->hdf, "Cookie.kefu_sid", NULL);
    set_cookie(req, "kefu_sid", "", 0);
    if (!is_token(sid))
        return 0;
    return kf_db_exec(req->db, "DELETE FROM sessions WHERE id_hash = UNHEX(SHA2(?, 256))",
                      "s", sid);
}

bool kf_csrf_ok(kf_req *req)
{
    const char *sent = kf_req_field(req, "csrf");
    unsigned char diff = 0;

    if (!is_token(sent) || !is_token(req->csrf))
        return false;
    for (int i = 0; i < 64; i++)
        diff |= (unsigned char)(sent[i] ^ req->csrf[i]);
    return diff == 0;
}
