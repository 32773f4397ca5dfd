-- Snapshot retention policies under the drift engine (AWS Data Lifecycle Manager): each
-- virtual day deletes the snapshots whose 'daily-N' / 'weekly-N' / 'monthly-N' policy has
-- expired (created_at + N, N x 7, N x 30 days <= finsim.now), logs each deletion, and the
-- daily backup job's new snapshots inherit the policy of the volume's newest snapshot that
-- has one.
BEGIN;
SET client_min_messages = warning;
SELECT plan(22);

\set A '''4f000000-0000-0000-0000-00000000000a'''
\set B '''4f000000-0000-0000-0000-00000000000b'''
INSERT INTO finsim.cloud_accounts (id, name, virtual_time, seed) VALUES
  (:A, 'retention-a', '2026-03-01 00:00+00', 7),
  (:B, 'retention-b', '2026-03-01 00:00+00', 7);

-- Four volumes the daily backup job snapshots every day (tagged backup=daily).
INSERT INTO finsim.volumes (account_id, volume_id, size_gib, volume_type, state, attached_instance_id, monthly_cost, tags) VALUES
  (:A, 'vol-bk',   10, 'gp3', 'in-use', 'i-elsewhere', 0.8, '{"backup": "daily"}'),
  (:A, 'vol-two',  10, 'gp3', 'in-use', 'i-elsewhere', 0.8, '{"backup": "daily"}'),
  (:A, 'vol-none', 10, 'gp3', 'in-use', 'i-elsewhere', 0.8, '{"backup": "daily"}'),
  (:A, 'vol-tie',  10, 'gp3', 'in-use', 'i-elsewhere', 0.8, '{"backup": "daily"}');
INSERT INTO finsim.snapshots (account_id, snapshot_id, source_volume_id, size_gib, monthly_cost, created_at, retention_policy) VALUES
  -- the volumes' own history (what their backups inherit)
  (:A, 'snap-bk-due',   'vol-bk',   10, 0.5, '2026-02-01 00:00+00', 'weekly-4'),    -- expires 03-01: the day it is inherited
  (:A, 'snap-two-m12',  'vol-two',  10, 0.5, '2026-01-01 00:00+00', 'monthly-12'),
  (:A, 'snap-two-d7',   'vol-two',  10, 0.5, '2026-02-27 12:00+00', 'daily-7'),     -- newest with a policy
  (:A, 'snap-two-null', 'vol-two',  10, 0.5, '2026-02-28 00:00+00', NULL),          -- newest, no policy
  (:A, 'snap-none',     'vol-none', 10, 0.5, '2026-02-20 00:00+00', NULL),
  (:A, 'snap-tie-a',    'vol-tie',  10, 0.5, '2026-02-25 00:00+00', 'weekly-2'),    -- same created_at:
  (:A, 'snap-tie-b',    'vol-tie',  10, 0.5, '2026-02-25 00:00+00', 'daily-30'),    --   snapshot_id decides
  -- boundaries, on a volume that is gone (never backed up)
  (:A, 'snap-d7-due',   'vol-gone', 10, 0.5, '2026-02-22 00:00+00',    'daily-7'),    -- expires 03-01 00:00
  (:A, 'snap-d7-next',  'vol-gone', 10, 0.5, '2026-02-23 00:00+00',    'daily-7'),    -- one day later
  (:A, 'snap-d7-late',  'vol-gone', 10, 0.5, '2026-02-22 00:00:01+00', 'daily-7'),    -- one second later
  (:A, 'snap-w4-keep',  'vol-gone', 10, 0.5, '2026-02-02 00:00+00',    'weekly-4'),   -- expires 03-02
  (:A, 'snap-m12-due',  'vol-gone', 10, 0.5, '2025-03-06 00:00+00',    'monthly-12'), -- 360 days: 03-01
  (:A, 'snap-m12-keep', 'vol-gone', 10, 0.5, '2025-03-07 00:00+00',    'monthly-12'), -- expires 03-02
  (:A, 'snap-old-null', 'vol-gone', 10, 0.5, '2024-01-01 00:00+00',    NULL);         -- no policy: kept
-- The owner's rule applies whatever the agents' policy and freezes say.
INSERT INTO finsim.snapshots (account_id, snapshot_id, source_volume_id, size_gib, monthly_cost, created_at,
                              retention_policy, optimization_policy, optimization_freeze_until) VALUES
  (:A, 'snap-ign', 'vol-gone', 10, 0.5, '2026-02-01 00:00+00', 'daily-1', 'ignore', '2027-01-01 00:00+00');
-- Another account's expired snapshot: ticks of account A never touch it.
INSERT INTO finsim.snapshots (account_id, snapshot_id, source_volume_id, size_gib, monthly_cost, created_at, retention_policy) VALUES
  (:B, 'snap-b-due', 'vol-gone', 10, 0.5, '2026-01-01 00:00+00', 'daily-1');

