-- Demo complaints for ./dev.sh up and the tests; never loaded by an install.
-- 300 cases over the last 60 days across BR01, BR01-A and BR02 in every
-- step: some overdue, some abnormal, some with compensation awaiting a
-- manager's approval.  References TS-<this year>-000001..000300, and the
-- year's counter set to 300 so new intakes continue the sequence.

-- more customers: 40 generated Chinese names
INSERT INTO customers (customer_no, name, phone, dept_id, purchase_total, created_at)
WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 40)
SELECT CONCAT('C1', LPAD(n, 5, '0')),
       CONCAT(ELT(1 + n % 10, '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'),
              ELT(1 + (n * 7) % 12, '伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇')),
       CONCAT('139', LPAD(n * 7919 % 100000000, 8, '0')),
       ELT(1 + n % 3, 2, 4, 3), ROUND(1000 + n * 873.5, 2), UTC_TIMESTAMP()
FROM s;

INSERT INTO complaints (reference, customer_id, dept_id, dept_path, handling_dept_id, severity, cause,
  channel, behaviour, purpose, reasonable, description, customer_request, step, received_at,
  first_contact_due, resolution_due, first_contact_at, closed_at, first_responder_id, owner_id,
  root_cause, improvement, satisfaction, abnormal, abnormal_signs, reply_count, created_at, updated_at)
WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 300),
g AS (
  SELECT n,
         ELT(1 + n % 3, 2, 4, 3) AS dept_id,
         ELT(1 + n % 3, '/1/2/', '/1/2/4/', '/1/3/') AS dept_path,
         IF(n % 5 = 0, 'serious', 'general') AS severity,
         ELT(1 + n % 8, 'received', 'recorded', 'cause_analysed', 'dept_decided',
             'solution_proposed', 'carried_out', 'feedback_collected', 'closed') AS step,
         n % 8 AS stepno,
         UTC_TIMESTAMP() - INTERVAL IF(n % 8 = 7, n * 283, n * 17) MINUTE AS received_at
  FROM s)
SELECT CONCAT('TS-', YEAR(UTC_TIMESTAMP()), '-', LPAD(g.n, 6, '0')),
       (SELECT c.id FROM customers c
        WHERE c.customer_no = CONCAT('C1', LPAD(3 * ((g.n * 7) % 12) + g.n % 3 + 3, 5, '0'))),
       g.dept_id, g.dept_path,
       IF(g.stepno >= 3, g.dept_id, NULL),
       g.severity,
       ELT(1 + g.n % 6, 'service', 'product_quality', 'price', 'integrity', 'returns', 'information'),
       ELT(1 + g.n % 4, 'phone', 'onsite', 'email', 'other'),
       ELT(1 + g.n % 4, 'grumbling', 'venting', 'publicity', 'extreme'),
       ELT(1 + g.n % 3, 'criticism', 'suggestion', 'accusation'),
       IF(g.stepno = 7, IF(g.n % 23 = 7, 0, 1), NULL),
       ELT(1 + g.n % 6,
           '客户反映柜台办理业务时等候时间过长，工作人员态度冷淡，未作任何解释。',
           '客户购买的理财产品收益与宣传材料不符，认为销售人员夸大宣传。',
           '客户称账户被多收取了年费，要求退还并说明收费依据。',
           '客户称办理业务时承诺的优惠没有兑现，要求兑现承诺。',
           '客户要求退换有质量问题的礼品卡，网点以规定为由拒绝。',
           '网点公告的营业时间与实际不一致，客户白跑一趟，情绪激动。'),
       ELT(1 + g.n % 4, '要求工作人员道歉', '要求退还费用', '要求兑现承诺并给予补偿', '要求书面答复'),
       g.step, g.received_at,
       g.received_at + INTERVAL IF(g.severity = 'serious', 2, 24) HOUR,
       g.received_at + INTERVAL IF(g.severity = 'serious', 48, 120) HOUR,
       IF(g.stepno >= 3 OR g.n % 8 = 2, g.received_at + INTERVAL 90 MINUTE, NULL),
       IF(g.stepno = 7, g.received_at + INTERVAL IF(g.n % 16 = 15, 150, 30) HOUR, NULL),
       ELT(1 + g.n % 3, (SELECT id FROM users WHERE login = 'employee'),
           (SELECT id FROM users WHERE login = 'employee'), (SELECT id FROM users WHERE login = 'employee2')),
       ELT(1 + g.n % 3, (SELECT id FROM users WHERE login = IF(g.n % 2 = 0, 'manager', 'employee')),
           (SELECT id FROM users WHERE login = 'employee'), (SELECT id FROM users WHERE login = 'employee2')),
       IF(g.stepno = 7, '员工服务规范执行不到位，高峰期窗口开放不足。', NULL),
       IF(g.stepno = 7, '高峰期增开窗口，组织服务礼仪培训，每月抽查。', NULL),
       IF(g.stepno >= 6, 1 + g.n % 5, NULL),
       IF(g.n % 23 = 0 OR g.n % 23 = 7, 1, 0),
       IF(g.n % 23 = 0 OR g.n % 23 = 7, 'excessive_claim,escalating_pressure', NULL),
       IF(g.stepno >= 3 OR g.n % 8 = 2, 1 + g.n % 2, 0),
       g.received_at, g.received_at
