// Model file reading and writing; see model.h.
#include "src/syntax/model.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "src/syntax/byte_io.h"

namespace storyline::syntax {

size_t SyntaxModel::MemoryBytes() const {
  size_t b = tagger.weights.MemoryBytes() + tagger.weights2.MemoryBytes() +
             supertagger.weights.MemoryBytes() + parser.weights.MemoryBytes();
  auto map_bytes = [](const auto& m) {
    size_t s = m.bucket_count() * sizeof(void*);
    for (const auto& [k, v] : m) s += 48 + k.capacity() + v.capacity();
    return s;
  };
  b += map_bytes(lemmatizer.exact) + map_bytes(lemmatizer.lower);
  for (int p = 0; p < Lemmatizer::kNumPos; ++p) {
    b += map_bytes(lemmatizer.exceptions[p]);
    b += lemmatizer.lemmas[p].bucket_count() * sizeof(void*);
    for (const std::string& s : lemmatizer.lemmas[p]) b += 40 + s.capacity();
  }
  b += word_feats.size() * 32 + (tagger.tag_dict.size() + supertagger.tag_dict.size()) * 32 +
       clusters.fine.size() * 32 +
       clusters.caps.size() * 32;
  return b;
}

namespace {

// A hash-keyed table as two vectors, keys sorted (so the file does not
// depend on the hash map's order), values stored as `Out`.
template <typename Out, typename Map>
void PutSortedMap(const Map& map, ByteWriter* w) {
  std::vector<std::pair<uint64_t, Out>> v(map.begin(), map.end());
  std::sort(v.begin(), v.end());
  std::vector<uint64_t> keys;
  std::vector<Out> values;
  keys.reserve(v.size());
  values.reserve(v.size());
  for (const auto& [k, x] : v) {
    keys.push_back(k);
    values.push_back(x);
  }
  w->PutVector(keys);
  w->PutVector(values);
}

// Reads what PutSortedMap wrote; false when either vector is damaged or
// their lengths differ.
template <typename Out>
bool GetKeysAndValues(ByteReader* r, std::vector<uint64_t>* keys, std::vector<Out>* values) {
  return r->GetVector(keys) && r->GetVector(values) && keys->size() == values->size();
}

}  // namespace

std::string SerializeModel(const SyntaxModel& m, std::vector<SparseWeights::Row>* tagger_rows,
                           float tagger_scale, std::vector<SparseWeights::Row>* parser_rows,
                           float parser_scale, std::vector<SparseWeights::Row>* tagger2_rows,
                           float tagger2_scale, std::vector<SparseWeights::Row>* supertagger_rows,
                           float supertagger_scale) {
  ByteWriter w;
  w.PutString(m.description);
  w.PutStrings(m.upos);
  w.PutStrings(m.xpos);
  w.PutStrings(m.labels);
  w.PutStrings(m.feats);
  w.Put<int32_t>(m.parser.root_label);
  w.Put<int32_t>(m.parser.beam_width);
  PutSortedMap<uint32_t>(m.word_feats, &w);
  w.PutVector(m.class_feats);
  PutSortedMap<int32_t>(m.tagger.tag_dict, &w);
  PutSortedMap<uint16_t>(m.clusters.fine, &w);
  w.PutVector(m.clusters.coarse_of);
  PutSortedMap<uint8_t>(m.clusters.caps, &w);
  PutSortedMap<uint16_t>(m.clusters.finer, &w);
  SparseWeights::WriteRows(tagger_rows, tagger_scale, &w);
  SparseWeights::WriteRows(parser_rows, parser_scale, &w);
  std::vector<SparseWeights::Row> none;
  SparseWeights::WriteRows(tagger2_rows != nullptr ? tagger2_rows : &none, tagger2_scale, &w);
  m.lemmatizer.Write(&w);
  w.PutStrings(m.supertags);
  PutSortedMap<int32_t>(m.supertagger.tag_dict, &w);
  SparseWeights::WriteRows(supertagger_rows != nullptr ? supertagger_rows : &none,
                           supertagger_scale, &w);

  const std::string& payload = w.bytes();
  uLongf clen = compressBound(payload.size());
  std::string comp(clen, '\0');
  compress2(reinterpret_cast<Bytef*>(comp.data()), &clen,
            reinterpret_cast<const Bytef*>(payload.data()), payload.size(), 9);
  comp.resize(clen);
  ByteWriter h;
  h.bytes().append(kModelMagic, 8);
  h.Put<uint32_t>(kModelVersion);
  h.Put<uint32_t>(kFeatureSetId);
  h.Put<uint64_t>(payload.size());
  h.Put<uint64_t>(comp.size());
  h.Put<uint32_t>(static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(comp.data()), static_cast<uInt>(comp.size()))));
  h.bytes() += comp;
  return std::move(h.bytes());
}

