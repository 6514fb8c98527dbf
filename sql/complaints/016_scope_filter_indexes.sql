-- A filter on a value that is rare among a department's newest cases (the
-- abnormal flag, a step or a channel few cases are in, a cause seldom
-- given) would walk most of the subtree in received order before finding
-- 50 matches: at a million cases, half a second.  One index per filter
-- column keeps the received order under an equality on it, so such a
-- list reads only its matches.  (Severity has two values, never rare
-- enough to need one.)  The optimizer takes the index when the filter is
-- set; unfiltered lists keep reading the primary key.
CREATE INDEX k_scope_step ON complaint_scope (dept_id, step, received_at);
CREATE INDEX k_scope_cause ON complaint_scope (dept_id, cause, received_at);
CREATE INDEX k_scope_channel ON complaint_scope (dept_id, channel, received_at);
CREATE INDEX k_scope_abnormal ON complaint_scope (dept_id, abnormal, received_at);
