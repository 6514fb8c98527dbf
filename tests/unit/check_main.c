/* check_main.c -- runs every unit suite (make check). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "check.h"

const char *test_write_config(const char *extra)
{
    static char path[256];
    FILE *f;

    snprintf(path, sizeof path, "%s/tests/unit/test-%ld.hdf", KF_BUILDDIR, (long)getpid());
    f = fopen(path, "w");
    if (f == NULL)
        return NULL;
    fprintf(f, "Listen = unix:/tmp/kefu-test.sock\n"
               "Database.Socket = /nonexistent.sock\nDatabase.Name = kefu\nDatabase.User = kefu\n"
               "Paths.Plugins = %s/tests/plugins/.libs\nPaths.Templates = %s/templates\n"
               "Paths.Lang = %s/lang\nPaths.UploadTmp = /tmp\n%s\n",
            KF_BUILDDIR, KF_SRCDIR, KF_SRCDIR, extra ? extra : "");
    fclose(f);
    return path;
}

int main(void)
{
    SRunner *sr = srunner_create(router_suite());
    int failed;

    srunner_add_suite(sr, config_suite());
    srunner_add_suite(sr, plugin_suite());
    srunner_add_suite(sr, render_suite());
    srunner_add_suite(sr, auth_suite());
    srunner_add_suite(sr, complaints_workflow_suite());
    srunner_add_suite(sr, complaints_holiday_suite());
    srunner_add_suite(sr, complaints_evidence_suite());
    srunner_add_suite(sr, complaints_deadline_suite());
    srunner_add_suite(sr, complaints_intake_suite());
    srunner_add_suite(sr, session_cache_suite());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
