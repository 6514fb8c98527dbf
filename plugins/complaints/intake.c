/* intake.c -- GET/POST /complaints/new: taking a complaint in.
 *
 * The customer is picked by customer number, or created from name and
 * phone (a walk-in customer gets the complaint's reference as customer
 * number).  All five classifications are required; the form's checks
 * live in intake_check.c (no database: fuzzed and unit-tested).  The
 * user taking it is first responder (首问责任人) and owner; the case
 * belongs to their department.  The reference TS-YYYY-NNNNNN is
 * gap-free per year: the case is stored under a random stand-in, and the
 * year's counter row is incremented as the last step of the same
 * transaction (LAST_INSERT_ID(expr) hands the new value back), so it is
 * locked only for the final statements and a failed intake rolls the
 * number back.  Due times come from due.c (calendar or working hours) and the
 * configuration.  The form may carry one piece of evidence (field
 * "file", checked like /attach before anything is stored, then kept in
 * the same transaction).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "complaints.h"
#include "intake_check.h"

static void form_data(kf_req *req)
{
    HDF *hdf = kf_req_hdf(req);
    time_t now = time(NULL);
    struct tm tm;
    char buf[32];

    cp_enums_to_hdf(hdf, (const char *const[]){ "severity", "cause", "channel", "behaviour", "purpose", NULL });
    kf_set_int(hdf, "Complaints.attach_max_kb", cp_attachment_limit() / 1024);
    gmtime_r(&now, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M", &tm);
    kf_set(hdf, "Complaints.now", buf);
}

int cp_intake_form(kf_req *req)
{
    form_data(req);
    return kf_render(req, "complaints/new.cs", "complaints.new.title");
}

/* re-shows the form with an error, status 400 (or status) */
static int form_error_status(kf_req *req, const char *key, int status)
{
    form_data(req);
    kf_set(kf_req_hdf(req), "Complaints.form_error", key);
    kf_resp_status(req, status);
    return kf_render(req, "complaints/new.cs", "complaints.new.title");
}

static int form_error(kf_req *req, const char *key)
{
    return form_error_status(req, key, 400);
}

static int dept_path_locked(kf_db *db, int64_t dept_id, char *out, size_t len)
{
    kf_stmt *st = kf_db_query(db, "SELECT path FROM departments WHERE id = ? LOCK IN SHARE MODE",
                              "i", dept_id);
    int rc;

    if (st == NULL)
        return -1;
    rc = kf_stmt_next(st);
    if (rc == 1)
        snprintf(out, len, "%s", kf_stmt_str(st, 0) ? kf_stmt_str(st, 0) : "");
    kf_stmt_close(st);
    return rc == 1 && *out ? 0 : -1;
}

