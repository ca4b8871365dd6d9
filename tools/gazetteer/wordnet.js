// WordNet 3.0 proper nouns for the gazetteer (Debian `wordnet-base`,
// /usr/share/wordnet; WordNet licence, BSD-like: Princeton University).
// Every capitalised lemma of data.noun in a lexicographer file that names
// things gets a category by that file: noun.person instances (the `@i`
// instance-hypernym pointer: "Einstein", "Jesse Owens") are people,
// noun.location and noun.object places ("Bergamo", "Po"), noun.group
// organisations and peoples ("NATO", "Bundesbank"); capitalised nouns of
// noun.person that are not instances ("Democrat", "Parisian") and of the
// communication, event, artifact, act, time and cognition files
// ("Koran", "Tet", "Concorde") are "other". build_gazetteer.js calls
// addWordNet last, so these bits join existing phrases without changing
// their canonical names.
'use strict';
const fs = require('fs');
const path = require('path');

const kWnPerson = 1 << 12, kWnPlace = 1 << 13, kWnGroup = 1 << 14, kWnOther = 1 << 15;
// Lexicographer file number -> category (noun.person is decided per synset).
const kLexCategory = new Map([
  [15, kWnPlace], [17, kWnPlace], [14, kWnGroup],
  [10, kWnOther], [11, kWnOther], [6, kWnOther], [4, kWnOther], [28, kWnOther], [9, kWnOther],
]);
const kPersonFile = 18;

// Calls add(categories, phrase, canonical, extra) for each proper noun.
function addWordNet(add, dir) {
  const data = fs.readFileSync(path.join(dir || process.env.WORDNET_DIR || '/usr/share/wordnet',
                                         'data.noun'), 'latin1');
  for (const line of data.split('\n')) {
    if (!line || line.startsWith(' ')) continue;  // licence header
    const f = line.split(' ');
    const lexFile = parseInt(f[1], 10);
    if (lexFile !== kPersonFile && !kLexCategory.has(lexFile)) continue;
    const words = parseInt(f[3], 16);
    const pointersAt = 4 + 2 * words;
    const pointers = parseInt(f[pointersAt], 10);
    let instance = false;
    for (let k = 0; k < pointers; ++k) instance = instance || f[pointersAt + 1 + 4 * k] === '@i';
    const cats = lexFile === kPersonFile ? (instance ? kWnPerson : kWnOther) : kLexCategory.get(lexFile);
    for (let w = 0; w < words; ++w) {
      const phrase = f[4 + 2 * w].replace(/\(.*\)$/, '').replace(/_/g, ' ');
      if (/^[A-Z]/.test(phrase)) add(cats, phrase, phrase, '');
    }
  }
}

module.exports = {addWordNet};
