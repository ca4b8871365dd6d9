// Arc-hybrid dependency parser (Kuhlmann et al. 2011) scored by an
// averaged perceptron over Zhang & Nivre (2011) style features: words, tags,
// labels, distance, valency and label sets of the stack, buffer and their
// outermost children. Decoded greedily (trained with the dynamic oracle of
// Goldberg & Nivre 2013) or with a beam (trained as a global structured
// perceptron with max-violation updates, Huang et al. 2012); see
// train/syntax_trainer.cc. The model stores the width it was trained with.
// A ROOT node sits at the end of the buffer (Ballesteros & Nivre 2013) and
// may take only one dependent, so every tree has exactly one root. Each word
// costs two transitions: parsing is linear in sentence length (times the
// beam width). Output trees are projective.
// Immutable after loading; Parse() is const and thread-safe.
#ifndef STORYLINE_SRC_SYNTAX_PARSER_H_
#define STORYLINE_SRC_SYNTAX_PARSER_H_

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include "src/syntax/features.h"
#include "src/syntax/score_cache.h"
#include "src/syntax/weights.h"

namespace storyline::syntax {

class Parser;

// A node's outermost children as the feature templates see them.
struct NodeInfo {
  // Leftmost, second leftmost, rightmost, second rightmost child; -1 = none.
  int kid[4] = {-1, -1, -1, -1};
  int kid_label[4] = {-1, -1, -1, -1};  // their relations
  int nl = 0, nr = 0;                   // number of left and right children
  uint64_t lset = 0, rset = 0;          // bits (1 << label) of their relations
  // Records the arc h -> d (h is this node).
  void AddChild(int h, int d, int label);
};

// What the feature templates read from a configuration: the top three
// stack items, the first three buffer items (ROOT = n included; -1 = none)
// and the children of s0, s1 and b0 (never null: an empty NodeInfo for -1).
struct StateView {
  int n = 0;
  int s0 = -1, s1 = -1, s2 = -1, b0 = -1, b1 = -1, b2 = -1;
  const NodeInfo* s0i = nullptr;
  const NodeInfo* s1i = nullptr;
  const NodeInfo* b0i = nullptr;
};

// Everything the feature templates read from a configuration, by feature
// group: a group's templates read only its struct (parser.cc), so two
// configurations with equal structs have equal keys in that group, which
// lets the beam's ScoreCache reuse the group's summed rows without
// hashing its features. Fields are atoms: word, tag and cluster ids or
// hashes, relations + 1, counts + 1, distances, constants for none and ROOT.
// A token and its children are apart: s0's children change with every arc
// it takes, its word only when it leaves; its left children are fixed once
// it is shifted.
struct FeatureInputs {
  struct Token {  // s0
    uint64_t w, p, c, st;
  };
  struct Kids {  // a token with its children on one side
    uint64_t w, p, valency;      // the token; the number of children
    uint64_t kw, kp, kl;         // outermost child: word, tag, relation
    uint64_t k2p, k2l;           // second outermost: tag, relation
    uint64_t labels, kc, k2w;    // relation set; outermost's cluster, second's word
  };
  struct S1 {  // s1 and s2
    uint64_t w, p, c, s2p, s2w, st;
  };
  struct S1Kids {
    uint64_t p, rvalency, rw, rp, rl, lp, ll, r2p, rlabels;
  };
  struct Buffer {  // b0..b2 (not b0's children)
    uint64_t b0w, b0p, b1w, b1p, b2w, b2p, b0c, b1c, b0st, b1st;
  };
  struct S0B0 {  // s0 and b0 together, the words between them next to them
    uint64_t s0w, s0p, b0w, b0p, b1p, dist, s0c, b0c, s0q, b0q;
    uint64_t before_b0p, after_s0p, before_b0w, after_s0w, s0st, b0st;
  };
  struct S0B0Kids {
    uint64_t s0p, s0lp, s0rp, b0p, b0lp;
  };
  struct S1S0 {  // s1 and s0 together, the word before s0
    uint64_t s1w, s1p, s0w, s0p, s2p, dist, s1c, s0c, before_s0p, before_s0w, s1st, s0st;
  };
  struct S1S0Kids {
    uint64_t s1p, s1rp, s0p, s0lp, s0rp;
  };
  struct S1B0 {
    uint64_t s1p, b0p, s1w, b0w, s0p;
  };
  Token s0;
  Kids s0l, s0r;
  S1 s1;
  S1Kids s1k;
  Buffer b;
  Kids b0l;
  S0B0 s0b0;
  S0B0Kids s0b0k;
  S1S0 s1s0;
  S1S0Kids s1s0k;
  S1B0 s1b0;
};

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
  uint64_t left_labels(int i) const { return i < 0 ? 0 : info_[i].lset; }
  const std::vector<int>& stack() const { return stack_; }
  int buffer_front() const { return b_; }
  StateView View() const;

