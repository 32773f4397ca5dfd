#include "pg/srf.hpp"

namespace finsim::pg {

SrfWriter::SrfWriter(FunctionCallInfo fcinfo) {
  guard([fcinfo] { InitMaterializedSRF(fcinfo, 0); });
  ReturnSetInfo* rsinfo = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
  store_ = rsinfo->setResult;
  desc_ = rsinfo->setDesc;
  natts_ = desc_->natts;
  in_funcs_.resize(natts_);
  ioparams_.resize(natts_);
  typmods_.resize(natts_);
  MemoryContext per_query = rsinfo->econtext->ecxt_per_query_memory;
  for (int i = 0; i < natts_; ++i) {
    Form_pg_attribute att = TupleDescAttr(desc_, i);
    Oid type = att->atttypid;
    typmods_[i] = att->atttypmod;
    FmgrInfo* fi = &in_funcs_[i];
    Oid* iop = &ioparams_[i];
    guard([type, fi, iop, per_query] {
      Oid in;
      getTypeInputInfo(type, &in, iop);
      fmgr_info_cxt(in, fi, per_query);
    });
  }
}

void SrfWriter::row(const std::vector<Cell>& cells) {
  if (static_cast<int>(cells.size()) != natts_)
    throw std::logic_error("finsim: SRF row has " + std::to_string(cells.size()) +
                           " cells, result has " + std::to_string(natts_) + " columns");
  std::vector<Datum> values(natts_);
  bool nulls[FUNC_MAX_ARGS > 100 ? FUNC_MAX_ARGS : 100];
  if (natts_ > static_cast<int>(sizeof nulls)) throw std::logic_error("finsim: too many columns");
  for (int i = 0; i < natts_; ++i) {
    nulls[i] = !cells[i].has_value();
    if (nulls[i]) continue;
    FmgrInfo* fi = &in_funcs_[i];
    const char* s = cells[i]->c_str();
    Oid iop = ioparams_[i];
    int32 typmod = typmods_[i];
    values[i] = guard([fi, s, iop, typmod] {
      return InputFunctionCall(fi, const_cast<char*>(s), iop, typmod);
    });
  }
  Tuplestorestate* store = store_;
  TupleDesc desc = desc_;
  Datum* v = values.data();
  bool* n = nulls;
  guard([store, desc, v, n] { tuplestore_putvalues(store, desc, v, n); });
}

}  // namespace finsim::pg
