#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "bundled_gazetteer.hpp"
#include "geo/error.hpp"

namespace bando::data {
namespace {

using testing::bundled_gazetteer;

TEST(ReverseLookup, FindsBaDinhWard) {
  // Hồ Chí Minh Mausoleum.
  const Gazetteer::ReverseMatch match = bundled_gazetteer().reverse(105.8347, 21.0368);
  ASSERT_NE(match.commune, nullptr);
  EXPECT_EQ(match.commune->code, "00004");
  EXPECT_EQ(match.commune->full_name, "Phường Ba Đình");
  ASSERT_NE(match.province, nullptr);
  EXPECT_EQ(match.province->code, "01");
}

TEST(ReverseLookup, FindsHoChiMinhWard) {
  // Bến Thành market.
  const Gazetteer::ReverseMatch match = bundled_gazetteer().reverse(106.6981, 10.7725);
  ASSERT_NE(match.commune, nullptr);
  EXPECT_EQ(match.commune->code, "26743");
  ASSERT_NE(match.province, nullptr);
  EXPECT_EQ(match.province->code, "79");
}

TEST(ReverseLookup, FindsHoangSaIsland) {
  // An island of the Hoàng Sa archipelago, inside Đà Nẵng's polygon.
  const Gazetteer::ReverseMatch match = bundled_gazetteer().reverse(112.31, 16.84);
  ASSERT_NE(match.province, nullptr);
  EXPECT_EQ(match.province->code, "48");
}

TEST(ReverseLookup, FindsTruongSaIsland) {
  // Trường Sa Lớn island, inside Khánh Hòa's polygon and the former Trường Sa district.
  const Gazetteer::ReverseMatch match = bundled_gazetteer().reverse(111.9206, 8.6455);
  ASSERT_NE(match.province, nullptr);
  EXPECT_EQ(match.province->code, "56");
  ASSERT_NE(match.commune, nullptr);
  EXPECT_EQ(match.commune->code, "22736");
}

TEST(ReverseLookup, HoangSaDistrictGivesSpecialZone) {
  // A point inside the Hoàng Sa district's island polygons. The district went
  // whole into Đặc khu Hoàng Sa, so the commune is known without its boundary.
  const Gazetteer::ReverseMatch match = bundled_gazetteer().reverse(112.334248, 16.835947);
  ASSERT_NE(match.former_district, nullptr);
  EXPECT_EQ(match.former_district->code, "498");
  ASSERT_NE(match.commune, nullptr);
  EXPECT_EQ(match.commune->code, "20333");
  EXPECT_EQ(match.commune->full_name, "Đặc khu Hoàng Sa");
  ASSERT_NE(match.province, nullptr);
  EXPECT_EQ(match.province->code, "48");
}

TEST(ReverseLookup, SeaNearHoangSaIslandGivesSpecialZone) {
  // Off Phú Lâm island: outside both the province and the district polygons,
  // but within 12 nautical miles of the Hoàng Sa district.
  const Gazetteer::ReverseMatch match = bundled_gazetteer().reverse(112.34, 16.83);
  ASSERT_NE(match.former_district, nullptr);
  EXPECT_EQ(match.former_district->code, "498");
  ASSERT_NE(match.commune, nullptr);
  EXPECT_EQ(match.commune->code, "20333");
  EXPECT_GT(match.distance_metres, 0.0);
  EXPECT_LT(match.distance_metres, Gazetteer::kSeaRadiusMetres);
}

TEST(ReverseLookup, TruongSaDistrictGivesSpecialZone) {
  const Gazetteer::ReverseMatch match = bundled_gazetteer().reverse(114.356112, 11.454092);
  ASSERT_NE(match.former_district, nullptr);
  EXPECT_EQ(match.former_district->code, "576");
  ASSERT_NE(match.commune, nullptr);
  EXPECT_EQ(match.commune->full_name, "Đặc khu Trường Sa");
  ASSERT_FALSE(match.commune->postcodes.empty());
  EXPECT_EQ(match.commune->postcodes.front(), "57906");
}

TEST(ReverseLookup, ProvinceWithoutCommuneBoundaries) {
  // Hội An old town, Đà Nẵng: no commune boundaries are bundled there, and
  // its former district split into several communes.
  const Gazetteer::ReverseMatch match = bundled_gazetteer().reverse(108.3280, 15.8770);
  EXPECT_EQ(match.commune, nullptr);
  ASSERT_NE(match.province, nullptr);
  EXPECT_EQ(match.province->code, "48");
  ASSERT_NE(match.former_district, nullptr);
  EXPECT_EQ(match.former_district->full_name, "Thành phố Hội An");
  EXPECT_GT(bundled_gazetteer().successors(*match.former_district).size(), 1u);
}

TEST(ReverseLookup, WardKeepsItsFormerDistrict) {
  const Gazetteer::ReverseMatch match = bundled_gazetteer().reverse(105.8347, 21.0368);
  ASSERT_NE(match.former_district, nullptr);
  EXPECT_EQ(match.former_district->full_name, "Quận Ba Đình");
}

TEST(ReverseLookup, OpenSeaMatchesNothing) {
  const Gazetteer::ReverseMatch match = bundled_gazetteer().reverse(113.5, 14.0);
  EXPECT_EQ(match.commune, nullptr);
  EXPECT_EQ(match.province, nullptr);
  EXPECT_EQ(match.former_district, nullptr);
}

TEST(ReverseLookup, RejectsOutOfRangeCoordinates) {
  EXPECT_THROW(bundled_gazetteer().reverse(181.0, 10.0), Error);
  EXPECT_THROW(bundled_gazetteer().reverse(106.0, -91.0), Error);
  EXPECT_THROW(bundled_gazetteer().reverse(std::nan(""), 10.0), Error);
}

TEST(ReverseLookup, SharedVertexResolvesToLowestCode) {
  // Both points are vertices of exactly two wards in the bundled GeoJSON, so
  // each lies on both boundaries and the lower code must win every time.
  struct SharedVertex {
    double lon;
    double lat;
    const char* lower_code;  // Giảng Võ 00025 (with Ô Chợ Dừa 00190), Hoàn Kiếm 00070 (with Cửa Nam 00082)
  };
  const Gazetteer& gazetteer = bundled_gazetteer();
  for (const SharedVertex& vertex : {SharedVertex{105.829973, 21.03206, "00025"},
                                     SharedVertex{105.85995, 21.025057, "00070"}}) {
    for (int i = 0; i < 5; ++i) {
      const Gazetteer::ReverseMatch match = gazetteer.reverse(vertex.lon, vertex.lat);
      ASSERT_NE(match.commune, nullptr);
      EXPECT_EQ(match.commune->code, vertex.lower_code);
    }
  }
}

TEST(ReverseLookup, ConcurrentQueriesAgree) {
  struct Probe {
    double lon;
    double lat;
    const char* commune;  // "" for none
    const char* province;
  };
  const std::vector<Probe> probes = {
      {105.8347, 21.0368, "00004", "01"}, {106.6981, 10.7725, "26743", "79"},
      {112.31, 16.84, "", "48"},           {111.9206, 8.6455, "22736", "56"},
      {113.5, 14.0, "", ""},
  };
  const Gazetteer& gazetteer = bundled_gazetteer();

  constexpr int kThreads = 4;
  constexpr int kRounds = 50;
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        // Each thread starts at a different probe so first uses overlap.
        for (std::size_t i = 0; i < probes.size(); ++i) {
          const Probe& probe = probes[(i + static_cast<std::size_t>(t)) % probes.size()];
          const Gazetteer::ReverseMatch match = gazetteer.reverse(probe.lon, probe.lat);
          const std::string commune = match.commune ? match.commune->code : "";
          const std::string province = match.province ? match.province->code : "";
          if (commune != probe.commune || province != probe.province) ++failures[static_cast<std::size_t>(t)];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(failures[static_cast<std::size_t>(t)], 0) << "thread " << t;
  }
}

TEST(ReverseLookup, ConcurrentQueriesOnFreshIndex) {
  // A new Gazetteer, so every thread prepares its geometries at the same time.
  const Gazetteer gazetteer(testing::bundled_data());
  constexpr int kThreads = 4;
  std::vector<std::string> communes(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const Gazetteer::ReverseMatch match = gazetteer.reverse(105.8347, 21.0368);
      communes[static_cast<std::size_t>(t)] = match.commune ? match.commune->code : "";
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& commune : communes) EXPECT_EQ(commune, "00004");
}

}  // namespace
}  // namespace bando::data
