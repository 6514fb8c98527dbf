#!/usr/bin/env bash
# export.sh -- the complaints-ledger export benchmark (not part of the tests).
#
#   tests/bench/export.sh [N]     N complaints (default 100000)
#
# Starts a private stack under var/bench on 127.0.0.1:8383 (build/), fills
# it with N generated complaints received in 2025 (each with two events,
# one reply, and a compensation for one in five), downloads
# /export/complaints-ledger.xml for HQ and 2025 through nginx with a
# personal API token, and reports rows per second and the workers' peak
# RSS (VmHWM from /proc, read before and after).  Beside it, the bare
# libxml2 writer (tests/bench/bare_xml) writes the rows of the very same
# query to /dev/null.  The downloaded document is checked against its XSD.
set -eu
N=${1:-100000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export ROOT
. "$ROOT/tests/lib/stack.sh"
INST="$ROOT/var/bench"
PORT=8383
B="$ROOT/build"

stack_build build "" >/dev/null
make -s -C "$B" tests/bench/bare_xml >/dev/null
stack_up "$INST" $PORT build >/dev/null
trap 'stack_down "$INST"' EXIT
q() { _mariadb -N -B kefu -e "$1"; }

# complete data: every generated complaint has its reply (the last insert)
have=$(q "SELECT COUNT(*) FROM complaint_replies r JOIN complaints c ON c.id = r.complaint_id
          WHERE c.reference LIKE 'BN-%'")
if [ "$have" != "$N" ]; then
    echo "generating $N complaints ..."
    t0=$(date +%s.%N)
    q "SET FOREIGN_KEY_CHECKS = 0;
       DELETE FROM complaint_compensations WHERE complaint_id IN (SELECT id FROM complaints WHERE reference LIKE 'BN-%');
       DELETE FROM complaint_replies WHERE complaint_id IN (SELECT id FROM complaints WHERE reference LIKE 'BN-%');
       DELETE FROM complaint_events WHERE complaint_id IN (SELECT id FROM complaints WHERE reference LIKE 'BN-%');
       DELETE FROM complaints WHERE reference LIKE 'BN-%';
       SET FOREIGN_KEY_CHECKS = 1;
       SET @emp = (SELECT id FROM users WHERE login = 'employee'),
           @mgr = (SELECT id FROM users WHERE login = 'manager'),
           @cust = (SELECT MIN(id) FROM customers);
       INSERT INTO complaints (reference, customer_id, dept_id, dept_path, severity, cause,
         channel, behaviour, purpose, description, customer_request, step, received_at,
         first_contact_due, resolution_due, first_contact_at, first_responder_id, owner_id,
         reply_count, created_at, updated_at)
       SELECT CONCAT('BN-', LPAD(seq, 9, '0')), @cust, 2, '/1/2/',
         ELT(1 + seq % 2, 'general', 'serious'),
         ELT(1 + seq % 6, 'service', 'product_quality', 'price', 'integrity', 'returns', 'information'),
         ELT(1 + seq % 4, 'phone', 'onsite', 'email', 'other'), 'venting', 'criticism',
         CONCAT('客户反映柜台办理业务时等候时间过长 & <', seq, '> \"态度\" 冷淡。'), '要求道歉',
         'recorded', TIMESTAMP('2025-01-01') + INTERVAL (seq % 364) DAY + INTERVAL (seq % 86400) SECOND,
         TIMESTAMP('2025-01-02') + INTERVAL (seq % 364) DAY, TIMESTAMP('2025-01-06') + INTERVAL (seq % 364) DAY,
         TIMESTAMP('2025-01-01 12:00') + INTERVAL (seq % 364) DAY, @emp, @emp, 1, NOW(), NOW()
       FROM seq_1_to_$N;
       INSERT INTO complaint_events (complaint_id, at, user_id, kind, to_step, note)
       SELECT id, received_at, @emp, 'received', 'received', NULL FROM complaints WHERE reference LIKE 'BN-%';
       INSERT INTO complaint_events (complaint_id, at, user_id, kind, to_step, note)
       SELECT id, received_at + INTERVAL 1 HOUR, @emp, 'step', 'recorded', '登记完毕'
       FROM complaints WHERE reference LIKE 'BN-%';
       INSERT INTO complaint_compensations (complaint_id, remedy, amount, basis, status, proposed_by,
         proposed_at, approved_by, approved_at)
       SELECT id, 'voucher', 200, '服务补偿标准第 2 条', 'approved', @emp, first_contact_at, @mgr,
         first_contact_at + INTERVAL 1 HOUR FROM complaints WHERE reference LIKE 'BN-%' AND id % 5 = 0;
       INSERT INTO complaint_replies (complaint_id, at, user_id, channel, text)
       SELECT id, first_contact_at, @emp, 'phone', '已电话联系客户，致歉并说明处理进度。'
       FROM complaints WHERE reference LIKE 'BN-%';"
    echo "generated in $(echo "$(date +%s.%N) - $t0" | bc) s"
fi
rows=$(q "SELECT COUNT(*) FROM complaints WHERE dept_path LIKE '/1/%' AND received_at >= '2025-01-01' AND received_at < '2026-01-01'")

# a personal API token for the auditor
TOKEN=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
q "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at)
   SELECT id, 'bench', UNHEX(SHA2('$TOKEN', 256)), UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 1 DAY
   FROM users WHERE login = 'auditor'"

# fresh workers, so VmHWM is this export's peak
kill -HUP "$(cat "$INST/kefu.pid")"; sleep 1.5
workers=$(pgrep -P "$(cat "$INST/kefu.pid")" | tr '\n' ' ')
hwm() { for p in $workers; do awk '/VmHWM/ {print $2}' /proc/$p/status 2>/dev/null; done | sort -n | tail -1; }
before=$(hwm)
OUT="$INST/ledger.xml"
t0=$(date +%s.%N)
curl -sf -H "Authorization: Bearer $TOKEN" -o "$OUT" \
    "http://127.0.0.1:$PORT/export/complaints-ledger.xml?from=2025-01-01&to=2025-12-31&dept=HQ"
t1=$(date +%s.%N)
after=$(hwm)
secs=$(echo "$t1 - $t0" | bc)
size=$(stat -c %s "$OUT")

pw=$(cat "$INST/db-password")
bare=$("$B/tests/bench/bare_xml" "$INST/mysql.sock" kefu_app "$pw" kefu /1/ 2025-01-01 2025-12-31 /dev/null)
bare_secs=$(echo "$bare" | awk '{print $2}')

echo "complaints in the export: $rows  ($size bytes)"
printf "kefu via nginx:  %.2f s  %.0f complaints/s  worker peak RSS %s kB (idle %s kB)\n" \
    "$secs" "$(echo "$rows / $secs" | bc -l)" "$after" "$before"
printf "bare libxml2:    %.2f s  %.0f complaints/s  (%s query rows)\n" \
    "$bare_secs" "$(echo "$rows / $bare_secs" | bc -l)" "$(echo "$bare" | awk '{print $1}')"
printf "ratio: %.0f%% of the bare writer's rate\n" "$(echo "100 * $bare_secs / $secs" | bc -l)"
if xmllint --noout --stream --schema "$ROOT/static/schemas/complaints-ledger.xsd" "$OUT" 2>/dev/null; then
    echo "the document validates"
else
    echo "the document does NOT validate"; exit 1
fi
tail -c 200 "$OUT" | grep -o '<record-count>[0-9]*</record-count>'
