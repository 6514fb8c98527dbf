/* test_router.c -- route matching (cgi-bin/router.c). */
#include "config.h"
#include <string.h>
#include "check.h"
#include "kf_core.h"

static int h(kf_req *r) { (void)r; return KF_DONE; }
static const kf_route routes[] = {
    { "GET", "/", KF_ROLES_ALL, 0, h },
    { "GET", "/new", KF_ROLES_ALL, 0, h },
    { "POST", "/new", KF_ROLES_ALL, 0, h },
    { "GET", "/:ref", KF_ROLES_ALL, 0, h },
    { "POST", "/:ref/step", KF_ROLES_ALL, 0, h },
    { NULL, NULL, 0, 0, NULL },
};

START_TEST(root_and_literal)
{
    kf_match m = { 0 };
    ck_assert(kf_route_match("/complaints", routes, "GET", "/complaints/", &m));
    ck_assert_ptr_eq(m.route, &routes[0]);
    ck_assert(kf_route_match("/complaints", routes, "GET", "/complaints/new", &m));
    ck_assert_ptr_eq(m.route, &routes[1]);
    ck_assert(kf_route_match("/complaints", routes, "POST", "/complaints/new", &m));
    ck_assert_ptr_eq(m.route, &routes[2]);
}
END_TEST

START_TEST(params)
{
    kf_match m = { 0 };
    ck_assert(kf_route_match("/complaints", routes, "GET", "/complaints/TS-2026-000001", &m));
    ck_assert_ptr_eq(m.route, &routes[3]);
    ck_assert_int_eq(m.nparams, 1);
    ck_assert_str_eq(m.names[0], "ref");
    ck_assert_str_eq(m.values[0], "TS-2026-000001");
    ck_assert(kf_route_match("/complaints", routes, "POST", "/complaints/X1/step", &m));
    ck_assert_str_eq(m.values[0], "X1");
}
END_TEST

START_TEST(no_match)
{
    kf_match m = { 0 };
    ck_assert(!kf_route_match("/complaints", routes, "GET", "/complaints", &m));
    ck_assert(!kf_route_match("/complaints", routes, "GET", "/complaintsx/", &m));
    ck_assert(!kf_route_match("/complaints", routes, "GET", "/complaints/a/b/c", &m));
    ck_assert(!kf_route_match("/complaints", routes, "GET", "/complaints/X1/step", &m));
    ck_assert(m.method_mismatch);  /* POST-only route: 405, not 404 */
    memset(&m, 0, sizeof m);
    ck_assert(!kf_route_match("/complaints", routes, "GET", "/complaints//", &m));
}
END_TEST

START_TEST(oversized_param_refused)
{
    kf_match m = { 0 };
    char path[600] = "/complaints/";
    memset(path + 12, 'a', 400);
    path[412] = '\0';
    ck_assert(!kf_route_match("/complaints", routes, "GET", path, &m));
}
END_TEST

Suite *router_suite(void)
{
    Suite *s = suite_create("router");
    TCase *tc = tcase_create("match");
    tcase_add_test(tc, root_and_literal);
    tcase_add_test(tc, params);
    tcase_add_test(tc, no_match);
    tcase_add_test(tc, oversized_param_refused);
    suite_add_tcase(s, tc);
    return s;
}