-- Before the first tick: a snapshot past its policy's expiry is not an old_snapshot (its
-- lifecycle deletes it at the next tick); only the old one without a policy is.
SELECT is((SELECT array_agg(resource_name ORDER BY resource_name) FROM finsim.waste_findings(:A) WHERE pattern = 'old_snapshot'),
          '{snap-old-null}', 'old_snapshot: only the old snapshot without a retention policy (expired ones wait for the lifecycle)');

CREATE TEMP TABLE ids AS SELECT snapshot_id, id FROM finsim.snapshots WHERE account_id = :A;

-- What ten 1-day ticks must equal (rolled back; no test runs until the rollback).
SAVEPOINT ten_days;
SELECT count(*) AS ten_ticks FROM finsim.drift_tick(:A, 10) \gset
SELECT md5(string_agg(concat_ws('|', id, snapshot_id, source_volume_id, retention_policy, created_at), ',' ORDER BY id)) AS snaps10,
       (SELECT coalesce(md5(string_agg(concat_ws('|', e.id, e.resource_id, e.field_name, e.old_value, e.new_value,
                                                 e.change_source, e.changed_at, e.reason), ',' ORDER BY e.id)), 'none')
          FROM finsim.resource_change_events e WHERE e.account_id = :A AND e.resource_type = 'snapshots') AS events10
  FROM finsim.snapshots WHERE account_id = :A \gset
ROLLBACK TO SAVEPOINT ten_days;

-- The tick summary counts each deletion: the same day with and without the expiring policies.
SAVEPOINT summary;
SELECT rows_written AS rows_with, events AS events_with FROM finsim.drift_tick(:A) \gset
ROLLBACK TO SAVEPOINT summary;
UPDATE finsim.snapshots SET retention_policy = NULL
 WHERE account_id = :A AND snapshot_id IN ('snap-bk-due', 'snap-d7-due', 'snap-m12-due', 'snap-ign');
SELECT rows_written AS rows_without, events AS events_without FROM finsim.drift_tick(:A) \gset
ROLLBACK TO SAVEPOINT summary;
SELECT is((:events_with - :events_without)::bigint, 4::bigint, 'the tick summary counts the day''s four deletions as events');
SELECT is((:rows_with - :rows_without)::bigint, 4::bigint, '... and as rows written');

-- Day 1: virtual time 2026-03-01.
SELECT is((SELECT virtual_date FROM finsim.drift_tick(:A)), '2026-03-02'::date, 'day 1 simulated');
SELECT is((SELECT array_agg(snapshot_id ORDER BY snapshot_id COLLATE "C") FROM finsim.snapshots
            WHERE account_id = :A AND created_at < '2026-03-01'),
          '{snap-d7-late,snap-d7-next,snap-m12-keep,snap-none,snap-old-null,snap-tie-a,snap-tie-b,snap-two-d7,snap-two-m12,snap-two-null,snap-w4-keep}',
          'day 1: snapshots expiring on the day are deleted (daily-7, weekly-4, monthly-12 = 360 days); one day or one second short of expiry they stay');
SELECT results_eq(
  format($$SELECT e.old_value, e.resource_id = i.id::text, e.new_value, e.change_source, e.changed_at, e.reason
             FROM finsim.resource_change_events e LEFT JOIN ids i ON i.snapshot_id = e.old_value
            WHERE e.account_id = %L AND e.resource_type = 'snapshots' AND e.field_name = 'deleted'
            ORDER BY e.old_value COLLATE "C"$$, :A),
  $$VALUES
    ('snap-bk-due', true, NULL::text, 'drift_engine', '2026-03-01 00:00+00'::timestamptz,
     'drift: retention policy weekly-4 expired (it keeps a snapshot 28 days after its created_at)'),
    ('snap-d7-due', true, NULL, 'drift_engine', '2026-03-01 00:00+00',
     'drift: retention policy daily-7 expired (it keeps a snapshot 7 days after its created_at)'),
    ('snap-ign', true, NULL, 'drift_engine', '2026-03-01 00:00+00',
     'drift: retention policy daily-1 expired (it keeps a snapshot 1 day after its created_at)'),
    ('snap-m12-due', true, NULL, 'drift_engine', '2026-03-01 00:00+00',
     'drift: retention policy monthly-12 expired (it keeps a snapshot 360 days after its created_at)')$$,
  'day 1: one ''deleted'' event per expired snapshot (its id, drift_engine, the virtual time, the policy as reason); snap-ign (policy ignore, frozen) follows its retention policy too');
SELECT results_eq(
  format($$SELECT source_volume_id, retention_policy FROM finsim.snapshots
            WHERE account_id = %L AND created_at = '2026-03-01 00:00+00'
              AND source_volume_id IN ('vol-bk', 'vol-two', 'vol-none', 'vol-tie')  -- not a preview's root volume
            ORDER BY source_volume_id COLLATE "C"$$, :A),
  $$VALUES ('vol-bk', 'weekly-4'), ('vol-none', NULL), ('vol-tie', 'daily-30'), ('vol-two', 'daily-7')$$,
  'day 1 backups inherit the policy of the volume''s newest snapshot that has one (the same day''s expired one too; on a tie of created_at the greater snapshot_id); none: NULL');
