#!/usr/bin/env python3
"""What one stored document got wrong, row by row, against its gold.

usage: diff_doc.py DB GOLD_DIR PATH_SUBSTRING [--all]

Uses score.py's own alignment, so what it shows is what the score counts: gold rows that no
stored row matched (lost), stored rows that matched no gold row (invented), and for matched
pairs the fields that differ (with --all, every pair). The tool a sweep's failing line sends
you to.
"""
import os, sqlite3, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from score import FIELDS, align, gold_rows, kind_of, norm  # noqa: E402
from score_docs import load_golds  # noqa: E402


def short(s, n=90):
    s = norm(s)
    return s if len(s) <= n else s[: n - 1] + "…"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show_all = "--all" in sys.argv
    if len(args) != 3:
        sys.exit(__doc__)
    db, gold_dir, needle = args
    golds = load_golds(gold_dir)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    cur = con.cursor()
    docs = cur.execute("SELECT id, source_path, status, error FROM documents WHERE source_path LIKE ?", (f"%{needle}%",)).fetchall()
    if not docs:
        sys.exit(f"no document whose path contains {needle!r}")
    for doc_id, path, status, error in docs:
        gid, kind = kind_of(path or "", golds.keys())
        print(f"=== {path} ({status}{': ' + error if error else ''}) gold {gid}")
        if gid is None:
            continue
        grow = gold_rows(golds[gid])
        pred = [dict(zip(["section"] + FIELDS, r)) for r in cur.execute(
            "SELECT section, " + ", ".join(FIELDS) + " FROM activities WHERE document_id=? ORDER BY seq", (doc_id,))]
        pairs = align(pred, grow)
        matched_p = {i for i, _ in pairs}
        matched_g = {j for _, j in pairs}
        by_gold = {j: i for i, j in pairs}
        print(f"gold {len(grow)} rows, stored {len(pred)}, matched {len(pairs)}")
        pi = 0
        for j, g in enumerate(grow):
            # stored rows that matched nothing, in document order before this gold row
            nxt = by_gold.get(j)
            if nxt is not None:
                while pi < nxt:
                    if pi not in matched_p:
                        print(f"  + invented #{pi + 1}: " + " | ".join(f"{f}={short(pred[pi][f], 50)}" for f in ["section"] + FIELDS if norm(pred[pi][f])))
                    pi += 1
                pi = nxt + 1
            if j not in matched_g:
                print(f"  - lost gold {j + 1} [{g.get('number', '')}] {short(g['activity'])}")
                continue
            p = pred[by_gold[j]]
            diffs = [f for f in ["section"] + FIELDS if (norm(p[f]).lower() if f == "section" else norm(p[f])) != (norm(g.get(f)).lower() if f == "section" else norm(g.get(f)))]
            if diffs or show_all:
                print(f"  ~ gold {j + 1} ↔ stored #{by_gold[j] + 1} [{g.get('number', '')}]")
                for f in diffs:
                    print(f"      {f}: gold «{short(g.get(f))}»\n      {' ' * len(f)}  got  «{short(p[f])}»")
        while pi < len(pred):
            if pi not in matched_p:
                print(f"  + invented #{pi + 1}: " + " | ".join(f"{f}={short(pred[pi][f], 50)}" for f in ["section"] + FIELDS if norm(pred[pi][f])))
            pi += 1


if __name__ == "__main__":
    main()
