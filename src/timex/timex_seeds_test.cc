// The seeds: every time expression of ../shared/gold/seeds.json must be
// found with its gold value, in both reports (the second one, which has no
// date of its own, tagged with DCT 2024-11-06 as `--date` would give it).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>
#include <string>

#include "storyline/timex.h"

namespace storyline::timex {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(SeedsTest, EveryGoldTimexFoundWithItsValue) {
  const std::string shared = std::string(STORYLINE_SOURCE_DIR) + "/../shared/";
  std::string gold_text = ReadFile(shared + "gold/seeds.json");
  if (gold_text.empty()) GTEST_SKIP() << "no " << shared << "gold/seeds.json";
  nlohmann::json gold = nlohmann::json::parse(gold_text);
  int total = 0, right = 0;
  for (const auto& doc : gold["documents"]) {
    std::string text = ReadFile(shared + "seeds/" + doc["file"].get<std::string>());
    ASSERT_FALSE(text.empty()) << doc["file"];
    // The plain-text reader drops the " date YYYY-MM-DD" header; offsets do
    // not matter here, so tag the file as is with the gold DCT.
    Date dct = *Date::Parse(doc["dct"].get<std::string>());
    std::vector<Timex> found = Tag(text, dct);
    size_t next = 0;  // gold timexes are in document order
    for (const auto& g : doc["timex"]) {
      ++total;
      std::string want_text = g["text"], want_value = g["value"];
      bool ok = false;
      for (size_t k = next; k < found.size(); ++k) {
        const Timex& t = found[k];
        if (text.substr(t.begin, t.end - t.begin) != want_text) continue;
        EXPECT_EQ(t.value, want_value) << doc["file"] << ": '" << want_text << "'";
        EXPECT_EQ(TypeName(t.type), g["type"].get<std::string>()) << want_text;
        ok = t.value == want_value;
        next = k + 1;
        break;
      }
      EXPECT_TRUE(ok) << doc["file"] << ": '" << want_text << "' " << want_value;
      right += ok;
    }
  }
  EXPECT_EQ(total, 24);
  EXPECT_EQ(right, total);
}

}  // namespace
}  // namespace storyline::timex
