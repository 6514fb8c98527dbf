/* export_register.c -- the hash-chained register of report exports.
 *
 * Each row's digest is SHA-256 (GnuTLS) over its fields joined by '|'
 * and the previous row's digest, so changing, removing or inserting a row
 * anywhere breaks every later link.  A named lock serialises writers so
 * the chain never forks; the table's triggers refuse UPDATE and DELETE
 * and the application user may only SELECT and INSERT it.
 */
#include "config.h"
#include <inttypes.h>
#include <string.h>
#include <time.h>
#include <gnutls/crypto.h>
#include "kf_core.h"

#define ZERO_DIGEST "0000000000000000000000000000000000000000000000000000000000000000"

/* hex digest of the canonical text of one record; 0 or -1 */
static int record_digest(char out[65], const char *at, int64_t uid, const char *login,
                         const char *report, const char *dept, const char *from,
                         const char *to, int64_t records, int completed, const char *sha,
                         const char *prev)
{
    char text[1024];
    unsigned char d[32];
    int n = snprintf(text, sizeof text, "%s|%" PRId64 "|%s|%s|%s|%s|%s|%" PRId64 "|%d|%s|%s",
                     at, uid, login, report, dept, from, to, records, completed, sha, prev);
    if (n < 0 || (size_t)n >= sizeof text)
        return -1;
    if (gnutls_hash_fast(GNUTLS_DIG_SHA256, text, (size_t)n, d) < 0)
        return -1;
    kf_hex(out, d, 32);
    return 0;
}

int kf_export_record(kf_req *req, const char *report, const char *dept, const char *from,
                     const char *to, int64_t records, bool completed, const char *sha256)
{
    char at[32], prev[65] = ZERO_DIGEST, digest[65], after[512];
    time_t t = time(NULL);
    struct tm tm;
    int64_t locked = 0;
    kf_stmt *st;
    int rc = -1;

    gmtime_r(&t, &tm);
    strftime(at, sizeof at, "%Y-%m-%d %H:%M:%S", &tm);
    if (kf_db_int(req->db, &locked, "SELECT GET_LOCK('kefu_export_register', 10)", "") != 1 ||
        locked != 1)
        return -1;
    if (kf_db_begin(req->db) != 0)
        goto unlock;
    st = kf_db_query(req->db, "SELECT digest FROM export_register ORDER BY id DESC LIMIT 1", "");
    if (st == NULL)
        goto fail;
    if (kf_stmt_next(st) == 1)
        snprintf(prev, sizeof prev, "%s", kf_stmt_str(st, 0));
    kf_stmt_close(st);
    if (record_digest(digest, at, req->user.id, req->user.login, report, dept, from, to,
                      records, completed ? 1 : 0, sha256, prev) != 0)
        goto fail;
    snprintf(after, sizeof after, "dept=%s; period=%s..%s; records=%" PRId64
             "; completed=%d; sha256=%s", dept, from, to, records, completed ? 1 : 0, sha256);
    if (kf_db_exec(req->db,
                   "INSERT INTO export_register (at, user_id, user_login, report, dept_code, "
                   "period_from, period_to, records, completed, sha256, prev_digest, digest) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   "sisssssiisss", at, req->user.id, req->user.login, report, dept, from, to,
                   records, (int64_t)(completed ? 1 : 0), sha256, prev, digest) != 0 ||
        kf_audit(req, "export", "report", report, NULL, after) != 0 ||
        kf_db_commit(req->db) != 0)
        goto fail;
    rc = 0;
    goto unlock;
fail:
    kf_db_rollback(req->db);
unlock:
    kf_db_int(req->db, &locked, "SELECT RELEASE_LOCK('kefu_export_register')", "");
    return rc;
}

int kf_export_verify(kf_db *db, FILE *out)
{
    char prev[65] = ZERO_DIGEST, want[65];
    long long n = 0;
    kf_stmt *st;
    int rc;

    st = kf_db_query(db,
        "SELECT id, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), user_id, user_login, report, "
        "dept_code, DATE_FORMAT(period_from, '%Y-%m-%d'), DATE_FORMAT(period_to, '%Y-%m-%d'), "
        "records, completed, sha256, prev_digest, digest FROM export_register ORDER BY id", "");
    if (st == NULL)
        return -1;
    while ((rc = kf_stmt_next(st)) == 1) {
        long long id = (long long)kf_stmt_int(st, 0);
        const char *stored_prev = kf_stmt_str(st, 11), *digest = kf_stmt_str(st, 12);
        if (strcmp(stored_prev, prev) != 0) {
            fprintf(out, "broken link at record %lld: prev_digest does not match the record before\n", id);
            kf_stmt_close(st);
            return 1;
        }
        if (record_digest(want, kf_stmt_str(st, 1), kf_stmt_int(st, 2), kf_stmt_str(st, 3),
                          kf_stmt_str(st, 4), kf_stmt_str(st, 5), kf_stmt_str(st, 6),
                          kf_stmt_str(st, 7), kf_stmt_int(st, 8), (int)kf_stmt_int(st, 9),
                          kf_stmt_str(st, 10), stored_prev) != 0 ||
            strcmp(want, digest) != 0) {
            fprintf(out, "broken link at record %lld: digest does not match its fields\n", id);
            kf_stmt_close(st);
            return 1;
        }
        snprintf(prev, sizeof prev, "%s", digest);
        n++;
    }
    kf_stmt_close(st);
    if (rc < 0)
        return -1;
    fprintf(out, "ok %lld records\n", n);
    return 0;
}

int kf_export_check(kf_db *db, const char *path, FILE *out)
{
    unsigned char buf[65536], d[32];
    char hex[65];
    gnutls_hash_hd_t h;
    FILE *f = fopen(path, "rb");
    size_t n;
    kf_stmt *st;
    int rc, found = 0;

    if (f == NULL) {
        fprintf(out, "%s: cannot open\n", path);
        return -1;
    }
    if (gnutls_hash_init(&h, GNUTLS_DIG_SHA256) < 0) {
        fclose(f);
        return -1;
    }
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        gnutls_hash(h, buf, n);
    fclose(f);
    gnutls_hash_deinit(h, d);
    kf_hex(hex, d, 32);
    st = kf_db_query(db,
        "SELECT id, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), user_login, report, dept_code, "
        "DATE_FORMAT(period_from, '%Y-%m-%d'), DATE_FORMAT(period_to, '%Y-%m-%d'), records, "
        "completed FROM export_register WHERE sha256 = ? ORDER BY id", "s", hex);
    if (st == NULL)
        return -1;
    while ((rc = kf_stmt_next(st)) == 1) {
        found++;
        fprintf(out, "record %s: %s UTC by %s, %s of %s for %s..%s, %s records%s\n",
                kf_stmt_str(st, 0), kf_stmt_str(st, 1), kf_stmt_str(st, 2), kf_stmt_str(st, 3),
                kf_stmt_str(st, 4), kf_stmt_str(st, 5), kf_stmt_str(st, 6), kf_stmt_str(st, 7),
                kf_stmt_int(st, 8) ? "" : " (incomplete)");
    }
    kf_stmt_close(st);
    if (rc < 0)
        return -1;
    if (!found)
        fprintf(out, "sha256 %s: not in the export register\n", hex);
    return found ? 0 : 1;
}
