/* check.h -- the unit test suites, one per core file under test. */
#ifndef KF_TEST_CHECK_H
#define KF_TEST_CHECK_H
#include <check.h>
Suite *router_suite(void);
Suite *config_suite(void);
Suite *plugin_suite(void);
Suite *render_suite(void);
Suite *auth_suite(void);
Suite *complaints_workflow_suite(void);
Suite *complaints_holiday_suite(void);
Suite *complaints_evidence_suite(void);
Suite *complaints_deadline_suite(void);
Suite *complaints_intake_suite(void);
Suite *session_cache_suite(void);
/* writes a config file with extra lines; returns its path (static buffer) */
const char *test_write_config(const char *extra);
#endif
