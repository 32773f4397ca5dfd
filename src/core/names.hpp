// Names people read — account names and API key names — hold no control characters: a
// newline, tab or escape sequence in a name garbles every list, log line and audit record
// that shows it (and an escape sequence can drive the reader's terminal).
//
// Control characters are U+0001-U+001F and U+007F-U+009F (Unicode category Cc; in a
// single-byte database encoding the bytes 0x01-0x1F and 0x7F-0x9F, as PostgreSQL's
// [[:cntrl:]]).  kControlCharacter is the PostgreSQL regular expression matching one; the
// CHECK constraints cloud_accounts_name_check and api_clients_name_check use the same
// expression (src/sql/10_tables_core.sql), and create_account / create_api_client match it
// before writing (schema::refuse_control_characters), for a 22023 that says where the
// character is.
#pragma once

namespace finsim::core {

inline constexpr const char* kControlCharacter = "[\\x01-\\x1f\\x7f-\\x9f]";

// SQL with $1 = the name and $2 = kControlCharacter (a parameter, so no setting of
// standard_conforming_strings can change it): the position and the code of the name's first
// control character, or no row.
inline constexpr const char* kFindControlCharacterSql =
    "SELECT pg_catalog.strpos($1, m), pg_catalog.ascii(m)"
    " FROM (SELECT substring($1 from $2) AS m) s WHERE m IS NOT NULL";

}  // namespace finsim::core
