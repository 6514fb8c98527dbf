/* session_cache.c -- a worker's short memory of the sessions it served.
 *
 * Every page needs the session, its user and the plugin settings of the
 * user's department.  Asking MariaDB for them costs one round trip per
 * page, which on a small machine is as much as rendering the page.  A
 * worker therefore keeps what it fetched for a session for at most
 * Session.CacheSeconds (default 2; 0 turns the cache off).
 *
 * Staleness is bounded two ways:
 *   - a shared generation counter, in a page the master maps before it
 *     forks, so every worker sees it.  Any POST the core handles (admin
 *     pages, profile, login, logout: the forms that change users,
 *     departments, sessions or plugin settings) increments it, and every
 *     entry fetched under an older generation is ignored.  Changes made
 *     through the portal are therefore seen by the next request.
 *   - the time limit: changes from outside the portal (kefuctl, SQL)
 *     are seen within Session.CacheSeconds.
 * Plain CGI mode has no master and no cache.
 */
#include "config.h"
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include "kf_core.h"

#define CACHE_SLOTS 64

typedef struct cache_entry {
    char sid[65];             /* empty: a free slot */
    uint64_t generation;
    double fetched;           /* CLOCK_MONOTONIC seconds */
    kf_user user;
    char csrf[65];
    char lang[16];
    bool enabled_known;
    bool enabled[KF_MAX_PLUGINS];
} cache_entry;

static _Atomic uint64_t *shared_generation;  /* NULL: the cache is off */
static cache_entry slots[CACHE_SLOTS];

static double now_mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A session id is 64 random hex digits: its first ones pick the slot. */
static cache_entry *slot_for(const char *sid)
{
    char head[3] = { sid[0], sid[1], '\0' };
    return &slots[strtoul(head, NULL, 16) % CACHE_SLOTS];
}

int kf_session_cache_init(void)
{
    void *p;

    if (kf_cfg->session_cache_s == 0 || shared_generation != NULL)
        return 0;
    p = mmap(NULL, sizeof *shared_generation, PROT_READ | PROT_WRITE,
             MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return -1;
    shared_generation = p;
    atomic_init(shared_generation, 1);
    return 0;
}

void kf_session_cache_invalidate(void)
{
    if (shared_generation)
        atomic_fetch_add(shared_generation, 1);
}

bool kf_session_cache_get(const char *sid, kf_req *req)
{
    cache_entry *e;

    if (shared_generation == NULL || kf_cfg->session_cache_s == 0)
        return false;
    e = slot_for(sid);
    if (strcmp(e->sid, sid) != 0 || e->generation != atomic_load(shared_generation) ||
        now_mono() - e->fetched >= kf_cfg->session_cache_s)
        return false;
    req->user = e->user;
    snprintf(req->csrf, sizeof req->csrf, "%s", e->csrf);
    snprintf(req->lang, sizeof req->lang, "%s", e->lang);
    snprintf(req->scope, sizeof req->scope, "%s", e->user.dept_path);
    req->logged_in = e->user.role != 0;
    req->enabled_known = e->enabled_known;
    memcpy(req->enabled, e->enabled, sizeof req->enabled);
    return true;
}

/* generation: the counter as read before the database was asked, so a
 * change made while the query ran is not hidden by the result. */
void kf_session_cache_put(const char *sid, const kf_req *req, uint64_t generation)
{
    cache_entry *e;

    if (shared_generation == NULL || !req->logged_in)
        return;
    e = slot_for(sid);
    snprintf(e->sid, sizeof e->sid, "%s", sid);
    e->generation = generation;
    e->fetched = now_mono();
    e->user = req->user;
    snprintf(e->csrf, sizeof e->csrf, "%s", req->csrf);
    snprintf(e->lang, sizeof e->lang, "%s", req->lang);
    e->enabled_known = req->enabled_known;
    memcpy(e->enabled, req->enabled, sizeof e->enabled);
}

uint64_t kf_session_cache_generation(void)
{
    return shared_generation ? atomic_load(shared_generation) : 0;
}
