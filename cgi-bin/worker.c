/* worker.c -- a worker process: one request at a time.
 *
 * Forked by the master after the listening socket is open.  It opens its
 * own database connection (never shared across fork), loads the language
 * files and plugins, runs each plugin's init, then accepts in an
 * FCGX_Accept_r loop.  SIGTERM and SIGHUP are blocked while a request is
 * served, so a request in flight always finishes; delivered while idle
 * they interrupt accept (our handler has no SA_RESTART and calls
 * FCGX_ShutdownPending) and the worker leaves the loop.  After
 * MaxRequests requests it retires and the master starts a fresh one.
 */
#include "config.h"
#include <malloc.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kf_core.h"

static volatile sig_atomic_t stopping;

static void on_stop(int sig)
{
    (void)sig;
    stopping = 1;
    FCGX_ShutdownPending();
}

static void worker_signals(sigset_t *serving)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;  /* no SA_RESTART: accept must return */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGCHLD, SIG_DFL);
    sigemptyset(serving);
    sigaddset(serving, SIGTERM);
    sigaddset(serving, SIGHUP);
    sigaddset(serving, SIGINT);
    sigprocmask(SIG_UNBLOCK, serving, NULL);
}

/* Loads languages and plugins and runs plugin init; 0 ok. */
int kf_worker_setup(void)
{
    if (kf_lang_load(kf_cfg->lang_dir) != 0)
        return -1;
    if (kf_plugins_load(kf_cfg->plugin_dir) != 0)
        return -1;
    for (size_t i = 0; i < kf_plugins_count(); i++) {
        const kf_plugin *p = kf_plugins_get(i)->desc;
        if (p->init && p->init() != 0)
            kf_log("warning: plugin %s init failed", p->name);
    }
    return 0;
}

void kf_worker_teardown(void)
{
    for (size_t i = 0; i < kf_plugins_count(); i++) {
        const kf_plugin *p = kf_plugins_get(i)->desc;
        if (p->fini)
            p->fini();
    }
    kf_plugins_unload();
    kf_lang_free();
}

int kf_worker_run(int listen_fd, int worker_id)
{
    FCGX_Request r;
    sigset_t serving;
    kf_db *db;
    long served = 0;

    worker_signals(&serving);
    /* libfcgi mallocs its stream buffers for every request; with glibc's
     * fastbins on, that large request first consolidates the thousands of
     * small chunks the last page's HDF freed -- a tenth of a list page.
     * Without fastbins the per-thread cache still serves small sizes.
     * (Linked with jemalloc, as configure prefers, this sets the unused
     * glibc allocator and changes nothing.) */
    mallopt(M_MXFAST, 0);
    if (kf_worker_setup() != 0)
        return 1;
    db = kf_db_open(kf_cfg, 0);
    if (db == NULL)
        return 1;
    if (kf_db_down(db))
        kf_log("warning: worker %d: database not reachable yet: %s", worker_id, kf_db_error(db));
    FCGX_Init();
    FCGX_InitRequest(&r, listen_fd, 0);
    while (!stopping && (kf_cfg->max_requests == 0 || served < kf_cfg->max_requests)) {
        kf_io io;
        if (FCGX_Accept_r(&r) < 0)
            break;
        sigprocmask(SIG_BLOCK, &serving, NULL);
        io = (kf_io){ r.in, r.out, r.err, r.envp };
        kf_serve(&io, db, worker_id);
        FCGX_Finish_r(&r);
        served++;
        sigprocmask(SIG_UNBLOCK, &serving, NULL);
    }
    if (!stopping)
        kf_log("worker %d retiring after %ld requests", worker_id, served);
    FCGX_Free(&r, 1);
    kf_db_close(db);
    kf_worker_teardown();
    return 0;
}

/* Plain CGI: one request on stdin/stdout, then exit. */
int kf_cgi_run(void)
{
    kf_io io = { NULL, NULL, NULL, NULL };
    kf_db *db;

    if (kf_worker_setup() != 0)
        return 1;
    db = kf_db_open(kf_cfg, 0);
    if (db == NULL)
        return 1;
    kf_serve(&io, db, 0);
    fflush(stdout);
    kf_db_close(db);
    kf_worker_teardown();
    return 0;
}
