/* kefuctl.c -- the administration command line.
 *
 *   kefuctl [-c config] migrate            apply pending migrations, grant the app user
 *   kefuctl [-c config] plugin list
 *   kefuctl [-c config] plugin enable|disable NAME DEPT
 *   kefuctl [-c config] user add LOGIN NAME DEPT ROLE   (password on stdin)
 *   kefuctl [-c config] user passwd LOGIN               (password on stdin)
 *   kefuctl [-c config] user unlock LOGIN
 *
 * Every change is written to the audit log as the user "kefuctl", in the
 * same transaction as the change.
 */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kf_core.h"

static kf_db *db;

static int audit(const char *action, const char *type, const char *id, const char *before,
                 const char *after)
{
    return kf_audit_raw(db, -1, "kefuctl", "local", -1, action, type, id, before, after);
}

static int fail(const char *what)
{
    fprintf(stderr, "kefuctl: %s%s%s\n", what, kf_db_error(db)[0] ? ": " : "",
            kf_db_error(db));
    kf_db_rollback(db);
    return 1;
}

static int read_password(char *pw, size_t len)
{
    if (isatty(0))
        fprintf(stderr, "password: ");
    if (fgets(pw, (int)len, stdin) == NULL)
        return -1;
    pw[strcspn(pw, "\r\n")] = '\0';
    if (strlen(pw) < 8) {
        fprintf(stderr, "kefuctl: a password needs at least 8 characters\n");
        return -1;
    }
    return 0;
}

static int cmd_plugin_list(void)
{
    kf_stmt *st;

    printf("%-14s %-8s %s\n", "plugin", "version", "settings (department: on/off)");
    for (size_t i = 0; i < kf_plugins_count(); i++) {
        const kf_plugin *p = kf_plugins_get(i)->desc;
        printf("%-14s %-8s", p->name, p->version);
        st = kf_db_query(db, "SELECT d.code, p.enabled FROM plugin_settings p "
                         "JOIN departments d ON d.id = p.dept_id WHERE p.plugin = ? ORDER BY d.path",
                         "s", p->name);
        if (st == NULL)
            return fail("query failed");
        while (kf_stmt_next(st) == 1)
            printf(" %s:%s", kf_stmt_str(st, 0), kf_stmt_int(st, 1) ? "on" : "off");
        kf_stmt_close(st);
        printf("\n");
    }
    return 0;
}

static int cmd_plugin_set(const char *name, const char *dept, int on)
{
    int64_t dept_id;

    if (kf_plugins_find(name) == NULL) {
        fprintf(stderr, "kefuctl: no plugin named %s is installed\n", name);
        return 1;
    }
    if (kf_db_int(db, &dept_id, "SELECT id FROM departments WHERE code = ?", "s", dept) != 1) {
        fprintf(stderr, "kefuctl: no department with code %s\n", dept);
        return 1;
    }
    if (kf_db_begin(db) ||
        kf_db_exec(db, "INSERT INTO plugin_settings (plugin, dept_id, enabled) VALUES (?, ?, ?) "
                   "ON DUPLICATE KEY UPDATE enabled = VALUES(enabled)", "sii", name, dept_id,
                   (int64_t)on) ||
        audit(on ? "plugin.enable" : "plugin.disable", "plugin", name, NULL, dept) ||
        kf_db_commit(db))
        return fail("could not change the setting");
    printf("%s %s for %s and below\n", name, on ? "enabled" : "disabled", dept);
    return 0;
}

