/* admin_plugins.c -- GET/POST /admin/plugins: plugins per department.
 *
 * The page is a matrix of installed plugins by departments (tree order).
 * Each cell shows the explicit setting of that department (inherit, on
 * or off) and the value in effect, computed as dept.c does: the setting
 * of the nearest department on the path wins, and with none a plugin is
 * on.  A POST sets one cell; "inherit" deletes the department's row.
 */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "kf_admin.h"

#define HERE "/admin/plugins"

/* One plugin_settings row, by plugin index. */
typedef struct setting {
    size_t plugin;
    bool enabled;
    char path[KF_DEPT_PATH_MAX + 1];
} setting;

/* Loads every setting of an installed plugin into *out (malloc'd);
 * returns the count or -1. */
static long load_settings(kf_req *req, setting **out)
{
    kf_stmt *st = kf_db_query(req->db,
        "SELECT p.plugin, p.enabled, d.path FROM plugin_settings p "
        "JOIN departments d ON d.id = p.dept_id ORDER BY d.path", "");
    setting *v = NULL;
    long n = 0, cap = 0;
    int rc;

    if (st == NULL)
        return -1;
    while ((rc = kf_stmt_next(st)) == 1) {
        const kf_loaded_plugin *lp = kf_plugins_find(kf_stmt_str(st, 0) ? kf_stmt_str(st, 0) : "");
        size_t i;
        if (lp == NULL)
            continue;   /* a plugin no longer installed */
        for (i = 0; i < kf_plugins_count() && kf_plugins_get(i) != lp; i++)
            ;
        if (n == cap) {
            setting *nv = realloc(v, (size_t)(cap = cap ? cap * 2 : 32) * sizeof *v);
            if (nv == NULL) {
                rc = -1;
                break;
            }
            v = nv;
        }
        v[n].plugin = i;
        v[n].enabled = kf_stmt_int(st, 1) != 0;
        snprintf(v[n].path, sizeof v[n].path, "%s", kf_stmt_str(st, 2) ? kf_stmt_str(st, 2) : "");
        n++;
    }
    kf_stmt_close(st);
    if (rc < 0) {
        free(v);
        return -1;
    }
    *out = v;
    return n;
}

/* GET: Plugins.N.{name,title_key}; Depts.M.{...} from kf_admin_depts_hdf
 * plus Depts.M.cells.N.{plugin,explicit,effective}. */
int kf_admin_plugins(kf_req *req)
{
    size_t np = kf_plugins_count();
    setting *set = NULL;
    long ns;
    int ndepts;
    char key[128];

    for (size_t i = 0; i < np; i++) {
        const kf_plugin *p = kf_plugins_get(i)->desc;
        snprintf(key, sizeof key, "Plugins.%zu.name", i);
        kf_set(req->hdf, key, p->name);
        snprintf(key, sizeof key, "Plugins.%zu.title_key", i);
        kf_set(req->hdf, key, p->title_key);
    }
    ndepts = kf_admin_depts_hdf(req, "Depts");
    if (ndepts < 0 || (ns = load_settings(req, &set)) < 0)
        return KF_FAIL;
    for (int d = 0; d < ndepts; d++) {
        const char *path;
        size_t depth[KF_MAX_PLUGINS] = { 0 };
        bool effective[KF_MAX_PLUGINS];
        int explicit_[KF_MAX_PLUGINS];  /* -1 inherit, 0 off, 1 on */

        snprintf(key, sizeof key, "Depts.%d.path", d);
        path = hdf_get_value(req->hdf, key, "");
        for (size_t i = 0; i < np; i++) {
            effective[i] = true;
            explicit_[i] = -1;
        }
        for (long s = 0; s < ns; s++) {
            size_t len = strlen(set[s].path);
            if (strncmp(path, set[s].path, len) != 0 || len < depth[set[s].plugin])
                continue;
            depth[set[s].plugin] = len;
            effective[set[s].plugin] = set[s].enabled;
            if (strcmp(path, set[s].path) == 0)
                explicit_[set[s].plugin] = set[s].enabled;
        }
        for (size_t i = 0; i < np; i++) {
            snprintf(key, sizeof key, "Depts.%d.cells.%zu.plugin", d, i);
            kf_set(req->hdf, key, kf_plugins_get(i)->desc->name);
            snprintf(key, sizeof key, "Depts.%d.cells.%zu.explicit", d, i);
            kf_set(req->hdf, key, explicit_[i] < 0 ? "inherit" : explicit_[i] ? "on" : "off");
            snprintf(key, sizeof key, "Depts.%d.cells.%zu.effective", d, i);
            kf_set(req->hdf, key, effective[i] ? "on" : "off");
        }
    }
    free(set);
    return kf_render(req, "admin/plugins.cs", "core.admin.plugins");
}

/* POST: plugin, dept (code), value = inherit | on | off. */
int kf_admin_plugin_save(kf_req *req)
{
    const char *plugin = kf_req_text(req, "plugin", 32);
    const char *code = kf_req_text(req, "dept", 32);
    const char *value = kf_req_text(req, "value", 8);
    const kf_loaded_plugin *lp = plugin ? kf_plugins_find(plugin) : NULL;
    kf_admin_dept dept;
    char before[64], after[64];
    const char *action;
    int64_t old;
    int rc, on;

    if (lp == NULL || !kf_admin_code_ok(code) || value == NULL)
        return kf_admin_refuse(req, 400, "invalid");
    if (strcmp(value, "on") == 0)
        on = 1, action = "plugin.enable";
    else if (strcmp(value, "off") == 0)
        on = 0, action = "plugin.disable";
    else if (strcmp(value, "inherit") == 0)
        on = -1, action = "plugin.inherit";
    else
        return kf_admin_refuse(req, 400, "invalid");
    if (kf_db_begin(req->db) != 0)
        return KF_FAIL;
    if ((rc = kf_admin_dept_get(req->db, code, &dept)) < 0)
        goto fail;
    if (rc == 0)
        return kf_admin_refuse(req, 400, "invalid");
    rc = kf_db_int(req->db, &old, "SELECT enabled FROM plugin_settings WHERE plugin = ? AND "
                   "dept_id = ? FOR UPDATE", "si", lp->desc->name, dept.id);
    if (rc < 0)
        goto fail;
    snprintf(before, sizeof before, "dept=%s; value=%s", dept.code,
             rc == 0 ? "inherit" : old ? "on" : "off");
    snprintf(after, sizeof after, "dept=%s; value=%s", dept.code, value);
    if (on < 0)
        rc = kf_db_exec(req->db, "DELETE FROM plugin_settings WHERE plugin = ? AND dept_id = ?",
                        "si", lp->desc->name, dept.id);
    else
        rc = kf_db_exec(req->db, "INSERT INTO plugin_settings (plugin, dept_id, enabled) "
                        "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE enabled = VALUES(enabled)",
                        "sii", lp->desc->name, dept.id, (int64_t)on);
    if (rc != 0 || kf_audit(req, action, "plugin", lp->desc->name, before, after) != 0)
        goto fail;
    return kf_admin_done(req, HERE);
fail:
    kf_db_rollback(req->db);
    return KF_FAIL;
}
