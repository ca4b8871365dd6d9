// Arc-hybrid parser; see parser.h. Template numbers are part of the
// feature set (features.h kFeatureSetId).
#include "src/syntax/parser.h"

#include <algorithm>
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

}  // namespace

int Parser::Extract(const StateView& st, const TokenAtoms* a, const int* tags,
                    uint64_t* out) {
  const int n = st.n;
  auto W = [&](int i) -> uint64_t {
    return i < 0 ? kNoWord : i == n ? kRootWord : a[i].word;
  };
  auto P = [&](int i) -> uint64_t {
    return i < 0 ? kNoTag : i == n ? kRootTag : static_cast<uint64_t>(tags[i]) + 1;
  };
  // Relations of the children (kNoLabel when there is none).
  auto LK = [](const NodeInfo* x, int j) -> uint64_t {
    return x->kid_label[j] < 0 ? kNoLabel : static_cast<uint64_t>(x->kid_label[j]) + 1;
  };
  const int s0 = st.s0, s1 = st.s1, s2 = st.s2;
  const int b0 = st.b0, b1 = st.b1, b2 = st.b2;
  const NodeInfo* s0i = st.s0i;
  const NodeInfo* s1i = st.s1i;
  const NodeInfo* b0i = st.b0i;
  const uint64_t s0w = W(s0), s0p = P(s0), s1w = W(s1), s1p = P(s1);
  const uint64_t b0w = W(b0), b0p = P(b0), b1w = W(b1), b1p = P(b1);
  const uint64_t b2w = W(b2), b2p = P(b2), s2p = P(s2);
  const int s0l = s0i->kid[0], s0r = s0i->kid[2], s0l2 = s0i->kid[1], s0r2 = s0i->kid[3];
  const int b0l = b0i->kid[0], b0l2 = b0i->kid[1];
  const int s1l = s1i->kid[0], s1r = s1i->kid[2], s1r2 = s1i->kid[3];
  const uint64_t Ls0l = LK(s0i, 0), Ls0l2 = LK(s0i, 1), Ls0r = LK(s0i, 2), Ls0r2 = LK(s0i, 3);
  const uint64_t Lb0l = LK(b0i, 0), Lb0l2 = LK(b0i, 1);
  const uint64_t Ls1l = LK(s1i, 0), Ls1r = LK(s1i, 2);
  const uint64_t s0lp = P(s0l), s0rp = P(s0r), b0lp = P(b0l), s1rp = P(s1r);
  uint64_t dist = 0, dist1 = 0;
  if (s0 >= 0 && b0 >= 0) dist = static_cast<uint64_t>(std::min(b0 - s0, 8)) + 1;
  if (s0 >= 0 && s1 >= 0) dist1 = static_cast<uint64_t>(std::min(s0 - s1, 8)) + 1;
  auto V = [](int count) { return static_cast<uint64_t>(count) + 1; };  // valency atom
  const uint64_t s0vl = V(s0i->nl), s0vr = V(s0i->nr), b0vl = V(b0i->nl), s1vr = V(s1i->nr);
  const uint64_t s0ls = s0i->lset + 1, s0rs = s0i->rset + 1;
  const uint64_t b0ls = b0i->lset + 1, s1rs = s1i->rset + 1;
  auto C = [&](int i) -> uint64_t {
    return i < 0 ? kNoWord : i == n ? kRootWord : a[i].cluster;
  };
  auto Q = [&](int i) -> uint64_t {
    return i < 0 ? kNoWord : i == n ? kRootWord : a[i].coarse;
  };
  const uint64_t s0c = C(s0), b0c = C(b0), s1c = C(s1), b1c = C(b1);
  int k = 0;
  // Unigrams.
  out[k++] = Feat(101, s0w);
  out[k++] = Feat(102, s0p);
  out[k++] = Feat(103, s0w, s0p);
  out[k++] = Feat(104, s1w);
  out[k++] = Feat(105, s1p);
  out[k++] = Feat(106, s1w, s1p);
  out[k++] = Feat(107, b0w);
  out[k++] = Feat(108, b0p);
  out[k++] = Feat(109, b0w, b0p);
  out[k++] = Feat(110, b1w);
  out[k++] = Feat(111, b1p);
  out[k++] = Feat(112, b1w, b1p);
  out[k++] = Feat(113, b2w);
  out[k++] = Feat(114, b2p);
  out[k++] = Feat(115, s2p);
  out[k++] = Feat(116, W(s2));
  // Pairs.
  out[k++] = Feat(120, s0w, s0p, b0w, b0p);
  out[k++] = Feat(121, s0w, s0p, b0w);
  out[k++] = Feat(122, s0w, b0w, b0p);
  out[k++] = Feat(123, s0w, s0p, b0p);
  out[k++] = Feat(124, s0p, b0w, b0p);
  out[k++] = Feat(125, s0w, b0w);
  out[k++] = Feat(126, s0p, b0p);
  out[k++] = Feat(127, b0p, b1p);
  out[k++] = Feat(128, s1p, s0p);
  out[k++] = Feat(129, s1w, s0w);
  out[k++] = Feat(130, s1w, s1p, s0p);
  out[k++] = Feat(131, s1p, s0w, s0p);
  out[k++] = Feat(132, s1p, b0p);
  out[k++] = Feat(133, s1w, b0w);
  out[k++] = Feat(134, b0w, b1w);
  out[k++] = Feat(135, b0w, b0p, b1p);
  // Triples of tags.
  out[k++] = Feat(140, b0p, b1p, b2p);
  out[k++] = Feat(141, s0p, b0p, b1p);
  out[k++] = Feat(142, s1p, s0p, b0p);
  out[k++] = Feat(143, s2p, s1p, s0p);
  out[k++] = Feat(144, s0p, s0lp, b0p);
  out[k++] = Feat(145, s0p, s0rp, b0p);
  out[k++] = Feat(146, s0p, b0p, b0lp);
  out[k++] = Feat(147, s1p, s1rp, s0p);
  out[k++] = Feat(148, s1p, s0p, s0lp);
  out[k++] = Feat(149, s1p, s0p, s0rp);
  // Distance.
  out[k++] = Feat(150, s0w, dist);
  out[k++] = Feat(151, s0p, dist);
  out[k++] = Feat(152, b0w, dist);
  out[k++] = Feat(153, b0p, dist);
  out[k++] = Feat(154, s0w, b0w, dist);
  out[k++] = Feat(155, s0p, b0p, dist);
  out[k++] = Feat(156, s1p, s0p, dist1);
  out[k++] = Feat(157, s1w, s0w, dist1);
  // Valency.
  out[k++] = Feat(160, s0w, s0vr);
  out[k++] = Feat(161, s0p, s0vr);
  out[k++] = Feat(162, s0w, s0vl);
  out[k++] = Feat(163, s0p, s0vl);
  out[k++] = Feat(164, b0w, b0vl);
  out[k++] = Feat(165, b0p, b0vl);
  out[k++] = Feat(166, s1p, s1vr);
  // Children.
  out[k++] = Feat(170, W(s0l));
  out[k++] = Feat(171, s0lp);
  out[k++] = Feat(172, Ls0l);
  out[k++] = Feat(173, W(s0r));
  out[k++] = Feat(174, s0rp);
  out[k++] = Feat(175, Ls0r);
  out[k++] = Feat(176, W(b0l));
  out[k++] = Feat(177, b0lp);
  out[k++] = Feat(178, Lb0l);
  out[k++] = Feat(179, W(s1r));
  out[k++] = Feat(180, s1rp);
  out[k++] = Feat(181, Ls1r);
  out[k++] = Feat(182, P(s1l), Ls1l);
  out[k++] = Feat(183, P(s0l2), Ls0l2);
  out[k++] = Feat(184, P(s0r2), Ls0r2);
  out[k++] = Feat(185, P(b0l2), Lb0l2);
  out[k++] = Feat(186, s0p, Ls0l, Ls0l2);
  out[k++] = Feat(187, s0p, Ls0r, Ls0r2);
  out[k++] = Feat(188, b0p, Lb0l, Lb0l2);
  out[k++] = Feat(189, s0p, s0lp, P(s0l2));
  out[k++] = Feat(190, s0p, s0rp, P(s0r2));
  out[k++] = Feat(191, b0p, b0lp, P(b0l2));
  out[k++] = Feat(192, s1p, s1rp, P(s1r2));
  out[k++] = Feat(193, s0w, Ls0l);
  out[k++] = Feat(194, b0w, Lb0l);
  // Label sets.
  out[k++] = Feat(200, s0w, s0rs);
  out[k++] = Feat(201, s0p, s0rs);
  out[k++] = Feat(202, s0w, s0ls);
  out[k++] = Feat(203, s0p, s0ls);
  out[k++] = Feat(204, b0w, b0ls);
  out[k++] = Feat(205, b0p, b0ls);
  out[k++] = Feat(206, s1p, s1rs);
  // Word clusters (Koo et al. 2008): back-off for rare words.
  out[k++] = Feat(210, s0c, s0p);
  out[k++] = Feat(211, b0c, b0p);
  out[k++] = Feat(212, s1c, s1p);
  out[k++] = Feat(213, b1c);
  out[k++] = Feat(214, s0c, b0c);
  out[k++] = Feat(215, s0c, b0p);
  out[k++] = Feat(216, s0p, b0c);
  out[k++] = Feat(217, s1c, s0c);
  out[k++] = Feat(218, Q(s0), Q(b0), dist);
  out[k++] = Feat(219, s0p, C(s0l), Ls0l);
  out[k++] = Feat(220, b0p, C(b0l), Lb0l);
  out[k++] = Feat(221, s0p, C(s0r), Ls0r);
  // Third-order words (Zhang & Nivre 2011) and the words between s0 and b0
  // next to them (commas, conjunctions and prepositions in between).
  out[k++] = Feat(230, W(s0l2));
  out[k++] = Feat(231, W(s0r2));
  out[k++] = Feat(232, W(b0l2));
  out[k++] = Feat(233, b2w, b2p);
  const int after_s0 = s0 >= 0 && b0 >= 0 && s0 + 1 < b0 ? s0 + 1 : -1;
  const int before_b0 = s0 >= 0 && b0 >= 0 && b0 - 1 > s0 ? b0 - 1 : -1;
  out[k++] = Feat(234, P(before_b0), s0p, b0p);
  out[k++] = Feat(235, P(after_s0), s0p, b0p);
  out[k++] = Feat(236, W(before_b0), b0p);
  // The same between s1 and s0 (RIGHT-ARC's pair).
  const int before_s0 = s0 >= 0 && s1 >= 0 && s0 - 1 > s1 ? s0 - 1 : -1;
  out[k++] = Feat(237, P(before_s0), s1p, s0p);
  out[k++] = Feat(238, W(before_s0), s0p);
  out[k++] = Feat(239, W(after_s0), s0p);
  return k;
}