FROM g;

-- the timeline: received, then the step the case is in
INSERT INTO complaint_events (complaint_id, at, user_id, kind, from_step, to_step, note)
SELECT id, received_at, first_responder_id, 'received', NULL, 'received', NULL
FROM complaints WHERE reference LIKE CONCAT('TS-', YEAR(UTC_TIMESTAMP()), '-%');
INSERT INTO complaint_events (complaint_id, at, user_id, kind, from_step, to_step, note)
SELECT id, received_at + INTERVAL 2 HOUR, owner_id, 'step', NULL, step, '演示数据'
FROM complaints WHERE step <> 'received' AND reference LIKE CONCAT('TS-', YEAR(UTC_TIMESTAMP()), '-%');

-- the reply ledger
INSERT INTO complaint_replies (complaint_id, at, user_id, channel, text)
SELECT id, first_contact_at, owner_id, channel, '已电话联系客户，致歉并说明处理进度。'
FROM complaints WHERE reply_count >= 1;
INSERT INTO complaint_replies (complaint_id, at, user_id, channel, text)
SELECT id, first_contact_at + INTERVAL 1 DAY, owner_id, 'phone', '向客户确认处理方案已落实。'
FROM complaints WHERE reply_count >= 2;
INSERT INTO complaint_events (complaint_id, at, user_id, kind, note)
SELECT complaint_id, at, user_id, 'reply', text FROM complaint_replies;

-- compensation: granted within the limit on carried-out cases, pending
-- above the limit on some proposed-solution cases
INSERT INTO complaint_compensations (complaint_id, remedy, amount, basis, status, proposed_by,
  proposed_at, approved_by, approved_at)
SELECT id, 'voucher', 200.00, '网点服务补偿标准', 'approved', owner_id, received_at + INTERVAL 3 HOUR,
       owner_id, received_at + INTERVAL 3 HOUR
FROM complaints WHERE step IN ('carried_out', 'feedback_collected', 'closed') AND id % 2 = 0;
INSERT INTO complaint_compensations (complaint_id, remedy, amount, basis, status, proposed_by, proposed_at)
SELECT id, 'refund', 800.00 + id % 7 * 150, '收费标准第 3 条：多收费用全额退还', 'pending',
       owner_id, received_at + INTERVAL 3 HOUR
FROM complaints WHERE step = 'solution_proposed' AND (id % 3 = 0 OR abnormal = 1);
INSERT INTO complaint_events (complaint_id, at, user_id, kind, note)
SELECT complaint_id, proposed_at, proposed_by, 'compensation',
       CONCAT('remedy=', remedy, '; amount=', amount, '; status=', status)
FROM complaint_compensations;

INSERT INTO complaint_counters (year, last_no) VALUES (YEAR(UTC_TIMESTAMP()), 300);
