// The action registry: one entry per agent action (name, the tables it applies to, its
// parameters with types and ranges, what it changes).  It drives finsim.apply_action()'s
// parameter validation, finsim.actions() and the tests.  Pure C++ (no Postgres headers).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finsim::actions {

// How a parameter value is checked.
enum class Kind {
  Integer,     // JSON number, integral, within [min, max]
  Number,      // JSON number within [min, max]
  Boolean,     // JSON boolean
  Ec2Type,     // JSON string naming an EC2 instance type the catalog prices
  RdsClass,    // JSON string naming an RDS instance class the catalog prices
  CacheNode,   // JSON string naming an ElastiCache node type the catalog prices
  VolumeType,  // gp2 gp3 io1 io2 st1 sc1
  Schedule,    // "weekdays HH-HH" or "daily HH-HH" (what the catalog's billing understands)
  Retention,   // a snapshot retention policy "daily-N" / "weekly-N" / "monthly-N" (core/retention)
  String,      // any non-empty JSON string (checked further by the action, e.g. managed types)
  Object,      // JSON object (lifecycle policies)
};

struct Param {
  std::string name;
  Kind kind;
  double min = 0;  // Integer/Number: inclusive bounds, whole numbers (checked exactly)
  double max = 0;
  bool required = false;
  std::string description;
  int scale = 0;   // Number: decimals kept when stored (rounded half away from zero)
};

// What an action does to its resource, mildest first.  A waste finding that recommends an
// action also supports a milder one that saves (apply_action's harmful rule).
enum class Impact {
  records,   // changes nothing (recommend)
  reshapes,  // changes a size, type or setting; the resource keeps working
  stops,     // stops the resource (reversible: it can be started again)
  removes,   // terminates, deletes, releases or revokes it (irreversible)
};
const char* impact_name(Impact i);

struct Action {
  std::string name;
  std::vector<std::string> resource_types;  // table names
  std::vector<Param> params;
  bool needs_some_param = false;  // at least one parameter must be given
  std::string description;        // what the action changes
  bool free_params = false;       // any keys (descriptive only: "recommend")
  Impact impact = Impact::reshapes;
};

// Every action, in a stable order.
const std::vector<Action>& all();
const Action* find(std::string_view name);

// Whether a waste finding that recommends `finding_action` (and saves money when
// `finding_saves`) supports `act` on its resource: the same action, or, when it saves, one of
// lower impact (an idle instance's terminate_instance supports stopping or rightsizing it;
// dev_always_on's schedule_instance does not support terminating it).
bool supports(std::string_view finding_action, bool finding_saves, std::string_view act);

// One parameter as given in the jsonb: key, jsonb_typeof and its text (#>> '{}').
struct Given {
  std::string key;
  std::string json_type;
  std::string text;
};

// A validation failure: message and hint (raised as 22023 by the caller).
struct Problem {
  std::string message;
  std::string hint;
};

// Checks the resource type and the parameters of `action`; nullopt when valid.
std::optional<Problem> validate(const Action& action, std::string_view resource_type,
                                const std::vector<Given>& params);

// How a given Integer/Number parameter is stored once it passed validate(): its exact value
// rounded half away from zero to `scale` decimals (Integer: 0; trailing zeros dropped).
// Because every bound is a whole number, the rounded value stays within [min, max].
struct Rounding {
  std::string key;
  int scale;
};
std::vector<Rounding> roundings(const Action& action, const std::vector<Given>& params);

// Exact comparison of a JSON number's text (e.g. "1024.0000000000000001", "1e-300") with a
// whole-number bound: -1, 0 or 1; nullopt when the text is not a number (or its exponent
// is absurd).  No double precision involved.
std::optional<int> compare_decimal(std::string_view number, double whole_bound);
// True when the number's text denotes a whole number ("3", "3.000", "3e2"); nullopt when
// the text is not a number.
std::optional<bool> is_whole_decimal(std::string_view number);

// The parameter list of an action as a JSON object text:
// {"instance_type": {"type": "ec2_type", "required": true, "description": "..."}, ...}
// (Integer/Number: also "min" and "max"; Number: "scale", the decimals kept.)
std::string params_json(const Action& action);
std::string kind_name(Kind kind);

}  // namespace finsim::actions
