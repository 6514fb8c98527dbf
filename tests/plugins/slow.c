/* A test plugin with a slow page (the graceful-shutdown test) and a
 * failing one (the 500 page). */
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

/* A handler that fails, for the 500 page with its error id. */
static int fail(kf_req *req)
{
    kf_log_error(req, "the test plugin fails on purpose");
    return KF_FAIL;
}

static const kf_route routes[] = {
    { "GET", "/", 0, KF_ROUTE_PUBLIC, slow },
    { "GET", "/fail", 0, KF_ROUTE_PUBLIC, fail },
    { 0 }
};

KF_PLUGIN_EXPORT const kf_plugin kefu_plugin = {
    .magic = KF_PLUGIN_MAGIC,
    .abi_version = KF_ABI_VERSION,
    .name = "slow",
    .version = "1.0",
    .title_key = "slow.title",
    .routes = routes,
};
