/* plugin.c -- the complaints plugin's descriptor and routes.
 *
 * 投诉与抱怨: intake, the eight-step handling process, replies ledger,
 * hand-over, compensation with approval, abnormal complaints, lists,
 * ledger report, evidence attachments, the working clock's holiday
 * calendar and a dashboard panel.  Literal routes come before "/:ref" so
 * "new", "ledger" and "holidays" are never taken for references.
 * Case GETs are open to staff and auditors (auditors read in scope; the
 * core refuses their POSTs), POSTs to staff; approve and reopen to
 * managers.  The holiday calendar is the organisation's: admins change
 * it, managers read it.
 */
#include "complaints.h"

static const kf_route cp_routes[] = {
    { "GET",  "/",                  KF_ROLES_STAFF | KF_ROLE_AUDITOR, 0, cp_list },
    { "GET",  "/new",               KF_ROLES_STAFF, 0, cp_intake_form },
    { "POST", "/new",               KF_ROLES_STAFF, 0, cp_intake_save },
    { "GET",  "/ledger",            KF_ROLES_STAFF | KF_ROLE_AUDITOR, 0, cp_ledger },
    { "GET",  "/holidays",          KF_ROLE_ADMIN | KF_ROLE_MANAGER, 0, cp_holidays },
    { "POST", "/holidays",          KF_ROLE_ADMIN, 0, cp_holiday_save },
    { "POST", "/holidays/delete",   KF_ROLE_ADMIN, 0, cp_holiday_delete },
    { "GET",  "/:ref",              KF_ROLES_STAFF | KF_ROLE_AUDITOR, 0, cp_case_page },
    { "POST", "/:ref/step",         KF_ROLES_STAFF, 0, cp_act_step },
    { "POST", "/:ref/reply",        KF_ROLES_STAFF, 0, cp_act_reply },
    { "POST", "/:ref/handover",     KF_ROLES_STAFF, 0, cp_act_handover },
    { "POST", "/:ref/compensation", KF_ROLES_STAFF, 0, cp_act_compensation },
    { "POST", "/:ref/approve",      KF_ROLE_MANAGER, 0, cp_act_approve },
    { "POST", "/:ref/abnormal",     KF_ROLES_STAFF, 0, cp_act_abnormal },
    { "POST", "/:ref/reopen",       KF_ROLE_MANAGER, 0, cp_act_reopen },
    { "POST", "/:ref/pause",        KF_ROLES_STAFF, 0, cp_act_pause },
    { "POST", "/:ref/resume",       KF_ROLES_STAFF, 0, cp_act_resume },
    { "POST", "/:ref/merge",        KF_ROLES_STAFF, 0, cp_act_merge },
    { "POST", "/:ref/link",         KF_ROLES_STAFF, 0, cp_act_link },
    { "POST", "/:ref/attach",       KF_ROLES_STAFF, 0, cp_act_attach },
    { "GET",  "/:ref/attachments/:id", KF_ROLES_STAFF | KF_ROLE_AUDITOR, 0, cp_attachment_get },
    { NULL, NULL, 0, 0, NULL },
};

static const kf_report cp_reports[] = {
    { "complaints-ledger", "complaints.report.ledger", "complaints-ledger.xsd", cp_report_ledger },
    { "complaints-summary", "complaints.report.summary", "complaints-summary.xsd", cp_report_summary },
    { NULL, NULL, NULL, NULL },
};

KF_PLUGIN_EXPORT const kf_plugin kefu_plugin = {
    .magic = KF_PLUGIN_MAGIC,
    .abi_version = KF_ABI_VERSION,
    .name = CP_PLUGIN,
    .version = "1.0",
    .title_key = "complaints.title",
    .routes = cp_routes,
    .panel_template = "complaints/panel.cs",
    .panel = cp_panel,
    .reports = cp_reports,
};
