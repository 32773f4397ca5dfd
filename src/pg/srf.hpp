// Set-returning functions in materialize mode (InitMaterializedSRF, PG 15).
//
//   pg::SrfWriter out(fcinfo);
//   out.row({"ec2", "m5.large", std::nullopt});   // values as text, NULL as nullopt
//   return (Datum) 0;
//
// Each value is converted with the result column's input function, so C++ code
// produces text and the declared SQL types (numeric, uuid, jsonb…) are honoured.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pg/guard.hpp"

namespace finsim::pg {

using Cell = std::optional<std::string>;

class SrfWriter {
 public:
  explicit SrfWriter(FunctionCallInfo fcinfo);
  void row(const std::vector<Cell>& cells);
  int columns() const { return natts_; }

 private:
  Tuplestorestate* store_ = nullptr;
  TupleDesc desc_ = nullptr;
  int natts_ = 0;
  std::vector<FmgrInfo> in_funcs_;
  std::vector<Oid> ioparams_;
  std::vector<int32> typmods_;
};

}  // namespace finsim::pg
