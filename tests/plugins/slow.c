/* A test plugin with a slow page, for the graceful-shutdown test. */
#include <time.h>
#include "kefu.h"

static int slow(kf_req *req)
{
    struct timespec ts = { 1, 500 * 1000 * 1000 };
    nanosleep(&ts, NULL);
    if (kf_resp_begin(req, "text/plain; charset=utf-8") != 0)
        return KF_FAIL;
    kf_resp_write(req, "slow done\n", 10);
    return KF_DONE;
}

static const kf_route routes[] = { { "GET", "/", 0, KF_ROUTE_PUBLIC, slow }, { 0 } };

KF_PLUGIN_EXPORT const kf_plugin kefu_plugin = {
    .magic = KF_PLUGIN_MAGIC,
    .abi_version = KF_ABI_VERSION,
    .name = "slow",
    .version = "1.0",
    .title_key = "slow.title",
    .routes = routes,
};
