// Cross-article canonical entities: transliteration-folded name keys plus
// context. No list of particular names: the folds are generic romanisation
// variants (Cyrillic -y/-iy/-yy endings, y/i and ie/i spellings, oe/oi,
// w/v, kh/h, doubled letters), the same ones that separate Kiev from Kyiv,
// Zelensky from Zelenskyy and Choe from Choi.
#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <map>

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

std::string FoldWord(std::string w) {
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
  std::string out;
  for (char ch : w)
    if (out.empty() || out.back() != ch) out.push_back(ch);
  return out;
}

}  // namespace

std::string NameKey(std::string_view name) {
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

// Persons only with persons; places, organisations and MISC with each other
// (by an equal name key only, see FindMatch).
bool TypesCompatible(const std::string& a, const std::string& b) {
  return a == b || (a != "PER" && b != "PER");
}

}  // namespace

int Linker::FindMatch(const ArticleEntity& e, const std::vector<std::string>& context) const {
  const std::string key = NameKey(e.name);
  std::string place_key;
  if (gazetteer_ && e.type == "LOC")
    if (const GazEntry* g = gazetteer_->Find(e.name)) place_key = NameKey(g->canonical);
  // "Federation Council of Russia" may name the "Federation Council" of an
  // article that mentions Russia: the head before "of <country>" is a
  // second key, accepted only when that country co-occurs.
  std::string head_key, head_country;
  if (gazetteer_ && e.type == "ORG") {
    size_t of = e.name.rfind(" of ");
    if (of != std::string::npos) {
      if (const GazEntry* g = gazetteer_->Find(e.name.substr(of + 4));
          g && (g->categories & (kGazCountry | kGazCountryAlt))) {
        head_key = NameKey(e.name.substr(0, of));
        head_country = NameKey(g->canonical);
      }
    }
  }
  int best = -1;
  int best_score = 0;
  for (const CanonicalEntity& c : entities_) {
    if (!TypesCompatible(c.type, e.type)) continue;
    int score = 0;
    std::vector<std::string> names = c.aliases;
    names.push_back(c.name);
    for (const std::string& n : names) {
      std::string k = NameKey(n);
      if (k == key || (!place_key.empty() && k == place_key)) score = std::max(score, 10);
      if (!head_key.empty() && k == head_key &&
          std::find(context_[c.id].begin(), context_[c.id].end(), head_country) != context_[c.id].end())
        score = std::max(score, 8);
      if (c.type == "ORG" && k.find(" of ") != std::string::npos && gazetteer_) {
        // The mirror case: the stored name carries the country.
        size_t of = n.rfind(" of ");
        if (of != std::string::npos && NameKey(n.substr(0, of)) == key) {
          const GazEntry* g = gazetteer_->Find(n.substr(of + 4));
          if (g && (g->categories & (kGazCountry | kGazCountryAlt)) &&
              std::find(context.begin(), context.end(), NameKey(g->canonical)) != context.end())
            score = std::max(score, 8);
        }
      }
      if (e.type == "PER" && key.find(' ') != std::string::npos && k.find(' ') != std::string::npos &&
          LastWord(k) == LastWord(key)) {
        // Same surname: one first name may be a variant ("Volodymyr" /
        // "Vladimir" differ, so ask for the first letter to agree) and the
        // context must agree (a shared role or co-occurring entity).
        if (FirstWord(k)[0] == FirstWord(key)[0]) score = std::max(score, 5);
      }
    }
    if (score == 0) continue;
    if (c.type != e.type && score < 10) continue;  // another type: equal key only
    // Context: shared roles or co-occurring entities.
    int shared = 0;
    for (const std::string& r : e.roles)
      if (std::find(c.roles.begin(), c.roles.end(), r) != c.roles.end()) ++shared;
    for (const std::string& x : context)
      if (std::find(context_[c.id].begin(), context_[c.id].end(), x) != context_[c.id].end()) ++shared;
    if (score < 10 && shared == 0) continue;
    score += std::min(shared, 5);
    if (score > best_score) {
      best_score = score;
      best = c.id;
    }
  }
  return best;
}

std::vector<int> Linker::Add(const std::string& article_id, const ArticleEntities& a) {
  std::vector<std::string> context;
  for (const ArticleEntity& e : a.entities) context.push_back(NameKey(e.name));
  std::vector<int> ids;
  for (const ArticleEntity& e : a.entities) {
    const int mentions = static_cast<int>(e.mentions.size());
    int id = FindMatch(e, context);
    if (id < 0) {
      CanonicalEntity c;
      c.id = static_cast<int>(entities_.size());
      c.name = e.name;
      c.type = e.type;
      c.subtype = e.subtype;
      entities_.push_back(c);
      context_.emplace_back();
      type_mentions_.emplace_back();
      id = c.id;
    }
    CanonicalEntity& c = entities_[id];
    {
      std::map<std::string, int>& votes = type_mentions_[id];
      votes[e.type] += std::max(mentions, 1);
      // Majority type over mentions; ties keep the current type.
      for (const auto& [type, n] : votes)
        if (n > votes[c.type]) c.type = type;
    }
    if (c.name != e.name) {
      // Keep the first-seen full name; the other spelling becomes an alias.
      std::vector<std::string>& al = c.aliases;
      if (std::find(al.begin(), al.end(), e.name) == al.end()) al.push_back(e.name);
    }
    for (const std::string& s : e.aliases)
      if (s != c.name && std::find(c.aliases.begin(), c.aliases.end(), s) == c.aliases.end())
        c.aliases.push_back(s);
    for (const std::string& r : e.roles)
      if (std::find(c.roles.begin(), c.roles.end(), r) == c.roles.end()) c.roles.push_back(r);
    if (c.subtype.empty()) c.subtype = e.subtype;
    if (std::find(c.articles.begin(), c.articles.end(), article_id) == c.articles.end())
      c.articles.push_back(article_id);
    c.mention_count += mentions;
    std::sort(c.aliases.begin(), c.aliases.end());
    for (const std::string& x : context)
      if (x != NameKey(e.name) &&
          std::find(context_[id].begin(), context_[id].end(), x) == context_[id].end())
        context_[id].push_back(x);
    ids.push_back(id);
  }
  return ids;
}

}  // namespace storyline::entities
