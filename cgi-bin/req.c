/* req.c -- one request: ClearSilver's cgi kit bound to a FastCGI request
 * (or to stdio in plain CGI mode), the limits, the response helpers and
 * the request log line.
 *
 * Parsing of the query string, urlencoded and multipart bodies and cookies
 * is ClearSilver's (cgi_init, cgi_parse); what this file adds is the
 * bounds ClearSilver lacks: CONTENT_LENGTH is checked against the
 * configured limits before cgi_parse mallocs it, uploads are cut off by
 * an upload callback, and the number of fields is capped.  The cgi kit
 * keeps its I/O callbacks in a global, which is why workers are processes
 * serving one request at a time.
 */
#include "config.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>
#include "kf_core.h"

extern char **environ;

/* ---- the I/O callbacks for cgiwrap_init_emu ---- */

static int io_read(void *data, char *buf, int len)
{
    kf_io *io = data;
    if (io->in)
        return FCGX_GetStr(buf, len, io->in);
    return (int)fread(buf, 1, (size_t)len, stdin);
}

static int io_writef(void *data, const char *fmt, va_list ap)
{
    kf_io *io = data;
    int n = io->out ? FCGX_VFPrintF(io->out, fmt, ap) : vfprintf(stdout, fmt, ap);
    return n < 0 ? -1 : 0;  /* the cgi kit wants 0 on success */
}

static int io_write(void *data, const char *buf, int len)
{
    kf_io *io = data;
    if (len <= 0)
        return 0;  /* the cgi kit writes an empty STRING as (NULL, 0) */
    if (io->out)
        return FCGX_PutStr(buf, len, io->out);
    return (int)fwrite(buf, 1, (size_t)len, stdout);
}

/* The cgi kit asks for ~130 variable names per request, most of them
 * absent; FCGX_GetParam scans every parameter for each.  A small hash of
 * the request's parameters, built once, answers each in one probe. */
#define ENV_SLOTS 256
static struct env_slot { const char *entry; size_t namelen; } env_index[ENV_SLOTS];
static char **env_indexed;

static unsigned env_hash(const char *s, size_t n)
{
    unsigned h = 5381;
    for (size_t i = 0; i < n; i++)
        h = h * 33 + (unsigned char)s[i];
    return h;
}

static void env_index_build(char **envp)
{
    memset(env_index, 0, sizeof env_index);
    env_indexed = envp;
    for (char **e = envp; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        size_t n;
        unsigned h;
        if (eq == NULL)
            continue;
        n = (size_t)(eq - *e);
        for (h = env_hash(*e, n) % ENV_SLOTS; env_index[h].entry; h = (h + 1) % ENV_SLOTS)
            if (env_index[h].namelen == n && strncmp(env_index[h].entry, *e, n) == 0)
                break;  /* a repeated name: the first one wins, as in FCGX_GetParam */
        if (env_index[h].entry == NULL)
            env_index[h] = (struct env_slot){ *e, n };
    }
}

static const char *env_lookup(char **envp, const char *name)
{
    size_t n = strlen(name);

    if (envp != env_indexed)
        env_index_build(envp);
    for (unsigned h = env_hash(name, n) % ENV_SLOTS; env_index[h].entry; h = (h + 1) % ENV_SLOTS)
        if (env_index[h].namelen == n && strncmp(env_index[h].entry, name, n) == 0)
            return env_index[h].entry + n + 1;
    return NULL;
}

static char *io_getenv(void *data, const char *name)
{
    kf_io *io = data;
    const char *v = io->out ? env_lookup(io->envp, name) : getenv(name);
    return v ? strdup(v) : NULL;  /* the cgi kit takes ownership */
}

static int io_putenv(void *data, const char *k, const char *v)
{
    (void)data, (void)k, (void)v;
    return -1;  /* the request environment is read-only */
}

static int io_iterenv(void *data, int n, char **k, char **v)
{
    kf_io *io = data;
    char **env = io->out ? io->envp : environ;
    const char *e, *eq;

    *k = *v = NULL;
    for (int i = 0; i < n; i++)
        if (env[i] == NULL)
            return 0;
    e = env[n];
    if (e == NULL)
        return 0;
    eq = strchr(e, '=');
    if (eq == NULL)
        return 0;
    *k = strndup(e, (size_t)(eq - e));
    *v = strdup(eq + 1);
    return 0;
}

static const char *env(kf_io *io, const char *name)
{
    return io->out ? env_lookup(io->envp, name) : getenv(name);
}