int cp_intake_save(kf_req *req)
{
    kf_db *db = kf_req_db(req);
    const kf_user *u = kf_req_user(req);
    const char *cust_no = kf_req_text(req, "customer_no", 32);
    const char *cust_name = kf_req_text(req, "customer_name", 128);
    const char *cust_phone = kf_req_text(req, "customer_phone", 32);
    const char *severity = kf_req_field(req, "severity");
    const char *cause = kf_req_field(req, "cause");
    const char *channel = kf_req_field(req, "channel");
    const char *behaviour = kf_req_field(req, "behaviour");
    const char *purpose = kf_req_field(req, "purpose");
    const char *desc = kf_req_text(req, "description", CP_TEXT_MAX);
    const char *request = kf_req_text(req, "customer_request", CP_TEXT_MAX);
    char received[20], ref[40], after[256], path[64], hex[17], pending[17], dept_path[256];
    int64_t customer_id = -1, year, number = 0, case_id;
    bool new_customer;
    char fc_due[20], res_due[20];
    int rc;
    time_t now = time(NULL);
    struct tm tm;
    unsigned char *ev = NULL;   /* optional evidence, checked before anything is stored */
    const char *ev_type = NULL, *ev_why = NULL;
    long ev_size = 0;

    const char *invalid = cp_intake_check(kf_req_hdf(req), now);

    if (invalid != NULL)
        return form_error(req, invalid);
    if (!cp_parse_received(kf_req_field(req, "received_at"), now, received))
        return form_error(req, "received_at");
    if (cust_no && *cust_no == '\0')
        cust_no = NULL;
    if (cust_name && *cust_name == '\0')
        cust_name = NULL;
    if (cp_due_times(req, severity, received, fc_due, res_due) != 0)
        return KF_FAIL;
    gmtime_r(&now, &tm);
    year = tm.tm_year + 1900;
    if (kf_req_upload(req, "file", &ev_size) != NULL && ev_size > 0) {
        rc = cp_upload_read(req, &ev, &ev_size, &ev_type, &ev_why);
        if (rc == KF_FAIL)
            return KF_FAIL;
        if (rc != 0)
            return form_error_status(req, ev_why, rc);
    }

    /* A unique stand-in until the number is drawn at the very end */
    if (kf_random_hex(hex, 8) != 0)
        goto fail_early;
    snprintf(pending, sizeof pending, "~%.15s", hex);
    /* READ COMMITTED: the reference update at the end rewrites this case's
     * complaint_scope rows through an index concurrent intakes insert
     * into; gap locks there would deadlock with the counter's queue */
    if (kf_db_begin_read_committed(db) != 0)
        goto fail_early;
    if (cust_no) {
        rc = kf_db_int(db, &customer_id, "SELECT id FROM customers WHERE customer_no = ?", "s", cust_no);
        if (rc < 0)
            goto fail;
        if (rc == 0 && cust_name == NULL) {
            kf_db_rollback(db);
            free(ev);
            return form_error(req, "customer_unknown");
        }
    }
    /* The department's path as of now, read with a shared lock: a move
     * of the department in progress finishes first (and its path is the
     * one stored), or waits for this intake and then moves it too.  The
     * session's copy may be older than either. */
    if (dept_path_locked(db, u->dept_id, dept_path, sizeof dept_path) != 0)
        goto fail;
    new_customer = customer_id < 0;
    if (new_customer &&
        kf_db_exec_id(db, &customer_id,
                      "INSERT INTO customers (customer_no, name, phone, dept_id, created_at) "
                      "VALUES (?, ?, ?, ?, UTC_TIMESTAMP())",
                      "sssi", cust_no ? cust_no : pending, cust_name,
                      cust_phone && *cust_phone ? cust_phone : NULL, u->dept_id) != 0)
        goto fail;
    if (kf_db_exec_id(db, &case_id,
            "INSERT INTO complaints (reference, customer_id, dept_id, dept_path, severity, cause, "
            "channel, behaviour, purpose, description, customer_request, step, received_at, "
            "first_contact_due, resolution_due, first_responder_id, owner_id, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?, ?, "
            "UTC_TIMESTAMP(), UTC_TIMESTAMP())",
            "siisssssssssssii", pending, customer_id, u->dept_id, dept_path, severity, cause,
            channel, behaviour, purpose, desc, request && *request ? request : NULL, received,
            fc_due, res_due, u->id, u->id) != 0 ||
        cp_event(req, case_id, "received", NULL, "received", -1, NULL) != 0 ||
        (ev && cp_attachment_insert(req, case_id, ev, ev_size, ev_type) != 0))
        goto fail;
    /* The number last: the year's counter row stays locked from here to
     * the commit, so concurrent intakes queue only for these few short
     * statements, and a failure rolls the number back with the case. */
    if (kf_db_exec_id(db, &number,
                      "INSERT INTO complaint_counters (year, last_no) VALUES (?, LAST_INSERT_ID(1)) "
                      "ON DUPLICATE KEY UPDATE last_no = LAST_INSERT_ID(last_no + 1)",
                      "i", year) != 0 ||
        number < 1 || number > 999999)
        goto fail;
    snprintf(ref, sizeof ref, "TS-%04d-%06d", (int)(year % 10000), (int)number);
    snprintf(after, sizeof after, "step=received; severity=%s; cause=%s; channel=%s; owner=%s",
             severity, cause, channel, u->login);
    if (kf_db_exec(db, "UPDATE complaints SET reference = ? WHERE id = ?", "si", ref, case_id) != 0 ||
        (new_customer && !cust_no &&
         kf_db_exec(db, "UPDATE customers SET customer_no = ? WHERE id = ?", "si",
                    ref, customer_id) != 0) ||
        kf_audit(req, "complaint.create", "complaint", ref, NULL, after) != 0 ||
        (ev && cp_attachment_audit(req, ref, ev_size, ev_type) != 0) ||
        kf_db_commit(db) != 0)
        goto fail;
    free(ev);
    snprintf(path, sizeof path, "/complaints/%s", ref);
    kf_flash(req, "complaints.flash.created");
    return kf_resp_redirect(req, path);
fail:
    kf_db_rollback(db);
fail_early:
    free(ev);
    return KF_FAIL;
}
