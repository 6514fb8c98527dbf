/* xmlexport.c -- auditors' XML reports (审计报表导出).
 *
 *   GET /export/                 the reports of the plugins enabled for the
 *                                user's department, a period and a
 *                                department picker
 *   GET /export/<report>.xml?from=YYYY-MM-DD&to=YYYY-MM-DD&dept=<code>
 *                                streams the report as an attachment
 *
 * This plugin knows no other plugin's tables: the reports, their writers
 * and schemas come from the plugins' descriptors through the core
 * (kf_report_*), which also streams and records every export.  Every
 * refusal happens before the first byte: 400 for bad dates, 404 for an
 * unknown report or a department outside the user's scope, each with a
 * short plain-text explanation.
 */
#include <string.h>
#include <time.h>
#include "kefu.h"

#define MAX_DAYS 366

/* Seconds of a strict YYYY-MM-DD that names a real day, or -1. */
static long long day_of(const char *s)
{
    struct tm tm;
    char back[11];
    time_t t;

    if (s == NULL || strlen(s) != 10 || strspn(s, "0123456789-") != 10 || s[4] != '-' ||
        s[7] != '-')
        return -1;
    memset(&tm, 0, sizeof tm);
    if (strptime(s, "%Y-%m-%d", &tm) == NULL)
        return -1;
    t = timegm(&tm);
    gmtime_r(&t, &tm);
    strftime(back, sizeof back, "%Y-%m-%d", &tm);
    return strcmp(back, s) == 0 && tm.tm_year >= 0 ? (long long)t : -1;
}

static int refuse(kf_req *req, int status, const char *why)
{
    kf_resp_status(req, status);
    kf_resp_header(req, "Cache-Control", "no-store");
    if (kf_resp_begin(req, "text/plain; charset=utf-8") == 0) {
        kf_resp_write(req, why, strlen(why));
        kf_resp_write(req, "\n", 1);
    }
    return KF_DONE;
}

static int export_index(kf_req *req)
{
    HDF *h = kf_req_hdf(req);
    char today[11], first[11];
    time_t t = time(NULL);
    struct tm tm;

    if (kf_report_list(req, "Export.reports") < 0 || kf_report_depts(req, "Export.depts") < 0)
        return KF_FAIL;
    gmtime_r(&t, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    tm.tm_mday = 1;
    strftime(first, sizeof first, "%Y-%m-%d", &tm);
    kf_set(h, "Export.from", first);
    kf_set(h, "Export.to", today);
    return kf_render(req, "xmlexport/index.cs", "xmlexport.title");
}

static int export_run(kf_req *req)
{
    const char *param = kf_req_param(req, "report");
    const char *from = kf_req_field(req, "from"), *to = kf_req_field(req, "to");
    const char *dept = kf_req_field(req, "dept");
    char name[80], path[256];
    const kf_report *r;
    long long f, t;
    size_t n;
    int rc;

    n = param ? strlen(param) : 0;
    if (n > 4 && strcmp(param + n - 4, ".xml") == 0)
        n -= 4;
    if (n == 0 || n >= sizeof name)
        return refuse(req, 404, "unknown report");
    memcpy(name, param, n);
    name[n] = '\0';
    r = kf_report_find(req, name);
    if (r == NULL)
        return refuse(req, 404, "unknown report");
    f = day_of(from);
    t = day_of(to);
    if (f < 0 || t < 0)
        return refuse(req, 400, "from and to must be dates written YYYY-MM-DD");
    if (f > t)
        return refuse(req, 400, "from must not be after to");
    if ((t - f) / 86400 + 1 > MAX_DAYS)
        return refuse(req, 400, "the period may not be longer than 366 days");
    if (dept == NULL || *dept == '\0')
        return refuse(req, 400, "dept (a department code) is required");
    rc = kf_report_dept(req, dept, path, sizeof path);
    if (rc < 0)
        return KF_FAIL;
    if (rc == 0)
        return refuse(req, 404, "no such department in your scope");
    return kf_report_run(req, r, dept, from, to);
}

static const kf_route export_routes[] = {
    { "GET", "/", KF_ROLE_MANAGER | KF_ROLE_AUDITOR | KF_ROLE_ADMIN, 0, export_index },
    { "GET", "/:report", KF_ROLE_MANAGER | KF_ROLE_AUDITOR | KF_ROLE_ADMIN, 0, export_run },
    { 0 }
};

KF_PLUGIN_EXPORT const kf_plugin kefu_plugin = {
    .magic = KF_PLUGIN_MAGIC,
    .abi_version = KF_ABI_VERSION,
    .name = "xmlexport",
    .version = "1.0",
    .title_key = "xmlexport.title",
    .prefix = "/export",
    .routes = export_routes,
};