static int cmd_user_add(const char *login, const char *name, const char *dept, const char *role)
{
    char pw[257], hash[256], after[256];
    int64_t dept_id;

    if (kf_role_parse(role) == 0) {
        fprintf(stderr, "kefuctl: role must be employee, manager, auditor or admin\n");
        return 1;
    }
    if (strlen(login) > 64 || strspn(login, "abcdefghijklmnopqrstuvwxyz0123456789._-") != strlen(login)) {
        fprintf(stderr, "kefuctl: a login is 1-64 of a-z 0-9 . _ -\n");
        return 1;
    }
    if (kf_db_int(db, &dept_id, "SELECT id FROM departments WHERE code = ?", "s", dept) != 1) {
        fprintf(stderr, "kefuctl: no department with code %s\n", dept);
        return 1;
    }
    if (read_password(pw, sizeof pw) || kf_password_hash(pw, hash, sizeof hash)) {
        explicit_bzero(pw, sizeof pw);
        return 1;
    }
    explicit_bzero(pw, sizeof pw);
    snprintf(after, sizeof after, "name=%s; dept=%s; role=%s", name, dept, role);
    if (kf_db_begin(db) ||
        kf_db_exec(db, "INSERT INTO users (login, display_name, dept_id, role, password_hash) "
                   "VALUES (?, ?, ?, ?, ?)", "ssiss", login, name, dept_id, role, hash) ||
        audit("user.add", "user", login, NULL, after) || kf_db_commit(db))
        return fail("could not add the user");
    printf("user %s added\n", login);
    return 0;
}

static int cmd_user_passwd(const char *login)
{
    char pw[257], hash[256];
    int64_t uid;

    if (kf_db_int(db, &uid, "SELECT id FROM users WHERE login = ?", "s", login) != 1) {
        fprintf(stderr, "kefuctl: no user %s\n", login);
        return 1;
    }
    if (read_password(pw, sizeof pw) || kf_password_hash(pw, hash, sizeof hash)) {
        explicit_bzero(pw, sizeof pw);
        return 1;
    }
    explicit_bzero(pw, sizeof pw);
    if (kf_db_begin(db) ||
        kf_db_exec(db, "UPDATE users SET password_hash = ? WHERE id = ?", "si", hash, uid) ||
        kf_db_exec(db, "DELETE FROM sessions WHERE user_id = ?", "i", uid) ||
        audit("user.passwd", "user", login, NULL, NULL) || kf_db_commit(db))
        return fail("could not change the password");
    printf("password of %s changed; their sessions ended\n", login);
    return 0;
}

static int cmd_user_unlock(const char *login)
{
    int64_t uid;
    if (kf_db_int(db, &uid, "SELECT id FROM users WHERE login = ?", "s", login) != 1) {
        fprintf(stderr, "kefuctl: no user %s\n", login);
        return 1;
    }
    if (kf_db_begin(db) ||
        kf_db_exec(db, "UPDATE users SET locked_until = NULL, failed_logins = 0 WHERE id = ?",
                   "i", uid) ||
        audit("user.unlock", "user", login, "locked", NULL) || kf_db_commit(db))
        return fail("could not unlock");
    printf("user %s unlocked\n", login);
    return 0;
}

/* Prints every route, core and plugin, one per line:
 * METHOD PATH ROLES FLAGS PLUGIN -- the tests build their authorization
 * matrix from this, so a new route cannot be left out of it. */
static void print_routes(const char *prefix, const kf_route *routes, const char *owner)
{
    for (const kf_route *r = routes; r->method; r++) {
        char roles[64] = "";
        for (unsigned b = KF_ROLE_EMPLOYEE; b <= KF_ROLE_ADMIN; b <<= 1)
            if (r->roles & b) {
                strcat(roles, roles[0] ? "," : "");
                strcat(roles, kf_role_name(b));
            }
        printf("%s\t%s%s\t%s\t%s%s%s\t%s\n", r->method, prefix, r->path, roles[0] ? roles : "-",
               r->flags & KF_ROUTE_PUBLIC ? "public " : "",
               r->flags & KF_ROUTE_AUDITOR_POST ? "auditor_post " : "",
               r->flags & KF_ROUTE_NO_CSRF ? "no_csrf" : "", owner);
    }
}

