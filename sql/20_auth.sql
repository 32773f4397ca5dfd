-- API keys and login: the flow an operator and an agent follow.
CREATE ROLE regress_auth_agent NOLOGIN IN ROLE finsim_agent;
INSERT INTO finsim.cloud_accounts (id, name, virtual_time)
  VALUES ('0d000000-0000-4000-8000-00000000000d', 'regress-auth', '2030-01-01 00:00+00');
INSERT INTO finsim.instances (account_id, instance_id, instance_type, hourly_cost, gpu_hourly_cost)
  VALUES ('0d000000-0000-4000-8000-00000000000d', 'i-regress', 'm5.large', 0.096, 0);

-- An admin creates a key; the secret is shown once (random, so only its shape is shown here).
CREATE TEMP TABLE key AS
  SELECT * FROM finsim.create_api_client('0d000000-0000-4000-8000-00000000000d', 'regress agent',
                                         '{read:*,act:instances}');
SELECT access_key_id ~ '^AKIA[A-Z2-7]{16}$' AS key_id_shape, length(secret) AS secret_length FROM key;
SELECT name, scopes, split_part(secret_key_hash, '$', 1) AS algorithm,
       split_part(secret_key_hash, '$', 2) AS iterations, last_used_at
  FROM finsim.api_clients WHERE account_id = '0d000000-0000-4000-8000-00000000000d';
GRANT SELECT ON key TO regress_auth_agent;

-- Bad requests.
SELECT * FROM finsim.create_api_client('0d000000-0000-4000-8000-00000000000d', 'x', '{admin:*}');
SELECT * FROM finsim.create_api_client('0d000000-0000-4000-8000-00000000000e', 'x');
SELECT * FROM finsim.create_api_client('0d000000-0000-4000-8000-00000000000d', '');

-- The agent: nothing before login, its account after.
SET ROLE regress_auth_agent;
SELECT finsim.current_account_id();
SELECT count(*) AS instances_before_login FROM finsim.instances;
SELECT finsim.login(access_key_id, 'not the secret') FROM key;
SELECT finsim.login('AKIAUNKNOWNKEY000000', 'whatever');
SELECT finsim.login(access_key_id, secret) FROM key;
SELECT finsim.current_account_id();
SELECT count(*) AS instances_after_login FROM finsim.instances;
SELECT name, last_used_at AT TIME ZONE 'UTC' AS last_used_at_utc FROM finsim.api_clients;
SELECT secret_key_hash FROM finsim.api_clients;
SELECT * FROM finsim.create_api_client('0d000000-0000-4000-8000-00000000000d', 'self-made');
SET finsim.account_id = '0d000000-0000-4000-8000-00000000000e';
SELECT finsim.logout();
SELECT count(*) AS instances_after_logout FROM finsim.instances;
RESET ROLE;

DELETE FROM finsim.cloud_accounts WHERE id = '0d000000-0000-4000-8000-00000000000d';
DROP TABLE key;
DROP ROLE regress_auth_agent;
