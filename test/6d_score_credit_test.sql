-- The scorecard credits what the findings justify (finsim._act_credit), not the bill's whole
-- drop: a change going further than its finding earns the finding's saving, an unsupported
-- change earns nothing, retention and lifecycle policies earn at apply time what they will
-- save, priced with the agent's params; and waste a change takes out of the findings without
-- saving it (uncredited_waste) stays in the score's denominator, so hiding waste does not pay.
-- Real detection (finsim.waste_findings) over hand-written rows.
BEGIN;
SELECT plan(31);

INSERT INTO finsim.cloud_accounts (id, name, virtual_time)
VALUES ('6d000000-0000-0000-0000-000000000001', 'score-credit', '2026-05-01 00:00+00');
\set K '''6d000000-0000-0000-0000-000000000001'''
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, env, state, hourly_cost, gpu_hourly_cost,
                              avg_cpu_7d, launch_time, tags) VALUES
  -- oversized only (15 % CPU): one size down, m5.2xlarge, saves (0.768 - 0.384) x 730 = 280.32
  ('6d100000-0000-0000-0000-000000000001', :K, 'i-over', 'm5.4xlarge', 'prod', 'running', 0.768, 0, 15, '2025-01-01', '{"env":"prod","team":"t","project":"p"}'),
  -- busy: no finding
  ('6d100000-0000-0000-0000-000000000002', :K, 'i-busy', 'm5.xlarge',  'prod', 'running', 0.192, 0, 60, '2025-01-01', '{"env":"prod","team":"t","project":"p"}');
INSERT INTO finsim.volumes (id, account_id, volume_id, size_gib, volume_type, state, attached_instance_id, last_used_at, tags) VALUES
  ('6d200000-0000-0000-0000-000000000001', :K, 'vol-a', 100, 'gp3', 'in-use', 'i-over', '2026-04-30', '{"env":"prod","team":"t","project":"p"}'),
  ('6d200000-0000-0000-0000-000000000002', :K, 'vol-b', 100, 'gp3', 'in-use', 'i-over', '2026-04-30', '{"env":"prod","team":"t","project":"p"}');
-- 200 days old, no policy: old_snapshot, saving the snapshot's 100 GiB x 0.05 = 5
INSERT INTO finsim.snapshots (id, account_id, snapshot_id, source_volume_id, size_gib, created_at, tags) VALUES
  ('6d300000-0000-0000-0000-000000000001', :K, 'snap-a', 'vol-a', 100, '2025-10-13', '{"env":"prod","team":"t","project":"p"}'),
  ('6d300000-0000-0000-0000-000000000002', :K, 'snap-b', 'vol-b', 100, '2025-10-13', '{"env":"prod","team":"t","project":"p"}');
-- Kept forever, 1000 GB stored, 2 GB a day ingested: log_infinite_retention at 90 days
-- (prod) saves (1000 - 2 x 90) x 0.021 = 17.22
INSERT INTO finsim.log_groups (id, account_id, name, env, retention_days, tags) VALUES
  ('6d400000-0000-0000-0000-000000000001', :K, '/app/a', 'prod', NULL, '{"env":"prod","team":"t","project":"p"}'),
  ('6d400000-0000-0000-0000-000000000002', :K, '/app/b', 'prod', NULL, '{"env":"prod","team":"t","project":"p"}');
INSERT INTO finsim.log_group_usage_daily (account_id, log_group_id, date, ingested_gb, stored_gb)
SELECT :K, g.id, '2026-04-30', 2, 1000 FROM finsim.log_groups g WHERE g.account_id = :K;
-- No lifecycle, 1000 GB Standard, busy: s3_no_lifecycle saves 1000 x (0.023 - 0.0125) = 10.5
INSERT INTO finsim.s3_buckets (id, account_id, name, env, lifecycle_policy, tags) VALUES
  ('6d500000-0000-0000-0000-000000000001', :K, 'bucket-a', 'prod', NULL, '{"env":"prod","team":"t","project":"p"}');
