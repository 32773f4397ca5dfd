-- Prices follow the tick: the metric statements run with the pricing trigger off, and Lambda's
-- invocations_7d / avg_duration_ms_7d are pricing inputs of estimated_monthly_cost.  After
-- ticks, every function must cost what the _before_write trigger prices for its current row:
-- each row is copied (cost omitted) into an empty account, where the trigger prices it.
BEGIN;
SET client_min_messages = warning;
SELECT plan(4);

SELECT finsim.create_account('drift43', 800, 43, '2026-01-05') AS a \gset
SELECT finsim.create_account('drift43-prices', 0, 1, '2026-01-05') AS p \gset
CREATE TEMP TABLE before AS
  SELECT id, invocations_7d, avg_duration_ms_7d, estimated_monthly_cost
    FROM finsim.lambda_functions WHERE account_id = :'a';

-- The trigger's price of every function of account a as it is now (copies in account p).
CREATE FUNCTION pg_temp.mispriced(a uuid, p uuid) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
  DELETE FROM finsim.lambda_functions WHERE account_id = p;
  INSERT INTO finsim.lambda_functions (account_id, name, env, region, memory_mb, timeout_seconds,
                                       provisioned_concurrency, invocations_7d, avg_duration_ms_7d)
    SELECT p, name, env, region, memory_mb, timeout_seconds, provisioned_concurrency,
           invocations_7d, avg_duration_ms_7d
      FROM finsim.lambda_functions WHERE account_id = a;
  SELECT count(*) INTO n FROM finsim.lambda_functions f
    JOIN finsim.lambda_functions c ON c.account_id = p AND c.region = f.region AND c.name = f.name
   WHERE f.account_id = a AND c.estimated_monthly_cost IS DISTINCT FROM f.estimated_monthly_cost;
  RETURN n;
END
$$;

SELECT cmp_ok((SELECT count(*) FROM before), '>=', 40::bigint, 'the estate has Lambda functions');

SELECT count(*) FROM finsim.drift_tick(:'a', 1);
SELECT cmp_ok((SELECT count(*) FROM finsim.lambda_functions f JOIN before b USING (id)
                WHERE f.invocations_7d <> b.invocations_7d OR f.avg_duration_ms_7d <> b.avg_duration_ms_7d),
              '>', 0::bigint, 'the tick moved pricing inputs (invocations_7d, avg_duration_ms_7d)');
SELECT is(pg_temp.mispriced(:'a', :'p'), 0::bigint, 'after one tick: every function priced by the trigger''s rule');

SELECT count(*) FROM finsim.drift_tick(:'a', 6);
SELECT is(pg_temp.mispriced(:'a', :'p'), 0::bigint, 'after seven ticks: every function priced by the trigger''s rule');

SELECT * FROM finish();
ROLLBACK;
