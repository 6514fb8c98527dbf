/* kefu.h -- the one header a Kefu plugin includes.
 *
 * A plugin is a shared object that exports exactly one data symbol,
 * `kefu_plugin` (see KF_PLUGIN_EXPORT), a constant kf_plugin descriptor.
 * The core checks the magic number and ABI version before it touches
 * anything else in the descriptor, so a stale or foreign .so is refused
 * without running any of its code.
 *
 * Everything a handler needs from the core is declared here: the request
 * (query and form fields, path parameters, the logged-in user), the
 * response (status, headers, redirects, raw output), rendering of a
 * ClearSilver template inside layout.cs, the worker's database connection
 * (prepared statements and transactions only), department scoping and
 * the audit log.  HDF and the ClearSilver types come from the core, which
 * links ClearSilver once and exports its symbols to every plugin.
 */
#ifndef KEFU_H
#define KEFU_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <libxml/xmlwriter.h>
#include "kf_clearsilver.h"

#define KF_PLUGIN_MAGIC 0x4B454655u /* "KEFU" */
#define KF_ABI_VERSION  2u

/* Roles are bits so a route can accept several. */
enum kf_role {
    KF_ROLE_EMPLOYEE = 1u << 0,
    KF_ROLE_MANAGER  = 1u << 1,
    KF_ROLE_AUDITOR  = 1u << 2,
    KF_ROLE_ADMIN    = 1u << 3,
};
#define KF_ROLES_STAFF (KF_ROLE_EMPLOYEE | KF_ROLE_MANAGER)
#define KF_ROLES_ALL   (KF_ROLE_EMPLOYEE | KF_ROLE_MANAGER | KF_ROLE_AUDITOR | KF_ROLE_ADMIN)

/* Route flags. */
enum kf_route_flag {
    KF_ROUTE_PUBLIC       = 1u << 0, /* no session needed (login, health) */
    KF_ROUTE_AUDITOR_POST = 1u << 1, /* a POST an auditor may make (it changes no business data) */
    KF_ROUTE_NO_CSRF      = 1u << 2, /* POST authenticated by other means (bearer token) */
};

/* What a handler returns: KF_DONE when it has produced the response
 * (rendered, redirected or streamed), or an HTTP status (400, 403, 404,
 * 409, 503, ...) for the core to answer with its error page, or KF_FAIL
 * for an internal error (500 page with an error id, logged). */
#define KF_DONE 0
#define KF_FAIL (-1)

typedef struct kf_req kf_req;
typedef struct kf_db kf_db;
typedef struct kf_stmt kf_stmt;
typedef int (*kf_handler)(kf_req *req);

typedef struct kf_route {
    const char *method;   /* "GET" or "POST" */
    const char *path;     /* below the plugin prefix: "/", "/new", "/:ref", "/:ref/step" */
    unsigned roles;       /* bitmask of enum kf_role */
    unsigned flags;       /* bitmask of enum kf_route_flag */
    kf_handler handler;
} kf_route;

/* A report a plugin offers (ABI 2): the writer is handed a text writer
 * already inside the document and streams its root element into it.
 * Times in the scope are whole days, both ends included, UTC. */
typedef struct kf_report_scope {
    const char *dept_path;   /* "/1/2/": match with LIKE CONCAT(?, '%') */
    const char *dept_code;
    const char *from, *to;   /* YYYY-MM-DD */
    int64_t *count;          /* the writer adds every record it writes */
} kf_report_scope;

typedef struct kf_report {
    const char *name;        /* [a-z][a-z0-9-]*, the URL /export/<name>.xml */
    const char *title_key;   /* language key of its title */
    const char *xsd;         /* file name under static/schemas/ */
    /* 0 written, -1 failed (database or writer error) */
    int (*write)(kf_req *req, xmlTextWriterPtr w, const kf_report_scope *scope);
} kf_report;

typedef struct kf_plugin {
    uint32_t magic;          /* KF_PLUGIN_MAGIC */
    uint32_t abi_version;    /* KF_ABI_VERSION */
    const char *name;        /* [a-z][a-z0-9_]*, unique; names its sql/ and lang/ files */
    const char *version;
    const char *title_key;   /* language key of the plugin's title, e.g. "complaints.title" */
    const char *prefix;      /* URL prefix, NULL for "/<name>" */
    const kf_route *routes;  /* terminated by an entry whose method is NULL */
    const char *panel_template; /* dashboard panel template, or NULL */
    int (*panel)(kf_req *req);  /* fills HDF for the panel; NULL for none */
    int (*init)(void);       /* once per worker after the database is up; 0 = ok */
    void (*fini)(void);
    const kf_report *reports; /* terminated by an entry whose name is NULL; may be NULL */
} kf_plugin;

