// Tests of within-article coreference (on hand-given tagger spans, so no
// model is needed), NameKey folding and cross-article linking.
#include <gtest/gtest.h>

#include "src/entities/coref.h"
#include "storyline/entities.h"

namespace storyline::entities {
namespace {

// Categories: 1 country, 4 capital, 8 demonym, 16 big city, 128 title,
// 256 org word, 512 role word.
constexpr char kTsv[] =
    "#storyline-gazetteer\t1\n"
    "1\tRussia\t\tRU\n"
    "1\tNorth Korea\t\tKP\n"
    "8\tRussian\tRussia\tRU\n"
    "8\tNorth Korean\tNorth Korea\tKP\n"
    "20\tPyongyang\t\tKP\n"
    "128\tPresident\t\t\n"
    "128\tMayor\t\t\n"
    "128\tMr\t\tm\n"
    "128\tMrs\t\tf\n"
    "1\tUnited States\t\tUS\n"
    "128\tForeign Minister\t\t\n"
    "640\tspokesman\t\tm\n"
    "256\tMinistry\t\t\n";

struct Fixture {
  std::unique_ptr<Gazetteer> gaz;
  std::vector<SentenceInput> sents;
  std::vector<std::vector<TaggedSpan>> spans;
};

// Tags every maximal run of capitalised tokens listed in `types` by text.
Fixture Make(const std::string& text,
             const std::vector<std::pair<std::string, EntityType>>& names) {
  Fixture f;
  f.gaz = std::move(Gazetteer::FromTsv(kTsv).value());
  f.sents = SimpleTokenize(text);
  f.spans.resize(f.sents.size());
  for (size_t s = 0; s < f.sents.size(); ++s) {
    const auto& toks = f.sents[s].tokens;
    for (size_t t = 0; t < toks.size(); ++t) {
      for (const auto& [name, type] : names) {
        auto words = SimpleTokenize(name)[0].tokens;
        if (t + words.size() > toks.size()) continue;
        bool ok = true;
        for (size_t k = 0; k < words.size(); ++k) ok &= toks[t + k].form == words[k].form;
        if (ok) {
          f.spans[s].push_back({static_cast<uint32_t>(t), static_cast<uint32_t>(t + words.size()), type});
          t += words.size() - 1;
          break;
        }
      }
    }
  }
  return f;
}

const ArticleEntity* Find(const ArticleEntities& a, const std::string& name) {
  for (const ArticleEntity& e : a.entities)
    if (e.name == name) return &e;
  return nullptr;
}

TEST(CorefTest, TitleInsideTaggedNameIsCutOff) {
  Fixture f = Make("Isolde Pryce spoke first. Later Mayor Isolde Pryce said more.",
                   {{"Mayor Isolde Pryce", EntityType::kPer}, {"Isolde Pryce", EntityType::kPer}});
  ArticleEntities a;
  BuildArticleEntities(f.sents, f.spans, f.gaz.get(), &a);
  const ArticleEntity* pryce = Find(a, "Isolde Pryce");
  ASSERT_NE(pryce, nullptr);
  EXPECT_EQ(pryce->mentions.size(), 2u);
  EXPECT_EQ(Find(a, "Mayor Isolde Pryce"), nullptr);
  ASSERT_EQ(pryce->roles.size(), 1u);
  EXPECT_EQ(pryce->roles[0], "Mayor");
}

TEST(CorefTest, StreetNamesAndRiversArePlaces) {
  Fixture f = Make(
      "Boats carried residents along Mill Lane and Hay Street. The river Lenne rose. "
      "The Lenne fell. The Lenne was calm.",
      {{"Mill", EntityType::kPer}, {"Hay Street", EntityType::kPer}, {"Lenne", EntityType::kOrg}});
  ArticleEntities a;
  BuildArticleEntities(f.sents, f.spans, f.gaz.get(), &a);
  const ArticleEntity* lane = Find(a, "Mill Lane");
  ASSERT_NE(lane, nullptr);
  EXPECT_EQ(lane->type, "LOC");
  const ArticleEntity* street = Find(a, "Hay Street");
  ASSERT_NE(street, nullptr);
  EXPECT_EQ(street->type, "LOC");
  const ArticleEntity* river = Find(a, "Lenne");
  ASSERT_NE(river, nullptr);
  EXPECT_EQ(river->type, "LOC");
  for (int m : river->mentions) EXPECT_EQ(a.mentions[m].type, "LOC");
}

// Lessons from a 31,000-article run: honorifics are no role, an appositive
// with a verb or another person in it is no role, and "Mrs X" is not the
// man X.
TEST(CorefTest, RolesAreShortNounPhrasesAndGendersKeepSurnamesApart) {
  Fixture f = Make(
      "President Ronald Reagan spoke, Mr Reagan said. He left. Mrs Reagan stayed. "
      "Tony Blair, Prime Minister Gordon Brown and others met.",
      {{"Ronald Reagan", EntityType::kPer}, {"Reagan", EntityType::kPer},
       {"Tony Blair", EntityType::kPer}, {"Gordon Brown", EntityType::kPer}});
  ArticleEntities a;
  BuildArticleEntities(f.sents, f.spans, f.gaz.get(), &a);
  const ArticleEntity* reagan = Find(a, "Ronald Reagan");
  ASSERT_NE(reagan, nullptr);
  EXPECT_EQ(reagan->roles, (std::vector<std::string>{"President"}));  // not "Mr"
  int reagans = 0;
  for (const ArticleEntity& e : a.entities) reagans += e.name.find("Reagan") != std::string::npos;
  EXPECT_EQ(reagans, 2);  // Mrs Reagan is someone else
  const ArticleEntity* blair = Find(a, "Tony Blair");
  ASSERT_NE(blair, nullptr);
  EXPECT_TRUE(blair->roles.empty());  // "Prime Minister Gordon Brown and others" names another person
}

TEST(CorefTest, SurnameTitleAndPronoun) {
  Fixture f = Make(
      "Russian President Vladimir Putin spoke in Moscow. He said it was good. Putin left.",
      {{"Russian", EntityType::kMisc}, {"Vladimir Putin", EntityType::kPer},
       {"Putin", EntityType::kPer}, {"Moscow", EntityType::kLoc}});
  ArticleEntities a;
  BuildArticleEntities(f.sents, f.spans, f.gaz.get(), &a);
  const ArticleEntity* putin = Find(a, "Vladimir Putin");
  ASSERT_NE(putin, nullptr);
  ASSERT_EQ(putin->roles.size(), 1u);
  EXPECT_EQ(putin->roles[0], "President of Russia");
  // "Vladimir Putin", "He", "Putin".
  EXPECT_EQ(putin->mentions.size(), 3u);
  EXPECT_EQ(putin->gender, "m");
  bool pronoun = false;
  for (int m : putin->mentions) pronoun |= a.mentions[m].pronoun && a.mentions[m].text == "He";
  EXPECT_TRUE(pronoun);
}

TEST(CorefTest, GenderFiltersPronouns) {
  Fixture f = Make(
      "Kim Jong Un met Choe Son Hui. Kim called it his plan while Foreign Minister Choe Son Hui "
      "spoke. She agreed.",
      {{"Kim Jong Un", EntityType::kPer}, {"Choe Son Hui", EntityType::kPer},
       {"Kim", EntityType::kPer}});
  ArticleEntities a;
  BuildArticleEntities(f.sents, f.spans, f.gaz.get(), &a);
  const ArticleEntity* kim = Find(a, "Kim Jong Un");
  const ArticleEntity* choe = Find(a, "Choe Son Hui");
  ASSERT_NE(kim, nullptr);
  ASSERT_NE(choe, nullptr);
  EXPECT_EQ(kim->gender, "m");  // from "his"
  bool she = false;
  for (int m : choe->mentions) she |= a.mentions[m].text == "She";
  EXPECT_TRUE(she);
  ASSERT_FALSE(choe->roles.empty());
  EXPECT_EQ(choe->roles[0], "Foreign Minister");
}

TEST(CorefTest, AppositionRole) {
  Fixture f = Make("\"It is so,\" Jeon Ha-gyu, a spokesman for the North Korean Defence Ministry, said.",
                   {{"Jeon Ha-gyu", EntityType::kPer}, {"North Korean", EntityType::kMisc},
                    {"Defence Ministry", EntityType::kOrg}});
  ArticleEntities a;
  BuildArticleEntities(f.sents, f.spans, f.gaz.get(), &a);
  const ArticleEntity* jeon = Find(a, "Jeon Ha-gyu");
  ASSERT_NE(jeon, nullptr);
  ASSERT_EQ(jeon->roles.size(), 1u);
  EXPECT_EQ(jeon->roles[0], "spokesman for the North Korean Defence Ministry");
  EXPECT_EQ(jeon->gender, "m");
  // The nationality + organisation became one ORG.
  EXPECT_NE(Find(a, "North Korean Defence Ministry"), nullptr);
}

TEST(CorefTest, MetonymKeepsCityAndRecordsCountry) {
  Fixture f = Make("North Korea is isolated. Pyongyang sent troops. The pact was signed in Pyongyang.",
                   {{"North Korea", EntityType::kLoc}, {"Pyongyang", EntityType::kLoc}});
  ArticleEntities a;
  BuildArticleEntities(f.sents, f.spans, f.gaz.get(), &a);
  int metonyms = 0, places = 0;
  for (const Mention& m : a.mentions) {
    if (m.text != "Pyongyang") continue;
    EXPECT_EQ(m.subtype, "city");
    EXPECT_EQ(a.entities[m.entity].name, "Pyongyang");
    if (m.metonym_of == "North Korea") ++metonyms;
    else ++places;
  }
  EXPECT_EQ(metonyms, 1);
  EXPECT_EQ(places, 1);
  const ArticleEntity* nk = Find(a, "North Korea");
  ASSERT_NE(nk, nullptr);
  EXPECT_NE(std::find(nk->aliases.begin(), nk->aliases.end(), "Pyongyang (metonym)"), nk->aliases.end());
}

TEST(NameKeyTest, FoldsTransliterationVariants) {
  struct Case { const char* a; const char* b; bool same; } cases[] = {
      {"Zelensky", "Zelenskyy", true},   {"Zelensky", "Zelenskiy", true},
      {"Kyiv", "Kiev", true},            {"Choe Son Hui", "Choi Son Hui", true},
      {"Müller", "Muller", true},        {"Putin", "PUTIN", true},
      {"Jeon Ha-gyu", "Jeon Hagyu", true},
      {"Putin", "Peskov", false},        {"Kyiv", "Kursk", false},
      {"BBC", "BC", false},              {"BBC", "B.C.", false},
      {"Volodymyr Zelensky", "Vladimir Putin", false},
  };
  for (const Case& c : cases)
    EXPECT_EQ(NameKey(c.a) == NameKey(c.b), c.same) << c.a << " / " << c.b;
}

TEST(LinkerTest, MergesSpellingsByKeyAndContext) {
  auto entity = [](std::string name, std::string type, std::vector<std::string> roles = {}) {
    ArticleEntity e;
    e.name = std::move(name);
    e.type = std::move(type);
    e.roles = std::move(roles);
    return e;
  };
  ArticleEntities a, b;
  a.entities = {entity("Volodymyr Zelensky", "PER", {"President of Ukraine"}), entity("Kyiv", "LOC"),
                entity("Ukraine", "LOC")};
  b.entities = {entity("Volodymyr Zelenskyy", "PER"), entity("Kiev", "LOC"), entity("Ukraine", "LOC"),
                entity("Kyiv", "PER")};  // same key, other type: kept apart
  Linker linker;
  auto ia = linker.Add("a", a);
  auto ib = linker.Add("b", b);
  EXPECT_EQ(ia[0], ib[0]);
  EXPECT_EQ(ia[1], ib[1]);
  EXPECT_EQ(ia[2], ib[2]);
  EXPECT_NE(ia[1], ib[3]);
  const CanonicalEntity& z = linker.Entities()[ia[0]];
  EXPECT_EQ(z.name, "Volodymyr Zelensky");
  EXPECT_NE(std::find(z.aliases.begin(), z.aliases.end(), "Volodymyr Zelenskyy"), z.aliases.end());
  EXPECT_EQ(z.articles.size(), 2u);
}

// A linker rebuilt from the saved state of each entity links as the
// original would: the store restores it at the start of every ingest run.
TEST(LinkerTest, RestoredStateLinksLikeTheOriginal) {
  auto entity = [](std::string name, std::string type, std::vector<std::string> aliases = {}) {
    ArticleEntity e;
    e.name = std::move(name);
    e.type = std::move(type);
    e.aliases = std::move(aliases);
    e.mentions = {0};
    return e;
  };
  ArticleEntities a, b;
  a.entities = {entity("Volodymyr Zelensky", "PER", {"Zelensky"}), entity("Kyiv", "LOC"),
                entity("Ukraine", "LOC")};
  b.entities = {entity("Volodymyr Zelenskyy", "PER"), entity("Kiev", "LOC"), entity("Ukraine", "LOC"),
                entity("Dmitry Peskov", "PER")};
  Linker original;
  original.Add("a", a);
  Linker restored;
  for (const CanonicalEntity& c : original.Entities()) {
    std::string state = original.State(c.id);
    ASSERT_TRUE(restored.Restore(c.id, c.name, c.type, state).ok()) << state;
    auto decoded = DecodeCanonicalEntity(c.id, c.name, c.type, state);
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded->aliases, c.aliases);
    EXPECT_EQ(restored.State(c.id), state);  // context and type votes too
  }
  EXPECT_EQ(original.Add("b", b), restored.Add("b", b));
  EXPECT_EQ(restored.Entities().size(), 4u);  // Peskov is new
  EXPECT_EQ(restored.Entities()[0].articles, (std::vector<std::string>{"b"}));
  // Ids must be dense, states well formed.
  Linker bad;
  EXPECT_FALSE(bad.Restore(3, "X", "PER", "{}").ok());
  EXPECT_FALSE(bad.Restore(0, "X", "PER", "[1,2]").ok());
  EXPECT_FALSE(bad.Restore(0, "X", "PER", "{\"aliases\":[1]}").ok());
  EXPECT_FALSE(DecodeCanonicalEntity(0, "X", "PER", "not json").ok());
}

TEST(LinkerTest, NonPersonTypesMergeByKeyAndTakeTheMajorityType) {
  auto entity = [](std::string name, std::string type, int mentions) {
    ArticleEntity e;
    e.name = std::move(name);
    e.type = std::move(type);
    e.mentions.assign(static_cast<size_t>(mentions), 0);
    return e;
  };
  ArticleEntities a, b, c;
  a.entities = {entity("Lenne", "ORG", 1)};
  b.entities = {entity("Lenne", "LOC", 2), entity("Lenne Bridge", "LOC", 1)};
  c.entities = {entity("Lenne", "PER", 1)};
  Linker linker;
  auto ia = linker.Add("a", a);
  auto ib = linker.Add("b", b);
  auto ic = linker.Add("c", c);
  EXPECT_EQ(ia[0], ib[0]);
  EXPECT_NE(ib[0], ib[1]);
  EXPECT_NE(ia[0], ic[0]);  // a person stays apart
  const CanonicalEntity& lenne = linker.Entities()[ia[0]];
  EXPECT_EQ(lenne.type, "LOC");
  EXPECT_EQ(lenne.articles.size(), 2u);
}

TEST(LinkerTest, FirstNamesMustBeVariantsCountryCodesNameTheirCountryHyphensDoNotCount) {
  auto gaz = std::move(Gazetteer::FromTsv(kTsv).value());
  auto entity = [](std::string name, std::string type) {
    ArticleEntity e;
    e.name = std::move(name);
    e.type = std::move(type);
    e.mentions = {0};
    return e;
  };
  ArticleEntities a, b, c;
  a.entities = {entity("U.S.", "LOC"), entity("Steven Sotloff", "PER"), entity("ISIS", "ORG"),
                entity("Kim Jong Un", "PER")};
  b.entities = {entity("United States", "LOC"), entity("Shirley Sotloff", "PER"), entity("ISIS", "ORG")};
  c.entities = {entity("US", "LOC"), entity("Stephen Sotloff", "PER"), entity("ISIS", "ORG"),
                entity("Kim Jong-un", "PER")};
  Linker linker(gaz.get());
  auto ia = linker.Add("a", a);
  auto ib = linker.Add("b", b);
  auto ic = linker.Add("c", c);
  EXPECT_EQ(ia[0], ib[0]);
  EXPECT_EQ(ia[0], ic[0]);
  EXPECT_NE(ia[1], ib[1]);  // his mother, though the context agrees
  EXPECT_EQ(ia[1], ic[1]);  // a spelling of his name
  EXPECT_EQ(ia[3], ic[3]);  // hyphenated or not
}

TEST(SimpleTokenizeTest, SplitsPossessivesAndSentences) {
  auto s = SimpleTokenize("Russia’s parliament met. He said “no”.\nKim's U.S. trip");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].tokens[0].form, "Russia");
  EXPECT_EQ(s[0].tokens[1].form, "\xE2\x80\x99s");
  EXPECT_EQ(s[2].tokens[1].form, "'s");
  EXPECT_EQ(s[2].tokens[2].form, "U.S.");
}

}  // namespace
}  // namespace storyline::entities

namespace storyline::entities {
namespace {

TEST(ToLayerTest, OneSpanPerMentionWithAttributes) {
  Fixture f = Make("Russian President Vladimir Putin spoke. He left.",
                   {{"Russian", EntityType::kMisc}, {"Vladimir Putin", EntityType::kPer}});
  ArticleEntities a;
  BuildArticleEntities(f.sents, f.spans, f.gaz.get(), &a);
  std::vector<int> ids(a.entities.size(), 7);
  Layer layer = ToLayer(a, &ids);
  EXPECT_EQ(layer.name, "entities");
  ASSERT_EQ(layer.spans.size(), 3u);
  EXPECT_EQ(layer.spans[1].label, "PER");
  EXPECT_EQ(layer.spans[1].attr("role"), "President of Russia");
  EXPECT_EQ(layer.spans[1].attr("canonical"), "7");
  EXPECT_EQ(layer.spans[2].attr("pronoun"), "1");
  EXPECT_EQ(layer.spans[0].attr("subtype"), "nationality");
}

}  // namespace
}  // namespace storyline::entities
