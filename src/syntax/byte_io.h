// Little-endian binary writer and bounds-checked reader for the model file.
//
// The reader never reads past its buffer: every Get* returns false once the
// data runs out, so a truncated or damaged model yields a Corruption status
// instead of undefined behaviour. Not thread-safe (each reader has a cursor).
#ifndef STORYLINE_SRC_SYNTAX_BYTE_IO_H_
#define STORYLINE_SRC_SYNTAX_BYTE_IO_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace storyline::syntax {

class ByteWriter {
 public:
  template <typename T>
  void Put(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    char buf[sizeof(T)];
    std::memcpy(buf, &v, sizeof(T));
    out_.append(buf, sizeof(T));
  }
  void PutString(std::string_view s) {
    Put<uint32_t>(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  template <typename T>
  void PutVector(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    Put<uint64_t>(v.size());
    if (!v.empty())
      out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  void PutStrings(const std::vector<std::string>& v) {
    Put<uint32_t>(static_cast<uint32_t>(v.size()));
    for (const std::string& s : v) PutString(s);
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : data_(data) {}
  template <typename T>
  bool Get(T* v) {
    if (data_.size() < sizeof(T)) return false;
    std::memcpy(v, data_.data(), sizeof(T));
    data_.remove_prefix(sizeof(T));
    return true;
  }
  bool GetString(std::string* s) {
    uint32_t n;
    if (!Get(&n) || data_.size() < n) return false;
    s->assign(data_.data(), n);
    data_.remove_prefix(n);
    return true;
  }
  template <typename T>
  bool GetVector(std::vector<T>* v) {
    uint64_t n;
    if (!Get(&n) || n > data_.size() / sizeof(T)) return false;
    v->resize(n);
    if (n > 0) std::memcpy(v->data(), data_.data(), n * sizeof(T));
    data_.remove_prefix(n * sizeof(T));
    return true;
  }
  bool GetStrings(std::vector<std::string>* v) {
    uint32_t n;
    if (!Get(&n) || n > data_.size() / 4) return false;
    v->resize(n);
    for (std::string& s : *v)
      if (!GetString(&s)) return false;
    return true;
  }
  size_t remaining() const { return data_.size(); }

 private:
  std::string_view data_;
};

}  // namespace storyline::syntax

#endif  // STORYLINE_SRC_SYNTAX_BYTE_IO_H_
