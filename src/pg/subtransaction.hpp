// Running a piece of work in an internal subtransaction (what a PL/pgSQL EXCEPTION block
// does): when it fails, its writes are rolled back and the caller learns why, while the
// enclosing transaction goes on.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace finsim::pg {

struct Failure {
  int sqlstate = 0;
  std::string message, detail, hint;
};

// Runs f in a subtransaction.  On success its work joins the enclosing transaction and the
// result is nullopt.  On an error (a Postgres error or a finsim::Error) the subtransaction
// is rolled back and the error returned — except errors that must end the statement (query
// cancel and other operator interventions, resource exhaustion, internal errors), which are
// re-raised after the rollback.
std::optional<Failure> in_subtransaction(const std::function<void()>& f);

}  // namespace finsim::pg
