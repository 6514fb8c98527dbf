/* admin.c -- administration pages (placeholder until identity lands). */
#include "config.h"
#include "kf_core.h"

int kf_admin_users(kf_req *req) { (void)req; return 404; }
int kf_admin_user_save(kf_req *req) { (void)req; return 404; }
int kf_admin_depts(kf_req *req) { (void)req; return 404; }
int kf_admin_dept_save(kf_req *req) { (void)req; return 404; }
int kf_admin_plugins(kf_req *req) { (void)req; return 404; }
int kf_admin_plugin_save(kf_req *req) { (void)req; return 404; }
int kf_admin_audit(kf_req *req) { (void)req; return 404; }
