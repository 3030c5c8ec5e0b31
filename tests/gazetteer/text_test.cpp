#include <string>

#include <gtest/gtest.h>

#include "data/gazetteer/text.hpp"
#include "geo/error.hpp"

namespace bando::data {
namespace {

TEST(TextFolding, CaseAndDiacriticsFoldEqual) {
  EXPECT_EQ(fold_for_search("Hà Nội"), "ha noi");
  EXPECT_EQ(fold_for_search("HÀ NỘI"), "ha noi");
  EXPECT_EQ(fold_for_search("ha noi"), "ha noi");
}

TEST(TextFolding, MapsDToAsciiD) {
  EXPECT_EQ(fold_for_search("Đà Nẵng"), "da nang");
  EXPECT_EQ(fold_for_search("đường"), "duong");
}

TEST(TextFolding, SqueezesWhitespace) {
  EXPECT_EQ(fold_for_search("  Thành phố   Hồ Chí\tMinh "), "thanh pho ho chi minh");
}

TEST(TextFolding, ToneVariantsFoldEqual) {
  EXPECT_EQ(fold_for_search("Hoà"), fold_for_search("Hòa"));
  EXPECT_EQ(fold_for_search("Thuỷ"), fold_for_search("Thủy"));
}

TEST(TextFolding, DecomposedInputFoldsLikeComposed) {
  const std::string decomposed = "Ha\xCC\x80 No\xCC\x82\xCC\xA3i";  // "Hà Nội" in NFD
  EXPECT_EQ(fold_for_search(decomposed), "ha noi");
}

TEST(TextNfc, ComposesDecomposedInput) {
  const std::string decomposed = "Ha\xCC\x80 No\xCC\x82\xCC\xA3i";
  EXPECT_EQ(to_nfc(decomposed), "Hà Nội");
  EXPECT_EQ(to_nfc(decomposed).size(), std::string("Hà Nội").size());
}

TEST(TextNfc, KeepsComposedInput) {
  EXPECT_EQ(to_nfc("Phường Ba Đình"), "Phường Ba Đình");
  EXPECT_EQ(to_nfc(""), "");
}

TEST(TextNfc, RejectsInvalidUtf8) {
  EXPECT_THROW(to_nfc("abc\xFF"), Error);
  EXPECT_THROW(fold_for_search("\xC3"), Error);
}

TEST(TonePlacementKey, IgnoresTonePosition) {
  EXPECT_EQ(tone_placement_key("Hoà"), tone_placement_key("Hòa"));
  EXPECT_EQ(tone_placement_key("thuỷ"), tone_placement_key("THỦY"));
  EXPECT_EQ(tone_placement_key("khoẻ"), tone_placement_key("khỏe"));
}

TEST(TonePlacementKey, KeepsDifferentTones) {
  EXPECT_NE(tone_placement_key("Hòa"), tone_placement_key("Hóa"));
  EXPECT_NE(tone_placement_key("Hòa"), tone_placement_key("Hoa"));
  EXPECT_NE(tone_placement_key("Ân"), tone_placement_key("An"));
}

}  // namespace
}  // namespace bando::data
