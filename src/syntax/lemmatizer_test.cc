// Lemmatiser rules: lexicon first, WordNet exceptions and Morphy rules,
// fallbacks. Uses a hand-filled Lemmatizer so it needs no WordNet files.
#include "src/syntax/lemmatizer.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace storyline::syntax
