/* config.c -- the configuration file, read once and validated.
 *
 * One HDF file (ClearSilver's hdf_read_file does the parsing).  Every key
 * is checked here, at start-up: a bad or missing value stops the program
 * with one message naming the file, the key and what was expected, so a
 * worker never meets a half-valid configuration.  SIGHUP loads a new
 * kf_config and replaces the workers; the old one is freed.
 */
#include "config.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kf_core.h"

kf_config *kf_cfg;

const char *kf_config_default_path(void)
{
    const char *env = getenv("KEFU_CONFIG");
    return env && *env ? env : KF_SYSCONFDIR "/kefu/kefu.hdf";
}

struct loader {
    kf_config *cfg;
    char *err;
    size_t errlen;
};

static int fail(struct loader *l, const char *key, const char *expected)
{
    snprintf(l->err, l->errlen, "%s: %s: %s", l->cfg->file, key, expected);
    return -1;
}

/* Copies a string value; required ones must be present and non-empty. */
static int get_str(struct loader *l, const char *key, char *out, size_t outlen,
                   const char *def)
{
    const char *v = hdf_get_value(l->cfg->hdf, key, def);
    if (v == NULL || (def == NULL && *v == '\0'))
        return fail(l, key, "missing; a non-empty value is required");
    if (strlen(v) >= outlen)
        return fail(l, key, "too long");
    strcpy(out, v);
    return 0;
}

static int get_long(struct loader *l, const char *key, long lo, long hi, long def,
                    long *out)
{
    const char *v = hdf_get_value(l->cfg->hdf, key, NULL);
    char *end;
    long n;
    char msg[128];

    if (v == NULL) {
        *out = def;
        return 0;
    }
    errno = 0;
    n = strtol(v, &end, 10);
    if (errno || end == v || *end != '\0' || n < lo || n > hi) {
        snprintf(msg, sizeof msg, "expected a whole number from %ld to %ld, got \"%.40s\"",
                 lo, hi, v);
        return fail(l, key, msg);
    }
    *out = n;
    return 0;
}

static int get_int(struct loader *l, const char *key, long lo, long hi, long def, int *out)
{
    long n;
    if (get_long(l, key, lo, hi, def, &n) != 0)
        return -1;
    *out = (int)n;
    return 0;
}

/* Reads a secret from a file named by key (first line, no newline). */
static int get_secret_file(struct loader *l, const char *key, char *out, size_t outlen)
{
    const char *path = hdf_get_value(l->cfg->hdf, key, NULL);
    FILE *f;
    size_t n;

    out[0] = '\0';
    if (path == NULL || *path == '\0')
        return 0;
    f = fopen(path, "r");
    if (f == NULL)
        return fail(l, key, "the password file cannot be read");
    if (fgets(out, (int)outlen, f) == NULL)
        out[0] = '\0';
    fclose(f);
    n = strcspn(out, "\r\n");
    out[n] = '\0';
    return 0;
}

static int check_dir(struct loader *l, const char *key, const char *dir)
{
    if (access(dir, R_OK | X_OK) != 0)
        return fail(l, key, "expected a readable directory");
    return 0;
}

static int load_database(struct loader *l)
{
    kf_config *c = l->cfg;
    int rc = 0;

    rc |= get_str(l, "Database.Socket", c->db.socket, sizeof c->db.socket, "");
    rc |= get_str(l, "Database.Host", c->db.host, sizeof c->db.host, "");
    rc |= get_int(l, "Database.Port", 0, 65535, 3306, &c->db.port);
    if (rc == 0 && c->db.socket[0] == '\0' && c->db.host[0] == '\0')
        return fail(l, "Database.Socket", "either Database.Socket or Database.Host is required");
    rc |= get_str(l, "Database.Name", c->db.name, sizeof c->db.name, NULL);
    rc |= get_str(l, "Database.User", c->db.user, sizeof c->db.user, NULL);
    rc |= get_secret_file(l, "Database.PasswordFile", c->db.password, sizeof c->db.password);
    rc |= get_str(l, "Database.AdminUser", c->db.admin_user, sizeof c->db.admin_user, "");
    rc |= get_secret_file(l, "Database.AdminPasswordFile", c->db.admin_password,
                          sizeof c->db.admin_password);
    rc |= get_str(l, "Database.AppHost", c->db.app_host, sizeof c->db.app_host, "localhost");
    return rc ? -1 : 0;
}

