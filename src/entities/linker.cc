// Cross-article canonical entities: transliteration-folded name keys plus
// context. No list of particular names: the folds are generic romanisation
// variants (Cyrillic -y/-iy/-yy endings, y/i and ie/i spellings, oe/oi,
// w/v, kh/h, doubled letters), the same ones that separate Kiev from Kyiv,
// Zelensky from Zelenskyy and Choe from Choi.
#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>
#include <xxhash.h>

#include "storyline/entities.h"

namespace storyline::entities {
namespace {

// Lowercase, diacritics stripped (NFKD minus marks), letters and digits kept,
// everything else a word break.
std::string Simplify(std::string_view name) {
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t len = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(name.data()), static_cast<utf8proc_ssize_t>(name.size()),
      &mapped,
      static_cast<utf8proc_option_t>(UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                     UTF8PROC_CASEFOLD));
  std::string s;
  if (len >= 0 && mapped) s.assign(reinterpret_cast<char*>(mapped), static_cast<size_t>(len));
  else s.assign(name);
  std::free(mapped);
  std::string out;
  for (char ch : s) {
    unsigned char u = static_cast<unsigned char>(ch);
    if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u >= 0x80) {
      out.push_back(ch);
    } else if (u >= 'A' && u <= 'Z') {
      out.push_back(static_cast<char>(u + 32));
    } else if (u == '\'' ) {
      continue;  // O'Brien == OBrien
    } else if (!out.empty() && out.back() != ' ' && u != '-') {
      out.push_back(' ');
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string FoldWord(std::string w, bool collapse_doubles = true) {
  auto replace_all = [&w](std::string_view from, std::string_view to) {
    for (size_t p = w.find(from); p != std::string::npos; p = w.find(from, p + to.size()))
      w.replace(p, from.size(), to);
  };
  replace_all("kh", "h");
  replace_all("ph", "f");
  replace_all("w", "v");
  replace_all("j", "i");
  replace_all("y", "i");
  replace_all("ou", "u");
  replace_all("oe", "oi");
  replace_all("ie", "i");
  replace_all("ck", "k");
  if (!collapse_doubles) return w;
  std::string out;
  for (char ch : w)
    if (out.empty() || out.back() != ch) out.push_back(ch);
  return out;
}

// "BBC", "NATO": two to four capitals, whose doubled letters are letters of
// the acronym, not a spelling variant (BBC is not BC).
bool IsShortAcronym(std::string_view name) {
  if (name.size() < 2 || name.size() > 4) return false;
  for (char ch : name)
    if (ch < 'A' || ch > 'Z') return false;
  return true;
}

}  // namespace

std::string NameKey(std::string_view name) {
  if (IsShortAcronym(name)) return FoldWord(Simplify(name), /*collapse_doubles=*/false);
  std::string s = Simplify(name);
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) {
      if (!out.empty()) out.push_back(' ');
      out += FoldWord(s.substr(i, j - i));
    }
    i = j + 1;
  }
  return out;
}

namespace {

std::string LastWord(const std::string& key) {
  size_t sp = key.rfind(' ');
  return sp == std::string::npos ? key : key.substr(sp + 1);
}
std::string FirstWord(const std::string& key) { return key.substr(0, key.find(' ')); }

// Two first names (name keys) that may name one person: equal, an initial
// or short form of the other ("j" / "james", "steve" / "steven"), or
// spellings a letter or two apart with the same initial ("steven" /
// "stefen", the key of "Stephen"). "Shirley" and "Steven" are not.
bool FirstNamesCompatible(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty() || a[0] != b[0]) return false;
  const std::string& s = a.size() <= b.size() ? a : b;
  const std::string& l = a.size() <= b.size() ? b : a;
  if (l.compare(0, s.size(), s) == 0) return true;
  if (l.size() - s.size() > 2) return false;
  // Levenshtein distance, stopping at 3: names are short.
  std::vector<size_t> row(l.size() + 1);
  for (size_t j = 0; j <= l.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= s.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    size_t best = row[0];
    for (size_t j = 1; j <= l.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (s[i - 1] == l[j - 1] ? 0 : 1)});
      diag = up;
      best = std::min(best, row[j]);
    }
    if (best > 2) return false;
  }
  return row[l.size()] <= 2;
}

std::string Compact(const std::string& key) {
  std::string out;
  for (char ch : key)
    if (ch != ' ') out.push_back(ch);
  return out;
}

// Surname and first initial: the names a surname match may link.
std::string SurnameKey(const std::string& key) { return LastWord(key) + ' ' + key[0]; }

