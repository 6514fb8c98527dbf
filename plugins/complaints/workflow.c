/* workflow.c -- the complaint state machine (see workflow.h).
 *
 * The graph: each step leads only to the next one
 *   received -> recorded -> cause_analysed -> dept_decided ->
 *   solution_proposed -> carried_out -> feedback_collected -> closed
 * plus one edge back, closed -> recorded (reopen), which only a manager
 * may take and only with a reason.  Preconditions on edges:
 *   solution_proposed -> carried_out: no compensation awaiting approval
 *   carried_out -> feedback_collected: satisfaction 1..5
 *   feedback_collected -> closed: at least one reply (百分百回复), root
 *     cause and improvement (总结改进); an abnormal case only by a manager.
 * No database or ClearSilver here: tests/unit links this file directly.
 */
#include <stdlib.h>
#include <string.h>
#include "workflow.h"

static const char *const step_names[CP_NSTEPS] = {
    "received", "recorded", "cause_analysed", "dept_decided",
    "solution_proposed", "carried_out", "feedback_collected", "closed",
};

const char *const cp_severities[] = { "general", "serious", NULL };
const char *const cp_causes[] = { "product_quality", "service", "price", "integrity",
                                  "returns", "information", NULL };
const char *const cp_channels[] = { "phone", "email", "onsite", "other", NULL };
const char *const cp_behaviours[] = { "grumbling", "publicity", "venting", "extreme", NULL };
const char *const cp_purposes[] = { "suggestion", "criticism", "accusation", NULL };
const char *const cp_remedies[] = { "repair", "replacement", "refund", "discount", "voucher",
                                    "gift", "apology", NULL };
const char *const cp_abnormal_signs[] = { "excessive_claim", "fraud", "escalating_pressure",
                                          "private_settlement", "refuses_evidence",
                                          "public_moment", "special_person", NULL };

const char *cp_step_name(enum cp_step s)
{
    return (unsigned)s < CP_NSTEPS ? step_names[s] : "";
}

int cp_step_parse(const char *name)
{
    for (int i = 0; name && i < CP_NSTEPS; i++)
        if (strcmp(name, step_names[i]) == 0)
            return i;
    return -1;
}

int cp_step_next(enum cp_step s)
{
    return (unsigned)s < CP_CLOSED ? (int)s + 1 : -1;
}

bool cp_edge(enum cp_step from, enum cp_step to)
{
    if ((unsigned)from >= CP_NSTEPS || (unsigned)to >= CP_NSTEPS)
        return false;
    if (from == CP_CLOSED)
        return to == CP_RECORDED;
    return (int)to == (int)from + 1;
}

bool cp_open(enum cp_step s)
{
    return (unsigned)s < CP_CLOSED;
}

enum cp_verdict cp_check(const cp_move *m)
{
    if (!cp_edge(m->from, m->to))
        return CP_ILLEGAL;
    if (m->from == CP_CLOSED) {
        if (!m->manager)
            return CP_NEED_MANAGER;
        return m->reason ? CP_OK : CP_NEED_REASON;
    }
    switch (m->to) {
    case CP_CARRIED_OUT:
        return m->pending_comp > 0 ? CP_PENDING_APPROVAL : CP_OK;
    case CP_FEEDBACK_COLLECTED:
        return m->satisfaction >= 1 && m->satisfaction <= 5 ? CP_OK : CP_NEED_SATISFACTION;
    case CP_CLOSED:
        if (m->abnormal && !m->manager)
            return CP_NEED_MANAGER;
        if (m->replies < 1)
            return CP_NEED_REPLY;
        if (!m->root_cause || !m->improvement)
            return CP_NEED_REVIEW;
        return CP_OK;
    default:
        return CP_OK;
    }
}

const char *cp_verdict_name(enum cp_verdict v)
{
    switch (v) {
    case CP_OK: return "ok";
    case CP_ILLEGAL: return "illegal";
    case CP_NEED_REPLY: return "need_reply";
    case CP_NEED_REVIEW: return "need_review";
    case CP_NEED_MANAGER: return "need_manager";
    case CP_NEED_SATISFACTION: return "need_satisfaction";
    case CP_NEED_REASON: return "need_reason";
    case CP_PENDING_APPROVAL: return "pending_approval";
    }
    return "illegal";
}

bool cp_comp_needs_approval(int64_t amount_cents, int64_t limit_cents, bool abnormal)
{
    return abnormal || amount_cents > limit_cents;
}

bool cp_comp_may_approve(bool approver_is_manager, int64_t approver_id, int64_t proposer_id)
{
    return approver_is_manager && approver_id != proposer_id;
}

bool cp_in(const char *const *list, const char *s)
{
    for (; s && *list; list++)
        if (strcmp(*list, s) == 0)
            return true;
    return false;
}

bool cp_parse_amount(const char *s, int64_t max_cents, int64_t *cents)
{
    int64_t whole = 0, frac = 0;
    int nd = 0, nf = 0;

    if (s == NULL || *s == '\0')
        return false;
    for (; *s >= '0' && *s <= '9'; s++, nd++) {
        if (nd >= 12)
            return false;
        whole = whole * 10 + (*s - '0');
    }
    if (*s == '.') {
        for (s++; *s >= '0' && *s <= '9'; s++, nf++) {
            if (nf >= 2)
                return false;
            frac = frac * 10 + (*s - '0');
        }
        if (nf == 0)
            return false;
        if (nf == 1)
            frac *= 10;
    }
    if (*s != '\0' || nd == 0)
        return false;
    *cents = whole * 100 + frac;
    return *cents <= max_cents;
}
