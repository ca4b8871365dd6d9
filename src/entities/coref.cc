// Within-article coreference, titles, roles and metonyms; see coref.h.
#include "src/entities/coref.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "src/entities/features.h"

namespace storyline::entities {
namespace {

struct Ctx {
  const std::vector<SentenceInput>& sents;
  const Gazetteer* gaz;
};

std::string_view Form(const Ctx& c, size_t s, size_t t) { return c.sents[s].tokens[t].form; }

// Tokens [f, l) of sentence s joined as written (a space where the source
// had a gap).
std::string Join(const Ctx& c, size_t s, size_t f, size_t l) {
  std::string out;
  const auto& toks = c.sents[s].tokens;
  for (size_t t = f; t < l; ++t) {
    if (t > f && toks[t].begin != toks[t - 1].end) out.push_back(' ');
    out += toks[t].form;
  }
  return out;
}

bool IsCapitalised(std::string_view w) {
  return !w.empty() && ((w[0] >= 'A' && w[0] <= 'Z') || static_cast<unsigned char>(w[0]) >= 0x80);
}

const GazEntry* FindCat(const Gazetteer* g, std::string_view phrase, uint16_t cats) {
  if (g == nullptr) return nullptr;
  const GazEntry* e = g->Find(phrase);
  return e && (e->categories & cats) ? e : nullptr;
}

std::string GenderOf(const GazEntry* e) {
  if (e && (e->country == "m" || e->country == "f")) return e->country;
  return "";
}

int PronounGender(std::string_view w) {  // 1 = m, 2 = f, 0 = not a personal pronoun
  std::string l = Lower(w);
  if (l == "he" || l == "him" || l == "his" || l == "himself") return 1;
  if (l == "she" || l == "her" || l == "hers" || l == "herself") return 2;
  return 0;
}

std::string Initials(const std::string& name) {
  std::string out;
  size_t i = 0;
  while (i < name.size()) {
    while (i < name.size() && name[i] == ' ') ++i;
    if (i < name.size() && name[i] >= 'A' && name[i] <= 'Z') out.push_back(name[i]);
    while (i < name.size() && name[i] != ' ') ++i;
  }
  return out;
}

bool IsAcronym(std::string_view w) {
  if (w.size() < 2 || w.size() > 6) return false;
  for (char ch : w)
    if (ch < 'A' || ch > 'Z') return false;
  return true;
}

// The title phrase (up to 3 tokens) ending right before token f, if any.
int TitleBefore(const Ctx& c, size_t s, size_t f, const GazEntry** entry) {
  for (int len = 3; len >= 1; --len) {
    if (f < static_cast<size_t>(len)) continue;
    std::string phrase = Join(c, s, f - len, f);
    if (const GazEntry* e = FindCat(c.gaz, phrase, kGazTitle)) {
      *entry = e;
      return len;
    }
  }
  return 0;
}

// Honorifics: they give a gender but are no role ("Mr", "Mrs").
bool IsHonorific(std::string_view t) {
  static const char* kHonorific[] = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss",
                                     "mx", "mx.", "sir", "dame", "madam", "mme", "mme."};
  std::string l = Lower(t);
  for (const char* h : kHonorific)
    if (l == h) return true;
  return false;
}

// Curated street and road head words: a name ending in one is a place
// ("Mill Lane", "Downing Street"), whatever the tagger thought of its
// first word. "Close" and "Court" are left out (Glenn Close, Supreme Court).
bool IsStreetWord(std::string_view w) {
  static const char* kStreet[] = {"Street", "St.", "Road", "Rd", "Lane", "Avenue", "Ave",
                                  "Boulevard", "Drive", "Crescent", "Terrace", "Square",
                                  "Highway", "Alley", "Embankment", "Parade", "Gardens"};
  for (const char* k : kStreet)
    if (w == k) return true;
  return false;
}

// A lowercase geographic noun right before a name makes it a place ("the
// river Lenne", "lake Geneva", "the town of X" is left to the tagger).
bool IsPlaceNoun(std::string_view w) {
  static const char* kPlace[] = {"river", "lake", "mount", "island", "town", "village",
                                 "hamlet", "suburb", "county", "borough"};
  for (const char* k : kPlace)
    if (w == k) return true;
  return false;
}

struct Work {
  std::vector<Mention> mentions;
  std::vector<ArticleEntity> entities;
  std::vector<std::map<std::string, int>> type_votes;
  std::vector<std::string> keys;  // NameKey of each entity's name
};

int NewEntity(Work* w, const Mention& m, const std::string& name) {
  ArticleEntity e;
  e.name = name;
  e.type = m.type;
  e.subtype = m.subtype;
  w->entities.push_back(e);
  w->type_votes.emplace_back();
  w->keys.push_back(NameKey(name));
  return static_cast<int>(w->entities.size() - 1);
}

void AddUnique(std::vector<std::string>* v, const std::string& s) {
  if (!s.empty() && std::find(v->begin(), v->end(), s) == v->end()) v->push_back(s);
}

}  // namespace

