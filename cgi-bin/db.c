/* db.c -- the worker's MariaDB connection and prepared statements.
 *
 * One connection per process, opened after fork and never shared.  Every
 * statement is prepared; a small cache keyed by the SQL text's address
 * (the SQL is always a string literal in the caller) keeps each statement
 * prepared for the life of the connection.
 *
 * MYSQL_OPT_RECONNECT stays off: a silent reconnect inside a transaction
 * would report a COMMIT of rows that are gone.  Instead, when the server
 * is lost (2006/2013) outside a transaction we reconnect once, drop the
 * statement cache and retry; inside a transaction the request fails and
 * the caller rolls back.  kf_db_down() tells the dispatcher to answer 503.
 *
 * Result columns are fetched as strings into buffers that grow on
 * MYSQL_DATA_TRUNCATED, so one code path serves buffered queries and
 * unbuffered streams of any size.
 */
#include "config.h"
#include <errno.h>
#include <errmsg.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "kf_core.h"

#define STMT_CACHE 128
#define COL_INIT 128

struct kf_stmt {
    kf_db *db;
    MYSQL_STMT *stmt;
    bool cached;
    bool buffered;
    unsigned ncols;
    MYSQL_RES *meta;
    MYSQL_BIND *bind;
    char **buf;
    unsigned long *len;
    unsigned long *cap;
    my_bool *isnull;
    my_bool *err;
};

struct cache_entry {
    const char *sql;
    MYSQL_STMT *stmt;
    bool busy;
};

struct kf_db {
    MYSQL *conn;
    const kf_config *cfg;
    int admin;
    bool in_tx;
    bool lost;
    bool no_cache;
    unsigned last_errno;
    char errmsg[512];
    struct cache_entry cache[STMT_CACHE];
};

static void set_error(kf_db *db, unsigned no, const char *msg)
{
    db->last_errno = no;
    snprintf(db->errmsg, sizeof db->errmsg, "%u: %s", no, msg ? msg : "");
    if (no == CR_SERVER_GONE_ERROR || no == CR_SERVER_LOST || no == CR_CONNECTION_ERROR ||
        no == CR_CONN_HOST_ERROR)
        db->lost = true;
}

static void cache_clear(kf_db *db)
{
    for (int i = 0; i < STMT_CACHE; i++) {
        if (db->cache[i].stmt)
            mysql_stmt_close(db->cache[i].stmt);
        db->cache[i] = (struct cache_entry){ 0 };
    }
}

