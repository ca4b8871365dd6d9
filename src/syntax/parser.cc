// Arc-hybrid parser; see parser.h. Template numbers are part of the
// feature set (features.h kFeatureSetId).
#include "src/syntax/parser.h"

#include <algorithm>
#include <limits>

namespace storyline::syntax {

void ParseState::Init(int n) {
  n_ = n;
  b_ = 0;
  stack_.clear();
  stack_.reserve(n + 1);
  head_.assign(n + 1, -1);
  label_.assign(n + 1, -1);
  l1_.assign(n + 1, -1);
  l2_.assign(n + 1, -1);
  r1_.assign(n + 1, -1);
  r2_.assign(n + 1, -1);
  nl_.assign(n + 1, 0);
  nr_.assign(n + 1, 0);
  lset_.assign(n + 1, 0);
  rset_.assign(n + 1, 0);
}

void ParseState::AddArc(int h, int d, int label) {
  head_[d] = h;
  label_[d] = label;
  const uint64_t bit = uint64_t{1} << (label & 63);
  if (d < h) {
    if (l1_[h] == -1 || d < l1_[h]) {
      l2_[h] = l1_[h];
      l1_[h] = d;
    } else if (l2_[h] == -1 || d < l2_[h]) {
      l2_[h] = d;
    }
    ++nl_[h];
    lset_[h] |= bit;
  } else {
    if (r1_[h] == -1 || d > r1_[h]) {
      r2_[h] = r1_[h];
      r1_[h] = d;
    } else if (r2_[h] == -1 || d > r2_[h]) {
      r2_[h] = d;
    }
    ++nr_[h];
    rset_[h] |= bit;
  }
}

namespace {

constexpr uint64_t kNoWord = 0x7A3B9C1D2E4F5061ULL;
constexpr uint64_t kRootWord = 0x1F2E3D4C5B6A7988ULL;
constexpr uint64_t kNoTag = 0xFFF0;
constexpr uint64_t kRootTag = 0xFFF1;
constexpr uint64_t kNoLabel = 0xFFF2;

}  // namespace

int Parser::Extract(const ParseState& st, const TokenAtoms* a, const int* tags,
                    uint64_t* out) {
  const int n = st.n();
  auto W = [&](int i) -> uint64_t {
    return i < 0 ? kNoWord : i == n ? kRootWord : a[i].word;
  };
  auto P = [&](int i) -> uint64_t {
    return i < 0 ? kNoTag : i == n ? kRootTag : static_cast<uint64_t>(tags[i]) + 1;
  };
  auto L = [&](int i) -> uint64_t {
    return (i < 0 || st.label(i) < 0) ? kNoLabel : static_cast<uint64_t>(st.label(i)) + 1;
  };
  const int s0 = st.S(0), s1 = st.S(1), s2 = st.S(2);
  const int b0 = st.B(0), b1 = st.B(1), b2 = st.B(2);
  const uint64_t s0w = W(s0), s0p = P(s0), s1w = W(s1), s1p = P(s1);
  const uint64_t b0w = W(b0), b0p = P(b0), b1w = W(b1), b1p = P(b1);
  const uint64_t b2w = W(b2), b2p = P(b2), s2p = P(s2);
  const int s0l = st.l1(s0), s0r = st.r1(s0), s0l2 = st.l2(s0), s0r2 = st.r2(s0);
  const int b0l = st.l1(b0), b0l2 = st.l2(b0);
  const int s1l = st.l1(s1), s1r = st.r1(s1), s1r2 = st.r2(s1);
  const uint64_t s0lp = P(s0l), s0rp = P(s0r), b0lp = P(b0l), s1rp = P(s1r);
  uint64_t dist = 0, dist1 = 0;
  if (s0 >= 0 && b0 >= 0) dist = static_cast<uint64_t>(std::min(b0 - s0, 8)) + 1;
  if (s0 >= 0 && s1 >= 0) dist1 = static_cast<uint64_t>(std::min(s0 - s1, 8)) + 1;
  const uint64_t s0vl = st.nleft(s0) + 1, s0vr = st.nright(s0) + 1;
  const uint64_t b0vl = st.nleft(b0) + 1, s1vr = st.nright(s1) + 1;
  const uint64_t s0ls = st.left_labels(s0) + 1, s0rs = st.right_labels(s0) + 1;
  const uint64_t b0ls = st.left_labels(b0) + 1, s1rs = st.right_labels(s1) + 1;
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
  out[k++] = Feat(172, L(s0l));
  out[k++] = Feat(173, W(s0r));
  out[k++] = Feat(174, s0rp);
  out[k++] = Feat(175, L(s0r));
  out[k++] = Feat(176, W(b0l));
  out[k++] = Feat(177, b0lp);
  out[k++] = Feat(178, L(b0l));
  out[k++] = Feat(179, W(s1r));
  out[k++] = Feat(180, s1rp);
  out[k++] = Feat(181, L(s1r));
  out[k++] = Feat(182, P(s1l), L(s1l));
  out[k++] = Feat(183, P(s0l2), L(s0l2));
  out[k++] = Feat(184, P(s0r2), L(s0r2));
  out[k++] = Feat(185, P(b0l2), L(b0l2));
  out[k++] = Feat(186, s0p, L(s0l), L(s0l2));
  out[k++] = Feat(187, s0p, L(s0r), L(s0r2));
  out[k++] = Feat(188, b0p, L(b0l), L(b0l2));
  out[k++] = Feat(189, s0p, s0lp, P(s0l2));
  out[k++] = Feat(190, s0p, s0rp, P(s0r2));
  out[k++] = Feat(191, b0p, b0lp, P(b0l2));
  out[k++] = Feat(192, s1p, s1rp, P(s1r2));
  out[k++] = Feat(193, s0w, L(s0l));
  out[k++] = Feat(194, b0w, L(b0l));
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
  out[k++] = Feat(219, s0p, C(s0l), L(s0l));
  out[k++] = Feat(220, b0p, C(b0l), L(b0l));
  out[k++] = Feat(221, s0p, C(s0r), L(s0r));
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

void Parser::Parse(const TokenAtoms* atoms, const int* tags, int n, int* heads,
                   int* labels) const {
  ParseState st;
  st.Init(n);
  uint64_t feats[kMaxFeatures];
  std::vector<int32_t> scores(num_classes());
  while (!st.Terminal()) {
    // Forced moves need no scores: SHIFT onto an empty stack, and the last
    // word's LEFT-ARC(root) to ROOT.
    if (st.stack_size() == 0) {
      st.Shift();
      continue;
    }
    if (st.buffer_front() == n && st.stack_size() == 1) {
      st.Left(root_label);
      continue;
    }
    int k = Extract(st, atoms, tags, feats);
    std::fill(scores.begin(), scores.end(), 0);
    weights.Score(feats, k, scores.data());
    // Valid moves form three ranges: SHIFT, the LEFT labels, the RIGHT labels.
    int best = -1;
    int32_t best_score = std::numeric_limits<int32_t>::min();
    auto consider = [&](int c) {
      if (best < 0 || scores[c] > best_score) {
        best = c;
        best_score = scores[c];
      }
    };
    // A head that already has a subject on its left takes no second one on
    // its right ("X said Tuesday that ...": Tuesday is not a subject).
    auto second_subject = [&](int head, int l) {
      return ((subject_mask >> l) & 1) != 0 && (st.left_labels(head) & subject_mask) != 0;
    };
    if (st.CanShift()) consider(0);
    if (st.CanLeft()) {
      if (st.buffer_front() == n) {
        consider(1 + root_label);
      } else {
        for (int l = 0; l < num_labels; ++l)
          if (l != root_label) consider(1 + l);
      }
    }
    if (st.CanRight()) {
      const int head = st.S(1);
      for (int l = 0; l < num_labels; ++l)
        if (l != root_label && !second_subject(head, l)) consider(1 + num_labels + l);
    }
    if (best < 0) break;  // unreachable: some transition is always valid
    Apply(&st, best);
  }
  for (int i = 0; i < n; ++i) {
    heads[i] = st.head(i) == n ? -1 : st.head(i);
    labels[i] = st.label(i) < 0 ? root_label : st.label(i);
  }
}

}  // namespace storyline::syntax
