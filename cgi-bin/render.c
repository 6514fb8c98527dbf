/* render.c -- language files and template rendering.
 *
 * Language files are HDF: <dir>/<area>.<lang>.hdf, one per area (core and
 * each plugin), all loaded once per worker into one tree per language and
 * copied under "L" into each request's HDF, so templates say
 * <?cs var:L.core.nav.home ?> and never carry UI text themselves.
 *
 * Every page renders templates/layout.cs, which includes the page
 * template named by Page.Template.  Config.VarEscapeMode = html is set
 * before cs_init, so every var: is HTML-escaped unless a template opts
 * out explicitly; a test keeps the raw forms (uvar, lvar, evar, alt:) out.
 */
#include "config.h"
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include "kf_core.h"

static const char *const kf_langs[] = { "zh_CN", "en" };
#define NLANGS (sizeof kf_langs / sizeof kf_langs[0])
static HDF *lang_tree[NLANGS];

bool kf_lang_valid(const char *lang)
{
    for (size_t i = 0; i < NLANGS; i++)
        if (lang && strcmp(lang, kf_langs[i]) == 0)
            return true;
    return false;
}

void kf_lang_free(void)
{
    for (size_t i = 0; i < NLANGS; i++)
        if (lang_tree[i])
            hdf_destroy(&lang_tree[i]);
}

/* Loads every "<area>.<lang>.hdf" in dir. */
int kf_lang_load(const char *dir)
{
    DIR *d;
    struct dirent *e;
    int rc = 0;

    kf_lang_free();
    for (size_t i = 0; i < NLANGS; i++) {
        NEOERR *err = hdf_init(&lang_tree[i]);
        if (err != STATUS_OK) {
            kf_log_neoerr("hdf_init", err);
            return -1;
        }
    }
    d = opendir(dir);
    if (d == NULL) {
        kf_log("error: language directory %s cannot be read", dir);
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        char path[PATH_MAX];
        size_t n = strlen(e->d_name);
        for (size_t i = 0; i < NLANGS; i++) {
            char suffix[32];
            size_t sl;
            NEOERR *err;
            snprintf(suffix, sizeof suffix, ".%s.hdf", kf_langs[i]);
            sl = strlen(suffix);
            if (n <= sl || strcmp(e->d_name + n - sl, suffix) != 0)
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            err = hdf_read_file(lang_tree[i], path);
            if (err != STATUS_OK) {
                kf_log_neoerr(path, err);
                rc = -1;
            }
        }
    }
    closedir(d);
    return rc;
}

/* Puts every language tree under LangTree.<lang> of a worker's long-lived
 * HDF, so a request only links L to one of them instead of copying it. */
int kf_lang_attach(HDF *hdf)
{
    char name[32];
    for (size_t i = 0; i < NLANGS; i++) {
        NEOERR *err;
        snprintf(name, sizeof name, "LangTree.%s", kf_langs[i]);
        err = hdf_copy(hdf, name, lang_tree[i]);
        if (err != STATUS_OK) {
            kf_log_neoerr("language attach", err);
            return -1;
        }
    }
    return 0;
}

int kf_lang_copy(HDF *hdf, const char *lang)
{
    char target[32];

    snprintf(target, sizeof target, "LangTree.%s", lang);
    if (kf_lang_valid(lang) && hdf_get_obj(hdf, target) != NULL) {
        NEOERR *err = hdf_set_symlink(hdf, "L", target);
        if (err != STATUS_OK) {
            kf_log_neoerr("language link", err);
            return -1;
        }
        return 0;
    }
    for (size_t i = 0; i < NLANGS; i++) {
        if (strcmp(lang, kf_langs[i]) == 0) {
            NEOERR *err = hdf_copy(hdf, "L", lang_tree[i]);
            if (err != STATUS_OK) {
                kf_log_neoerr("language copy", err);
                return -1;
            }
            return 0;
        }
    }
    return -1;
}

/* A template's labels[row.code] builds the dotted name with sprintf and
 * walks it from the root, once per row and column: on a 50-row list that
 * was a tenth of the page.  Here each distinct code costs one lookup and
 * every row a copy of the label. */
#define LABEL_CODES 32
int kf_label_column(HDF *hdf, const char *list, const char *col, const char *labels)
{
    HDF *rows = hdf_get_obj(hdf, list), *names = hdf_get_obj(hdf, labels);
    struct { char code[48]; const char *label; } seen[LABEL_CODES];
    int nseen = 0;

    if (rows == NULL || names == NULL)
        return 0;
    for (HDF *row = hdf_obj_child(rows); row != NULL; row = hdf_obj_next(row)) {
        const char *code = hdf_get_value(row, col, NULL), *label = NULL;
        int i;

        if (code == NULL)
            continue;
        for (i = 0; i < nseen; i++)
            if (strcmp(seen[i].code, code) == 0)
                break;
        if (i < nseen) {
            label = seen[i].label;
        } else {
            label = hdf_get_value(names, code, NULL);
            if (nseen < LABEL_CODES && strlen(code) < sizeof seen[0].code) {
                snprintf(seen[nseen].code, sizeof seen[0].code, "%s", code);
                seen[nseen++].label = label;
            }
        }
        /* code points into the node the set replaces; label into the
         * language tree, which the request does not change */
        if (label != NULL && kf_set(row, col, label) != 0)
            return -1;
    }
    return 0;
}

