/* deadline.h -- due times per severity (pure, unit-tested).
 *
 * Calendar hours: first contact (acknowledge the customer) and resolution
 * are counted from received_at.  Defaults: general 24h / 5 days,
 * serious 2h / 2 days; configurable as Plugins.complaints.FirstContactHours.<sev>
 * and Plugins.complaints.ResolutionHours.<sev>.
 */
#ifndef KF_COMPLAINTS_DEADLINE_H
#define KF_COMPLAINTS_DEADLINE_H

#include <stdbool.h>
#include <time.h>

enum cp_due_kind { CP_DUE_FIRST_CONTACT, CP_DUE_RESOLUTION };

/* default hours for severity ("general" | "serious"); -1 for an unknown one */
int cp_due_default_hours(const char *severity, enum cp_due_kind kind);
/* configured value if a whole number 1..8760, else the default */
int cp_due_hours(const char *severity, enum cp_due_kind kind, const char *configured);
/* received + hours */
time_t cp_due_at(time_t received, int hours);
/* overdue when not done and now is past due */
bool cp_overdue(time_t now, time_t due, bool done);

#endif
