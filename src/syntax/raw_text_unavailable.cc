// Raw-text mode when the text layer (src/text) is not in the build: every
// call explains what is missing. See raw_text.h.
#include "src/syntax/raw_text.h"

namespace storyline::syntax {

bool HaveRawTextSupport() { return false; }

Result<std::vector<ConlluSentence>> AnalyzeRawText(const Analyzer&, std::string_view,
                                                   std::string_view) {
  return Status::Internal(
      "raw-text mode needs the text layer (src/text: text::Normalize/Analyze), which is "
      "not part of this build");
}

}  // namespace storyline::syntax
