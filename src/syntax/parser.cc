// Arc-hybrid parser; see parser.h. Template numbers are part of the
// feature set (features.h kFeatureSetId).
#include "src/syntax/parser.h"

#include <algorithm>
#include <iterator>
#include <limits>

#include "src/syntax/score_cache.h"

namespace storyline::syntax {

void NodeInfo::AddChild(int h, int d, int label) {
  const uint64_t bit = uint64_t{1} << (label & 63);
  if (d < h) {
    if (kid[0] == -1 || d < kid[0]) {
      kid[1] = kid[0];
      kid_label[1] = kid_label[0];
      kid[0] = d;
      kid_label[0] = label;
    } else if (kid[1] == -1 || d < kid[1]) {
      kid[1] = d;
      kid_label[1] = label;
    }
    ++nl;
    lset |= bit;
  } else {
    if (kid[2] == -1 || d > kid[2]) {
      kid[3] = kid[2];
      kid_label[3] = kid_label[2];
      kid[2] = d;
      kid_label[2] = label;
    } else if (kid[3] == -1 || d > kid[3]) {
      kid[3] = d;
      kid_label[3] = label;
    }
    ++nr;
    rset |= bit;
  }
}

void ParseState::Init(int n) {
  n_ = n;
  b_ = 0;
  stack_.clear();
  stack_.reserve(n + 1);
  head_.assign(n + 1, -1);
  label_.assign(n + 1, -1);
  info_.assign(n + 1, NodeInfo());
}

namespace {
const NodeInfo kNoNode;
}  // namespace

StateView ParseState::View() const {
  StateView v;
  v.n = n_;
  v.s0 = S(0);
  v.s1 = S(1);
  v.s2 = S(2);
  v.b0 = B(0);
  v.b1 = B(1);
  v.b2 = B(2);
  v.s0i = v.s0 < 0 ? &kNoNode : &info_[v.s0];
  v.s1i = v.s1 < 0 ? &kNoNode : &info_[v.s1];
  v.b0i = v.b0 < 0 ? &kNoNode : &info_[v.b0];
  return v;
}

// ---------------------------------------------------------------- beam

void Beam::Init(int n, int width, int num_labels) {
  n_ = n;
  num_labels_ = num_labels;
  width_ = width < 1 ? 1 : width;
  step_ = 0;
  arena_.clear();
  arena_.reserve(static_cast<size_t>(2 * n + 1) * width_);
  items_.assign(1, Item());
  hist_.clear();
}

StateView Beam::View(const Item& it) const {
  StateView v;
  v.n = n_;
  const Node* s0 = it.top >= 0 ? &arena_[it.top] : nullptr;
  const Node* s1 = s0 != nullptr && s0->next >= 0 ? &arena_[s0->next] : nullptr;
  const Node* s2 = s1 != nullptr && s1->next >= 0 ? &arena_[s1->next] : nullptr;
  v.s0 = s0 ? s0->word : -1;
  v.s1 = s1 ? s1->word : -1;
  v.s2 = s2 ? s2->word : -1;
  v.b0 = it.b <= n_ ? it.b : -1;
  v.b1 = it.b + 1 <= n_ ? it.b + 1 : -1;
  v.b2 = it.b + 2 <= n_ ? it.b + 2 : -1;
  v.s0i = s0 ? &s0->info : &kNoNode;
  v.s1i = s1 ? &s1->info : &kNoNode;
  v.b0i = v.b0 >= 0 ? &it.b0 : &kNoNode;
  return v;
}

uint64_t Beam::S1LeftLabels(const Item& it) const {
  if (it.size < 2) return 0;
  return arena_[arena_[it.top].next].info.lset;
}

void Beam::Apply(const Item& from, int action, Item* to) {
  *to = from;
  if (action == 0) {  // SHIFT: b0 and its children go on the stack
    arena_.push_back({from.b, from.top, from.b0});
    to->top = static_cast<int>(arena_.size()) - 1;
    ++to->size;
    ++to->b;
    to->b0 = NodeInfo();
  } else if (action <= num_labels_) {  // LEFT-ARC: b0 takes s0
    const Node& s0 = arena_[from.top];
    to->b0.AddChild(from.b, s0.word, action - 1);
    to->top = s0.next;
    --to->size;
  } else {  // RIGHT-ARC: s1 takes s0; s1 is copied with its new child
    const Node s0 = arena_[from.top];
    Node s1 = arena_[s0.next];
    s1.info.AddChild(s1.word, s0.word, action - 1 - num_labels_);
    arena_.push_back(s1);
    to->top = static_cast<int>(arena_.size()) - 1;
    --to->size;
  }
}

void Beam::Select() {
  // Best first; the same order as a full sort of all candidates would give.
  std::sort_heap(cands_.begin(), cands_.end(), Better);
  const size_t keep = cands_.size();
  next_.resize(keep);
  hist_.resize(static_cast<size_t>(step_ + 1) * width_);
  for (size_t j = 0; j < keep; ++j) {
    const Cand& c = cands_[j];
    Apply(items_[c.item], c.action, &next_[j]);
    next_[j].score = c.score;
    next_[j].parent = c.item;
    next_[j].action = c.action;
    hist_[static_cast<size_t>(step_) * width_ + j] = {c.item, c.action};
  }
  items_.swap(next_);
  ++step_;
}

void Beam::ActionsAt(int t, int k, std::vector<int>* out) const {
  out->assign(t, 0);
  for (int s = t - 1; s >= 0; --s) {
    const Hist& h = hist_[static_cast<size_t>(s) * width_ + k];
    (*out)[s] = h.action;
    k = h.parent;
  }
}

void Beam::Actions(int k, std::vector<int>* out) const { ActionsAt(step_, k, out); }

namespace {

constexpr uint64_t kNoWord = 0x7A3B9C1D2E4F5061ULL;
constexpr uint64_t kRootWord = 0x1F2E3D4C5B6A7988ULL;
constexpr uint64_t kNoTag = 0xFFF0;
constexpr uint64_t kRootTag = 0xFFF1;
constexpr uint64_t kNoLabel = 0xFFF2;

// Where a group writes its keys: at their places in Extract's order, or
// packed one after another (for the ScoreCache).
struct PlacedSink {
  uint64_t* out;
  void operator()(int place, uint64_t key) { out[place] = key; }
};
struct PackedSink {
  uint64_t* out;
  int k = 0;
  void operator()(int /*place*/, uint64_t key) { out[k++] = key; }
};

// The feature groups. Each reads only its own inputs (FeatureInputs), so
// equal inputs give equal keys; the first argument of `e` is the feature's
// place in Extract's order (fixed: the trainer sums in that order).

// s0's word, tag, cluster.
template <typename Sink>
void S0Group(const FeatureInputs::Token& x, Sink& e) {
  e(0, Feat(101, x.w));
  e(1, Feat(102, x.p));
  e(2, Feat(103, x.w, x.p));
  e(89, Feat(210, x.c, x.p));
  e(111, Feat(240, x.st));
  e(112, Feat(241, x.st, x.p));
  e(113, Feat(242, x.st, x.w));
}

// s0 with its left children (fixed once s0 is shifted).
template <typename Sink>
void S0LeftGroup(const FeatureInputs::Kids& x, Sink& e) {
  e(52, Feat(162, x.w, x.valency));
  e(53, Feat(163, x.p, x.valency));
  e(57, Feat(170, x.kw));
  e(58, Feat(171, x.kp));
  e(59, Feat(172, x.kl));
  e(70, Feat(183, x.k2p, x.k2l));
  e(73, Feat(186, x.p, x.kl, x.k2l));
  e(76, Feat(189, x.p, x.kp, x.k2p));
  e(80, Feat(193, x.w, x.kl));
  e(84, Feat(202, x.w, x.labels));
  e(85, Feat(203, x.p, x.labels));
  e(98, Feat(219, x.p, x.kc, x.kl));
  e(101, Feat(230, x.k2w));
}

// s0 with its right children.
template <typename Sink>
void S0RightGroup(const FeatureInputs::Kids& x, Sink& e) {
  e(50, Feat(160, x.w, x.valency));
  e(51, Feat(161, x.p, x.valency));
  e(60, Feat(173, x.kw));
  e(61, Feat(174, x.kp));
  e(62, Feat(175, x.kl));
  e(71, Feat(184, x.k2p, x.k2l));
  e(74, Feat(187, x.p, x.kl, x.k2l));
  e(77, Feat(190, x.p, x.kp, x.k2p));
  e(82, Feat(200, x.w, x.labels));
  e(83, Feat(201, x.p, x.labels));
  e(100, Feat(221, x.p, x.kc, x.kl));
  e(102, Feat(231, x.k2w));
}

// s1's word, tag, cluster; s2.
template <typename Sink>
void S1Group(const FeatureInputs::S1& x, Sink& e) {
  e(3, Feat(104, x.w));
  e(4, Feat(105, x.p));
  e(5, Feat(106, x.w, x.p));
  e(14, Feat(115, x.s2p));
  e(15, Feat(116, x.s2w));
  e(91, Feat(212, x.c, x.p));
  e(114, Feat(243, x.st));
  e(115, Feat(244, x.st, x.p));
}

// s1 with its children.
template <typename Sink>
void S1KidsGroup(const FeatureInputs::S1Kids& x, Sink& e) {
  e(56, Feat(166, x.p, x.rvalency));
  e(66, Feat(179, x.rw));
  e(67, Feat(180, x.rp));
  e(68, Feat(181, x.rl));
  e(69, Feat(182, x.lp, x.ll));
  e(79, Feat(192, x.p, x.rp, x.r2p));
  e(88, Feat(206, x.p, x.rlabels));
}

// The buffer's words b0..b2 (not b0's children).
template <typename Sink>
void BufferGroup(const FeatureInputs::Buffer& x, Sink& e) {
  e(6, Feat(107, x.b0w));
  e(7, Feat(108, x.b0p));
  e(8, Feat(109, x.b0w, x.b0p));
  e(9, Feat(110, x.b1w));
  e(10, Feat(111, x.b1p));
  e(11, Feat(112, x.b1w, x.b1p));
  e(12, Feat(113, x.b2w));
  e(13, Feat(114, x.b2p));
  e(23, Feat(127, x.b0p, x.b1p));
  e(30, Feat(134, x.b0w, x.b1w));
  e(31, Feat(135, x.b0w, x.b0p, x.b1p));
  e(32, Feat(140, x.b0p, x.b1p, x.b2p));
  e(90, Feat(211, x.b0c, x.b0p));
  e(92, Feat(213, x.b1c));
  e(104, Feat(233, x.b2w, x.b2p));
  e(116, Feat(245, x.b0st));
  e(117, Feat(246, x.b1st));
  e(118, Feat(247, x.b0st, x.b1st));
  e(119, Feat(248, x.b0st, x.b0p));
}

// b0 with its left children.
template <typename Sink>
void B0KidsGroup(const FeatureInputs::Kids& x, Sink& e) {
  e(54, Feat(164, x.w, x.valency));
  e(55, Feat(165, x.p, x.valency));
  e(63, Feat(176, x.kw));
  e(64, Feat(177, x.kp));
  e(65, Feat(178, x.kl));
  e(72, Feat(185, x.k2p, x.k2l));
  e(75, Feat(188, x.p, x.kl, x.k2l));
  e(78, Feat(191, x.p, x.kp, x.k2p));
  e(81, Feat(194, x.w, x.kl));
  e(86, Feat(204, x.w, x.labels));
  e(87, Feat(205, x.p, x.labels));
  e(99, Feat(220, x.p, x.kc, x.kl));
  e(103, Feat(232, x.k2w));
}

// s0 and b0 together, and the words between them next to them.
template <typename Sink>
void S0B0Group(const FeatureInputs::S0B0& x, Sink& e) {
  e(16, Feat(120, x.s0w, x.s0p, x.b0w, x.b0p));
  e(17, Feat(121, x.s0w, x.s0p, x.b0w));
  e(18, Feat(122, x.s0w, x.b0w, x.b0p));
  e(19, Feat(123, x.s0w, x.s0p, x.b0p));
  e(20, Feat(124, x.s0p, x.b0w, x.b0p));
  e(21, Feat(125, x.s0w, x.b0w));
  e(22, Feat(126, x.s0p, x.b0p));
  e(33, Feat(141, x.s0p, x.b0p, x.b1p));
  e(42, Feat(150, x.s0w, x.dist));
  e(43, Feat(151, x.s0p, x.dist));
  e(44, Feat(152, x.b0w, x.dist));
  e(45, Feat(153, x.b0p, x.dist));
  e(46, Feat(154, x.s0w, x.b0w, x.dist));
  e(47, Feat(155, x.s0p, x.b0p, x.dist));
  e(93, Feat(214, x.s0c, x.b0c));
  e(94, Feat(215, x.s0c, x.b0p));
  e(95, Feat(216, x.s0p, x.b0c));
  e(97, Feat(218, x.s0q, x.b0q, x.dist));
  e(105, Feat(234, x.before_b0p, x.s0p, x.b0p));
  e(106, Feat(235, x.after_s0p, x.s0p, x.b0p));
  e(107, Feat(236, x.before_b0w, x.b0p));
  e(110, Feat(239, x.after_s0w, x.s0p));
  e(120, Feat(249, x.s0st, x.b0st));
  e(121, Feat(250, x.s0st, x.b0st, x.dist));
  e(122, Feat(251, x.s0st, x.b0p));
  e(123, Feat(252, x.s0p, x.b0st));
}

// s0 and b0 with a child's tag.
template <typename Sink>
void S0B0KidsGroup(const FeatureInputs::S0B0Kids& x, Sink& e) {
  e(36, Feat(144, x.s0p, x.s0lp, x.b0p));
  e(37, Feat(145, x.s0p, x.s0rp, x.b0p));
  e(38, Feat(146, x.s0p, x.b0p, x.b0lp));
}

// s1 and s0 together (s2 in the tag trigram), and the word before s0.
template <typename Sink>
void S1S0Group(const FeatureInputs::S1S0& x, Sink& e) {
  e(24, Feat(128, x.s1p, x.s0p));
  e(25, Feat(129, x.s1w, x.s0w));
  e(26, Feat(130, x.s1w, x.s1p, x.s0p));
  e(27, Feat(131, x.s1p, x.s0w, x.s0p));
  e(35, Feat(143, x.s2p, x.s1p, x.s0p));
  e(48, Feat(156, x.s1p, x.s0p, x.dist));
  e(49, Feat(157, x.s1w, x.s0w, x.dist));
  e(96, Feat(217, x.s1c, x.s0c));
  e(108, Feat(237, x.before_s0p, x.s1p, x.s0p));
  e(109, Feat(238, x.before_s0w, x.s0p));
  e(124, Feat(253, x.s1st, x.s0st));
  e(125, Feat(254, x.s1st, x.s0st, x.dist));
  e(126, Feat(255, x.s1st, x.s0p));
  e(127, Feat(256, x.s1p, x.s0st));
}

// s1 and s0 with a child's tag.
template <typename Sink>
void S1S0KidsGroup(const FeatureInputs::S1S0Kids& x, Sink& e) {
  e(39, Feat(147, x.s1p, x.s1rp, x.s0p));
  e(40, Feat(148, x.s1p, x.s0p, x.s0lp));
  e(41, Feat(149, x.s1p, x.s0p, x.s0rp));
}

// s1 and b0.
template <typename Sink>
void S1B0Group(const FeatureInputs::S1B0& x, Sink& e) {
  e(28, Feat(132, x.s1p, x.b0p));
  e(29, Feat(133, x.s1w, x.b0w));
  e(34, Feat(142, x.s1p, x.s0p, x.b0p));
}

}  // namespace

namespace {

// The atoms of a position (ROOT = n, none = -1) and of a node's children.
struct AtomReader {
  int n;
  const TokenAtoms* a;
  const int* tags;
  uint64_t W(int i) const { return i < 0 ? kNoWord : i == n ? kRootWord : a[i].word; }
  uint64_t P(int i) const {
    return i < 0 ? kNoTag : i == n ? kRootTag : static_cast<uint64_t>(tags[i]) + 1;
  }
  uint64_t C(int i) const { return i < 0 ? kNoWord : i == n ? kRootWord : a[i].cluster; }
  uint64_t Q(int i) const { return i < 0 ? kNoWord : i == n ? kRootWord : a[i].coarse; }
  uint64_t T(int i) const {  // supertag
    return i < 0 ? kNoTag : i == n ? kRootTag : static_cast<uint64_t>(a[i].stag) + 1;
  }
};
// Relation of child j (kNoLabel when there is none); a count as an atom.
uint64_t LK(const NodeInfo* x, int j) {
  return x->kid_label[j] < 0 ? kNoLabel : static_cast<uint64_t>(x->kid_label[j]) + 1;
}
uint64_t V(int count) { return static_cast<uint64_t>(count) + 1; }

// Each group's inputs from the configuration: Inputs runs them all, the
// ScoreCache only those of the groups it has not seen (below).
using FI = FeatureInputs;
void BuildS0(const StateView& st, const AtomReader& r, FI::Token* x) {
  *x = {r.W(st.s0), r.P(st.s0), r.C(st.s0), r.T(st.s0)};
}
// Token i with its outermost children on one side: 0 = left, 2 = right.
template <int kSide>
void BuildKids(int i, const NodeInfo* k, const AtomReader& r, FI::Kids* x) {
  const int a = k->kid[kSide], b = k->kid[kSide + 1];
  *x = {r.W(i),        r.P(i),   V(kSide == 0 ? k->nl : k->nr),
        r.W(a),        r.P(a),   LK(k, kSide),
        r.P(b),        LK(k, kSide + 1), (kSide == 0 ? k->lset : k->rset) + 1,
        r.C(a),        r.W(b)};
}
void BuildS0Left(const StateView& st, const AtomReader& r, FI::Kids* x) {
  BuildKids<0>(st.s0, st.s0i, r, x);
}
void BuildS0Right(const StateView& st, const AtomReader& r, FI::Kids* x) {
  BuildKids<2>(st.s0, st.s0i, r, x);
}
void BuildB0Left(const StateView& st, const AtomReader& r, FI::Kids* x) {
  BuildKids<0>(st.b0, st.b0i, r, x);
}
void BuildS1(const StateView& st, const AtomReader& r, FI::S1* x) {
  *x = {r.W(st.s1), r.P(st.s1), r.C(st.s1), r.P(st.s2), r.W(st.s2), r.T(st.s1)};
}
void BuildS1Kids(const StateView& st, const AtomReader& r, FI::S1Kids* x) {
  const NodeInfo* k = st.s1i;
  *x = {r.P(st.s1),   V(k->nr),      r.W(k->kid[2]), r.P(k->kid[2]), LK(k, 2),
        r.P(k->kid[0]), LK(k, 0), r.P(k->kid[3]), k->rset + 1};
}
void BuildBuffer(const StateView& st, const AtomReader& r, FI::Buffer* x) {
  *x = {r.W(st.b0), r.P(st.b0), r.W(st.b1), r.P(st.b1),
        r.W(st.b2), r.P(st.b2), r.C(st.b0), r.C(st.b1), r.T(st.b0), r.T(st.b1)};
}
void BuildS0B0(const StateView& st, const AtomReader& r, FI::S0B0* x) {
  const int s0 = st.s0, b0 = st.b0;
  const uint64_t dist = s0 >= 0 && b0 >= 0 ? static_cast<uint64_t>(std::min(b0 - s0, 8)) + 1 : 0;
  const int after_s0 = s0 >= 0 && b0 >= 0 && s0 + 1 < b0 ? s0 + 1 : -1;
  const int before_b0 = s0 >= 0 && b0 >= 0 && b0 - 1 > s0 ? b0 - 1 : -1;
  *x = {r.W(s0), r.P(s0), r.W(b0), r.P(b0), r.P(st.b1), dist, r.C(s0), r.C(b0), r.Q(s0),
        r.Q(b0), r.P(before_b0), r.P(after_s0), r.W(before_b0), r.W(after_s0), r.T(s0), r.T(b0)};
}
void BuildS0B0Kids(const StateView& st, const AtomReader& r, FI::S0B0Kids* x) {
  *x = {r.P(st.s0), r.P(st.s0i->kid[0]), r.P(st.s0i->kid[2]), r.P(st.b0),
        r.P(st.b0i->kid[0])};
}
void BuildS1S0(const StateView& st, const AtomReader& r, FI::S1S0* x) {
  const int s0 = st.s0, s1 = st.s1;
  const uint64_t dist = s0 >= 0 && s1 >= 0 ? static_cast<uint64_t>(std::min(s0 - s1, 8)) + 1 : 0;
  const int before_s0 = s0 >= 0 && s1 >= 0 && s0 - 1 > s1 ? s0 - 1 : -1;
  *x = {r.W(s1),      r.P(s1),  r.W(s0),  r.P(s0),           r.P(st.s2),
        dist,         r.C(s1),  r.C(s0),  r.P(before_s0),    r.W(before_s0),
        r.T(s1),      r.T(s0)};
}
void BuildS1S0Kids(const StateView& st, const AtomReader& r, FI::S1S0Kids* x) {
  *x = {r.P(st.s1), r.P(st.s1i->kid[2]), r.P(st.s0), r.P(st.s0i->kid[0]),
        r.P(st.s0i->kid[2])};
}
void BuildS1B0(const StateView& st, const AtomReader& r, FI::S1B0* x) {
  *x = {r.P(st.s1), r.P(st.b0), r.W(st.s1), r.W(st.b0), r.P(st.s0)};
}

}  // namespace

void Parser::Inputs(const StateView& st, const TokenAtoms* a, const int* tags,
                    FeatureInputs* in) {
  const AtomReader r{st.n, a, tags};
  BuildS0(st, r, &in->s0);
  BuildS0Left(st, r, &in->s0l);
  BuildS0Right(st, r, &in->s0r);
  BuildS1(st, r, &in->s1);
  BuildS1Kids(st, r, &in->s1k);
  BuildBuffer(st, r, &in->b);
  BuildB0Left(st, r, &in->b0l);
  BuildS0B0(st, r, &in->s0b0);
  BuildS0B0Kids(st, r, &in->s0b0k);
  BuildS1S0(st, r, &in->s1s0);
  BuildS1S0Kids(st, r, &in->s1s0k);
  BuildS1B0(st, r, &in->s1b0);
}

int Parser::Extract(const StateView& st, const TokenAtoms* a, const int* tags, uint64_t* out) {
  FeatureInputs in;
  Inputs(st, a, tags, &in);
  PlacedSink e{out};
  S0Group(in.s0, e);
  S0LeftGroup(in.s0l, e);
  S0RightGroup(in.s0r, e);
  S1Group(in.s1, e);
  S1KidsGroup(in.s1k, e);
  BufferGroup(in.b, e);
  B0KidsGroup(in.b0l, e);
  S0B0Group(in.s0b0, e);
  S0B0KidsGroup(in.s0b0k, e);
  S1S0Group(in.s1s0, e);
  S1S0KidsGroup(in.s1s0k, e);
  S1B0Group(in.s1b0, e);
  return kNumFeatures;
}

namespace {

// A group's keys packed, as ScoreCache::Group::keys, from its inputs.
template <typename In, void (*F)(const In&, PackedSink&)>
int GroupKeys(const void* in, uint64_t* out) {
  static_assert(sizeof(In) % sizeof(uint64_t) == 0 &&
                sizeof(In) <= sizeof(uint64_t) * ScoreCache::kMaxInputWords);
  PackedSink e{out};
  F(*static_cast<const In*>(in), e);
  return e.k;
}

// The same from the configuration (a Parser::GroupScratch), building the
// group's inputs first.
template <typename In, void (*Build)(const StateView&, const AtomReader&, In*),
          void (*F)(const In&, PackedSink&)>
int BuiltGroupKeys(const void* scratch, uint64_t* out) {
  const Parser::GroupScratch& g = *static_cast<const Parser::GroupScratch*>(scratch);
  In in;
  Build(*g.state, AtomReader{g.state->n, g.atoms, g.tags}, &in);
  PackedSink e{out};
  F(in, e);
  return e.k;
}

// Two positions (-1 = none) in one word.
uint64_t Pos2(int a, int b) {
  return uint64_t{static_cast<uint32_t>(a + 1)} | uint64_t{static_cast<uint32_t>(b + 1)} << 32;
}

// What BuildKids<kSide> reads: the token, its two outermost children on
// the side, their relations, the count and relation set of that side.
template <int kSide>
int KidsId(int i, const NodeInfo* k, uint64_t* id) {
  id[0] = Pos2(i, k->kid[kSide]);
  id[1] = Pos2(k->kid[kSide + 1], kSide == 0 ? k->nl : k->nr);
  id[2] = Pos2(k->kid_label[kSide], k->kid_label[kSide + 1]);
  id[3] = kSide == 0 ? k->lset : k->rset;
  return 4;
}

}  // namespace

void Parser::Groups(const StateView& st, const TokenAtoms* atoms, const int* tags,
                    GroupScratch* g, ScoreCache::Group* out) {
  g->state = &st;
  g->atoms = atoms;
  g->tags = tags;
  const AtomReader r{st.n, atoms, tags};
  auto by_position = [&](int i, int words, int (*keys)(const void*, uint64_t*)) {
    out[i] = {g->ids[i], words, g, keys};
  };
  // Each identity holds every position the group's Build function reads
  // (b1 and b2 follow from b0 and n; n is fixed within a sentence).
  g->ids[0][0] = Pos2(st.s0, -1);
  by_position(0, 1, &BuiltGroupKeys<FI::Token, BuildS0, S0Group<PackedSink>>);
  by_position(1, KidsId<0>(st.s0, st.s0i, g->ids[1]),
              &BuiltGroupKeys<FI::Kids, BuildS0Left, S0LeftGroup<PackedSink>>);
  by_position(2, KidsId<2>(st.s0, st.s0i, g->ids[2]),
              &BuiltGroupKeys<FI::Kids, BuildS0Right, S0RightGroup<PackedSink>>);
  g->ids[3][0] = Pos2(st.s1, st.s2);
  by_position(3, 1, &BuiltGroupKeys<FI::S1, BuildS1, S1Group<PackedSink>>);
  const NodeInfo* k1 = st.s1i;
  g->ids[4][0] = Pos2(st.s1, k1->kid[2]);
  g->ids[4][1] = Pos2(k1->kid[0], k1->kid[3]);
  g->ids[4][2] = Pos2(k1->nr, k1->kid_label[2]) |  // relations < 2^16
                 uint64_t{static_cast<uint32_t>(k1->kid_label[0] + 1)} << 48;
  g->ids[4][3] = k1->rset;
  by_position(4, 4, &BuiltGroupKeys<FI::S1Kids, BuildS1Kids, S1KidsGroup<PackedSink>>);
  g->ids[5][0] = Pos2(st.b0, -1);
  by_position(5, 1, &BuiltGroupKeys<FI::Buffer, BuildBuffer, BufferGroup<PackedSink>>);
  by_position(6, KidsId<0>(st.b0, st.b0i, g->ids[6]),
              &BuiltGroupKeys<FI::Kids, BuildB0Left, B0KidsGroup<PackedSink>>);
  g->ids[7][0] = Pos2(st.s0, st.b0);
  by_position(7, 1, &BuiltGroupKeys<FI::S0B0, BuildS0B0, S0B0Group<PackedSink>>);
  BuildS0B0Kids(st, r, &g->s0b0k);
  out[8] = {&g->s0b0k, sizeof(FI::S0B0Kids) / sizeof(uint64_t), &g->s0b0k,
            &GroupKeys<FI::S0B0Kids, S0B0KidsGroup<PackedSink>>};
  g->ids[9][0] = Pos2(st.s1, st.s0);
  g->ids[9][1] = Pos2(st.s2, -1);
  by_position(9, 2, &BuiltGroupKeys<FI::S1S0, BuildS1S0, S1S0Group<PackedSink>>);
  BuildS1S0Kids(st, r, &g->s1s0k);
  out[10] = {&g->s1s0k, sizeof(FI::S1S0Kids) / sizeof(uint64_t), &g->s1s0k,
             &GroupKeys<FI::S1S0Kids, S1S0KidsGroup<PackedSink>>};
  g->ids[11][0] = Pos2(st.s1, st.b0);
  g->ids[11][1] = Pos2(st.s0, -1);
  by_position(11, 2, &BuiltGroupKeys<FI::S1B0, BuildS1B0, S1B0Group<PackedSink>>);
  static_assert(kNumGroups == 12 && kNumGroups <= ScoreCache::kMaxGroups);
}

void Parser::ScoreCached(const StateView& st, const TokenAtoms* atoms, const int* tags,
                         ScoreCache* cache, int32_t* scores) const {
  GroupScratch scratch;
  ScoreCache::Group groups[kNumGroups];
  Groups(st, atoms, tags, &scratch, groups);
  cache->Score(groups, kNumGroups, scores);
}

bool Parser::IsValid(const ParseState& s, int action) const {
  if (action == 0) return s.CanShift();
  if (action <= num_labels) {
    if (!s.CanLeft()) return false;
    const bool to_root = s.buffer_front() == s.n();
    return to_root == (action - 1 == root_label);
  }
  return s.CanRight() && action - 1 - num_labels != root_label;
}

void Parser::Apply(ParseState* s, int action) const {
  if (action == 0) s->Shift();
  else if (action <= num_labels) s->Left(action - 1);
  else s->Right(action - 1 - num_labels);
}

void Parser::SetSubjectLabels(const std::vector<std::string>& labels) {
  subject_mask = 0;
  for (size_t l = 0; l < labels.size() && l < 64; ++l) {
    const std::string& r = labels[l];
    if (r == "nsubj" || r == "nsubj:pass" || r == "csubj" || r == "csubj:pass")
      subject_mask |= uint64_t{1} << l;
  }
}

void Parser::Parse(const TokenAtoms* atoms, const int* tags, int n, int* heads, int* labels,
                   int width) const {
  if (width <= 0) width = beam_width;
  ParseState st;
  st.Init(n);
  if (width > 1) {
    Beam beam;
    beam.Init(n, width, num_labels);
    ScoreCache cache(&weights);
    auto score = [&](const StateView& v, int32_t* scores) {
      ScoreCached(v, atoms, tags, &cache, scores);
    };
    while (!beam.Done()) beam.Step<int32_t>(*this, atoms, tags, /*subject_rule=*/true, score);
    std::vector<int> actions;
    beam.Actions(0, &actions);
    for (int a : actions) Apply(&st, a);
  } else {
    GreedyParse(atoms, tags, &st);
  }
  for (int i = 0; i < n; ++i) {
    heads[i] = st.head(i) == n ? -1 : st.head(i);
    labels[i] = st.label(i) < 0 ? root_label : st.label(i);
  }
}

void Parser::GreedyParse(const TokenAtoms* atoms, const int* tags, ParseState* state) const {
  ParseState& st = *state;
  const int n = st.n();
  uint64_t feats[kMaxFeatures];
  std::vector<int32_t> scores(num_classes());
  while (!st.Terminal()) {
    if (const int forced = ForcedMove(st.stack_size(), st.buffer_front(), n); forced >= 0) {
      Apply(&st, forced);
      continue;
    }
    int k = Extract(st, atoms, tags, feats);
    std::fill(scores.begin(), scores.end(), 0);
    weights.Score(feats, k, scores.data());
    // Valid moves form three ranges: SHIFT, the LEFT labels, the RIGHT
    // labels. A head that already has a subject on its left takes no
    // second one on its right ("X said Tuesday that ...": Tuesday is not a
    // subject).
    int best = -1;
    int32_t best_score = std::numeric_limits<int32_t>::min();
    ForEachValid(st.stack_size(), st.buffer_front(), n, st.left_labels(st.S(1)),
                 /*subject_rule=*/true, [&](int c) {
                   if (best < 0 || scores[c] > best_score) {
                     best = c;
                     best_score = scores[c];
                   }
                 });
    if (best < 0) break;  // unreachable: some transition is always valid
    Apply(&st, best);
  }
}

}  // namespace storyline::syntax