 private:
  int Pop() {
    int v = stack_.back();
    stack_.pop_back();
    return v;
  }
  void AddArc(int h, int d, int label) {
    head_[d] = h;
    label_[d] = label;
    info_[h].AddChild(h, d, label);
  }

  int n_ = 0, b_ = 0;
  std::vector<int> stack_;
  std::vector<int> head_, label_;
  std::vector<NodeInfo> info_;
};

// Beam search over arc-hybrid transitions (Zhang & Clark 2008; Zhang &
// Nivre 2011). Every parse of n words takes exactly 2n transitions, so the
// beam's items stay in step. The stack is a persistent linked list in an
// arena (a RIGHT-ARC copies only the new top), so a step costs O(width)
// whatever the sentence length: a beam parse is linear in n. The history of
// (parent, action) per step gives each item's transition sequence.
// Reusable across sentences; not thread-safe (one per thread or call).
class Beam {
 public:
  struct Item {
    int top = -1;   // arena index of the stack top, -1 = empty stack
    int size = 0;   // stack size
    int b = 0;      // buffer front
    NodeInfo b0;    // children of the buffer front (left ones only)
    double score = 0;
    int parent = -1;  // index in the previous step's items
    int action = -1;  // transition that led here
  };

  void Init(int n, int width, int num_labels);
  int n() const { return n_; }
  int step() const { return step_; }
  bool Done() const { return step_ == 2 * n_; }
  const std::vector<Item>& items() const { return items_; }  // best first
  StateView View(const Item& it) const;
  // Relation bits of the left children of the item's s1 (the RIGHT-ARC head).
  uint64_t S1LeftLabels(const Item& it) const;

  // Expands every item by its valid transitions and keeps the `width` best
  // (ties: earlier item, then lower action: with width 1 this is exactly
  // the greedy decoder). `score(feats, k, scores)` adds the class scores of
  // k features to scores[0..num_classes) (zeroed by the caller here), or
  // `score(view, scores)` those of a configuration's features.
  // `subject_rule` applies Parser's one-subject constraint.
  template <typename T, typename ScoreFn>
  void Step(const Parser& p, const TokenAtoms* atoms, const int* tags,
            bool subject_rule, ScoreFn&& score);

  // Stack nodes allocated since Init (at most one per item and step).
  size_t arena_size() const { return arena_.size(); }

  // The transitions that led to item k of the current step.
  void Actions(int k, std::vector<int>* out) const;
  // Same for item k of step t (t <= step()).
  void ActionsAt(int t, int k, std::vector<int>* out) const;

