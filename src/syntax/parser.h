// Greedy arc-hybrid dependency parser (Kuhlmann et al. 2011) scored by an
// averaged perceptron over Zhang & Nivre (2011) style features: words, tags,
// labels, distance, valency and label sets of the stack, buffer and their
// outermost children. Trained with the dynamic oracle of Goldberg & Nivre
// (2013); see train/syntax_trainer.cc. A ROOT node sits at the end of the
// buffer (Ballesteros & Nivre 2013) and may take only one dependent, so
// every tree has exactly one root. Each word costs two transitions: parsing
// is linear in sentence length. Output trees are projective.
// Immutable after loading; Parse() is const and thread-safe.
#ifndef STORYLINE_SRC_SYNTAX_PARSER_H_
#define STORYLINE_SRC_SYNTAX_PARSER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "src/syntax/features.h"
#include "src/syntax/weights.h"

namespace storyline::syntax {

// Transition classes: 0 = SHIFT, 1 + l = LEFT-ARC(l), 1 + L + l = RIGHT-ARC(l).
class ParseState {
 public:
  // Words 0..n-1; node n is ROOT.
  void Init(int n);

  int n() const { return n_; }
  bool Terminal() const { return b_ == n_ && stack_.empty(); }
  int S(int i) const {  // i-th stack item from the top, or -1
    return i < static_cast<int>(stack_.size()) ? stack_[stack_.size() - 1 - i] : -1;
  }
  int B(int i) const { return b_ + i <= n_ ? b_ + i : -1; }  // ROOT included
  int stack_size() const { return static_cast<int>(stack_.size()); }

  bool CanShift() const { return b_ < n_; }
  bool CanLeft() const {
    return !stack_.empty() && (b_ < n_ || stack_.size() == 1);
  }
  bool CanRight() const { return stack_.size() >= 2; }

  void Shift() { stack_.push_back(b_++); }
  void Left(int label) { AddArc(b_, Pop(), label); }
  void Right(int label) {
    int d = Pop();
    AddArc(stack_.back(), d, label);
  }

  int head(int i) const { return head_[i]; }
  int label(int i) const { return label_[i]; }
  int l1(int i) const { return i < 0 ? -1 : l1_[i]; }
  int l2(int i) const { return i < 0 ? -1 : l2_[i]; }
  int r1(int i) const { return i < 0 ? -1 : r1_[i]; }
  int r2(int i) const { return i < 0 ? -1 : r2_[i]; }
  int nleft(int i) const { return i < 0 ? 0 : nl_[i]; }
  int nright(int i) const { return i < 0 ? 0 : nr_[i]; }
  uint64_t left_labels(int i) const { return i < 0 ? 0 : lset_[i]; }
  uint64_t right_labels(int i) const { return i < 0 ? 0 : rset_[i]; }
  const std::vector<int>& stack() const { return stack_; }
  int buffer_front() const { return b_; }

 private:
  int Pop() {
    int v = stack_.back();
    stack_.pop_back();
    return v;
  }
  void AddArc(int h, int d, int label);

  int n_ = 0, b_ = 0;
  std::vector<int> stack_;
  std::vector<int> head_, label_, l1_, l2_, r1_, r2_, nl_, nr_;
  std::vector<uint64_t> lset_, rset_;
};

class Parser {
 public:
  static constexpr int kMaxFeatures = 120;

  // Writes the feature keys of `state` to `out`; returns how many.
  // `tags` are tagger classes; `atoms` the words' atoms (n of each).
  static int Extract(const ParseState& state, const TokenAtoms* atoms,
                     const int* tags, uint64_t* out);

  bool IsValid(const ParseState& s, int action) const;
  void Apply(ParseState* s, int action) const;
  int num_classes() const { return 1 + 2 * num_labels; }

  // Parses words 0..n-1: heads[i] is -1 for the root, else a word index;
  // labels[i] indexes `labels`.
  void Parse(const TokenAtoms* atoms, const int* tags, int n, int* heads,
             int* labels) const;

  // Bits (1 << label) of the subject relations; a predicate takes at most
  // one of them (UD: one subject per clause), so the decoder never adds a
  // second. Set from the label names by SetSubjectLabels.
  void SetSubjectLabels(const std::vector<std::string>& labels);

  SparseWeights weights;
  int num_labels = 0;
  int root_label = 0;
  uint64_t subject_mask = 0;
};

}  // namespace storyline::syntax

#endif  // STORYLINE_SRC_SYNTAX_PARSER_H_
