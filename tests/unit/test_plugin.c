/* test_plugin.c -- the plugin loader (cgi-bin/plugin.c): a good plugin is
 * loaded, an ABI mismatch and a .so without a descriptor are refused, and
 * the rest are still served. */
#include "config.h"
#include <string.h>
#include "check.h"
#include "kf_core.h"

static int h(kf_req *r) { (void)r; return KF_DONE; }
static const kf_route ok_routes[] = { { "GET", "/", KF_ROLES_ALL, 0, h }, { NULL, NULL, 0, 0, NULL } };
static const kf_route bad_routes[] = { { "PUT", "/", KF_ROLES_ALL, 0, h }, { NULL, NULL, 0, 0, NULL } };
static int w(kf_req *r, xmlTextWriterPtr x, const kf_report_scope *s) { (void)r, (void)x, (void)s; return 0; }
static const kf_report ok_reports[] = { { "ok-report", "ok.report", "ok-report.xsd", w },
                                        { NULL, NULL, NULL, NULL } };
static const kf_report bad_reports[] = { { "Bad Report", "ok.report", "ok.xsd", w },
                                         { NULL, NULL, NULL, NULL } };
static const kf_report nowriter_reports[] = { { "ok", "ok.report", "ok.xsd", NULL },
                                              { NULL, NULL, NULL, NULL } };

START_TEST(descriptor_checks)
{
    kf_plugin p = { KF_PLUGIN_MAGIC, KF_ABI_VERSION, "ok", "1", "ok.title", NULL, ok_routes,
                    NULL, NULL, NULL, NULL, NULL };
    ck_assert_ptr_null(kf_plugin_check(&p));
    p.magic = 1;
    ck_assert_ptr_nonnull(strstr(kf_plugin_check(&p), "magic"));
    p.magic = KF_PLUGIN_MAGIC;
    p.abi_version = KF_ABI_VERSION + 1;
    ck_assert_ptr_nonnull(strstr(kf_plugin_check(&p), "ABI"));
    p.abi_version = KF_ABI_VERSION;
    p.name = "Bad Name";
    ck_assert_ptr_nonnull(kf_plugin_check(&p));
    p.name = "ok";
    p.prefix = "/static";
    ck_assert_ptr_nonnull(kf_plugin_check(&p));
    p.prefix = NULL;
    p.reports = ok_reports;
    ck_assert_ptr_null(kf_plugin_check(&p));
    p.reports = bad_reports;
    ck_assert_ptr_nonnull(strstr(kf_plugin_check(&p), "report"));
    p.reports = nowriter_reports;
    ck_assert_ptr_nonnull(strstr(kf_plugin_check(&p), "report"));
    p.reports = NULL;
    p.routes = bad_routes;
    ck_assert_ptr_nonnull(kf_plugin_check(&p));
}
END_TEST

START_TEST(load_directory)
{
    /* tests/plugins/.libs holds hello.so and slow.so (good), badabi.so and nodesc.so */
    ck_assert_int_eq(kf_plugins_load(KF_BUILDDIR "/tests/plugins/.libs"), 0);
    ck_assert_uint_eq(kf_plugins_count(), 2);  /* hello and slow */
    ck_assert_ptr_nonnull(kf_plugins_find("hello"));
    ck_assert_ptr_null(kf_plugins_find("badabi"));
    ck_assert_str_eq(kf_plugins_find("hello")->prefix, "/hello");
    kf_match m;
    ck_assert(kf_router_find("GET", "/hello/", &m));
    ck_assert_ptr_eq(m.plugin, kf_plugins_find("hello"));
    ck_assert(kf_router_find("GET", "/healthz", &m));
    ck_assert_ptr_null(m.plugin);
    ck_assert(!kf_router_find("GET", "/nothing", &m));
    ck_assert(!m.method_mismatch);
    ck_assert(!kf_router_find("GET", "/logout", &m));
    ck_assert(m.method_mismatch);
    /* enablement from the session query's settings column (dept.c) */
    bool on[KF_MAX_PLUGINS];
    size_t hello = (size_t)(kf_plugins_find("hello") - kf_plugins_get(0));
    ck_assert_int_eq(kf_enabled_parse(NULL, on), 0);
    ck_assert(on[hello]);                                   /* no setting: on */
    ck_assert_int_eq(kf_enabled_parse("hello=0=3", on), 0);
    ck_assert(!on[hello]);
    ck_assert_int_eq(kf_enabled_parse("hello=0=3,hello=1=7", on), 0);
    ck_assert(on[hello]);                                   /* deeper wins */
    ck_assert_int_eq(kf_enabled_parse("hello=1=7,hello=0=3", on), 0);
    ck_assert(on[hello]);                                   /* order does not matter */
    ck_assert_int_eq(kf_enabled_parse("other=0=9,hello=0=5", on), 0);
    ck_assert(!on[hello]);
    ck_assert_int_eq(kf_enabled_parse("hello=x", on), -1);
    ck_assert_int_eq(kf_enabled_parse("hello", on), -1);
    kf_plugins_unload();
    ck_assert_uint_eq(kf_plugins_count(), 0);
}
END_TEST

Suite *plugin_suite(void)
{
    Suite *s = suite_create("plugin");
    TCase *tc = tcase_create("loader");
    tcase_add_test(tc, descriptor_checks);
    tcase_add_test(tc, load_directory);
    suite_add_tcase(s, tc);
    return s;
}
