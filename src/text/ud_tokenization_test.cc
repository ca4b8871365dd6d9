// Word-level tokenisation F1 of text::Tokenize against the gold syntactic
// words of UD English EWT dev and GUM dev (CoNLL 2018 style: words compared
// as character spans of each sentence's "# text"). A multiword token's
// sub-words are located inside its surface form; when they are not
// substrings of it, they count as words no system can match.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "storyline/text.h"

namespace storyline::text {
namespace {

struct Score {
  size_t gold = 0, system = 0, correct = 0, sentences = 0;
  double F1() const { return gold + system ? 2.0 * correct / double(gold + system) : 0; }
};

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> cols;
  size_t b = 0;
  while (true) {
    const size_t e = line.find('\t', b);
    cols.push_back(line.substr(b, e == std::string::npos ? std::string::npos : e - b));
    if (e == std::string::npos) break;
    b = e + 1;
  }
  return cols;
}

using SpanSet = std::set<std::pair<long, long>>;

void ScoreSentence(const std::string& text, const std::vector<std::vector<std::string>>& rows,
                   Score* score, FILE* errors) {
  SpanSet gold;
  size_t pos = 0, unmatched = 0;
  long impossible = -1;
  for (size_t r = 0; r < rows.size(); ++r) {
    const std::string& id = rows[r][0];
    const std::string& form = rows[r][1];
    while (pos < text.size() && text[pos] == ' ') ++pos;
    const size_t at = text.compare(pos, form.size(), form) == 0 ? pos : text.find(form, pos);
    if (at == std::string::npos) { ++unmatched; continue; }
    if (id.find('-') != std::string::npos) {
      const int a = std::stoi(id), b = std::stoi(id.substr(id.find('-') + 1));
      size_t sub = at;
      bool ok = true;
      std::vector<std::pair<long, long>> spans;
      for (int k = 0; k <= b - a; ++k) {
        const std::string& w = rows[r + 1 + static_cast<size_t>(k)][1];
        if (text.compare(sub, w.size(), w) != 0) { ok = false; break; }
        spans.emplace_back(static_cast<long>(sub), static_cast<long>(sub + w.size()));
        sub += w.size();
      }
      if (!ok || sub != at + form.size()) {
        spans.clear();
        for (int k = 0; k <= b - a; ++k) spans.emplace_back(impossible, impossible--);
      }
      gold.insert(spans.begin(), spans.end());
      r += static_cast<size_t>(b - a + 1);
    } else {
      gold.emplace(static_cast<long>(at), static_cast<long>(at + form.size()));
    }
    pos = at + form.size();
  }
  score->gold += gold.size() + unmatched;
  NormalizedText n = Normalize(text);
  std::vector<Token> tokens = Tokenize(text, n);
  score->system += tokens.size();
  SpanSet system;
  for (const Token& t : tokens) {
    const std::pair<long, long> span(static_cast<long>(t.begin), static_cast<long>(t.end));
    system.insert(span);
    const bool hit = gold.count(span) > 0;
    score->correct += hit;
    if (!hit && errors != nullptr)
      std::fprintf(errors, "SYS\t%s\n", text.substr(t.begin, t.end - t.begin).c_str());
  }
  ++score->sentences;
  if (errors != nullptr)
    for (const auto& [b, e] : gold)
      if (b >= 0 && !system.count({b, e}))
        std::fprintf(errors, "GOLD\t%s\n", text.substr(static_cast<size_t>(b), static_cast<size_t>(e - b)).c_str());
}

Score ScoreFile(const std::string& path, FILE* errors) {
  Score score;
  std::ifstream f(path);
  std::string line, text;
  std::vector<std::vector<std::string>> rows;
  while (std::getline(f, line)) {
    if (line.rfind("# text = ", 0) == 0) {
      text = line.substr(9);
    } else if (line.empty()) {
      if (!rows.empty()) ScoreSentence(text, rows, &score, errors);
      rows.clear();
    } else if (line[0] != '#') {
      std::vector<std::string> cols = SplitTabs(line);
      if (cols.size() >= 2 && cols[0].find('.') == std::string::npos) rows.push_back(std::move(cols));
    }
  }
  if (!rows.empty()) ScoreSentence(text, rows, &score, errors);
  return score;
}

void ScoreAndCheck(const char* name, const std::string& path, double floor) {
  if (!std::ifstream(path)) GTEST_SKIP() << path << " not present";
  FILE* errors = nullptr;
  if (const char* dump = std::getenv("STORYLINE_TOKEN_ERRORS")) errors = std::fopen(dump, "a");
  const Score s = ScoreFile(path, errors);
  if (errors) std::fclose(errors);
  std::printf("%s: sentences %zu, gold words %zu, system tokens %zu, correct %zu, F1 %.4f\n",
              name, s.sentences, s.gold, s.system, s.correct, s.F1());
  EXPECT_GE(s.F1(), floor);
}

TEST(UdTokenizationTest, EwtDevWordF1) {
  ScoreAndCheck("EWT dev", STORYLINE_SOURCE_DIR "/../shared/eval/ud/UD_English-EWT/en_ewt-ud-dev.conllu", 0.98);
}

TEST(UdTokenizationTest, GumDevWordF1) {
  ScoreAndCheck("GUM dev", STORYLINE_SOURCE_DIR "/../shared/eval/ud/UD_English-GUM/en_gum-ud-dev.conllu", 0.97);
}

}  // namespace
}  // namespace storyline::text
