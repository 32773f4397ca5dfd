// generate(): every table of one estate, in foreign-key order, through bulk inserts.
//
// metrics_daily and resource_tags receive rows from every area while the resource tables are
// written; to keep one table's indexes hot at a time they are staged in temporary tables
// (no indexes, no WAL) and moved into place at the end, one table at a time.
#include "generator/estate.hpp"
#include "pg/bulk_insert.hpp"
#include "pg/table_writer.hpp"

namespace finsim::generator {

namespace {

// Moves the staged rows into place: through pg::TableWriter (heap multi-insert, no executor
// per row) when it may write `table`, else one INSERT ... SELECT.
void move_staged(pg::Spi& spi, const char* table, const char* staged, const char* columns) {
  if (auto w = pg::TableWriter::open(table, {})) {
    w->append_from(staged);
    w->finish();
    return;
  }
  spi.exec(std::string("INSERT INTO ") + table + " (" + columns + ") SELECT " + columns + " FROM " + staged);
}

}  // namespace

void generate(const Estate& e, pg::Spi& spi) {
  spi.exec("CREATE TEMP TABLE finsim_gen_metrics (LIKE finsim.metrics_daily INCLUDING DEFAULTS)");
  spi.exec("CREATE TEMP TABLE finsim_gen_tags (LIKE finsim.resource_tags INCLUDING DEFAULTS)");
  {
    pg::BulkInsert metrics(spi, "pg_temp.finsim_gen_metrics",
                           {{"id", "uuid"}, {"account_id", "uuid"}, {"resource_type", "text"},
                            {"resource_id", "text"}, {"date", "date"}, {"metric_payload", "jsonb"},
                            {"estimated_daily_cost", "numeric"}});
    pg::BulkInsert tags(spi, "pg_temp.finsim_gen_tags",
                        {{"id", "uuid"}, {"account_id", "uuid"}, {"resource_type", "text"},
                         {"resource_id", "text"}, {"key", "text"}, {"value", "text"}});
    OnDemandByScope on_demand;
    Writers w{&metrics, &tags, &on_demand};
    write_compute(e, spi, w);
    write_containers(e, spi, w);
    write_storage(e, spi, w);
    write_databases(e, spi, w);
    write_network(e, spi, w);
    write_operations(e, spi, w);
    metrics.flush();
    tags.flush();
  }
  move_staged(spi, "finsim.metrics_daily", "pg_temp.finsim_gen_metrics",
              "id, account_id, resource_type, resource_id, date, metric_payload, estimated_daily_cost");
  move_staged(spi, "finsim.resource_tags", "pg_temp.finsim_gen_tags",
              "id, account_id, resource_type, resource_id, key, value");
  spi.exec("DROP TABLE pg_temp.finsim_gen_metrics, pg_temp.finsim_gen_tags");
}

}  // namespace finsim::generator
