-- Internal self-tests of the C/C++ boundary (superuser/admin diagnostics; not for PUBLIC).

CREATE FUNCTION finsim._boundary_throw(sqlstate text, message text) RETURNS void
  LANGUAGE c VOLATILE AS 'MODULE_PATHNAME', 'finsim_boundary_throw';
COMMENT ON FUNCTION finsim._boundary_throw(text, text) IS
  'Self-test: throws a C++ finsim::Error three frames deep; it must reach the client as an ordinary ERROR with the given SQLSTATE.';

CREATE FUNCTION finsim._boundary_spi_error(sql text) RETURNS bigint
  LANGUAGE c VOLATILE AS 'MODULE_PATHNAME', 'finsim_boundary_spi_error';
COMMENT ON FUNCTION finsim._boundary_spi_error(text) IS
  'Self-test: runs sql through SPI under C++ frames; a Postgres error must reach the client unchanged after the frames are destroyed.';

CREATE FUNCTION finsim._boundary_bad_alloc() RETURNS void
  LANGUAGE c VOLATILE AS 'MODULE_PATHNAME', 'finsim_boundary_bad_alloc';
COMMENT ON FUNCTION finsim._boundary_bad_alloc() IS
  'Self-test: throws std::bad_alloc; it must reach the client as SQLSTATE 53200 (out of memory).';

CREATE FUNCTION finsim._boundary_destructors() RETURNS bigint
  LANGUAGE c VOLATILE AS 'MODULE_PATHNAME', 'finsim_boundary_destructors';
COMMENT ON FUNCTION finsim._boundary_destructors() IS
  'Self-test: number of self-test C++ objects destroyed so far in this backend.';