/* Put in front of the descriptor definition: it is the only symbol a
 * plugin built with -fvisibility=hidden makes visible. */
#define KF_PLUGIN_EXPORT __attribute__((visibility("default")))
#define KF_PLUGIN_SYMBOL "kefu_plugin"

/* ---- the request -------------------------------------------------------- */

typedef struct kf_user {
    int64_t id;
    int64_t dept_id;
    unsigned role;        /* one enum kf_role bit */
    char login[65];
    char name[129];
    char dept_path[256];  /* materialised path "/1/4/" of the user's department */
} kf_user;

HDF *kf_req_hdf(kf_req *req);
const char *kf_req_method(const kf_req *req);
const char *kf_req_path(const kf_req *req);
/* a ":name" segment of the matched route, or NULL */
const char *kf_req_param(const kf_req *req, const char *name);
/* a query or form field; NULL when absent */
const char *kf_req_field(kf_req *req, const char *name);
/* a field bounded to max_len bytes of valid UTF-8, NULL when absent or invalid */
const char *kf_req_text(kf_req *req, const char *name, size_t max_len);
/* an integer field within [lo, hi]; returns false when absent or invalid */
bool kf_req_int(kf_req *req, const char *name, long long lo, long long hi, long long *out);
const kf_user *kf_req_user(const kf_req *req);
const char *kf_req_remote_addr(kf_req *req);
/* an uploaded file's handle (positioned at start) and its size; NULL when absent */
FILE *kf_req_upload(kf_req *req, const char *name, long *size);

