/* kf_core.h -- declarations shared by the core's own files (not plugins).
 *
 * The core is split by concern, one file each: config.c (the HDF config,
 * read and validated once), log.c (one line per request and per error),
 * db.c (the worker's MariaDB connection and prepared statements),
 * req.c (binding ClearSilver's cgi kit to a request, limits, responses),
 * render.c (templates and language files), plugin.c (loading .so files),
 * router.c (matching a path to a route), dispatch.c (the order of checks
 * every request passes), session.c / auth.c (identity), dept.c (the
 * department tree, scopes, plugin enablement), audit.c, pages.c and
 * admin*.c (the core's own pages), master.c / worker.c (processes),
 * migrate.c (numbered SQL files).
 */
#ifndef KF_CORE_H
#define KF_CORE_H

#include <limits.h>
#include <stdio.h>
#include <fcgiapp.h>
#include <mysql.h>
#include "kefu.h"

#define KF_MAX_PLUGINS 32
#define KF_MAX_PARAMS 4
#define KF_PATH_MAX 1024

/* ---- config.c ---- */
typedef struct kf_config {
    HDF *hdf;                 /* the whole file, kept for kf_config() */
    char file[PATH_MAX];
    char listen[PATH_MAX];    /* "unix:/path" or "host:port" */
    int workers;
    long max_requests;        /* a worker retires after this many; 0 = never */
    struct {
        char socket[PATH_MAX];
        char host[256];
        int port;
        char name[65];
        char user[65];
        char password[129];
        char admin_user[65];  /* used by kefuctl migrate; empty = same as user */
        char admin_password[129];
        char app_user[65];    /* granted table privileges by migrate; empty = user */
        char app_host[256];
    } db;
    char plugin_dir[PATH_MAX];
    char template_dir[PATH_MAX];
    char lang_dir[PATH_MAX];
    char sql_dir[PATH_MAX];
    char upload_dir[PATH_MAX];
    char default_lang[16];
    long body_max;
    long upload_max;
    int fields_max;
    int session_idle_s;
    int session_life_s;
    int session_cache_s;      /* a worker may reuse a session it read this long; 0 = off */
    int lock_failures;
    int lock_s;
    int trust_remote_user;
    int cookie_secure;        /* 1 always, 0 only when the request came over HTTPS */
} kf_config;

extern kf_config *kf_cfg;

/* Reads and validates path into a fresh config; on error returns NULL and
 * writes "file: key: what was expected" into err. */
kf_config *kf_config_load(const char *path, char *err, size_t errlen);
void kf_config_free(kf_config *cfg);
const char *kf_config_default_path(void);

/* ---- log.c ---- */
void kf_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kf_log_neoerr(const char *what, NEOERR *err);  /* consumes err */

/* ---- db.c ---- */
kf_db *kf_db_open(const kf_config *cfg, int admin);
void kf_db_close(kf_db *db);
int kf_db_ensure(kf_db *db);          /* reconnects a lost connection; 0 ok */
bool kf_db_down(const kf_db *db);     /* the last failure was a lost server */
int kf_db_ping(kf_db *db);
const char *kf_db_error(kf_db *db);
int kf_db_query_plain(kf_db *db, const char *sql);  /* for migrations only */
MYSQL *kf_db_mysql(kf_db *db);
/* statements with SQL built at run time must bypass the cache */
void kf_db_nocache(kf_db *db, bool on);
bool kf_db_in_tx(const kf_db *db);

/* ---- render.c ---- */
int kf_lang_load(const char *dir);
void kf_lang_free(void);
bool kf_lang_valid(const char *lang);
int kf_lang_copy(HDF *hdf, const char *lang);   /* links L when LangTree is attached */
int kf_lang_attach(HDF *hdf);

/* ---- plugin.c ---- */
typedef struct kf_loaded_plugin {
    const kf_plugin *desc;
    void *handle;
    char prefix[64];
} kf_loaded_plugin;

int kf_plugins_load(const char *dir);
void kf_plugins_unload(void);
size_t kf_plugins_count(void);
const kf_loaded_plugin *kf_plugins_get(size_t i);
const kf_loaded_plugin *kf_plugins_find(const char *name);
/* Checks a descriptor; returns NULL when usable or the reason it is refused. */
const char *kf_plugin_check(const kf_plugin *p);

/* ---- router.c ---- */
typedef struct kf_match {
    const kf_route *route;
    const kf_loaded_plugin *plugin;  /* NULL for core routes */
    int nparams;
    char names[KF_MAX_PARAMS][32];
    char values[KF_MAX_PARAMS][256];
    bool method_mismatch;            /* a path matched, the method did not */
} kf_match;

/* Matches path against one route table mounted at prefix ("" for core). */
bool kf_route_match(const char *prefix, const kf_route *routes, const char *method,
                    const char *path, kf_match *m);
