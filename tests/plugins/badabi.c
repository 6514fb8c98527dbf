/* A plugin built against another ABI version: the loader must refuse it
 * without running any of its code. */
#include <stdlib.h>
#include "kefu.h"

static int never(kf_req *req) { (void)req; abort(); }
static const kf_route routes[] = { { "GET", "/", KF_ROLES_ALL, 0, never }, { 0 } };

KF_PLUGIN_EXPORT const kf_plugin kefu_plugin = {
    .magic = KF_PLUGIN_MAGIC,
    .abi_version = KF_ABI_VERSION + 1,
    .name = "badabi",
    .version = "1.0",
    .title_key = "badabi.title",
    .routes = routes,
};
