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
  String,      // any non-empty JSON string (checked further by the action, e.g. managed types)
  Object,      // JSON object (lifecycle policies)
};

struct Param {
  std::string name;
  Kind kind;
  double min = 0;
  double max = 0;
  bool required = false;
  std::string description;
};

struct Action {
  std::string name;
  std::vector<std::string> resource_types;  // table names
  std::vector<Param> params;
  bool needs_some_param = false;  // at least one parameter must be given
  std::string description;        // what the action changes
};

// Every action, in a stable order.
const std::vector<Action>& all();
const Action* find(std::string_view name);

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

// The parameter list of an action as a JSON object text:
// {"instance_type": {"type": "ec2_type", "required": true, "description": "..."}, ...}
std::string params_json(const Action& action);
std::string kind_name(Kind kind);

// Running fraction of a week for a schedule ("weekdays 08-20" -> 5/7 x 12/24); nullopt when
// the text is not a schedule.
std::optional<double> schedule_fraction(std::string_view schedule);

}  // namespace finsim::actions
