// Status and Result<T>: how every fallible storyline call reports failure.
//
// The library never throws across its boundary. Bad input is expected, not
// exceptional: a broken article yields a Status naming the place and the
// reason ("feed.jsonl:17: broken JSON: missing \"text\"") and the caller
// decides whether the whole run fails. Modelled on absl::Status/StatusOr.
//
//   Result<Document> doc = ReadArticle(path);
//   if (!doc.ok()) return doc.status();
//   Use(*doc);
//
// Propagate with SL_RETURN_IF_ERROR(expr) and SL_ASSIGN_OR_RETURN(lhs, expr).
#ifndef STORYLINE_STATUS_H_
#define STORYLINE_STATUS_H_

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace storyline {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the input is malformed or unsupported
  kNotFound,         // a file, article or model does not exist
  kCorruption,       // stored data or a model file is damaged
  kIOError,          // the operating system refused a read or write
  kInternal,         // a bug or a dependency failed unexpectedly
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
  static Status IOError(std::string m) { return {StatusCode::kIOError, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "NotFound: seeds/x.txt: no such file", or "OK".
  std::string ToString() const;
  // Returns a copy whose message is "<prefix>: <message>".
  Status WithPrefix(std::string_view prefix) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value or the Status saying why there is none. Constructing a Result from
// an OK Status is a programmer error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(v_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace storyline

#define SL_CONCAT_INNER_(a, b) a##b
#define SL_CONCAT_(a, b) SL_CONCAT_INNER_(a, b)

#define SL_RETURN_IF_ERROR(expr)                  \
  do {                                            \
    ::storyline::Status sl_status_ = (expr);      \
    if (!sl_status_.ok()) return sl_status_;      \
  } while (0)

#define SL_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()

#define SL_ASSIGN_OR_RETURN(lhs, expr) \
  SL_ASSIGN_OR_RETURN_IMPL_(SL_CONCAT_(sl_result_, __LINE__), lhs, expr)

#endif  // STORYLINE_STATUS_H_
