-- Every change drift makes writes resource_change_events (drift_engine, the virtual time):
-- rows the engine creates too, not only changed fields.  The daily backups' snapshots and a
-- preview launch's root volume and Elastic IP get a 'created' row (new_value the resource's
-- identifier, as the audit trigger's 'deleted' row holds it in old_value), like the preview
-- instance (state NULL -> pending) and the new log group (retention_days) already had.
BEGIN;
SET client_min_messages = warning;
\ir 40_drift_estate.psql
SELECT plan(8);

SELECT pg_temp.drift_estate('drift4k', 42) AS a \gset
SELECT count(*) FROM finsim.drift_tick(:'a', 30);

CREATE TEMP TABLE created AS
  SELECT resource_type, resource_id, new_value, old_value, changed_at, change_source, reason
    FROM finsim.resource_change_events WHERE account_id = :'a' AND field_name = 'created';

SELECT cmp_ok((SELECT count(*) FROM finsim.snapshots WHERE account_id = :'a'), '>=', 30::bigint,
              'daily backups accrued');
SELECT is((SELECT count(*) FROM finsim.snapshots s WHERE s.account_id = :'a' AND NOT EXISTS (
             SELECT 1 FROM created c WHERE c.resource_type = 'snapshots' AND c.resource_id = s.id::text
                AND c.new_value = s.snapshot_id AND c.changed_at = s.created_at AND c.change_source = 'drift_engine'
                AND c.old_value IS NULL)), 0::bigint,
          'each snapshot drift took has its created row (drift_engine, at its created_at)');
SELECT cmp_ok((SELECT count(*) FROM finsim.volumes WHERE account_id = :'a' AND tags->>'env' = 'preview'), '>', 0::bigint,
              'preview launches created volumes');
SELECT is((SELECT count(*) FROM finsim.volumes v WHERE v.account_id = :'a' AND v.tags->>'env' = 'preview' AND NOT EXISTS (
             SELECT 1 FROM created c WHERE c.resource_type = 'volumes' AND c.resource_id = v.id::text
                AND c.new_value = v.volume_id AND c.change_source = 'drift_engine')), 0::bigint,
          'each preview root volume has its created row');
SELECT cmp_ok((SELECT count(*) FROM finsim.elastic_ips WHERE account_id = :'a' AND public_ip::text LIKE '203.%'), '>', 0::bigint,
              'preview launches allocated Elastic IPs');
SELECT is((SELECT count(*) FROM finsim.elastic_ips e WHERE e.account_id = :'a' AND e.public_ip::text LIKE '203.%' AND NOT EXISTS (
             SELECT 1 FROM created c WHERE c.resource_type = 'elastic_ips' AND c.resource_id = e.id::text
                AND c.new_value = e.allocation_id AND c.change_source = 'drift_engine')), 0::bigint,
          'each preview Elastic IP has its created row');
SELECT is((SELECT count(*) FROM created WHERE changed_at < '2026-01-05' OR changed_at >= '2026-02-04'
             OR changed_at <> date_trunc('day', changed_at) OR reason NOT LIKE 'drift: %'), 0::bigint,
          'created rows carry the virtual day and a drift reason');
-- The summary counts them: rows_written includes the event rows.
SELECT pg_temp.drift_estate('drift4k2', 42) AS b \gset
SELECT ok((SELECT rows_written FROM finsim.drift_tick(:'b')) >
          (SELECT count(*) FROM finsim.metrics_daily WHERE account_id = :'b') * 2, 'the summary counts rows written');

SELECT * FROM finish();
ROLLBACK;
