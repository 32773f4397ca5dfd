-- Caller text echoed in an error message is clipped (robustness review #10): a 1 MB argument
-- gives a short message, with the SQLSTATE it always had, and changes nothing.
BEGIN;
SELECT plan(6);

INSERT INTO finsim.cloud_accounts (id, name, virtual_time, seed) VALUES
  ('9b9b0000-0000-0000-0000-000000000001', 'clip-a', '2026-03-02 00:00+00', 9);
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, state, env)
  VALUES ('9b9b0000-0000-0000-0000-0000000000f1', '9b9b0000-0000-0000-0000-000000000001', 'i-clip',
          'm5.large', 'running', 'prod');

-- SQLSTATE and message length of a statement's error.
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE s text; m text;
BEGIN
  EXECUTE q;
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE, m = MESSAGE_TEXT;
  RETURN s || CASE WHEN octet_length(m) <= 300 THEN ' short' ELSE ' ' || octet_length(m) || ' bytes' END;
END $$;

SELECT is(pg_temp.err($$SELECT finsim._waste_sql(repeat('a', 1000000))$$), '22023 short',
          '_waste_sql: an unknown 1 MB scope gives 22023 with a short message');
SELECT is(pg_temp.err($$SELECT finsim.create_api_client('9b9b0000-0000-0000-0000-000000000001', 'x',
                                                        ARRAY[repeat('a', 1000000)])$$), '22023 short',
          'create_api_client: an invalid 1 MB scope gives 22023 with a short message');
SELECT is((SELECT count(*)::int FROM finsim.api_clients WHERE account_id = '9b9b0000-0000-0000-0000-000000000001'), 0,
          '... and no key was made');
SELECT is(pg_temp.err($$UPDATE finsim.instances SET instance_type = repeat('m5.', 300000)
                        WHERE instance_id = 'i-clip'$$), '22023 short',
          'the cost trigger: an unknown 900 kB instance type gives 22023 with a short message');
SELECT is(pg_temp.err($$UPDATE finsim.instances SET region = repeat('r', 1000000)
                        WHERE instance_id = 'i-clip'$$), '22023 short',
          '... and an unknown 1 MB region');
SELECT is((SELECT instance_type || ' ' || region FROM finsim.instances WHERE instance_id = 'i-clip'),
          'm5.large us-east-1', '... and the instance is unchanged');

SELECT * FROM finish();
ROLLBACK;
