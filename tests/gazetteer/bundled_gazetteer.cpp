#include "bundled_gazetteer.hpp"

#include "data/gazetteer/import.hpp"

namespace bando::data::testing {

const GazetteerData& bundled_data() {
  static const GazetteerData data = import_gazetteer(BANDO_BUNDLED_DIR);
  return data;
}

const Gazetteer& bundled_gazetteer() {
  static const Gazetteer gazetteer(bundled_data());
  return gazetteer;
}

}  // namespace bando::data::testing
