/* hello.c -- the smallest Kefu plugin: one page and a dashboard panel.
 * Copy this folder to plugins/<name>/, rename, and add it to Makefile.am. */
#include "kefu.h"

static int hello_index(kf_req *req)
{
    const kf_user *u = kf_req_user(req);
    kf_set(kf_req_hdf(req), "Hello.who", u->name);
    kf_set(kf_req_hdf(req), "Hello.echo", kf_req_field(req, "say"));
    return kf_render(req, "hello/index.cs", "hello.title");
}

static int hello_panel(kf_req *req)
{
    kf_set(kf_req_hdf(req), "Hello.panel", "1");
    return KF_DONE;
}

static const kf_route hello_routes[] = {
    { "GET", "/", KF_ROLES_ALL, 0, hello_index },
    { 0 }
};

KF_PLUGIN_EXPORT const kf_plugin kefu_plugin = {
    .magic = KF_PLUGIN_MAGIC,
    .abi_version = KF_ABI_VERSION,
    .name = "hello",
    .version = "1.0",
    .title_key = "hello.title",
    .routes = hello_routes,
    .panel_template = "hello/panel.cs",
    .panel = hello_panel,
};