INSERT INTO finsim.s3_bucket_usage_daily (account_id, bucket_id, date, storage_gb_standard, requests_count)
VALUES (:K, '6d500000-0000-0000-0000-000000000001', '2026-04-30', 1000, 1000000);

SELECT results_eq($$SELECT resource_name, pattern, est_monthly_savings FROM finsim.waste_findings('6d000000-0000-0000-0000-000000000001')
                     ORDER BY resource_name, pattern$$,
  $$VALUES ('/app/a', 'log_infinite_retention', 17.22), ('/app/b', 'log_infinite_retention', 17.22),
           ('bucket-a', 's3_no_lifecycle', 10.5), ('i-over', 'oversized_instance', 280.32),
           ('snap-a', 'old_snapshot', 5.00), ('snap-b', 'old_snapshot', 5.00)$$,
  'the findings the actions below are credited by');

-- credit(<resource id>): the credit record of its (only) applied action, 'removed credited'.
CREATE FUNCTION pg_temp.credit(rid text) RETURNS text LANGUAGE sql AS $$
  SELECT string_agg(old_value::numeric::text || ' ' || new_value::numeric::text, '; ')
    FROM finsim.resource_change_events
   WHERE account_id = '6d000000-0000-0000-0000-000000000001' AND field_name = 'credit' AND resource_id = rid $$;
CREATE FUNCTION pg_temp.card() RETURNS text LANGUAGE sql AS $$
  SELECT realized_monthly_savings || ' ' || credited_savings || ' ' || uncredited_waste || ' ' || remaining_waste
         || ' ' || harmful_actions || ' ' || score
    FROM finsim.scorecard('6d000000-0000-0000-0000-000000000001') $$;
CREATE FUNCTION pg_temp.act(rtype text, rid text, act text, params jsonb) RETURNS text LANGUAGE sql AS $$
  SELECT outcome FROM finsim.apply_action(rtype, rid, act, params) $$;

SELECT is(pg_temp.card(), '0 0 0 335.26 0 0.00', 'before any action: nothing credited, all waste remaining');

-- Further than the finding: m5.4xlarge to m5.large saves (0.768 - 0.096) x 730 = 490.56.
SELECT is(pg_temp.act('instances', '6d100000-0000-0000-0000-000000000001', 'rightsize_instance', '{"instance_type": "m5.large"}'),
  'applied', 'rightsizing i-over two sizes further than its finding applies');
SELECT is(pg_temp.credit('6d100000-0000-0000-0000-000000000001'), '280.320000 280.320000',
  '... credited the finding''s 280.32, not the 490.56 the bill drops; the finding is gone (280.32 removed)');
SELECT is(pg_temp.card(), '490.560000 280.320000 0.000000 54.94 0 83.61',
  '... realized 490.56, credited 280.32: score 100 x 280.32 / (280.32 + 54.94)');

-- No finding: terminating the busy instance saves 140.16 and earns nothing.
SELECT is(pg_temp.act('instances', '6d100000-0000-0000-0000-000000000002', 'terminate_instance', '{}'),
  'applied', 'terminating the busy instance applies');
SELECT is(pg_temp.credit('6d100000-0000-0000-0000-000000000002'), '0.000000 0',
  '... credited 0 (no finding supported it; it had none to remove)');
SELECT is(pg_temp.card(), '630.720000 280.320000 0.000000 54.94 1 73.61',
  '... realized grows by 140.16, the credit does not, and the harmful action costs 10 points');

-- Log retention, priced with the agent's days (savings arrive on later ticks).
SELECT is(pg_temp.act('log_groups', '6d400000-0000-0000-0000-000000000001', 'set_log_retention', '{"retention_days": 90}'),
  'applied', 'setting /app/a to the finding''s 90 days applies');
SELECT is(pg_temp.credit('6d400000-0000-0000-0000-000000000001'), '17.220000 17.220000',
  '... credited the finding''s 17.22 at once, though the bill has not moved yet');
SELECT is(pg_temp.act('log_groups', '6d400000-0000-0000-0000-000000000002', 'set_log_retention', '{"retention_days": 300}'),
  'applied', 'setting /app/b to 300 days applies (and the finding goes: at most 365)');
