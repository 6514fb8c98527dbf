/* report_audit.c -- the core's own report: audit-trail, the audit log
 * rows of a department subtree and period (who changed what), streamed
 * from an unbuffered query.  Schema: static/schemas/audit-trail.xsd.
 */
#include "config.h"
#include "kf_core.h"

#define NS "urn:kefu:report:audit-trail:1"

int kf_report_audit_trail(kf_req *req, xmlTextWriterPtr w, const kf_report_scope *s);

int kf_report_audit_trail(kf_req *req, xmlTextWriterPtr w, const kf_report_scope *s)
{
    kf_stmt *st;
    int rc = -1, more;

    if (kf_report_head(req, w, s, "audit-trail", NS) != 0)
        return -1;
    st = kf_db_stream(req->db,
        "SELECT a.id, DATE_FORMAT(a.at, '%Y-%m-%dT%H:%i:%s.%fZ'), a.user_login, a.addr, "
        "d.code, a.action, a.object_type, a.object_id, a.before_value, a.after_value "
        "FROM audit_log a JOIN departments d ON d.id = a.dept_id "
        "WHERE d.path LIKE CONCAT(?, '%') AND a.at >= ? AND a.at < ? + INTERVAL 1 DAY "
        "ORDER BY a.id", "sss", s->dept_path, s->from, s->to);
    if (st == NULL)
        return -1;
    if (xmlTextWriterStartElement(w, BAD_CAST "entries") < 0)
        goto done;
    while ((more = kf_stmt_next(st)) == 1) {
        if (xmlTextWriterStartElement(w, BAD_CAST "entry") < 0 ||
            kf_xml_attr(w, "id", kf_stmt_str(st, 0)) || kf_xml_attr(w, "at", kf_stmt_str(st, 1)) ||
            kf_xml_attr(w, "user", kf_stmt_str(st, 2)) || kf_xml_attr(w, "addr", kf_stmt_str(st, 3)) ||
            kf_xml_attr(w, "dept", kf_stmt_str(st, 4)) ||
            kf_xml_attr(w, "action", kf_stmt_str(st, 5)) ||
            kf_xml_attr(w, "object-type", kf_stmt_str(st, 6)) ||
            kf_xml_attr(w, "object-id", kf_stmt_str(st, 7)) ||
            kf_xml_text(w, "before", kf_stmt_str(st, 8)) ||
            kf_xml_text(w, "after", kf_stmt_str(st, 9)) || xmlTextWriterEndElement(w) < 0)
            goto done;
        (*s->count)++;
    }
    if (more < 0 || xmlTextWriterEndElement(w) < 0)
        goto done;
    rc = 0;
done:
    kf_stmt_close(st);
    return rc == 0 ? kf_report_tail(w, s) : -1;
}