/* Finds the route for method and path among core and plugin routes. */
bool kf_router_find(const char *method, const char *path, kf_match *m);
extern const kf_route kf_core_routes[];

/* ---- req.c ---- */
typedef struct kf_io {
    FCGX_Stream *in, *out, *err;   /* NULL streams: plain CGI over stdio */
    FCGX_ParamArray envp;
} kf_io;

struct kf_req {
    kf_io *io;
    CGI *cgi;
    HDF *hdf;
    kf_db *db;
    char method[8];
    char path[KF_PATH_MAX];
    kf_match match;
    kf_user user;
    bool logged_in;
    bool via_token;
    char scope[256];
    char csrf[65];
    char lang[16];
    int status;
    bool responded;
    bool headers_sent;
    int nheaders;
    int nflash;
    char error_id[17];
    double started;
    bool enabled_known;              /* enabled[] computed for this request */
    bool enabled[KF_MAX_PLUGINS];
};

/* Serves one request on io with an open database handle. */
void kf_serve(kf_io *io, kf_db *db, int worker_id);
int kf_req_error_page(kf_req *req, int status);
/* whether parsed templates of this request's HDF may be kept */
bool kf_render_cache_on(const kf_req *req);

/* ---- dispatch.c ---- */
int kf_dispatch(kf_req *req);

/* ---- session.c ---- */
int kf_session_load(kf_req *req);          /* 0 ok (maybe anonymous), -1 db error */
int kf_session_create(kf_req *req, int64_t user_id);
int kf_session_destroy(kf_req *req);
bool kf_csrf_ok(kf_req *req);
/* pages.c: a failed password check; locks the account after LockFailures */
int kf_login_failure(kf_req *req, int64_t uid, const char *login, int64_t dept, int failed);
/* ---- profile.c, profile_password.c: the /profile handlers ---- */
int kf_profile(kf_req *req);   /* also the answer of the page's refused forms */
int kf_profile_token_create(kf_req *req);
int kf_profile_token_revoke(kf_req *req);
int kf_profile_password(kf_req *req);
void kf_hex(char *out, const unsigned char *in, size_t n); /* lower-case hex, out has 2*n+1 */

/* ---- session_cache.c ---- */
int kf_session_cache_init(void);          /* by the master, before it forks */
void kf_session_cache_invalidate(void);   /* after a change to users, sessions, settings */
bool kf_session_cache_get(const char *sid, kf_req *req);
void kf_session_cache_put(const char *sid, const kf_req *req, uint64_t generation);
uint64_t kf_session_cache_generation(void);

/* ---- auth.c ---- */
#define KF_PASSWORD_MIN 8     /* bytes; the admin forms and the profile form */
#define KF_PASSWORD_MAX 256
int kf_password_hash(const char *password, char *out, size_t outlen);
bool kf_password_verify(const char *password, const char *hash);

/* ---- dept.c ---- */
/* fills enabled[i] for every loaded plugin */
int kf_plugins_enabled_for(kf_db *db, const char *dept_path, bool *enabled);
/* parses "name=0|1=depth,..." (the session query's settings column) */
int kf_enabled_parse(const char *settings, bool *enabled);
/* the same for the request's user, computed once per request; NULL on error */
const bool *kf_req_enabled(kf_req *req);

/* ---- audit.c ---- */
int kf_audit_raw(kf_db *db, int64_t user_id, const char *login, const char *addr,
                 int64_t dept_id, const char *action, const char *object_type,
                 const char *object_id, const char *before, const char *after);

/* ---- report.c ---- */
/* How many reports the core and the loaded plugins declare. */
size_t kf_reports_count(void);

/* ---- export_register.c ---- */
/* Appends one export to the hash-chained register and the audit log, in
 * one transaction; sha256 is the hex digest of the bytes sent. 0 or -1. */
int kf_export_record(kf_req *req, const char *report, const char *dept, const char *from,
                     const char *to, int64_t records, bool completed, const char *sha256);
/* Walks the chain: prints "ok N records" and returns 0, or the first
 * broken link and returns 1; -1 on a database error. */
int kf_export_verify(kf_db *db, FILE *out);
/* Finds a downloaded file in the register by the SHA-256 of its bytes:
 * prints the matching records and returns 0, or 1 when none. -1 error. */
int kf_export_check(kf_db *db, const char *path, FILE *out);

/* ---- migrate.c ---- */
int kf_migrate(kf_db *db, const char *sql_dir, FILE *out);
int kf_grant_app_user(kf_db *db, const kf_config *cfg, FILE *out);

/* ---- roles ---- */
const char *kf_role_name(unsigned role);
unsigned kf_role_parse(const char *name);

#endif
