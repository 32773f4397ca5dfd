-- Row ids laid out for index locality.  Generated resources (core::ordinal_uuid) lead with
-- their ordinal (plus a per-table offset), so the generator appends to each primary key.  Rows of one
-- resource (core::child_uuid: its metrics_daily days, its resource_tags, a bucket's, log
-- group's or commitment's usage days) lead with the resource's own id, so they are neighbours
-- in the primary key, in date order, and stay unique even for hand-written resource ids that
-- share their leading digits.
BEGIN;
SET client_min_messages = warning;
SELECT plan(18);

-- Rows of `tbl` (metrics_daily or resource_tags) of one account whose id does not lead with
-- its resource id's first 32 bits.
CREATE FUNCTION pg_temp.misprefixed(tbl text, acct uuid) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
  EXECUTE format('SELECT count(*) FROM finsim.%I WHERE account_id = $1 AND left(id::text, 8) <> left(resource_id, 8)', tbl)
    INTO n USING acct;
  RETURN n;
END $$;
-- In primary-key order, the runs of rows of one resource beyond one per resource (0 when each
-- resource's rows are contiguous).
CREATE FUNCTION pg_temp.extra_runs(tbl text, acct uuid) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
  EXECUTE format($q$
    SELECT count(*) FILTER (WHERE prev IS DISTINCT FROM rid) - count(DISTINCT rid)
      FROM (SELECT resource_type || '/' || resource_id AS rid,
                   lag(resource_type || '/' || resource_id) OVER (ORDER BY id) AS prev
              FROM finsim.%I WHERE account_id = $1) x$q$, tbl)
    INTO n USING acct;
  RETURN n;
END $$;

SELECT finsim.create_account('row-ids', 400, 11, '2026-01-05') AS acct \gset
-- The generated resources' ids (before the tick launches resources of its own).
CREATE TEMP TABLE gen_ids AS
  SELECT 'instances' AS tbl, id FROM finsim.instances WHERE account_id = :'acct'
  UNION ALL SELECT 'volumes', id FROM finsim.volumes WHERE account_id = :'acct'
  UNION ALL SELECT 'snapshots', id FROM finsim.snapshots WHERE account_id = :'acct'
  UNION ALL SELECT 'rds_instances', id FROM finsim.rds_instances WHERE account_id = :'acct';
SELECT is((SELECT virtual_date FROM finsim.drift_tick(:'acct', 3)), DATE '2026-01-08',
          'three virtual days simulated');

-- metrics_daily: generated history and ticked days alike.
SELECT cmp_ok((SELECT count(*) FROM finsim.metrics_daily WHERE account_id = :'acct'), '>', 1000::bigint,
              'the estate has metrics history');
SELECT is((SELECT count(*) FROM finsim.metrics_daily
            WHERE account_id = :'acct'
              AND id <> finsim._daily_row_id(resource_type, resource_id, date - DATE '1970-01-01')),
          0::bigint, 'every metrics_daily id is _daily_row_id(type, resource, day)');
SELECT is(pg_temp.misprefixed('metrics_daily', :'acct'), 0::bigint,
          'each metrics_daily id leads with its resource id''s first 32 bits');
SELECT is((SELECT count(*) FROM (
             SELECT row_number() OVER (PARTITION BY resource_type, resource_id ORDER BY id) AS by_id,
                    row_number() OVER (PARTITION BY resource_type, resource_id ORDER BY date) AS by_date
               FROM finsim.metrics_daily WHERE account_id = :'acct') x
            WHERE by_id <> by_date),
          0::bigint, 'a resource''s metrics ids ascend with the date');
SELECT is(pg_temp.extra_runs('metrics_daily', :'acct'), 0::bigint,
          'in primary-key order a resource''s metrics rows are contiguous');

-- resource_tags: the same layout.
SELECT cmp_ok((SELECT count(*) FROM finsim.resource_tags WHERE account_id = :'acct'), '>', 100::bigint,
              'the estate has resource_tags');
SELECT is(pg_temp.misprefixed('resource_tags', :'acct'), 0::bigint,
          'each resource_tags id leads with its resource id''s first 32 bits');
SELECT is(pg_temp.extra_runs('resource_tags', :'acct'), 0::bigint,
          'in primary-key order a resource''s tags are contiguous');

-- The usage rows of buckets, log groups and commitments: one id scheme for every daily table.
SELECT is((SELECT count(*) FROM finsim.s3_bucket_usage_daily WHERE account_id = :'acct'
              AND id <> finsim._daily_row_id('s3_buckets', bucket_id::text, date - DATE '1970-01-01'))
          + (SELECT count(*) FROM finsim.log_group_usage_daily WHERE account_id = :'acct'
              AND id <> finsim._daily_row_id('log_groups', log_group_id::text, date - DATE '1970-01-01'))
          + (SELECT count(*) FROM finsim.commitment_utilization_daily WHERE account_id = :'acct'
              AND id <> finsim._daily_row_id('commitments', commitment_id::text, date - DATE '1970-01-01')),
          0::bigint, 'usage rows of buckets, log groups and commitments are _daily_row_id(parent, day)');
SELECT cmp_ok((SELECT count(*) FROM finsim.s3_bucket_usage_daily WHERE account_id = :'acct'), '>', 0::bigint,
              'the estate has bucket usage rows');

-- The generated resources: in each table the ids' first 32 bits are an offset plus the
-- ordinals 0..n-1, and the next 16 bits are the same for the whole table.
SELECT is((SELECT count(*) FROM (
             SELECT tbl, count(DISTINCT substr(id::text, 10, 4)) AS tags,
                    min(('x' || left(id::text, 8))::bit(32)::bigint) AS lo,
                    max(('x' || left(id::text, 8))::bit(32)::bigint) AS hi,
                    count(DISTINCT left(id::text, 8)) AS ordinals, count(*) AS n
               FROM gen_ids GROUP BY tbl) x
            WHERE tags = 1 AND hi - lo = n - 1 AND ordinals = n),
          4::bigint, 'generated ids of each table: consecutive leading 32 bits, one tag in the next 16');
SELECT is((SELECT count(DISTINCT substr(id::text, 10, 4)) FROM gen_ids), 4::bigint,
          'the tables differ in their tag');

-- Well-formed version-8 uuids.
SELECT is((SELECT count(*) FROM finsim.metrics_daily
            WHERE account_id = :'acct'
              AND NOT (substr(id::text, 15, 1) = '8' AND substr(id::text, 20, 1) IN ('8', '9', 'a', 'b'))),
          0::bigint, 'metrics_daily ids are RFC 9562 version-8 uuids');

-- Unique where the leading digits are shared (hand-written ids) and for non-uuid resource ids.
SELECT is((SELECT count(DISTINCT finsim._daily_row_id('volumes', 'e1000000-0000-4000-8000-' || lpad(g::text, 12, '0'), 20500))
             FROM generate_series(1, 200000) g),
          200000::bigint, '200,000 resources sharing their first 96 bits get distinct ids');
SELECT is((SELECT count(DISTINCT finsim._daily_row_id(t, r, d))
             FROM unnest(ARRAY['volumes', 'instances']) t, unnest(ARRAY['vol-1', 'vol-2', 'not a uuid']) r,
                  generate_series(-3, 3) d),
          42::bigint, 'distinct per type, per non-uuid resource id and per day');
SELECT ok(finsim._daily_row_id('volumes', 'e1000000-0000-4000-8000-000000000001', -1)
          < finsim._daily_row_id('volumes', 'e1000000-0000-4000-8000-000000000001', 0)
          AND finsim._daily_row_id('volumes', 'e1000000-0000-4000-8000-000000000001', 0)
          < finsim._daily_row_id('volumes', 'e1000000-0000-4000-8000-000000000001', 2000000),
          'ids ascend with the day across 1970-01-01');
SELECT is(finsim._daily_row_id('volumes', NULL, 1), NULL, 'NULL in, NULL out');

SELECT * FROM finish();
ROLLBACK;
