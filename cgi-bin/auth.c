/* auth.c -- password hashes with libcrypt.
 *
 * crypt_gensalt_rn("$y$") picks a yescrypt salt from the kernel's random
 * source; crypt_rn hashes.  Hashes never leave the database or this file,
 * and neither passwords nor hashes are logged.
 */
#include "config.h"
#include <crypt.h>
#include <stdlib.h>
#include <string.h>
#include "kf_core.h"

int kf_password_hash(const char *password, char *out, size_t outlen)
{
    char salt[CRYPT_GENSALT_OUTPUT_SIZE];
    struct crypt_data *cd;
    int rc = -1;

    if (crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof salt) == NULL)
        return -1;
    cd = calloc(1, sizeof *cd);
    if (cd == NULL)
        return -1;
    if (crypt_rn(password, salt, cd, sizeof *cd) != NULL && cd->output[0] != '*' &&
        strlen(cd->output) < outlen) {
        strcpy(out, cd->output);
        rc = 0;
    }
    explicit_bzero(cd, sizeof *cd);
    free(cd);
    return rc;
}

bool kf_password_verify(const char *password, const char *hash)
{
    struct crypt_data *cd;
    bool ok = false;
    size_t n;

    if (hash == NULL || hash[0] != '$')
        return false;
    cd = calloc(1, sizeof *cd);
    if (cd == NULL)
        return false;
    if (crypt_rn(password, hash, cd, sizeof *cd) != NULL && cd->output[0] != '*') {
        n = strlen(hash);
        /* constant-time compare of equal-length strings */
        if (strlen(cd->output) == n) {
            unsigned char diff = 0;
            for (size_t i = 0; i < n; i++)
                diff |= (unsigned char)(cd->output[i] ^ hash[i]);
            ok = diff == 0;
        }
    }
    explicit_bzero(cd, sizeof *cd);
    free(cd);
    return ok;
}