static NEOERR *render_cb(void *ctx, char *buf)
{
    return nerr_pass(string_append((STRING *)ctx, buf));
}

/* The page a plugin's navigation link opens for role: its index "/"
 * when the role may open it, else its first GET page without a
 * parameter the role may open (an admin-only page of a plugin whose
 * index is for staff); NULL when there is none, and no link. */
static const char *nav_page(const kf_route *routes, unsigned role)
{
    const char *first = NULL;

    for (const kf_route *r = routes; r->method; r++) {
        if (strcmp(r->method, "GET") != 0 || !(r->roles & role) || strchr(r->path, ':'))
            continue;
        if (strcmp(r->path, "/") == 0)
            return "/";
        if (first == NULL)
            first = r->path;
    }
    return first;
}

/* Fills what layout.cs needs: navigation, user, flags. */
static int layout_data(kf_req *req)
{
    HDF *h = req->hdf;
    const bool *enabled;
    char key[128];
    int n = 0;

    if (!req->logged_in)
        return 0;
    if ((enabled = kf_req_enabled(req)) == NULL)
        return -1;
    for (size_t i = 0; i < kf_plugins_count(); i++) {
        const kf_loaded_plugin *p = kf_plugins_get(i);
        const char *page;
        if (!enabled[i])
            continue;
        if ((page = nav_page(p->desc->routes, req->user.role)) == NULL)
            continue;
        snprintf(key, sizeof key, "Nav.%d.name", n);
        kf_set(h, key, p->desc->name);
        snprintf(key, sizeof key, "Nav.%d.href", n);
        kf_setf(h, key, "%s%s", p->prefix, page);
        snprintf(key, sizeof key, "Nav.%d.title_key", n);
        kf_set(h, key, p->desc->title_key);
        n++;
    }
    return 0;
}

/* Parsed layouts, one per page template, kept for the worker's life:
 * parsing is most of ClearSilver's cost and the parse tree reads the HDF
 * only at render time.  Only for the worker's long-lived HDF (req.c);
 * templates change with a restart or SIGHUP, which replaces workers. */
#define PARSE_CACHE 64
static struct { char tpl[128]; HDF *hdf; CSPARSE *cs; } parsed[PARSE_CACHE];

static NEOERR *layout_for(kf_req *req, const char *tpl, CSPARSE **out, bool *cached)
{
    NEOERR *err;
    int free_slot = -1;

    *cached = false;
    for (int i = 0; i < PARSE_CACHE; i++) {
        if (parsed[i].cs && parsed[i].hdf == req->hdf && strcmp(parsed[i].tpl, tpl) == 0) {
            *out = parsed[i].cs;
            *cached = true;
            return STATUS_OK;
        }
        if (parsed[i].cs == NULL && free_slot < 0)
            free_slot = i;
    }
    err = cgi_cs_init(req->cgi, out);
    if (err == STATUS_OK)
        err = cs_parse_file(*out, "layout.cs");
    if (err != STATUS_OK) {
        cs_destroy(out);
        return err;
    }
    if (free_slot >= 0 && strlen(tpl) < sizeof parsed[0].tpl && kf_render_cache_on(req)) {
        snprintf(parsed[free_slot].tpl, sizeof parsed[0].tpl, "%s", tpl);
        parsed[free_slot].hdf = req->hdf;
        parsed[free_slot].cs = *out;
        *cached = true;
    }
    return STATUS_OK;
}

int kf_render(kf_req *req, const char *tpl, const char *title_key)
{
    bool cached = false;
    CSPARSE *cs = NULL;
    STRING out;
    NEOERR *err;
    int rc = KF_FAIL;

    string_init(&out);
    kf_set(req->hdf, "Page.Template", tpl);
    if (title_key)
        kf_set(req->hdf, "Page.TitleKey", title_key);
    if (layout_data(req) != 0)
        goto done;
    if (req->status == 0)
        req->status = 200;
    err = layout_for(req, tpl, &cs, &cached);
    if (err == STATUS_OK)
        err = cs_render(cs, &out, render_cb);
    if (err != STATUS_OK) {
        kf_log_neoerr(tpl, err);
        goto done;
    }
    kf_set(req->hdf, "cgiout.ContentType", "text/html");
    kf_set(req->hdf, "cgiout.charset", "utf-8");
    kf_resp_status(req, req->status);
    err = cgi_output(req->cgi, &out);
    req->responded = true;
    req->headers_sent = true;
    if (err != STATUS_OK)
        kf_log_neoerr("output", err);
    rc = KF_DONE;
done:
    if (!cached)
        cs_destroy(&cs);
    string_clear(&out);
    return rc;
}