Status DeserializeModel(std::string_view bytes, std::string_view name_sv, SyntaxModel* m) {
  const std::string name(name_sv);
  if (bytes.size() < kModelHeaderBytes) {
    if (bytes.size() >= 8 && std::memcmp(bytes.data(), kModelMagic, 8) != 0)
      return Status::Corruption(name + ": not a storyline syntax model (bad magic)");
    return Status::Corruption(name + ": truncated model: " + std::to_string(bytes.size()) +
                              " bytes, shorter than the header");
  }
  if (std::memcmp(bytes.data(), kModelMagic, 8) != 0)
    return Status::Corruption(name + ": not a storyline syntax model (bad magic)");
  ByteReader hr(bytes.substr(8));
  uint32_t version = 0, feature_set = 0, crc = 0;
  uint64_t raw_size = 0, comp_size = 0;
  (void)(hr.Get(&version) && hr.Get(&feature_set) && hr.Get(&raw_size) && hr.Get(&comp_size) &&
         hr.Get(&crc));
  if (version < kOldestModelVersion || version > kModelVersion)
    return Status::InvalidArgument(
        name + ": model format version " + std::to_string(version) + ", this build reads versions " +
        std::to_string(kOldestModelVersion) + "-" + std::to_string(kModelVersion) +
        "; rebuild it with `storyline train syntax`");
  if (feature_set != kFeatureSetId)
    return Status::InvalidArgument(
        name + ": model feature set " + std::to_string(feature_set) + ", this build uses " +
        std::to_string(kFeatureSetId) + "; rebuild it with `storyline train syntax`");
  std::string_view comp = bytes.substr(kModelHeaderBytes);
  if (comp.size() < comp_size)
    return Status::Corruption(name + ": truncated model: " + std::to_string(comp.size()) +
                              " of " + std::to_string(comp_size) + " compressed bytes");
  if (comp.size() > comp_size)
    return Status::Corruption(name + ": trailing bytes after the model payload");
  uint32_t actual = static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(comp.data()), static_cast<uInt>(comp.size())));
  if (actual != crc) return Status::Corruption(name + ": checksum mismatch (damaged model)");
  if (raw_size > (uint64_t{1} << 32))
    return Status::Corruption(name + ": implausible payload size");
  std::string payload(raw_size, '\0');
  uLongf out_len = raw_size;
  if (uncompress(reinterpret_cast<Bytef*>(payload.data()), &out_len,
                 reinterpret_cast<const Bytef*>(comp.data()), comp.size()) != Z_OK ||
      out_len != raw_size)
    return Status::Corruption(name + ": payload does not decompress");

  ByteReader r(payload);
  auto bad = [&](const char* what) {
    return Status::Corruption(name + ": damaged model section: " + what);
  };
  int32_t root = 0;
  if (!r.GetString(&m->description) || !r.GetStrings(&m->upos) || !r.GetStrings(&m->xpos) ||
      !r.GetStrings(&m->labels) || !r.GetStrings(&m->feats) || !r.Get(&root))
    return bad("names");
  int32_t beam = 1;
  if (version >= 4 && (!r.Get(&beam) || beam < 1 || beam > Parser::kMaxBeamWidth))
    return bad("parser beam");
  if (m->upos.size() != m->xpos.size() || m->upos.empty() || m->labels.empty() ||
      m->labels.size() > 64 || root < 0 || root >= static_cast<int32_t>(m->labels.size()) ||
      m->feats.empty())
    return bad("names");
  const int num_tags = static_cast<int>(m->upos.size());
  for (size_t i = 0; i < m->feats.size(); ++i)
    m->feats_index.emplace(m->feats[i], static_cast<uint32_t>(i));
  {
    std::vector<uint64_t> k;
    std::vector<uint32_t> v;
    if (!GetKeysAndValues(&r, &k, &v) || !r.GetVector(&m->class_feats) ||
        m->class_feats.size() != m->upos.size())
      return bad("features lexicon");
    for (size_t i = 0; i < k.size(); ++i) {
      if (v[i] >= m->feats.size()) return bad("features lexicon");
      m->word_feats.emplace(k[i], v[i]);
    }
    for (uint32_t f : m->class_feats)
      if (f >= m->feats.size()) return bad("features lexicon");
  }
  {
    std::vector<uint64_t> k;
    std::vector<int32_t> v;
    if (!GetKeysAndValues(&r, &k, &v)) return bad("tag dictionary");
    for (size_t i = 0; i < k.size(); ++i) {
      if (v[i] < 0 || v[i] >= num_tags) return bad("tag dictionary");
      m->tagger.tag_dict.emplace(k[i], v[i]);
    }
  }
  {
    std::vector<uint64_t> k;
    std::vector<uint16_t> v;
    if (!GetKeysAndValues(&r, &k, &v) || !r.GetVector(&m->clusters.coarse_of))
      return bad("word clusters");
    m->clusters.fine.reserve(k.size());
    for (size_t i = 0; i < k.size(); ++i) {
      if (v[i] >= m->clusters.coarse_of.size()) return bad("word clusters");
      m->clusters.fine.emplace(k[i], v[i]);
    }
    std::vector<uint64_t> ck;
    std::vector<uint8_t> cv;
    if (version >= 5 && !GetKeysAndValues(&r, &ck, &cv)) return bad("case profiles");
    m->clusters.caps.reserve(ck.size());
    for (size_t i = 0; i < ck.size(); ++i) m->clusters.caps.emplace(ck[i], cv[i]);
    std::vector<uint64_t> fk;
    std::vector<uint16_t> fv;
    if (version >= 5 && !GetKeysAndValues(&r, &fk, &fv)) return bad("finer word clusters");
    m->clusters.finer.reserve(fk.size());
    for (size_t i = 0; i < fk.size(); ++i) m->clusters.finer.emplace(fk[i], fv[i]);
  }
  m->tagger.num_classes = num_tags;
  m->parser.num_labels = static_cast<int>(m->labels.size());
  m->parser.root_label = root;
  m->parser.beam_width = beam;
  m->parser.SetSubjectLabels(m->labels);
  const bool key_planes = version >= 6;
  if (!m->tagger.weights.Read(&r, num_tags, key_planes)) return bad("tagger weights");
  if (!m->parser.weights.Read(&r, m->parser.num_classes(), key_planes))
    return bad("parser weights");
  if (!m->tagger.weights2.Read(&r, num_tags, key_planes))
    return bad("second-pass tagger weights");
  if (!m->lemmatizer.Read(&r)) return bad("lemmatiser");
  if (version >= 7) {
    std::vector<uint64_t> k;
    std::vector<int32_t> v;
    if (!r.GetStrings(&m->supertags) || m->supertags.size() > SparseWeights::kMaxClasses ||
        !GetKeysAndValues(&r, &k, &v))
      return bad("supertagger");
    const int num_stags = static_cast<int>(m->supertags.size());
    for (size_t i = 0; i < k.size(); ++i) {
      if (v[i] < 0 || v[i] >= num_stags) return bad("supertagger");
      m->supertagger.tag_dict.emplace(k[i], v[i]);
    }
    m->supertagger.num_classes = num_stags;
    if (!m->supertagger.weights.Read(&r, std::max(num_stags, 1), key_planes))
      return bad("supertagger weights");
  }
  if (r.remaining() != 0) return bad("trailing data");
  return Status::Ok();
}

Result<std::string> ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open: " + std::strerror(errno));
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError(path + ": read failed");
  return ss.str();
}

Status WriteFileBytes(const std::string& path, std::string_view bytes) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IOError(tmp + ": cannot create");
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return Status::IOError(tmp + ": write failed");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    return Status::IOError(path + ": rename failed: " + std::strerror(errno));
  return Status::Ok();
}

}  // namespace storyline::syntax
