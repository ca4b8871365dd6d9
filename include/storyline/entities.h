// The entities stage: who and where, with one canonical name per real-world
// entity across spellings, titles, pronouns and articles.
//
//   SL_ASSIGN_OR_RETURN(auto rec, entities::Recognizer::Load("models/entities"));
//   std::vector<entities::SentenceInput> sents = ...;  // from the text layer
//   entities::ArticleEntities a = rec->Analyze(sents);
//   for (const entities::Mention& m : a.mentions)
//     Use(m.begin, m.end, m.type, a.entities[m.entity].name);
//   entities::Linker linker;                 // across articles
//   linker.Add("article-1", a);
//   for (const entities::CanonicalEntity& e : linker.Entities()) Print(e);
//
// Four layers, each usable alone:
//   * Tagger: an averaged-perceptron NER tagger (CoNLL types PER, ORG, LOC,
//     MISC; BILOU internally, greedy constrained decoding) over hashed
//     features: word shape, affixes, context window, word clusters trained by
//     the project on ../shared/corpus, gazetteer hits and document-level
//     prediction history (Ratinov & Roth 2009). The model stores only hashed
//     weights, never text from its training data.
//   * Gazetteer: countries, capitals, demonyms, cities and regions built from
//     packaged data by tools/gazetteer/build_gazetteer.js, plus curated titles
//     and WordNet's proper nouns (tagger features only).
//   * Recognizer::Analyze: tagging + type refinement (LOC -> country/city/
//     region, MISC -> nationality) + within-article coreference (surnames,
//     titles, pronouns, appositive roles, metonyms).
//   * Linker: cross-article canonical entities by normalised (transliteration-
//     folded) keys plus context (type, role, co-occurring entities).
//
// Inputs are plain: sentences of token forms with byte offsets and, when the
// syntax stage has run, optional UPOS tags / heads / relations.
// Thread-safety: a loaded Tagger, Gazetteer or Recognizer is immutable and
// safe to share between threads; a Linker is not thread-safe.
#ifndef STORYLINE_ENTITIES_H_
#define STORYLINE_ENTITIES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/span.h"
#include "storyline/status.h"
#include "storyline/text.h"

namespace storyline::entities {

// ---------------------------------------------------------------- inputs --

struct TokenInput {
  std::string form;          // the token as written (normalised text)
  uint32_t begin = 0;        // byte offsets into the article text
  uint32_t end = 0;
  std::string upos;          // optional (syntax stage): "PROPN", "PRON", ...
  int head = -1;             // optional: index of the head in the sentence, -1 root/unknown
  std::string deprel;        // optional: "nsubj", "appos", ...
};

struct SentenceInput {
  std::vector<TokenInput> tokens;
  bool caption = false;      // photo caption / credit (text layer)
};

// Splits `text` into sentences and tokens with a simple rule tokeniser
// (punctuation, 's and n't split off; sentences end at . ! ? or newlines).
// A stand-in until the text layer is wired in; used by tests and the CLI.
std::vector<SentenceInput> SimpleTokenize(std::string_view text);

// Converts the text layer's analysis (normalised token forms, source byte
// offsets, caption flags) into the entities stage's input. Header-only use
// of text.h: no link dependency on the text stage.
std::vector<SentenceInput> SentencesFromText(const text::Analysis& analysis,
                                             const NormalizedText& norm);

// ---------------------------------------------------------------- tagger --

enum class EntityType : uint8_t { kPer = 0, kOrg, kLoc, kMisc };
inline constexpr int kNumEntityTypes = 4;
std::string_view EntityTypeName(EntityType t);  // "PER", "ORG", "LOC", "MISC"

// A predicted entity span inside one sentence: tokens [first, last).
struct TaggedSpan {
  uint32_t first = 0, last = 0;
  EntityType type = EntityType::kPer;
};

class Gazetteer;
class Model;

// The statistical tagger. Load() reads a model written by the trainer
// (storyline_entities_train); errors: NotFound, Corruption (bad magic, CRC,
// truncated), InvalidArgument (a model of another format version).
class Tagger {
 public:
  struct Options {
    // Document-level prediction history (Ratinov & Roth 2009): earlier labels
    // of the same token in the document become features.
    bool use_history = true;
    // Hypotheses kept per sentence; 1 = greedy. The dynamic features depend
    // only on the two previous labels inside a sentence, so a beam is exact
    // over them.
    int beam_size = 1;
    // A document mostly written in capitals (a shouting feed; a capitalised
    // headline alone does not count) is truecased before tagging: each word
    // takes the casing the cluster vocabulary knows it in (lowercase if
    // known, else Title case), so "VLADIMIR PUTIN MET" reads "Vladimir Putin
    // met".
    bool truecase_caps = true;
  };

