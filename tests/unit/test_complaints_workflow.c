/* test_complaints_workflow.c -- the complaints state machine and due
 * times (plugins/complaints/workflow.c, deadline.c, linked directly). */
#include "config.h"
#include <string.h>
#include "check.h"
#include "../../plugins/complaints/workflow.h"
#include "../../plugins/complaints/deadline.h"

/* a move with every precondition met, by a manager */
static cp_move full(enum cp_step from, enum cp_step to)
{
    cp_move m = { .from = from, .to = to, .manager = true, .replies = 1, .root_cause = true,
                  .improvement = true, .satisfaction = 4, .reason = true };
    return m;
}

START_TEST(names_round_trip)
{
    for (int s = 0; s < CP_NSTEPS; s++)
        ck_assert_int_eq(cp_step_parse(cp_step_name((enum cp_step)s)), s);
    ck_assert_int_eq(cp_step_parse("nonsense"), -1);
    ck_assert_int_eq(cp_step_parse(NULL), -1);
    ck_assert_str_eq(cp_step_name(CP_RECEIVED), "received");
    ck_assert_str_eq(cp_step_name(CP_CLOSED), "closed");
    ck_assert_int_eq(cp_step_next(CP_FEEDBACK_COLLECTED), CP_CLOSED);
    ck_assert_int_eq(cp_step_next(CP_CLOSED), -1);
}
END_TEST

START_TEST(every_legal_transition_accepted)
{
    for (int s = 0; s < CP_CLOSED; s++) {
        cp_move m = full((enum cp_step)s, (enum cp_step)(s + 1));
        ck_assert_msg(cp_edge(m.from, m.to), "edge %d->%d", s, s + 1);
        ck_assert_int_eq(cp_check(&m), CP_OK);
        m.manager = false;
        ck_assert_int_eq(cp_check(&m), CP_OK);  /* employee too (case not abnormal) */
    }
    cp_move r = full(CP_CLOSED, CP_RECORDED);
    ck_assert_int_eq(cp_check(&r), CP_OK);
}
END_TEST

START_TEST(every_illegal_transition_refused)
{
    int legal = 0;
    for (int f = 0; f < CP_NSTEPS; f++) {
        for (int t = 0; t < CP_NSTEPS; t++) {
            bool is_legal = (f < CP_CLOSED && t == f + 1) || (f == CP_CLOSED && t == CP_RECORDED);
            cp_move m = full((enum cp_step)f, (enum cp_step)t);
            ck_assert_int_eq(cp_edge(m.from, m.to), is_legal);
            if (is_legal) {
                legal++;
                continue;
            }
            ck_assert_msg(cp_check(&m) == CP_ILLEGAL, "%d->%d accepted", f, t);
        }
    }
    ck_assert_int_eq(legal, 8);
    cp_move out = full((enum cp_step)CP_NSTEPS, CP_RECEIVED);
    ck_assert_int_eq(cp_check(&out), CP_ILLEGAL);
    out = full(CP_RECEIVED, (enum cp_step)-1);
    ck_assert_int_eq(cp_check(&out), CP_ILLEGAL);
}
END_TEST

START_TEST(closing_preconditions)
{
    cp_move m = full(CP_FEEDBACK_COLLECTED, CP_CLOSED);
    m.manager = false;
    m.replies = 0;
    ck_assert_int_eq(cp_check(&m), CP_NEED_REPLY);
    m.replies = 2;
    m.root_cause = false;
    ck_assert_int_eq(cp_check(&m), CP_NEED_REVIEW);
    m.root_cause = true;
    m.improvement = false;
    ck_assert_int_eq(cp_check(&m), CP_NEED_REVIEW);
    m.improvement = true;
    ck_assert_int_eq(cp_check(&m), CP_OK);
    m.abnormal = true;
    ck_assert_int_eq(cp_check(&m), CP_NEED_MANAGER);
    m.manager = true;
    ck_assert_int_eq(cp_check(&m), CP_OK);
}
END_TEST

