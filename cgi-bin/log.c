/* log.c -- log lines to stderr, where journald or the web server keeps them.
 *
 * One line per request (written by req.c) and one per error.  Each line
 * starts with an ISO time and the process id so lines from several
 * workers can be told apart.
 */
#include "config.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "kf_core.h"

static void log_prefix(char *buf, size_t len)
{
    struct timeval tv;
    struct tm tm;

    gettimeofday(&tv, NULL);
    gmtime_r(&tv.tv_sec, &tm);
    snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ kefu[%ld] ",
             tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
             tm.tm_sec, (long)(tv.tv_usec / 1000), (long)getpid());
}

void kf_log(const char *fmt, ...)
{
    char line[2048];
    size_t n;
    va_list ap;

    log_prefix(line, sizeof line);
    n = strlen(line);
    va_start(ap, fmt);
    vsnprintf(line + n, sizeof line - n, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s\n", line);
}

void kf_log_neoerr(const char *what, NEOERR *err)
{
    STRING s;

    string_init(&s);
    nerr_error_string(err, &s);
    kf_log("error: %s: %s", what, s.buf ? s.buf : "(unknown)");
    string_clear(&s);
    nerr_ignore(&err);
}

void kf_log_error(kf_req *req, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    kf_log("error: %s %s: %s", req ? req->method : "-", req ? req->path : "-", msg);
}
