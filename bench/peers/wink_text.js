// wink-nlp peer for scripts/bench_text: sentence splitting + tokenisation of
// the same articles text_bench reads (bbc.jsonl "text", reuters21578.jsonl
// "body"), with the cheapest pipeline wink allows for that: ['sbd'] (the
// tokeniser always runs; sbd adds sentence boundaries, no POS/NER/negation).
// Prints one line: key=value pairs, including words_per_s (words = tokens).
'use strict';
const fs = require('fs');
const path = require('path');
const winkNLP = require('wink-nlp');
const model = require('wink-eng-lite-web-model');

const root = process.env.STORYLINE_CORPUS_DIR || path.join(__dirname, '../../../shared/corpus');
const sources = [['bbc/bbc.jsonl', 'text'], ['reuters21578/reuters21578.jsonl', 'body']];
const texts = [];
for (const [file, field] of sources) {
  for (const line of fs.readFileSync(path.join(root, file), 'utf8').split('\n')) {
    if (!line) continue;
    const v = JSON.parse(line)[field];
    if (typeof v === 'string') texts.push(v);
  }
}
const nlp = winkNLP(model, ['sbd']);
const minSeconds = Number(process.env.MIN_SECONDS || 5);

function pass() {
  let tokens = 0, sentences = 0;
  for (const t of texts) {
    const doc = nlp.readDoc(t);
    sentences += doc.sentences().length();
    tokens += doc.tokens().length();
  }
  return [tokens, sentences];
}

pass();  // warm-up (JIT)
let bytes = 0;
for (const t of texts) bytes += Buffer.byteLength(t, 'utf8');
let passes = 0, tokens = 0, sentences = 0;
const start = process.hrtime.bigint();
let seconds = 0;
do {
  const [tk, se] = pass();
  tokens += tk;
  sentences += se;
  ++passes;
  seconds = Number(process.hrtime.bigint() - start) / 1e9;
} while (seconds < minSeconds);
console.log(`peer=wink-nlp docs=${texts.length} passes=${passes} bytes_per_pass=${bytes} ` +
            `tokens_per_pass=${tokens / passes} sentences_per_pass=${sentences / passes} ` +
            `seconds=${seconds.toFixed(2)} MB_per_s=${(bytes * passes / seconds / 1e6).toFixed(2)} ` +
            `words_per_s=${Math.round(tokens / seconds)}`);
