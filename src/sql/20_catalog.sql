-- The price catalog (compiled into C++, src/core/catalog.cpp): list and look up prices.

CREATE FUNCTION finsim.price_list()
  RETURNS TABLE(service text, type text, region text, unit text, price numeric)
  LANGUAGE c IMMUTABLE PARALLEL SAFE ROWS 1500
  AS 'MODULE_PATHNAME', 'finsim_price_list';
COMMENT ON FUNCTION finsim.price_list() IS
  'Every catalog price in every region finsim prices: (service, type, region, unit, price in USD). us-east-1 holds list prices (the guide''s figures where it states one); other regions apply a fixed multiplier.';

CREATE FUNCTION finsim.price(service text, type text, region text DEFAULT 'us-east-1')
  RETURNS numeric
  LANGUAGE c IMMUTABLE PARALLEL SAFE
  AS 'MODULE_PATHNAME', 'finsim_price';
COMMENT ON FUNCTION finsim.price(text, text, text) IS
  'One catalog price, e.g. finsim.price(''ec2'', ''m5.xlarge'') = 0.192 USD per instance-hour. Unknown service/type/region: SQLSTATE 22023 (see finsim.price_list()); NULL argument: 22004.';

CREATE FUNCTION finsim.try_price(service text, type text, region text DEFAULT 'us-east-1')
  RETURNS numeric
  LANGUAGE c IMMUTABLE PARALLEL SAFE
  AS 'MODULE_PATHNAME', 'finsim_price_or_null';
COMMENT ON FUNCTION finsim.try_price(text, text, text) IS
  'Like finsim.price() but returns NULL for an unknown service, type or region instead of raising (used by views, which must never fail on a row). e.g. finsim.try_price(''ec2'', ''m9.huge'') IS NULL.';

CREATE FUNCTION finsim.schedule_fraction(schedule text)
  RETURNS numeric
  LANGUAGE c IMMUTABLE PARALLEL SAFE
  AS 'MODULE_PATHNAME', 'finsim_schedule_fraction';
COMMENT ON FUNCTION finsim.schedule_fraction(text) IS
  'Share of a week an instance with this schedule runs: NULL -> 1 (always on); ''weekdays HH-HH'' -> hours x 5 / 168 (''weekdays 08-20'' = 60/168); ''daily HH-HH'' -> hours x 7 / 168 (00 <= HH1 < HH2 <= 24); anything else -> 22023 (instances.schedule holds only these forms).';

GRANT EXECUTE ON FUNCTION finsim.price_list(), finsim.price(text, text, text),
  finsim.schedule_fraction(text), finsim.try_price(text, text, text)
  TO finsim_admin, finsim_agent;
