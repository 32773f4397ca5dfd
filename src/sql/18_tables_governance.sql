-- Governance and metadata: tags, the audit trail, and agent recommendations.

CREATE TABLE finsim.resource_tags (
  id                        uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                uuid        NOT NULL,
  resource_type             text        NOT NULL,
  resource_id               text        NOT NULL,
  key                       text        NOT NULL,
  value                     text        NOT NULL DEFAULT '',
  -- added by finsim
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT resource_tags_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT resource_tags_key_key UNIQUE (account_id, resource_type, resource_id, key),
  CONSTRAINT resource_tags_account_fkey FOREIGN KEY (account_id)
    REFERENCES finsim.cloud_accounts (id) ON DELETE CASCADE,
  CONSTRAINT resource_tags_key_check CHECK (length(key) BETWEEN 1 AND 128)
);
COMMENT ON TABLE finsim.resource_tags IS 'Key-value tags per resource (resource_type = table name, resource_id = row id).';

CREATE TABLE finsim.resource_change_events (
  id                        uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                uuid        NOT NULL,
  resource_type             text        NOT NULL,
  resource_id               text        NOT NULL,
  change_source             text        NOT NULL DEFAULT 'manual',
  field_name                text        NOT NULL,
  old_value                 text,
  new_value                 text,
  changed_at                timestamptz NOT NULL,
  -- added by finsim
  reason                    text,
  created_at                timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT resource_change_events_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT resource_change_events_account_fkey FOREIGN KEY (account_id)
    REFERENCES finsim.cloud_accounts (id) ON DELETE CASCADE,
  CONSTRAINT resource_change_events_source_check CHECK (change_source IN ('drift_engine', 'agent', 'manual'))
);
COMMENT ON TABLE finsim.resource_change_events IS 'Audit trail: one row per changed watched field, written by triggers. change_source comes from the session (manual unless finsim''s own functions are acting); changed_at is virtual time.';

CREATE FUNCTION finsim._act_applies(action text, resource_type text) RETURNS boolean
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'finsim_act_applies';
COMMENT ON FUNCTION finsim._act_applies(text, text) IS
  'Internal: true when the action registry (finsim.actions()) has the action and it applies to the table (the CHECK of finsim.recommendations).';

CREATE TABLE finsim.recommendations (
  id                        uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                uuid        NOT NULL,
  resource_type             text        NOT NULL,
  resource_id               text        NOT NULL,
  pattern                   text        NOT NULL,
  action                    text        NOT NULL,
  action_params             jsonb       NOT NULL DEFAULT '{}',
  est_monthly_savings       numeric     NOT NULL DEFAULT 0,
  status                    text        NOT NULL DEFAULT 'open',
  reason                    text,
  created_by                text        NOT NULL DEFAULT 'manual',
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  decided_at                timestamptz,
  CONSTRAINT recommendations_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT recommendations_account_fkey FOREIGN KEY (account_id)
    REFERENCES finsim.cloud_accounts (id) ON DELETE CASCADE,
  CONSTRAINT recommendations_status_check CHECK (status IN ('open', 'accepted', 'applied', 'dismissed', 'expired')),
  CONSTRAINT recommendations_params_check CHECK (jsonb_typeof(action_params) = 'object'),
  CONSTRAINT recommendations_savings_check CHECK (est_monthly_savings >= 0 AND est_monthly_savings < 'Infinity'),
  -- What expiry and acceptance act on: an action of finsim.actions() on a table it applies
  -- to, and a resource id in uuid_out's canonical form (as apply_action records it).
  CONSTRAINT recommendations_action_check CHECK (finsim._act_applies(action, resource_type)),
  CONSTRAINT recommendations_resource_id_check
    CHECK (resource_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')
);
COMMENT ON TABLE finsim.recommendations IS 'Changes an agent proposed for recommend_only resources; accepted, dismissed or expired later.';
COMMENT ON COLUMN finsim.recommendations.decided_at IS 'Virtual time of acceptance, dismissal or expiry.';
