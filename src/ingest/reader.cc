// The reader table, dispatch by extension and sniffing, and the checks and
// metadata defaults every reader shares.
#include "src/ingest/reader.h"

#include <array>
#include <cctype>

#include "src/util/utf8.h"

namespace storyline::ingest {

std::span<const Reader* const> Readers() {
  // Order breaks ties between equal claims. To add a format, write
  // src/ingest/<format>_reader.cc and add it here.
  static const std::array<const Reader*, 3> kReaders = {
      &JsonlReader(), &HtmlReader(), &TextReader()};
  return kReaders;
}

const Reader& ChooseReader(std::string_view path, std::string_view head) {
  const Reader* best = nullptr;
  Match best_match = Match::kNo;
  for (const Reader* r : Readers()) {
    Match m = r->Accepts(path, head);
    if (m > best_match) {
      best = r;
      best_match = m;
    }
  }
  return best ? *best : TextReader();
}

void ReadInput(Input& input, const ReadOptions& options,
               const ArticleSink& sink) {
  Result<std::string_view> head = input.Peek(kSniffBytes);
  if (!head.ok()) {
    sink(head.status());
    return;
  }
  ChooseReader(input.name(), *head).Read(input, options, sink);
}

std::string LowerExtension(std::string_view path) {
  size_t slash = path.find_last_of('/');
  std::string_view base =
      slash == std::string_view::npos ? path : path.substr(slash + 1);
  size_t dot = base.find_last_of('.');
  // ".bashrc" is a hidden file without an extension.
  if (dot == std::string_view::npos || dot == 0) return "";
  std::string ext(base.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  }
  return true;
}

std::string_view StripBom(std::string_view s) {
  if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  return s;
}

namespace {
bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}
}  // namespace

bool IsBlank(std::string_view s) {
  for (char c : StripBom(s))
    if (!IsAsciiSpace(c)) return false;
  return true;
}

Status CheckText(std::string_view bytes) {
  if (bytes.find('\0') != std::string_view::npos)
    return Status::InvalidArgument("binary file, not text");
  // Text has a few tabs, newlines and form feeds; a binary format without
  // NULs (rare, but e.g. some compressed data) has many control bytes.
  std::string_view sample = bytes.substr(0, 64 << 10);
  size_t control = 0;
  for (char ch : sample) {
    unsigned char c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && !IsAsciiSpace(ch)) || c == 0x7F) ++control;
  }
  if (control * 10 > sample.size())
    return Status::InvalidArgument("binary file, not text");
  size_t bad = util::FindInvalidUtf8(bytes);
  if (bad != std::string_view::npos)
    return Status::InvalidArgument("invalid UTF-8 at byte " +
                                   std::to_string(bad));
  return Status::Ok();
}

std::optional<Date> ParseIsoDay(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  if (s.size() < 10) return std::nullopt;
  if (s.size() > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ')
    return std::nullopt;
  Result<Date> d = Date::Parse(s.substr(0, 10));
  if (!d.ok()) return std::nullopt;
  return *d;
}

void ApplyDefaults(const ReadOptions& options, std::string_view source_hint,
                   ArticleMeta* meta) {
  if (meta->source.empty())
    meta->source = options.source.empty() ? std::string(source_hint)
                                          : options.source;
  if (!meta->date && options.date) {
    meta->date = options.date;
    meta->date_source = "flag";
  }
}

std::string Excerpt(std::string_view s, size_t max) {
  if (s.size() <= max) return std::string(s);
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "...";
}

Status ArticleError(std::string_view where, std::string_view reason) {
  std::string m(where);
  m += ": ";
  m += reason;
  return Status::InvalidArgument(std::move(m));
}

Result<std::string> ReadWholeArticle(Input& input, const ReadOptions& options) {
  Result<std::string> raw = input.ReadAll(options.max_article_bytes);
  if (!raw.ok()) return raw.status();
  if (IsBlank(*raw)) return ArticleError(input.name(), "empty article");
  Status st = CheckText(*raw);
  if (!st.ok()) return st.WithPrefix(input.name());
  return raw;
}

}  // namespace storyline::ingest
