// Raw-text mode: split and tokenise plain text with the text layer
// (text::Normalize, text::Analyze), then analyse every sentence. Used by
// `storyline parse --text` and `storyline eval ud --raw`. FORM columns are
// the exact source bytes of each token so the CoNLL 2018 scorer can align
// them with a gold file by character offsets; the analyser sees the
// normalised forms. Built against the text stage when it is present in the
// tree (CMake target storyline::text); otherwise every call returns an
// Internal status saying so.
#ifndef STORYLINE_SRC_SYNTAX_RAW_TEXT_H_
#define STORYLINE_SRC_SYNTAX_RAW_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

#include "src/syntax/conllu.h"
#include "storyline/status.h"
#include "storyline/syntax.h"

namespace storyline::syntax {

// True when this build has the text layer.
bool HaveRawTextSupport();

// Analyses `text` (UTF-8). `sent_id_prefix` names sentences "<prefix>-<n>".
Result<std::vector<ConlluSentence>> AnalyzeRawText(const Analyzer& analyzer,
                                                   std::string_view text,
                                                   std::string_view sent_id_prefix);

// Fills `out` from `words` (forms) and their analyses.
void ToConllu(std::span<const std::string_view> words,
              const std::vector<WordAnalysis>& analyses, ConlluSentence* out);

// The raw text of a gold file as the shared task fed it to systems: the
// `# text` of each sentence, a space between sentences of a paragraph, a
// blank line at `# newpar` / `# newdoc`.
std::string RawTextOf(const std::vector<ConlluSentence>& gold);

}  // namespace storyline::syntax

#endif  // STORYLINE_SRC_SYNTAX_RAW_TEXT_H_
