/* complaints.h -- what the complaints plugin's files share (internal).
 *
 * plugin.c   descriptor and routes
 * workflow.c the pure state machine (workflow.h)
 * deadline.c due times per severity, calendar or working hours (deadline.h)
 * due.c      the due times of a new case from settings and holidays
 * common.c   case lookup in scope, refusals, enumerations into HDF
 * intake.c   GET/POST /complaints/new
 * case.c     GET /complaints/:ref
 * actions.c  POST /complaints/:ref/{step,reply,handover,compensation,approve,abnormal,reopen}
 * lists.c    GET /complaints/ and /complaints/ledger
 * evidence.c POST /complaints/:ref/attach, GET /complaints/:ref/attachments/:id
 * filecheck.c the pure type sniffing and file name cleaning (evidence.h)
 * clock.c    POST /complaints/:ref/{pause,resume}
 * merge.c    POST /complaints/:ref/{merge,link}
 * holidays.c GET/POST /complaints/holidays: the working clock's calendar
 * holiday_check.c the pure validation of its form (holiday_check.h)
 * panel.c    the dashboard panel
 */
#ifndef KF_COMPLAINTS_H
#define KF_COMPLAINTS_H

#include "kefu.h"
#include "workflow.h"
#include "deadline.h"

#define CP_PLUGIN "complaints"
#define CP_TEXT_MAX 4000

/* SQL: the open steps by name -- an index range over open cases only,
 * where "step <> 'closed'" would read the whole ledger */
#define CP_SQL_OPEN_STEPS "('received', 'recorded', 'cause_analysed', 'dept_decided', " \
    "'solution_proposed', 'carried_out', 'feedback_collected')"
/* SQL: case t (a complaints or complaint_scope alias) is overdue: open,
 * not paused, past its resolution due time, or past its first-contact
 * due time without a first contact.  The one definition every list,
 * panel and search uses. */
#define CP_SQL_OVERDUE(t) \
    "(" t ".step <> 'closed' AND " t ".paused_at IS NULL AND (" \
    t ".resolution_due < UTC_TIMESTAMP() OR (" t ".first_contact_at IS NULL AND " \
    t ".first_contact_due < UTC_TIMESTAMP())))"

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
/* puts the named enumerations (NULL-terminated: step, severity, cause,
 * channel, behaviour, purpose, remedy, sign) under Complaints.enum.*,
 * each code a child whose value is its label */
void cp_enums_to_hdf(HDF *hdf, const char *const *names);
/* the employee compensation limit in cents */
int64_t cp_comp_limit(void);
/* records a timeline event; 0 or -1 */
int cp_event(kf_req *req, int64_t case_id, const char *kind, const char *from_step,
             const char *to_step, int64_t target_user, const char *note);

/* Actions (actions.c): begins a transaction and locks the case;
 * 0 ready, else a status to return through CP_ANSWER (CP_ANSWERED when
 * a refusal page was already rendered).  need_open refuses closed cases. */
#define CP_ANSWERED 1
#define CP_ANSWER(rc) ((rc) == CP_ANSWERED ? KF_DONE : (rc))
int cp_begin_case(kf_req *req, cp_case *c, bool need_open);
/* commits and redirects back to the case with a flash */
int cp_finish(kf_req *req, const cp_case *c, const char *flash);
/* rolls back; KF_FAIL */
int cp_fail(kf_req *req);
/* rolls back and answers the refusal page */
int cp_refuse_rb(kf_req *req, int status, const char *reason);

/* due.c: the first-contact and resolution due times ("YYYY-MM-DD HH:MM:SS"
 * UTC) of a case of severity received at received; 0 or -1 */
int cp_due_times(kf_req *req, const char *severity, const char *received, char fc[20], char res[20]);
/* whether due times count working hours (Plugins.complaints.Clock = working) */
bool cp_clock_working(void);
/* local time = UTC + this (Plugins.complaints.TimezoneOffsetMinutes, 480) */
int cp_tz_offset_min(void);
/* the working calendar of the settings with the exceptions of
 * complaint_holidays from the day of from to the day of to (UTC); the
 * days live in a static buffer until the next call.  0 or -1 */
int cp_calendar_load(kf_req *req, time_t from, time_t to, cp_calendar *cal);
/* t as "YYYY-MM-DD HH:MM:SS" UTC */
void cp_time_fmt(time_t t, char out[20]);
/* clock.c: how long the current pause of a case has stopped its clock,
 * in the clock's own time: seconds, or working seconds when Clock =
 * working.  1 paused (*secs set), 0 not paused (*secs = 0), -1 error. */
int cp_pause_length(kf_req *req, int64_t case_id, int64_t *secs);

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
int cp_act_attach(kf_req *req);
int cp_act_pause(kf_req *req);
int cp_act_merge(kf_req *req);
int cp_act_link(kf_req *req);
int cp_act_resume(kf_req *req);
int cp_holidays(kf_req *req);
int cp_holiday_save(kf_req *req);
int cp_holiday_delete(kf_req *req);
int cp_attachment_get(kf_req *req);
/* evidence.c: the attachment size limit in bytes */
long cp_attachment_limit(void);
/* reads the upload "file" and checks size and type: 0 ok (*data to free),
 * KF_FAIL, or a refusal status (400, 413) with *reason */
int cp_upload_read(kf_req *req, unsigned char **data, long *size, const char **type,
                   const char **reason);
/* stores it on the case with a timeline event and audit entry (inside
 * the caller's transaction); 0 or -1.  Intake does the two halves apart:
 * the file and its event first, the audit line (which names the case by
 * its reference) once the reference is known. */
int cp_attachment_insert(kf_req *req, int64_t case_id, const unsigned char *data, long size,
                         const char *type);
int cp_attachment_audit(kf_req *req, const char *ref, long size, const char *type);
int cp_attachment_store(kf_req *req, int64_t case_id, const char *ref, const unsigned char *data,
                        long size, const char *type);
int cp_list(kf_req *req);
int cp_ledger(kf_req *req);
int cp_panel(kf_req *req);
/* reports for xmlexport (report_ledger.c, report_summary.c) */
int cp_report_ledger(kf_req *req, xmlTextWriterPtr w, const kf_report_scope *s);
int cp_report_summary(kf_req *req, xmlTextWriterPtr w, const kf_report_scope *s);

#endif