START_TEST(feedback_and_carry_out)
{
    cp_move m = full(CP_CARRIED_OUT, CP_FEEDBACK_COLLECTED);
    m.satisfaction = 0;
    ck_assert_int_eq(cp_check(&m), CP_NEED_SATISFACTION);
    m.satisfaction = 6;
    ck_assert_int_eq(cp_check(&m), CP_NEED_SATISFACTION);
    m.satisfaction = 1;
    ck_assert_int_eq(cp_check(&m), CP_OK);
    m.satisfaction = 5;
    ck_assert_int_eq(cp_check(&m), CP_OK);
    m = full(CP_SOLUTION_PROPOSED, CP_CARRIED_OUT);
    m.pending_comp = 1;
    ck_assert_int_eq(cp_check(&m), CP_PENDING_APPROVAL);
}
END_TEST

START_TEST(reopen_rules)
{
    cp_move m = full(CP_CLOSED, CP_RECORDED);
    m.manager = false;
    ck_assert_int_eq(cp_check(&m), CP_NEED_MANAGER);
    m.manager = true;
    m.reason = false;
    ck_assert_int_eq(cp_check(&m), CP_NEED_REASON);
    m = full(CP_CLOSED, CP_RECEIVED);
    ck_assert_int_eq(cp_check(&m), CP_ILLEGAL);
    ck_assert(!cp_open(CP_CLOSED));
    ck_assert(cp_open(CP_RECEIVED));
}
END_TEST

START_TEST(compensation_rules)
{
    ck_assert(!cp_comp_needs_approval(50000, 50000, false));
    ck_assert(cp_comp_needs_approval(50001, 50000, false));
    ck_assert(cp_comp_needs_approval(100, 50000, true));
    ck_assert(cp_comp_may_approve(true, 3, 4));
    ck_assert(!cp_comp_may_approve(true, 3, 3));
    ck_assert(!cp_comp_may_approve(false, 3, 4));
    int64_t c;
    ck_assert(cp_parse_amount("500", 100000000, &c) && c == 50000);
    ck_assert(cp_parse_amount("12.5", 100000000, &c) && c == 1250);
    ck_assert(cp_parse_amount("0.05", 100000000, &c) && c == 5);
    ck_assert(!cp_parse_amount("1.234", 100000000, &c));
    ck_assert(!cp_parse_amount("-1", 100000000, &c));
    ck_assert(!cp_parse_amount("", 100000000, &c));
    ck_assert(!cp_parse_amount("1e3", 100000000, &c));
    ck_assert(!cp_parse_amount(".5", 100000000, &c));
    ck_assert(!cp_parse_amount("2000000", 100000000, &c));
    ck_assert(cp_in(cp_remedies, "voucher"));
    ck_assert(!cp_in(cp_remedies, "cash"));
    ck_assert(!cp_in(cp_severities, NULL));
}
END_TEST

START_TEST(due_times)
{
    ck_assert_int_eq(cp_due_hours("general", CP_DUE_FIRST_CONTACT, NULL), 24);
    ck_assert_int_eq(cp_due_hours("general", CP_DUE_RESOLUTION, NULL), 120);
    ck_assert_int_eq(cp_due_hours("serious", CP_DUE_FIRST_CONTACT, NULL), 2);
    ck_assert_int_eq(cp_due_hours("serious", CP_DUE_RESOLUTION, NULL), 48);
    ck_assert_int_eq(cp_due_hours("serious", CP_DUE_RESOLUTION, "36"), 36);
    ck_assert_int_eq(cp_due_hours("serious", CP_DUE_RESOLUTION, "x"), 48);
    ck_assert_int_eq(cp_due_hours("serious", CP_DUE_RESOLUTION, "0"), 48);
    ck_assert_int_eq(cp_due_hours("bogus", CP_DUE_RESOLUTION, "5"), -1);
    ck_assert(cp_due_at(1000, 2) == 1000 + 7200);
    ck_assert(cp_overdue(10, 5, false));
    ck_assert(!cp_overdue(10, 5, true));
    ck_assert(!cp_overdue(5, 10, false));
}
END_TEST

Suite *complaints_workflow_suite(void)
{
    Suite *s = suite_create("complaints_workflow");
    TCase *tc = tcase_create("workflow");
    tcase_add_test(tc, names_round_trip);
    tcase_add_test(tc, every_legal_transition_accepted);
    tcase_add_test(tc, every_illegal_transition_refused);
    tcase_add_test(tc, closing_preconditions);
    tcase_add_test(tc, feedback_and_carry_out);
    tcase_add_test(tc, reopen_rules);
    tcase_add_test(tc, compensation_rules);
    tcase_add_test(tc, due_times);
    suite_add_tcase(s, tc);
    return s;
}
