// Golden files for the timex stage: each tests/golden/timex/<case>.txt (a
// first line "# dct YYYY-MM-DD" or "# dct none", then self-written text) is
// tagged and compared with <case>.json, a list of {text, type, value, mod}.
// Regenerate after a deliberate change and review the diff:
//   STORYLINE_REGEN_GOLDEN=1 build/bin/timex_golden_test
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "storyline/timex.h"

namespace storyline::timex {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

nlohmann::json TagCase(const std::string& file_text) {
  size_t nl = file_text.find('\n');
  std::string header = file_text.substr(0, nl);
  std::string text = nl == std::string::npos ? "" : file_text.substr(nl + 1);
  std::optional<Date> dct;
  const std::string prefix = "# dct ";
  if (header.rfind(prefix, 0) == 0 && header.substr(prefix.size()) != "none") {
    Result<Date> d = Date::Parse(header.substr(prefix.size()));
    if (d.ok()) dct = *d;
  }
  nlohmann::json out = nlohmann::json::array();
  for (const Timex& t : Tag(text, dct)) {
    nlohmann::json j;
    j["text"] = text.substr(t.begin, t.end - t.begin);
    j["type"] = std::string(TypeName(t.type));
    j["value"] = t.value;
    if (!t.mod.empty()) j["mod"] = t.mod;
    out.push_back(std::move(j));
  }
  return out;
}

TEST(TimexGoldenTest, EveryCaseMatchesItsJson) {
  const fs::path dir = fs::path(STORYLINE_SOURCE_DIR) / "tests/golden/timex";
  std::vector<fs::path> cases;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".txt") cases.push_back(e.path());
  std::sort(cases.begin(), cases.end());
  ASSERT_FALSE(cases.empty()) << "no cases in " << dir;
  const bool regen = std::getenv("STORYLINE_REGEN_GOLDEN") != nullptr;
  for (const fs::path& c : cases) {
    nlohmann::json got = TagCase(ReadFile(c));
    fs::path want_path = c;
    want_path.replace_extension(".json");
    if (regen) {
      std::ofstream(want_path, std::ios::binary) << got.dump(1) << "\n";
      continue;
    }
    std::string want_text = ReadFile(want_path);
    ASSERT_FALSE(want_text.empty()) << want_path << " missing; regenerate";
    nlohmann::json want = nlohmann::json::parse(want_text);
    EXPECT_EQ(got.size(), want.size()) << c.filename();
    for (size_t k = 0; k < std::min(got.size(), want.size()); ++k)
      EXPECT_EQ(got[k], want[k]) << c.filename() << " #" << k;
  }
}

}  // namespace
}  // namespace storyline::timex