SELECT is(pg_temp.credit('6d400000-0000-0000-0000-000000000002'), '17.220000 8.400000',
  '... credited (1000 - 2 x 300) x 0.021 = 8.40 of the 17.22 it removed');

-- Snapshot retention: credited when the policy deletes the snapshot within 30 virtual days.
SELECT is(pg_temp.act('snapshots', '6d300000-0000-0000-0000-000000000001', 'set_snapshot_retention', '{"retention_policy": "daily-7"}'),
  'applied', 'daily-7 on the 200-day-old snap-a applies');
SELECT is(pg_temp.credit('6d300000-0000-0000-0000-000000000001'), '5.000000 5.000000',
  '... credited its 5.00: the next tick deletes it');
CREATE TEMP TABLE before_hiding AS SELECT score FROM finsim.scorecard(:K);
SELECT is(pg_temp.act('snapshots', '6d300000-0000-0000-0000-000000000002', 'set_snapshot_retention', '{"retention_policy": "monthly-12"}'),
  'applied', 'monthly-12 on snap-b applies (and hides its old_snapshot finding: 360 days is within the 365 kept)');
SELECT is(pg_temp.credit('6d300000-0000-0000-0000-000000000002'), '5.000000 0.000000',
  '... credited 0: the policy deletes it 160 days from now');
SELECT is((SELECT score FROM finsim.scorecard(:K)), (SELECT score FROM before_hiding),
  '... and the score is what it was: the hidden 5.00 moved from remaining to uncredited waste');

-- S3 lifecycle: the finding prices a 30-day transition; 120 days earns a quarter.
SELECT is(pg_temp.act('s3_buckets', '6d500000-0000-0000-0000-000000000001', 'set_s3_lifecycle',
                      '{"lifecycle_policy": {"transition_ia_days": 120}}'),
  'applied', 'a 120-day IA transition on bucket-a applies');
SELECT is(pg_temp.credit('6d500000-0000-0000-0000-000000000001'), '10.500000 2.625000',
  '... credited 10.50 x 30 / 120 = 2.625');

-- The whole card: credited 280.32 + 17.22 + 8.40 + 5 + 2.625 = 313.565; uncredited
-- 8.82 + 5 + 7.875 = 21.695; nothing remains.
SELECT is(pg_temp.card(), '630.720000 313.565000 21.695000 0 1 83.53',
  'score 100 x 313.565 / (313.565 + 21.695) - 10 for the harmful action');
SELECT is((SELECT count(*)::int FROM finsim.resource_change_events WHERE account_id = :K AND field_name = 'credit'),
  (SELECT count(*)::int FROM finsim.resource_change_events WHERE account_id = :K AND field_name = 'run_rate'),
  'one credit record per applied action');

-- The score review's cases (account R): what all actions on one resource earn together.
INSERT INTO finsim.cloud_accounts (id, name, virtual_time)
VALUES ('6d000000-0000-0000-0000-000000000002', 'score-credit-steps', '2026-05-01 00:00+00');
\set R '''6d000000-0000-0000-0000-000000000002'''
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, env, state, hourly_cost, gpu_hourly_cost,
                              avg_cpu_7d, launch_time, tags) VALUES
  ('6d600000-0000-0000-0000-000000000001', :R, 'i-steps', 'm5.4xlarge', 'prod', 'running', 0.768, 0, 15, '2025-01-01', '{"env":"prod","team":"t","project":"p"}'),
  ('6d600000-0000-0000-0000-000000000002', :R, 'i-idle', 'm5.xlarge', 'prod', 'running', 0.192, 0, 2, '2025-01-01', '{"env":"prod","team":"t","project":"p"}'),
  ('6d600000-0000-0000-0000-000000000003', :R, 'i-undo', 'm5.4xlarge', 'prod', 'running', 0.768, 0, 15, '2025-01-01', '{"env":"prod","team":"t","project":"p"}');
