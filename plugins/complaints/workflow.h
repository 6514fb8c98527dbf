/* workflow.h -- the complaint state machine and the rules around it.
 *
 * Pure C: no database, no ClearSilver, no kefu.h, so the unit tests link
 * workflow.c directly.  The handlers gather the facts about a case (its
 * step, replies, review texts, abnormal flag, pending compensation) and
 * the actor into a cp_move, and ask cp_check whether the move is legal.
 */
#ifndef KF_COMPLAINTS_WORKFLOW_H
#define KF_COMPLAINTS_WORKFLOW_H

#include <stdbool.h>
#include <stdint.h>

/* The eight steps of 客户投诉处理流程, in order. */
enum cp_step {
    CP_RECEIVED = 0,        /* 专人接待 */
    CP_RECORDED,            /* 做好投诉记录 */
    CP_CAUSE_ANALYSED,      /* 分析投诉原因 */
    CP_DEPT_DECIDED,        /* 确定投诉处理部门 */
    CP_SOLUTION_PROPOSED,   /* 提出处理方案 */
    CP_CARRIED_OUT,         /* 实施处理方案 */
    CP_FEEDBACK_COLLECTED,  /* 收集客户反馈 */
    CP_CLOSED,              /* 总结改进, closed */
    CP_NSTEPS
};

/* What cp_check answers; also the language key suffix of the refusal. */
enum cp_verdict {
    CP_OK = 0,
    CP_ILLEGAL,          /* not a legal transition from this step */
    CP_NEED_REPLY,       /* closing: no reply to the customer recorded */
    CP_NEED_REVIEW,      /* closing: root cause and improvement required */
    CP_NEED_MANAGER,     /* only a manager may do this (abnormal close, reopen) */
    CP_NEED_SATISFACTION,/* feedback: satisfaction 1..5 required */
    CP_NEED_REASON,      /* reopen: reason required */
    CP_PENDING_APPROVAL, /* carrying out while compensation awaits approval */
};

typedef struct cp_move {
    enum cp_step from;
    enum cp_step to;
    bool manager;          /* the actor is a manager */
    bool abnormal;         /* the case is flagged abnormal */
    int replies;           /* replies recorded so far */
    bool root_cause;       /* a root cause text is given (closing) */
    bool improvement;      /* an improvement text is given (closing) */
    int satisfaction;      /* 1..5 given with the feedback step, else 0 */
    bool reason;           /* a reason is given (reopen) */
    int pending_comp;      /* compensations awaiting approval */
} cp_move;

const char *cp_step_name(enum cp_step s);
/* the step called name, or -1 */
int cp_step_parse(const char *name);
/* the next step in the process, or -1 after closed */
int cp_step_next(enum cp_step s);
/* true when from -> to is one of the graph's edges (forward by one, or reopen) */
bool cp_edge(enum cp_step from, enum cp_step to);
/* the full check of a move with its preconditions */
enum cp_verdict cp_check(const cp_move *m);
const char *cp_verdict_name(enum cp_verdict v);

/* whether a case in step s still accepts replies, hand-overs,
 * compensation and the abnormal flag */
bool cp_open(enum cp_step s);

/* Compensation: whether a proposal needs a manager's approval.
 * amount_cents and limit_cents in the smallest currency unit. */
bool cp_comp_needs_approval(int64_t amount_cents, int64_t limit_cents, bool abnormal);
/* whether approver may approve: a manager other than the proposer */
bool cp_comp_may_approve(bool approver_is_manager, int64_t approver_id, int64_t proposer_id);

/* Enumerations of the classification, NULL-terminated. */
extern const char *const cp_severities[];
extern const char *const cp_causes[];
extern const char *const cp_channels[];
extern const char *const cp_behaviours[];
extern const char *const cp_purposes[];
extern const char *const cp_remedies[];
extern const char *const cp_abnormal_signs[];
/* whether s is one of list */
bool cp_in(const char *const *list, const char *s);
/* parses "123.45" into cents (0..max_cents); false when invalid */
bool cp_parse_amount(const char *s, int64_t max_cents, int64_t *cents);

#endif
