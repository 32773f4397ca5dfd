-- Waste detection rules: optimization_policy, freezes on the virtual clock, tenant
-- isolation (RLS), bad inputs, no double counting in waste_summary, and parity with the
-- guide's six "Waste Detection Queries".
BEGIN;
\ir fixtures/waste_estate.sql
SELECT plan(28);

-- policy -----------------------------------------------------------------------------
SELECT is((SELECT count(*) FROM finsim.waste_findings('aaaaaaaa-0000-0000-0000-000000000001') f
            JOIN finsim.instances i ON i.id::text = f.resource_id WHERE i.instance_id = 'i-ignore'), 0::bigint,
  'a resource with optimization_policy ignore is never reported');
SELECT is((SELECT optimization_policy FROM finsim.waste_findings('aaaaaaaa-0000-0000-0000-000000000001')
            WHERE resource_name = 'i-reco' AND pattern = 'idle_instance'), 'recommend_only',
  'a recommend_only resource is reported with its policy');
SELECT is((SELECT optimization_policy FROM finsim.waste_findings('aaaaaaaa-0000-0000-0000-000000000001')
            WHERE resource_name = 'i-idle-hit' AND pattern = 'idle_instance'), 'auto_safe',
  'an auto_safe resource is reported with its policy');
SELECT is((SELECT optimization_policy FROM finsim.waste_findings('aaaaaaaa-0000-0000-0000-000000000001')
            WHERE pattern = 'commitment_underutilized' AND resource_name = 'reserved_instance under-hit'), NULL,
  'findings on tables without a policy column (commitments, data transfer) have policy NULL');

-- freezes (virtual clock 2026-03-01; the wall clock is later) -------------------------
SELECT is((SELECT frozen FROM finsim.waste_findings('aaaaaaaa-0000-0000-0000-000000000001')
            WHERE resource_name = 'i-frozen' AND pattern = 'idle_instance'), true,
  'resource frozen until one minute after the virtual now: reported with frozen = true');
SELECT is((SELECT frozen FROM finsim.waste_findings('aaaaaaaa-0000-0000-0000-000000000001')
            WHERE resource_name = 'i-thawed' AND pattern = 'idle_instance'), false,
  'resource frozen until one minute before the virtual now: frozen = false');
SELECT is((SELECT frozen FROM finsim.waste_findings('cccccccc-0000-0000-0000-000000000003')
            WHERE resource_name = 'i-c-idle' AND pattern = 'idle_instance'), true,
  'account freeze_optimizations_until after the virtual clock (though before the wall clock): frozen = true');
SELECT is((SELECT frozen FROM finsim.waste_findings('dddddddd-0000-0000-0000-000000000004')
            WHERE resource_name = 'i-d-idle' AND pattern = 'idle_instance'), false,
  'account freeze in the virtual past: frozen = false');
SELECT is((SELECT bool_and(frozen) FROM finsim.waste_findings('cccccccc-0000-0000-0000-000000000003')), true,
  'an account freeze marks every finding of the account frozen');
UPDATE finsim.cloud_accounts SET virtual_time = '2026-03-01 00:02:00+00' WHERE id = 'aaaaaaaa-0000-0000-0000-000000000001';
SELECT is((SELECT frozen FROM finsim.waste_findings('aaaaaaaa-0000-0000-0000-000000000001')
            WHERE resource_name = 'i-frozen' AND pattern = 'idle_instance'), false,
  'advancing the virtual clock past the freeze unfreezes the finding');
UPDATE finsim.cloud_accounts SET virtual_time = '2026-03-01 00:00:00+00' WHERE id = 'aaaaaaaa-0000-0000-0000-000000000001';

-- accounts and bad inputs --------------------------------------------------------------
SELECT is((SELECT count(*) FROM finsim.waste_findings('eeeeeeee-0000-0000-0000-00000000000e')), 0::bigint,
  'an unknown account returns no findings (documented: empty, not an error)');
