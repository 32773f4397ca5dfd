// generate(): every table of one estate, in foreign-key order, through bulk inserts.
#include "generator/estate.hpp"
#include "pg/bulk_insert.hpp"

namespace finsim::generator {

void generate(const Estate& e, pg::Spi& spi) {
  pg::BulkInsert metrics(spi, "finsim.metrics_daily",
                         {{"id", "uuid"}, {"account_id", "uuid"}, {"resource_type", "text"},
                          {"resource_id", "text"}, {"date", "date"}, {"metric_payload", "jsonb"},
                          {"estimated_daily_cost", "numeric"}});
  pg::BulkInsert tags(spi, "finsim.resource_tags",
                      {{"id", "uuid"}, {"account_id", "uuid"}, {"resource_type", "text"},
                       {"resource_id", "text"}, {"key", "text"}, {"value", "text"}});
  Writers w{&metrics, &tags};
  write_compute(e, spi, w);
  write_containers(e, spi, w);
  write_storage(e, spi, w);
  write_databases(e, spi, w);
  write_network(e, spi, w);
  write_operations(e, spi, w);
  metrics.flush();
  tags.flush();
}

}  // namespace finsim::generator