  // `gazetteer` may be null (features from it are then absent); it must
  // outlive the tagger. The model records the gazetteer checksum it was
  // trained with; a different gazetteer is an InvalidArgument error.
  static Result<std::unique_ptr<Tagger>> Load(const std::string& path,
                                              const Gazetteer* gazetteer);
  ~Tagger();

  // Tags one document (history features flow from sentence to sentence).
  // `sentences[s][t]` is the token form. Returns spans per sentence.
  std::vector<std::vector<TaggedSpan>> TagDocument(
      const std::vector<std::vector<std::string_view>>& sentences) const;
  // Same, but returns one IOB2 tag per token ("B-PER", "I-PER", "O").
  std::vector<std::vector<std::string>> TagDocumentIob(
      const std::vector<std::vector<std::string_view>>& sentences) const;

  size_t num_weights() const;
  const Options& options() const { return options_; }
  void set_options(const Options& o) { options_ = o; }

 private:
  Tagger() = default;
  std::unique_ptr<Model> model_;
  const Gazetteer* gazetteer_ = nullptr;
  Options options_;
};

// ------------------------------------------------------------- gazetteer --

// Categories of gazetteer entries (bit flags: one phrase can be several).
enum GazCategory : uint16_t {
  kGazCountry = 1 << 0,      // official or common country name
  kGazCountryAlt = 1 << 1,   // alternate spelling / ISO name / native name
  kGazCapital = 1 << 2,
  kGazDemonym = 1 << 3,      // "Ukrainian", "North Korean"
  kGazCityBig = 1 << 4,      // population >= 100,000
  kGazCity = 1 << 5,         // population >= 15,000
  kGazRegion = 1 << 6,       // ISO 3166-2 subdivision
  kGazTitle = 1 << 7,        // curated: "President", "Foreign Minister"
  kGazOrgWord = 1 << 8,      // curated: "Ministry", "Council", "Institute"
  kGazPersonWord = 1 << 9,   // curated: "spokesman", "leader" (roles, lowercase)
  kGazMiscWord = 1 << 10,    // curated: "Treaty", "Pact", "War" (names of laws, events)
  kGazNotEntity = 1 << 11,   // curated: acronyms that name no entity ("GDP", "CEO")
  // WordNet 3.0 proper nouns (tools/gazetteer/wordnet.js), tagger features
  // only: the article analysis and the linker ignore phrases known only here.
  kGazWnPerson = 1 << 12,    // noun.person instances ("Einstein")
  kGazWnPlace = 1 << 13,     // noun.location / noun.object ("Bergamo", "Po")
  kGazWnGroup = 1 << 14,     // noun.group ("NATO", "Bundesbank")
  kGazWnOther = 1 << 15,     // other capitalised nouns ("Democrat", "Koran")
  kGazWordNet = kGazWnPerson | kGazWnPlace | kGazWnGroup | kGazWnOther,
};

struct GazEntry {
  uint16_t categories = 0;
  // Canonical name for places/demonyms ("Ukraine" for "Ukrainian",
  // "Kyiv" for "Kiev" when the data lists it as an alternate name).
  std::string canonical;
  std::string country;       // ISO alpha-2 of the country it belongs to, if any
};

// A read-only phrase dictionary keyed by lowercased, space-joined tokens.
class Gazetteer {
 public:
  // Reads the zlib-compressed TSV written by tools/gazetteer. Errors:
  // NotFound, Corruption, InvalidArgument (unknown format version).
  static Result<std::unique_ptr<Gazetteer>> Load(const std::string& path);
  // Builds from TSV text ("category<TAB>phrase<TAB>canonical<TAB>country"
  // lines); used by tests.
  static Result<std::unique_ptr<Gazetteer>> FromTsv(std::string_view tsv);
  ~Gazetteer();