/* ---- accessors ---- */

const char *kf_req_env(kf_req *req, const char *name) { return env(req->io, name); }

HDF *kf_req_hdf(kf_req *req) { return req->hdf; }
const char *kf_req_method(const kf_req *req) { return req->method; }
const char *kf_req_path(const kf_req *req) { return req->path; }
kf_db *kf_req_db(kf_req *req) { return req->db; }
const kf_user *kf_req_user(const kf_req *req) { return req->logged_in ? &req->user : NULL; }
const char *kf_req_remote_addr(kf_req *req)
{
    return hdf_get_value(req->hdf, "CGI.RemoteAddress", "-");
}

const char *kf_req_field(kf_req *req, const char *name)
{
    char key[128];
    HDF *obj;
    snprintf(key, sizeof key, "Query.%s", name);
    obj = hdf_get_obj(req->hdf, key);
    if (obj == NULL)
        return NULL;
    /* a repeated field: the cgi kit keeps the last value on the node */
    return hdf_obj_value(obj);
}

static bool valid_utf8(const unsigned char *s)
{
    while (*s) {
        int n = *s < 0x80 ? 0 : (*s & 0xE0) == 0xC0 ? 1 : (*s & 0xF0) == 0xE0 ? 2
              : (*s & 0xF8) == 0xF0 ? 3 : -1;
        if (n < 0 || (n == 1 && *s < 0xC2))
            return false;
        s++;
        for (int i = 0; i < n; i++, s++)
            if ((*s & 0xC0) != 0x80)
                return false;
    }
    return true;
}

const char *kf_req_text(kf_req *req, const char *name, size_t max_len)
{
    const char *v = kf_req_field(req, name);
    if (v == NULL || strlen(v) > max_len || !valid_utf8((const unsigned char *)v))
        return NULL;
    return v;
}

bool kf_req_int(kf_req *req, const char *name, long long lo, long long hi, long long *out)
{
    const char *v = kf_req_field(req, name);
    char *end;
    long long n;

    if (v == NULL || *v == '\0')
        return false;
    n = strtoll(v, &end, 10);
    if (*end != '\0' || n < lo || n > hi)
        return false;
    *out = n;
    return true;
}

FILE *kf_req_upload(kf_req *req, const char *name, long *size)
{
    FILE *f = cgi_filehandle(req->cgi, name);
    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) != 0)
        return NULL;
    *size = ftell(f);
    rewind(f);
    return f;
}

/* ---- HDF helpers ---- */

int kf_set(HDF *hdf, const char *key, const char *value)
{
    NEOERR *err = hdf_set_value(hdf, key, value);
    if (err != STATUS_OK) {
        kf_log_neoerr(key, err);
        return -1;
    }
    return 0;
}

int kf_set_int(HDF *hdf, const char *key, long long value)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", value);
    return kf_set(hdf, key, buf);
}

int kf_setf(HDF *hdf, const char *key, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return kf_set(hdf, key, buf);
}

/* ---- responses ---- */

static const char *reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 303: return "See Other";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "";
    }
}

void kf_resp_status(kf_req *req, int status)
{
    req->status = status;
    kf_setf(req->hdf, "cgiout.Status", "%d %s", status, reason(status));
}

int kf_resp_header(kf_req *req, const char *name, const char *value)
{
    char key[32];
    /* header injection: no CR or LF may reach the response */
    if (strpbrk(name, "\r\n:") || strpbrk(value, "\r\n"))
        return -1;
    snprintf(key, sizeof key, "cgiout.other.h%d", req->nheaders++);
    return kf_setf(req->hdf, key, "%s: %s", name, value);
}

int kf_resp_redirect(kf_req *req, const char *path)
{
    STRING empty;
    NEOERR *err;

    /* only local paths: an open redirect would help phishing */
    if (path[0] != '/' || path[1] == '/' || path[1] == '\\' || strpbrk(path, "\r\n"))
        path = "/";
    kf_resp_status(req, 303);
    kf_set(req->hdf, "cgiout.Location", path);
    kf_set(req->hdf, "cgiout.ContentType", "text/plain");
    string_init(&empty);
    err = cgi_output(req->cgi, &empty);
    string_clear(&empty);
    if (err != STATUS_OK)
        kf_log_neoerr("redirect", err);
    req->responded = req->headers_sent = true;
    return KF_DONE;
}

