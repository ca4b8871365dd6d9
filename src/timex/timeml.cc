// TimeML reading and writing; see timeml.h.
#include "src/timex/timeml.h"

#include <algorithm>

namespace storyline::timex {
namespace {

// The value of attribute `key` in a tag's text, or "".
std::string Attr(std::string_view tag, std::string_view key) {
  size_t pos = 0;
  while ((pos = tag.find(key, pos)) != std::string_view::npos) {
    bool start_ok = pos > 0 && (tag[pos - 1] == ' ' || tag[pos - 1] == '\t' || tag[pos - 1] == '\n');
    size_t eq = pos + key.size();
    if (start_ok && eq + 1 < tag.size() && tag[eq] == '=' && (tag[eq + 1] == '"' || tag[eq + 1] == '\'')) {
      char q = tag[eq + 1];
      size_t end = tag.find(q, eq + 2);
      if (end == std::string_view::npos) return "";
      return std::string(tag.substr(eq + 2, end - eq - 2));
    }
    pos = eq;
  }
  return "";
}

struct Entity { std::string_view name; char c; };
constexpr Entity kEntities[] = {
    {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};

std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"') out += "&quot;";
    else if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else out += c;
  }
  return out;
}

}  // namespace

Result<TimemlDocument> ParseTimeml(std::string_view source, std::string name) {
  TimemlDocument doc;
  doc.name = std::move(name);
  doc.source = std::string(source);
  auto bad = [&](const std::string& why) {
    return Status::InvalidArgument(doc.name + ": " + why);
  };
  size_t open = source.find("<TEXT>");
  size_t close = source.find("</TEXT>");
  if (open == std::string_view::npos || close == std::string_view::npos || close < open)
    return bad("no <TEXT>...</TEXT>");
  doc.text_begin = open + 6;
  doc.text_end = close;

  // DCT: the TIMEX3 with functionInDocument="CREATION_TIME".
  size_t dct_pos = source.find("CREATION_TIME");
  if (dct_pos != std::string_view::npos) {
    size_t tag_begin = source.rfind('<', dct_pos);
    size_t tag_end = source.find('>', dct_pos);
    if (tag_begin != std::string_view::npos && tag_end != std::string_view::npos) {
      std::string_view tag = source.substr(tag_begin, tag_end - tag_begin);
      std::string value = Attr(tag, "value");
      doc.dct_tid = Attr(tag, "tid");
      if (value.size() >= 10) {
        Result<Date> d = Date::Parse(value.substr(0, 10));
        if (d.ok()) doc.dct = *d;
      }
    }
  }

  // Strip tags inside TEXT, recording gold TIMEX3 extents.
  std::string_view body = source.substr(doc.text_begin, doc.text_end - doc.text_begin);
  struct Open { size_t stripped_begin; std::string tag; };
  std::optional<Open> open_timex;
  struct RawGold { size_t b, e; std::string tag; };
  std::vector<RawGold> raw;
  for (size_t i = 0; i < body.size();) {
    if (body[i] != '<') {
      doc.stripped += body[i++];
      continue;
    }
    size_t e = body.find('>', i);
    if (e == std::string_view::npos) return bad("unterminated tag in <TEXT>");
    std::string_view tag = body.substr(i, e - i + 1);
    if (tag.substr(0, 7) == "<TIMEX3") {
      if (open_timex) return bad("nested TIMEX3");
      open_timex = Open{doc.stripped.size(), std::string(tag)};
    } else if (tag == "</TIMEX3>") {
      if (!open_timex) return bad("</TIMEX3> without <TIMEX3>");
      raw.push_back({open_timex->stripped_begin, doc.stripped.size(), open_timex->tag});
      open_timex.reset();
    }
    i = e + 1;
  }
  if (open_timex) return bad("unclosed TIMEX3");

  // Decode entities, keeping a map back into `stripped`.
  std::vector<uint32_t> from_stripped(doc.stripped.size() + 1, 0);
  for (size_t i = 0; i < doc.stripped.size();) {
    from_stripped[i] = static_cast<uint32_t>(doc.text.size());
    doc.to_stripped.push_back(static_cast<uint32_t>(i));
    bool decoded = false;
    if (doc.stripped[i] == '&') {
      for (const Entity& ent : kEntities) {
        if (std::string_view(doc.stripped).substr(i, ent.name.size()) == ent.name) {
          for (size_t k = 1; k < ent.name.size(); ++k)
            from_stripped[i + k] = static_cast<uint32_t>(doc.text.size());
          doc.text += ent.c;
          i += ent.name.size();
          decoded = true;
          break;
        }
      }
    }
    if (!decoded) doc.text += doc.stripped[i++];
  }
  from_stripped[doc.stripped.size()] = static_cast<uint32_t>(doc.text.size());
  doc.to_stripped.push_back(static_cast<uint32_t>(doc.stripped.size()));

  for (const RawGold& g : raw) {
    GoldTimex t;
    t.begin = from_stripped[g.b];
    t.end = from_stripped[g.e];
    t.tid = Attr(g.tag, "tid");
    t.type = Attr(g.tag, "type");
    t.value = Attr(g.tag, "value");
    t.mod = Attr(g.tag, "mod");
    doc.gold.push_back(std::move(t));
  }
  return doc;
}

std::string WriteTimeml(const TimemlDocument& doc, const std::vector<Timex>& timexes) {
  std::string out(doc.source.substr(0, doc.text_begin));
  size_t pos = 0;  // in stripped
  int id = 1;
  for (const Timex& t : timexes) {
    if (t.end > doc.text.size() || t.begin >= t.end) continue;
    size_t b = doc.to_stripped[t.begin], e = doc.to_stripped[t.end];
    if (b < pos) continue;
    out.append(doc.stripped, pos, b - pos);
    out += "<TIMEX3 tid=\"t" + std::to_string(1000 + id++) + "\" type=\"" +
           std::string(TypeName(t.type)) + "\" value=\"" + Escape(t.value) + "\"";
    if (!t.mod.empty()) out += " mod=\"" + Escape(t.mod) + "\"";
    if (!t.anchor.empty() && t.anchor != "none" && !doc.dct_tid.empty())
      out += " anchorTimeID=\"" + doc.dct_tid + "\"";
    out += ">";
    out.append(doc.stripped, b, e - b);
    out += "</TIMEX3>";
    pos = e;
  }
  out.append(doc.stripped, pos, std::string::npos);
  // Keep what follows </TEXT> except the event and link annotations, which
  // refer to EVENT tags this output no longer has.
  std::string_view tail = std::string_view(doc.source).substr(doc.text_end);
  while (!tail.empty()) {
    size_t nl = tail.find('\n');
    std::string_view line = tail.substr(0, nl == std::string_view::npos ? tail.size() : nl + 1);
    tail.remove_prefix(line.size());
    std::string_view trimmed = line.substr(std::min(line.find_first_not_of(" \t"), line.size()));
    if (trimmed.starts_with("<MAKEINSTANCE") || trimmed.starts_with("<TLINK") ||
        trimmed.starts_with("<SLINK") || trimmed.starts_with("<ALINK"))
      continue;
    out += line;
  }
  return out;
}

}  // namespace storyline::timex
