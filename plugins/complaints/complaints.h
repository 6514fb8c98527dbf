/* complaints.h -- what the complaints plugin's files share (internal).
 *
 * plugin.c   descriptor and routes
 * workflow.c the pure state machine (workflow.h)
 * deadline.c due times per severity (deadline.h)
 * common.c   case lookup in scope, refusals, enumerations into HDF
 * intake.c   GET/POST /complaints/new
 * case.c     GET /complaints/:ref
 * actions.c  POST /complaints/:ref/{step,reply,handover,compensation,approve,abnormal,reopen}
 * lists.c    GET /complaints/ and /complaints/ledger
 * panel.c    the dashboard panel
 */
#ifndef KF_COMPLAINTS_H
#define KF_COMPLAINTS_H

#include "kefu.h"
#include "workflow.h"
#include "deadline.h"

#define CP_PLUGIN "complaints"
#define CP_TEXT_MAX 4000

/* the facts about a case the actions need, read FOR UPDATE */
typedef struct cp_case {
    int64_t id;
    char ref[24];
    enum cp_step step;
    bool abnormal;
    int replies;
    int pending_comp;
    int64_t owner_id;
    int64_t dept_id;
} cp_case;

/* true when ref looks like TS-YYYY-NNNNNN */
bool cp_ref_valid(const char *ref);
/* Loads the case named by the route's :ref inside the user's scope.
 * lock: SELECT ... FOR UPDATE (inside a transaction).
 * 1 found, 0 missing or out of scope (answer 404), -1 error. */
int cp_case_load(kf_req *req, cp_case *c, bool lock);
/* whether the user may change the case: its owner, or a manager */
bool cp_may_act(kf_req *req, const cp_case *c);
/* answers status with the plugin's refusal page naming reason
 * (a key under complaints.error); returns KF_DONE */
int cp_refuse(kf_req *req, int status, const char *reason);
/* puts every classification enumeration under Complaints.enum.* */
void cp_enums_to_hdf(HDF *hdf);
/* the employee compensation limit in cents */
int64_t cp_comp_limit(void);
/* records a timeline event; 0 or -1 */
int cp_event(kf_req *req, int64_t case_id, const char *kind, const char *from_step,
             const char *to_step, int64_t target_user, const char *note);

int cp_intake_form(kf_req *req);
int cp_intake_save(kf_req *req);
int cp_case_page(kf_req *req);
int cp_act_step(kf_req *req);
int cp_act_reply(kf_req *req);
int cp_act_handover(kf_req *req);
int cp_act_compensation(kf_req *req);
int cp_act_approve(kf_req *req);
int cp_act_abnormal(kf_req *req);
int cp_act_reopen(kf_req *req);
int cp_list(kf_req *req);
int cp_ledger(kf_req *req);
int cp_panel(kf_req *req);
/* reports for xmlexport (report_ledger.c, report_summary.c) */
int cp_report_ledger(kf_req *req, xmlTextWriterPtr w, const kf_report_scope *s);
int cp_report_summary(kf_req *req, xmlTextWriterPtr w, const kf_report_scope *s);

#endif