static int cmd_routes(void)
{
    print_routes("", kf_core_routes, "core");
    for (size_t i = 0; i < kf_plugins_count(); i++) {
        const kf_loaded_plugin *p = kf_plugins_get(i);
        print_routes(p->prefix, p->desc->routes, p->desc->name);
    }
    return 0;
}

/* Walks the export register's hash chain: 0 "ok N records", 1 broken. */
static int cmd_export_verify(void)
{
    int rc = kf_export_verify(db, stdout);
    if (rc < 0)
        return fail("export verify");
    return rc;
}

static int usage(void)
{
    fprintf(stderr,
            "usage: kefuctl [-c config.hdf] COMMAND\n"
            "  migrate\n"
            "  routes\n"
            "  plugin list | plugin enable NAME DEPT | plugin disable NAME DEPT\n"
            "  user add LOGIN NAME DEPT ROLE | user passwd LOGIN | user unlock LOGIN\n"
            "  export verify   (walks the export register's hash chain)\n"
            "  export check FILE   (finds a downloaded report in the register)\n"
            "  (passwords are read from standard input)\n");
    return 2;
}

static int run(int argc, char **argv)
{
    if (argc == 1 && strcmp(argv[0], "migrate") == 0) {
        if (kf_migrate(db, kf_cfg->sql_dir, stdout) != 0)
            return 1;
        return kf_grant_app_user(db, kf_cfg, stdout) ? 1 : 0;
    }
    if (argc == 1 && strcmp(argv[0], "routes") == 0)
        return cmd_routes();
    if (argc == 2 && !strcmp(argv[0], "plugin") && !strcmp(argv[1], "list"))
        return cmd_plugin_list();
    if (argc == 4 && !strcmp(argv[0], "plugin") && !strcmp(argv[1], "enable"))
        return cmd_plugin_set(argv[2], argv[3], 1);
    if (argc == 4 && !strcmp(argv[0], "plugin") && !strcmp(argv[1], "disable"))
        return cmd_plugin_set(argv[2], argv[3], 0);
    if (argc == 6 && !strcmp(argv[0], "user") && !strcmp(argv[1], "add"))
        return cmd_user_add(argv[2], argv[3], argv[4], argv[5]);
    if (argc == 3 && !strcmp(argv[0], "user") && !strcmp(argv[1], "passwd"))
        return cmd_user_passwd(argv[2]);
    if (argc == 3 && !strcmp(argv[0], "user") && !strcmp(argv[1], "unlock"))
        return cmd_user_unlock(argv[2]);
    if (argc == 2 && !strcmp(argv[0], "export") && !strcmp(argv[1], "verify"))
        return cmd_export_verify();
    if (argc == 3 && !strcmp(argv[0], "export") && !strcmp(argv[1], "check")) {
        int rc = kf_export_check(db, argv[2], stdout);
        return rc < 0 ? fail("export check") : rc;
    }
    return usage();
}

int main(int argc, char **argv)
{
    const char *path = kf_config_default_path();
    char err[1024];
    int opt, rc, admin;

    while ((opt = getopt(argc, argv, "+c:h")) != -1) {
        if (opt == 'c')
            path = optarg;
        else
            return usage();
    }
    if (optind >= argc)
        return usage();
    kf_cfg = kf_config_load(path, err, sizeof err);
    if (kf_cfg == NULL) {
        fprintf(stderr, "kefuctl: configuration error: %s\n", err);
        return 1;
    }
    if (kf_plugins_load(kf_cfg->plugin_dir) != 0)
        return 1;
    admin = strcmp(argv[optind], "migrate") == 0;
    db = kf_db_open(kf_cfg, admin);
    if (db == NULL || kf_db_down(db)) {
        fprintf(stderr, "kefuctl: cannot connect to the database: %s\n", db ? kf_db_error(db) : "");
        return 1;
    }
    rc = run(argc - optind, argv + optind);
    kf_db_close(db);
    kf_plugins_unload();
    kf_config_free(kf_cfg);
    return rc;
}