static int load_paths(struct loader *l)
{
    kf_config *c = l->cfg;

    if (get_str(l, "Paths.Plugins", c->plugin_dir, sizeof c->plugin_dir, KF_PLUGINDIR) ||
        get_str(l, "Paths.Templates", c->template_dir, sizeof c->template_dir,
                KF_PKGDATADIR "/templates") ||
        get_str(l, "Paths.Lang", c->lang_dir, sizeof c->lang_dir, KF_PKGDATADIR "/lang") ||
        get_str(l, "Paths.Sql", c->sql_dir, sizeof c->sql_dir, KF_PKGDATADIR "/sql") ||
        get_str(l, "Paths.UploadTmp", c->upload_dir, sizeof c->upload_dir, "/tmp"))
        return -1;
    if (check_dir(l, "Paths.Plugins", c->plugin_dir) ||
        check_dir(l, "Paths.Templates", c->template_dir) ||
        check_dir(l, "Paths.Lang", c->lang_dir) ||
        check_dir(l, "Paths.UploadTmp", c->upload_dir))
        return -1;
    return 0;
}

static int load_listen(struct loader *l)
{
    kf_config *c = l->cfg;
    const char *colon;

    if (get_str(l, "Listen", c->listen, sizeof c->listen, NULL))
        return -1;
    if (strncmp(c->listen, "unix:", 5) == 0)
        return c->listen[5] == '/' ? 0
               : fail(l, "Listen", "expected unix:/absolute/path or host:port");
    colon = strrchr(c->listen, ':');
    if (colon == NULL || colon == c->listen || atoi(colon + 1) <= 0 || atoi(colon + 1) > 65535)
        return fail(l, "Listen", "expected unix:/absolute/path or host:port");
    return 0;
}

static int load_limits(struct loader *l)
{
    kf_config *c = l->cfg;
    int rc = 0;

    rc |= get_int(l, "Workers", 1, 256, 4, &c->workers);
    rc |= get_long(l, "MaxRequests", 0, 100000000L, 100000, &c->max_requests);
    rc |= get_long(l, "Limits.BodyBytes", 1024, 64L << 20, 1L << 20, &c->body_max);
    rc |= get_long(l, "Limits.UploadBytes", 1024, 1L << 30, 10L << 20, &c->upload_max);
    rc |= get_int(l, "Limits.Fields", 1, 10000, 200, &c->fields_max);
    rc |= get_int(l, "Session.IdleSeconds", 60, 7 * 86400, 1800, &c->session_idle_s);
    rc |= get_int(l, "Session.LifetimeSeconds", 60, 30 * 86400, 12 * 3600, &c->session_life_s);
    rc |= get_int(l, "Session.CacheSeconds", 0, 60, 2, &c->session_cache_s);
    rc |= get_int(l, "Session.LockFailures", 1, 100, 5, &c->lock_failures);
    rc |= get_int(l, "Session.LockSeconds", 1, 7 * 86400, 900, &c->lock_s);
    rc |= get_int(l, "Session.CookieSecure", 0, 1, 0, &c->cookie_secure);
    rc |= get_int(l, "Auth.TrustRemoteUser", 0, 1, 0, &c->trust_remote_user);
    return rc ? -1 : 0;
}

kf_config *kf_config_load(const char *path, char *err, size_t errlen)
{
    struct loader l = { NULL, err, errlen };
    kf_config *c = calloc(1, sizeof *c);
    NEOERR *nerr;
    const char *lang;

    if (c == NULL) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    l.cfg = c;
    snprintf(c->file, sizeof c->file, "%s", path);
    if (access(path, R_OK) != 0) {
        snprintf(err, errlen, "%s: cannot be read", path);
        goto fail;
    }
    nerr = hdf_init(&c->hdf);
    if (nerr == STATUS_OK)
        nerr = hdf_read_file(c->hdf, path);
    if (nerr != STATUS_OK) {
        STRING s;
        string_init(&s);
        nerr_error_string(nerr, &s);
        snprintf(err, errlen, "%s: not a valid HDF file: %s", path, s.buf ? s.buf : "");
        string_clear(&s);
        nerr_ignore(&nerr);
        goto fail;
    }
    if (load_listen(&l) || load_database(&l) || load_paths(&l) || load_limits(&l))
        goto fail;
    lang = hdf_get_value(c->hdf, "Lang.Default", "zh_CN");
    if (strcmp(lang, "zh_CN") != 0 && strcmp(lang, "en") != 0) {
        fail(&l, "Lang.Default", "expected zh_CN or en");
        goto fail;
    }
    snprintf(c->default_lang, sizeof c->default_lang, "%s", lang);
    return c;
fail:
    kf_config_free(c);
    return NULL;
}

void kf_config_free(kf_config *cfg)
{
    if (cfg == NULL)
        return;
    if (cfg->hdf)
        hdf_destroy(&cfg->hdf);
    free(cfg);
}

const char *kf_setting(const char *plugin, const char *key, const char *def)
{
    char name[256];
    if (kf_cfg == NULL || kf_cfg->hdf == NULL)
        return def;
    snprintf(name, sizeof name, "Plugins.%s.%s", plugin, key);
    return hdf_get_value(kf_cfg->hdf, name, def);
}
