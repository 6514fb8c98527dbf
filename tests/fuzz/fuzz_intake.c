/* fuzz_intake.c -- libFuzzer target for the complaint intake validation.
 *
 * Arbitrary bytes are taken as an application/x-www-form-urlencoded body
 * ("a=1&b=%E6%8A%95..."), decoded into Query.* of a fresh HDF the way the
 * core's cgi kit does, and handed to cp_intake_check
 * (plugins/complaints/intake_check.c), which must answer NULL or one of
 * its error keys without crashing, leaking or reading out of bounds.
 *
 * Build and run (clang with libFuzzer; not part of make check):
 *
 *   mkdir -p build-fuzz && cd build-fuzz
 *   ../configure CC=clang && make fuzz
 *   mkdir -p corpus && ./tests/fuzz/fuzz_intake corpus -max_len=8192 -max_total_time=60
 *
 * A crash leaves crash-<sha1> in the current directory; replay it with
 * ./tests/fuzz/fuzz_intake crash-<sha1>.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "kf_clearsilver.h"
#include "../../plugins/complaints/intake_check.h"

static int hexval(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* decodes '+' and %XX in place; returns the new length */
static size_t url_decode(char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '+') {
            s[o++] = ' ';
        } else if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            s[o++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            i += 2;
        } else {
            s[o++] = s[i];
        }
    }
    s[o] = '\0';
    return o;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size + 1), key[96];
    HDF *hdf = NULL;
    size_t start = 0;

    if (buf == NULL)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    if (hdf_init(&hdf) != STATUS_OK) {
        free(buf);
        return 0;
    }
    for (size_t i = 0; i <= size; i++) {
        if (i < size && buf[i] != '&')
            continue;
        buf[i] = '\0';
        char *pair = buf + start, *eq = strchr(pair, '=');
        start = i + 1;
        if (eq == NULL || eq == pair)
            continue;
        *eq = '\0';
        size_t klen = url_decode(pair, strlen(pair));
        url_decode(eq + 1, strlen(eq + 1));
        /* the cgi kit only keeps plain field names; so do we */
        if (klen == 0 || klen > 64 || strspn(pair, "abcdefghijklmnopqrstuvwxyz0123456789_") != klen)
            continue;
        snprintf(key, sizeof key, "Query.%s", pair);
        NEOERR *err = hdf_set_value(hdf, key, eq + 1);
        nerr_ignore(&err);
    }
    (void)cp_intake_check(hdf, (time_t)1760000000);
    hdf_destroy(&hdf);
    free(buf);
    return 0;
}
