/* lists.c -- GET /complaints/ (the case lists) and /complaints/ledger.
 *
 * Lists: tabs mine (owner = me), dept (the user's department subtree)
 * and overdue (open and past a due time), filters step (or "open"),
 * severity, cause, channel, abnormal, and a search on reference,
 * customer number, phone or the start of the customer's name; 50 a
 * page, newest first.  Each tab is its own literal statement so it can
 * use its index; the filters set add their conditions to it, from fixed
 * fragments, and their values are always bound.
 *
 * Ledger (台账): per department in scope, for a period of received
 * dates: complaints, replied (reply rate = replied / complaints, the
 * 百分百回复 figure), closed, closed on time (on-time rate = closed by
 * the resolution due time / closed), overdue and abnormal counts, and
 * the cases themselves (newest 200), all from one key range of
 * complaint_scope (the user's department, the period), which carries
 * what they need (sql/complaints/014_scope_listing.sql).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "complaints.h"

#define CP_PAGE 50
/* Deeper pages cost a walk past every case before them (OFFSET): page
 * 2,000 is 100,000 cases down, 50 ms at a million; beyond it the list
 * asks for a filter instead of letting one request scan the ledger. */
#define CP_MAX_PAGE 2000

/* A datetime to the minute, as the lists show it: its standard text cut
 * after the minutes.  DATE_FORMAT parses its pattern again for every row,
 * a tenth of a 50-row list query. */
#define LIST_MINUTE(col) "LEFT(" col ", 16)"
/* What the list shows and no more, with the two flags NULL when not set:
 * a NULL column sets no HDF node, and a row of at most ten nodes is a
 * plain list, where more would make ClearSilver build a hash table for
 * every row (FORCE_HASH_AT) -- a sixth of the page's time. */
#define LIST_FIELDS \
    "c.reference, c.step, c.severity, c.cause, NULLIF(c.abnormal, 0) AS abnormal, " \
    "cu.name AS customer_name, cu.phone AS customer_phone, o.display_name AS owner_name, " \
    LIST_MINUTE("c.received_at") " AS received_at, " \
    LIST_MINUTE("c.resolution_due") " AS resolution_due, " \
    "NULLIF(" CP_SQL_OVERDUE("c") ", 0) AS overdue "
/* the customer and owner of each case c */
#define LIST_JOINS \
    "JOIN customers cu FORCE INDEX (PRIMARY) ON cu.id = c.customer_id " \
    "JOIN users o FORCE INDEX (PRIMARY) ON o.id = c.owner_id "
#define LIST_ORDER_C " ORDER BY c.received_at DESC, c.id DESC LIMIT ? OFFSET ?"

/* A search (q) starts from what it names, never from a walk of the
 * subtree: the case with that reference, and the cases of the customers
 * with that customer number, that phone, or -- the first 500 by name --
 * a name starting with it.  Then scope, the tab's own condition (mine:
 * owner; overdue) and the filters, newest first.  A search that matches
 * nothing costs a few index lookups, not a scan of a million cases. */
#define CP_NAME_MATCHES "500"
#define LIST_SEARCHED "SELECT " LIST_FIELDS \
    "FROM (SELECT id FROM complaints WHERE reference = ? " \
    "UNION SELECT cc.id FROM complaints cc JOIN (" \
    "SELECT id FROM customers WHERE customer_no = ? " \
    "UNION SELECT id FROM customers WHERE phone = ? " \
    "UNION SELECT id FROM (SELECT id FROM customers WHERE name LIKE CONCAT(?, '%') " \
    "ORDER BY name LIMIT " CP_NAME_MATCHES ") named) k ON cc.customer_id = k.id) m " \
    "JOIN complaints c ON c.id = m.id " LIST_JOINS \
    "WHERE c.dept_path LIKE CONCAT(?, '%') AND (? = 0 OR c.owner_id = ?) " \
    "AND (? = 0 OR " CP_SQL_OVERDUE("c") ")"