void kf_flash(kf_req *req, const char *lang_key)
{
    char key[64];
    snprintf(key, sizeof key, "Flash.%d", req->nflash++);
    kf_set(req->hdf, key, lang_key);
    /* carried to the next page in a short-lived cookie */
    if (strspn(lang_key, "abcdefghijklmnopqrstuvwxyz0123456789_.") == strlen(lang_key)) {
        char cookie[160];
        snprintf(cookie, sizeof cookie, "kefu_flash=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=60",
                 lang_key);
        kf_resp_header(req, "Set-Cookie", cookie);
    }
}

int kf_resp_begin(kf_req *req, const char *content_type)
{
    STRING empty;
    NEOERR *err;

    if (req->headers_sent)
        return -1;
    if (req->status == 0)
        kf_resp_status(req, 200);
    kf_set(req->hdf, "cgiout.ContentType", content_type);
    string_init(&empty);
    err = cgi_output(req->cgi, &empty);
    string_clear(&empty);
    req->responded = req->headers_sent = true;
    if (err != STATUS_OK) {
        kf_log_neoerr("headers", err);
        return -1;
    }
    return 0;
}

int kf_resp_write(kf_req *req, const void *buf, size_t len)
{
    NEOERR *err;
    while (len > 0) {
        int chunk = len > (1u << 20) ? (1 << 20) : (int)len;
        err = cgiwrap_write(buf, chunk);
        if (err != STATUS_OK) {
            nerr_ignore(&err);
            return -1;
        }
        buf = (const char *)buf + chunk;
        len -= (size_t)chunk;
    }
    (void)req;
    return 0;
}

/* Renders the error page for status; never fails the worker. */
int kf_req_error_page(kf_req *req, int status)
{
    if (req->headers_sent)
        return KF_DONE;
    req->status = status;
    kf_set_int(req->hdf, "Error.Status", status);
    if (status >= 500 && status != 503)
        kf_set(req->hdf, "Error.Id", req->error_id);
    if (kf_render(req, "error.cs", NULL) == KF_DONE)
        return KF_DONE;
    /* the template itself failed: a minimal plain answer */
    kf_resp_status(req, status);
    if (kf_resp_begin(req, "text/plain; charset=utf-8") == 0)
        kf_resp_write(req, "error\n", 6);
    return KF_DONE;
}

/* ---- serving one request ---- */

static double now_s(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (double)tv.tv_sec + tv.tv_usec / 1e6;
}

static int upload_cb(CGI *cgi, int nread, int expected)
{
    (void)cgi;
    (void)expected;
    return nread > kf_cfg->upload_max ? 1 : 0;  /* nonzero aborts the upload */
}

/* Checks method, path and size before the body is read. */
static int pre_parse(kf_req *req)
{
    const char *m = env(req->io, "REQUEST_METHOD");
    const char *p = env(req->io, "PATH_INFO");
    const char *len = env(req->io, "CONTENT_LENGTH");
    const char *ctype = env(req->io, "CONTENT_TYPE");
    long max = kf_cfg->body_max;

    if (p == NULL || *p == '\0')
        p = env(req->io, "DOCUMENT_URI");
    if (p == NULL || *p == '\0')
        p = "/";
    snprintf(req->method, sizeof req->method, "%s", m ? m : "GET");
    if (strlen(p) >= sizeof req->path)
        return 404;
    strcpy(req->path, p);
    if (strcmp(req->method, "GET") && strcmp(req->method, "POST") && strcmp(req->method, "HEAD"))
        return 405;
    if (ctype && strncmp(ctype, "multipart/form-data", 19) == 0)
        max = kf_cfg->upload_max + 64 * 1024;
    if (len && *len) {
        char *end;
        long long n = strtoll(len, &end, 10);
        if (*end != '\0' || n < 0)
            return 400;
        if (n > max)
            return 413;
    }
    return 0;
}

static int count_fields(HDF *hdf)
{
    int n = 0;
    for (HDF *o = hdf_get_child(hdf, "Query"); o; o = hdf_obj_next(o))
        n++;
    return n;
}

static void set_config(HDF *hdf)
{
    kf_set(hdf, "Config.VarEscapeMode", "html");
    kf_set(hdf, "Config.TimeFooter", "0");
    kf_set(hdf, "Config.WhiteSpaceStrip", "0");
    kf_set(hdf, "Config.Upload.TmpDir", kf_cfg->upload_dir);
    kf_set(hdf, "Config.Upload.Unlink", "1");
    kf_set(hdf, "hdf.loadpaths.0", kf_cfg->template_dir);
}

