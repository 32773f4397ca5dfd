BEGIN;
SELECT plan(4);
SELECT is((SELECT count(*)::int FROM pg_tables WHERE schemaname = 'finsim'), 27, 'finsim has 27 tables');
SELECT is(ARRAY(SELECT format('%s.%s', r.relname, a.attname)
                  FROM pg_attribute a
                  JOIN pg_class r ON r.oid = a.attrelid AND r.relkind = 'r'
                  JOIN pg_namespace n ON n.oid = r.relnamespace AND n.nspname = 'finsim'
                 WHERE a.attnum > 0 AND NOT a.attisdropped
                   AND a.attname IN ('account_id', 'optimization_policy', 'optimization_freeze_until',
                                     'created_at', 'updated_at')
                   AND coalesce(col_description(a.attrelid, a.attnum), '') = ''
                 ORDER BY 1),
          '{}'::text[], 'the columns finsim adds to every table are commented');
SELECT is(ARRAY(SELECT c FROM unnest(ARRAY['cloud_accounts.ticks', 'cloud_accounts.start_date',
                  'cloud_accounts.resources_requested', 'cloud_accounts.baseline_at', 'api_clients.revoked_at', 'api_clients.issued_at',
                  'api_clients.secret_key_hash', 'instances.last_active_at', 'volumes.provisioned_iops',
                  'resource_change_events.reason', 'recommendations.status', 'recommendations.reason']) c
                 WHERE coalesce(col_description(('finsim.' || split_part(c, '.', 1))::regclass,
                         (SELECT attnum FROM pg_attribute WHERE attrelid = ('finsim.' || split_part(c, '.', 1))::regclass
                             AND attname = split_part(c, '.', 2))), '') = ''),
          '{}'::text[], 'finsim''s own columns are commented');
SELECT is(ARRAY(SELECT rolname::text FROM pg_roles
                 WHERE rolname IN ('finsim_admin', 'finsim_agent')
                   AND coalesce(shobj_description(oid, 'pg_authid'), '') = '' ORDER BY 1),
          '{}'::text[], 'both roles are commented');
SELECT * FROM finish();
ROLLBACK;