enum list_tab { TAB_SEARCH, TAB_MINE, TAB_OVERDUE, TAB_DEPT, NTABS };
/* Each tab's statement around its filters: literal SQL, so it can use
 * its index -- owner, the open steps for the overdue tab, and for the
 * department tab the complaint_scope projection, which carries the row. */
/* head and rest hold the tab's own parameters, of types types; the
 * filters' conditions follow on table alias, then tail. */
static const struct {
    const char *head, *rest, *alias, *tail, *types;
} tab_sql[NTABS] = {
    [TAB_SEARCH] = { LIST_SEARCHED, "", "c", LIST_ORDER_C, "sssssiii" },
    [TAB_MINE] = { "SELECT " LIST_FIELDS "FROM complaints c " LIST_JOINS
        "WHERE c.owner_id = ? AND c.dept_path LIKE CONCAT(?, '%')", "", "c", LIST_ORDER_C, "is" },
    /* the open steps by name: a range of k_complaint_open over the open
     * cases only (015_open_index.sql), never a walk down the ledger; without
     * the hint the optimizer walks all cases newest first hoping to meet 50
     * overdue ones */
    [TAB_OVERDUE] = { "SELECT " LIST_FIELDS "FROM complaints c FORCE INDEX (k_complaint_open) "
        LIST_JOINS "WHERE c.step IN " CP_SQL_OPEN_STEPS " AND c.dept_path LIKE CONCAT(?, '%') "
        "AND " CP_SQL_OVERDUE("c"), "", "c", LIST_ORDER_C, "s" },
    /* The department subtree, newest first: complaint_scope alone, read in
     * index order; it carries the whole row, the customer's and the owner's
     * names too (sql/complaints/010_scope.sql, 014_scope_listing.sql,
     * 018_scope_owner_name.sql).  Between head and rest goes the index the
     * filters decide (dept_index_hint). */
    [TAB_DEPT] = { "SELECT s.reference, s.step, s.severity, s.cause, "
        "NULLIF(s.abnormal, 0) AS abnormal, s.customer_name, s.customer_phone, s.owner_name, "
        LIST_MINUTE("s.received_at") " AS received_at, "
        LIST_MINUTE("s.resolution_due") " AS resolution_due, "
        "NULLIF(" CP_SQL_OVERDUE("s") ", 0) AS overdue "
        "FROM complaint_scope s",
        " WHERE s.dept_id = ?", "s",
        " ORDER BY s.received_at DESC, s.complaint_id DESC LIMIT ? OFFSET ?", "i" },
};

/* The filters, in the order of their arguments; a set filter adds its
 * condition on the tab's table (%s), an unset one adds nothing. */
enum { F_OPEN, F_STEP, F_SEVERITY, F_CAUSE, F_CHANNEL, F_ABNORMAL, NFILTERS };
static const char *const filter_sql[NFILTERS] = {
    [F_OPEN] = " AND %s.step IN " CP_SQL_OPEN_STEPS,
    [F_STEP] = " AND %s.step = ?",
    [F_SEVERITY] = " AND %s.severity = ?",
    [F_CAUSE] = " AND %s.cause = ?",
    [F_CHANNEL] = " AND %s.channel = ?",
    [F_ABNORMAL] = " AND %s.abnormal = ?",
};

/* The department tab's index, named where the filters decide it: MariaDB
 * would otherwise estimate, for every statement, the rows each of the
 * five indexes starting with the department holds.
 * - No filter with an index (step, cause, channel, abnormal): the walk of
 *   the department newest first, the primary key.
 * - A cause or a channel: these divide a department's cases among a
 *   handful of categories, each with its index
 *   (016_scope_filter_indexes.sql).  The walk passes over every case of
 *   the other categories; the category's index reads only its own, at one
 *   row lookup each -- at a million cases, a fifth less work for a
 *   category of a quarter of the cases -- yet MariaDB, judging by the
 *   department's size, walks.  Alone, the category's index is named;
 *   with other indexed filters the walk is ruled out and MariaDB picks
 *   among their indexes by its estimates, so a rare value's (abnormal,
 *   an open step) still wins.  Not beyond the first pages: the cases an
 *   OFFSET skips cost a lookup each through an index, and page 2,000 of a
 *   common category took 0.47 s that way, 0.18 s walking.
 * - A step or abnormal alone: left to MariaDB, which knows how rare the
 *   value is. */
