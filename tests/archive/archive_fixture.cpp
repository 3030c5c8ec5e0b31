#include "archive_fixture.hpp"

namespace bando::tiles::testing {

std::filesystem::path ArchiveFixture::folder_;
std::unique_ptr<data::SqliteStore> ArchiveFixture::store_;

}  // namespace bando::tiles::testing
