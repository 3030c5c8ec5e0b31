# Gazetteer sources, listed relative to data/.
set(BANDO_GAZETTEER_SOURCES
  gazetteer/boundaries.cpp
  gazetteer/boundary_index.cpp
  gazetteer/delimited_table.cpp
  gazetteer/former_import.cpp
  gazetteer/gazetteer.cpp
  gazetteer/gazetteer_store.cpp
  gazetteer/import.cpp
  gazetteer/open_location_code.cpp
  gazetteer/place_search.cpp
  gazetteer/postcode_matching.cpp
  gazetteer/text.cpp
)
