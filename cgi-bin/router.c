/* router.c -- matching a request path to a route.
 *
 * A route path is a list of segments; a segment ":name" matches any one
 * non-empty segment and is handed to the handler as a parameter.  Plugin
 * routes are mounted under the plugin's prefix.  When a path matches but
 * the method does not, the caller answers 405 instead of 404.
 */
#include "config.h"
#include <string.h>
#include "kf_core.h"

/* Matches one route pattern against a path; fills params. */
static bool match_path(const char *pattern, const char *path, kf_match *m)
{
    int np = 0;

    while (*pattern && *path) {
        if (*pattern != '/' || *path != '/')
            return false;
        pattern++;
        path++;
        if (*pattern == ':') {
            const char *name = pattern + 1;
            size_t nl = strcspn(name, "/"), vl = strcspn(path, "/");
            if (vl == 0 || vl >= sizeof m->values[0] || nl >= sizeof m->names[0] ||
                np == KF_MAX_PARAMS)
                return false;
            memcpy(m->names[np], name, nl);
            m->names[np][nl] = '\0';
            memcpy(m->values[np], path, vl);
            m->values[np][vl] = '\0';
            np++;
            pattern = name + nl;
            path += vl;
        } else {
            size_t sl = strcspn(pattern, "/");
            if (strncmp(pattern, path, sl) != 0 || (path[sl] != '/' && path[sl] != '\0'))
                return false;
            pattern += sl;
            path += sl;
        }
    }
    if (*pattern != '\0' || *path != '\0')
        return false;
    m->nparams = np;
    return true;
}

bool kf_route_match(const char *prefix, const kf_route *routes, const char *method,
                    const char *path, kf_match *m)
{
    size_t pl = strlen(prefix);
    const char *rest;

    if (strncmp(path, prefix, pl) != 0)
        return false;
    rest = path + pl;
    if (*rest == '\0')
        return false;  /* "/complaints" without the slash: 404, nginx redirects */
    for (const kf_route *r = routes; r->method; r++) {
        kf_match tmp = { 0 };
        if (!match_path(r->path, rest, &tmp))
            continue;
        if (strcmp(r->method, method) != 0) {
            m->method_mismatch = true;
            continue;
        }
        tmp.route = r;
        tmp.plugin = m->plugin;
        *m = tmp;
        return true;
    }
    return false;
}

bool kf_router_find(const char *method, const char *path, kf_match *m)
{
    bool mismatch = false;

    memset(m, 0, sizeof *m);
    for (size_t i = 0; i < kf_plugins_count(); i++) {
        const kf_loaded_plugin *p = kf_plugins_get(i);
        m->plugin = p;
        if (kf_route_match(p->prefix, p->desc->routes, method, path, m))
            return true;
        mismatch |= m->method_mismatch;
    }
    m->plugin = NULL;
    if (kf_route_match("", kf_core_routes, method, path, m))
        return true;
    m->method_mismatch |= mismatch;
    return false;
}

const char *kf_req_param(const kf_req *req, const char *name)
{
    for (int i = 0; i < req->match.nparams; i++)
        if (strcmp(req->match.names[i], name) == 0)
            return req->match.values[i];
    return NULL;
}
