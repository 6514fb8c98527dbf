/* test_render.c -- a page rendered through layout.cs in both languages,
 * with a <script> value in the data coming out escaped, and list codes
 * replaced by their labels (render.c). */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"
#include "kf_core.h"

static char *render_page(const char *lang)
{
    char err[512];
    const char *cfgpath = test_write_config("");
    kf_io io = { NULL, NULL, NULL, NULL };
    kf_req req;
    char *out = NULL;
    size_t len = 0;
    FILE *saved = stdout;

    kf_cfg = kf_config_load(cfgpath, err, sizeof err);
    unlink(cfgpath);
    ck_assert_msg(kf_cfg != NULL, "%s", err);
    ck_assert_int_eq(kf_lang_load(KF_SRCDIR "/lang"), 0);
    memset(&req, 0, sizeof req);
    req.io = &io;
    setenv("REQUEST_METHOD", "GET", 1);
    setenv("QUERY_STRING", "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 1);
    stdout = open_memstream(&out, &len);
    ck_assert_ptr_nonnull(stdout);
    extern void kf_test_bind(kf_io *io);
    kf_test_bind(&io);
    ck_assert(hdf_init(&req.hdf) == STATUS_OK);
    kf_set(req.hdf, "Config.VarEscapeMode", "html");
    kf_set(req.hdf, "hdf.loadpaths.0", KF_SRCDIR "/templates");
    ck_assert(cgi_init(&req.cgi, req.hdf) == STATUS_OK);
    kf_lang_copy(req.hdf, lang);
    kf_set(req.hdf, "Lang.current", lang);
    /* the error page template prints Error.Reason through the language table
       and Request.path raw data: put the hostile value where it is printed */
    kf_set(req.hdf, "Request.path", kf_req_field(&req, "q"));
    kf_set(req.hdf, "Form.next", kf_req_field(&req, "q"));
    ck_assert_int_eq(kf_render(&req, "core/login.cs", "core.login.title"), KF_DONE);
    fflush(stdout);
    fclose(stdout);
    stdout = saved;
    cgi_destroy(&req.cgi);
    kf_lang_free();
    kf_config_free(kf_cfg);
    kf_cfg = NULL;
    return out;
}

START_TEST(layout_zh_escaped)
{
    char *page = render_page("zh_CN");
    ck_assert_ptr_nonnull(strstr(page, "Status: 200"));
    ck_assert_ptr_nonnull(strstr(page, "<html lang=\"zh-CN\">"));
    ck_assert_ptr_nonnull(strstr(page, "登录"));
    ck_assert_ptr_null(strstr(page, "<script>"));
    ck_assert_ptr_nonnull(strstr(page, "&lt;script&gt;"));
    free(page);
}
END_TEST

START_TEST(layout_en_escaped)
{
    char *page = render_page("en");
    ck_assert_ptr_nonnull(strstr(page, "<html lang=\"en\">"));
    ck_assert_ptr_nonnull(strstr(page, "Log in"));
    ck_assert_ptr_null(strstr(page, "<script>"));
    ck_assert_ptr_nonnull(strstr(page, "&lt;script&gt;"));
    free(page);
}
END_TEST

/* kf_label_column: each row's code becomes its label in the language
 * linked as L; an unknown code stays; rows without the column get none */
START_TEST(label_column)
{
    HDF *hdf;
    ck_assert_int_eq(kf_lang_load(KF_SRCDIR "/lang"), 0);
    ck_assert(hdf_init(&hdf) == STATUS_OK);
    ck_assert_int_eq(kf_lang_attach(hdf), 0);
    ck_assert_int_eq(kf_lang_copy(hdf, "zh_CN"), 0);
    kf_set(hdf, "List.0.severity", "serious");
    kf_set(hdf, "List.1.severity", "general");
    kf_set(hdf, "List.2.severity", "serious");
    kf_set(hdf, "List.3.severity", "no_such_code");
    kf_set(hdf, "List.4.other", "x");
    ck_assert_int_eq(kf_label_column(hdf, "List", "severity", "L.complaints.severity"), 0);
    ck_assert_str_eq(hdf_get_value(hdf, "List.0.severity", ""), "严重投诉");
    ck_assert_str_eq(hdf_get_value(hdf, "List.1.severity", ""), "一般投诉");
    ck_assert_str_eq(hdf_get_value(hdf, "List.2.severity", ""), "严重投诉");
    ck_assert_str_eq(hdf_get_value(hdf, "List.3.severity", ""), "no_such_code");
    ck_assert_ptr_null(hdf_get_obj(hdf, "List.4.severity"));
    /* no list, or no labels: nothing to do, nothing changed */
    ck_assert_int_eq(kf_label_column(hdf, "Nothing", "severity", "L.complaints.severity"), 0);
    ck_assert_int_eq(kf_label_column(hdf, "List", "other", "L.no.such.node"), 0);
    ck_assert_str_eq(hdf_get_value(hdf, "List.4.other", ""), "x");
    hdf_destroy(&hdf);
    kf_lang_free();
}
END_TEST

Suite *render_suite(void)
{
    Suite *s = suite_create("render");
    TCase *tc = tcase_create("layout");
    tcase_add_test(tc, layout_zh_escaped);
    tcase_add_test(tc, layout_en_escaped);
    tcase_add_test(tc, label_column);
    suite_add_tcase(s, tc);
    return s;
}