SELECT is((SELECT string_agg(snapshot_id, ',') FROM finsim.snapshots WHERE account_id = :B), 'snap-b-due',
          'another account''s expired snapshot is untouched by this account''s tick');
SELECT is((SELECT count(*) FROM finsim.resource_change_events WHERE account_id = :B), 0::bigint, '... and nothing is logged there');

-- Day 2: virtual time 2026-03-02.
SELECT is((SELECT virtual_date FROM finsim.drift_tick(:A)), '2026-03-03'::date, 'day 2 simulated');
SELECT is((SELECT array_agg(old_value ORDER BY old_value COLLATE "C") FROM finsim.resource_change_events
            WHERE account_id = :A AND resource_type = 'snapshots' AND field_name = 'deleted' AND changed_at = '2026-03-02 00:00+00'),
          '{snap-d7-late,snap-d7-next,snap-m12-keep,snap-w4-keep}',
          'day 2: the snapshots one day (or one second) short of expiry on day 1 are deleted');
SELECT is((SELECT count(*) FROM finsim.snapshots WHERE account_id = :A AND created_at = '2026-03-01 00:00+00'
              AND source_volume_id IN ('vol-bk', 'vol-two', 'vol-none', 'vol-tie')), 4::bigint,
          'day 2: day 1''s backups are kept');

-- Days 3 to 10: a rolling window of seven daily-7 backups on vol-two.
SELECT is((SELECT virtual_date FROM finsim.drift_tick(:A, 8)), '2026-03-11'::date, 'days 3 to 10 simulated');
SELECT is((SELECT array_agg(created_at::date ORDER BY created_at) FROM finsim.snapshots
            WHERE account_id = :A AND source_volume_id = 'vol-two' AND retention_policy = 'daily-7'),
          '{2026-03-04,2026-03-05,2026-03-06,2026-03-07,2026-03-08,2026-03-09,2026-03-10}'::date[],
          'vol-two keeps the last seven daily-7 backups (snap-two-d7 and the first three backups expired)');
SELECT is((SELECT array_agg(snapshot_id ORDER BY snapshot_id COLLATE "C") FROM finsim.snapshots
            WHERE account_id = :A AND retention_policy IS NULL AND created_at < '2026-03-01'),
          '{snap-none,snap-old-null,snap-two-null}', 'snapshots without a policy are never deleted by the lifecycle');
SELECT is((SELECT count(*) FROM finsim.snapshots WHERE account_id = :A AND source_volume_id = 'vol-none'
              AND created_at >= '2026-03-01' AND retention_policy IS NULL), 10::bigint,
          'vol-none''s ten backups have no policy and are all kept');
-- A daily backup chain (one snapshot a day at 00:00, 24 h apart) is what the guide recommends:
-- duplicate_snapshots ("multiple per day when daily is enough") reports none of it.
SELECT is((SELECT count(*) FROM finsim.waste_findings(:A) f JOIN finsim.snapshots s
             ON s.account_id = f.account_id AND s.id::text = f.resource_id
            WHERE f.pattern = 'duplicate_snapshots' AND s.created_at >= '2026-03-01'), 0::bigint,
          'ten days of daily backups (four volumes): no duplicate_snapshots finding');
SELECT is((SELECT array_agg(resource_name) FROM finsim.waste_findings(:A) WHERE pattern = 'duplicate_snapshots'),
          '{snap-tie-a}', '... the only duplicate is the hand-written pair taken at the same time (the older snapshot_id)');

-- Determinism: ten 1-day ticks equal one 10-day tick, ids included.
SELECT ok(md5(string_agg(concat_ws('|', id, snapshot_id, source_volume_id, retention_policy, created_at), ',' ORDER BY id))
          = :'snaps10', 'the same snapshots (ids included) as one 10-day tick')
  FROM finsim.snapshots WHERE account_id = :A;
SELECT ok((SELECT coalesce(md5(string_agg(concat_ws('|', e.id, e.resource_id, e.field_name, e.old_value, e.new_value,
                                                   e.change_source, e.changed_at, e.reason), ',' ORDER BY e.id)), 'none')
             FROM finsim.resource_change_events e WHERE e.account_id = :A AND e.resource_type = 'snapshots')
          = :'events10', 'the same deletion events (ids included) as one 10-day tick');

-- A snapshot dated near the end of the timestamp range (no CHECK bounds created_at): the
-- expiry test must not overflow (created_at + 100 years would), or every tick of the
-- account fails with 22008 and its clock stops.
INSERT INTO finsim.snapshots (account_id, snapshot_id, size_gib, monthly_cost, created_at, retention_policy)
  VALUES (:B, 'snap-far', 1, 0, '294270-01-01 00:00+00', 'monthly-1200');
SELECT lives_ok($$SELECT * FROM finsim.drift_tick('4f000000-0000-0000-0000-00000000000b')$$,
                'a tick with a snapshot created near the end of time runs');
SELECT ok(EXISTS (SELECT 1 FROM finsim.snapshots WHERE account_id = :B AND snapshot_id = 'snap-far'),
          '... and keeps it (its policy has not expired)');

SELECT * FROM finish();
ROLLBACK;