void BuildArticleEntities(const std::vector<SentenceInput>& sentences,
                          const std::vector<std::vector<TaggedSpan>>& spans,
                          const Gazetteer* gazetteer, ArticleEntities* out) {
  Ctx c{sentences, gazetteer};
  Work w;
  std::vector<char> ruled_type;  // per mention: type set by a rule, not the tagger
  // ---- 1. mentions, refinement, nationality + organisation merging.
  for (size_t s = 0; s < sentences.size() && s < spans.size(); ++s) {
    std::vector<TaggedSpan> sp;
    const size_t n = sentences[s].tokens.size();
    // A possessive or a slash never sits inside a name: cut the span there
    // ("West 's delays" -> "West").
    for (TaggedSpan t : spans[s]) {
      if (t.last > n || t.first >= t.last) continue;
      for (uint32_t k = t.first; k < t.last; ++k) {
        std::string_view f = Form(c, s, k);
        if (f == "'s" || f == "\xE2\x80\x99s" || f == "/") {
          t.last = k;
          break;
        }
      }
      // A title the tagger took into a person's name ("Mayor Isolde Pryce")
      // is not part of the name: cut it off, so the mention corefers with
      // the bare name; step 2 still reads it as the person's title.
      if (t.type == EntityType::kPer && gazetteer != nullptr) {
        for (uint32_t len = std::min<uint32_t>(3, t.last - t.first - 1); len >= 1; --len) {
          if (FindCat(gazetteer, Join(c, s, t.first, t.first + len), kGazTitle) &&
              IsCapitalised(Form(c, s, t.first + len))) {
            t.first += len;
            break;
          }
        }
      }
      // A street name ("Mill Lane"): extend over an untagged street word and
      // type the whole name as a place.
      if (t.last < n && !IsStreetWord(Form(c, s, t.last - 1)) && IsStreetWord(Form(c, s, t.last))) {
        bool tagged_next = false;
        for (const TaggedSpan& o : spans[s]) tagged_next |= o.first == t.last;
        if (!tagged_next) ++t.last;
      }
      if (t.last - t.first >= 2 && IsStreetWord(Form(c, s, t.last - 1))) t.type = EntityType::kLoc;
      if (t.first < t.last) sp.push_back(t);
    }
    // Acronym fallback: an untagged all-caps word of 2-5 letters in a
    // mixed-case sentence is an organisation (AFP, KBS) unless the gazetteer
    // knows it as a place, title or non-entity.
    {
      int caps_words = 0, words = 0;
      for (const TokenInput& t : sentences[s].tokens) {
        if (t.form.empty() || !std::isalpha(static_cast<unsigned char>(t.form[0]))) continue;
        ++words;
        if (IsAcronym(t.form)) ++caps_words;
      }
      if (caps_words * 2 < words) {
        size_t next = 0;
        std::vector<TaggedSpan> merged;
        for (uint32_t k = 0; k < n; ++k) {
          while (next < sp.size() && sp[next].last <= k) merged.push_back(sp[next++]);
          bool inside = next < sp.size() && sp[next].first <= k;
          std::string_view f = Form(c, s, k);
          if (!inside && IsAcronym(f) && f.size() <= 5 &&
              !FindCat(gazetteer, f, kGazTitle | kGazNotEntity | kGazCountry | kGazCountryAlt |
                                         kGazCapital | kGazCityBig | kGazCity | kGazRegion))
            merged.push_back({k, k + 1, EntityType::kOrg});
        }
        while (next < sp.size()) merged.push_back(sp[next++]);
        sp = std::move(merged);
      }
    }
    for (size_t i = 0; i < sp.size(); ++i) {
      std::string text = Join(c, s, sp[i].first, sp[i].last);
      // Institutions named by a building or head word ("the Kremlin") are
      // organisations; laws and events headed by "Treaty", "War" are MISC.
      if (sp[i].last - sp[i].first == 1 && sp[i].type == EntityType::kLoc &&
          FindCat(gazetteer, text, kGazOrgWord) &&
          !FindCat(gazetteer, text, kGazCountry | kGazCapital | kGazCityBig | kGazCity))
        sp[i].type = EntityType::kOrg;
      if (sp[i].type == EntityType::kOrg &&
          FindCat(gazetteer, Form(c, s, sp[i].first), kGazMiscWord))
        sp[i].type = EntityType::kMisc;
      // "South Korean" + "Defence Ministry" -> one organisation.
      if (sp[i].type == EntityType::kMisc && FindCat(gazetteer, text, kGazDemonym)) {
        size_t j = sp[i].last;
        while (j < n && IsCapitalised(Form(c, s, j)) && j - sp[i].last < 4) ++j;
        if (j > sp[i].last && FindCat(gazetteer, Form(c, s, j - 1), kGazOrgWord)) {
          // Swallow following tagged spans that start inside [last, j); the
          // organisation ends at its head word.
          uint32_t last = static_cast<uint32_t>(j);
          while (i + 1 < sp.size() && sp[i + 1].first < last)
            sp.erase(sp.begin() + static_cast<long>(i) + 1);
          sp[i].last = last;
          sp[i].type = EntityType::kOrg;
          text = Join(c, s, sp[i].first, sp[i].last);
        }
      }
      // A spelling variant of a known place ("Kiev" for Kyiv) is that place
      // (a phrase known only from WordNet does not count as known).
      if (sp[i].last - sp[i].first == 1 && sp[i].type != EntityType::kLoc &&
          sp[i].type != EntityType::kPer && gazetteer &&
          !FindCat(gazetteer, text, static_cast<uint16_t>(~kGazWordNet)))
        if (gazetteer->FindPlaceByNameKey(text)) sp[i].type = EntityType::kLoc;
      // Photo credits ("Vladimir Smirnov/Sputnik/Pool"): what follows a
      // slash is the agency, not a second photographer.
      if (sp[i].type == EntityType::kPer && sp[i].first > 0 && Form(c, s, sp[i].first - 1) == "/")
        sp[i].type = EntityType::kOrg;
      // "the Donbas region", "Kursk province": a name before a region noun is
      // a place.
      if (sp[i].last < n && sp[i].type != EntityType::kPer) {
        std::string next = Lower(Form(c, s, sp[i].last));
        if (next == "region" || next == "province" || next == "oblast" || next == "district" ||
            next == "valley" || next == "peninsula")
          sp[i].type = EntityType::kLoc;
      }
      // "the river Lenne": a name after a geographic noun is a place, and
      // this evidence outweighs the tagger's votes for the entity's type.
      bool ruled = false;
      if (sp[i].first > 0 && IsPlaceNoun(Form(c, s, sp[i].first - 1))) {
        sp[i].type = EntityType::kLoc;
        ruled = true;
      }
      if (sp[i].last - sp[i].first >= 2 && IsStreetWord(Form(c, s, sp[i].last - 1))) ruled = true;
      Mention m;
      m.sentence = static_cast<uint32_t>(s);
      m.first_token = sp[i].first;
      m.last_token = sp[i].last;
      m.begin = sentences[s].tokens[sp[i].first].begin;
      m.end = sentences[s].tokens[sp[i].last - 1].end;
      m.text = text;
      m.type = std::string(EntityTypeName(sp[i].type));
      if (sp[i].type == EntityType::kLoc) {
        if (FindCat(gazetteer, text, kGazCountry | kGazCountryAlt)) m.subtype = "country";
        else if (FindCat(gazetteer, text, kGazCapital | kGazCityBig | kGazCity)) m.subtype = "city";
        else if (FindCat(gazetteer, text, kGazRegion)) m.subtype = "region";
        else if (const GazEntry* v = gazetteer ? gazetteer->FindPlaceByNameKey(text) : nullptr)
          m.subtype = (v->categories & kGazCountry) ? "country" : "city";
        if (sp[i].last < n && Lower(Form(c, s, sp[i].last)) == "region" && m.subtype != "country")
          m.subtype = "region";
      } else if (sp[i].type == EntityType::kMisc && FindCat(gazetteer, text, kGazDemonym)) {
        m.subtype = "nationality";
      }
      w.mentions.push_back(std::move(m));
      ruled_type.push_back(ruled);
    }
  }

  // ---- 2 + 3. names, titles, roles, organisations and places.
  std::vector<std::string> roles(w.mentions.size());
  std::vector<std::string> genders(w.mentions.size());
  for (size_t k = 0; k < w.mentions.size(); ++k) {
    Mention& m = w.mentions[k];
    if (m.type != "PER") continue;
    const size_t s = m.sentence;
    const GazEntry* title = nullptr;
    int tl = TitleBefore(c, s, m.first_token, &title);
    if (tl > 0) {
      std::string t = Join(c, s, m.first_token - tl, m.first_token);
      genders[k] = GenderOf(title);
      // A qualifier right before the title: nationality, country or organisation.
      std::string role = t;
      for (size_t q = 0; q < k; ++q) {
        const Mention& p = w.mentions[q];
        if (p.sentence != m.sentence || p.last_token != m.first_token - tl) continue;
        const GazEntry* dem = FindCat(gazetteer, p.text, kGazDemonym | kGazCountry | kGazCountryAlt);
        if (dem && (p.subtype == "nationality" || p.subtype == "country"))
          role = t + " of " + dem->canonical;
        else
          role = p.text + " " + t;
      }
      if (role == t && m.first_token >= static_cast<uint32_t>(tl) + 1) {
        // Untagged lowercase qualifier such as "state media" is not a role
        // qualifier; a capitalised word before the title is.
        std::string_view prev = Form(c, s, m.first_token - tl - 1);
        if (const GazEntry* dem = FindCat(gazetteer, prev, kGazDemonym))
          role = t + " of " + dem->canonical;
      }
      if (!IsHonorific(t)) roles[k] = role;
    }
    // Apposition: "Name, a spokesman for the X Ministry,".
    const auto& toks = sentences[s].tokens;
    size_t j = m.last_token;
    if (j + 2 < toks.size() && toks[j].form == ",") {
      size_t a = j + 1;
      std::string det = Lower(toks[a].form);
      if (det == "a" || det == "an" || det == "the") ++a;
      size_t e = a;
      bool has_role = false;
      const GazEntry* role_entry = nullptr;
      // An appositive role is a short noun phrase: no verb (when the syntax
      // stage ran), no other person in it ("Reagan, Vice President George
      // Bush and ..."), at most kMaxRoleTokens tokens.
      constexpr size_t kMaxRoleTokens = 10;
      bool clause = false;
      while (e < toks.size() && toks[e].form != "," && e - a < kMaxRoleTokens + 1) {
        clause |= toks[e].upos == "VERB" || toks[e].upos == "AUX";
        if (e - a < 4) {
          if (const GazEntry* r = FindCat(gazetteer, toks[e].form, kGazPersonWord | kGazTitle)) {
            has_role = true;
            if (!role_entry) role_entry = r;
          }
        }
        ++e;
      }
      for (size_t q = 0; q < w.mentions.size() && !clause; ++q) {
        const Mention& p = w.mentions[q];
        clause |= q != k && p.type == "PER" && p.sentence == s && p.first_token >= a && p.first_token < e;
      }
      if (has_role && !clause && e < toks.size() && e > a && e - a <= kMaxRoleTokens) {
        roles[k] = Join(c, s, a, e);
        if (genders[k].empty()) genders[k] = GenderOf(role_entry);
      }
    }
  }

  for (size_t k = 0; k < w.mentions.size(); ++k) {
    Mention& m = w.mentions[k];
    int ent = -1;
    if (m.type == "PER") {
      std::vector<std::string> toks;
      for (uint32_t t = m.first_token; t < m.last_token; ++t) toks.emplace_back(Form(c, m.sentence, t));
      std::string key = NameKey(m.text);
      for (int e = static_cast<int>(w.entities.size()) - 1; e >= 0 && ent < 0; --e) {
        if (w.entities[e].type != "PER") continue;
        if (w.keys[e] == key) ent = e;
      }
      if (ent < 0 && toks.size() == 1) {
        // A surname (or Korean family name) of an earlier full name.
        std::string tk = NameKey(toks[0]);
        for (int e = static_cast<int>(w.entities.size()) - 1; e >= 0 && ent < 0; --e) {
          if (w.entities[e].type != "PER") continue;
          std::string nm = w.entities[e].name;
          size_t sp = nm.rfind(' ');
          std::string last = sp == std::string::npos ? nm : nm.substr(sp + 1);
          std::string first = nm.substr(0, nm.find(' '));
          // "Mrs Reagan" is not the Reagan known to be a man.
          const std::string& g = w.entities[e].gender;
          if (!genders[k].empty() && !g.empty() && g != genders[k]) continue;
          if (NameKey(last) == tk || NameKey(first) == tk) ent = e;
        }
        if (ent >= 0) m.nominal = true;
      }
      if (ent < 0 && toks.size() > 1) {
        // An earlier lone surname now introduced in full.
        std::string last = NameKey(toks.back());
        for (int e = static_cast<int>(w.entities.size()) - 1; e >= 0 && ent < 0; --e)
          if (w.entities[e].type == "PER" && w.keys[e] == last) {
            ent = e;
            w.entities[e].name = m.text;
            w.keys[e] = key;
          }
      }
      if (ent < 0) ent = NewEntity(&w, m, m.text);
      if (!roles[k].empty()) AddUnique(&w.entities[ent].roles, roles[k]);
      if (w.entities[ent].gender.empty()) w.entities[ent].gender = genders[k];
      if (m.text.size() > w.entities[ent].name.size() && toks.size() > 1) {
        w.entities[ent].name = m.text;
        w.keys[ent] = NameKey(m.text);
      }
    } else {
      std::string canonical = m.text;
      if (m.type == "LOC" && gazetteer) {
        if (const GazEntry* g = FindCat(gazetteer, m.text, kGazCountry | kGazCountryAlt))
          canonical = g->canonical;
      }
      std::string key = NameKey(canonical);
      for (int e = static_cast<int>(w.entities.size()) - 1; e >= 0 && ent < 0; --e) {
        if (w.entities[e].type == "PER") continue;
        if (w.keys[e] == key) ent = e;
      }
      // An acronym stands for an organisation named before; a place
      // acronym ("US") is no initials ("US Securities and Exchange ...").
      if (ent < 0 && m.type != "LOC" && IsAcronym(m.text)) {
        for (int e = static_cast<int>(w.entities.size()) - 1; e >= 0 && ent < 0; --e)
          if (w.entities[e].type == "ORG" && Initials(w.entities[e].name) == m.text) ent = e;
      }
      if (ent < 0) ent = NewEntity(&w, m, canonical);
    }
    m.entity = ent;
    w.type_votes[ent][m.type] += ruled_type[k] ? 3 : 1;
    AddUnique(&w.entities[ent].aliases, m.text);
  }

  // Entities whose type a rule decided: their other mentions take that type
  // too ("the Lenne fell" after "the river Lenne").
  std::vector<char> entity_ruled(w.entities.size(), 0);
  for (size_t k = 0; k < w.mentions.size(); ++k)
    if (ruled_type[k] && w.mentions[k].entity >= 0) entity_ruled[w.mentions[k].entity] = 1;

  // ---- 5. metonyms: a capital that acts rather than locates.
  for (Mention& m : w.mentions) {
    if (m.type != "LOC" || m.subtype != "city" || !gazetteer) continue;
    const GazEntry* g = FindCat(gazetteer, m.text, kGazCapital);
    if (!g || g->country.empty()) continue;
    if (m.first_token > 0) {
      std::string prev = Lower(Form(c, m.sentence, m.first_token - 1));
      static const char* kLocative[] = {"in", "at", "to", "from", "near", "into", "outside",
                                        "inside", "via", "across", "around", "of"};
      bool locative = false;
      for (const char* p : kLocative) locative |= prev == p;
      if (locative) continue;
    }
    std::string country(gazetteer->CountryName(g->country));
    if (country.empty()) continue;
    m.metonym_of = country;
    for (size_t e = 0; e < w.entities.size(); ++e)
      if (w.entities[e].name == country) AddUnique(&w.entities[e].aliases, m.text + " (metonym)");
  }

  // ---- 4. pronouns.
  std::vector<Mention> pronouns;
  for (size_t s = 0; s < sentences.size(); ++s) {
    const auto& toks = sentences[s].tokens;
    for (size_t t = 0; t < toks.size(); ++t) {
      int g = PronounGender(toks[t].form);
      if (!g) continue;
      std::string gender = g == 1 ? "m" : "f";
      // Candidates: person mentions (and pronouns already resolved) in this
      // sentence before t, or in the two previous sentences.
      int best = -1;
      double best_score = -1e9;
      auto consider = [&](const Mention& m, bool is_pronoun) {
        if (m.type != "PER" || m.entity < 0) return;
        if (m.sentence > s || s - m.sentence > 2) return;
        if (m.sentence == s && m.first_token >= t) return;
        const ArticleEntity& e = w.entities[m.entity];
        if (!e.gender.empty() && e.gender != gender) return;
        double score = -2.0 * (s - m.sentence);
        // Subject preference: the syntax stage's nsubj, else the first
        // person mentioned in its sentence.
        const auto& mt = sentences[m.sentence].tokens;
        bool subject = false;
        bool have_syntax = false;
        for (uint32_t q = m.first_token; q < m.last_token; ++q) {
          if (!mt[q].deprel.empty()) have_syntax = true;
          if (mt[q].deprel.rfind("nsubj", 0) == 0) subject = true;
        }
        if (!have_syntax) {
          subject = true;
          auto earlier = [&](const Mention& o) {
            return o.sentence == m.sentence && o.type == "PER" && o.first_token < m.first_token;
          };
          for (const Mention& o : w.mentions)
            if (earlier(o)) subject = false;
          for (const Mention& o : pronouns)
            if (earlier(o)) subject = false;
        }
        if (subject) score += 3;
        if (is_pronoun) score += 0.5;
        score += 0.001 * m.first_token;  // recency within a sentence
        if (score > best_score) {
          best_score = score;
          best = m.entity;
        }
      };
      for (const Mention& m : w.mentions) consider(m, false);
      for (const Mention& m : pronouns) consider(m, true);
      if (best < 0) continue;
      Mention p;
      p.sentence = static_cast<uint32_t>(s);
      p.first_token = static_cast<uint32_t>(t);
      p.last_token = static_cast<uint32_t>(t + 1);
      p.begin = toks[t].begin;
      p.end = toks[t].end;
      p.text = toks[t].form;
      p.type = "PER";
      p.pronoun = true;
      p.entity = best;
      if (w.entities[best].gender.empty()) w.entities[best].gender = gender;
      pronouns.push_back(std::move(p));
    }
  }
  for (Mention& p : pronouns) w.mentions.push_back(std::move(p));

  std::stable_sort(w.mentions.begin(), w.mentions.end(), [](const Mention& a, const Mention& b) {
    return a.sentence != b.sentence ? a.sentence < b.sentence : a.first_token < b.first_token;
  });
  for (size_t e = 0; e < w.entities.size(); ++e) {
    ArticleEntity& ent = w.entities[e];
    int best = 0;
    for (const auto& [type, votes] : w.type_votes[e])
      if (votes > best) {
        best = votes;
        ent.type = type;
      }
    ent.aliases.erase(std::remove(ent.aliases.begin(), ent.aliases.end(), ent.name), ent.aliases.end());
  }
  for (size_t k = 0; k < w.mentions.size(); ++k) {
    Mention& m = w.mentions[k];
    if (m.entity < 0) continue;
    ArticleEntity& ent = w.entities[m.entity];
    if (entity_ruled[m.entity] && !m.pronoun && m.type != "PER" && ent.type != "PER" &&
        m.type != ent.type) {
      m.type = ent.type;
      m.subtype.clear();
    }
    ent.mentions.push_back(static_cast<int>(k));
    if (ent.subtype.empty() && !m.subtype.empty() && m.type == ent.type) ent.subtype = m.subtype;
  }
  out->mentions = std::move(w.mentions);
  out->entities = std::move(w.entities);
}

}  // namespace storyline::entities