// Persons only with persons; places, organisations and MISC with each other
// (by an equal name key only, see FindMatch).
bool TypesCompatible(const std::string& a, const std::string& b) {
  return a == b || (a != "PER" && b != "PER");
}

uint64_t KeyHash(std::string_view key) { return XXH3_64bits(key.data(), key.size()); }

void AddUnique(std::vector<int>* ids, int id) {
  if (std::find(ids->begin(), ids->end(), id) == ids->end()) ids->push_back(id);
}

}  // namespace

struct Linker::Index {
  // NameKey of every name and alias -> entities.
  std::unordered_map<std::string, std::vector<int>> by_key;
  // Key without spaces -> entities: "Kim Jong-un" (hyphens drop, "kim iongun")
  // is "Kim Jong Un" ("kim iong un"), "Al-Qaeda" is "Al Qaeda".
  std::unordered_map<std::string, std::vector<int>> by_compact;
  // PER names of two or more words: SurnameKey() -> entities.
  std::unordered_map<std::string, std::vector<int>> by_surname;
  // ORG names "<head> of <country>": key of the head -> (entity, country key).
  std::unordered_map<std::string, std::vector<std::pair<int, std::string>>> by_head;
  // Co-occurring entity keys, the first kMaxContext seen: enough evidence
  // to tell two namesakes apart, and a bound on the state of an entity that
  // co-occurs with everything (a capital, a president), which the store
  // rewrites whenever an article mentions it.
  static constexpr size_t kMaxContext = 256;
  struct Context {
    std::vector<std::string> keys;          // for State()
    std::unordered_set<uint64_t> hashes;    // KeyHash of each key, for lookups
    bool Has(uint64_t h) const { return hashes.count(h) != 0; }
    void Insert(const std::string& key) {
      if (keys.size() < kMaxContext && hashes.insert(KeyHash(key)).second) keys.push_back(key);
    }
  };
  // What the linker knows of each entity beyond its CanonicalEntity.
  struct Entry {
    std::vector<std::string> keys;          // NameKey of each name, and its place key
    Context context;
    std::map<std::string, int> type_votes;  // mentions by type
  };
  std::vector<Entry> entries;               // by entity id
};

Linker::Linker(const Gazetteer* gazetteer)
    : gazetteer_(gazetteer), index_(std::make_unique<Index>()) {}
Linker::~Linker() = default;
Linker::Linker(Linker&&) noexcept = default;
Linker& Linker::operator=(Linker&&) noexcept = default;

// The country key of "<head> of <country>" (and the head in `*head`), or "".
static std::string OfCountry(const Gazetteer* gazetteer, const std::string& name, std::string* head) {
  if (!gazetteer) return "";
  size_t of = name.rfind(" of ");
  if (of == std::string::npos) return "";
  const GazEntry* g = gazetteer->Find(name.substr(of + 4));
  if (!g || !(g->categories & (kGazCountry | kGazCountryAlt))) return "";
  *head = name.substr(0, of);
  return NameKey(g->canonical);
}

std::string Linker::PlaceKey(const std::string& name) const {
  if (!gazetteer_) return "";
  if (const GazEntry* g = gazetteer_->Find(name); g && (g->categories & ~kGazWordNet))
    return NameKey(g->canonical);
  // "U.S.", "US": an ISO 3166 alpha-2 code in capitals names its country.
  std::string code;
  for (char ch : name) {
    if (ch >= 'A' && ch <= 'Z') code.push_back(ch);
    else if (ch != '.') return "";
  }
  if (code.size() != 2) return "";
  std::string_view country = gazetteer_->CountryName(code);
  return country.empty() ? "" : NameKey(country);
}

void Linker::AddName(int id, const std::string& name) {
  const std::string key = NameKey(name);
  std::vector<std::string>& keys = index_->entries[id].keys;
  if (std::find(keys.begin(), keys.end(), key) != keys.end()) return;
  keys.push_back(key);
  AddUnique(&index_->by_key[key], id);
  AddUnique(&index_->by_compact[Compact(key)], id);
  const std::string& type = entities_[id].type;
  // A place is also known by its gazetteer name ("U.S." -> United States).
  if (type == "LOC") {
    std::string place = PlaceKey(name);
    if (!place.empty() && std::find(keys.begin(), keys.end(), place) == keys.end()) {
      keys.push_back(place);
      AddUnique(&index_->by_key[place], id);
      AddUnique(&index_->by_compact[Compact(place)], id);
    }
  }
  if (type == "PER" && key.find(' ') != std::string::npos)
    AddUnique(&index_->by_surname[SurnameKey(key)], id);
  std::string head;
  if (type == "ORG") {
    std::string country = OfCountry(gazetteer_, name, &head);
    if (!country.empty()) index_->by_head[NameKey(head)].emplace_back(id, country);
  }
}