static int connect_now(kf_db *db)
{
    const kf_config *c = db->cfg;
    const char *user = c->db.user, *pass = c->db.password;
    unsigned timeout = 5;

    if (db->admin && c->db.admin_user[0]) {
        user = c->db.admin_user;
        pass = c->db.admin_password;
    }
    db->conn = mysql_init(NULL);
    if (db->conn == NULL)
        return -1;
    mysql_optionsv(db->conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    mysql_optionsv(db->conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    /* Times are stored and compared in UTC; the UI converts. */
    mysql_optionsv(db->conn, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00'");
    if (!mysql_real_connect(db->conn, c->db.socket[0] ? NULL : c->db.host, user,
                            pass[0] ? pass : NULL, c->db.name,
                            c->db.socket[0] ? 0 : (unsigned)c->db.port,
                            c->db.socket[0] ? c->db.socket : NULL,
                            db->admin ? CLIENT_MULTI_STATEMENTS : 0)) {
        set_error(db, mysql_errno(db->conn), mysql_error(db->conn));
        db->lost = true;
        mysql_close(db->conn);
        db->conn = NULL;
        return -1;
    }
    db->lost = false;
    db->in_tx = false;
    return 0;
}

kf_db *kf_db_open(const kf_config *cfg, int admin)
{
    kf_db *db = calloc(1, sizeof *db);
    if (db == NULL)
        return NULL;
    db->cfg = cfg;
    db->admin = admin;
    connect_now(db);   /* a failure is remembered; kf_db_ensure retries */
    return db;
}

void kf_db_close(kf_db *db)
{
    if (db == NULL)
        return;
    cache_clear(db);
    if (db->conn)
        mysql_close(db->conn);
    free(db);
}

int kf_db_ensure(kf_db *db)
{
    if (db->conn && !db->lost)
        return 0;
    cache_clear(db);
    if (db->conn) {
        mysql_close(db->conn);
        db->conn = NULL;
    }
    return connect_now(db);
}

void kf_db_nocache(kf_db *db, bool on) { db->no_cache = on; }
bool kf_db_in_tx(const kf_db *db) { return db->in_tx; }
bool kf_db_down(const kf_db *db) { return db->lost || db->conn == NULL; }
const char *kf_db_error(kf_db *db) { return db->errmsg; }
MYSQL *kf_db_mysql(kf_db *db) { return db->conn; }

int kf_db_ping(kf_db *db)
{
    int64_t one = 0;
    if (kf_db_ensure(db) != 0)
        return -1;
    return kf_db_int(db, &one, "SELECT 1", "") == 1 && one == 1 ? 0 : -1;
}

int kf_db_query_plain(kf_db *db, const char *sql)
{
    if (kf_db_ensure(db) != 0)
        return -1;
    if (mysql_query(db->conn, sql) != 0) {
        set_error(db, mysql_errno(db->conn), mysql_error(db->conn));
        return -1;
    }
    /* drain every result of a multi-statement script */
    do {
        MYSQL_RES *r = mysql_store_result(db->conn);
        if (r)
            mysql_free_result(r);
    } while (mysql_next_result(db->conn) == 0);
    if (mysql_errno(db->conn)) {
        set_error(db, mysql_errno(db->conn), mysql_error(db->conn));
        return -1;
    }
    return 0;
}

/* ---- statements ---- */

static MYSQL_STMT *stmt_prepare(kf_db *db, const char *sql, bool *cached)
{
    unsigned h = (unsigned)(((uintptr_t)sql >> 3) % STMT_CACHE);
    MYSQL_STMT *st;

    *cached = false;
    for (unsigned i = 0; i < 8 && !db->no_cache; i++) {
        struct cache_entry *e = &db->cache[(h + i) % STMT_CACHE];
        if (e->sql == sql && !e->busy) {
            e->busy = true;
            *cached = true;
            return e->stmt;
        }
    }
    st = mysql_stmt_init(db->conn);
    if (st == NULL)
        return NULL;
    if (mysql_stmt_prepare(st, sql, (unsigned long)strlen(sql)) != 0) {
        set_error(db, mysql_stmt_errno(st), mysql_stmt_error(st));
        kf_log("error: prepare failed: %s: %.200s", db->errmsg, sql);
        mysql_stmt_close(st);
        return NULL;
    }
    for (unsigned i = 0; i < 8 && !db->no_cache; i++) {
        struct cache_entry *e = &db->cache[(h + i) % STMT_CACHE];
        if (e->sql == NULL) {
            *e = (struct cache_entry){ sql, st, true };
            *cached = true;
            break;
        }
    }
    return st;
}

static void stmt_release(kf_db *db, MYSQL_STMT *st, bool cached)
{
    if (!cached) {
        mysql_stmt_close(st);
        return;
    }
    /* free_result only: mysql_stmt_reset would cost a round trip to the
     * server per statement, and we never send long data */
    mysql_stmt_free_result(st);
    for (int i = 0; i < STMT_CACHE; i++)
        if (db->cache[i].stmt == st) {
            db->cache[i].busy = false;
            return;
        }
}

/* Binds the parameters described by types from ap; '-' and '_' consume
 * a string or an int64_t argument without binding it (kefu.h). */
static int bind_params(MYSQL_STMT *st, const char *types, va_list ap, MYSQL_BIND *b,
                       int64_t *ints, double *dbls, unsigned long *lens)
{
    unsigned n = 0;

    for (const char *t = types; *t; t++) {
        unsigned i = n;
        if (*t == '-') {
            (void)va_arg(ap, const char *);
            continue;
        }
        if (*t == '_') {
            (void)va_arg(ap, int64_t);
            continue;
        }
        if (n++ >= mysql_stmt_param_count(st))
            return -1;
        memset(&b[i], 0, sizeof b[i]);
        switch (*t) {
        case 'i':
        case 'I':
            ints[i] = va_arg(ap, int64_t);
            if (*t == 'I' && ints[i] < 0) {
                b[i].buffer_type = MYSQL_TYPE_NULL;
                break;
            }
            b[i].buffer_type = MYSQL_TYPE_LONGLONG;
            b[i].buffer = &ints[i];
            break;
        case 'd':
            dbls[i] = va_arg(ap, double);
            b[i].buffer_type = MYSQL_TYPE_DOUBLE;
            b[i].buffer = &dbls[i];
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (s == NULL) {
                b[i].buffer_type = MYSQL_TYPE_NULL;
                break;
            }
            lens[i] = (unsigned long)strlen(s);
            b[i].buffer_type = MYSQL_TYPE_STRING;
            b[i].buffer = (void *)s;
            b[i].buffer_length = lens[i];
            b[i].length = &lens[i];
            break;
        }
        case 'b': {
            const void *p = va_arg(ap, const void *);
            lens[i] = (unsigned long)va_arg(ap, size_t);
            b[i].buffer_type = MYSQL_TYPE_BLOB;
            b[i].buffer = (void *)p;
            b[i].buffer_length = lens[i];
            b[i].length = &lens[i];
            break;
        }
        default:
            return -1;
        }
    }
    if (n != mysql_stmt_param_count(st))
        return -1;
    return n ? (mysql_stmt_bind_param(st, b) ? -1 : 0) : 0;
}

#define MAX_PARAMS 48

/* Prepares (from cache), binds and executes; retries once on a lost
 * server outside a transaction.  Returns the statement or NULL. */
static MYSQL_STMT *run(kf_db *db, bool *cached, const char *sql, const char *types,
                       va_list ap)
{
    MYSQL_BIND b[MAX_PARAMS];
    int64_t ints[MAX_PARAMS];
    double dbls[MAX_PARAMS];
    unsigned long lens[MAX_PARAMS];

    if (strlen(types) > MAX_PARAMS)
        return NULL;
    for (int attempt = 0; attempt < 2; attempt++) {
        va_list aq;
        MYSQL_STMT *st;

        if (kf_db_ensure(db) != 0)
            return NULL;
        st = stmt_prepare(db, sql, cached);
        if (st == NULL)
            goto retry;
        va_copy(aq, ap);
        if (bind_params(st, types, aq, b, ints, dbls, lens) != 0) {
            va_end(aq);
            set_error(db, 0, "parameter types do not match the statement");
            kf_log("error: bad parameter types \"%s\" for: %.200s", types, sql);
            stmt_release(db, st, *cached);
            return NULL;
        }
        va_end(aq);
        if (mysql_stmt_execute(st) == 0)
            return st;
        set_error(db, mysql_stmt_errno(st), mysql_stmt_error(st));
        stmt_release(db, st, *cached);
    retry:
        if (!db->lost || db->in_tx)
            return NULL;
    }
    return NULL;
}

static int exec_v(kf_db *db, int64_t *id, const char *sql, const char *types, va_list ap)
{
    bool cached;
    MYSQL_STMT *st = run(db, &cached, sql, types, ap);

    if (st == NULL)
        return -1;
    if (id)
        *id = (int64_t)mysql_stmt_insert_id(st);
    stmt_release(db, st, cached);
    return 0;
}

int kf_db_exec(kf_db *db, const char *sql, const char *types, ...)
{
    va_list ap;
    int rc;
    va_start(ap, types);
    rc = exec_v(db, NULL, sql, types, ap);
    va_end(ap);
    return rc;
}

int kf_db_exec_id(kf_db *db, int64_t *id, const char *sql, const char *types, ...)
{
    va_list ap;
    int rc;
    va_start(ap, types);
    rc = exec_v(db, id, sql, types, ap);
    va_end(ap);
    return rc;
}

static void stmt_free(kf_stmt *s)
{
    if (s->buf)
        for (unsigned i = 0; i < s->ncols; i++)
            free(s->buf[i]);
    free(s->buf);
    free(s->bind);
    free(s->len);
    free(s->cap);
    free(s->isnull);
    free(s->err);
    if (s->meta)
        mysql_free_result(s->meta);
    free(s);
}

static kf_stmt *query_v(kf_db *db, bool buffered, const char *sql, const char *types,
                        va_list ap)
{
    kf_stmt *s = calloc(1, sizeof *s);
    unsigned n;

    if (s == NULL)
        return NULL;
    s->db = db;
    s->buffered = buffered;
    s->stmt = run(db, &s->cached, sql, types, ap);
    if (s->stmt == NULL) {
        free(s);
        return NULL;
    }
    s->meta = mysql_stmt_result_metadata(s->stmt);
    n = s->meta ? mysql_num_fields(s->meta) : 0;
    s->ncols = n;
    s->bind = calloc(n ? n : 1, sizeof *s->bind);
    s->buf = calloc(n ? n : 1, sizeof *s->buf);
    s->len = calloc(n ? n : 1, sizeof *s->len);
    s->cap = calloc(n ? n : 1, sizeof *s->cap);
    s->isnull = calloc(n ? n : 1, sizeof *s->isnull);
    s->err = calloc(n ? n : 1, sizeof *s->err);
    if (!s->bind || !s->buf || !s->len || !s->cap || !s->isnull || !s->err)
        goto fail;
    for (unsigned i = 0; i < n; i++) {
        s->cap[i] = COL_INIT;
        s->buf[i] = malloc(COL_INIT);
        if (s->buf[i] == NULL)
            goto fail;
        s->bind[i].buffer_type = MYSQL_TYPE_STRING;
        s->bind[i].buffer = s->buf[i];
        s->bind[i].buffer_length = COL_INIT - 1;
        s->bind[i].length = &s->len[i];
        s->bind[i].is_null = &s->isnull[i];
        s->bind[i].error = &s->err[i];
    }
    if (n && mysql_stmt_bind_result(s->stmt, s->bind) != 0)
        goto fail;
    if (buffered && mysql_stmt_store_result(s->stmt) != 0) {
        set_error(db, mysql_stmt_errno(s->stmt), mysql_stmt_error(s->stmt));
        goto fail;
    }
    return s;
fail:
    stmt_release(db, s->stmt, s->cached);
    s->stmt = NULL;
    stmt_free(s);
    return NULL;
}

kf_stmt *kf_db_query(kf_db *db, const char *sql, const char *types, ...)
{
    va_list ap;
    kf_stmt *s;
    va_start(ap, types);
    s = query_v(db, true, sql, types, ap);
    va_end(ap);
    return s;
}

kf_stmt *kf_db_stream(kf_db *db, const char *sql, const char *types, ...)
{
    va_list ap;
    kf_stmt *s;
    va_start(ap, types);
    s = query_v(db, false, sql, types, ap);
    va_end(ap);
    return s;
}

/* Grows the buffer of a truncated column and fetches it whole. */
static int refetch_column(kf_stmt *s, unsigned i)
{
    unsigned long need = s->len[i] + 1;
    char *nb = realloc(s->buf[i], need);

    if (nb == NULL)
        return -1;
    s->buf[i] = nb;
    s->cap[i] = need;
    s->bind[i].buffer = nb;
    s->bind[i].buffer_length = need - 1;
    return mysql_stmt_fetch_column(s->stmt, &s->bind[i], i, 0) != 0 ? -1 : 0;
}

int kf_stmt_next(kf_stmt *s)
{
    int rc = mysql_stmt_fetch(s->stmt);
    bool grown = false;

    if (rc == MYSQL_NO_DATA)
        return 0;
    if (rc == 1) {
        set_error(s->db, mysql_stmt_errno(s->stmt), mysql_stmt_error(s->stmt));
        return -1;
    }
    for (unsigned i = 0; i < s->ncols; i++) {
        if (s->isnull[i])
            continue;
        if (s->len[i] >= s->cap[i] || s->err[i]) {
            if (refetch_column(s, i) != 0)
                return -1;
            grown = true;
        }
        s->buf[i][s->len[i]] = '\0';
    }
    /* rebind once the whole row is read (rebinding mid-row loses the
     * row's other columns) so the next row uses the bigger buffers */
    if (grown && mysql_stmt_bind_result(s->stmt, s->bind) != 0)
        return -1;
    return 1;
}

const char *kf_stmt_str(kf_stmt *s, unsigned col)
{
    return col < s->ncols && !s->isnull[col] ? s->buf[col] : NULL;
}

size_t kf_stmt_len(kf_stmt *s, unsigned col)
{
    return col < s->ncols && !s->isnull[col] ? s->len[col] : 0;
}

int64_t kf_stmt_int(kf_stmt *s, unsigned col)
{
    const char *v = kf_stmt_str(s, col);
    return v ? strtoll(v, NULL, 10) : 0;
}

bool kf_stmt_null(kf_stmt *s, unsigned col) { return col >= s->ncols || s->isnull[col]; }
unsigned kf_stmt_cols(kf_stmt *s) { return s->ncols; }

const char *kf_stmt_colname(kf_stmt *s, unsigned col)
{
    if (col >= s->ncols)
        return NULL;
    return mysql_fetch_field_direct(s->meta, col)->name;
}

/* The row's columns become children of one node, found once: a list
 * page of 50 rows sets 650 values, and walking the dotted path from the
 * root for each was a fifth of the page's cost. */
static int row_to_node(kf_stmt *s, HDF *row)
{
    for (unsigned i = 0; i < s->ncols; i++) {
        const char *v = kf_stmt_str(s, i);
        NEOERR *err;
        if (v == NULL)
            continue;
        err = hdf_set_value(row, kf_stmt_colname(s, i), v);
        if (err != STATUS_OK) {
            nerr_ignore(&err);
            return -1;
        }
    }
    return 0;
}

static HDF *child_node(HDF *parent, const char *name)
{
    HDF *node = NULL;
    NEOERR *err = hdf_get_node(parent, name, &node);
    if (err != STATUS_OK) {
        nerr_ignore(&err);
        return NULL;
    }
    return node;
}

int kf_stmt_to_hdf(kf_stmt *s, HDF *hdf, const char *prefix)
{
    HDF *row = child_node(hdf, prefix);
    return row ? row_to_node(s, row) : -1;
}

void kf_stmt_close(kf_stmt *s)
{
    if (s == NULL)
        return;
    if (s->stmt)
        stmt_release(s->db, s->stmt, s->cached);
    stmt_free(s);
}

int kf_db_int(kf_db *db, int64_t *out, const char *sql, const char *types, ...)
{
    va_list ap;
    kf_stmt *s;
    int rc;

    va_start(ap, types);
    s = query_v(db, true, sql, types, ap);
    va_end(ap);
    if (s == NULL)
        return -1;
    rc = kf_stmt_next(s);
    if (rc == 1)
        *out = kf_stmt_int(s, 0);
    kf_stmt_close(s);
    return rc;
}

int kf_db_rows_to_hdf(kf_db *db, HDF *hdf, const char *prefix, const char *sql,
                      const char *types, ...)
{
    va_list ap;
    kf_stmt *s;
    HDF *list = NULL, *row;
    int n = 0, rc;
    char num[16];

    va_start(ap, types);
    s = query_v(db, true, sql, types, ap);
    va_end(ap);
    if (s == NULL)
        return -1;
    while ((rc = kf_stmt_next(s)) == 1) {
        /* no rows, no node: templates test for the list's presence */
        if (list == NULL && (list = child_node(hdf, prefix)) == NULL) {
            rc = -1;
            break;
        }
        snprintf(num, sizeof num, "%d", n++);
        row = child_node(list, num);
        if (row == NULL || row_to_node(s, row) != 0) {
            rc = -1;
            break;
        }
    }
    kf_stmt_close(s);
    return rc < 0 ? -1 : n;
}

int kf_db_begin(kf_db *db)
{
    if (kf_db_ensure(db) != 0)
        return -1;
    if (mysql_autocommit(db->conn, 0) != 0) {
        set_error(db, mysql_errno(db->conn), mysql_error(db->conn));
        return -1;
    }
    db->in_tx = true;
    return 0;
}

int kf_db_begin_read_committed(kf_db *db)
{
    /* applies to the next transaction only; the connection keeps its default */
    if (kf_db_exec(db, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED", "") != 0)
        return -1;
    return kf_db_begin(db);
}

int kf_db_commit(kf_db *db)
{
    int rc = mysql_commit(db->conn) ? -1 : 0;
    if (rc) {
        set_error(db, mysql_errno(db->conn), mysql_error(db->conn));
        if (!db->lost)
            mysql_rollback(db->conn);
    }
    if (!db->lost)
        mysql_autocommit(db->conn, 1);
    db->in_tx = false;
    return rc;
}

void kf_db_rollback(kf_db *db)
{
    if (db->conn && db->in_tx && !db->lost) {
        mysql_rollback(db->conn);
        mysql_autocommit(db->conn, 1);
    }
    db->in_tx = false;
}
