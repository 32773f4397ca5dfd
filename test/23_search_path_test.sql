-- search_path hijack: an agent puts look-alike functions and operators (uuid/text "=",
-- now(), current_account_id(), lower(), coalesce-ish helpers) in its own schema ahead of
-- pg_catalog, then calls every finsim entry point.  finsim's SECURITY DEFINER functions pin
-- search_path, so none of the attacker's objects may run inside them (each records its
-- call), and no row of another account becomes visible.
BEGIN;
SELECT plan(7);


GRANT ALL ON ALL TABLES IN SCHEMA pg_temp TO PUBLIC;
GRANT ALL ON ALL SEQUENCES IN SCHEMA pg_temp TO PUBLIC;

CREATE ROLE tap_hijacker NOLOGIN IN ROLE finsim_agent;
CREATE SCHEMA hijack AUTHORIZATION tap_hijacker;
CREATE TABLE hijack.calls (fn text, by_role text);
GRANT ALL ON hijack.calls TO PUBLIC;

INSERT INTO finsim.cloud_accounts (id, name) VALUES
  ('0a000000-0000-4000-8000-0000000000aa', 'hijack-A'),
  ('0b000000-0000-4000-8000-0000000000bb', 'hijack-B');
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, env, state, avg_cpu_7d)
VALUES ('1a000000-0000-4000-8000-0000000000aa', '0a000000-0000-4000-8000-0000000000aa', 'i-hijack-a', 'm5.xlarge', 'dev', 'running', 1),
       ('1b000000-0000-4000-8000-0000000000bb', '0b000000-0000-4000-8000-0000000000bb', 'i-hijack-b', 'm5.xlarge', 'dev', 'running', 1);
CREATE TEMP TABLE k AS
  SELECT * FROM finsim.create_api_client('0a000000-0000-4000-8000-0000000000aa', 'hijacker', '{read:*,act:*}');
GRANT SELECT ON k TO PUBLIC;
CREATE TEMP TABLE obs (what text, val text);
GRANT ALL ON obs TO PUBLIC;

SET ROLE tap_hijacker;
CREATE FUNCTION hijack.record(fn text) RETURNS boolean LANGUAGE sql
  AS $$ INSERT INTO hijack.calls VALUES (fn, current_user) RETURNING true $$;
CREATE FUNCTION hijack.uuid_eq(a uuid, b uuid) RETURNS boolean LANGUAGE sql
  AS $$ SELECT hijack.record('uuid =') $$;
CREATE OPERATOR hijack.= (LEFTARG = uuid, RIGHTARG = uuid, FUNCTION = hijack.uuid_eq);
CREATE FUNCTION hijack.text_eq(a text, b text) RETURNS boolean LANGUAGE sql
  AS $$ SELECT hijack.record('text =') $$;
CREATE OPERATOR hijack.= (LEFTARG = text, RIGHTARG = text, FUNCTION = hijack.text_eq);
CREATE FUNCTION hijack.now(a uuid) RETURNS timestamptz LANGUAGE sql
  AS $$ SELECT CASE WHEN hijack.record('now(uuid)') THEN 'infinity'::timestamptz END $$;
CREATE FUNCTION hijack.now() RETURNS timestamptz LANGUAGE sql
  AS $$ SELECT CASE WHEN hijack.record('now()') THEN 'infinity'::timestamptz END $$;
CREATE FUNCTION hijack.current_account_id() RETURNS uuid LANGUAGE sql
  AS $$ SELECT CASE WHEN hijack.record('current_account_id') THEN '0b000000-0000-4000-8000-0000000000bb'::uuid END $$;
CREATE FUNCTION hijack.lower(a text) RETURNS text LANGUAGE sql
  AS $$ SELECT CASE WHEN hijack.record('lower') THEN a END $$;
CREATE FUNCTION hijack.jsonb_typeof(a jsonb) RETURNS text LANGUAGE sql
  AS $$ SELECT CASE WHEN hijack.record('jsonb_typeof') THEN 'object' END $$;
CREATE FUNCTION hijack.round(a numeric, b integer) RETURNS numeric LANGUAGE sql
  AS $$ SELECT CASE WHEN hijack.record('round') THEN a END $$;

