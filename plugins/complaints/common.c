/* common.c -- what the complaints handlers share: finding a case inside
 * the user's department scope (out of scope answers exactly like
 * missing), who may act on a case, the refusal page, the enumerations
 * for forms, the compensation limit and timeline events.
 */
#include <string.h>
#include "complaints.h"

bool cp_ref_valid(const char *ref)
{
    static const char pat[] = "TS-9999-999999";
    if (ref == NULL || strlen(ref) != sizeof pat - 1)
        return false;
    for (size_t i = 0; i < sizeof pat - 1; i++)
        if (pat[i] == '9' ? !(ref[i] >= '0' && ref[i] <= '9') : ref[i] != pat[i])
            return false;
    return true;
}

int cp_case_load(kf_req *req, cp_case *c, bool lock)
{
    const char *ref = kf_req_param(req, "ref");
    kf_db *db = kf_req_db(req);
    kf_stmt *st;
    int rc;

    memset(c, 0, sizeof *c);
    if (!cp_ref_valid(ref))
        return 0;
    if (lock)
        st = kf_db_query(db,
            "SELECT c.id, c.step, c.abnormal, c.reply_count, c.owner_id, c.dept_id, "
            "(SELECT COUNT(*) FROM complaint_compensations p WHERE p.complaint_id = c.id "
            "AND p.status = 'pending') FROM complaints c "
            "WHERE c.reference = ? AND c.dept_path LIKE CONCAT(?, '%') FOR UPDATE",
            "ss", ref, kf_scope_path(req));
    else
        st = kf_db_query(db,
            "SELECT c.id, c.step, c.abnormal, c.reply_count, c.owner_id, c.dept_id, "
            "(SELECT COUNT(*) FROM complaint_compensations p WHERE p.complaint_id = c.id "
            "AND p.status = 'pending') FROM complaints c "
            "WHERE c.reference = ? AND c.dept_path LIKE CONCAT(?, '%')",
            "ss", ref, kf_scope_path(req));
    if (st == NULL)
        return -1;
    rc = kf_stmt_next(st);
    if (rc == 1) {
        int s = cp_step_parse(kf_stmt_str(st, 1));
        c->id = kf_stmt_int(st, 0);
        snprintf(c->ref, sizeof c->ref, "%s", ref);
        c->step = s < 0 ? CP_RECEIVED : (enum cp_step)s;
        c->abnormal = kf_stmt_int(st, 2) != 0;
        c->replies = (int)kf_stmt_int(st, 3);
        c->owner_id = kf_stmt_int(st, 4);
        c->dept_id = kf_stmt_int(st, 5);
        c->pending_comp = (int)kf_stmt_int(st, 6);
        if (s < 0)
            rc = -1;
    }
    kf_stmt_close(st);
    return rc;
}

bool cp_may_act(kf_req *req, const cp_case *c)
{
    const kf_user *u = kf_req_user(req);
    return u->role == KF_ROLE_MANAGER || u->id == c->owner_id;
}

int cp_refuse(kf_req *req, int status, const char *reason)
{
    kf_resp_status(req, status);
    kf_set(kf_req_hdf(req), "Complaints.refusal", reason);
    kf_set(kf_req_hdf(req), "Complaints.back", kf_req_param(req, "ref"));
    return kf_render(req, "complaints/refused.cs", "complaints.title");
}

/* Complaints.enum.<name>.<code> = the code's label, in the order of list:
 * a template loops over it printing name(v) and v.  Looking each label up
 * here, from its language node found once, spares the template a
 * L["complaints." + name + "." + v] per option -- the list page's filter
 * form cost a tenth of the page that way. */
static void enum_to_hdf(HDF *hdf, const char *name, const char *const *list)
{
    char key[64];
    HDF *labels, *node = NULL;
    NEOERR *err;

    snprintf(key, sizeof key, "L.complaints.%s", name);
    labels = hdf_get_obj(hdf, key);
    snprintf(key, sizeof key, "Complaints.enum.%s", name);
    err = hdf_get_node(hdf, key, &node);
    if (err != STATUS_OK) {
        nerr_ignore(&err);
        return;
    }
    for (int i = 0; list[i]; i++)
        kf_set(node, list[i], labels ? hdf_get_value(labels, list[i], list[i]) : list[i]);
}

void cp_enums_to_hdf(HDF *hdf, const char *const *names)
{
    static const char *steps[CP_NSTEPS + 1];
    static const struct { const char *name; const char *const *list; } enums[] = {
        { "step", steps }, { "severity", cp_severities }, { "cause", cp_causes },
        { "channel", cp_channels }, { "behaviour", cp_behaviours }, { "purpose", cp_purposes },
        { "remedy", cp_remedies }, { "sign", cp_abnormal_signs },
    };

    for (int i = 0; i < CP_NSTEPS; i++)
        steps[i] = cp_step_name((enum cp_step)i);
    for (; *names; names++)
        for (size_t i = 0; i < sizeof enums / sizeof enums[0]; i++)
            if (strcmp(*names, enums[i].name) == 0)
                enum_to_hdf(hdf, enums[i].name, enums[i].list);
}

int64_t cp_comp_limit(void)
{
    int64_t cents;
    if (!cp_parse_amount(kf_setting(CP_PLUGIN, "CompensationLimit", "500"), 100000000000LL, &cents))
        cents = 50000;
    return cents;
}

int cp_event(kf_req *req, int64_t case_id, const char *kind, const char *from_step,
             const char *to_step, int64_t target_user, const char *note)
{
    return kf_db_exec(kf_req_db(req),
        "INSERT INTO complaint_events (complaint_id, at, user_id, kind, from_step, to_step, "
        "target_user_id, note) VALUES (?, UTC_TIMESTAMP(), ?, ?, ?, ?, ?, ?)",
        "iisssIs", case_id, kf_req_user(req)->id, kind, from_step, to_step, target_user,
        note && *note ? note : NULL);
}
