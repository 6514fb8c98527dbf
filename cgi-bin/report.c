/* report.c -- the reports the core knows: its own (audit-trail) and those
 * plugins declare in their descriptors, listed per user, and the one way
 * any of them is run.
 *
 * kf_report_run streams: an xmlOutputBuffer whose write callback hashes
 * the bytes (SHA-256, GnuTLS) and hands them to kf_resp_write, so the
 * worker holds no more than libxml2's and libfcgi's buffers whatever the
 * size.  After the last byte (or the first failure) the export is
 * recorded in export_register and the audit log (export_register.c).
 */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <gnutls/crypto.h>
#include "kf_core.h"

int kf_report_audit_trail(kf_req *req, xmlTextWriterPtr w, const kf_report_scope *s);

static const kf_report core_reports[] = {
    { "audit-trail", "core.report.audit_trail", "audit-trail.xsd", kf_report_audit_trail },
    { NULL, NULL, NULL, NULL },
};

static int add(kf_req *req, const char *prefix, int n, const kf_report *r)
{
    char key[160];
    snprintf(key, sizeof key, "%s.%d.name", prefix, n);
    kf_set(req->hdf, key, r->name);
    snprintf(key, sizeof key, "%s.%d.title_key", prefix, n);
    kf_set(req->hdf, key, r->title_key);
    snprintf(key, sizeof key, "%s.%d.xsd", prefix, n);
    return kf_set(req->hdf, key, r->xsd);
}

/* Calls fn on every report the user's department may use; stops when fn
 * returns nonzero and returns that, 0 at the end, -1 on error. */
static int each_report(kf_req *req, int (*fn)(const kf_report *, void *), void *arg)
{
    const bool *enabled;
    int rc;

    for (const kf_report *r = core_reports; r->name; r++)
        if ((rc = fn(r, arg)) != 0)
            return rc;
    if ((enabled = kf_req_enabled(req)) == NULL)
        return -1;
    for (size_t i = 0; i < kf_plugins_count(); i++) {
        const kf_plugin *p = kf_plugins_get(i)->desc;
        if (!enabled[i] || p->reports == NULL)
            continue;
        for (const kf_report *r = p->reports; r->name; r++)
            if ((rc = fn(r, arg)) != 0)
                return rc;
    }
    return 0;
}

size_t kf_reports_count(void)
{
    size_t n = 0;
    for (const kf_report *r = core_reports; r->name; r++)
        n++;
    for (size_t i = 0; i < kf_plugins_count(); i++)
        for (const kf_report *r = kf_plugins_get(i)->desc->reports; r && r->name; r++)
            n++;
    return n;
}

struct list_arg { kf_req *req; const char *prefix; int n; };
struct find_arg { const char *name; const kf_report *found; };

static int list_one(const kf_report *r, void *a)
{
    struct list_arg *l = a;
    add(l->req, l->prefix, l->n++, r);
    return 0;
}

static int find_one(const kf_report *r, void *a)
{
    struct find_arg *f = a;
    if (strcmp(r->name, f->name) != 0)
        return 0;
    f->found = r;
    return 1;
}

int kf_report_list(kf_req *req, const char *prefix)
{
    struct list_arg l = { req, prefix, 0 };
    return each_report(req, list_one, &l) < 0 ? -1 : l.n;
}

const kf_report *kf_report_find(kf_req *req, const char *name)
{
    struct find_arg f = { name, NULL };
    if (name == NULL || each_report(req, find_one, &f) < 0)
        return NULL;
    return f.found;
}

int kf_report_dept(kf_req *req, const char *code, char *path, size_t pathlen)
{
    kf_stmt *st;
    int rc;

    if (code == NULL || *code == '\0' || strlen(code) > 32)
        return 0;
    st = kf_db_query(req->db, "SELECT path FROM departments WHERE code = ? AND active = 1 "
                     "AND path LIKE CONCAT(?, '%')", "ss", code, req->scope);
    if (st == NULL)
        return -1;
    rc = kf_stmt_next(st);
    if (rc == 1)
        snprintf(path, pathlen, "%s", kf_stmt_str(st, 0));
    kf_stmt_close(st);
    return rc;
}

int kf_report_depts(kf_req *req, const char *prefix)
{
    return kf_db_rows_to_hdf(req->db, req->hdf, prefix,
        "SELECT code, name_zh, name_en, path FROM departments "
        "WHERE active = 1 AND path LIKE CONCAT(?, '%') ORDER BY path", "s", req->scope);
}

/* ---- writer helpers ---- */

int kf_xml_text(xmlTextWriterPtr w, const char *name, const char *value)
{
    if (value == NULL)
        return 0;
    return xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST value) < 0 ? -1 : 0;
}

int kf_xml_attr(xmlTextWriterPtr w, const char *name, const char *value)
{
    if (value == NULL)
        return 0;
    return xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST value) < 0 ? -1 : 0;
}

