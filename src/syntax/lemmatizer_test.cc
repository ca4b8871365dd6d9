// Lemmatiser rules: lexicon first, WordNet exceptions and Morphy rules,
// fallbacks, and the WordNet classes the tagger reads. Uses a hand-filled
// Lemmatizer so it needs no WordNet files.
#include "src/syntax/lemmatizer.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

#include "src/syntax/features.h"

namespace storyline::syntax {
namespace {

Lemmatizer Make() {
  Lemmatizer l;
  l.exceptions[Lemmatizer::kVerb]["went"] = "go";
  l.exceptions[Lemmatizer::kNoun]["mice"] = "mouse";
  for (const char* w : {"stop", "carry", "make", "box", "church", "big"})
    for (int p = 0; p < Lemmatizer::kNumPos; ++p) l.lemmas[p].insert(w);
  l.exact["'s\tVBZ"] = "be";
  l.lower["said\tVBD"] = "say";
  l.BuildWordNetIndex();
  return l;
}

TEST(LemmatizerTest, Cases) {
  Lemmatizer l = Make();
  struct Case { const char* form; const char* upos; const char* xpos; const char* lemma; };
  const Case cases[] = {
      {"'s", "AUX", "VBZ", "be"},          {"Said", "VERB", "VBD", "say"},
      {"went", "VERB", "VBD", "go"},       {"mice", "NOUN", "NNS", "mouse"},
      {"stopped", "VERB", "VBD", "stop"},  {"carries", "VERB", "VBZ", "carry"},
      {"making", "VERB", "VBG", "make"},   {"boxes", "NOUN", "NNS", "box"},
      {"churches", "NOUN", "NNS", "church"}, {"bigger", "ADJ", "JJR", "big"},
      {"Troops", "NOUN", "NNS", "troop"},  {"Seoul", "PROPN", "NNP", "Seoul"},
      {"Americans", "PROPN", "NNPS", "American"}, {"10,000", "NUM", "CD", "10,000"},
      {"I", "PRON", "PRP", "I"},           {"The", "DET", "DT", "the"},
      {"blorfed", "VERB", "VBD", "blorf"}, {"flizzing", "VERB", "VBG", "flizz"},
  };
  for (const Case& c : cases) EXPECT_EQ(l.Lemma(c.form, c.upos, c.xpos), c.lemma) << c.form;
}

TEST(LemmatizerTest, WordNetClasses) {
  Lemmatizer l = Make();
  l.lemmas[Lemmatizer::kNoun].insert("dog");
  l.lemmas[Lemmatizer::kVerb].insert("dog");
  l.lemmas[Lemmatizer::kAdj].insert("quick");
  l.BuildWordNetIndex();
  const uint32_t noun = 1u << Lemmatizer::kNoun, verb = 1u << Lemmatizer::kVerb;
  const uint32_t adj = 1u << Lemmatizer::kAdj;
  auto inflected = [](uint32_t bits) { return bits << 4; };
  EXPECT_EQ(l.WordNetClasses("dog"), noun | verb);
  // "dogs": a plural noun and a third-person verb; "dogged" only a verb form.
  EXPECT_EQ(l.WordNetClasses("dogs"), inflected(noun | verb));
  EXPECT_EQ(l.WordNetClasses("dogged"), inflected(verb));
  EXPECT_EQ(l.WordNetClasses("quick"), adj);
  EXPECT_EQ(l.WordNetClasses("quicker"), inflected(adj));
  EXPECT_EQ(l.WordNetClasses("went"), inflected(verb));  // verb.exc
  // An exception-list entry that is its own base is no inflection and,
  // as in Morphy, stops the rules: "quicker" is not "quick" + "er" then.
  l.exceptions[Lemmatizer::kAdj]["quicker"] = "quicker";
  l.BuildWordNetIndex();
  EXPECT_EQ(l.WordNetClasses("quicker"), 0u);
  EXPECT_EQ(l.WordNetClasses("blorf"), 0u);
  EXPECT_EQ(l.WordNetClasses(""), 0u);
}

TEST(LemmatizerTest, AtomsCarryWordNetClassesOnlyWithWordNet) {
  Lemmatizer l = Make();
  const std::string_view words[] = {"Stopped", "blorf", "2"};
  std::vector<TokenAtoms> with, without;
  ComputeAtoms(words, &with, nullptr, &l);
  ComputeAtoms(words, &without, nullptr, nullptr);
  // Lower-cased for the lookup; +1 so that 0 means "no WordNet".
  EXPECT_EQ(with[0].wordnet, l.WordNetClasses("stopped") + 1);
  EXPECT_NE(with[0].wordnet, 1u);
  EXPECT_EQ(with[1].wordnet, 1u);
  EXPECT_EQ(with[2].wordnet, 1u);
  for (const TokenAtoms& a : without) EXPECT_EQ(a.wordnet, 0u);
  EXPECT_EQ(with[0].word, without[0].word);
}

}  // namespace
}  // namespace storyline::syntax
