/* test_config.c -- configuration errors name the file, key and expectation. */
#include "config.h"
#include <string.h>
#include <unistd.h>
#include "check.h"
#include "kf_core.h"

static kf_config *load(const char *extra, char *err, size_t len)
{
    const char *p = test_write_config(extra);
    kf_config *c = kf_config_load(p, err, len);
    unlink(p);
    return c;
}

START_TEST(valid_defaults)
{
    char err[512] = "";
    kf_config *c = load("", err, sizeof err);
    ck_assert_msg(c != NULL, "%s", err);
    ck_assert_int_eq(c->workers, 4);
    ck_assert_int_eq(c->lock_failures, 5);
    ck_assert_str_eq(c->default_lang, "zh_CN");
    kf_config_free(c);
}
END_TEST

START_TEST(bad_number_names_key)
{
    char err[512] = "";
    ck_assert_ptr_null(load("Workers = lots", err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "Workers"));
    ck_assert_ptr_nonnull(strstr(err, "whole number"));
    ck_assert_ptr_nonnull(strstr(err, ".hdf"));
}
END_TEST

START_TEST(out_of_range)
{
    char err[512] = "";
    ck_assert_ptr_null(load("Limits.BodyBytes = 5", err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "Limits.BodyBytes"));
}
END_TEST

START_TEST(bad_listen)
{
    char err[512] = "";
    ck_assert_ptr_null(load("Listen = nowhere", err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "Listen"));
}
END_TEST

START_TEST(bad_language)
{
    char err[512] = "";
    ck_assert_ptr_null(load("Lang.Default = fr", err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "Lang.Default"));
}
END_TEST

START_TEST(missing_dir)
{
    char err[512] = "";
    ck_assert_ptr_null(load("Paths.Templates = /does/not/exist", err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "Paths.Templates"));
}
END_TEST

START_TEST(missing_file)
{
    char err[512] = "";
    ck_assert_ptr_null(kf_config_load("/does/not/exist.hdf", err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "/does/not/exist.hdf"));
}
END_TEST

START_TEST(not_hdf)
{
    char err[512] = "";
    ck_assert_ptr_null(load("this is not hdf", err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "HDF"));
}
END_TEST

Suite *config_suite(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("load");
    tcase_add_test(tc, valid_defaults);
    tcase_add_test(tc, bad_number_names_key);
    tcase_add_test(tc, out_of_range);
    tcase_add_test(tc, bad_listen);
    tcase_add_test(tc, bad_language);
    tcase_add_test(tc, missing_dir);
    tcase_add_test(tc, missing_file);
    tcase_add_test(tc, not_hdf);
    suite_add_tcase(s, tc);
    return s;
}
