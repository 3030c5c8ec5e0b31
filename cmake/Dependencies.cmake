# Every dependency comes from a Debian 12 package; scripts/install-deps.sh installs them.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(ZLIB REQUIRED)
find_package(GDAL 3.6 CONFIG REQUIRED)
find_package(PROJ 9 CONFIG REQUIRED)
find_package(GEOS 3.11 CONFIG REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(spdlog REQUIRED)
find_package(fmt REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(uriparser CONFIG REQUIRED)
find_package(RapidJSON CONFIG REQUIRED)
pkg_check_modules(SPATIALITE REQUIRED IMPORTED_TARGET spatialite)
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)

# protozero is header-only and ships no CMake config in Debian.
find_path(PROTOZERO_INCLUDE_DIR protozero/pbf_writer.hpp REQUIRED)
add_library(protozero INTERFACE)
target_include_directories(protozero SYSTEM INTERFACE ${PROTOZERO_INCLUDE_DIR})

# RapidJSON's Debian config sets only a variable, so wrap it in a target.
add_library(rapidjson INTERFACE)
target_include_directories(rapidjson SYSTEM INTERFACE ${RAPIDJSON_INCLUDE_DIRS})
target_compile_definitions(rapidjson INTERFACE RAPIDJSON_HAS_STDSTRING=1)
