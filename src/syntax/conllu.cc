// CoNLL-U reader and writer; see conllu.h.
#include "src/syntax/conllu.h"

#include <charconv>
#include <fstream>
#include <sstream>

namespace storyline::syntax {
namespace {

bool ParseInt(std::string_view s, int* v) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  return ec == std::errc() && p == s.data() + s.size();
}

Status LineError(std::string_view name, size_t line, std::string_view why) {
  return Status::InvalidArgument(std::string(name) + ":" + std::to_string(line) +
                                 ": " + std::string(why));
}

Status FinishSentence(ConlluSentence* s, const std::vector<size_t>& lines,
                      std::string_view name, size_t line) {
  const int n = static_cast<int>(s->words.size());
  for (int i = 0; i < n; ++i) {
    if (s->words[i].head < 0 || s->words[i].head > n)
      return LineError(name, lines[i], "head " + std::to_string(s->words[i].head) +
                                       " of word " + std::to_string(i + 1) +
                                       " is outside the sentence");
  }
  for (const ConlluMultiword& m : s->multiwords) {
    if (m.last > n) return LineError(name, line, "multiword range past the last word");
  }
  return Status::Ok();
}

}  // namespace

std::vector<std::pair<int, int>> ConlluSentence::TokenRanges() const {
  std::vector<std::pair<int, int>> out;
  size_t m = 0;
  const int n = static_cast<int>(words.size());
  for (int i = 0; i < n;) {
    while (m < multiwords.size() && multiwords[m].last - 1 < i) ++m;
    if (m < multiwords.size() && multiwords[m].first - 1 == i) {
      out.emplace_back(i, multiwords[m].last - 1);
      i = multiwords[m].last;
    } else {
      out.emplace_back(i, i);
      ++i;
    }
  }
  return out;
}

bool ConlluSentence::NoSpaceAfterWord(int w) const {
  for (const ConlluMultiword& m : multiwords) {
    if (m.first - 1 <= w && w <= m.last - 1) {
      return w == m.last - 1 && FieldValue(m.misc, "SpaceAfter") == "No";
    }
  }
  return FieldValue(words[w].misc, "SpaceAfter") == "No";
}

std::string_view FieldValue(std::string_view field, std::string_view key) {
  while (!field.empty()) {
    size_t bar = field.find('|');
    std::string_view item = field.substr(0, bar);
    if (item.size() > key.size() && item.substr(0, key.size()) == key &&
        item[key.size()] == '=')
      return item.substr(key.size() + 1);
    if (bar == std::string_view::npos) break;
    field.remove_prefix(bar + 1);
  }
  return {};
}

