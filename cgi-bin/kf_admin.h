/* kf_admin.h -- helpers shared by the administration pages (admin*.c).
 *
 * admin.c holds input checks, department look-ups and the common end of
 * every change (commit, audit already written, flash, redirect);
 * admin_depts.c, admin_users.c, admin_plugins.c and admin_audit.c hold
 * one page each.  Nothing here is visible to plugins.
 */
#ifndef KF_ADMIN_H
#define KF_ADMIN_H

#include "kf_core.h"

/* Longest department path the schema stores (departments.path). */
#define KF_DEPT_PATH_MAX 255

/* One department as the admin pages need it. */
typedef struct kf_admin_dept {
    int64_t id;
    bool active;
    char code[33];
    char path[KF_DEPT_PATH_MAX + 1];
} kf_admin_dept;

/* Rolls back any open transaction, sets Error.Reason (when reason is not
 * NULL) and returns status, for a handler to return as is. */
int kf_admin_refuse(kf_req *req, int status, const char *reason);

/* Commits, flashes core.admin.saved and redirects to where (KF_DONE);
 * on a failed commit returns KF_FAIL. */
int kf_admin_done(kf_req *req, const char *where);

/* Whether the last statement failed on a unique key (a concurrent
 * insert of the same code or login got there first). */
bool kf_admin_duplicate(kf_db *db);

/* Department code: 1-32 of A-Z a-z 0-9 _ - */
bool kf_admin_code_ok(const char *s);
/* Login: 1-64 of a-z 0-9 . _ - */
bool kf_admin_login_ok(const char *s);

/* A required one-line text field of 1..max_chars characters without
 * control characters; NULL when absent, empty, too long or invalid. */
const char *kf_admin_text(kf_req *req, const char *field, size_t max_chars);

/* Looks a department up by code, locking its row (use inside a
 * transaction).  1 found, 0 no such code, -1 database error. */
int kf_admin_dept_get(kf_db *db, const char *code, kf_admin_dept *out);

/* Fills prefix.N.{id,code,name_zh,name_en,parent_code,path,active,depth}
 * with every department in tree order (by path).  Row count or -1. */
int kf_admin_depts_hdf(kf_req *req, const char *prefix);

#endif
