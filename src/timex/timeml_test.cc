// TimeML reading and writing: the DCT, gold extents in the decoded text, and
// the input contract of the official scorer (text unchanged once tags go).
#include "src/timex/timeml.h"

#include <gtest/gtest.h>

#include <regex>

namespace storyline::timex {
namespace {

constexpr char kDoc[] =
    "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>X</DOCID>\n"
    "<DCT><TIMEX3 tid=\"t0\" type=\"TIME\" value=\"1998-08-07\" "
    "functionInDocument=\"CREATION_TIME\">1998-08-07</TIMEX3></DCT>\n"
    "<TEXT>\nAT&amp;T <EVENT eid=\"e1\" class=\"OCCURRENCE\">fell</EVENT> "
    "<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1998-08-07\">Friday</TIMEX3> and will rise "
    "<TIMEX3 tid=\"t2\" type=\"DATE\" value=\"1998-W33\">next week</TIMEX3>.\n</TEXT>\n"
    "<MAKEINSTANCE eventID=\"e1\" eiid=\"ei1\" tense=\"PAST\"/>\n</TimeML>\n";

std::string StripTags(const std::string& s) { return std::regex_replace(s, std::regex("<[^>]*>"), ""); }

TEST(TimemlTest, ReadsDctTextAndGold) {
  Result<TimemlDocument> doc = ParseTimeml(kDoc, "x.tml");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  ASSERT_TRUE(doc->dct.has_value());
  EXPECT_EQ(doc->dct->ToString(), "1998-08-07");
  EXPECT_EQ(doc->dct_tid, "t0");
  EXPECT_EQ(doc->text, "\nAT&T fell Friday and will rise next week.\n");
  ASSERT_EQ(doc->gold.size(), 2u);
  EXPECT_EQ(doc->text.substr(doc->gold[0].begin, doc->gold[0].end - doc->gold[0].begin), "Friday");
  EXPECT_EQ(doc->gold[1].value, "1998-W33");
}

TEST(TimemlTest, WrittenTextIsTheGoldTextOnceTagsAreRemoved) {
  Result<TimemlDocument> doc = ParseTimeml(kDoc, "x.tml");
  ASSERT_TRUE(doc.ok());
  std::vector<Timex> found = Tag(doc->text, doc->dct);
  ASSERT_EQ(found.size(), 2u);
  std::string out = WriteTimeml(*doc, found);
  auto text_of = [](const std::string& s) {
    return StripTags(s.substr(s.find("<TEXT>"), s.find("</TEXT>") - s.find("<TEXT>")));
  };
  EXPECT_EQ(text_of(out), text_of(kDoc));
  EXPECT_NE(out.find(">Friday</TIMEX3>"), std::string::npos);
  EXPECT_NE(out.find("value=\"1998-W33\""), std::string::npos);
  EXPECT_NE(out.find("CREATION_TIME"), std::string::npos);
  EXPECT_EQ(out.find("MAKEINSTANCE"), std::string::npos);
}

TEST(TimemlTest, RejectsBrokenFiles) {
  EXPECT_FALSE(ParseTimeml("<TimeML>no text</TimeML>", "a.tml").ok());
  EXPECT_FALSE(ParseTimeml("<TEXT><TIMEX3 tid=\"t1\">x</TEXT>", "b.tml").ok());
  EXPECT_FALSE(ParseTimeml("<TEXT>a <TIMEX3 </TEXT>", "c.tml").ok());
}

}  // namespace
}  // namespace storyline::timex
