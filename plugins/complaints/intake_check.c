/* intake_check.c -- validation of the intake form (see intake_check.h).
 * No database and no kefu.h: linked into the unit tests and the fuzzer. */
#include <stdio.h>
#include <string.h>
#include "intake_check.h"
#include "workflow.h"

#define TEXT_MAX 4000

bool cp_text_ok(const char *s, size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = 0;

    while (*p) {
        int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2
              : (*p & 0xF8) == 0xF0 ? 3 : -1;
        if (n < 0 || (n == 1 && *p < 0xC2) || (n == 3 && *p > 0xF4))
            return false;
        p++;
        for (int i = 0; i < n; i++, p++)
            if ((*p & 0xC0) != 0x80)
                return false;
        len += (size_t)n + 1;
        if (len > max)
            return false;
    }
    return true;
}

bool cp_parse_received(const char *s, time_t now, char out[20])
{
    int y, mo, d, h, mi, sec = 0;
    char sep;
    struct tm tm = { 0 };
    time_t t;

    if (s == NULL || *s == '\0') {
        gmtime_r(&now, &tm);
        strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
        return true;
    }
    if (strlen(s) > 19 || sscanf(s, "%4d-%2d-%2d%c%2d:%2d:%2d", &y, &mo, &d, &sep, &h, &mi, &sec) < 6 ||
        (sep != 'T' && sep != ' '))
        return false;
    if (y < 2000 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 ||
        mi < 0 || mi > 59 || sec < 0 || sec > 59)
        return false;
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = sec;
    t = timegm(&tm);
    if (tm.tm_mday != d || t > now + 300 || t < now - 366L * 86400)
        return false;
    snprintf(out, 20, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, sec);
    return true;
}

/* a field's value, NULL when absent or not valid UTF-8 within max */
static const char *text(HDF *hdf, const char *name, size_t max)
{
    char key[64];
    const char *v;
    snprintf(key, sizeof key, "Query.%s", name);
    v = hdf_get_value(hdf, key, NULL);
    return v && cp_text_ok(v, max) ? v : NULL;
}

const char *cp_intake_check(HDF *hdf, time_t now)
{
    const char *cust_no = text(hdf, "customer_no", 32);
    const char *cust_name = text(hdf, "customer_name", 128);
    const char *desc = text(hdf, "description", TEXT_MAX);
    char received[20];

    if (!cp_in(cp_severities, hdf_get_value(hdf, "Query.severity", NULL)) ||
        !cp_in(cp_causes, hdf_get_value(hdf, "Query.cause", NULL)) ||
        !cp_in(cp_channels, hdf_get_value(hdf, "Query.channel", NULL)) ||
        !cp_in(cp_behaviours, hdf_get_value(hdf, "Query.behaviour", NULL)) ||
        !cp_in(cp_purposes, hdf_get_value(hdf, "Query.purpose", NULL)))
        return "classification";
    if (desc == NULL || *desc == '\0' ||
        (hdf_get_value(hdf, "Query.customer_request", NULL) && !text(hdf, "customer_request", TEXT_MAX)))
        return "description";
    if (!cp_parse_received(hdf_get_value(hdf, "Query.received_at", NULL), now, received))
        return "received_at";
    if ((cust_no == NULL || *cust_no == '\0') && (cust_name == NULL || *cust_name == '\0'))
        return "customer";
    if (hdf_get_value(hdf, "Query.customer_phone", NULL) && !text(hdf, "customer_phone", 32))
        return "customer";
    return NULL;
}
