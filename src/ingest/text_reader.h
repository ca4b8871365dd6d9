// The plain-text reader's date header, exposed for tests and the fuzzer.
// A plain-text article may start with " date YYYY-MM-DD " (the seeds'
// format): the header and the single space (or line break) after it are
// not article text.
#ifndef STORYLINE_SRC_INGEST_TEXT_READER_H_
#define STORYLINE_SRC_INGEST_TEXT_READER_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "storyline/document.h"

namespace storyline::ingest {

struct DateHeader {
  std::optional<Date> date;  // set when a valid header was found
  size_t length = 0;  // bytes to drop: byte order mark, header, separator
  std::string warning;       // a header-shaped line with an invalid day
};

// Parses the optional header at the start of `text` (after any byte order
// mark): optional spaces or tabs, "date" (any case), an optional ':', one or
// more spaces or tabs, YYYY-MM-DD, then one space, a line break ("\n" or
// "\r\n") or the end of the text.
DateHeader ParseDateHeader(std::string_view text);

}  // namespace storyline::ingest

#endif  // STORYLINE_SRC_INGEST_TEXT_READER_H_