  // The entry for `phrase` (any case), or nullptr.
  const GazEntry* Find(std::string_view phrase) const;
  // Longest-match lookup over tokens[i..]: returns the match length (0 when
  // none) and the entry; phrases are at most kMaxPhraseTokens tokens.
  static constexpr int kMaxPhraseTokens = 5;
  int LongestMatch(const std::vector<std::string_view>& tokens, size_t i,
                   const GazEntry** entry) const;
  // A country, capital or big city whose NameKey equals that of `name`: the
  // transliteration variant of a known place ("Kiev" -> the entry of "Kyiv").
  const GazEntry* FindPlaceByNameKey(std::string_view name) const;
  // The common name of the country with ISO alpha-2 `code` ("" if unknown).
  std::string_view CountryName(std::string_view code) const;
  uint64_t checksum() const { return checksum_; }
  size_t size() const;

 private:
  Gazetteer();
  struct Impl;
  std::unique_ptr<Impl> impl_;
  uint64_t checksum_ = 0;
};

// ------------------------------------------------------- article analysis --

struct Mention {
  uint32_t sentence = 0;
  uint32_t first_token = 0, last_token = 0;  // [first, last) in the sentence
  uint32_t begin = 0, end = 0;               // bytes into the article text
  std::string text;
  std::string type;       // "PER", "ORG", "LOC", "MISC"
  std::string subtype;    // "country", "city", "region", "nationality", ""
  bool pronoun = false;   // "he", "she", "his", "her" resolved to a person
  bool nominal = false;   // a surname-only or title mention resolved by coref
  std::string metonym_of; // "Pyongyang" standing for North Korea's government: "North Korea"
  int entity = -1;        // index into ArticleEntities::entities
};

struct ArticleEntity {
  std::string name;                  // the longest proper name seen
  std::string type;                  // "PER", "ORG", "LOC", "MISC"
  std::string subtype;
  std::string gender;                // "m", "f" or "" (from titles, pronouns)
  std::vector<std::string> aliases;  // other surface forms (not pronouns)
  std::vector<std::string> roles;    // "President of Russia", "spokesman for ..."
  std::vector<int> mentions;         // indices into ArticleEntities::mentions
};

struct ArticleEntities {
  std::vector<Mention> mentions;     // sorted by position
  std::vector<ArticleEntity> entities;
};

// The "entities" layer for the store and `show`: one span per mention,
// label = type, attrs: "entity" (article entity name), "subtype", "pronoun",
// "metonym_of", "role" (first role of the entity) and, when `canonical_ids`
// (from Linker::Add) is given, "canonical" (the id).
Layer ToLayer(const ArticleEntities& a, const std::vector<int>* canonical_ids = nullptr);

// Tagger + gazetteer + coreference. Load() expects `dir` to hold ner.model
// and gazetteer.bin (models/entities/).
class Recognizer {
 public:
  static Result<std::unique_ptr<Recognizer>> Load(const std::string& dir);
  // Takes ownership of both; `gazetteer` may be null.
  Recognizer(std::unique_ptr<Gazetteer> gazetteer, std::unique_ptr<Tagger> tagger);
  ~Recognizer();

  ArticleEntities Analyze(const std::vector<SentenceInput>& sentences) const;

  const Tagger& tagger() const { return *tagger_; }
  const Gazetteer* gazetteer() const { return gazetteer_.get(); }

 private:
  std::unique_ptr<Gazetteer> gazetteer_;
  std::unique_ptr<Tagger> tagger_;
};

// --------------------------------------------------------- across articles --

// Folds a name to a key that survives transliteration variants: diacritics
// stripped, lowercased, doubled letters collapsed, final -iy/-yy/-y unified,
// "ie"/"yi"/"y"/"i" folded, "oe"/"oi" folded ("Zelenskyy" == "Zelensky" ==
// "Zelenskiy", "Kyiv" == "Kiev", "Choe" == "Choi").
std::string NameKey(std::string_view name);

struct CanonicalEntity {
  int id = 0;
  std::string name;                   // the first full proper name seen
  std::string type;                   // majority type
  std::string subtype;
  std::vector<std::string> aliases;   // every other surface form, sorted
  std::vector<std::string> roles;
  std::vector<std::string> articles;  // article ids it occurs in
  int mention_count = 0;
};

// Merges article entities into canonical entities: same type and equal
// NameKey of the full name (or of the surname when the first names agree
// or one side has none), gazetteer canonical names for places, checked
// against context (roles, co-occurring entities). Places, organisations and
// MISC with an equal key are one entity whatever their type in each article
// (the tagger may call a river ORG in one report and LOC in the next); its
// type is the one most of its mentions have. A person never merges with a
// non-person. Candidates come from hash indexes over name keys, surnames and
// "<head> of <country>" heads, so adding an article costs time in its own
// entities, not in the number of entities seen so far. Not thread-safe.
//
// The state persists: State(id) is one entity's linking state as a JSON
// object (subtype, aliases, roles, co-occurring keys, mentions by type), and
// Restore() feeds it back, in id order, into a fresh Linker (the store keeps
// it between ingest runs).
class Linker {
 public:
  explicit Linker(const Gazetteer* gazetteer = nullptr);
  ~Linker();
  Linker(Linker&&) noexcept;
  Linker& operator=(Linker&&) noexcept;

