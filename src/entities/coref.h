// Within-article coreference and type refinement for the entities stage.
//
// Runs after the tagger over one article's mentions:
//   1. Refinement from the gazetteer: LOC -> country / city / region, MISC
//      -> nationality; a nationality directly followed by an organisation
//      ending in an organisation word becomes one ORG ("South Korean Defence
//      Ministry").
//   2. Titles and roles: a curated title before a person ("Russian President
//      Vladimir Putin" -> "President of Russia"), an apposition after it
//      ("Jeon Ha-gyu, a spokesman for the South Korean Defence Ministry,").
//      Gendered titles set the gender.
//   3. Names: a later single-token person mention joins the earlier person
//      whose name contains it ("Putin", "Kim", "Umerov"); organisations and
//      places join by equal normalised name or acronym ("ISW").
//   4. Pronouns (he/she/him/his/her/hers): the most recent compatible person,
//      in the same sentence before the pronoun or up to two sentences back,
//      preferring subjects (the syntax stage's nsubj when present, otherwise
//      the first person of the sentence); gender comes from titles and from
//      pronouns already resolved (Lappin & Leass 1994, simplified).
//   5. Metonyms: a capital used other than as a location ("Pyongyang sent
//      troops") keeps its city entity and records the country it stands for.
#ifndef STORYLINE_SRC_ENTITIES_COREF_H_
#define STORYLINE_SRC_ENTITIES_COREF_H_

#include <vector>

#include "storyline/entities.h"

namespace storyline::entities {

// `spans[s]` are the tagger's spans of sentence s. Fills `out`.
void BuildArticleEntities(const std::vector<SentenceInput>& sentences,
                          const std::vector<std::vector<TaggedSpan>>& spans,
                          const Gazetteer* gazetteer, ArticleEntities* out);

}  // namespace storyline::entities

#endif  // STORYLINE_SRC_ENTITIES_COREF_H_