 private:
  struct Node {
    int word;
    int next;
    NodeInfo info;
  };
  struct Cand {
    double score;
    int item, action;
  };
  // The order of candidates: higher score, then earlier item, then lower
  // action (a strict total order, so the width best are one set).
  static bool Better(const Cand& a, const Cand& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.item != b.item) return a.item < b.item;
    return a.action < b.action;
  }
  // Offers a candidate to cands_, which keeps the width_ best as a heap
  // whose front is the worst of them: most of an item's ~100 transitions
  // fail one comparison and are never stored.
  bool Full() const { return cands_.size() == static_cast<size_t>(width_); }
  void Offer(const Cand& c) {
    if (cands_.size() < static_cast<size_t>(width_)) {
      cands_.push_back(c);
      std::push_heap(cands_.begin(), cands_.end(), Better);
    } else if (Better(c, cands_.front())) {
      std::pop_heap(cands_.begin(), cands_.end(), Better);
      cands_.back() = c;
      std::push_heap(cands_.begin(), cands_.end(), Better);
    }
  }
  struct Hist {
    int parent, action;
  };
  void Apply(const Item& from, int action, Item* to);
  void Select();  // applies the candidates of cands_ (a heap, see Offer)

  int n_ = 0, width_ = 1, step_ = 0, num_labels_ = 0;
  std::vector<Node> arena_;
  std::vector<Item> items_, next_;
  std::vector<Cand> cands_;
  std::vector<Hist> hist_;  // hist_[t * width_ + k]: how item k of step t + 1 arose
  std::vector<int32_t> iscores_;
  std::vector<float> fscores_;
};

class Parser {
 public:
  static constexpr int kMaxFeatures = 136;
  static constexpr int kNumFeatures = 128;  // Extract writes exactly these
  static constexpr int kMaxBeamWidth = 256;

  // Writes the feature keys of `state` to `out`; returns how many.
  // `tags` are tagger classes; `atoms` the words' atoms (n of each).
  static int Extract(const StateView& state, const TokenAtoms* atoms,
                     const int* tags, uint64_t* out);
  static int Extract(const ParseState& state, const TokenAtoms* atoms,
                     const int* tags, uint64_t* out) {
    return Extract(state.View(), atoms, tags, out);
  }

  // What the templates read, by group (Extract = the groups' features).
  static void Inputs(const StateView& state, const TokenAtoms* atoms, const int* tags,
                     FeatureInputs* in);
  // The configuration's feature groups for a ScoreCache or the trainer's
  // memo, whose entries must not outlive the sentence: most groups are
  // keyed by the positions they read (s0 and b0, a node and its outermost
  // children ...: 1-4 words instead of 5-14 atoms), and their inputs are
  // computed only when the cache lacks them; the two groups that read
  // tags alone are keyed by their inputs, which recur across positions.
  // Fills `scratch` and writes kNumGroups groups pointing into it to `out`.
  static constexpr int kNumGroups = 12;
  struct GroupScratch {
    const StateView* state;
    const TokenAtoms* atoms;
    const int* tags;
    uint64_t ids[kNumGroups][4];
    FeatureInputs::S0B0Kids s0b0k;
    FeatureInputs::S1S0Kids s1s0k;
  };
  static void Groups(const StateView& state, const TokenAtoms* atoms, const int* tags,
                     GroupScratch* scratch, ScoreCache::Group* out);
  // Adds the class scores of the configuration's features to `scores`,
  // exactly as weights.Score over Extract's keys would, through `cache`
  // (groups whose inputs it has seen cost one vector add).
  void ScoreCached(const StateView& state, const TokenAtoms* atoms, const int* tags,
                   ScoreCache* cache, int32_t* scores) const;

  bool IsValid(const ParseState& s, int action) const;
  void Apply(ParseState* s, int action) const;
  int num_classes() const { return 1 + 2 * num_labels; }

  // Parses words 0..n-1: heads[i] is -1 for the root, else a word index;
  // labels[i] indexes `labels`. Beam search of `width` (0 = beam_width,
  // the width the model was trained with; 1 = greedy).
  void Parse(const TokenAtoms* atoms, const int* tags, int n, int* heads,
             int* labels, int width = 0) const;

  // The one move a configuration allows, which needs no scores: SHIFT (0)
  // onto an empty stack, and the last word's LEFT-ARC(root) to ROOT; -1
  // when the model must choose.
  int ForcedMove(int stack_size, int b, int n) const {
    if (stack_size == 0) return 0;
    if (b == n && stack_size == 1) return 1 + root_label;
    return -1;
  }