  // Adds one article's entities; returns the canonical id of each
  // ArticleEntity (same order). Adding the same article again changes no
  // name, alias or role, but counts its mentions again.
  std::vector<int> Add(const std::string& article_id, const ArticleEntities& a);
  const std::vector<CanonicalEntity>& Entities() const { return entities_; }

  std::string State(int id) const;
  // Appends entity `id` (which must equal Entities().size()) with `name`,
  // `type` and a State() string. Corruption on a bad state or id.
  Status Restore(int id, std::string_view name, std::string_view type, std::string_view state);

 private:
  struct Index;
  int FindMatch(const ArticleEntity& e, const std::vector<std::string>& context,
                const std::vector<uint64_t>& context_hashes) const;
  void AddName(int id, const std::string& name);
  // NameKey of the gazetteer's name for place `name`, or "".
  std::string PlaceKey(const std::string& name) const;
  const Gazetteer* gazetteer_;
  std::vector<CanonicalEntity> entities_;
  std::unique_ptr<Index> index_;
};

// A CanonicalEntity from the store's row: id, name, type and State().
// Corruption on a bad state. `articles` and `mention_count` are left empty.
Result<CanonicalEntity> DecodeCanonicalEntity(int id, std::string_view name, std::string_view type,
                                              std::string_view state);

// ------------------------------------------------------------------ CoNLL --

// A CoNLL-2003-style file: whitespace-separated columns, blank lines between
// sentences, -DOCSTART- lines between documents.
struct ConllToken {
  std::vector<std::string> columns;
};
struct ConllSentence {
  std::vector<ConllToken> tokens;
  std::vector<std::string> lines;  // the original lines, for `ner --conll`
  size_t first_line = 0;           // 1-based line number of the first token
};
struct ConllDocument {
  std::string docstart;  // the -DOCSTART- line that opened it, or ""
  std::vector<ConllSentence> sentences;
};
struct ConllCorpus {
  std::vector<ConllDocument> documents;
  size_t num_tokens = 0;
};

// Parses CoNLL text. Errors (InvalidArgument, naming `name:line`): a token
// line with fewer than `min_columns` columns, a line over 64 KiB, invalid
// UTF-8.
Result<ConllCorpus> ParseConll(std::string_view text, std::string_view name,
                               size_t min_columns = 2);
Result<ConllCorpus> ReadConllFile(const std::string& path, size_t min_columns = 2);

// conlleval-compatible chunk scoring (exact span + type; IOB1, IOB2, BIOES).
struct TypeScore {
  std::string type;
  int gold = 0, predicted = 0, correct = 0;
  double precision() const { return predicted ? double(correct) / predicted : 0; }
  double recall() const { return gold ? double(correct) / gold : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};
struct NerScore {
  TypeScore micro;                 // type "ALL"
  std::vector<TypeScore> by_type;  // sorted by type name
  int tokens = 0, correct_tags = 0;
};

// Adds one sentence (gold and predicted tag sequences of equal length).
class NerScorer {
 public:
  void AddSentence(const std::vector<std::string>& gold,
                   const std::vector<std::string>& predicted);
  NerScore Score() const;
  // conlleval-style report; the last line is "ner F1: 0.XXXX".
  std::string Report() const;

 private:
  std::vector<TypeScore> types_;
  int tokens_ = 0, correct_tags_ = 0;
  TypeScore& Type(const std::string& t);
};

// Chunks of a tag sequence following conlleval's start/end rules.
struct Chunk {
  int first = 0, last = 0;  // [first, last)
  std::string type;
};
std::vector<Chunk> ExtractChunks(const std::vector<std::string>& tags);

}  // namespace storyline::entities

#endif  // STORYLINE_ENTITIES_H_
