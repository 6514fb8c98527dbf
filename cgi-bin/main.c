/* main.c -- kefu.fcgi: FastCGI server, or a single plain-CGI request.
 *
 *   kefu.fcgi [-c config.hdf]      serve (master + workers)
 *   kefu.fcgi -t [-c config.hdf]   check the configuration and exit
 *
 * Started by a web server's CGI interface (GATEWAY_INTERFACE set and no
 * FastCGI socket on stdin) it serves the one request and exits; started
 * with a FastCGI listening socket on stdin (spawn-fcgi, mod_fcgid) it
 * serves on that; otherwise it listens where the config says.
 */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kf_core.h"

int kf_master_run(int fd);
int kf_open_listener(void);
int kf_cgi_run(void);

static void usage(void)
{
    fprintf(stderr, "usage: kefu.fcgi [-t] [-c config.hdf]\n");
}

int main(int argc, char **argv)
{
    const char *path = kf_config_default_path();
    char err[1024];
    int check_only = 0, opt, fd, rc;

    while ((opt = getopt(argc, argv, "c:th")) != -1) {
        switch (opt) {
        case 'c': path = optarg; break;
        case 't': check_only = 1; break;
        default: usage(); return 2;
        }
    }
    kf_cfg = kf_config_load(path, err, sizeof err);
    if (kf_cfg == NULL) {
        fprintf(stderr, "kefu.fcgi: configuration error: %s\n", err);
        return 1;
    }
    if (check_only) {
        printf("kefu.fcgi: %s is valid\n", path);
        kf_config_free(kf_cfg);
        return 0;
    }
    if (mysql_library_init(0, NULL, NULL) != 0) {
        fprintf(stderr, "kefu.fcgi: cannot initialise the MariaDB client library\n");
        return 1;
    }
    if (getenv("GATEWAY_INTERFACE") && FCGX_IsCGI()) {
        rc = kf_cgi_run();
    } else {
        fd = FCGX_IsCGI() ? kf_open_listener() : 0;
        rc = fd < 0 ? 1 : kf_master_run(fd);
    }
    mysql_library_end();
    kf_config_free(kf_cfg);
    return rc;
}