static void log_request(kf_req *req, int worker_id)
{
    kf_log("%d %s %s %d %.1fms %s", worker_id, req->method, req->path, req->status,
           (now_s() - req->started) * 1000.0, req->logged_in ? req->user.login : "-");
}

/* The worker's long-lived HDF: the language trees stay attached between
 * requests; everything else is removed after each request. */
static HDF *worker_hdf;

static int request_hdf(HDF **out)
{
    NEOERR *err;
    if (worker_hdf == NULL) {
        err = hdf_init(&worker_hdf);
        if (err != STATUS_OK) {
            kf_log_neoerr("hdf_init", err);
            return -1;
        }
        if (kf_lang_attach(worker_hdf) != 0)
            return -1;
    }
    *out = worker_hdf;
    return 0;
}

bool kf_render_cache_on(const kf_req *req)
{
    return worker_hdf != NULL && req->hdf == worker_hdf;
}

/* Removes what one request put into the worker's HDF. */
static void request_hdf_clear(HDF *hdf)
{
    char names[64][64];
    int n = 0;

    for (HDF *o = hdf_obj_child(hdf); o && n < 64; o = hdf_obj_next(o))
        if (strcmp(hdf_obj_name(o), "LangTree") != 0)
            snprintf(names[n++], sizeof names[0], "%s", hdf_obj_name(o));
    for (int i = 0; i < n; i++) {
        NEOERR *err = hdf_remove_tree(hdf, names[i]);
        if (err != STATUS_OK)
            nerr_ignore(&err);
    }
}

void kf_serve(kf_io *io, kf_db *db, int worker_id)
{
    kf_req req;
    NEOERR *err;
    int status;

    memset(&req, 0, sizeof req);
    env_indexed = NULL;  /* a new request's envp may reuse the old address */
    req.io = io;
    req.db = db;
    req.started = now_s();
    snprintf(req.error_id, sizeof req.error_id, "%08lx%04x", (unsigned long)req.started,
             (unsigned)(getpid() & 0xffff));
    cgiwrap_init_emu(io, io_read, io_writef, io_write, io_getenv, io_putenv, io_iterenv);

    if (request_hdf(&req.hdf) != 0)
        return;
    set_config(req.hdf);
    status = pre_parse(&req);
    err = cgi_init(&req.cgi, req.hdf);
    if (err != STATUS_OK) {
        kf_log_neoerr("cgi_init", err);
        req.cgi = NULL;
        request_hdf_clear(req.hdf);
        {
            static const char answer[] =
                "Status: 400 Bad Request\r\nContent-Type: text/plain\r\n\r\nbad request\n";
            io_write(io, answer, (int)sizeof answer - 1);
        }
        return;
    }
    req.cgi->upload_cb = upload_cb;
    snprintf(req.lang, sizeof req.lang, "%s", kf_cfg->default_lang);
    if (status == 0) {
        err = cgi_parse(req.cgi);
        if (err != STATUS_OK) {
            status = nerr_match(err, CGIUploadCancelled) ? 413 : 400;
            kf_log_neoerr("cgi_parse", err);
        } else if (count_fields(req.hdf) > kf_cfg->fields_max) {
            status = 400;
        }
    }
    if (status == 0)
        status = kf_dispatch(&req);
    else
        kf_lang_copy(req.hdf, req.lang);
    if (status == KF_FAIL) {
        kf_log("error: %s %s failed, error id %s: %s", req.method, req.path, req.error_id,
               kf_db_error(db));
        status = kf_db_down(db) ? 503 : 500;
        kf_db_rollback(db);
    }
    /* a handler that left a transaction open must not hand it to the next request */
    if (kf_db_in_tx(db)) {
        kf_log("warning: %s %s left a transaction open; rolled back", req.method, req.path);
        kf_db_rollback(db);
    }
    if (status != KF_DONE || !req.responded)
        kf_req_error_page(&req, status > 0 ? status : 500);
    log_request(&req, worker_id);
    req.cgi->hdf = NULL;    /* the worker keeps its HDF */
    cgi_destroy(&req.cgi);
    request_hdf_clear(req.hdf);
}

/* For unit tests: bind the cgi kit to io without serving a request. */
void kf_test_bind(kf_io *io);
void kf_test_bind(kf_io *io)
{
    cgiwrap_init_emu(io, io_read, io_writef, io_write, io_getenv, io_putenv, io_iterenv);
}