SELECT is((SELECT count(DISTINCT account_id) FROM finsim.waste_findings()
            WHERE account_id IN ('aaaaaaaa-0000-0000-0000-000000000001', 'bbbbbbbb-0000-0000-0000-000000000002',
                                 'cccccccc-0000-0000-0000-000000000003', 'dddddddd-0000-0000-0000-000000000004')), 4::bigint,
  'account_id NULL covers every account the caller can see (admin: all)');
SELECT bag_eq($$SELECT * FROM finsim.waste_findings() WHERE account_id = 'bbbbbbbb-0000-0000-0000-000000000002'$$,
              $$SELECT * FROM finsim.waste_findings('bbbbbbbb-0000-0000-0000-000000000002')$$,
  'waste_findings(account) equals the account''s share of waste_findings()');
SELECT throws_ok($$SELECT * FROM finsim._waste_sql('nonsense')$$, '22023', NULL,
  'an unknown query scope is a clear 22023 error');
SELECT throws_ok($$SELECT * FROM finsim._waste_run('pg_sleep', NULL)$$, '22023', NULL,
  'the internal runner only runs compiled waste queries');
SELECT throws_ok($$SELECT * FROM finsim.waste_findings('not-a-uuid')$$, '22P02', NULL,
  'a malformed account id is rejected by the uuid type');

-- RLS ------------------------------------------------------------------------------------
CREATE ROLE waste_test_agent IN ROLE finsim_agent;
CREATE ROLE waste_test_admin IN ROLE finsim_admin;
SET LOCAL ROLE waste_test_agent;
SELECT is((SELECT count(*) FROM finsim.waste_findings()), 0::bigint,
  'an agent that has not logged in sees no findings at all');
SELECT is((SELECT count(*) FROM finsim.waste_findings('aaaaaaaa-0000-0000-0000-000000000001')), 0::bigint,
  'an agent that has not logged in sees no findings of an account it names');
SELECT is((SELECT count(*) FROM finsim.waste_summary()), 0::bigint,
  'and an empty summary');
RESET ROLE;
SET LOCAL ROLE waste_test_admin;
SELECT ok((SELECT count(DISTINCT account_id) FROM finsim.waste_findings()) >= 4,
  'a finsim_admin member sees every account');
RESET ROLE;

-- waste_summary: no double counting ---------------------------------------------------------
-- (less the nodes c-over-hit's resize_cluster stops, n-under-hit3 and n-under-hit4: the
-- cluster's saving holds their bill; test/5e)
SELECT is((SELECT sum(est_monthly_savings) FROM finsim.waste_summary('aaaaaaaa-0000-0000-0000-000000000001')),
          (SELECT sum(m) FROM (SELECT max(est_monthly_savings) m FROM finsim.waste_findings('aaaaaaaa-0000-0000-0000-000000000001')
                                WHERE resource_name NOT IN ('n-under-hit3', 'n-under-hit4')
                                GROUP BY account_id, resource_type, resource_id) x),
  'summary total = sum over resources of the largest saving of each resource (but the nodes the cluster''s resize stops)');
SELECT ok((SELECT sum(est_monthly_savings) FROM finsim.waste_summary('aaaaaaaa-0000-0000-0000-000000000001'))
        < (SELECT sum(est_monthly_savings) FROM finsim.waste_findings('aaaaaaaa-0000-0000-0000-000000000001')),
  'overlapping findings exist in the estate and are not double counted');
SELECT is((SELECT row(findings, est_monthly_savings)::text FROM finsim.waste_summary('aaaaaaaa-0000-0000-0000-000000000001')
            WHERE pattern = 'premium_volume_low_iops'), row(2::bigint, 4.50::numeric)::text,
  'premium_volume_low_iops counts both findings but not the saving already counted by unattached_volume on vol-unatt-hit');
SELECT is((SELECT sum(findings)::bigint FROM finsim.waste_summary('aaaaaaaa-0000-0000-0000-000000000001')),
          (SELECT count(*) FROM finsim.waste_findings('aaaaaaaa-0000-0000-0000-000000000001')),
  'summary counts every finding');

-- A stopped instance terminated with its volumes (stopped_instance) already holds the cost
-- of its forgotten volume (forgotten_volume): the summary counts that money once.
INSERT INTO finsim.cloud_accounts (id, name, virtual_time)
VALUES ('aaaaaaaa-0000-0000-0000-0000000000c1', 'waste-cover', '2026-06-01 00:00+00');
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, state, last_active_at, tags)
VALUES ('aaaaaaaa-0000-0000-0001-0000000000c1', 'aaaaaaaa-0000-0000-0000-0000000000c1', 'i-cover', 'm5.large', 'stopped',
        '2026-03-01 00:00+00', '{"env":"prod","team":"t","project":"p"}');
