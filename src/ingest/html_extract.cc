// HTML extraction on gumbo's tree. Every walk is iterative (an explicit
// stack), so a deeply nested page cannot overflow the call stack here.
// Choosing the main block is a much-simplified readability heuristic:
// <article>, then <main>, then the element whose own <p> children carry at
// least half of the page's paragraph text.
#include "src/ingest/html_extract.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include "src/ingest/reader.h"
#include "src/util/utf8.h"

namespace storyline::ingest {

namespace {

bool IsHtmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Collapses whitespace runs to one space and trims.
std::string CollapseSpace(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (IsHtmlSpace(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

const char* Attr(const GumboNode* node, const char* name) {
  if (node->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboAttribute* a =
      gumbo_get_attribute(&node->v.element.attributes, name);
  return a ? a->value : nullptr;
}

GumboTag Tag(const GumboNode* node) {
  return node->type == GUMBO_NODE_ELEMENT ? node->v.element.tag
                                          : GUMBO_TAG_UNKNOWN;
}

// Page chrome and non-text content: never part of the main text.
bool IsSkipped(const GumboNode* node) {
  if (node->type == GUMBO_NODE_TEMPLATE) return true;
  if (node->type != GUMBO_NODE_ELEMENT) return false;
  switch (node->v.element.tag) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_CANVAS: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_TITLE:
      return true;
    default:
      break;
  }
  if (Attr(node, "hidden")) return true;
  const char* aria = Attr(node, "aria-hidden");
  return aria && Lower(aria) == "true";
}

bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY: case GUMBO_TAG_BR: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIV: case GUMBO_TAG_DL:
    case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR:
    case GUMBO_TAG_HTML: case GUMBO_TAG_LEGEND: case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_OL: case GUMBO_TAG_P:
    case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR: case GUMBO_TAG_UL:
      return true;
    default:
      return false;
  }
}

const GumboVector* Children(const GumboNode* node) {
  if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE)
    return &node->v.element.children;
  if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
  return nullptr;
}

// Depth-first walk. `enter(node)` returns whether to descend; `leave(node)`
// runs after the children of a node that was descended into.
template <typename Enter, typename Leave>
void Walk(const GumboNode* root, Enter enter, Leave leave) {
  std::vector<std::pair<const GumboNode*, unsigned>> stack;
  if (!enter(root)) return;
  stack.emplace_back(root, 0);
  while (!stack.empty()) {
    auto& [node, next] = stack.back();
    const GumboVector* kids = Children(node);
    if (!kids || next >= kids->length) {
      const GumboNode* done = node;
      stack.pop_back();
      leave(done);
      continue;
    }
    const GumboNode* child = static_cast<const GumboNode*>(kids->data[next++]);
    if (enter(child)) stack.emplace_back(child, 0);
  }
}

// Text of the text-node children, for <title> and <script>.
std::string ChildText(const GumboNode* node) {
  std::string out;
  if (const GumboVector* kids = Children(node)) {
    for (unsigned i = 0; i < kids->length; ++i) {
      const GumboNode* k = static_cast<const GumboNode*>(kids->data[i]);
      if (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_WHITESPACE ||
          k->type == GUMBO_NODE_CDATA)
        out += k->v.text.text;
    }
  }
  return out;
}

// Appends text with collapsed whitespace and blank lines between blocks.
class TextBuilder {
 public:
  void Break() {
    if (!out_.empty()) pending_break_ = true;
    pending_space_ = false;
  }
  void Space() { pending_space_ = true; }
  void Append(std::string_view s, bool pre) {
    for (char c : s) {
      if (!pre && IsHtmlSpace(c)) {
        pending_space_ = true;
        continue;
      }
      if (pending_break_) {
        out_ += "\n\n";
      } else if (pending_space_ && !out_.empty()) {
        out_ += ' ';
      }
      pending_break_ = pending_space_ = false;
      out_ += c;
    }
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  bool pending_space_ = false;
  bool pending_break_ = false;
};

std::string ExtractText(const GumboNode* root) {
  TextBuilder b;
  int pre_depth = 0;
  Walk(
      root,
      [&](const GumboNode* n) {
        switch (n->type) {
          case GUMBO_NODE_TEXT:
          case GUMBO_NODE_CDATA:
            b.Append(n->v.text.text, pre_depth > 0);
            return false;
          case GUMBO_NODE_WHITESPACE:
            if (pre_depth > 0) b.Append(n->v.text.text, true);
            else b.Space();
            return false;
          case GUMBO_NODE_ELEMENT: {
            if (n != root && IsSkipped(n)) {
              b.Space();
              return false;
            }
            GumboTag t = n->v.element.tag;
            if (IsBlock(t)) b.Break();
            else if (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH) b.Space();
            if (t == GUMBO_TAG_PRE) ++pre_depth;
            return true;
          }
          case GUMBO_NODE_DOCUMENT:
            return true;
          default:
            return false;
        }
      },
      [&](const GumboNode* n) {
        if (n->type != GUMBO_NODE_ELEMENT) return;
        GumboTag t = n->v.element.tag;
        if (t == GUMBO_TAG_PRE) --pre_depth;
        if (IsBlock(t)) b.Break();
        else if (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH) b.Space();
      });
  return b.Take();
}

// Finds "datePublished" in JSON-LD (possibly inside "@graph" or arrays).
std::string JsonLdDate(const nlohmann::json& j, int depth) {
  if (depth > 8) return "";
  if (j.is_object()) {
    auto it = j.find("datePublished");
    if (it != j.end() && it->is_string()) return it->get<std::string>();
    for (const auto& [key, value] : j.items()) {
      if (!value.is_structured()) continue;
      std::string d = JsonLdDate(value, depth + 1);
      if (!d.empty()) return d;
    }
  } else if (j.is_array()) {
    for (const auto& value : j) {
      std::string d = JsonLdDate(value, depth + 1);
      if (!d.empty()) return d;
    }
  }
  return "";
}

// Gumbo 0.10 can emit invalid UTF-8 for numeric references past U+10FFFF
// ("&#x1F600F680;"); each bad byte becomes U+FFFD so text stays valid.
void SanitizeUtf8(std::string* s) {
  size_t bad = util::FindInvalidUtf8(*s);
  if (bad == std::string::npos) return;
  std::string out = s->substr(0, bad);
  std::string_view rest = std::string_view(*s).substr(bad);
  while (!rest.empty()) {
    out += "\xEF\xBF\xBD";
    rest.remove_prefix(1);
    size_t next = util::FindInvalidUtf8(rest);
    if (next == std::string_view::npos) next = rest.size();
    out.append(rest.substr(0, next));
    rest.remove_prefix(next);
  }
  *s = std::move(out);
}

// Everything collected in one pass over the page.
struct PageScan {
  std::unordered_map<std::string, std::string> meta;  // first value per key
  std::string title_tag, canonical, json_ld_date;
  std::string time_pubdate, time_in_article;
  std::vector<const GumboNode*> articles, mains;
  std::vector<const GumboNode*> elements;  // pre-order, not under skipped
};

void ScanPage(const GumboNode* root, PageScan* scan) {
  int skipped_depth = 0, article_depth = 0;
  Walk(
      root,
      [&](const GumboNode* n) {
        if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT &&
            n->type != GUMBO_NODE_TEMPLATE)
          return false;
        GumboTag t = Tag(n);
        if (t == GUMBO_TAG_META) {
          const char* key = Attr(n, "property");
          if (!key) key = Attr(n, "name");
          if (!key) key = Attr(n, "itemprop");
          const char* content = Attr(n, "content");
          if (key && content) scan->meta.emplace(Lower(key), content);
        } else if (t == GUMBO_TAG_TITLE && scan->title_tag.empty()) {
          scan->title_tag = CollapseSpace(ChildText(n));
        } else if (t == GUMBO_TAG_LINK && scan->canonical.empty()) {
          const char* rel = Attr(n, "rel");
          const char* href = Attr(n, "href");
          if (rel && href) {
            std::string r = " " + Lower(rel) + " ";
            for (char& c : r) if (IsHtmlSpace(c)) c = ' ';
            if (r.find(" canonical ") != std::string::npos)
              scan->canonical = CollapseSpace(href);
          }
        } else if (t == GUMBO_TAG_SCRIPT && scan->json_ld_date.empty()) {
          const char* type = Attr(n, "type");
          if (type && Lower(CollapseSpace(type)) == "application/ld+json") {
            try {
              scan->json_ld_date =
                  JsonLdDate(nlohmann::json::parse(ChildText(n)), 0);
            } catch (const nlohmann::json::exception&) {
              // Broken JSON-LD is common and only costs a date candidate.
            }
          }
        } else if (t == GUMBO_TAG_TIME) {
          const char* dt = Attr(n, "datetime");
          if (dt && Attr(n, "pubdate") && scan->time_pubdate.empty())
            scan->time_pubdate = dt;
          if (dt && article_depth > 0 && scan->time_in_article.empty())
            scan->time_in_article = dt;
        }
        bool skip = n->type != GUMBO_NODE_DOCUMENT && IsSkipped(n);
        if (skip) ++skipped_depth;
        if (skipped_depth == 0 && n->type == GUMBO_NODE_ELEMENT) {
          scan->elements.push_back(n);
          const char* role = Attr(n, "role");
          if (t == GUMBO_TAG_ARTICLE) scan->articles.push_back(n);
          if (t == GUMBO_TAG_MAIN || (role && Lower(role) == "main"))
            scan->mains.push_back(n);
        }
        if (t == GUMBO_TAG_ARTICLE) ++article_depth;
        // Descend into skipped elements too: <meta> and JSON-LD live in
        // <head>, and <time> may sit in an article's <header>.
        return true;
      },
      [&](const GumboNode* n) {
        if (n->type != GUMBO_NODE_DOCUMENT && IsSkipped(n)) --skipped_depth;
        if (Tag(n) == GUMBO_TAG_ARTICLE) --article_depth;
      });
}

// Picks the element whose text is the article's.
const GumboNode* ChooseRoot(const GumboNode* document, const PageScan& scan) {
  // Text bytes under each element (outside skipped ones), and the text of
  // each element's own <p> children, accumulated bottom-up in one pass.
  std::unordered_map<const GumboNode*, size_t> text_len, p_len;
  for (auto it = scan.elements.rbegin(); it != scan.elements.rend(); ++it) {
    const GumboNode* n = *it;
    size_t len = text_len[n];
    const GumboVector* kids = Children(n);
    for (unsigned i = 0; kids && i < kids->length; ++i) {
      const GumboNode* k = static_cast<const GumboNode*>(kids->data[i]);
      if (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_CDATA)
        len += std::string_view(k->v.text.text).size();
    }
    text_len[n] = len;
    if (n->parent && n->parent->type == GUMBO_NODE_ELEMENT) {
      text_len[n->parent] += len;
      if (Tag(n) == GUMBO_TAG_P) p_len[n->parent] += len;
    }
  }
  auto largest = [&](const std::vector<const GumboNode*>& nodes) {
    const GumboNode* best = nullptr;
    size_t best_len = 0;
    for (const GumboNode* n : nodes) {
      size_t len = text_len[n];
      if (len > best_len) {
        best = n;
        best_len = len;
      }
    }
    return best;
  };
  if (const GumboNode* a = largest(scan.articles)) return a;
  if (const GumboNode* m = largest(scan.mains)) return m;
  size_t total_p = 0, best_p = 0;
  const GumboNode* best = nullptr;
  for (const GumboNode* n : scan.elements) {  // pre-order: ties go up-page
    auto it = p_len.find(n);
    if (it == p_len.end()) continue;
    total_p += it->second;
    if (it->second > best_p) {
      best = n;
      best_p = it->second;
    }
  }
  if (best && best_p * 2 >= total_p) return best;
  return document;
}

}  // namespace

HtmlArticle ExtractHtml(std::string_view html) {
  HtmlArticle out;
  GumboOutput* parsed = gumbo_parse_with_options(
      &kGumboDefaultOptions, html.data(), html.size());
  if (!parsed) return out;
  PageScan scan;
  ScanPage(parsed->document, &scan);
  out.text = ExtractText(ChooseRoot(parsed->document, scan));
  gumbo_destroy_output(&kGumboDefaultOptions, parsed);

  auto meta = [&](const char* key) -> std::string {
    auto it = scan.meta.find(key);
    return it == scan.meta.end() ? "" : CollapseSpace(it->second);
  };
  out.title = meta("og:title");
  if (out.title.empty()) out.title = meta("twitter:title");
  if (out.title.empty()) out.title = scan.title_tag;
  out.url = meta("og:url");
  if (out.url.empty()) out.url = scan.canonical;
  out.site_name = meta("og:site_name");
  for (std::string* field : {&out.text, &out.title, &out.url, &out.site_name})
    SanitizeUtf8(field);

  // Publication-date candidates, most specific first.
  std::array<std::pair<const char*, std::string>, 11> dates = {{
      {"<meta article:published_time>", meta("article:published_time")},
      {"<meta og:published_time>", meta("og:published_time")},
      {"<meta datePublished>", meta("datepublished")},
      {"JSON-LD datePublished", CollapseSpace(scan.json_ld_date)},
      {"<meta date>", meta("date")},
      {"<meta pubdate>", meta("pubdate")},
      {"<meta DC.date.issued>", meta("dc.date.issued")},
      {"<meta dcterms.issued>", meta("dcterms.issued")},
      {"<meta DC.date>", meta("dc.date")},
      {"<time pubdate>", CollapseSpace(scan.time_pubdate)},
      {"<time> in <article>", CollapseSpace(scan.time_in_article)},
  }};
  for (auto& [where, value] : dates) {
    if (value.empty()) continue;
    SanitizeUtf8(&value);
    if (std::optional<Date> d = ParseIsoDay(value)) {
      out.date = d;
      break;
    }
    out.warnings.push_back(std::string("unparsable date in ") + where + " '" +
                           Excerpt(value, 40) + "'");
  }
  return out;
}

}  // namespace storyline::ingest