int Linker::FindMatch(const ArticleEntity& e, const std::vector<std::string>& context,
                      const std::vector<uint64_t>& context_hashes) const {
  const std::string key = NameKey(e.name);
  const std::string place_key = e.type == "LOC" ? PlaceKey(e.name) : "";
  // "Federation Council of Russia" may name the "Federation Council" of an
  // article that mentions Russia: the head before "of <country>" is a
  // second key, accepted only when that country co-occurs.
  std::string head_key, head_country;
  if (e.type == "ORG") {
    std::string head;
    head_country = OfCountry(gazetteer_, e.name, &head);
    if (!head_country.empty()) head_key = NameKey(head);
  }
  const bool multiword_person = e.type == "PER" && key.find(' ') != std::string::npos;

  auto gather = [](const auto& map, const std::string& k, std::vector<int>* out) {
    if (k.empty()) return;
    auto it = map.find(k);
    if (it != map.end()) out->insert(out->end(), it->second.begin(), it->second.end());
  };
  // Entities with a key equal to ours (spaces aside; every key is in
  // by_compact) or to our place key: an exact match.
  std::vector<int> exact;
  gather(index_->by_compact, Compact(key), &exact);
  gather(index_->by_key, place_key, &exact);
  std::vector<int> candidates = exact;
  gather(index_->by_key, head_key, &candidates);
  if (multiword_person) gather(index_->by_surname, SurnameKey(key), &candidates);
  // The mirror case: a stored "<key> of <country>" when the country co-occurs.
  std::vector<int> mirror;
  if (auto it = index_->by_head.find(key); it != index_->by_head.end())
    for (const auto& [id, country] : it->second)
      if (std::find(context.begin(), context.end(), country) != context.end()) {
        candidates.push_back(id);
        mirror.push_back(id);
      }
  // Ascending ids, so that the earliest entity wins a tie.
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

  int best = -1;
  int best_score = 0;
  for (int id : candidates) {
    const CanonicalEntity& c = entities_[id];
    if (!TypesCompatible(c.type, e.type)) continue;
    const Index::Entry& entry = index_->entries[id];
    const Index::Context& c_context = entry.context;
    auto has = [id](const std::vector<int>& ids) { return std::find(ids.begin(), ids.end(), id) != ids.end(); };
    int score = has(exact) ? 10 : has(mirror) ? 8 : 0;
    for (const std::string& k : entry.keys) {
      if (!head_key.empty() && k == head_key && c_context.Has(KeyHash(head_country))) score = std::max(score, 8);
      if (multiword_person && k.find(' ') != std::string::npos && LastWord(k) == LastWord(key)) {
        // Same surname: one first name may be a variant ("Volodymyr" /
        // "Vladimir" differ, so ask for the first letter to agree) and the
        // context must agree (a shared role or co-occurring entity).
        if (FirstNamesCompatible(FirstWord(k), FirstWord(key))) score = std::max(score, 5);
      }
    }
    if (score == 0) continue;
    if (c.type != e.type && score < 10) continue;  // another type: equal key only
    // Context: shared roles or co-occurring entities.
    int shared = 0;
    for (const std::string& r : e.roles)
      if (std::find(c.roles.begin(), c.roles.end(), r) != c.roles.end()) ++shared;
    for (uint64_t h : context_hashes)
      if (c_context.Has(h)) ++shared;
    if (score < 10 && shared == 0) continue;
    score += std::min(shared, 5);
    if (score > best_score) {
      best_score = score;
      best = id;
    }
  }
  return best;
}

