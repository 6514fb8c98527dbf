/* test_session_cache.c -- a worker's session cache (session_cache.c):
 * hits, misses, the time limit, and invalidation by another process
 * through the shared generation counter. */
#include "config.h"
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"
#include "kf_core.h"

static const char SID_A[] = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
/* same first two digits as SID_A: the same slot */
static const char SID_B[] = "a1ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";

static void load_config(const char *extra)
{
    char err[512];
    const char *path = test_write_config(extra);
    kf_cfg = kf_config_load(path, err, sizeof err);
    unlink(path);
    ck_assert_msg(kf_cfg != NULL, "%s", err);
}

static void fill(kf_req *req)
{
    memset(req, 0, sizeof *req);
    req->user.id = 42;
    req->user.role = KF_ROLE_MANAGER;
    req->user.dept_id = 2;
    snprintf(req->user.login, sizeof req->user.login, "manager");
    snprintf(req->user.dept_path, sizeof req->user.dept_path, "/1/2/");
    snprintf(req->csrf, sizeof req->csrf, "%064d", 7);
    snprintf(req->lang, sizeof req->lang, "en");
    req->logged_in = true;
    req->enabled_known = true;
    req->enabled[1] = true;
}

START_TEST(hit_restores_the_request)
{
    kf_req in, out;
    load_config(NULL);
    ck_assert_int_eq(kf_session_cache_init(), 0);
    fill(&in);
    kf_session_cache_put(SID_A, &in, kf_session_cache_generation());
    memset(&out, 0, sizeof out);
    ck_assert(kf_session_cache_get(SID_A, &out));
    ck_assert_int_eq(out.user.id, 42);
    ck_assert_str_eq(out.user.login, "manager");
    ck_assert_str_eq(out.scope, "/1/2/");
    ck_assert_str_eq(out.csrf, in.csrf);
    ck_assert_str_eq(out.lang, "en");
    ck_assert(out.logged_in && out.enabled_known && out.enabled[1] && !out.enabled[0]);
    /* another session in the same slot is a miss, not a wrong user */
    ck_assert(!kf_session_cache_get(SID_B, &out));
}
END_TEST

START_TEST(another_process_invalidates)
{
    kf_req in, out;
    pid_t pid;
    int status;
    load_config(NULL);
    ck_assert_int_eq(kf_session_cache_init(), 0);
    fill(&in);
    kf_session_cache_put(SID_A, &in, kf_session_cache_generation());
    pid = fork();
    if (pid == 0) {  /* another worker handles an admin form */
        kf_session_cache_invalidate();
        _exit(0);
    }
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(!kf_session_cache_get(SID_A, &out));
}
END_TEST

START_TEST(result_of_a_racing_change_is_not_kept)
{
    kf_req in, out;
    uint64_t before;
    load_config(NULL);
    ck_assert_int_eq(kf_session_cache_init(), 0);
    fill(&in);
    before = kf_session_cache_generation();
    kf_session_cache_invalidate();           /* a change while the query ran */
    kf_session_cache_put(SID_A, &in, before);
    ck_assert(!kf_session_cache_get(SID_A, &out));
}
END_TEST

START_TEST(time_limit_and_off_switch)
{
    kf_req in, out;
    load_config("Session.CacheSeconds = 1");
    ck_assert_int_eq(kf_session_cache_init(), 0);
    fill(&in);
    kf_session_cache_put(SID_A, &in, kf_session_cache_generation());
    ck_assert(kf_session_cache_get(SID_A, &out));
    usleep(1100 * 1000);
    ck_assert(!kf_session_cache_get(SID_A, &out));
    kf_cfg->session_cache_s = 0;             /* as after a reload that turns it off */
    kf_session_cache_put(SID_A, &in, kf_session_cache_generation());
    ck_assert(!kf_session_cache_get(SID_A, &out));
}
END_TEST

START_TEST(anonymous_requests_are_not_kept)
{
    kf_req in, out;
    load_config(NULL);
    ck_assert_int_eq(kf_session_cache_init(), 0);
    fill(&in);
    in.logged_in = false;
    kf_session_cache_put(SID_A, &in, kf_session_cache_generation());
    ck_assert(!kf_session_cache_get(SID_A, &out));
}
END_TEST

START_TEST(bad_config_value_refused)
{
    char err[512];
    const char *path = test_write_config("Session.CacheSeconds = 61");
    kf_config *cfg = kf_config_load(path, err, sizeof err);
    unlink(path);
    ck_assert_ptr_null(cfg);
    ck_assert_ptr_nonnull(strstr(err, "Session.CacheSeconds"));
}
END_TEST

Suite *session_cache_suite(void)
{
    Suite *s = suite_create("session_cache");
    TCase *tc = tcase_create("cache");
    tcase_add_test(tc, hit_restores_the_request);
    tcase_add_test(tc, another_process_invalidates);
    tcase_add_test(tc, result_of_a_racing_change_is_not_kept);
    tcase_add_test(tc, time_limit_and_off_switch);
    tcase_add_test(tc, anonymous_requests_are_not_kept);
    tcase_add_test(tc, bad_config_value_refused);
    suite_add_tcase(s, tc);
    return s;
}
