#include "schema/names.hpp"

#include <cstdio>

#include "core/names.hpp"
#include "pg/args.hpp"
#include "pg/background.hpp"
#include "pg/entry.hpp"
#include "pg/error.hpp"

namespace finsim::schema {

void refuse_unreadable_name(const std::string& name, const std::string& hint) {
  const auto p = core::name_problem(name, pg::database_is_utf8());
  if (!p) return;
  const std::string at = "Character " + std::to_string(p->position);
  switch (p->kind) {
    case core::NameProblem::blank:
      invalid_parameter("name must not be blank", hint,
                        "It holds only spaces or characters that show nothing.");
    case core::NameProblem::control:
      invalid_parameter("name must not contain control characters", hint,
                        at + " is a control character (code " + std::to_string(p->code) + ").");
    case core::NameProblem::invisible: {
      char code[16];
      std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(p->code));
      invalid_parameter("name must not contain invisible characters", hint,
                        at + " is an invisible formatting character (" + code + ").");
    }
  }
}

}  // namespace finsim::schema

// finsim._name_ok(name text) RETURNS boolean (STRICT): the CHECK of cloud_accounts.name and
// api_clients.name.
FINSIM_FUNCTION(finsim_name_ok) {
  PG_RETURN_BOOL(!finsim::core::name_problem(finsim::pg::require_text(fcinfo, 0, "name"),
                                             finsim::pg::database_is_utf8()));
}