  // Appends the valid transitions of a configuration in the decoder's
  // order (SHIFT, LEFT labels, RIGHT labels), without forced moves'
  // special-casing. `s1_left_labels`: relation bits of s1's left children
  // (for the one-subject rule when `subject_rule`).
  template <typename Fn>
  void ForEachValid(int stack_size, int b, int n, uint64_t s1_left_labels, bool subject_rule,
                    Fn&& fn) const {
    if (b < n) fn(0);
    if (stack_size > 0 && (b < n || stack_size == 1)) {
      if (b == n) {
        fn(1 + root_label);
      } else {
        for (int l = 0; l < num_labels; ++l)
          if (l != root_label) fn(1 + l);
      }
    }
    if (stack_size >= 2) {
      const bool has_subject = subject_rule && (s1_left_labels & subject_mask) != 0;
      for (int l = 0; l < num_labels; ++l)
        if (l != root_label && !(has_subject && ((subject_mask >> l) & 1) != 0))
          fn(1 + num_labels + l);
    }
  }

  // Bits (1 << label) of the subject relations; a predicate takes at most
  // one of them (UD: one subject per clause), so the decoder never adds a
  // second. Set from the label names by SetSubjectLabels.
  void SetSubjectLabels(const std::vector<std::string>& labels);

  // The greedy decoder from `state` (fresh) to a terminal configuration.
  void GreedyParse(const TokenAtoms* atoms, const int* tags, ParseState* state) const;

  SparseWeights weights;
  int beam_width = 1;  // trained with this beam (stored in the model); 1 = greedy
  int num_labels = 0;
  int root_label = 0;
  uint64_t subject_mask = 0;
};

template <typename T, typename ScoreFn>
void Beam::Step(const Parser& p, const TokenAtoms* atoms, const int* tags, bool subject_rule,
                ScoreFn&& score) {
  cands_.clear();
  std::vector<T>& scores = [this]() -> std::vector<T>& {
    if constexpr (std::is_same_v<T, float>) return fscores_;
    else return iscores_;
  }();
  scores.resize(p.num_classes());
  for (int k = 0; k < static_cast<int>(items_.size()); ++k) {
    const Item& it = items_[k];
    if (const int forced = p.ForcedMove(it.size, it.b, n_); forced >= 0) {
      Offer({it.score, k, forced});
      continue;
    }
    std::fill(scores.begin(), scores.end(), T(0));
    if constexpr (std::is_invocable_v<ScoreFn, const StateView&, T*>) {
      score(View(it), scores.data());  // a scorer that extracts what it needs
    } else {
      uint64_t feats[Parser::kMaxFeatures];
      const int nf = Parser::Extract(View(it), atoms, tags, feats);
      score(feats, nf, scores.data());
    }
    // Once width_ candidates are kept, one below the worst of them cannot
    // enter (a tie still goes to Offer's full order). With int32 scores
    // the item's score and the worst are integers (exact in a double up
    // to 2^53), so the test is an integer comparison of scores[c] alone.
    if constexpr (std::is_integral_v<T>) {
      int64_t need = std::numeric_limits<int64_t>::min();
      if (Full()) need = static_cast<int64_t>(cands_.front().score - it.score);
      p.ForEachValid(it.size, it.b, n_, S1LeftLabels(it), subject_rule, [&](int c) {
        if (scores[c] < need) return;
        Offer({it.score + static_cast<double>(scores[c]), k, c});
        if (Full()) need = static_cast<int64_t>(cands_.front().score - it.score);
      });
    } else {
      double worst = Full() ? cands_.front().score : -std::numeric_limits<double>::infinity();
      p.ForEachValid(it.size, it.b, n_, S1LeftLabels(it), subject_rule, [&](int c) {
        const double sc = it.score + static_cast<double>(scores[c]);
        if (sc < worst) return;
        Offer({sc, k, c});
        if (Full()) worst = cands_.front().score;
      });
    }
  }
  Select();
}

}  // namespace storyline::syntax

#endif  // STORYLINE_SRC_SYNTAX_PARSER_H_
