/* deadline.c -- due-time calculation for complaints (see deadline.h).
 * Pure: no database, no ClearSilver; linked into the unit tests. */
#include <stdlib.h>
#include <string.h>
#include "deadline.h"

int cp_due_default_hours(const char *severity, enum cp_due_kind kind)
{
    if (severity == NULL)
        return -1;
    if (strcmp(severity, "general") == 0)
        return kind == CP_DUE_FIRST_CONTACT ? 24 : 5 * 24;
    if (strcmp(severity, "serious") == 0)
        return kind == CP_DUE_FIRST_CONTACT ? 2 : 2 * 24;
    return -1;
}

int cp_due_hours(const char *severity, enum cp_due_kind kind, const char *configured)
{
    int def = cp_due_default_hours(severity, kind);
    char *end;
    long v;

    if (def < 0 || configured == NULL || *configured == '\0')
        return def;
    v = strtol(configured, &end, 10);
    if (*end != '\0' || v < 1 || v > 8760)
        return def;
    return (int)v;
}

time_t cp_due_at(time_t received, int hours)
{
    return received + (time_t)hours * 3600;
}

bool cp_overdue(time_t now, time_t due, bool done)
{
    return !done && now > due;
}
