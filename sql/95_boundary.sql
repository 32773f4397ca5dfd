-- Errors crossing the C/C++ boundary keep SQLSTATE, message, detail and hint.
\set VERBOSITY default
SELECT finsim._boundary_throw('22023', 'deep C++ error');
SELECT finsim._boundary_spi_error('SELECT 1/0');
SELECT finsim._boundary_bad_alloc();
\set VERBOSITY default
SELECT finsim._boundary_spi_error('SELECT 1') AS rows_after_errors;
