// Executor-level bulk writes (see table_writer.hpp).  Modelled on COPY FROM's multi-insert
// buffers (copyfrom.c) and the logical-replication apply worker's executor state.
#include "pg/table_writer.hpp"

#include <stdexcept>

#include "pg/guard.hpp"
#include "pg/postgres.hpp"

extern "C" {
#include "access/heapam.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/pg_trigger.h"
#include "executor/executor.h"
#include "nodes/makefuncs.h"
#include "optimizer/optimizer.h"
#include "rewrite/rewriteHandler.h"
#include "utils/regproc.h"
#include "utils/rls.h"
#include "utils/snapmgr.h"
}

namespace finsim::pg {

namespace {
constexpr int kBatch = 1000;  // rows per table_multi_insert (COPY's MAX_BUFFERED_TUPLES)
}

// Postgres-side state; every member trivially destructible, all memory in `cxt`.
struct TableWriterState {
  MemoryContext cxt;
  MemoryContext row_cxt;  // one row's conversions; reset once the row is materialized
  Relation rel;
  EState* estate;
  ResultRelInfo* rri;
  BulkInsertState bistate;
  int natts;
  int ncols;
  int* attr_col;       // [natts] given column of each attribute, -1 when not given
  FmgrInfo* in_fn;     // [ncols] input function of the column's type
  Oid* in_param;       // [ncols]
  int32* in_typmod;    // [ncols]
  ExprState** defaults;  // [natts] default of an attribute not given (NULL: none)
  TupleTableSlot** slots;  // [kBatch]
  int pending;
};

namespace {

// Would a plain INSERT fire any trigger of `rel` now?  (TriggerEnabled() of trigger.c.)
bool insert_triggers_fire(Relation rel) {
  TriggerDesc* td = rel->trigdesc;
  if (!td) return false;
  for (int i = 0; i < td->numtriggers; ++i) {
    const Trigger& t = td->triggers[i];
    if (!TRIGGER_FOR_INSERT(t.tgtype) || t.tgenabled == TRIGGER_DISABLED) continue;
    if (SessionReplicationRole == SESSION_REPLICATION_ROLE_REPLICA) {
      if (t.tgenabled == TRIGGER_FIRES_ON_REPLICA || t.tgenabled == TRIGGER_FIRES_ALWAYS) return true;
    } else if (t.tgenabled != TRIGGER_FIRES_ON_REPLICA) {
      return true;
    }
  }
  return false;
}

bool plain_table(Relation rel) {
  TupleConstr* constr = rel->rd_att->constr;
  return rel->rd_rel->relkind == RELKIND_RELATION && !rel->rd_rel->relhasrules &&
         !(constr && constr->has_generated_stored) && !insert_triggers_fire(rel);
}

// Called inside guard(): plain C frames only.
TableWriterState* open_state(const char* table, const char* const* cols, int ncols) {
  Oid relid = DatumGetObjectId(DirectFunctionCall1(regclassin, CStringGetDatum(table)));
  if (pg_class_aclcheck(relid, GetUserId(), ACL_INSERT) != ACLCHECK_OK) return nullptr;
  if (check_enable_rls(relid, InvalidOid, false) == RLS_ENABLED) return nullptr;
  Relation rel = table_open(relid, RowExclusiveLock);  // the lock is kept to the end of the transaction
  TupleDesc desc = RelationGetDescr(rel);
  if (!plain_table(rel)) {
    table_close(rel, NoLock);
    return nullptr;
  }
  MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext, "finsim table writer",
                                            ALLOCSET_DEFAULT_SIZES);
  MemoryContext old = MemoryContextSwitchTo(cxt);
  auto* s = static_cast<TableWriterState*>(palloc0(sizeof(TableWriterState)));
  s->cxt = cxt;
  s->row_cxt = AllocSetContextCreate(cxt, "finsim table writer row", ALLOCSET_DEFAULT_SIZES);
  s->rel = rel;
  s->natts = desc->natts;
  s->ncols = ncols;
  s->attr_col = static_cast<int*>(palloc(sizeof(int) * desc->natts));
  for (int a = 0; a < desc->natts; ++a) s->attr_col[a] = -1;
  s->in_fn = static_cast<FmgrInfo*>(palloc0(sizeof(FmgrInfo) * (ncols ? ncols : 1)));
  s->in_param = static_cast<Oid*>(palloc0(sizeof(Oid) * (ncols ? ncols : 1)));
  s->in_typmod = static_cast<int32*>(palloc0(sizeof(int32) * (ncols ? ncols : 1)));
  s->defaults = static_cast<ExprState**>(palloc0(sizeof(ExprState*) * desc->natts));
  s->slots = static_cast<TupleTableSlot**>(palloc0(sizeof(TupleTableSlot*) * kBatch));
  bool ok = true;
  for (int c = 0; c < ncols && ok; ++c) {
    int found = -1;
    for (int a = 0; a < desc->natts; ++a) {
      Form_pg_attribute att = TupleDescAttr(desc, a);
      if (!att->attisdropped && strcmp(NameStr(att->attname), cols[c]) == 0) found = a;
    }
    if (found < 0 || s->attr_col[found] >= 0) {
      ok = false;  // unknown or repeated column: the INSERT fallback reports it
      break;
    }
    s->attr_col[found] = c;
    Form_pg_attribute att = TupleDescAttr(desc, found);
    Oid func;
    getTypeInputInfo(att->atttypid, &func, &s->in_param[c]);
    fmgr_info(func, &s->in_fn[c]);
    s->in_typmod[c] = att->atttypmod;
  }
  if (ok) {
    s->estate = CreateExecutorState();
    RangeTblEntry* rte = makeNode(RangeTblEntry);
    rte->rtekind = RTE_RELATION;
    rte->relid = relid;
    rte->relkind = rel->rd_rel->relkind;
    rte->rellockmode = RowExclusiveLock;
    rte->requiredPerms = ACL_INSERT;
    ExecInitRangeTable(s->estate, list_make1(rte));
    s->rri = makeNode(ResultRelInfo);
    InitResultRelInfo(s->rri, rel, 1, nullptr, 0);
    ExecOpenIndices(s->rri, false);
    for (int i = 0; i < s->rri->ri_NumIndices; ++i)
      if (!s->rri->ri_IndexRelationDescs[i]->rd_index->indimmediate) ok = false;  // deferred check
  }
  if (!ok) {
    if (s->rri) ExecCloseIndices(s->rri);
    if (s->estate) FreeExecutorState(s->estate);
    MemoryContextSwitchTo(old);
    MemoryContextDelete(cxt);
    table_close(rel, NoLock);
    return nullptr;
  }
  for (int a = 0; a < desc->natts; ++a) {
    Form_pg_attribute att = TupleDescAttr(desc, a);
    if (att->attisdropped || s->attr_col[a] >= 0) continue;
    Node* def = build_column_default(rel, a + 1);
    if (def) s->defaults[a] = ExecInitExpr(expression_planner(reinterpret_cast<Expr*>(def)), nullptr);
  }
  s->bistate = GetBulkInsertState();
  MemoryContextSwitchTo(old);
  return s;
}

// The next free slot of the batch, cleared.
TupleTableSlot* next_slot(TableWriterState* s) {
  if (!s->slots[s->pending]) {
    MemoryContext old = MemoryContextSwitchTo(s->cxt);
    s->slots[s->pending] = table_slot_create(s->rel, nullptr);
    MemoryContextSwitchTo(old);
  }
  TupleTableSlot* slot = s->slots[s->pending];
  ExecClearTuple(slot);
  return slot;
}

// Attribute `a`, which the row does not give: its default, else NULL.
void set_default(TableWriterState* s, TupleTableSlot* slot, int a, ExprContext* econtext) {
  if (s->defaults[a]) {
    slot->tts_values[a] = ExecEvalExpr(s->defaults[a], econtext, &slot->tts_isnull[a]);
  } else {
    slot->tts_values[a] = 0;
    slot->tts_isnull[a] = true;
  }
}

// The filled slot becomes a row: constraints checked, values copied into the slot's memory.
void store_row(TableWriterState* s, TupleTableSlot* slot) {
  ExecStoreVirtualTuple(slot);
  if (s->rel->rd_att->constr) ExecConstraints(s->rri, slot, s->estate);
  ExecMaterializeSlot(slot);
}

// One row into the next slot: converted, defaults filled, constraints checked, materialized.
void add_row(TableWriterState* s, const char* const* values) {
  TupleTableSlot* slot = next_slot(s);
  ExprContext* econtext = GetPerTupleExprContext(s->estate);
  MemoryContext old = MemoryContextSwitchTo(s->row_cxt);
  for (int a = 0; a < s->natts; ++a) {
    int c = s->attr_col[a];
    if (c < 0) {
      set_default(s, slot, a, econtext);
      continue;
    }
    const char* v = values[c];
    slot->tts_isnull[a] = v == nullptr;
    slot->tts_values[a] =
        v ? InputFunctionCall(&s->in_fn[c], const_cast<char*>(v), s->in_param[c], s->in_typmod[c]) : 0;
  }
  store_row(s, slot);
  MemoryContextSwitchTo(old);
  MemoryContextReset(s->row_cxt);
  ResetPerTupleExprContext(s->estate);
  ++s->pending;
}

void flush_rows(TableWriterState* s);

// Copies `source` into the writer (see TableWriter::append_from).
uint64 append_rows(TableWriterState* s, const char* source) {
  Oid relid = DatumGetObjectId(DirectFunctionCall1(regclassin, CStringGetDatum(source)));
  if (pg_class_aclcheck(relid, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
    ereport(ERROR, (errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
                    errmsg("permission denied for table %s", source)));
  Relation src = table_open(relid, AccessShareLock);
  TupleDesc sdesc = RelationGetDescr(src);
  MemoryContext old = MemoryContextSwitchTo(s->row_cxt);
  int* from = static_cast<int*>(palloc(sizeof(int) * s->natts));  // source attribute or -1
  for (int a = 0; a < s->natts; ++a) {
    from[a] = -1;
    Form_pg_attribute att = TupleDescAttr(s->rel->rd_att, a);
    if (att->attisdropped) continue;
    for (int b = 0; b < sdesc->natts; ++b) {
      Form_pg_attribute sa = TupleDescAttr(sdesc, b);
      if (!sa->attisdropped && strcmp(NameStr(sa->attname), NameStr(att->attname)) == 0) {
        if (sa->atttypid != att->atttypid || sa->atttypmod != att->atttypmod)
          ereport(ERROR, (errcode(ERRCODE_DATATYPE_MISMATCH),
                          errmsg("finsim: column %s of %s and %s differ in type", NameStr(att->attname),
                                 source, RelationGetRelationName(s->rel))));
        from[a] = b;
      }
    }
  }
  MemoryContextSwitchTo(old);
  CommandCounterIncrement();  // rows written earlier in this command become visible
  Snapshot snap = RegisterSnapshot(GetLatestSnapshot());
  TupleTableSlot* in = table_slot_create(src, nullptr);
  TableScanDesc scan = table_beginscan(src, snap, 0, nullptr);
  ExprContext* econtext = GetPerTupleExprContext(s->estate);
  uint64 n = 0;
  while (table_scan_getnextslot(scan, ForwardScanDirection, in)) {
    CHECK_FOR_INTERRUPTS();
    slot_getallattrs(in);
    TupleTableSlot* slot = next_slot(s);
    MemoryContext o = MemoryContextSwitchTo(econtext->ecxt_per_tuple_memory);
    for (int a = 0; a < s->natts; ++a) {
      if (from[a] < 0) {
        set_default(s, slot, a, econtext);
        continue;
      }
      slot->tts_values[a] = in->tts_values[from[a]];
      slot->tts_isnull[a] = in->tts_isnull[from[a]];
    }
    store_row(s, slot);  // copied out of the source's buffer
    MemoryContextSwitchTo(o);
    ResetPerTupleExprContext(s->estate);
    ++n;
    if (++s->pending >= kBatch) flush_rows(s);
  }
  table_endscan(scan);
  ExecDropSingleTupleTableSlot(in);
  UnregisterSnapshot(snap);
  table_close(src, AccessShareLock);
  MemoryContextReset(s->row_cxt);
  return n;
}

void flush_rows(TableWriterState* s) {
  if (!s->pending) return;
  table_multi_insert(s->rel, s->slots, s->pending, GetCurrentCommandId(true), 0, s->bistate);
  for (int i = 0; i < s->pending; ++i) {
    if (s->rri->ri_NumIndices > 0) {
      List* recheck = ExecInsertIndexTuples(s->rri, s->slots[i], s->estate, false, false, nullptr, NIL);
      list_free(recheck);  // empty: no deferrable index (open_state)
    }
    ResetPerTupleExprContext(s->estate);
    ExecClearTuple(s->slots[i]);
  }
  s->pending = 0;
}

// Releases everything (rows still pending are dropped: finish() flushes first).
void release_state(TableWriterState* s) {
  for (int i = 0; i < kBatch; ++i)
    if (s->slots[i]) ExecDropSingleTupleTableSlot(s->slots[i]);
  FreeBulkInsertState(s->bistate);
  table_finish_bulk_insert(s->rel, 0);
  ExecCloseIndices(s->rri);
  FreeExecutorState(s->estate);
  Relation rel = s->rel;
  MemoryContextDelete(s->cxt);
  table_close(rel, NoLock);
}

}  // namespace

std::unique_ptr<TableWriter> TableWriter::open(const std::string& table,
                                               const std::vector<std::string>& columns) {
  std::vector<const char*> names;
  names.reserve(columns.size());
  for (const auto& c : columns) names.push_back(c.c_str());
  const char* t = table.c_str();
  const char* const* cols = names.data();
  int n = static_cast<int>(names.size());
  TableWriterState* s = guard([t, cols, n] { return open_state(t, cols, n); });
  if (!s) return nullptr;
  std::unique_ptr<TableWriter> w(new TableWriter(s));
  w->uncaught_ = std::uncaught_exceptions();
  return w;
}

TableWriter::~TableWriter() {
  // After an error the transaction aborts and releases the relation, buffers and memory;
  // nothing to do then.  Otherwise release only: the owner flushes (or finishes) before
  // dropping the writer, exactly as with an INSERT batch that was never sent.  Releasing
  // raises no error in practice; a destructor cannot pass one on.
  if (finished_ || std::uncaught_exceptions() != uncaught_) return;
  finished_ = true;
  TableWriterState* s = s_;
  try {
    guard([s] { release_state(s); });
  } catch (...) {
  }
}

void TableWriter::add(const std::vector<std::optional<std::string>>& values) {
  if (finished_) throw std::logic_error("finsim: TableWriter used after finish()");
  if (static_cast<int>(values.size()) != s_->ncols)
    throw std::logic_error("finsim: TableWriter: wrong number of values");
  const char* v[64];
  std::vector<const char*> big;
  const char** p = v;
  if (values.size() > 64) {
    big.resize(values.size());
    p = big.data();
  }
  for (size_t i = 0; i < values.size(); ++i) p[i] = values[i] ? values[i]->c_str() : nullptr;
  TableWriterState* s = s_;
  const char* const* pv = p;
  guard([s, pv] { add_row(s, pv); });
  if (s_->pending >= kBatch) flush();
}

void TableWriter::flush() {
  if (finished_ || !s_->pending) return;
  check_interrupts();
  TableWriterState* s = s_;
  guard([s] { flush_rows(s); });
}

uint64_t TableWriter::append_from(const std::string& source) {
  if (finished_) throw std::logic_error("finsim: TableWriter used after finish()");
  TableWriterState* s = s_;
  const char* src = source.c_str();
  return guard([s, src] { return append_rows(s, src); });
}

void TableWriter::finish() {
  if (finished_) return;
  finished_ = true;
  TableWriterState* s = s_;
  guard([s] {
    flush_rows(s);
    release_state(s);
  });
}

}  // namespace finsim::pg