namespace {

// Feature groups (Parser::FeatureGroups), one per feature of Extract in its
// order, by what a feature reads besides fixed token atoms. A token's own
// features and those of its children are apart: s0's children change with
// every arc it takes, s0 itself only with SHIFT and the arcs that pop it.
enum : uint8_t {
  kGS0,     // s0's word, tag, cluster
  kGS0L,    // s0 with its left children (fixed once it is shifted)
  kGS0R,    // s0 with its right children
  kGS1,     // s1's word, tag, cluster; s2
  kGS1C,    // s1 with its children
  kGB,      // the buffer's words b0..b2 (not b0's children)
  kGB0C,    // b0 with its left children
  kGS0B0,   // s0 and b0 together (and what lies between them)
  kGS0B0C,  // s0 and b0 with a child's tag
  kGS1S0,   // s1 and s0 together (s2 in the tag trigram)
  kGS1S0C,  // s1 and s0 with a child's tag
  kGS1B0,   // s1 and b0
};
constexpr uint8_t kFeatureGroup[] = {
    // Unigrams (101-116).
    kGS0, kGS0, kGS0, kGS1, kGS1, kGS1, kGB, kGB, kGB, kGB, kGB, kGB, kGB, kGB, kGS1, kGS1,
    // Pairs (120-135).
    kGS0B0, kGS0B0, kGS0B0, kGS0B0, kGS0B0, kGS0B0, kGS0B0, kGB, kGS1S0, kGS1S0, kGS1S0,
    kGS1S0, kGS1B0, kGS1B0, kGB, kGB,
    // Tag triples (140-149).
    kGB, kGS0B0, kGS1B0, kGS1S0, kGS0B0C, kGS0B0C, kGS0B0C, kGS1S0C, kGS1S0C, kGS1S0C,
    // Distance (150-157).
    kGS0B0, kGS0B0, kGS0B0, kGS0B0, kGS0B0, kGS0B0, kGS1S0, kGS1S0,
    // Valency (160-166).
    kGS0R, kGS0R, kGS0L, kGS0L, kGB0C, kGB0C, kGS1C,
    // Children (170-194).
    kGS0L, kGS0L, kGS0L, kGS0R, kGS0R, kGS0R, kGB0C, kGB0C, kGB0C, kGS1C, kGS1C, kGS1C, kGS1C,
    kGS0L, kGS0R, kGB0C, kGS0L, kGS0R, kGB0C, kGS0L, kGS0R, kGB0C, kGS1C, kGS0L, kGB0C,
    // Label sets (200-206).
    kGS0R, kGS0R, kGS0L, kGS0L, kGB0C, kGB0C, kGS1C,
    // Clusters (210-221).
    kGS0, kGB, kGS1, kGB, kGS0B0, kGS0B0, kGS0B0, kGS1S0, kGS0B0, kGS0L, kGB0C, kGS0R,
    // Third-order words and the words between (230-239).
    kGS0L, kGS0R, kGB0C, kGB, kGS0B0, kGS0B0, kGS0B0, kGS1S0, kGS1S0, kGS0B0,
};

}  // namespace

std::span<const uint8_t> Parser::FeatureGroups() { return kFeatureGroup; }

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
    ScoreCache cache(&weights, FeatureGroups());
    while (!beam.Done()) {
      beam.Step<int32_t>(*this, atoms, tags, /*subject_rule=*/true, cache);
    }
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