Result<std::vector<ConlluSentence>> ParseConllu(std::string_view content,
                                                std::string_view name) {
  std::vector<ConlluSentence> out;
  ConlluSentence cur;
  bool open = false;
  size_t line_no = 0;
  std::vector<size_t> word_lines;  // line of each word of `cur`
  std::string_view cols[10];
  while (!content.empty()) {
    size_t nl = content.find('\n');
    std::string_view line = content.substr(0, nl);
    content = nl == std::string_view::npos ? std::string_view() : content.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      if (open) {
        SL_RETURN_IF_ERROR(FinishSentence(&cur, word_lines, name, line_no));
        word_lines.clear();
        out.push_back(std::move(cur));
        cur = ConlluSentence();
        open = false;
      }
      continue;
    }
    open = true;
    if (line[0] == '#') {
      std::string_view c = line.substr(1);
      if (!c.empty() && c[0] == ' ') c.remove_prefix(1);
      if (c.substr(0, 7) == "text = ") cur.text = std::string(c.substr(7));
      cur.comments.emplace_back(c);
      continue;
    }
    int ncols = 0;
    std::string_view rest = line;
    while (ncols < 10) {
      size_t tab = rest.find('\t');
      cols[ncols++] = rest.substr(0, tab);
      if (tab == std::string_view::npos) { rest = {}; break; }
      rest.remove_prefix(tab + 1);
      if (ncols == 10) return LineError(name, line_no, "more than 10 columns");
    }
    if (ncols != 10)
      return LineError(name, line_no, "expected 10 tab-separated columns, got " +
                                          std::to_string(ncols));
    std::string_view id = cols[0];
    if (id.find('.') != std::string_view::npos) continue;  // empty node
    size_t dash = id.find('-');
    if (dash != std::string_view::npos) {
      ConlluMultiword m;
      if (!ParseInt(id.substr(0, dash), &m.first) ||
          !ParseInt(id.substr(dash + 1), &m.last) || m.first < 1 || m.last < m.first)
        return LineError(name, line_no, "bad multiword range '" + std::string(id) + "'");
      if (m.first != static_cast<int>(cur.words.size()) + 1)
        return LineError(name, line_no, "multiword range does not start at the next word");
      m.form = std::string(cols[1]);
      m.misc = std::string(cols[9]);
      cur.multiwords.push_back(std::move(m));
      continue;
    }
    int idv = 0;
    if (!ParseInt(id, &idv)) return LineError(name, line_no, "bad word id '" + std::string(id) + "'");
    if (idv != static_cast<int>(cur.words.size()) + 1)
      return LineError(name, line_no, "word id " + std::to_string(idv) + " out of sequence");
    ConlluWord w;
    w.form = std::string(cols[1]);
    w.lemma = std::string(cols[2]);
    w.upos = std::string(cols[3]);
    w.xpos = std::string(cols[4]);
    w.feats = std::string(cols[5]);
    if (cols[6] == "_") {
      w.head = 0;
    } else if (!ParseInt(cols[6], &w.head)) {
      return LineError(name, line_no, "bad head '" + std::string(cols[6]) + "'");
    }
    w.deprel = std::string(cols[7]);
    w.deps = std::string(cols[8]);
    w.misc = std::string(cols[9]);
    if (w.form.empty()) return LineError(name, line_no, "empty FORM");
    cur.words.push_back(std::move(w));
    word_lines.push_back(line_no);
  }
  if (open) {
    SL_RETURN_IF_ERROR(FinishSentence(&cur, word_lines, name, line_no));
    out.push_back(std::move(cur));
  }
  return out;
}

Result<std::vector<ConlluSentence>> ReadConlluFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError(path + ": read failed");
  return ParseConllu(ss.str(), path);
}

void AppendConllu(const ConlluSentence& s, std::string* out) {
  for (const std::string& c : s.comments) {
    out->append("# ");
    out->append(c);
    out->push_back('\n');
  }
  auto field = [&](const std::string& v) {
    out->append(v.empty() ? "_" : v);
  };
  size_t m = 0;
  for (size_t i = 0; i < s.words.size(); ++i) {
    if (m < s.multiwords.size() && s.multiwords[m].first == static_cast<int>(i) + 1) {
      const ConlluMultiword& mw = s.multiwords[m++];
      out->append(std::to_string(mw.first) + "-" + std::to_string(mw.last) + "\t");
      out->append(mw.form);
      out->append("\t_\t_\t_\t_\t_\t_\t_\t");
      field(mw.misc);
      out->push_back('\n');
    }
    const ConlluWord& w = s.words[i];
    out->append(std::to_string(i + 1));
    out->push_back('\t');
    field(w.form); out->push_back('\t');
    field(w.lemma); out->push_back('\t');
    field(w.upos); out->push_back('\t');
    field(w.xpos); out->push_back('\t');
    field(w.feats); out->push_back('\t');
    out->append(std::to_string(w.head)); out->push_back('\t');
    field(w.deprel); out->push_back('\t');
    field(w.deps); out->push_back('\t');
    field(w.misc); out->push_back('\n');
  }
  out->push_back('\n');
}

}  // namespace storyline::syntax