INSERT INTO finsim.volumes (id, account_id, volume_id, size_gib, volume_type, state, attached_instance_id, last_used_at, tags)
VALUES ('aaaaaaaa-0000-0000-0002-0000000000c1', 'aaaaaaaa-0000-0000-0000-0000000000c1', 'vol-cover', 500, 'gp3', 'in-use', 'i-cover',
        '2026-03-01 00:00+00', '{"env":"prod","team":"t","project":"p"}');
SELECT is((SELECT array_agg(pattern ORDER BY pattern) FROM finsim.waste_findings('aaaaaaaa-0000-0000-0000-0000000000c1')),
          '{forgotten_volume,stopped_instance}', 'the instance and its volume are both reported');
SELECT is((SELECT sum(est_monthly_savings) FROM finsim.waste_summary('aaaaaaaa-0000-0000-0000-0000000000c1')),
          (SELECT est_monthly_savings FROM finsim.waste_findings('aaaaaaaa-0000-0000-0000-0000000000c1') WHERE pattern = 'stopped_instance'),
          'the summary counts the volume''s cost once, in the instance''s saving');
SELECT is((SELECT remaining_waste FROM finsim.scorecard('aaaaaaaa-0000-0000-0000-0000000000c1')),
          (SELECT sum(est_monthly_savings) FROM finsim.waste_summary('aaaaaaaa-0000-0000-0000-0000000000c1')),
          'the scorecard''s remaining waste is the summary''s total');

-- parity with the guide's six Waste Detection Queries ---------------------------------------
-- Generated estates join in when the generator is merged.
DO $$
BEGIN
  IF to_regprocedure('finsim.create_account(text,integer,bigint,date)') IS NOT NULL THEN
    EXECUTE $q$SELECT finsim.create_account('waste-parity', 3000, 7, current_date - 30)$q$;
  END IF;
END $$;
CREATE TEMP TABLE w_all AS SELECT * FROM finsim.waste_findings();
SELECT is_empty($$
  (SELECT 'idle_instance', id::text FROM finsim.instances WHERE state = 'running' AND avg_cpu_7d < 5 AND optimization_policy <> 'ignore'
   UNION ALL
   SELECT 'unattached_volume', id::text FROM finsim.volumes WHERE state = 'available' AND optimization_policy <> 'ignore'
   UNION ALL
   SELECT 'eip_unassociated', id::text FROM finsim.elastic_ips WHERE state = 'unassociated' AND optimization_policy <> 'ignore'
   UNION ALL
   SELECT 'orphaned_snapshot', s.id::text FROM finsim.snapshots s LEFT JOIN finsim.volumes v ON s.source_volume_id = v.volume_id
    WHERE v.id IS NULL AND s.optimization_policy <> 'ignore'
   UNION ALL
   SELECT 'log_infinite_retention', id::text FROM finsim.log_groups WHERE retention_days IS NULL AND optimization_policy <> 'ignore'
   UNION ALL
   SELECT 'commitment_underutilized', c.id::text FROM finsim.commitments c
     JOIN finsim.commitment_utilization_daily cud ON c.id = cud.commitment_id
    WHERE cud.utilization_percent < 80 AND cud.date = (finsim.now(c.account_id) AT TIME ZONE 'UTC')::date - 1)
  EXCEPT SELECT pattern, resource_id FROM w_all$$,
  'every row of the guide''s six waste queries (policy not ignore; CURRENT_DATE read as the virtual date) is in waste_findings');

SELECT * FROM finish();
ROLLBACK;
