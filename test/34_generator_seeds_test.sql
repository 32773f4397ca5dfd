-- Generated estates over ten seeds at 2,000 resources: what must hold for every seed, not
-- just for the one estate test/30 looks at.  From 2,000 resources on, the first rows of the
-- small tables take the edge categories (README, Estate shape), so every registered pattern
-- has findings in every estate.
BEGIN;
SET client_min_messages = warning;
SELECT plan(3);

CREATE TEMP TABLE seeds AS
  SELECT s AS seed, finsim.create_account('tap-seeds-' || s, 2000, s, '2026-03-02') AS id FROM generate_series(1, 10) s;

-- ---------------------------------------------------------------- every pattern, every seed
CREATE TEMP TABLE found AS
  SELECT DISTINCT s.seed, f.pattern FROM seeds s CROSS JOIN LATERAL finsim.waste_findings(s.id) f;
SELECT is_empty($$SELECT s.seed, p.code FROM seeds s CROSS JOIN (SELECT DISTINCT code FROM finsim.patterns()) p
                  EXCEPT SELECT seed, pattern FROM found ORDER BY 1, 2$$,
                'every registered pattern has findings in each of the ten estates');

-- ---------------------------------------------------------------- commitments
-- The guide's typical discounts: Reserved Instance 30-60%, Savings Plan 20-40%, EDP 5-15%.
SELECT is_empty($$SELECT c.commitment_type, c.term_months, c.discount_percent
                    FROM finsim.commitments c JOIN seeds s ON s.id = c.account_id
                   WHERE NOT CASE c.commitment_type WHEN 'reserved_instance' THEN c.discount_percent BETWEEN 30 AND 60
                                                    WHEN 'savings_plan' THEN c.discount_percent BETWEEN 20 AND 40
                                                    WHEN 'edp' THEN c.discount_percent BETWEEN 5 AND 15 ELSE false END$$,
                'every generated commitment''s discount is within the guide''s range for its type (RI 30-60%, Savings Plan 20-40%, EDP 5-15%)');
SELECT is((SELECT count(DISTINCT (c.commitment_type, c.term_months)) FROM finsim.commitments c JOIN seeds s ON s.id = c.account_id),
          6::bigint, '... checked on every type and term (12 and 36 months)');

SELECT * FROM finish();
ROLLBACK;
