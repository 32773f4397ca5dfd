-- Indexes: GIN on every tags column and on metric_payload, an index on every state column
-- and on every daily date column (leading with account_id).
BEGIN;
SELECT plan(4);

CREATE FUNCTION pg_temp.indexed(rel regclass, col text, method text DEFAULT NULL) RETURNS boolean
LANGUAGE sql AS $$
  SELECT EXISTS (
    SELECT 1 FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
     WHERE i.indrelid = rel AND (method IS NULL OR am.amname = method)
       AND (SELECT attnum FROM pg_attribute WHERE attrelid = rel AND attname = col) = ANY (i.indkey::int2[]))
$$;

SELECT is(ARRAY(SELECT c.relname::text FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
                 WHERE c.relnamespace = 'finsim'::regnamespace AND c.relkind = 'r'
                   AND a.attname = 'tags' AND a.atttypid = 'jsonb'::regtype
                   AND NOT pg_temp.indexed(c.oid, 'tags', 'gin') ORDER BY 1),
          '{}'::text[], 'every jsonb tags column has a GIN index');
SELECT ok(pg_temp.indexed('finsim.metrics_daily', 'metric_payload', 'gin'), 'metrics_daily.metric_payload has a GIN index');
SELECT is(ARRAY(SELECT c.relname::text FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
                 WHERE c.relnamespace = 'finsim'::regnamespace AND c.relkind = 'r' AND a.attname = 'state'
                   AND NOT pg_temp.indexed(c.oid, 'state') ORDER BY 1),
          '{}'::text[], 'every state column is indexed')
;
SELECT is(ARRAY(SELECT c.relname::text FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
                 WHERE c.relnamespace = 'finsim'::regnamespace AND c.relkind = 'r' AND a.attname = 'date'
                   AND NOT pg_temp.indexed(c.oid, 'date') ORDER BY 1),
          '{}'::text[], 'every daily table is indexed by date');

SELECT * FROM finish();
ROLLBACK;
