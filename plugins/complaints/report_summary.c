/* report_summary.c -- the complaints-summary report for xmlexport:
 * counts by cause, severity, channel and step; reply rate; on-time rates
 * for first contact and resolution; compensation totals by remedy and
 * status; and the reconciliation an auditor checks first:
 *   received = closed + open within the time limit + open overdue
 *   received = replied + not yet replied
 * each side counted by its own condition, with every case that falls in
 * no or two classes listed.  Aggregates are small: buffered queries.
 * Schema: complaints-summary.xsd.
 */
#include <stdio.h>
#include "complaints.h"

#define NS "urn:kefu:report:complaints-summary:1"
#define SCOPE " FROM complaints c WHERE c.dept_path LIKE CONCAT(?, '%') " \
              "AND c.received_at >= ? AND c.received_at < ? + INTERVAL 1 DAY "
#define ELT(name) (xmlTextWriterStartElement(w, BAD_CAST(name)) < 0)
#define END() (xmlTextWriterEndElement(w) < 0)
#define HAS_REPLY "EXISTS (SELECT 1 FROM complaint_replies r WHERE r.complaint_id = c.id)"
#define NO_REPLY "(c.reply_count = 0 AND c.first_contact_at IS NULL)"
#define CLOSED "(c.step = 'closed' AND c.closed_at IS NOT NULL)"
#define OPEN "(c.step <> 'closed' AND c.closed_at IS NULL)"

static int fmt_attr(xmlTextWriterPtr w, const char *name, long long v)
{
    return xmlTextWriterWriteFormatAttribute(w, BAD_CAST name, "%lld", v) < 0 ? -1 : 0;
}

static int rate_attr(xmlTextWriterPtr w, const char *name, long long n, long long d)
{
    return xmlTextWriterWriteFormatAttribute(w, BAD_CAST name, "%.4f",
                                             d > 0 ? (double)n / (double)d : 0.0) < 0 ? -1 : 0;
}

/* <elt><count key="..." n="..."/>...</elt> from a (key, n) query */
static int counts(kf_req *req, xmlTextWriterPtr w, const kf_report_scope *s, const char *elt,
                  const char *sql)
{
    kf_stmt *st = kf_db_query(kf_req_db(req), sql, "sss", s->dept_path, s->from, s->to);
    int more, rc = -1;

    if (st == NULL)
        return -1;
    if (ELT(elt))
        goto done;
    while ((more = kf_stmt_next(st)) == 1)
        if (ELT("count") || kf_xml_attr(w, "key", kf_stmt_str(st, 0)) ||
            fmt_attr(w, "n", kf_stmt_int(st, 1)) || END())
            goto done;
    rc = more < 0 || END() ? -1 : 0;
done:
    kf_stmt_close(st);
    return rc;
}

