#!/usr/bin/python3
"""dateparser peer for scripts/bench_timex (Debian python3-dateparser).

  /usr/bin/python3 dateparser_peer.py bench DOCS.json   -> {"words", "seconds", "words_per_sec"}
  /usr/bin/python3 dateparser_peer.py tag FILE YYYY-MM-DD -> [{"start","end","text","date"}]
"""
import datetime
import json
import sys
import time
import warnings

warnings.filterwarnings("ignore")
from dateparser.search import search_dates  # noqa: E402


def settings(ref):
    return {"RELATIVE_BASE": ref, "PREFER_DATES_FROM": "current_period"}


def main():
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "bench":
        docs = json.load(open(path, encoding="utf-8"))
        ref = datetime.datetime(2005, 6, 1, 12)
        words = sum(len(d.split()) for d in docs)
        found = 0
        t0 = time.process_time()  # CPU time, like ours
        for d in docs:
            found += len(search_dates(d, languages=["en"], settings=settings(ref)) or [])
        secs = time.process_time() - t0
        print(json.dumps({"words": words, "seconds": secs, "words_per_sec": words / secs,
                          "found": found}))
    elif mode == "tag":
        text = open(path, encoding="utf-8").read()
        ref = datetime.datetime.strptime(sys.argv[3], "%Y-%m-%d").replace(hour=12)
        out, pos = [], 0
        for frag, dt in search_dates(text, languages=["en"], settings=settings(ref)) or []:
            start = text.find(frag, pos)
            if start < 0:
                start = text.find(frag)
            if start >= 0:
                pos = start + len(frag)
            out.append({"start": start, "end": start + len(frag), "text": frag,
                        "date": dt.strftime("%Y-%m-%d")})
        print(json.dumps(out))
    else:
        sys.exit("usage: dateparser_peer.py bench DOCS.json | tag FILE YYYY-MM-DD")


if __name__ == "__main__":
    main()
