-- Demo data for ./dev.sh up and the tests; never loaded by an install.
-- Every demo user's password is kefu-demo.
INSERT INTO departments (id, code, name_zh, name_en, parent_id, path) VALUES
  (1, 'HQ',     '总行',         'Head office',     NULL, '/1/'),
  (2, 'BR01',   '第一支行',     'Branch 01',       1,    '/1/2/'),
  (3, 'BR02',   '第二支行',     'Branch 02',       1,    '/1/3/'),
  (4, 'BR01-A', '第一支行甲网点', 'Branch 01 sub A', 2,    '/1/2/4/');

INSERT INTO users (login, display_name, dept_id, role, password_hash) VALUES
  ('admin',     '系统管理员', 1, 'admin',    '$y$j9T$M9eycDBCfCzs7GPfqX79i.$Q3w18jq4jaSRgjWgt3hUm8hcWaj3sq0edr9LF3XTQV8'),
  ('auditor',   '审计员王敏', 1, 'auditor',  '$y$j9T$M9eycDBCfCzs7GPfqX79i.$Q3w18jq4jaSRgjWgt3hUm8hcWaj3sq0edr9LF3XTQV8'),
  ('manager',   '网点负责人李强', 2, 'manager', '$y$j9T$M9eycDBCfCzs7GPfqX79i.$Q3w18jq4jaSRgjWgt3hUm8hcWaj3sq0edr9LF3XTQV8'),
  ('employee',  '柜员张丽',   2, 'employee', '$y$j9T$M9eycDBCfCzs7GPfqX79i.$Q3w18jq4jaSRgjWgt3hUm8hcWaj3sq0edr9LF3XTQV8'),
  ('employee2', '柜员陈刚',   3, 'employee', '$y$j9T$M9eycDBCfCzs7GPfqX79i.$Q3w18jq4jaSRgjWgt3hUm8hcWaj3sq0edr9LF3XTQV8');

INSERT INTO customers (customer_no, name, phone, dept_id, purchase_total, created_at) VALUES
  ('C000001', '刘建国', '13800000001', 2, 52000.00, UTC_TIMESTAMP()),
  ('C000002', '赵美华', '13800000002', 2, 8300.50,  UTC_TIMESTAMP()),
  ('C000003', '孙志远', '13800000003', 4, 120500.00, UTC_TIMESTAMP()),
  ('C000004', '周晓燕', '13800000004', 3, 2600.00,  UTC_TIMESTAMP()),
  ('C000005', '吴海涛', '13800000005', 3, 45800.00, UTC_TIMESTAMP());
