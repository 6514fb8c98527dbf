/* dept.c -- per-department plugin enablement.
 *
 * Departments form a tree stored with a materialised path ("/1/4/9/"), so
 * "inside department X" is a prefix test on the path.  A plugin setting
 * (on or off) on a department applies to its whole subtree unless a
 * deeper department has its own setting, like Trac's [components] rules
 * from most to least specific.  With no setting anywhere a plugin is on.
 */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "kf_core.h"

/* Applies one setting of plugin `name` at department depth `len`. */
static void apply(const char *name, size_t namelen, bool on, size_t len, bool *enabled,
                  size_t *depth)
{
    for (size_t i = 0; i < kf_plugins_count(); i++) {
        const char *pn = kf_plugins_get(i)->desc->name;
        if (strlen(pn) != namelen || strncmp(pn, name, namelen) != 0 || len < depth[i])
            continue;
        depth[i] = len;
        enabled[i] = on;
    }
}

int kf_enabled_parse(const char *s, bool *enabled)
{
    size_t depth[KF_MAX_PLUGINS] = { 0 };

    for (size_t i = 0; i < kf_plugins_count(); i++)
        enabled[i] = true;
    while (s && *s) {
        const char *eq = strchr(s, '='), *end = strchr(s, ',');
        char *after;
        long on, len;
        if (end == NULL)
            end = s + strlen(s);
        if (eq == NULL || eq > end)
            return -1;
        on = strtol(eq + 1, &after, 10);
        if (*after != '=')
            return -1;
        len = strtol(after + 1, &after, 10);
        if (after != end || len < 0)
            return -1;
        apply(s, (size_t)(eq - s), on != 0, (size_t)len, enabled, depth);
        s = *end ? end + 1 : end;
    }
    return 0;
}

int kf_plugins_enabled_for(kf_db *db, const char *dept_path, bool *enabled)
{
    size_t n = kf_plugins_count();
    size_t depth[KF_MAX_PLUGINS] = { 0 };
    kf_stmt *st;
    int rc;

    for (size_t i = 0; i < n; i++)
        enabled[i] = true;
    st = kf_db_query(db,
        "SELECT p.plugin, p.enabled, LENGTH(d.path) FROM plugin_settings p "
        "JOIN departments d ON d.id = p.dept_id WHERE ? LIKE CONCAT(d.path, '%')",
        "s", dept_path);
    if (st == NULL)
        return -1;
    while ((rc = kf_stmt_next(st)) == 1)
        apply(kf_stmt_str(st, 0), kf_stmt_len(st, 0), kf_stmt_int(st, 1) != 0,
              (size_t)kf_stmt_int(st, 2), enabled, depth);
    kf_stmt_close(st);
    return rc < 0 ? -1 : 0;
}

const bool *kf_req_enabled(kf_req *req)
{
    if (!req->enabled_known) {
        if (kf_plugins_enabled_for(req->db, req->user.dept_path, req->enabled) != 0)
            return NULL;
        req->enabled_known = true;
    }
    return req->enabled;
}