SET search_path = hijack, pg_catalog, public, pg_temp;

-- Every entry point an agent can reach (those that do not exist yet are skipped).
-- (pgTAP itself uses unqualified operators, so observations are stored and asserted after
-- the search_path is restored.)
INSERT INTO obs SELECT 'login', finsim.login(k.access_key_id, k.secret)::text FROM k;
DO $$
DECLARE
  stmt text;
BEGIN
  FOREACH stmt IN ARRAY ARRAY[
    'SELECT finsim.now(''0a000000-0000-4000-8000-0000000000aa'')',
    'SELECT finsim.current_account_id()',
    'SELECT finsim.monthly_run_rate(''0a000000-0000-4000-8000-0000000000aa'')',
    'SELECT * FROM finsim.price_list() LIMIT 3',
    'SELECT finsim.price(''ec2'', ''m5.large'')',
    'SELECT * FROM finsim.waste_findings()',
    'SELECT * FROM finsim.waste_summary()',
    'SELECT * FROM finsim.patterns()',
    'SELECT * FROM finsim.actions()',
    'SELECT * FROM finsim.apply_action(''instances'', ''1b000000-0000-4000-8000-0000000000bb'', ''stop_instance'')',
    'SELECT * FROM finsim.apply_action(''instances'', ''1a000000-0000-4000-8000-0000000000aa'', ''stop_instance'', ''{}'', ''hijack test'')',
    'SELECT * FROM finsim.scorecard(''0a000000-0000-4000-8000-0000000000aa'')',
    'SELECT * FROM finsim.scorecard(''0b000000-0000-4000-8000-0000000000bb'')',
    'SELECT * FROM finsim.estate_summary(''0b000000-0000-4000-8000-0000000000bb'')'
  ] LOOP
    BEGIN
      EXECUTE stmt;
    EXCEPTION WHEN undefined_function THEN NULL;     -- entry point not installed
              WHEN insufficient_privilege OR no_data_found OR invalid_parameter_value THEN NULL;
    END;
  END LOOP;
END
$$;

-- Control: the caller's own plain "=" does resolve to the attacker's operator.
INSERT INTO obs SELECT 'control', pg_catalog.count(*)::text FROM finsim.instances i
                 WHERE i.instance_id = 'no such instance';
INSERT INTO obs SELECT 'account', finsim.current_account_id()::text;
INSERT INTO obs SELECT 'b_rows', pg_catalog.count(*)::text FROM finsim.instances i
                 WHERE i.account_id OPERATOR(pg_catalog.=) '0b000000-0000-4000-8000-0000000000bb'::uuid;
INSERT INTO obs SELECT 'a_state', i.state FROM finsim.instances i
                 WHERE i.id OPERATOR(pg_catalog.=) '1a000000-0000-4000-8000-0000000000aa'::uuid;
RESET ROLE;
SET search_path = pg_catalog, public;
SELECT is((SELECT val FROM obs WHERE what = 'login'), '0a000000-0000-4000-8000-0000000000aa',
          'login works under a hijacked search_path');
SELECT is((SELECT val FROM obs WHERE what = 'account'), '0a000000-0000-4000-8000-0000000000aa',
          'the session still belongs to account A');
SELECT is((SELECT val FROM obs WHERE what = 'b_rows'), '0', 'no row of account B is visible');
SELECT is((SELECT val FROM obs WHERE what = 'a_state'), 'stopped',
          'the action on A''s own instance was applied');
SELECT is((SELECT state FROM finsim.instances WHERE id = '1b000000-0000-4000-8000-0000000000bb'),
          'running', 'B''s instance was not touched');
SELECT cmp_ok((SELECT count(*) FROM hijack.calls WHERE by_role = 'tap_hijacker'), '>', 0::bigint,
              'control: the hijack is live for the caller''s own SQL');
SELECT is((SELECT string_agg(DISTINCT fn || ' as ' || by_role, ', ') FROM hijack.calls WHERE by_role <> 'tap_hijacker'),
          NULL, 'no hijack object ran with finsim''s (definer) privileges');

SELECT * FROM finish();
ROLLBACK;
