// Paragraphs, sentences and captions: text::Analyze (storyline/text.h).
//
// Paragraphs are cut at line breaks; each is tokenised, and sentence ends
// are then decided on tokens, where abbreviations, numbers and clitics are
// already resolved: a terminator (. ? ! ... and CJK 。！？), then any closing
// quotes or brackets glued to it, then a next token that can open a sentence.
// Captions are recognised by their photo credit; see docs/text.md.
#ifndef STORYLINE_SRC_TEXT_SENTENCE_SPLITTER_H_
#define STORYLINE_SRC_TEXT_SENTENCE_SPLITTER_H_

#include <string_view>

namespace storyline::text {

// `inside` (the text between '[' and ']') reads as a photo credit:
// "Vladimir Smirnov/Sputnik/Pool via Reuters", "AFP/Getty Images".
bool IsCreditText(std::string_view inside);

// A whole paragraph (normalised) is a caption or credit line:
// "Photo: Jane Doe/AP", "Kim Jong Un in Pyongyang (KCNA via Reuters)".
bool IsCreditLine(std::string_view paragraph);

}  // namespace storyline::text

#endif  // STORYLINE_SRC_TEXT_SENTENCE_SPLITTER_H_
