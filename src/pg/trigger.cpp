#include "pg/trigger.hpp"

namespace finsim::pg {

TriggerRow::TriggerRow(FunctionCallInfo fcinfo) : fcinfo_(fcinfo), td_(nullptr) {
  if (!CALLED_AS_TRIGGER(fcinfo))
    throw Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                "finsim trigger function called outside a trigger");
  td_ = reinterpret_cast<TriggerData*>(fcinfo->context);
  if (!TRIGGER_FIRED_FOR_ROW(td_->tg_event))
    throw Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                "finsim trigger functions must be FOR EACH ROW");
  Relation rel = td_->tg_relation;
  const char* name = guard([rel] { return static_cast<const char*>(RelationGetRelationName(rel)); });
  table_ = name;
}

bool TriggerRow::is_insert() const { return TRIGGER_FIRED_BY_INSERT(td_->tg_event); }
bool TriggerRow::is_update() const { return TRIGGER_FIRED_BY_UPDATE(td_->tg_event); }
bool TriggerRow::is_delete() const { return TRIGGER_FIRED_BY_DELETE(td_->tg_event); }
bool TriggerRow::is_before() const { return TRIGGER_FIRED_BEFORE(td_->tg_event); }
int TriggerRow::nargs() const { return td_->tg_trigger->tgnargs; }
std::string TriggerRow::arg(int i) const {
  if (i < 0 || i >= nargs()) throw std::out_of_range("finsim: trigger argument index");
  return td_->tg_trigger->tgargs[i];
}

int TriggerRow::attnum(const char* col) const {
  TupleDesc desc = td_->tg_relation->rd_att;
  return guard([desc, col] { return SPI_fnumber(desc, col); });
}

bool TriggerRow::has_column(const char* col) const { return attnum(col) > 0; }

std::optional<std::string> TriggerRow::value_of(HeapTuple tuple, const char* col) const {
  if (!tuple) return std::nullopt;
  int n = attnum(col);
  if (n <= 0) return std::nullopt;
  TupleDesc desc = td_->tg_relation->rd_att;
  char* s = guard([tuple, desc, n] { return SPI_getvalue(tuple, desc, n); });
  if (!s) return std::nullopt;
  std::string out(s);
  return out;
}

std::optional<std::string> TriggerRow::new_value(const char* col) const {
  // A pending set() wins over the stored tuple.
  int n = attnum(col);
  for (auto it = pending_.rbegin(); it != pending_.rend(); ++it) {
    if (it->attnum != n) continue;
    if (it->isnull) return std::nullopt;
    TupleDesc desc = td_->tg_relation->rd_att;
    Oid type = TupleDescAttr(desc, n - 1)->atttypid;
    Datum v = it->value;
    char* s = guard([type, v] {
      Oid out;
      bool varlena;
      getTypeOutputInfo(type, &out, &varlena);
      return OidOutputFunctionCall(out, v);
    });
    std::string r(s);
    return r;
  }
  HeapTuple t = is_delete() ? nullptr : (is_update() ? td_->tg_newtuple : td_->tg_trigtuple);
  return value_of(t, col);
}

std::optional<std::string> TriggerRow::old_value(const char* col) const {
  HeapTuple t = is_insert() ? nullptr : td_->tg_trigtuple;
  return value_of(t, col);
}

bool TriggerRow::changed(const char* col) const {
  if (!is_update()) return false;
  return old_value(col) != new_value(col);
}

bool TriggerRow::assigned(const char* col) const {
  if (!is_update()) return false;
  const int n = attnum(col);
  if (n <= 0) return false;
  const Bitmapset* cols = td_->tg_updatedcols;
  return guard([cols, n] { return bms_is_member(n - FirstLowInvalidHeapAttributeNumber, cols); });
}

void TriggerRow::set(const char* col, const std::optional<std::string>& value) {
  int n = attnum(col);
  if (n <= 0) throw std::logic_error(std::string("finsim: no column ") + col + " in " + table_);
  TupleDesc desc = td_->tg_relation->rd_att;
  Form_pg_attribute att = TupleDescAttr(desc, n - 1);
  Oid type = att->atttypid;
  int32 typmod = att->atttypmod;
  Pending p{n, 0, !value.has_value()};
  if (value) {
    const char* s = value->c_str();
    p.value = guard([type, typmod, s] {
      Oid in;
      Oid ioparam;
      getTypeInputInfo(type, &in, &ioparam);
      return OidInputFunctionCall(in, const_cast<char*>(s), ioparam, typmod);
    });
  }
  pending_.push_back(p);
}

Datum TriggerRow::result() {
  if (is_delete()) return PointerGetDatum(td_->tg_trigtuple);
  HeapTuple tuple = is_update() ? td_->tg_newtuple : td_->tg_trigtuple;
  if (pending_.empty()) return PointerGetDatum(tuple);
  const int n = static_cast<int>(pending_.size());
  std::vector<int> cols(n);
  std::vector<Datum> values(n);
  std::vector<char> nulls_c(n);
  for (int i = 0; i < n; ++i) {
    cols[i] = pending_[i].attnum;
    values[i] = pending_[i].value;
    nulls_c[i] = pending_[i].isnull;
  }
  TupleDesc desc = td_->tg_relation->rd_att;
  int* c = cols.data();
  Datum* v = values.data();
  bool* nl = reinterpret_cast<bool*>(nulls_c.data());
  HeapTuple out = guard([tuple, desc, n, c, v, nl] {
    return heap_modify_tuple_by_cols(tuple, desc, n, c, v, nl);
  });
  return PointerGetDatum(out);
}

}  // namespace finsim::pg
