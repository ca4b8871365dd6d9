// chrono-node peer for scripts/bench_timex.
//   node chrono_peer.js bench DOCS.json        -> {"words", "seconds", "words_per_sec"}
//   node chrono_peer.js tag FILE YYYY-MM-DD     -> [{"start","end","text","date"}]
const fs = require('fs');
const chrono = require('chrono-node');

function words(s) { return s.split(/\s+/).filter(Boolean).length; }
function iso(d) {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

const [mode, path, date] = process.argv.slice(2);
if (mode === 'bench') {
  const docs = JSON.parse(fs.readFileSync(path, 'utf8'));
  const ref = new Date(2005, 5, 1, 12);
  const total = docs.reduce((n, d) => n + words(d), 0);
  let rounds = 0, found = 0;
  // CPU time of this process, like Google Benchmark's default for ours.
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
  const t0 = cpu();
  let elapsed = 0;
  while (rounds < 1 || elapsed < 2.0) {
    for (const d of docs) found += chrono.parse(d, ref).length;
    rounds++;
    elapsed = cpu() - t0;
  }
  console.log(JSON.stringify({words: total * rounds, seconds: elapsed,
                              words_per_sec: total * rounds / elapsed, found: found / rounds}));
} else if (mode === 'tag') {
  const text = fs.readFileSync(path, 'utf8');
  const [y, m, d] = date.split('-').map(Number);
  const ref = new Date(y, m - 1, d, 12);
  const out = chrono.parse(text, ref).map((r) => ({
    start: r.index, end: r.index + r.text.length, text: r.text, date: iso(r.start.date())}));
  console.log(JSON.stringify(out));
} else {
  console.error('usage: chrono_peer.js bench DOCS.json | tag FILE YYYY-MM-DD');
  process.exit(2);
}
