#!/usr/bin/env node
// Entity-extraction throughput of the npm peers on the same text as
// bench/entities_bench.cc: the first N articles' "text" of
// ../shared/corpus/bbc/bbc.jsonl. Words = whitespace-separated tokens, the
// same count the C++ bench uses. One warm-up pass, then timed passes; prints
// one JSON line per peer. Run pinned to one core: taskset -c 0 node bench.js
'use strict';
const fs = require('fs');
const path = require('path');

const corpus = process.env.STORYLINE_CORPUS ||
    path.join(__dirname, '../../../../shared/corpus');
const n = Number(process.argv[2] || 200);
const lines = fs.readFileSync(path.join(corpus, 'bbc/bbc.jsonl'), 'utf8').split('\n');
const texts = [];
for (const l of lines) {
  if (!l) continue;
  texts.push(JSON.parse(l).text);
  if (texts.length >= n) break;
}
const words = texts.reduce((s, t) => s + t.split(/\s+/).filter(Boolean).length, 0);

function time(name, version, fn) {
  let found = 0;
  for (const t of texts.slice(0, 20)) found += fn(t);  // warm-up
  const passes = Number(process.env.PASSES || 1);
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  found = 0;
  for (let p = 0; p < passes; ++p) for (const t of texts) found += fn(t);
  const sec = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  // Rates per CPU second (the machine is shared; wall time is also given).
  console.log(JSON.stringify({peer: name, version, articles: texts.length, words: words * passes,
                              cpu_seconds: cpu, wall_seconds: sec,
                              words_per_second: words * passes / cpu, entities: found / passes}));
}

const pkgVersion = p => JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules', p, 'package.json'))).version;

const nlp = require('compromise');
time('compromise', pkgVersion('compromise'), t => {
  const d = nlp(t);
  return d.people().length + d.places().length + d.organizations().length;
});

const winkNLP = require('wink-nlp');
const model = require('wink-eng-lite-web-model');
const wink = winkNLP(model);
time('wink-nlp', pkgVersion('wink-nlp') + ' + wink-eng-lite-web-model ' + pkgVersion('wink-eng-lite-web-model'),
     t => wink.readDoc(t).entities().out().length);
