/* migrate.c -- numbered SQL migrations.
 *
 * sql/core/NNN_name.sql first, then sql/<plugin>/NNN_name.sql for every
 * plugin present, each applied once in name order and recorded in
 * schema_migrations; a second run changes nothing.  DDL commits
 * implicitly in MariaDB, so a file is recorded after it succeeds and a
 * failure stops the run at that file.  Migrations run from kefuctl (or
 * the installer), never in a worker.
 *
 * Afterwards the application's database user is granted table by table:
 * SELECT, INSERT, UPDATE, DELETE everywhere except the append-only tables
 * (audit_log, export_register), where it gets SELECT and INSERT only.
 */
#include "config.h"
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include "kf_core.h"

#define MAX_SQL_FILE (4L << 20)

static bool is_migration(const char *n)
{
    size_t l = strlen(n);
    return l > 8 && n[0] >= '0' && n[0] <= '9' && n[1] >= '0' && n[1] <= '9' &&
           n[2] >= '0' && n[2] <= '9' && n[3] == '_' && strcmp(n + l - 4, ".sql") == 0;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && n <= MAX_SQL_FILE &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL) {
        if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        } else {
            buf[n] = '\0';
        }
    }
    fclose(f);
    return buf;
}

/* Applies the pending files of one area (core or a plugin name). */
static int migrate_area(kf_db *db, const char *sql_dir, const char *area, FILE *out)
{
    char dir[PATH_MAX], path[PATH_MAX * 2];
    char *names[512];
    size_t n = 0;
    DIR *d;
    struct dirent *e;
    int rc = 0;

    snprintf(dir, sizeof dir, "%s/%s", sql_dir, area);
    d = opendir(dir);
    if (d == NULL)
        return 0;  /* a plugin without tables */
    while ((e = readdir(d)) != NULL && n < 512)
        if (is_migration(e->d_name))
            names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof names[0], cmp);
    for (size_t i = 0; i < n; i++) {
        int64_t done = 0;
        char *sql;
        if (rc != 0 || names[i] == NULL)
            goto next;
        if (kf_db_int(db, &done, "SELECT COUNT(*) FROM schema_migrations WHERE area = ? AND name = ?",
                      "ss", area, names[i]) != 1) {
            rc = -1;
            goto next;
        }
        if (done)
            goto next;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        sql = read_file(path);
        if (sql == NULL) {
            fprintf(out, "migrate: %s: cannot be read\n", path);
            rc = -1;
            goto next;
        }
        if (kf_db_query_plain(db, sql) != 0 ||
            kf_db_exec(db, "INSERT INTO schema_migrations (area, name, applied_at) "
                       "VALUES (?, ?, UTC_TIMESTAMP())", "ss", area, names[i]) != 0) {
            fprintf(out, "migrate: %s failed: %s\n", path, kf_db_error(db));
            rc = -1;
        } else {
            fprintf(out, "migrate: applied %s/%s\n", area, names[i]);
        }
        free(sql);
    next:
        free(names[i]);
    }
    return rc;
}

int kf_migrate(kf_db *db, const char *sql_dir, FILE *out)
{
    if (kf_db_query_plain(db,
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " area VARCHAR(32) NOT NULL, name VARCHAR(128) NOT NULL,"
            " applied_at DATETIME NOT NULL, PRIMARY KEY (area, name)"
            ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci") != 0) {
        fprintf(out, "migrate: %s\n", kf_db_error(db));
        return -1;
    }
    if (migrate_area(db, sql_dir, "core", out) != 0)
        return -1;
    for (size_t i = 0; i < kf_plugins_count(); i++)
        if (migrate_area(db, sql_dir, kf_plugins_get(i)->desc->name, out) != 0)
            return -1;
    return 0;
}

static bool append_only(const char *table)
{
    return strcmp(table, "audit_log") == 0 || strcmp(table, "export_register") == 0;
}

/* GRANT takes no placeholders for names: names come from the config and
 * information_schema and are checked to be plain identifiers before they
 * are put in the statement, which still goes through mysql_stmt_prepare. */
static bool plain_ident(const char *s)
{
    return s && *s && strlen(s) < 64 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(s);
}

int kf_grant_app_user(kf_db *db, const kf_config *cfg, FILE *out)
{
    const char *user = cfg->db.user;
    kf_stmt *st;
    char sql[1024];
    char tables[256][64];
    int n = 0, rc;

    if (!cfg->db.admin_user[0] || strcmp(cfg->db.admin_user, cfg->db.user) == 0)
        return 0;  /* one user for everything: nothing to grant */
    if (!plain_ident(user) || !plain_ident(cfg->db.name) ||
        strspn(cfg->db.app_host, "abcdefghijklmnopqrstuvwxyz0123456789.-%") != strlen(cfg->db.app_host)) {
        fprintf(out, "grant: database and user names must be plain identifiers\n");
        return -1;
    }
    st = kf_db_query(db, "SELECT table_name FROM information_schema.tables "
                     "WHERE table_schema = ? AND table_type = 'BASE TABLE'", "s", cfg->db.name);
    if (st == NULL)
        return -1;
    while ((rc = kf_stmt_next(st)) == 1 && n < 256)
        if (plain_ident(kf_stmt_str(st, 0)))
            snprintf(tables[n++], sizeof tables[0], "%s", kf_stmt_str(st, 0));
    kf_stmt_close(st);
    for (int i = 0; i < n; i++) {
        if (strcmp(tables[i], "schema_migrations") == 0)
            snprintf(sql, sizeof sql, "GRANT SELECT ON `%.64s`.`%.64s` TO '%.64s'@'%.255s'", cfg->db.name, tables[i], user, cfg->db.app_host);
        else if (append_only(tables[i]))
            snprintf(sql, sizeof sql, "GRANT SELECT, INSERT ON `%.64s`.`%.64s` TO '%.64s'@'%.255s'", cfg->db.name,
                     tables[i], user, cfg->db.app_host);
        else
            snprintf(sql, sizeof sql, "GRANT SELECT, INSERT, UPDATE, DELETE ON `%.64s`.`%.64s` TO '%.64s'@'%.255s'",
                     cfg->db.name, tables[i], user, cfg->db.app_host);
        /* a dynamic string must not enter the statement cache */
        kf_db_nocache(db, true);
        rc = kf_db_exec(db, sql, "");
        kf_db_nocache(db, false);
        if (rc != 0) {
            fprintf(out, "grant: %s: %s\n", tables[i], kf_db_error(db));
            return -1;
        }
    }
    fprintf(out, "grant: %s@%s may use %d tables (audit tables append-only)\n", user,
            cfg->db.app_host, n);
    return 0;
}
