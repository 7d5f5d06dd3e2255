"""Real-data benchmark helper for bench/propensity/real.sh (python3-sklearn from Debian, nothing downloaded).

  real.py split DATA.csv LABEL OUT_DIR [SEED]  seeded 70/30 split -> OUT_DIR/train.csv, OUT_DIR/test.csv (+ row_id)
  real.py reference OUT_DIR LABEL              tuned LogisticRegression and HistGradientBoostingClassifier on the split
  real.py evaluate OUT_DIR LABEL SCORES.csv    AUC and top-decile lift of a score file (row_id, propensity)

Prints one JSON object per call; the shell script assembles the table.
"""
import json
import sys
import time

import csv

import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

SEED = 20261201


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def write(path, header, rows):
    with open(path, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(header)
        out.writerows(rows)


def labels(header, rows, label):
    at = header.index(label)
    return np.array([1 if r[at].strip().lower() in ("yes", "1", "true") else 0 for r in rows])


def top_decile_lift(y, score):
    """Share of buyers among the 10 % highest scores over the base rate (ties broken by row order)."""
    order = np.argsort(-np.asarray(score), kind="stable")
    top = order[: int(np.ceil(len(y) / 10))]
    return float(y[top].mean() / y.mean())


def split(data, label, out, seed=SEED):
    header, rows = read(data)
    rows = [[f"r{i:05d}"] + r for i, r in enumerate(rows)]
    header = ["row_id"] + header
    rng = np.random.RandomState(seed)
    test = rng.rand(len(rows)) < 0.3
    write(f"{out}/train.csv", header, [r for r, t in zip(rows, test) if not t])
    write(f"{out}/test.csv", header, [r for r, t in zip(rows, test) if t])
    return {"train_rows": int((~test).sum()), "test_rows": int(test.sum())}


def is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def features(header, rows, label):
    """Object matrix of the feature columns; numeric ones (every non-empty cell a number) as floats, NaN if empty."""
    columns = [i for i, h in enumerate(header) if h not in ("row_id", label)]
    numeric, categorical = [], []
    for k, i in enumerate(columns):
        cells = [r[i] for r in rows if r[i] != ""]
        (numeric if all(is_number(c) for c in cells) else categorical).append(k)
    x = np.empty((len(rows), len(columns)), dtype=object)
    for n, r in enumerate(rows):
        for k, i in enumerate(columns):
            x[n, k] = (float(r[i]) if r[i] != "" else np.nan) if k in numeric else r[i]
    return x, numeric, categorical


def as_float(a):
    return a.astype(float)


def reference(out, label):
    header, train = read(f"{out}/train.csv")
    _, test = read(f"{out}/test.csv")
    x, numeric, categorical = features(header, train, label)
    xt, _, _ = features(header, test, label)
    y, yt = labels(header, train, label), labels(header, test, label)
    folds = StratifiedKFold(5, shuffle=True, random_state=SEED)
    results = {}

    start = time.time()
    linear = make_pipeline(ColumnTransformer([
        ("num", make_pipeline(FunctionTransformer(as_float), SimpleImputer(), StandardScaler()), numeric),
        ("cat", OneHotEncoder(handle_unknown="ignore"), categorical)]),
        LogisticRegression(max_iter=5000))
    grid = GridSearchCV(linear, {"logisticregression__C": [0.001, 0.01, 0.1, 1, 10, 100],
                                 "logisticregression__penalty": ["l2"]}, scoring="roc_auc", cv=folds)
    grid.fit(x, y)
    p = grid.predict_proba(xt)[:, 1]
    results["sklearn LogisticRegression (C tuned by 5-fold CV)"] = {
        "auc": roc_auc_score(yt, p), "lift": top_decile_lift(yt, p), "seconds": time.time() - start,
        "params": str(grid.best_params_)}

    start = time.time()
    trees = make_pipeline(ColumnTransformer([
        ("num", FunctionTransformer(as_float), numeric),
        ("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), categorical)]),
        HistGradientBoostingClassifier(random_state=SEED, early_stopping=True))
    grid = GridSearchCV(trees, {"histgradientboostingclassifier__learning_rate": [0.03, 0.1],
                                "histgradientboostingclassifier__max_leaf_nodes": [7, 15, 31],
                                "histgradientboostingclassifier__l2_regularization": [0.0, 1.0]},
                        scoring="roc_auc", cv=folds)
    grid.fit(x, y)
    p = grid.predict_proba(xt)[:, 1]
    results["sklearn HistGradientBoostingClassifier (grid by 5-fold CV)"] = {
        "auc": roc_auc_score(yt, p), "lift": top_decile_lift(yt, p), "seconds": time.time() - start,
        "params": str(grid.best_params_)}
    return results


def evaluate(out, label, scores):
    header, test = read(f"{out}/test.csv")
    _, scored = read(scores)
    if [r[0] for r in scored] != [r[0] for r in test]:
        raise SystemExit("scores are not one row per test row in input order")
    y, p = labels(header, test, label), np.array([float(r[1]) for r in scored])
    return {"auc": roc_auc_score(y, p), "lift": top_decile_lift(y, p)}


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "split":
        print(json.dumps(split(sys.argv[2], sys.argv[3], sys.argv[4], *[int(a) for a in sys.argv[5:6]])))
    elif command == "reference":
        print(json.dumps(reference(sys.argv[2], sys.argv[3])))
    elif command == "evaluate":
        print(json.dumps(evaluate(sys.argv[2], sys.argv[3], sys.argv[4])))
    else:
        raise SystemExit(__doc__)