#define INDEXED_FILTERS ((1u << F_OPEN) | (1u << F_STEP) | (1u << F_CAUSE) | \
                         (1u << F_CHANNEL) | (1u << F_ABNORMAL))
#define CATEGORY_HINT_PAGES 20
static const char *dept_index_hint(unsigned mask, bool deep)
{
    unsigned indexed = mask & INDEXED_FILTERS;

    if (indexed == 0)
        return " FORCE INDEX (PRIMARY)";
    if (deep || !(indexed & ((1u << F_CAUSE) | (1u << F_CHANNEL))))
        return "";
    if (indexed == 1u << F_CAUSE)
        return " FORCE INDEX (k_scope_cause)";
    if (indexed == 1u << F_CHANNEL)
        return " FORCE INDEX (k_scope_channel)";
    return " IGNORE INDEX (PRIMARY)";
}

/* The tab's statement with the filters in mask: assembled from the fixed
 * fragments above, never from input, once per worker -- the statement
 * cache knows a statement by its address.  Conditions only for the
 * filters set cost MariaDB less than "(? = '' OR col = ?)" for each, and
 * give the optimizer plain conditions to pick an index by. */
static const char *list_statement(enum list_tab tab, unsigned mask, long long page)
{
    static char *built[NTABS][2][1u << NFILTERS];
    bool deep = tab == TAB_DEPT && page > CATEGORY_HINT_PAGES;  /* only its hint differs */
    char sql[8192];
    size_t len;

    if (built[tab][deep][mask])
        return built[tab][deep][mask];
    len = (size_t)snprintf(sql, sizeof sql, "%s%s%s", tab_sql[tab].head,
                           tab == TAB_DEPT ? dept_index_hint(mask, deep) : "", tab_sql[tab].rest);
    for (int f = 0; f < NFILTERS && len < sizeof sql; f++)
        if (mask & (1u << f))
            len += (size_t)snprintf(sql + len, sizeof sql - len, filter_sql[f], tab_sql[tab].alias);
    if (len < sizeof sql)
        len += (size_t)snprintf(sql + len, sizeof sql - len, "%s", tab_sql[tab].tail);
    if (len >= sizeof sql)
        return NULL;
    built[tab][deep][mask] = strdup(sql);
    return built[tab][deep][mask];
}

static const char *filter(kf_req *req, const char *name, const char *const *allowed)
{
    const char *v = kf_req_field(req, name);
    return v && cp_in(allowed, v) ? v : "";
}

