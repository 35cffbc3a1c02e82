#!/usr/bin/env python3
"""Per-document scores, for sweeps that break accuracy down by layout trait and producer.

usage: score_docs.py DB GOLD_DIR

score.py (the project's copy of shared/tools/score.py, the official scorer) averages per
rendering kind; a sweep needs each document's own figures to tell which trait fails. This
reuses score.py's alignment and measures, so the two never disagree, and prints one JSON
object per scored document: gold id, kind, row P/R/F1, exact share, section share, CER per
field, metadata share.
"""
import json, os, sqlite3, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from score import FIELDS, align, cer, gold_rows, kind_of, norm  # noqa: E402


def load_golds(gold_dir):
    """Gold records of a folder by id."""
    golds = {}
    for f in os.listdir(gold_dir):
        if f.endswith(".gold.json"):
            g = json.load(open(os.path.join(gold_dir, f), encoding="utf-8"))
            golds[g["id"]] = g
    return golds


def main():
    db, gold_dir = sys.argv[1], sys.argv[2]
    golds = load_golds(gold_dir)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    cur = con.cursor()
    docs = cur.execute("SELECT id, source_path, status, error, municipality, act_number, act_date FROM documents").fetchall()
    for doc_id, path, status, error, muni, actno, actdate in docs:
        gid, kind = kind_of(path or "", golds.keys())
        if gid is None:
            continue
        g = golds[gid]
        grow = gold_rows(g)
        pred = [dict(zip(["section"] + FIELDS, r)) for r in cur.execute(
            "SELECT section, " + ", ".join(FIELDS) + " FROM activities WHERE document_id=? ORDER BY seq", (doc_id,))]
        pairs = align(pred, grow)
        tp = len(pairs)
        p = tp / len(pred) if pred else 0.0
        r = tp / len(grow) if grow else 0.0
        out = {"gold": gid, "kind": kind, "status": status, "error": error, "pred_rows": len(pred), "gold_rows": len(grow),
               "rows_p": p, "rows_r": r, "rows_f1": 2 * p * r / (p + r) if p + r else 0.0,
               "exact": (sum(all(norm(pred[i][f]) == norm(grow[j][f]) for f in FIELDS) for i, j in pairs) / len(grow)) if grow else 0.0,
               "section": (sum(norm(pred[i]["section"]).lower() == norm(grow[j]["section"]).lower() for i, j in pairs) / tp) if tp else None}
        for f in FIELDS:
            out["cer_" + f] = (sum(cer(pred[i][f], grow[j][f]) for i, j in pairs) / tp) if tp else None
        gd = g["document"]
        checks = []
        if gd.get("municipality") is not None:
            checks.append(norm(muni).lower() == norm(gd["municipality"]).lower())
        act = gd.get("act") or {}
        if act.get("number"):
            checks.append(norm(actno).lstrip("№ ").lower() == norm(act["number"]).lower())
        if act.get("date"):
            checks.append(norm(actdate)[:10] == act["date"])
        out["meta"] = sum(checks) / len(checks) if checks else None
        print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
