-- "Tags go missing" on a generated estate: the owner tag the guide requires is `team` (required
-- tags env, team, project), which generated instances carry in tags and in resource_tags.
-- The drift engine's tag loss (0.1 % of live instances a day) must remove that tag from both,
-- log it (drift_engine, virtual time), leave alone instances whose tags an agent or a person
-- changed, and so make untagged_resource find them.  (It used to remove an `owner` key no
-- generated instance has: on a generated estate no tag was ever lost.)  Drift's own preview
-- instances carry env and project, and 70 % a team.
BEGIN;
SET client_min_messages = warning;
SELECT plan(10);

SELECT finsim.create_account('drift4i', 1500, 42, '2026-01-05') AS a \gset
SELECT seed AS seed FROM finsim.cloud_accounts WHERE id = :'a' \gset

-- The instances the day draws would strip over the next 30 days (the rule's own draw), and
-- their team before.  Half of them get a person's tag change first: drift must spare those.
CREATE TEMP TABLE drawn AS
  SELECT i.id, i.tags->>'team' AS team, row_number() OVER (ORDER BY i.id) % 2 = 0 AS by_person
    FROM finsim.instances i
   WHERE i.account_id = :'a' AND i.state <> 'terminated' AND i.tags ? 'team'
     AND EXISTS (SELECT 1 FROM generate_series(0, 29) k, LATERAL (SELECT DATE '2026-01-05' + k AS d) x
                  WHERE finsim._drift_unit(:seed, i.id::text, 'untag:' || to_char(d, 'YYYY-MM-DD')) < 0.001);
SELECT cmp_ok((SELECT count(*) FROM drawn), '>=', 4::bigint, 'the draws pick several generated instances');
INSERT INTO finsim.resource_change_events (account_id, resource_type, resource_id, change_source, field_name,
                                           old_value, new_value, changed_at)
  SELECT :'a', 'instances', id::text, 'manual', 'tags.team', team, team, '2026-01-04'
    FROM drawn WHERE by_person;

SELECT count(*) FROM finsim.drift_tick(:'a', 30);

CREATE TEMP TABLE lost AS
  SELECT resource_id, old_value, changed_at, change_source, new_value FROM finsim.resource_change_events
   WHERE account_id = :'a' AND field_name = 'tags.team' AND change_source = 'drift_engine';
SELECT cmp_ok((SELECT count(*) FROM lost), '>', 0::bigint, 'generated instances lose their team tag');
SELECT is((SELECT count(*) FROM lost l JOIN drawn d ON d.id::text = l.resource_id WHERE d.by_person), 0::bigint,
          'never one whose tags a person changed');
SELECT is((SELECT count(*) FROM lost l JOIN finsim.instances i ON i.account_id = :'a' AND i.id::text = l.resource_id
            WHERE i.tags ? 'team'), 0::bigint, 'the tag is gone from instances.tags');
SELECT is((SELECT count(*) FROM lost l JOIN finsim.resource_tags t ON t.account_id = :'a'
             AND t.resource_type = 'instances' AND t.resource_id = l.resource_id AND t.key = 'team'), 0::bigint,
          '... and from resource_tags');
SELECT is((SELECT count(*) FROM lost l LEFT JOIN drawn d ON d.id::text = l.resource_id
            WHERE (d.id IS NOT NULL AND l.old_value IS DISTINCT FROM d.team)  -- (or a preview launched since)
               OR l.old_value IS NULL OR l.new_value IS NOT NULL), 0::bigint,
          'each event holds the team it lost (old_value) and NULL');
SELECT is((SELECT count(*) FROM lost WHERE changed_at < '2026-01-05' OR changed_at >= '2026-02-04'
             OR changed_at <> date_trunc('day', changed_at)), 0::bigint, '... at the virtual day');
SELECT is((SELECT count(*) FROM lost l WHERE NOT EXISTS (
             SELECT 1 FROM finsim.waste_findings(:'a') w WHERE w.pattern = 'untagged_resource'
                AND w.resource_type = 'instances' AND w.resource_id = l.resource_id
                AND w.evidence->'missing_tags' ? 'team')), 0::bigint,
          'untagged_resource finds every instance that lost its team');

-- Drift's preview instances: env and project always, a team on most, no `owner` key.
SELECT is((SELECT count(*) FROM finsim.instances WHERE account_id = :'a' AND env = 'preview'
             AND launch_time >= '2026-01-05' AND (tags ? 'owner' OR NOT tags ?& ARRAY['env', 'project'])), 0::bigint,
          'drift''s previews carry env and project (and no owner key)');
SELECT ok((SELECT count(*) FILTER (WHERE tags ? 'team') > 0 AND count(*) FILTER (WHERE NOT tags ? 'team') > 0
             FROM finsim.instances WHERE account_id = :'a' AND env = 'preview' AND launch_time >= '2026-01-05'),
          'some previews have a team, some do not');

SELECT * FROM finish();
ROLLBACK;
