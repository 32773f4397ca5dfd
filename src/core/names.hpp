// Names people read — account names and API key names — hold no control or invisible
// characters and are not blank: a newline, tab or escape sequence in a name garbles every
// list, log line and audit record that shows it (an escape sequence can drive the reader's
// terminal), and a zero-width space, a right-to-left override or a name of no-break spaces
// makes two names look alike, or a name look like none.
//
// Control characters are U+0001-U+001F and U+007F-U+009F (Unicode category Cc).  Invisible
// characters are the format characters that render as nothing or reorder text (soft hyphen,
// zero-width spaces and joiners, bidirectional marks, embeddings, overrides and isolates,
// word joiners, variation selectors, the byte order mark, Hangul fillers, tag characters).
// Blank: empty, or only spaces (ASCII and Unicode space separators) and invisible characters.
// In a single-byte database encoding each byte is one character and only the control bytes
// 0x01-0x1F and 0x7F-0x9F and the space are judged (as PostgreSQL's [[:cntrl:]]).
//
// The CHECK constraints cloud_accounts_name_check and api_clients_name_check call it through
// finsim._name_ok (src/sql/10_tables_core.sql), and create_account / create_api_client ask it
// before writing (schema::refuse_unreadable_name), for a 22023 that says where the character is.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace finsim::core {

struct NameProblem {
  enum Kind { blank, control, invisible } kind;
  size_t position = 0;  // 1-based character position (control, invisible)
  uint32_t code = 0;    // the character's code point (its byte in a single-byte encoding)
};

// The first problem of a name, or nullopt when people can read it.  utf8: the text is UTF-8
// (a UTF8 database); otherwise one byte is one character.
std::optional<NameProblem> name_problem(std::string_view name, bool utf8);

}  // namespace finsim::core
