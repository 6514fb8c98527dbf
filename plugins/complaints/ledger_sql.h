/* ledger_sql.h -- the one query of the complaints-ledger report, shared
 * with the benchmark's bare libxml2 writer (tests/bench/bare_xml.c) so
 * both read the same rows.  Parameters: (dept_path, from, to) five times.
 */
#ifndef CP_LEDGER_SQL_H
#define CP_LEDGER_SQL_H

/* computed text gets the tables' collation, or UNION refuses to mix them */
#define U " COLLATE utf8mb4_unicode_ci"
#define TS(x) "CAST(DATE_FORMAT(" x ", '%Y-%m-%dT%H:%i:%sZ') AS CHAR CHARACTER SET utf8mb4)" U
#define IN_SCOPE " c.dept_path LIKE CONCAT(?, '%') AND c.received_at >= ? " \
                 "AND c.received_at < ? + INTERVAL 1 DAY "
#define PAD5 "NULL, NULL, NULL, NULL, NULL, "
#define PAD20 PAD5 PAD5 PAD5 "NULL, NULL, NULL, NULL, NULL "

/* k, part, seq, v1..v28: part 0 the case, 1 hand-overs, 2 events,
 * 3 replies, 4 compensations */
static const char ledger_sql[] __attribute__((unused)) =
    "SELECT c.id AS k, 0 AS part, 0 AS seq, c.reference, c.severity, c.cause, c.channel, "
    "c.behaviour, c.purpose, CASE WHEN c.reasonable IS NULL THEN NULL WHEN c.reasonable = 1 "
    "THEN 'true' ELSE 'false' END, c.step, d.code, cu.customer_no, cu.name, "
    TS("c.received_at") ", " TS("c.first_contact_due") ", " TS("c.resolution_due") ", "
    TS("c.first_contact_at") ", " TS("c.closed_at") ", f.login, f.display_name, o.login, "
    "o.display_name, c.description, c.customer_request, c.root_cause, c.improvement, "
    "CAST(c.satisfaction AS CHAR CHARACTER SET utf8mb4)" U ", IF(c.abnormal, 'true', 'false'), c.abnormal_signs, "
    "CAST(c.reply_count AS CHAR CHARACTER SET utf8mb4)" U " "
    "FROM complaints c JOIN departments d ON d.id = c.dept_id "
    "JOIN customers cu ON cu.id = c.customer_id JOIN users f ON f.id = c.first_responder_id "
    "JOIN users o ON o.id = c.owner_id WHERE" IN_SCOPE
    "UNION ALL SELECT c.id, 1, e.id, " TS("e.at") ", u.login, t.login, t.display_name, e.note, "
    "NULL, NULL, NULL, " PAD20
    "FROM complaints c JOIN complaint_events e ON e.complaint_id = c.id "
    "JOIN users u ON u.id = e.user_id LEFT JOIN users t ON t.id = e.target_user_id "
    "WHERE e.kind = 'handover' AND" IN_SCOPE
    "UNION ALL SELECT c.id, 2, e.id, " TS("e.at") ", u.login, u.display_name, e.kind, "
    "e.from_step, e.to_step, t.login, e.note, " PAD20
    "FROM complaints c JOIN complaint_events e ON e.complaint_id = c.id "
    "JOIN users u ON u.id = e.user_id LEFT JOIN users t ON t.id = e.target_user_id "
    "WHERE" IN_SCOPE
    "UNION ALL SELECT c.id, 3, r.id, " TS("r.at") ", u.login, u.display_name, r.channel, "
    "r.text, NULL, NULL, NULL, " PAD20
    "FROM complaints c JOIN complaint_replies r ON r.complaint_id = c.id "
    "JOIN users u ON u.id = r.user_id WHERE" IN_SCOPE
    "UNION ALL SELECT c.id, 4, p.id, p.remedy, CAST(p.amount AS CHAR CHARACTER SET utf8mb4)" U ", p.status, p.basis, "
    "pu.login, " TS("p.proposed_at") ", au.login, " TS("p.approved_at") ", " PAD20
    "FROM complaints c JOIN complaint_compensations p ON p.complaint_id = c.id "
    "JOIN users pu ON pu.id = p.proposed_by LEFT JOIN users au ON au.id = p.approved_by "
    "WHERE" IN_SCOPE
    "ORDER BY k, part, seq";

#endif
