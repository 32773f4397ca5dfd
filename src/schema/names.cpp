#include "schema/names.hpp"

#include "core/names.hpp"
#include "pg/error.hpp"

namespace finsim::schema {

void refuse_control_characters(pg::Spi& spi, const std::string& name, const std::string& hint) {
  spi.exec(core::kFindControlCharacterSql,
           {pg::Param::text(name), pg::Param::text(std::string(core::kControlCharacter))}, true);
  if (!spi.rows()) return;
  invalid_parameter("name must not contain control characters", hint,
                    "Character " + spi.text(0, 0).value_or("?") + " is a control character (code " +
                        spi.text(0, 1).value_or("?") + ").");
}

}  // namespace finsim::schema
