// Word lists for the tokeniser and splitter; see abbreviations.h for why
// they are sorted static arrays. Every array must stay sorted (byte order):
// abbreviations_test checks it.
#include "src/text/abbreviations.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace storyline::text {
namespace {

// Titles, months and address words: followed by a name or a number.
constexpr std::string_view kTitles[] = {
    "Adm",   "Amb",  "Apr",  "Atty", "Aug",  "Ave",   "Brig", "Capt",
    "Cmdr",  "Col",  "Cpl",  "Dec",  "Det",  "Dr",    "Feb",  "Fr",
    "Ft",    "Gen",  "Gov",  "Hon",  "Insp", "Jan",   "Jul",  "Jun",
    "Lt",    "Maj",  "Messrs", "Mme", "Mr",  "Mrs",   "Ms",   "Mt",
    "Nov",   "Oct",  "Pres", "Prof", "Pvt",  "Rep",   "Reps", "Rev",
    "Sen",   "Sens", "Sep",  "Sept", "Sgt",  "St",    "Supt", "Vol",
    "gen",   "vs",
};

// Abbreviations that may also end a sentence ("... of Apple Inc. The ...").
constexpr std::string_view kOthers[] = {
    "Ala",  "Ariz", "Ark",  "Assn", "Blvd", "Bros", "Calif", "Cf",
    "Co",   "Colo", "Conn", "Corp", "Del",  "Dept", "Fig",   "Fla",
    "Ga",   "Ill",  "Inc",  "Ind",  "Jr",   "Kan",  "Ky",    "La",
    "Ltd",  "Mass", "Md",   "Mich", "Minn", "Mo",   "Mont",  "Neb",
    "Nev",  "Okla", "Ore",  "Pa",   "Plc",  "Rd",   "Sr",    "Tenn",
    "Tex",  "Univ", "Va",   "Wis",  "Wyo",  "al",   "approx", "ca",
    "cf",   "co",   "corp", "dept", "est",  "etc",  "inc",   "jr",
    "ltd",  "pp",   "sq",   "vol",
};

// Capitalised words that commonly open a sentence.
constexpr std::string_view kStarters[] = {
    "A",      "After",  "Also",    "An",      "And",      "As",
    "At",     "But",    "By",      "Despite", "During",   "Earlier",
    "For",    "From",   "He",      "Her",     "Here",     "His",
    "How",    "However", "I",      "If",      "In",       "It",
    "Its",    "Last",   "Many",    "Meanwhile", "More",   "Most",
    "Mr",     "Mrs",    "Ms",      "No",      "Now",      "On",
    "One",    "Our",    "She",     "Since",   "So",       "Some",
    "That",   "The",    "Their",   "There",   "These",    "They",
    "This",   "Those",  "Thus",    "To",      "Under",    "We",
    "What",   "When",   "While",   "Who",     "Why",      "With",
    "Yet",    "You",
};

// Prefixes after which EWT keeps the hyphenated word as one token (measured
// on en_ewt-ud-train: "e-mail" 38 whole vs 2 split, "non-" 28 vs 0, ...).
constexpr std::string_view kHyphenPrefixes[] = {
    "anti",  "bi",    "co",     "counter", "cross", "e",     "ex",
    "inter", "intra", "macro",  "micro",   "mid",   "mini",  "multi",
    "neo",   "non",   "over",   "post",    "pre",   "pro",   "psycho",
    "re",    "semi",  "socio",  "sub",     "trans", "tri",   "un",
};

template <size_t N>
bool Contains(const std::string_view (&table)[N], std::string_view w) {
  return std::binary_search(std::begin(table), std::end(table), w);
}

}  // namespace

bool IsTitleAbbreviation(std::string_view word) { return Contains(kTitles, word); }

bool IsAbbreviation(std::string_view word) {
  return Contains(kTitles, word) || Contains(kOthers, word);
}

bool IsSentenceStarter(std::string_view word) { return Contains(kStarters, word); }

bool IsHyphenPrefix(std::string_view lower_word) {
  return Contains(kHyphenPrefixes, lower_word);
}

namespace internal {
// For the tests: every table sorted.
bool TablesSorted() {
  return std::is_sorted(std::begin(kTitles), std::end(kTitles)) &&
         std::is_sorted(std::begin(kOthers), std::end(kOthers)) &&
         std::is_sorted(std::begin(kStarters), std::end(kStarters)) &&
         std::is_sorted(std::begin(kHyphenPrefixes), std::end(kHyphenPrefixes));
}
}  // namespace internal

}  // namespace storyline::text
