#!/usr/bin/python3
"""Peer for bench/syntax_bench.cc: NLTK's PerceptronTagger (Debian
python3-nltk) trained on the same UD English EWT train file (UPOS tags),
its UPOS accuracy on EWT dev, and its tagging speed on the same words the
C++ benchmark tags (one sentence per line, words separated by spaces).
Prints one JSON object. Deterministic (random.seed(0)); one thread.

  nltk_tagger.py TRAIN.conllu DEV.conllu TOKENS.txt
"""
import json
import random
import sys
import time

from nltk.tag.perceptron import PerceptronTagger


def read_conllu(path):
    sents, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            cur.append((cols[1], cols[3]))
    if cur:
        sents.append(cur)
    return sents


def main():
    train_path, dev_path, tokens_path = sys.argv[1:4]
    random.seed(0)
    train = read_conllu(train_path)
    dev = read_conllu(dev_path)
    tagger = PerceptronTagger(load=False)
    t0 = time.perf_counter()
    tagger.train(train, nr_iter=5)
    train_s = time.perf_counter() - t0
    correct = total = 0
    for sent in dev:
        tags = tagger.tag([w for w, _ in sent])
        for (_, gold), (_, pred) in zip(sent, tags):
            correct += gold == pred
            total += 1
    with open(tokens_path, encoding="utf-8") as f:
        sentences = [line.split() for line in f if line.strip()]
    words = sum(len(s) for s in sentences)
    t0 = time.perf_counter()
    for s in sentences:
        tagger.tag(s)
    secs = time.perf_counter() - t0
    print(json.dumps({
        "peer": "nltk PerceptronTagger",
        "train_seconds": round(train_s, 1),
        "dev_upos": correct / total,
        "words": words,
        "seconds": secs,
        "words_per_s": words / secs,
    }))


if __name__ == "__main__":
    main()
