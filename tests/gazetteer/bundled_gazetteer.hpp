#pragma once
// The gazetteer imported once per test process from the repository's bundled data.

#include "data/gazetteer/admin_unit.hpp"
#include "data/gazetteer/gazetteer.hpp"

namespace bando::data::testing {

// Import of BANDO_BUNDLED_DIR, run on first use.
const GazetteerData& bundled_data();

// A Gazetteer over a copy of bundled_data(), built on first use.
const Gazetteer& bundled_gazetteer();

}  // namespace bando::data::testing