int cp_list(kf_req *req)
{
    static const char *const step_values[] = { "open", "received", "recorded", "cause_analysed",
        "dept_decided", "solution_proposed", "carried_out", "feedback_collected", "closed", NULL };
    static const char *const tabs[] = { "mine", "dept", "overdue", NULL };
    kf_db *db = kf_req_db(req);
    HDF *hdf = kf_req_hdf(req);
    const kf_user *u = kf_req_user(req);
    const char *tab = kf_req_field(req, "tab");
    const char *step = filter(req, "step", step_values);
    const char *sev = filter(req, "severity", cp_severities);
    const char *cause = filter(req, "cause", cp_causes);
    const char *chan = filter(req, "channel", cp_channels);
    const char *q = kf_req_text(req, "q", 64);
    long long abn = -1, page = 1;
    int64_t limit = CP_PAGE + 1, offset;
    unsigned mask = 0;
    enum list_tab which;
    char types[16];
    const char *sql;
    int n;

    if (!cp_in(tabs, tab))
        tab = u->role == KF_ROLE_EMPLOYEE ? "mine" : "dept";
    if (q == NULL)
        q = "";
    if (!kf_req_int(req, "abnormal", 0, 1, &abn))
        abn = -1;
    if (!kf_req_int(req, "page", 1, 1000000, &page))
        page = 1;
    if (page > CP_MAX_PAGE) {
        page = CP_MAX_PAGE;
        kf_set_int(hdf, "Complaints.page_capped", CP_MAX_PAGE);
    }
    offset = (int64_t)(page - 1) * CP_PAGE;

    /* a search starts from what it names, inside the tab's condition */
    which = *q != '\0' ? TAB_SEARCH : strcmp(tab, "mine") == 0 ? TAB_MINE :
            strcmp(tab, "overdue") == 0 ? TAB_OVERDUE : TAB_DEPT;
    /* which filters are set, and the types binding the tab's arguments and
     * just those filters' (step, severity, cause, channel, abnormal), then
     * limit and offset */
    mask |= strcmp(step, "open") == 0 ? 1u << F_OPEN : *step ? 1u << F_STEP : 0;
    mask |= (*sev ? 1u << F_SEVERITY : 0) | (*cause ? 1u << F_CAUSE : 0) |
            (*chan ? 1u << F_CHANNEL : 0) | (abn >= 0 ? 1u << F_ABNORMAL : 0);
    snprintf(types, sizeof types, "%s%c%c%c%c%cii", tab_sql[which].types,
             mask & (1u << F_STEP) ? 's' : '-', *sev ? 's' : '-', *cause ? 's' : '-',
             *chan ? 's' : '-', abn >= 0 ? 'i' : '_');
    sql = list_statement(which, mask, page);
    if (sql == NULL)
        return KF_FAIL;

    switch (which) {
    case TAB_SEARCH:
        n = kf_db_rows_to_hdf(db, hdf, "List", sql, types, q, q, q, q, kf_scope_path(req),
                (int64_t)(strcmp(tab, "mine") == 0), u->id, (int64_t)(strcmp(tab, "overdue") == 0),
                step, sev, cause, chan, (int64_t)abn, limit, offset);
        break;
    case TAB_MINE:
        n = kf_db_rows_to_hdf(db, hdf, "List", sql, types, u->id, kf_scope_path(req),
                step, sev, cause, chan, (int64_t)abn, limit, offset);
        break;
    case TAB_OVERDUE:
        n = kf_db_rows_to_hdf(db, hdf, "List", sql, types, kf_scope_path(req),
                step, sev, cause, chan, (int64_t)abn, limit, offset);
        break;
    default:
        n = kf_db_rows_to_hdf(db, hdf, "List", sql, types, u->dept_id,
                step, sev, cause, chan, (int64_t)abn, limit, offset);
        break;
    }
    if (n < 0 || kf_label_column(hdf, "List", "severity", "L.complaints.severity") != 0 ||
        kf_label_column(hdf, "List", "cause", "L.complaints.cause") != 0 ||
        kf_label_column(hdf, "List", "step", "L.complaints.step") != 0)
        return KF_FAIL;
    if (n > CP_PAGE) {
        char key[32];
        snprintf(key, sizeof key, "List.%d", CP_PAGE);
        hdf_remove_tree(hdf, key);
        if (page < CP_MAX_PAGE)
            kf_set_int(hdf, "Complaints.next_page", page + 1);
    }
    if (page > 1)
        kf_set_int(hdf, "Complaints.prev_page", page - 1);
    kf_set_int(hdf, "Complaints.page", page);
    kf_set(hdf, "Complaints.tab", tab);
    kf_set(hdf, "Complaints.f.step", step);
    kf_set(hdf, "Complaints.f.severity", sev);
    kf_set(hdf, "Complaints.f.cause", cause);
    kf_set(hdf, "Complaints.f.channel", chan);
    kf_set(hdf, "Complaints.f.abnormal", abn < 0 ? "" : abn ? "1" : "0");
    kf_set(hdf, "Complaints.f.q", q);
    kf_set_int(hdf, "Complaints.staff", u->role != KF_ROLE_AUDITOR);
    cp_enums_to_hdf(hdf, (const char *const[]){ "step", "severity", "cause", "channel", NULL });
    return kf_render(req, "complaints/list.cs", "complaints.list.title");
}

