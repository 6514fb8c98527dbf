/* master.c -- the master process: listen, pre-fork, respawn, reload, drain.
 *
 * The master opens the FastCGI socket once and forks Workers children
 * that all accept on it (Linux needs no accept lock).  It does no request
 * work itself.  Signals are blocked and taken synchronously with
 * sigtimedwait, so there is no handler state to race with:
 *   SIGCHLD  a worker ended: start another in its slot; one that died
 *            soon after starting waits a back-off (doubling to 30 s), so
 *            a crash loop does not spin;
 *   SIGHUP   re-read the config; on success start a new generation of
 *            workers and tell the old ones to finish and leave;
 *   SIGTERM  tell every worker to finish its request and leave; after 30 s
 *            the rest are killed.
 */
#include "config.h"
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "kf_core.h"

int kf_worker_run(int listen_fd, int worker_id);

#define MAX_SLOTS 256

struct slot {
    pid_t pid;
    time_t started;
    time_t not_before;   /* back-off: do not start before this time */
    int backoff;
};

static struct slot slots[MAX_SLOTS];
static pid_t retiring[MAX_SLOTS * 2];
static int nretiring;

static pid_t spawn(int fd, int id, const sigset_t *blocked)
{
    pid_t pid = fork();
    if (pid == 0) {
        sigprocmask(SIG_UNBLOCK, blocked, NULL);
        _exit(kf_worker_run(fd, id));
    }
    if (pid < 0)
        kf_log("error: fork failed: %s", strerror(errno));
    return pid;
}

static void start_due(int fd, const sigset_t *blocked)
{
    time_t now = time(NULL);
    for (int i = 0; i < kf_cfg->workers; i++) {
        if (slots[i].pid > 0 || slots[i].not_before > now)
            continue;
        slots[i].pid = spawn(fd, i, blocked);
        slots[i].started = now;
    }
}

/* Notes a dead child; schedules its slot with a back-off when it died young. */
static void reap(void)
{
    int status;
    pid_t pid;

    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        bool found = false;
        for (int i = 0; i < nretiring; i++)
            if (retiring[i] == pid) {
                retiring[i] = retiring[--nretiring];
                found = true;
                break;
            }
        if (found)
            continue;
        for (int i = 0; i < MAX_SLOTS; i++) {
            struct slot *s = &slots[i];
            if (s->pid != pid)
                continue;
            s->pid = 0;
            if (WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) != 0)) {
                kf_log("worker %d (pid %ld) died (%s %d); restarting", i, (long)pid,
                       WIFSIGNALED(status) ? "signal" : "exit",
                       WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
                if (time(NULL) - s->started < 2) {
                    s->backoff = s->backoff ? (s->backoff * 2 > 30 ? 30 : s->backoff * 2) : 1;
                    s->not_before = time(NULL) + s->backoff;
                } else {
                    s->backoff = 0;
                }
            }
        }
    }
}

static void retire_all(int sig)
{
    for (int i = 0; i < MAX_SLOTS; i++) {
        if (slots[i].pid <= 0)
            continue;
        kill(slots[i].pid, sig);
        if (nretiring < MAX_SLOTS * 2)
            retiring[nretiring++] = slots[i].pid;
        slots[i].pid = 0;
        slots[i].not_before = 0;
        slots[i].backoff = 0;
    }
}

static void reload(void)
{
    char err[1024];
    kf_config *n = kf_config_load(kf_cfg->file, err, sizeof err);

    if (n == NULL) {
        kf_log("reload refused, keeping the running configuration: %s", err);
        return;
    }
    if (strcmp(n->listen, kf_cfg->listen) != 0)
        kf_log("warning: Listen changed; it takes effect at the next restart");
    retire_all(SIGTERM);
    kf_config_free(kf_cfg);
    kf_cfg = n;
    /* the new workers start with empty caches; a cache switched on by
     * the new file needs its shared counter */
    if (kf_session_cache_init() != 0)
        kf_log("warning: no shared memory for the session cache; it stays off");
    kf_log("configuration reloaded; workers replaced");
}

static void drain(void)
{
    time_t deadline = time(NULL) + 30;

    retire_all(SIGTERM);
    while (nretiring > 0 && time(NULL) < deadline) {
        reap();
        if (nretiring > 0)
            usleep(50 * 1000);
    }
    for (int i = 0; i < nretiring; i++)
        kill(retiring[i], SIGKILL);
    while (waitpid(-1, NULL, 0) > 0)
        ;
}

int kf_open_listener(void)
{
    const char *addr = kf_cfg->listen;
    int fd;

    if (strncmp(addr, "unix:", 5) == 0) {
        addr += 5;
        unlink(addr);   /* a stale socket from a crashed run */
    }
    fd = FCGX_OpenSocket(addr, 128);
    if (fd < 0) {
        kf_log("error: cannot listen on %s", kf_cfg->listen);
        return -1;
    }
    if (strncmp(kf_cfg->listen, "unix:", 5) == 0) {
        long mode = strtol(hdf_get_value(kf_cfg->hdf, "ListenMode", "0660"), NULL, 8);
        chmod(addr, (mode_t)(mode & 0777));
    }
    return fd;
}

int kf_master_run(int fd)
{
    sigset_t set;
    struct timespec tick = { 1, 0 };

    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigprocmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (kf_session_cache_init() != 0)
        kf_log("warning: no shared memory for the session cache; it stays off");
    kf_log("master %ld listening on %s with %d workers", (long)getpid(), kf_cfg->listen,
           kf_cfg->workers);
    for (;;) {
        int sig;
        start_due(fd, &set);
        sig = sigtimedwait(&set, NULL, &tick);
        if (sig == SIGCHLD || sig < 0) {
            reap();
        } else if (sig == SIGHUP) {
            reload();
        } else if (sig == SIGTERM || sig == SIGINT) {
            kf_log("master draining");
            drain();
            if (strncmp(kf_cfg->listen, "unix:", 5) == 0)
                unlink(kf_cfg->listen + 5);
            kf_log("master stopped");
            return 0;
        }
    }
}
