// CoNLL-2003 reading and conlleval-compatible scoring.
//
// Chunk rules follow conlleval (Sang 2000): a chunk starts at B-X / S-X, at
// I-X or E-X after O or after a chunk of another type, and ends before O,
// B, S, or a tag of another type. So IOB1, IOB2 and BIOES all decode, and an
// improper "O I-X" in IOB2 output starts a chunk as conlleval does.
#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "src/util/utf8.h"
#include "storyline/entities.h"

namespace storyline::entities {
namespace {

void SplitTag(const std::string& tag, std::string* prefix, std::string* type) {
  if (tag == "O" || tag.empty()) {
    *prefix = "O";
    type->clear();
    return;
  }
  size_t dash = tag.find('-');
  if (dash == std::string::npos) {
    // conlleval treats a bare tag as an I- tag of that type.
    *prefix = "I";
    *type = tag;
    return;
  }
  *prefix = tag.substr(0, dash);
  *type = tag.substr(dash + 1);
  if (*prefix == "L") *prefix = "E";
  if (*prefix == "U") *prefix = "S";
}

bool EndOfChunk(const std::string& pt, const std::string& t, const std::string& ptype,
                const std::string& type) {
  if (pt == "E" || pt == "S") return true;
  if ((pt == "B" || pt == "I") && (t == "B" || t == "S" || t == "O")) return true;
  if (pt != "O" && ptype != type) return true;
  return false;
}

bool StartOfChunk(const std::string& pt, const std::string& t, const std::string& ptype,
                  const std::string& type) {
  if (t == "B" || t == "S") return true;
  if ((pt == "E" || pt == "S" || pt == "O") && (t == "E" || t == "I")) return true;
  if (t != "O" && ptype != type) return true;
  return false;
}

}  // namespace

std::vector<Chunk> ExtractChunks(const std::vector<std::string>& tags) {
  std::vector<Chunk> chunks;
  std::string pt = "O", ptype, t, type;
  int start = -1;
  for (size_t i = 0; i <= tags.size(); ++i) {
    if (i == tags.size()) {
      t = "O";
      type.clear();
    } else {
      SplitTag(tags[i], &t, &type);
    }
    if (start >= 0 && EndOfChunk(pt, t, ptype, type)) {
      chunks.push_back({start, static_cast<int>(i), ptype});
      start = -1;
    }
    if (i < tags.size() && StartOfChunk(pt, t, ptype, type)) start = static_cast<int>(i);
    pt = t;
    ptype = type;
  }
  return chunks;
}

Result<ConllCorpus> ParseConll(std::string_view text, std::string_view name,
                               size_t min_columns) {
  std::string where(name);
  ConllCorpus corpus;
  corpus.documents.emplace_back();
  ConllSentence sent;
  auto flush = [&]() {
    if (!sent.tokens.empty()) corpus.documents.back().sentences.push_back(std::move(sent));
    sent = ConllSentence();
  };
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.size() > 65536)
      return Status::InvalidArgument(where + ":" + std::to_string(line_no) + ": line too long");
    size_t bad = util::FindInvalidUtf8(line);
    if (bad != std::string_view::npos)
      return Status::InvalidArgument(where + ":" + std::to_string(line_no) +
                                     ": invalid UTF-8 at byte " + std::to_string(bad));
    ConllToken tok;
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
      if (j > i) tok.columns.emplace_back(line.substr(i, j - i));
      i = j;
    }
    if (tok.columns.empty()) {
      flush();
      continue;
    }
    if (tok.columns[0] == "-DOCSTART-") {
      flush();
      if (!corpus.documents.back().sentences.empty() || !corpus.documents.back().docstart.empty())
        corpus.documents.emplace_back();
      corpus.documents.back().docstart = std::string(line);
      continue;
    }
    if (tok.columns.size() < min_columns)
      return Status::InvalidArgument(where + ":" + std::to_string(line_no) + ": expected at least " +
                                     std::to_string(min_columns) + " columns, found " +
                                     std::to_string(tok.columns.size()));
    if (sent.tokens.empty()) sent.first_line = line_no;
    sent.lines.emplace_back(line);
    sent.tokens.push_back(std::move(tok));
    ++corpus.num_tokens;
  }
  flush();
  if (corpus.documents.back().sentences.empty() && corpus.documents.back().docstart.empty() &&
      corpus.documents.size() > 1)
    corpus.documents.pop_back();
  return corpus;
}

Result<ConllCorpus> ReadConllFile(const std::string& path, size_t min_columns) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError(path + ": read failed");
  return ParseConll(ss.str(), path, min_columns);
}

TypeScore& NerScorer::Type(const std::string& t) {
  for (TypeScore& s : types_)
    if (s.type == t) return s;
  types_.push_back(TypeScore{t});
  return types_.back();
}

void NerScorer::AddSentence(const std::vector<std::string>& gold,
                            const std::vector<std::string>& predicted) {
  size_t n = std::min(gold.size(), predicted.size());
  for (size_t i = 0; i < n; ++i) {
    ++tokens_;
    if (gold[i] == predicted[i]) ++correct_tags_;
  }
  std::vector<Chunk> g = ExtractChunks(gold), p = ExtractChunks(predicted);
  for (const Chunk& c : g) ++Type(c.type).gold;
  for (const Chunk& c : p) ++Type(c.type).predicted;
  size_t a = 0, b = 0;
  while (a < g.size() && b < p.size()) {
    if (g[a].first == p[b].first && g[a].last == p[b].last && g[a].type == p[b].type) {
      ++Type(g[a].type).correct;
      ++a;
      ++b;
    } else if (g[a].first < p[b].first || (g[a].first == p[b].first && g[a].last < p[b].last)) {
      ++a;
    } else {
      ++b;
    }
  }
}

NerScore NerScorer::Score() const {
  NerScore s;
  s.micro.type = "ALL";
  s.by_type = types_;
  std::sort(s.by_type.begin(), s.by_type.end(),
            [](const TypeScore& x, const TypeScore& y) { return x.type < y.type; });
  for (const TypeScore& t : types_) {
    s.micro.gold += t.gold;
    s.micro.predicted += t.predicted;
    s.micro.correct += t.correct;
  }
  s.tokens = tokens_;
  s.correct_tags = correct_tags_;
  return s;
}

std::string NerScorer::Report() const {
  NerScore s = Score();
  char buf[256];
  std::string out;
  std::snprintf(buf, sizeof buf,
                "processed %d tokens with %d phrases; found: %d phrases; correct: %d.\n", s.tokens,
                s.micro.gold, s.micro.predicted, s.micro.correct);
  out += buf;
  std::snprintf(buf, sizeof buf,
                "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n",
                s.tokens ? 100.0 * s.correct_tags / s.tokens : 0.0, 100 * s.micro.precision(),
                100 * s.micro.recall(), 100 * s.micro.f1());
  out += buf;
  for (const TypeScore& t : s.by_type) {
    std::snprintf(buf, sizeof buf, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %d\n",
                  t.type.c_str(), 100 * t.precision(), 100 * t.recall(), 100 * t.f1(),
                  t.predicted);
    out += buf;
  }
  std::snprintf(buf, sizeof buf, "ner F1: %.4f\n", s.micro.f1());
  out += buf;
  return out;
}

}  // namespace storyline::entities
