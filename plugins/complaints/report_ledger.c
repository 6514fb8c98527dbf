/* report_ledger.c -- the complaints-ledger report for xmlexport: every
 * complaint of a department subtree received in the period, with its
 * classification, customer, first responder, owners over time, every
 * event with who and when, every reply, and compensation with who
 * proposed and who approved it.  Schema: complaints-ledger.xsd.
 *
 * Memory stays flat: one unbuffered query (nothing else may run on the
 * connection while it is open) returns the case rows and their events,
 * hand-overs, replies and compensations as one UNION ordered by case, so
 * the writer groups them as they arrive and holds one row at a time.
 */
#include <string.h>
#include "complaints.h"

#define NS "urn:kefu:report:complaints-ledger:1"
#include "ledger_sql.h"

static const char *const containers[] = { NULL, "owners", "events", "replies", "compensations" };

#define V(i) kf_stmt_str(st, 2 + (i))
#define ELT(name) (xmlTextWriterStartElement(w, BAD_CAST(name)) < 0)
#define END() (xmlTextWriterEndElement(w) < 0)

static int user_elt(xmlTextWriterPtr w, const char *elt, const char *login, const char *name)
{
    return ELT(elt) || kf_xml_attr(w, "login", login) || kf_xml_attr(w, "name", name) || END()
               ? -1 : 0;
}

static int write_case(xmlTextWriterPtr w, kf_stmt *st)
{
    if (ELT("complaint") || kf_xml_attr(w, "reference", V(1)) || kf_xml_attr(w, "step", V(8)) ||
        ELT("classification") || kf_xml_attr(w, "severity", V(2)) ||
        kf_xml_attr(w, "cause", V(3)) || kf_xml_attr(w, "channel", V(4)) ||
        kf_xml_attr(w, "behaviour", V(5)) || kf_xml_attr(w, "purpose", V(6)) ||
        kf_xml_attr(w, "reasonable", V(7)) || END() ||
        ELT("department") || kf_xml_attr(w, "code", V(9)) || END() ||
        ELT("customer") || kf_xml_attr(w, "no", V(10)) || kf_xml_attr(w, "name", V(11)) || END() ||
        kf_xml_text(w, "received-at", V(12)) || kf_xml_text(w, "first-contact-due", V(13)) ||
        kf_xml_text(w, "resolution-due", V(14)) || kf_xml_text(w, "first-contact-at", V(15)) ||
        kf_xml_text(w, "closed-at", V(16)) ||
        user_elt(w, "first-responder", V(17), V(18)) || user_elt(w, "owner", V(19), V(20)) ||
        kf_xml_text(w, "description", V(21)) || kf_xml_text(w, "customer-request", V(22)) ||
        kf_xml_text(w, "root-cause", V(23)) || kf_xml_text(w, "improvement", V(24)) ||
        kf_xml_text(w, "satisfaction", V(25)) ||
        ELT("abnormal") || kf_xml_attr(w, "flag", V(26)) || kf_xml_attr(w, "signs", V(27)) ||
        END() || kf_xml_text(w, "reply-count", V(28)))
        return -1;
    return 0;
}

static int write_part(xmlTextWriterPtr w, kf_stmt *st, int part)
{
    switch (part) {
    case 1:
        return ELT("handover") || kf_xml_attr(w, "at", V(1)) || kf_xml_attr(w, "by", V(2)) ||
               kf_xml_attr(w, "to", V(3)) || kf_xml_attr(w, "to-name", V(4)) ||
               kf_xml_text(w, "note", V(5)) || END() ? -1 : 0;
    case 2:
        return ELT("event") || kf_xml_attr(w, "at", V(1)) || kf_xml_attr(w, "by", V(2)) ||
               kf_xml_attr(w, "by-name", V(3)) || kf_xml_attr(w, "kind", V(4)) ||
               kf_xml_attr(w, "from-step", V(5)) || kf_xml_attr(w, "to-step", V(6)) ||
               kf_xml_attr(w, "target", V(7)) || kf_xml_text(w, "note", V(8)) || END() ? -1 : 0;
    case 3:
        return ELT("reply") || kf_xml_attr(w, "at", V(1)) || kf_xml_attr(w, "by", V(2)) ||
               kf_xml_attr(w, "by-name", V(3)) || kf_xml_attr(w, "channel", V(4)) ||
               xmlTextWriterWriteString(w, BAD_CAST(V(5) ? V(5) : "")) < 0 || END() ? -1 : 0;
    case 4:
        return ELT("compensation") || kf_xml_attr(w, "remedy", V(1)) ||
               kf_xml_attr(w, "amount", V(2)) || kf_xml_attr(w, "status", V(3)) ||
               kf_xml_attr(w, "basis", V(4)) || kf_xml_attr(w, "proposed-by", V(5)) ||
               kf_xml_attr(w, "proposed-at", V(6)) || kf_xml_attr(w, "approved-by", V(7)) ||
               kf_xml_attr(w, "approved-at", V(8)) || END() ? -1 : 0;
    default:
        return -1;
    }
}

int cp_report_ledger(kf_req *req, xmlTextWriterPtr w, const kf_report_scope *s)
{
    const char *p = s->dept_path, *f = s->from, *t = s->to;
    int64_t cur = -1;
    int part = 0, more, rc = -1;
    kf_stmt *st;

    if (kf_report_head(req, w, s, "complaints-ledger", NS) != 0 || ELT("complaints"))
        return -1;
    st = kf_db_stream(kf_req_db(req), ledger_sql, "sssssssssssssss",
                      p, f, t, p, f, t, p, f, t, p, f, t, p, f, t);
    if (st == NULL)
        return -1;
    while ((more = kf_stmt_next(st)) == 1) {
        int64_t k = kf_stmt_int(st, 0);
        int np = (int)kf_stmt_int(st, 1);
        if (k != cur) {
            if ((cur >= 0 && ((part > 0 && END()) || END())) || np != 0 || write_case(w, st))
                goto done;
            cur = k;
            part = 0;
            (*s->count)++;
            continue;
        }
        if (np != part) {
            if ((part > 0 && END()) || np < 1 || np > 4 || ELT(containers[np]))
                goto done;
            part = np;
        }
        if (write_part(w, st, part))
            goto done;
    }
    if (more < 0 || (cur >= 0 && ((part > 0 && END()) || END())) || END())
        goto done;
    rc = 0;
done:
    kf_stmt_close(st);
    return rc == 0 ? kf_report_tail(w, s) : -1;
}