std::vector<int> Linker::Add(const std::string& article_id, const ArticleEntities& a) {
  std::vector<std::string> context;
  std::vector<uint64_t> hashes;
  for (const ArticleEntity& e : a.entities) {
    context.push_back(NameKey(e.name));
    hashes.push_back(KeyHash(context.back()));
  }
  std::vector<int> ids;
  for (size_t ei = 0; ei < a.entities.size(); ++ei) {
    const ArticleEntity& e = a.entities[ei];
    int id = FindMatch(e, context, hashes);
    if (id < 0) {
      CanonicalEntity c;
      c.id = static_cast<int>(entities_.size());
      c.name = e.name;
      c.type = e.type;
      c.subtype = e.subtype;
      entities_.push_back(std::move(c));
      index_->entries.emplace_back();
      id = static_cast<int>(entities_.size()) - 1;
      AddName(id, e.name);
    }
    CanonicalEntity& c = entities_[id];
    // Keep the first-seen full name; other spellings become aliases.
    auto add_alias = [&](const std::string& s) {
      if (s == c.name) return;
      auto it = std::lower_bound(c.aliases.begin(), c.aliases.end(), s);
      if (it != c.aliases.end() && *it == s) return;
      c.aliases.insert(it, s);
      AddName(id, s);
    };
    add_alias(e.name);
    for (const std::string& s : e.aliases) add_alias(s);
    {
      std::map<std::string, int>& votes = index_->entries[id].type_votes;
      votes[e.type] += std::max(static_cast<int>(e.mentions.size()), 1);
      // Majority type over mentions; ties keep the current type.
      for (const auto& [type, n] : votes)
        if (n > votes[c.type]) c.type = type;
    }
    for (const std::string& r : e.roles)
      if (std::find(c.roles.begin(), c.roles.end(), r) == c.roles.end()) c.roles.push_back(r);
    if (c.subtype.empty()) c.subtype = e.subtype;
    // Add() sees each article once in a row, so the last id is the only
    // one that can repeat.
    if (c.articles.empty() || c.articles.back() != article_id) c.articles.push_back(article_id);
    c.mention_count += static_cast<int>(e.mentions.size());
    for (size_t x = 0; x < context.size(); ++x)
      if (x != ei && context[x] != context[ei]) index_->entries[id].context.Insert(context[x]);
    ids.push_back(id);
  }
  return ids;
}

std::string Linker::State(int id) const {
  const CanonicalEntity& c = entities_.at(id);
  const Index::Entry& entry = index_->entries[id];
  const std::vector<std::string>& context = entry.context.keys;
  nlohmann::json j = {{"subtype", c.subtype}, {"aliases", c.aliases}, {"roles", c.roles},
                      {"context", context}, {"types", entry.type_votes}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

// The parsed State(): fills `c` (subtype, aliases, roles), `context` and
// `types` (mentions by type; may be null).
Status ParseState(std::string_view state, CanonicalEntity* c, std::vector<std::string>* context,
                  std::map<std::string, int>* types) {
  nlohmann::json j = nlohmann::json::parse(state, nullptr, /*allow_exceptions=*/false);
  auto strings = [&j](const char* field, std::vector<std::string>* out) {
    auto it = j.find(field);
    if (it == j.end()) return true;
    if (!it->is_array()) return false;
    for (const auto& v : *it) {
      if (!v.is_string()) return false;
      out->push_back(v.get<std::string>());
    }
    return true;
  };
  if (!j.is_object() || !strings("aliases", &c->aliases) || !strings("roles", &c->roles) ||
      !strings("context", context))
    return Status::Corruption("entity " + std::to_string(c->id) + ": bad linker state");
  if (auto it = j.find("subtype"); it != j.end() && it->is_string()) c->subtype = it->get<std::string>();
  if (auto it = j.find("types"); it != j.end() && types) {
    if (!it->is_object())
      return Status::Corruption("entity " + std::to_string(c->id) + ": bad linker state");
    for (const auto& [type, n] : it->items()) {
      if (!n.is_number_integer())
        return Status::Corruption("entity " + std::to_string(c->id) + ": bad linker state");
      (*types)[type] = n.get<int>();
    }
  }
  std::sort(c->aliases.begin(), c->aliases.end());
  return Status::Ok();
}

}  // namespace

Result<CanonicalEntity> DecodeCanonicalEntity(int id, std::string_view name, std::string_view type,
                                              std::string_view state) {
  CanonicalEntity c;
  c.id = id;
  c.name = std::string(name);
  c.type = std::string(type);
  std::vector<std::string> context;
  SL_RETURN_IF_ERROR(ParseState(state, &c, &context, nullptr));
  return c;
}

Status Linker::Restore(int id, std::string_view name, std::string_view type, std::string_view state) {
  if (id != static_cast<int>(entities_.size()))
    return Status::Corruption("entity " + std::to_string(id) + ": expected id " +
                              std::to_string(entities_.size()) + " (ids must be dense)");
  CanonicalEntity c;
  c.id = id;
  c.name = std::string(name);
  c.type = std::string(type);
  std::vector<std::string> context;
  std::map<std::string, int> types;
  SL_RETURN_IF_ERROR(ParseState(state, &c, &context, &types));
  entities_.push_back(std::move(c));
  Index::Entry& entry = index_->entries.emplace_back();
  entry.type_votes = std::move(types);
  for (const std::string& k : context) entry.context.Insert(k);
  const CanonicalEntity& restored = entities_.back();
  AddName(id, restored.name);
  for (const std::string& a : restored.aliases) AddName(id, a);
  return Status::Ok();
}

}  // namespace storyline::entities