/* HDF setters that log and swallow ClearSilver's errors: 0 ok, -1 failed. */
int kf_set(HDF *hdf, const char *key, const char *value);
int kf_set_int(HDF *hdf, const char *key, long long value);
int kf_setf(HDF *hdf, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* ---- the response ------------------------------------------------------- */

void kf_resp_status(kf_req *req, int status);
int kf_resp_header(kf_req *req, const char *name, const char *value);
/* 303 See Other to a path on this site; returns KF_DONE */
int kf_resp_redirect(kf_req *req, const char *path);
/* Adds a flash message shown on the next page: key is a language key. */
void kf_flash(kf_req *req, const char *lang_key);
/* Raw output (downloads, XML): send headers once, then write bytes. */
int kf_resp_begin(kf_req *req, const char *content_type);
int kf_resp_write(kf_req *req, const void *buf, size_t len);

/* Render templates/<tpl> inside layout.cs with the request's HDF; the
 * page title is the language key title_key. Returns KF_DONE or KF_FAIL. */
int kf_render(kf_req *req, const char *tpl, const char *title_key);
/* Replaces the code in column col of every row under list (as
 * kf_db_rows_to_hdf set them) by its label, the value of <labels>.<code>
 * in the request's language (labels such as "L.complaints.severity"), so
 * the template prints the cell as it is; a code without a label stays.
 * Each distinct code is looked up once.  0, or -1 when a value can't be set. */
int kf_label_column(HDF *hdf, const char *list, const char *col, const char *labels);

/* ---- the database ------------------------------------------------------- */

/* Parameter types for kf_db_exec / kf_db_query, one char per '?':
 *   'i' int64_t   'I' int64_t or NULL when negative   'd' double
 *   's' const char * (NULL is SQL NULL)   'b' const void *, size_t (blob)
 * and, binding nothing, '-' skips a const char * argument and '_' an
 * int64_t: one argument list can serve statements that use some of it
 * (a list's filters, only those set). */
kf_db *kf_req_db(kf_req *req);
/* Runs a statement; *affected / *insert_id when non-NULL. 0 or -1. */
int kf_db_exec(kf_db *db, const char *sql, const char *types, ...);
int kf_db_exec_id(kf_db *db, int64_t *insert_id, const char *sql, const char *types, ...);
/* Prepares, binds and executes a query; rows are fetched with kf_stmt_next.
 * Buffered: another statement may run while this one is open. */
kf_stmt *kf_db_query(kf_db *db, const char *sql, const char *types, ...);
/* Unbuffered: rows stream from the server, nothing else may run until
 * kf_stmt_close (for exports of any size). */
kf_stmt *kf_db_stream(kf_db *db, const char *sql, const char *types, ...);
/* 1 row fetched, 0 done, -1 error */
int kf_stmt_next(kf_stmt *st);
const char *kf_stmt_str(kf_stmt *st, unsigned col);   /* NULL for SQL NULL */
size_t kf_stmt_len(kf_stmt *st, unsigned col);
int64_t kf_stmt_int(kf_stmt *st, unsigned col);       /* 0 for NULL */
bool kf_stmt_null(kf_stmt *st, unsigned col);
unsigned kf_stmt_cols(kf_stmt *st);
const char *kf_stmt_colname(kf_stmt *st, unsigned col);
/* Copies every column of the current row into HDF under prefix.<colname>. */
int kf_stmt_to_hdf(kf_stmt *st, HDF *hdf, const char *prefix);
void kf_stmt_close(kf_stmt *st);
/* Single value helpers: 1 found, 0 no row, -1 error */
int kf_db_int(kf_db *db, int64_t *out, const char *sql, const char *types, ...);
int kf_db_begin(kf_db *db);
/* The same at READ COMMITTED: searches lock only the rows they match, no
 * gaps.  For short write transactions that update rows through an index
 * other transactions are inserting into at the same time (where
 * REPEATABLE READ's gap locks make them wait on each other). */
int kf_db_begin_read_committed(kf_db *db);
int kf_db_commit(kf_db *db);
void kf_db_rollback(kf_db *db);
/* Fills HDF prefix.N.<col> from every row; returns row count or -1. */
int kf_db_rows_to_hdf(kf_db *db, HDF *hdf, const char *prefix, const char *sql, const char *types, ...);

/* ---- scoping and audit -------------------------------------------------- */

/* The department path prefix the user sees ("/1/4/"): use with
 * "dept_path LIKE CONCAT(?, '%')" in queries. */
const char *kf_scope_path(const kf_req *req);
/* Whether a department path lies inside the user's scope. */
bool kf_scope_contains(const kf_req *req, const char *dept_path);

/* Appends to the audit log, inside the caller's transaction.
 * before/after are short "field=value; ..." descriptions or NULL. */
int kf_audit(kf_req *req, const char *action, const char *object_type,
             const char *object_id, const char *before, const char *after);

/* A configuration value under Plugins.<plugin>.<key>, or def. */
const char *kf_setting(const char *plugin, const char *key, const char *def);

/* nbytes (at most 64) random bytes from getrandom(2) as lower-case hex;
 * out has room for 2*nbytes+1.  0, or -1 when the kernel gave none. */
int kf_random_hex(char *out, size_t nbytes);

/* ---- reports (the xmlexport plugin runs them) --------------------------- */

/* Fills prefix.N.{name,title_key,xsd} with the reports of the core and of
 * the plugins enabled for the user's department; returns N or -1. */
int kf_report_list(kf_req *req, const char *prefix);
/* The report of that name the user may run, or NULL. */
const kf_report *kf_report_find(kf_req *req, const char *name);
/* Finds a department by code inside the user's scope: copies its path
 * into path (and fills prefix.N.{code,name} of every department in scope
 * when prefix is non-NULL and code is NULL). 1 found, 0 not, -1 error. */
int kf_report_dept(kf_req *req, const char *code, char *path, size_t pathlen);
int kf_report_depts(kf_req *req, const char *prefix);
/* Streams the report as the response (headers included), records it in
 * export_register and the audit log. KF_DONE, or 404 when the report or
 * department is unknown, KF_FAIL before anything was sent. */
int kf_report_run(kf_req *req, const kf_report *r, const char *dept_code,
                  const char *from, const char *to);
/* Writers' helpers: the root element in namespace ns with the common
 * header (generated-at, generated-by, scope, period), and the trailing
 * record-count that closes it. 0 or -1. */
int kf_report_head(kf_req *req, xmlTextWriterPtr w, const kf_report_scope *s,
                   const char *root, const char *ns);
int kf_report_tail(xmlTextWriterPtr w, const kf_report_scope *s);
/* An element with text content, skipped when value is NULL. 0 or -1. */
int kf_xml_text(xmlTextWriterPtr w, const char *name, const char *value);
/* An attribute, skipped when value is NULL. 0 or -1. */
int kf_xml_attr(xmlTextWriterPtr w, const char *name, const char *value);

/* A CGI variable of the request's environment (HTTP_AUTHORIZATION...). */
const char *kf_req_env(kf_req *req, const char *name);

/* Logs one error line with the request's context. */
void kf_log_error(kf_req *req, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif /* KEFU_H */
