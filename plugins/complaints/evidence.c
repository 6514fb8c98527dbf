/* evidence.c -- evidence attachments on a case (保留原始证据).
 *
 *   POST /complaints/:ref/attach            multipart field "file"
 *   GET  /complaints/:ref/attachments/:id   the file, as a download
 *
 * The type is decided by the file's magic bytes (filecheck.c), never by
 * the client's Content-Type or name: anything else is refused with 400
 * and nothing is stored.  Larger than Plugins.complaints.AttachmentBytes
 * (default 5 MiB; the core's Limits.UploadBytes cuts off earlier) is
 * 413.  The bytes go into complaint_attachments (LONGBLOB) in the same
 * transaction as the timeline event and the audit entry.  Downloads are
 * served only inside the user's scope (404 otherwise, like a missing
 * one), always as an attachment with nosniff.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "complaints.h"
#include "evidence.h"

long cp_attachment_limit(void)
{
    const char *s = kf_setting(CP_PLUGIN, "AttachmentBytes", "5242880");
    char *end;
    long v = strtol(s, &end, 10);
    return *end != '\0' || v < 1 ? 5242880L : v;
}

/* reads the upload named "file"; 0 ok (*data malloc'ed, *type set),
 * else a refusal status with *reason */
int cp_upload_read(kf_req *req, unsigned char **data, long *size, const char **type,
                   const char **reason)
{
    FILE *f = kf_req_upload(req, "file", size);

    *data = NULL;
    if (f == NULL || *size <= 0) {
        *reason = "no_file";
        return 400;
    }
    if (*size > cp_attachment_limit()) {
        *reason = "too_large";
        return 413;
    }
    *data = malloc((size_t)*size);
    if (*data == NULL || fread(*data, 1, (size_t)*size, f) != (size_t)*size) {
        free(*data);
        *data = NULL;
        return KF_FAIL;
    }
    *type = cp_sniff(*data, (size_t)*size);
    if (*type == NULL) {
        free(*data);
        *data = NULL;
        *reason = "bad_type";
        return 400;
    }
    return 0;
}

/* the attachment's name as the form sent it, made safe */
static void attachment_name(kf_req *req, char name[CP_FILENAME_MAX + 1])
{
    cp_filename_clean(kf_req_field(req, "file"), name);
}

int cp_attachment_insert(kf_req *req, int64_t case_id, const unsigned char *data, long size,
                         const char *type)
{
    char name[CP_FILENAME_MAX + 1];
    int64_t id;

    attachment_name(req, name);
    if (kf_db_exec_id(kf_req_db(req), &id,
            "INSERT INTO complaint_attachments (complaint_id, filename, content_type, size, data, "
            "uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",
            "issibi", case_id, name, type, (int64_t)size, (const void *)data, (size_t)size,
            kf_req_user(req)->id) != 0 ||
        cp_event(req, case_id, "attach", NULL, NULL, -1, name) != 0)
        return -1;
    return 0;
}

int cp_attachment_audit(kf_req *req, const char *ref, long size, const char *type)
{
    char name[CP_FILENAME_MAX + 1], after[CP_FILENAME_MAX + 96];

    attachment_name(req, name);
    snprintf(after, sizeof after, "attachment=%s; type=%s; bytes=%ld", name, type, size);
    return kf_audit(req, "complaint.attach", "complaint", ref, NULL, after);
}

int cp_attachment_store(kf_req *req, int64_t case_id, const char *ref, const unsigned char *data,
                        long size, const char *type)
{
    if (cp_attachment_insert(req, case_id, data, size, type) != 0 ||
        cp_attachment_audit(req, ref, size, type) != 0)
        return -1;
    return 0;
}

int cp_act_attach(kf_req *req)
{
    unsigned char *data;
    const char *type = NULL, *reason = NULL;
    long size = 0;
    cp_case c;
    int rc;

    rc = cp_upload_read(req, &data, &size, &type, &reason);
    if (rc == KF_FAIL)
        return KF_FAIL;
    if (rc != 0)
        return cp_refuse(req, rc, reason);
    if ((rc = cp_begin_case(req, &c, false)) != 0) {
        free(data);
        return CP_ANSWER(rc);
    }
    rc = cp_attachment_store(req, c.id, c.ref, data, size, type);
    free(data);
    if (rc != 0)
        return cp_fail(req);
    return cp_finish(req, &c, "complaints.flash.attached");
}

/* RFC 5987 percent-encoding of a UTF-8 name for filename*= */
static void pct_encode(const char *in, char *out, size_t outsz)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t o = 0;
    for (const unsigned char *s = (const unsigned char *)in; *s && o + 4 < outsz; s++) {
        if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
            strchr("!#$&+-.^_`|~", *s)) {
            out[o++] = (char)*s;
        } else {
            out[o++] = '%';
            out[o++] = hex[*s >> 4];
            out[o++] = hex[*s & 15];
        }
    }
    out[o] = '\0';
}

static bool param_id(const char *s, long long *out)
{
    char *end;
    if (s == NULL || *s < '1' || *s > '9' || strlen(s) > 18)
        return false;
    *out = strtoll(s, &end, 10);
    return *end == '\0';
}

int cp_attachment_get(kf_req *req)
{
    kf_db *db = kf_req_db(req);
    long long id;
    char ascii[CP_FILENAME_MAX + 1], enc[CP_FILENAME_MAX * 3 + 1];
    char disp[sizeof ascii + sizeof enc + 64], type[64];
    cp_case c;
    kf_stmt *st;
    int rc;

    rc = cp_case_load(req, &c, false);
    if (rc < 0)
        return KF_FAIL;
    if (rc == 0 || !param_id(kf_req_param(req, "id"), &id))
        return 404;
    st = kf_db_query(db, "SELECT filename, content_type, data FROM complaint_attachments "
                     "WHERE id = ? AND complaint_id = ?", "ii", (int64_t)id, c.id);
    if (st == NULL)
        return KF_FAIL;
    rc = kf_stmt_next(st);
    if (rc != 1) {
        kf_stmt_close(st);
        return rc == 0 ? 404 : KF_FAIL;
    }
    cp_filename_ascii(kf_stmt_str(st, 0), ascii);
    pct_encode(kf_stmt_str(st, 0), enc, sizeof enc);
    snprintf(type, sizeof type, "%s", kf_stmt_str(st, 1));
    snprintf(disp, sizeof disp, "attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii, enc);
    if (kf_resp_header(req, "Content-Disposition", disp) != 0 ||
        kf_resp_header(req, "X-Content-Type-Options", "nosniff") != 0 ||
        kf_resp_header(req, "Cache-Control", "private, no-store") != 0 ||
        kf_resp_begin(req, type) != 0) {
        kf_stmt_close(st);
        return KF_FAIL;
    }
    rc = kf_resp_write(req, kf_stmt_str(st, 2), kf_stmt_len(st, 2));
    kf_stmt_close(st);
    return rc == 0 ? KF_DONE : KF_FAIL;
}
