/* test_auth.c -- password hashes (auth.c) and random tokens (session.c). */
#include "config.h"
#include <string.h>
#include "check.h"
#include "kf_core.h"

START_TEST(hash_and_verify)
{
    char h1[256], h2[256];
    ck_assert_int_eq(kf_password_hash("kefu-demo", h1, sizeof h1), 0);
    ck_assert_int_eq(kf_password_hash("kefu-demo", h2, sizeof h2), 0);
    ck_assert(strncmp(h1, "$y$", 3) == 0);
    ck_assert_str_ne(h1, h2);  /* fresh salt each time */
    ck_assert(kf_password_verify("kefu-demo", h1));
    ck_assert(!kf_password_verify("kefu-demO", h1));
    ck_assert(!kf_password_verify("kefu-demo", "plain"));
    ck_assert(!kf_password_verify("kefu-demo", NULL));
    ck_assert(!kf_password_verify("kefu-demo", "$y$broken"));
}
END_TEST

START_TEST(random_tokens)
{
    char a[65], b[65];
    ck_assert_int_eq(kf_random_hex(a, 32), 0);
    ck_assert_int_eq(kf_random_hex(b, 32), 0);
    ck_assert_uint_eq(strlen(a), 64);
    ck_assert_uint_eq(strspn(a, "0123456789abcdef"), 64);
    ck_assert_str_ne(a, b);
    ck_assert_int_eq(kf_random_hex(a, 65), -1);
}
END_TEST

Suite *auth_suite(void)
{
    Suite *s = suite_create("auth");
    TCase *tc = tcase_create("passwords");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, hash_and_verify);
    tcase_add_test(tc, random_tokens);
    suite_add_tcase(s, tc);
    return s;
}
