-- The savings the scorecard credits to an applied action (its 'credit' record).
--
-- The bill's view, realized_monthly_savings, sums every run-rate drop.  The credit judges the
-- change by the waste finding that supported it:
--   * a change that raises the run-rate is debited in full (drop < 0);
--   * a change no live finding supported earns nothing, whatever it saved (it is harmful);
--   * a supported change earns its run-rate drop, at most the largest saving of the findings
--     that supported it: going further than the finding (rightsizing below its type,
--     shrinking a group below what its load needs) earns no more than the finding;
--   * policies whose savings arrive on later virtual days earn, at apply time, what they
--     will save once they act, priced with the agent's own parameters (same cap), and at
--     most the waste they took out of the findings (removed):
--       set_log_retention: stored_gb - ingested_gb x the new retention (latest usage day),
--         at the logs storage price;
--       set_s3_lifecycle: the finding's saving x min(1, 30 / the policy's first transition
--         or expiry day) (the findings price a 30-day transition);
--       set_snapshot_retention: the snapshot's saving when the policy deletes it within 30
--         virtual days, else 0.
-- Without waste detection (cap NULL) the credit is the run-rate drop.
CREATE FUNCTION finsim._act_credit(act text, r jsonb, p jsonb, vnow timestamptz, run_rate_drop numeric,
                                   supported boolean, cap numeric, removed numeric)
  RETURNS numeric LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_drop numeric := round(run_rate_drop, 6);
  v_deferred numeric := 0;
  v_first numeric;
BEGIN
  IF v_drop IS NULL OR v_drop < 0 OR cap IS NULL THEN
    RETURN v_drop;
  END IF;
  IF NOT supported THEN
    RETURN 0;
  END IF;
  CASE act
  WHEN 'set_log_retention' THEN
    SELECT greatest(coalesce(d.stored_gb, 0) - coalesce(d.ingested_gb, 0) * (p->>'retention_days')::numeric, 0)
           * coalesce(finsim.try_price('logs', 'storage', r->>'region'), 0)
      INTO v_deferred
      FROM finsim.log_group_usage_daily d
     WHERE d.account_id = (r->>'account_id')::uuid AND d.log_group_id = (r->>'id')::uuid
     ORDER BY d.date DESC LIMIT 1;
  WHEN 'set_s3_lifecycle' THEN
    -- The three keys are whole numbers of days when present (finsim._lifecycle_ok).
    SELECT min((p->'lifecycle_policy'->>k)::numeric) INTO v_first
      FROM unnest(ARRAY['transition_ia_days', 'transition_glacier_days', 'expire_days']) k
     WHERE (p->'lifecycle_policy'->>k)::numeric > 0;
    v_deferred := CASE WHEN v_first IS NULL THEN 0 ELSE cap * least(1, 30 / v_first) END;
  WHEN 'set_snapshot_retention' THEN
    v_deferred := CASE WHEN (r->>'created_at')::timestamptz + finsim.snapshot_retention_interval(p->>'retention_policy')
                            <= vnow + interval '30 days' THEN cap ELSE 0 END;
  ELSE
    NULL;
  END CASE;
  -- A policy's saving is in the future: only what it took out of the findings now counts
  -- (a retention on a snapshot an orphaned_snapshot finding still calls waste earns nothing,
  -- nor does setting it again), and a policy that brings waste back (a retention set back to
  -- forever) gives it back.
  IF act IN ('set_log_retention', 'set_s3_lifecycle', 'set_snapshot_retention')
     AND v_drop = 0 AND coalesce(removed, 0) < 0 THEN
    RETURN round(greatest(removed, -cap), 6);
  END IF;
  v_deferred := least(coalesce(v_deferred, 0), greatest(coalesce(removed, 0), 0));
  RETURN round(least(cap, greatest(v_drop, v_deferred)), 6);
END
$$;
COMMENT ON FUNCTION finsim._act_credit(text, jsonb, jsonb, timestamptz, numeric, boolean, numeric, numeric) IS
  'Internal: the savings the scorecard credits to an applied action: the run-rate drop (debited in full when negative), 0 when no finding supported it, at most the largest saving of its supporting findings (cap); retention and lifecycle policies earn at apply time what they will save once they act, priced with their own params, at most the waste they took out of the findings (removed). cap NULL (no waste detection): the drop. apply_action further caps what all actions on one resource earn together.';