int kf_report_head(kf_req *req, xmlTextWriterPtr w, const kf_report_scope *s,
                   const char *root, const char *ns)
{
    char now[32];
    time_t t = time(NULL);
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (xmlTextWriterStartElement(w, BAD_CAST root) < 0 ||
        kf_xml_attr(w, "xmlns", ns) || kf_xml_text(w, "generated-at", now) ||
        xmlTextWriterStartElement(w, BAD_CAST "generated-by") < 0 ||
        kf_xml_attr(w, "login", req->user.login) || kf_xml_attr(w, "name", req->user.name) ||
        xmlTextWriterEndElement(w) < 0 ||
        xmlTextWriterStartElement(w, BAD_CAST "scope") < 0 ||
        kf_xml_attr(w, "dept", s->dept_code) || kf_xml_attr(w, "path", s->dept_path) ||
        xmlTextWriterEndElement(w) < 0 ||
        xmlTextWriterStartElement(w, BAD_CAST "period") < 0 ||
        kf_xml_attr(w, "from", s->from) || kf_xml_attr(w, "to", s->to) ||
        xmlTextWriterEndElement(w) < 0)
        return -1;
    return 0;
}

int kf_report_tail(xmlTextWriterPtr w, const kf_report_scope *s)
{
    if (xmlTextWriterWriteFormatElement(w, BAD_CAST "record-count", "%lld",
                                        (long long)*s->count) < 0 ||
        xmlTextWriterEndElement(w) < 0)
        return -1;
    return 0;
}

/* ---- streaming ---- */

struct out {
    kf_req *req;
    gnutls_hash_hd_t hash;
    bool failed;
};

static int out_write(void *ctx, const char *buf, int len)
{
    struct out *o = ctx;
    if (len <= 0)
        return 0;
    gnutls_hash(o->hash, buf, (size_t)len);
    if (kf_resp_write(o->req, buf, (size_t)len) != 0) {
        o->failed = true;
        return -1;
    }
    return len;
}

static int out_close(void *ctx)
{
    (void)ctx;
    return 0;
}

/* A file name made only of safe characters. */
static void file_name(char *out, size_t n, const kf_report *r, const char *dept,
                      const char *from, const char *to)
{
    snprintf(out, n, "%s-%s-%s-%s.xml", r->name, dept, from, to);
    for (char *p = out; *p; p++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.", *p))
            *p = '_';
}

int kf_report_run(kf_req *req, const kf_report *r, const char *dept_code,
                  const char *from, const char *to)
{
    char path[256], name[256], disp[320], hex[65];
    unsigned char digest[32];
    int64_t count = 0;
    kf_report_scope s = { path, dept_code, from, to, &count };
    struct out o = { req, NULL, false };
    xmlOutputBufferPtr buf;
    xmlTextWriterPtr w;
    bool ok;
    int rc;

    if (r == NULL)
        return 404;
    rc = kf_report_dept(req, dept_code, path, sizeof path);
    if (rc <= 0)
        return rc < 0 ? KF_FAIL : 404;
    if (gnutls_hash_init(&o.hash, GNUTLS_DIG_SHA256) < 0)
        return KF_FAIL;
    file_name(name, sizeof name, r, dept_code, from, to);
    snprintf(disp, sizeof disp, "attachment; filename=\"%s\"", name);
    kf_resp_header(req, "Content-Disposition", disp);
    kf_resp_header(req, "Cache-Control", "no-store");
    kf_resp_header(req, "X-Content-Type-Options", "nosniff");
    /* nginx passes the stream on as it comes instead of spooling it to disk */
    kf_resp_header(req, "X-Accel-Buffering", "no");
    if (kf_resp_begin(req, "application/xml; charset=utf-8") != 0) {
        gnutls_hash_deinit(o.hash, digest);
        return KF_DONE;
    }
    buf = xmlOutputBufferCreateIO(out_write, out_close, &o, NULL);
    w = buf ? xmlNewTextWriter(buf) : NULL;  /* the writer owns buf */
    if (w == NULL && buf)
        xmlOutputBufferClose(buf);
    ok = w != NULL && xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) >= 0 &&
         r->write(req, w, &s) == 0 && xmlTextWriterEndDocument(w) >= 0 &&
         xmlTextWriterFlush(w) >= 0;
    if (w)
        xmlFreeTextWriter(w);
    ok = ok && !o.failed;
    gnutls_hash_deinit(o.hash, digest);
    kf_hex(hex, digest, 32);
    if (!ok)
        kf_log_error(req, "export %s ended early after %lld records: %s", r->name,
                     (long long)count, kf_db_error(req->db));
    if (kf_export_record(req, r->name, dept_code, from, to, count, ok, hex) != 0)
        kf_log_error(req, "export %s: not recorded in export_register: %s", r->name,
                     kf_db_error(req->db));
    return KF_DONE;
}