int cp_report_summary(kf_req *req, xmlTextWriterPtr w, const kf_report_scope *s)
{
    long long v[12] = { 0 };
    kf_stmt *st;
    int more, rc;

    if (kf_report_head(req, w, s, "complaints-summary", NS) != 0)
        return -1;
    st = kf_db_query(kf_req_db(req),
        "SELECT COUNT(*), "
        "COALESCE(SUM(" HAS_REPLY "), 0), COALESCE(SUM(" NO_REPLY "), 0), "
        "COALESCE(SUM(c.first_contact_at IS NOT NULL AND c.first_contact_at <= c.first_contact_due), 0), "
        "COALESCE(SUM(c.closed_at IS NOT NULL AND c.closed_at <= c.resolution_due), 0), "
        "COALESCE(SUM(" CLOSED "), 0), "
        "COALESCE(SUM(" OPEN " AND c.resolution_due >= UTC_TIMESTAMP()), 0), "
        "COALESCE(SUM(" OPEN " AND c.resolution_due < UTC_TIMESTAMP()), 0), "
        "COALESCE(SUM(c.abnormal), 0)" SCOPE, "sss", s->dept_path, s->from, s->to);
    if (st == NULL)
        return -1;
    rc = kf_stmt_next(st);
    for (unsigned i = 0; rc == 1 && i < 9; i++)
        v[i] = kf_stmt_int(st, i);
    kf_stmt_close(st);
    if (rc != 1)
        return -1;
    *s->count = v[0];
    if (xmlTextWriterWriteFormatElement(w, BAD_CAST "received", "%lld", v[0]) < 0 ||
        xmlTextWriterWriteFormatElement(w, BAD_CAST "abnormal", "%lld", v[8]) < 0 ||
        counts(req, w, s, "by-cause", "SELECT c.cause, COUNT(*)" SCOPE "GROUP BY c.cause ORDER BY c.cause") ||
        counts(req, w, s, "by-severity", "SELECT c.severity, COUNT(*)" SCOPE "GROUP BY c.severity ORDER BY c.severity") ||
        counts(req, w, s, "by-channel", "SELECT c.channel, COUNT(*)" SCOPE "GROUP BY c.channel ORDER BY c.channel") ||
        counts(req, w, s, "by-step", "SELECT c.step, COUNT(*)" SCOPE "GROUP BY c.step ORDER BY c.step") ||
        ELT("reply-rate") || fmt_attr(w, "replied", v[1]) || fmt_attr(w, "received", v[0]) ||
        rate_attr(w, "rate", v[1], v[0]) || END() ||
        ELT("on-time") || fmt_attr(w, "first-contact", v[3]) ||
        rate_attr(w, "first-contact-rate", v[3], v[0]) || fmt_attr(w, "resolution", v[4]) ||
        rate_attr(w, "resolution-rate", v[4], v[0]) || END())
        return -1;

    st = kf_db_query(kf_req_db(req),
        "SELECT p.remedy, p.status, COUNT(*), CAST(SUM(p.amount) AS CHAR) "
        "FROM complaint_compensations p JOIN complaints c ON c.id = p.complaint_id "
        "WHERE c.dept_path LIKE CONCAT(?, '%') AND c.received_at >= ? "
        "AND c.received_at < ? + INTERVAL 1 DAY GROUP BY p.remedy, p.status "
        "ORDER BY p.remedy, p.status", "sss", s->dept_path, s->from, s->to);
    if (st == NULL || ELT("compensation"))
        goto fail;
    while ((more = kf_stmt_next(st)) == 1)
        if (ELT("total") || kf_xml_attr(w, "remedy", kf_stmt_str(st, 0)) ||
            kf_xml_attr(w, "status", kf_stmt_str(st, 1)) || fmt_attr(w, "count", kf_stmt_int(st, 2)) ||
            kf_xml_attr(w, "amount", kf_stmt_str(st, 3)) || END())
            goto fail;
    if (more < 0 || END())
        goto fail;
    kf_stmt_close(st);

    st = kf_db_query(kf_req_db(req),
        "SELECT c.reference, CONCAT_WS(' ', "
        "IF(" CLOSED " + " OPEN " <> 1, 'step and closed time disagree', NULL), "
        "IF(" HAS_REPLY " + " NO_REPLY " <> 1, 'reply ledger and reply count disagree', NULL))"
        SCOPE "AND (" CLOSED " + " OPEN " <> 1 OR " HAS_REPLY " + " NO_REPLY " <> 1) "
        "ORDER BY c.id", "sss", s->dept_path, s->from, s->to);
    if (st == NULL || ELT("reconciliation") || fmt_attr(w, "received", v[0]) ||
        fmt_attr(w, "closed", v[5]) || fmt_attr(w, "open-on-time", v[6]) ||
        fmt_attr(w, "open-overdue", v[7]) || fmt_attr(w, "replied", v[1]) ||
        fmt_attr(w, "not-replied", v[2]) ||
        kf_xml_attr(w, "balanced", v[0] == v[5] + v[6] + v[7] && v[0] == v[1] + v[2]
                                       ? "true" : "false"))
        goto fail;
    while ((more = kf_stmt_next(st)) == 1)
        if (ELT("difference") || kf_xml_attr(w, "reference", kf_stmt_str(st, 0)) ||
            kf_xml_attr(w, "reason", kf_stmt_str(st, 1)) || END())
            goto fail;
    if (more < 0 || END())
        goto fail;
    kf_stmt_close(st);
    return kf_report_tail(w, s);
fail:
    kf_stmt_close(st);
    return -1;
}
