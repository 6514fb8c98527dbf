/* test_complaints_intake.c -- the intake form's validation on hostile
 * input (plugins/complaints/intake_check.c, linked directly; the same
 * function tests/fuzz/fuzz_intake.c fuzzes). */
#include "config.h"
#include <string.h>
#include "check.h"
#include "kf_clearsilver.h"
#include "../../plugins/complaints/intake_check.h"

static const time_t NOW = 1760000000;   /* 2025-10-09 08:53:20 UTC */

/* a valid form, then each "key=value" of over applied */
static HDF *form(const char *const *over)
{
    static const char *const base[] = { "severity", "general", "cause", "service", "channel", "phone",
        "behaviour", "venting", "purpose", "criticism", "description", "态度冷淡",
        "customer_no", "C000001", NULL };
    HDF *hdf = NULL;
    char key[64];
    ck_assert(hdf_init(&hdf) == STATUS_OK);
    for (int i = 0; base[i]; i += 2) {
        snprintf(key, sizeof key, "Query.%s", base[i]);
        hdf_set_value(hdf, key, base[i + 1]);
    }
    for (int i = 0; over && over[i]; i += 2) {
        snprintf(key, sizeof key, "Query.%s", over[i]);
        hdf_set_value(hdf, key, over[i + 1]);
    }
    return hdf;
}

static const char *check_with(const char *const *over)
{
    HDF *hdf = form(over);
    const char *r = cp_intake_check(hdf, NOW);
    hdf_destroy(&hdf);
    return r;
}

#define CHECK(expect, ...) do { \
        const char *const o_[] = { __VA_ARGS__, NULL }; \
        const char *r_ = check_with(o_); \
        if ((expect) == NULL) ck_assert_ptr_null(r_); \
        else { ck_assert_ptr_nonnull(r_); ck_assert_str_eq(r_, (expect)); } \
    } while (0)

START_TEST(valid_forms_pass)
{
    ck_assert_ptr_null(check_with(NULL));
    CHECK(NULL, "received_at", "2025-10-09T08:00");
    CHECK(NULL, "customer_no", "", "customer_name", "王伟");
}
END_TEST

START_TEST(hostile_inputs_refused)
{
    char big[5000];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    CHECK("classification", "severity", "general' OR '1'='1");
    CHECK("classification", "cause", "");
    CHECK("classification", "purpose", "criticism\n");
    CHECK("description", "description", "");
    CHECK("description", "description", "\xC0\xAF overlong slash");
    CHECK("description", "description", "cut \xE6\x80");
    CHECK("description", "description", big);
    CHECK("description", "customer_request", "\xED\xA0\x80 surrogate? \xFF");
    CHECK("received_at", "received_at", "2025-02-30 10:00");
    CHECK("received_at", "received_at", "2099-01-01T00:00");
    CHECK("received_at", "received_at", "1999-01-01T00:00");
    CHECK("received_at", "received_at", "2025-10-09T08:00:00:00:00");
    CHECK("received_at", "received_at", "%n%n%n%s");
    CHECK("received_at", "received_at", "-2025-10-09T08:00");
    CHECK("customer", "customer_no", "", "customer_name", "");
    CHECK("customer", "customer_no", "C0000000000000000000000000000000000000001");
    CHECK("customer", "customer_phone", "\x80");
}
END_TEST

Suite *complaints_intake_suite(void)
{
    Suite *s = suite_create("complaints_intake");
    TCase *tc = tcase_create("validation");
    tcase_add_test(tc, valid_forms_pass);
    tcase_add_test(tc, hostile_inputs_refused);
    suite_add_tcase(s, tc);
    return s;
}
