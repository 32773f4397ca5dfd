-- The C/C++ boundary: exceptions become ordinary errors with the right SQLSTATE, Postgres
-- errors raised under C++ frames reach the client unchanged, and destructors run.
BEGIN;
SELECT plan(14);

CREATE TEMP TABLE d AS SELECT finsim._boundary_destructors() AS n;

SELECT throws_ok($$SELECT finsim._boundary_throw('22023', 'deep C++ error')$$,
                 '22023', 'deep C++ error', 'a C++ exception reaches the client with its SQLSTATE');
SELECT is(finsim._boundary_destructors() - (SELECT n FROM d), 3::bigint,
          'the three C++ frames were destroyed');
SELECT throws_ok($$SELECT finsim._boundary_throw('P0001', 'custom')$$,
                 'P0001', 'custom', 'any SQLSTATE is carried');

UPDATE d SET n = finsim._boundary_destructors();
SELECT throws_ok($$SELECT finsim._boundary_spi_error('SELECT 1/0')$$,
                 '22012', 'division by zero', 'an SPI error reaches the client unchanged');
SELECT is(finsim._boundary_destructors() - (SELECT n FROM d), 2::bigint,
          'C++ objects alive when SPI raised were destroyed');
SELECT throws_ok($$SELECT finsim._boundary_spi_error('SELECT * FROM no_such_table_xyz')$$,
                 '42P01', NULL, 'an undefined-table error keeps its SQLSTATE');
SELECT throws_ok($t$SELECT finsim._boundary_spi_error($q$DO $d$ BEGIN RAISE EXCEPTION 'mine' USING ERRCODE = 'P0003', HINT = 'hint text'; END $d$ $q$)$t$,
                 'P0003', 'mine', 'a user-raised error keeps its code and message');
SELECT is(finsim._boundary_spi_error('SELECT generate_series(1, 5)'), 5::bigint,
          'a successful SPI call returns normally');

UPDATE d SET n = finsim._boundary_destructors();
SELECT throws_ok($$SELECT finsim._boundary_bad_alloc()$$, '53200', NULL,
                 'std::bad_alloc becomes out of memory');
SELECT is(finsim._boundary_destructors() - (SELECT n FROM d), 1::bigint,
          'its frame was destroyed');

SELECT throws_ok($$SELECT finsim._boundary_throw('bad', 'x')$$, '22023', NULL,
                 'bad input to a C++ function is a clear 22023');
SELECT is((SELECT count(*) FROM pg_stat_activity WHERE pid = pg_backend_pid()), 1::bigint,
          'the backend survived every error');

-- Caller text echoed in a message is clipped (64 bytes, at a character boundary, then ...).
SELECT throws_ok(format('SELECT finsim.price(%L, %L)', repeat('é', 100000), 'm5.large'), '22023',
                 'unknown service "' || repeat('é', 32) || '..."', 'a 200 kB service name is echoed as 64 bytes');
SELECT throws_ok($$SELECT * FROM finsim.apply_action('volumes', '00000000-0000-0000-0000-000000000000', 'modify_volume_type', '{"volume_type": "$$ || repeat('x', 5000) || $$"}')$$,
                 '22023', 'unknown volume type "' || repeat('x', 64) || '..."', 'an action parameter too');

SELECT * FROM finish();
ROLLBACK;