-- An orphaned snapshot (its volume is gone): a retention policy does not end that finding.
INSERT INTO finsim.snapshots (id, account_id, snapshot_id, source_volume_id, size_gib, created_at, tags) VALUES
  ('6d700000-0000-0000-0000-000000000001', :R, 'snap-orphan', 'vol-gone', 100, '2026-04-20', '{"env":"prod","team":"t","project":"p"}');
CREATE FUNCTION pg_temp.credits(rid text) RETURNS numeric LANGUAGE sql AS $$
  SELECT sum(new_value::numeric) FROM finsim.resource_change_events
   WHERE account_id = '6d000000-0000-0000-0000-000000000002' AND field_name = 'credit' AND resource_id = rid $$;
-- In steps: m5.4xlarge -> m5.2xlarge -> m5.xlarge (the 7-day CPU stays 15 %, so a finding
-- comes back after the first step) earns what one step's finding promised, 280.32.
SELECT is(pg_temp.act('instances', '6d600000-0000-0000-0000-000000000001', 'rightsize_instance', '{"instance_type": "m5.2xlarge"}')
          || ' ' || pg_temp.act('instances', '6d600000-0000-0000-0000-000000000001', 'rightsize_instance', '{"instance_type": "m5.xlarge"}'),
  'applied applied', 'rightsizing in two steps applies twice');
SELECT is(pg_temp.credits('6d600000-0000-0000-0000-000000000001'), 280.32::numeric,
  '... and earns 280.32 together, as going straight to m5.xlarge does (was 420.48)');
-- Stop, then the terminate the idle finding asked for: not harmful, no second credit.
SELECT is(pg_temp.act('instances', '6d600000-0000-0000-0000-000000000002', 'stop_instance', '{}')
          || ' ' || pg_temp.act('instances', '6d600000-0000-0000-0000-000000000002', 'terminate_instance', '{}'),
  'applied applied', 'stopping the idle instance, then terminating it, applies');
SELECT is((SELECT count(*)::int FROM finsim.resource_change_events WHERE account_id = :R AND field_name = 'harmful'), 0,
  '... and neither is harmful: the idle finding that supported the stop supports the terminate');
SELECT is(pg_temp.credits('6d600000-0000-0000-0000-000000000002'), 140.16::numeric, '... 140.16 in all');
-- Down and back up: the bill is where it started, and so is the credit.
SELECT is(pg_temp.act('instances', '6d600000-0000-0000-0000-000000000003', 'rightsize_instance', '{"instance_type": "m5.large"}')
          || ' ' || pg_temp.act('instances', '6d600000-0000-0000-0000-000000000003', 'rightsize_instance', '{"instance_type": "m5.4xlarge"}'),
  'applied applied', 'rightsizing down to m5.large and back up applies');
SELECT is(pg_temp.credits('6d600000-0000-0000-0000-000000000003'), 0::numeric,
  '... and leaves the credit at 0 (was -210.24: the way up was debited its whole 490.56)');
-- A retention on the orphaned snapshot, set again and again: its finding stays, nothing earned.
SELECT is(pg_temp.act('snapshots', '6d700000-0000-0000-0000-000000000001', 'set_snapshot_retention', '{"retention_policy": "daily-1"}')
          || ' ' || pg_temp.act('snapshots', '6d700000-0000-0000-0000-000000000001', 'set_snapshot_retention', '{"retention_policy": "daily-2"}')
          || ' ' || pg_temp.act('snapshots', '6d700000-0000-0000-0000-000000000001', 'set_snapshot_retention', '{"retention_policy": "daily-1"}'),
  'applied applied applied', 'three retention policies on the orphaned snapshot apply');
SELECT is(pg_temp.credits('6d700000-0000-0000-0000-000000000001'), 0::numeric,
  '... and earn nothing: orphaned_snapshot still calls it waste (was 5.00 per call, without limit)');
SELECT is((SELECT count(*)::int FROM finsim.waste_findings(:R) WHERE resource_name = 'snap-orphan'), 1, '... its finding is live');

SELECT * FROM finish();
ROLLBACK;
