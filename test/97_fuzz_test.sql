-- Hostile input: every public and internal SQL-callable function in schema finsim is called
-- with NULLs, empty and huge strings, extreme integers and numerics, NaN/infinity, malformed
-- jsonb, infinity dates and injection-looking text — one argument at a time (the others
-- sane), plus a bounded seeded random mix.  Every call runs in its own subtransaction.
-- Outcome: no internal error (SQLSTATE class XX), the backend survives, no hang.
BEGIN;
SELECT plan(6);

CREATE TEMP TABLE fuzz_log (fn text, args text, sqlstate text, message text);

-- A real account to point sane uuid arguments at (hand-written, so this file does not
-- depend on the generator).
INSERT INTO finsim.cloud_accounts (id, name) VALUES ('00000000-0000-4000-8000-00000000f022', 'fuzz-account');

CREATE TEMP TABLE fuzz_values (typ text, val text);
INSERT INTO fuzz_values VALUES
  ('text', NULL), ('text', ''), ('text', repeat('x', 100000)), ('text', $$'; DROP TABLE finsim.instances; --$$),
  ('text', 'instances'), ('text', 'terminate_instance'), ('text', E'\\x00'), ('text', 'read:*'),
  ('text', 'ec2'), ('text', 'm5.large'), ('text', 'us-east-1'), ('text', '💥 ünïcødé'),
  -- type names whose size part is no size (a 400-digit count overflowed a double; 0 has no log)
  ('text', 'm5.' || repeat('9', 400) || 'xlarge'), ('text', 'm5.0xlarge'),
  ('integer', NULL), ('integer', '0'), ('integer', '-1'), ('integer', '-2147483648'), ('integer', '2147483647'),
  ('bigint', NULL), ('bigint', '0'), ('bigint', '-9223372036854775808'), ('bigint', '9223372036854775807'),
  ('numeric', NULL), ('numeric', 'NaN'), ('numeric', '1e300'), ('numeric', '-1e300'), ('numeric', '0'),
  ('uuid', NULL), ('uuid', '00000000-0000-0000-0000-000000000000'), ('uuid', '00000000-0000-4000-8000-00000000f022'),
  ('jsonb', NULL), ('jsonb', '{}'), ('jsonb', '[]'), ('jsonb', '"str"'), ('jsonb', '{"instance_type": 5}'),
  ('jsonb', '{"min_size": -1, "desired_capacity": "x"}'), ('jsonb', '{"retention_days": 1e300}'),
  ('jsonb', 'null'), ('jsonb', '{"a": {"b": [1, 2, {"c": null}]}}'),
  ('date', NULL), ('date', 'infinity'), ('date', '-infinity'), ('date', '4713-01-01 BC'), ('date', '2026-01-01'),
  ('timestamptz', NULL), ('timestamptz', 'infinity'), ('timestamptz', '2026-01-01'),
  ('boolean', NULL), ('boolean', 'true'), ('boolean', 'false'),
  ('text[]', NULL), ('text[]', '{}'), ('text[]', '{act:*}'), ('text[]', '{"read:*","bogus"}'), ('text[]', '{NULL}');

CREATE TEMP TABLE fuzz_sane (typ text PRIMARY KEY, val text);
INSERT INTO fuzz_sane VALUES ('text', 'instances'), ('integer', '1'), ('bigint', '1'), ('numeric', '1'),
  ('uuid', '00000000-0000-4000-8000-00000000f022'), ('jsonb', '{}'), ('date', '2026-01-01'),
  ('timestamptz', '2026-01-01'), ('boolean', 'false'), ('text[]', '{read:*}');

-- The functions under test: every non-trigger function of the extension except the
-- boundary self-tests (which raise chosen SQLSTATEs on purpose).
CREATE TEMP TABLE fuzz_fns AS
SELECT p.oid, p.proname, p.oid::regprocedure::text AS sig,
       array(SELECT format_type(t, NULL) FROM unnest(p.proargtypes::oid[]) t) AS types,
       p.proretset AS setof
  FROM pg_proc p
 WHERE p.pronamespace = 'finsim'::regnamespace
   AND p.prorettype <> 'trigger'::regtype
   AND p.prokind = 'f'
   AND p.proname NOT LIKE '\_boundary%'
   AND p.proname NOT IN ('drift_tick');  -- exercised with bounded days below

CREATE FUNCTION pg_temp.fuzz_call(fn text, types text[], vals text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  args text := '';
  st text;
  msg text;
BEGIN
  FOR i IN 1 .. coalesce(array_length(types, 1), 0) LOOP
    args := args || CASE WHEN i > 1 THEN ', ' ELSE '' END
                 || coalesce(quote_literal(vals[i]), 'NULL') || '::' || types[i];
  END LOOP;
  BEGIN
    -- Plain EXECUTE runs the call to completion (a wrapping count(*) could let the
    -- planner skip an unused immutable call); set-returning functions return all rows.
    EXECUTE format('SELECT finsim.%I(%s)', fn, args);
    -- Roll back a successful call too, so one call's effects (a dropped account, a tick)
    -- never change what the next call sees.
    RAISE EXCEPTION 'fuzz call succeeded' USING ERRCODE = 'FZ000';
  EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
    IF st = 'FZ000' THEN st := '00000'; msg := 'ok'; END IF;
    INSERT INTO pg_temp.fuzz_log VALUES (fn, left(args, 200), st, msg);
  END;
END
$$;

-- One argument at a time (as the superuser here, and again as a logged-in agent below).
CREATE FUNCTION pg_temp.fuzz_one_at_a_time() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  f record;
  v record;
  vals text[];
BEGIN
  FOR f IN SELECT * FROM pg_temp.fuzz_fns ORDER BY sig LOOP
    FOR i IN 1 .. coalesce(array_length(f.types, 1), 0) LOOP
      FOR v IN SELECT val FROM pg_temp.fuzz_values WHERE typ = f.types[i] LOOP
        vals := array(SELECT (SELECT s.val FROM pg_temp.fuzz_sane s WHERE s.typ = t)
                        FROM unnest(f.types) t);
        vals[i] := v.val;
        PERFORM pg_temp.fuzz_call(f.proname, f.types, vals);
      END LOOP;
    END LOOP;
    IF coalesce(array_length(f.types, 1), 0) = 0 THEN
      PERFORM pg_temp.fuzz_call(f.proname, f.types, '{}');
    END IF;
  END LOOP;
END
$$;
SELECT pg_temp.fuzz_one_at_a_time();

-- A bounded seeded random mix: every argument hostile at once.
SELECT setseed(0.42);
DO $$
DECLARE
  f record;
  vals text[];
BEGIN
  FOR round IN 1 .. 3 LOOP
    FOR f IN SELECT * FROM pg_temp.fuzz_fns ORDER BY sig LOOP
      vals := array(SELECT (SELECT v.val FROM pg_temp.fuzz_values v WHERE v.typ = t ORDER BY random() LIMIT 1)
                      FROM unnest(f.types) t);
      PERFORM pg_temp.fuzz_call(f.proname, f.types, vals);
    END LOOP;
  END LOOP;
END
$$;

-- The same as an agent logged in to the fuzz account with act:* (functions it may not call
-- must refuse with 42501, never fail internally).
CREATE ROLE tap_fuzz_agent NOLOGIN IN ROLE finsim_agent;
GRANT ALL ON ALL TABLES IN SCHEMA pg_temp TO PUBLIC;
GRANT ALL ON ALL SEQUENCES IN SCHEMA pg_temp TO PUBLIC;
CREATE TEMP TABLE fuzz_key AS
  SELECT * FROM finsim.create_api_client('00000000-0000-4000-8000-00000000f022', 'fuzz agent', '{read:*,act:*}');
GRANT SELECT ON fuzz_key TO PUBLIC;
GRANT EXECUTE ON FUNCTION pg_temp.fuzz_call(text, text[], text[]), pg_temp.fuzz_one_at_a_time() TO PUBLIC;
SET ROLE tap_fuzz_agent;
SELECT finsim.login(access_key_id, secret) IS NOT NULL AS logged_in FROM fuzz_key;
CREATE TEMP TABLE fuzz_mark AS SELECT count(*) AS n FROM pg_temp.fuzz_log;
SELECT pg_temp.fuzz_one_at_a_time();
RESET ROLE;

-- drift_tick with hostile days, kept bounded (days above 3650 must be refused).
DO $$
DECLARE
  d text;
BEGIN
  IF to_regprocedure('finsim.drift_tick(uuid,integer)') IS NOT NULL THEN
    FOREACH d IN ARRAY ARRAY[NULL, '0', '-1', '-2147483648', '2147483647', '3651'] LOOP
      PERFORM pg_temp.fuzz_call('drift_tick', ARRAY['uuid', 'integer'],
                                ARRAY['00000000-0000-4000-8000-00000000f022', d]);
    END LOOP;
  END IF;
END
$$;

SELECT cmp_ok((SELECT count(*) FROM pg_temp.fuzz_log WHERE sqlstate <> '00000'), '>',
              (SELECT count(*) FROM pg_temp.fuzz_fns), 'hostile calls were made and refused (at least one per function)');
SELECT is((SELECT string_agg(fn || '(' || args || ') -> ' || sqlstate || ' ' || left(message, 120), E'\n')
             FROM pg_temp.fuzz_log WHERE sqlstate LIKE 'XX%'), NULL,
          'no internal error (SQLSTATE class XX) for any input');
SELECT is((SELECT string_agg(DISTINCT fn || ': ' || sqlstate, ', ') FROM pg_temp.fuzz_log
            WHERE message IS NULL OR message = ''), NULL, 'every error has a message');
SELECT cmp_ok((SELECT count(*) FROM pg_temp.fuzz_log) - (SELECT n FROM fuzz_mark), '>',
              (SELECT count(*) FROM pg_temp.fuzz_fns), 'the agent pass made calls too');
SELECT ok(EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = pg_backend_pid()), 'the backend survived');

-- A stored row of such a type (unknown to the catalog, costs given) is simply not sized:
-- detection over it works and finds nothing to rightsize.
INSERT INTO finsim.instances (account_id, instance_id, instance_type, state, env, avg_cpu_7d, hourly_cost, gpu_hourly_cost)
VALUES ('00000000-0000-4000-8000-00000000f022', 'i-oddsize', 'm5.' || repeat('9', 400) || 'xlarge', 'running', 'prod', 10, 1, 0);
SELECT is((SELECT string_agg(pattern, ',' ORDER BY pattern) FROM finsim.waste_findings('00000000-0000-4000-8000-00000000f022')
            WHERE resource_name = 'i-oddsize'), 'untagged_resource',
          'an instance of an unsized type: detection runs, no rightsizing finding');

SELECT * FROM finish();
ROLLBACK;
