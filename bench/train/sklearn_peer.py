"""bench/train, scikit-learn peer: fits DecisionTreeClassifier, RandomForestClassifier and
HistGradientBoostingClassifier on train.csv and scores test.csv (the files bench_train wrote), one
thread. Parameters come from bench/train/run.mjs under the same names the core uses; prints one
JSON line: {"version", "fits": [{"family", "params", "fit_seconds", "accuracy"}]}.
    OMP_NUM_THREADS=1 /usr/bin/python3 bench/train/sklearn_peer.py TRAIN_CSV TEST_CSV FITS_JSON
FITS_JSON: [{"family": "decision_tree", "params": {"max_depth": 10}, "reps": 3}, ...]
"""
import json
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")  # before numpy and scikit-learn start their pools

import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier

ESTIMATORS = {
    "decision_tree": lambda p: DecisionTreeClassifier(random_state=42, **p),
    "random_forest": lambda p: RandomForestClassifier(n_jobs=1, random_state=42, **p),
    "gradient_boosting": lambda p: HistGradientBoostingClassifier(random_state=42, **p),
}


def as_python(value):
    # The core's choice parameters spell booleans as text ("early_stopping": "false").
    return {"true": True, "false": False}.get(value, value) if isinstance(value, str) else value


def load(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    return data[:, :-1], data[:, -1].astype(np.int64)


def main():
    train_csv, test_csv, fits = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    X_train, y_train = load(train_csv)
    X_test, y_test = load(test_csv)
    out = []
    for fit in fits:
        params = {k: as_python(v) for k, v in fit.get("params", {}).items()}
        best, accuracy = float("inf"), 0.0
        for _ in range(fit.get("reps", 1)):
            model = ESTIMATORS[fit["family"]](params)
            t = time.perf_counter()
            model.fit(X_train, y_train)
            best = min(best, time.perf_counter() - t)
            accuracy = float(np.mean(model.predict(X_test) == y_test))
        out.append({"family": fit["family"], "params": params, "fit_seconds": best, "accuracy": accuracy,
                    "rows": int(len(y_train))})
    print(json.dumps({"version": sklearn.__version__, "fits": out}))


if __name__ == "__main__":
    main()
