/* plugin.c -- loading plugin shared objects.
 *
 * Every "*.so" in the configured plugin directory (and only there) is
 * opened with RTLD_NOW | RTLD_LOCAL, so an unresolved symbol fails at load
 * and plugins cannot see each other.  The descriptor symbol is checked in
 * the order nginx checks NGX_MODULE_V1: magic, then ABI version, then the
 * fields; a plugin that fails any check is closed with one log line
 * saying why, and the rest are served.  Nothing of a plugin runs before
 * its descriptor has passed (its init runs later, in the worker).
 */
#include "config.h"
#include <dirent.h>
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include "kf_core.h"

static kf_loaded_plugin plugins[KF_MAX_PLUGINS];
static size_t nplugins;

size_t kf_plugins_count(void) { return nplugins; }
const kf_loaded_plugin *kf_plugins_get(size_t i) { return i < nplugins ? &plugins[i] : NULL; }

const kf_loaded_plugin *kf_plugins_find(const char *name)
{
    for (size_t i = 0; i < nplugins; i++)
        if (strcmp(plugins[i].desc->name, name) == 0)
            return &plugins[i];
    return NULL;
}

static bool valid_name(const char *s)
{
    if (s == NULL || *s < 'a' || *s > 'z' || strlen(s) > 31)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}

static bool valid_prefix(const char *s)
{
    if (s == NULL)
        return true;
    if (s[0] != '/' || strlen(s) > 40 || strcmp(s, "/") == 0 || strcmp(s, "/static") == 0)
        return false;
    for (s++; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
            return false;
    return true;
}

const char *kf_plugin_check(const kf_plugin *p)
{
    if (p->magic != KF_PLUGIN_MAGIC)
        return "bad magic number (not a Kefu plugin)";
    if (p->abi_version != KF_ABI_VERSION)
        return "ABI version mismatch";
    if (!valid_name(p->name))
        return "name must be [a-z][a-z0-9_]* of at most 31 characters";
    if (!valid_prefix(p->prefix))
        return "prefix must be /[a-z0-9_-]+";
    if (p->routes == NULL || p->title_key == NULL || p->version == NULL)
        return "routes, title_key and version are required";
    for (const kf_route *r = p->routes; r->method; r++) {
        if ((strcmp(r->method, "GET") && strcmp(r->method, "POST")) || r->path == NULL ||
            r->path[0] != '/' || r->handler == NULL || (r->roles == 0 && !(r->flags & KF_ROUTE_PUBLIC)))
            return "a route needs GET or POST, a path starting with /, roles and a handler";
    }
    for (const kf_report *r = p->reports; r && r->name; r++) {
        size_t n = strlen(r->name);
        if (n == 0 || n > 64 || strspn(r->name, "abcdefghijklmnopqrstuvwxyz0123456789-") != n ||
            r->title_key == NULL || r->xsd == NULL || r->write == NULL)
            return "a report needs a name [a-z0-9-]+, a title key, an XSD and a writer";
    }
    return NULL;
}

/* A route of p that answers the same method and path as one already loaded. */
static const char *route_clash(const kf_loaded_plugin *np)
{
    for (size_t i = 0; i < nplugins; i++)
        if (strcmp(plugins[i].prefix, np->prefix) == 0)
            return "its URL prefix is taken by another plugin";
    if (strcmp(np->prefix, "/login") == 0 || strcmp(np->prefix, "/logout") == 0 ||
        strcmp(np->prefix, "/admin") == 0 || strcmp(np->prefix, "/healthz") == 0 ||
        strcmp(np->prefix, "/lang") == 0 || strcmp(np->prefix, "/profile") == 0)
        return "its URL prefix is taken by the core";
    return NULL;
}

static void load_one(const char *dir, const char *file)
{
    char path[PATH_MAX];
    void *h;
    const kf_plugin *p;
    const char *why;
    kf_loaded_plugin lp;

    snprintf(path, sizeof path, "%s/%s", dir, file);
    if (nplugins == KF_MAX_PLUGINS) {
        kf_log("plugin %s refused: more than %d plugins", path, KF_MAX_PLUGINS);
        return;
    }
    h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (h == NULL) {
        kf_log("plugin %s refused: %s", path, dlerror());
        return;
    }
    p = dlsym(h, KF_PLUGIN_SYMBOL);
    if (p == NULL) {
        kf_log("plugin %s refused: no \"%s\" descriptor symbol", path, KF_PLUGIN_SYMBOL);
        dlclose(h);
        return;
    }
    if ((why = kf_plugin_check(p)) != NULL) {
        kf_log("plugin %s refused: %s", path, why);
        dlclose(h);
        return;
    }
    if (kf_plugins_find(p->name)) {
        kf_log("plugin %s refused: a plugin named \"%s\" is already loaded", path, p->name);
        dlclose(h);
        return;
    }
    lp.desc = p;
    lp.handle = h;
    snprintf(lp.prefix, sizeof lp.prefix, "%s", p->prefix ? p->prefix : "");
    if (!p->prefix)
        snprintf(lp.prefix, sizeof lp.prefix, "/%s", p->name);
    if ((why = route_clash(&lp)) != NULL) {
        kf_log("plugin %s refused: %s", path, why);
        dlclose(h);
        return;
    }
    plugins[nplugins++] = lp;
    kf_log("plugin %s %s loaded at %s/", p->name, p->version, lp.prefix);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int kf_plugins_load(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char *names[256];
    size_t n = 0;

    if (d == NULL) {
        kf_log("error: plugin directory %s cannot be read", dir);
        return -1;
    }
    while ((e = readdir(d)) != NULL && n < 256) {
        size_t l = strlen(e->d_name);
        if (l > 3 && strcmp(e->d_name + l - 3, ".so") == 0 && e->d_name[0] != '.')
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    /* a stable order: navigation and route lookup do not depend on readdir */
    qsort(names, n, sizeof names[0], by_name);
    for (size_t i = 0; i < n; i++) {
        if (names[i])
            load_one(dir, names[i]);
        free(names[i]);
    }
    kf_log("%zu reports available (core and plugins)", kf_reports_count());
    return 0;
}

void kf_plugins_unload(void)
{
    for (size_t i = 0; i < nplugins; i++)
        dlclose(plugins[i].handle);
    nplugins = 0;
}