/* "YYYY-MM-DD" or the default */
static const char *date_field(kf_req *req, const char *name, char *buf, size_t len, time_t def)
{
    const char *v = kf_req_field(req, name);
    int y, m, d;
    char extra;
    struct tm tm;

    if (v && sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &extra) == 3 && y >= 2000 && y <= 2999 &&
        m >= 1 && m <= 12 && d >= 1 && d <= 31) {
        snprintf(buf, len, "%04d-%02d-%02d", y, m, d);
        return buf;
    }
    gmtime_r(&def, &tm);
    strftime(buf, len, "%Y-%m-%d", &tm);
    return buf;
}

/* the ledger's figures over complaint_scope rows s */
#define LEDGER_SUMS \
    "COUNT(*) AS total, SUM(s.reply_count > 0) AS replied, SUM(s.step = 'closed') AS closed, " \
    "SUM(s.step = 'closed' AND s.closed_at <= s.resolution_due) AS on_time, " \
    "SUM(s.step <> 'closed' AND s.paused_at IS NULL AND s.resolution_due < UTC_TIMESTAMP()) AS overdue, " \
    "SUM(s.abnormal) AS abnormal, " \
    "ROUND(100 * SUM(s.reply_count > 0) / COUNT(*), 1) AS reply_rate, " \
    "ROUND(100 * SUM(s.step = 'closed' AND s.closed_at <= s.resolution_due) / " \
    "NULLIF(SUM(s.step = 'closed'), 0), 1) AS on_time_rate "
/* the user's subtree and period: one range of complaint_scope's key */
#define LEDGER_RANGE \
    "FROM complaint_scope s WHERE s.dept_id = ? AND s.received_at >= ? " \
    "AND s.received_at < ? + INTERVAL 1 DAY "

int cp_ledger(kf_req *req)
{
    kf_db *db = kf_req_db(req);
    HDF *hdf = kf_req_hdf(req);
    int64_t dept = kf_req_user(req)->dept_id;
    time_t now = time(NULL);
    char from[16], to[16];

    date_field(req, "from", from, sizeof from, now - 30L * 86400);
    date_field(req, "to", to, sizeof to, now);
    kf_set(hdf, "Complaints.from", from);
    kf_set(hdf, "Complaints.to", to);
    if (kf_db_rows_to_hdf(db, hdf, "Ledger.depts",
            /* grouped first, named after: the join touches one row a department */
            "SELECT d.name_zh, d.name_en, x.* FROM (SELECT s.case_dept_id, " LEDGER_SUMS
            LEDGER_RANGE "GROUP BY s.case_dept_id) x "
            "JOIN departments d ON d.id = x.case_dept_id ORDER BY d.path",
            "iss", dept, from, to) < 0 ||
        kf_db_rows_to_hdf(db, hdf, "Ledger.total", "SELECT " LEDGER_SUMS LEDGER_RANGE,
            "iss", dept, from, to) < 0 ||
        kf_db_rows_to_hdf(db, hdf, "Ledger.cases",
            "SELECT STRAIGHT_JOIN s.reference, s.step, s.severity, s.customer_name, "
            "s.owner_name, s.reply_count, "
            "DATE_FORMAT(s.received_at, '%Y-%m-%d %H:%i') AS received_at, "
            "DATE_FORMAT(s.first_contact_at, '%Y-%m-%d %H:%i') AS first_contact_at, "
            "DATE_FORMAT(s.closed_at, '%Y-%m-%d %H:%i') AS closed_at, "
            "(s.step = 'closed' AND s.closed_at <= s.resolution_due) AS on_time, c.satisfaction "
            "FROM complaint_scope s JOIN complaints c FORCE INDEX (PRIMARY) ON c.id = s.complaint_id "
            "WHERE s.dept_id = ? AND s.received_at >= ? AND s.received_at < ? + INTERVAL 1 DAY "
            "ORDER BY s.received_at DESC, s.complaint_id DESC LIMIT 200",
            "iss", dept, from, to) < 0)
        return KF_FAIL;
    return kf_render(req, "complaints/ledger.cs", "complaints.ledger.title");
}
