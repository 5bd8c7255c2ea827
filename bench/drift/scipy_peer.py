"""bench/drift, SciPy peer: the same tests on the same columns as the core's drift report, one
column at a time, as Evidently runs them: scipy.stats.wasserstein_distance(ref, cur) /
max(np.std(ref), 0.001) (what the automatic choice runs at these sizes), and
scipy.stats.ks_2samp(ref, cur) (method 'auto': asymptotic at these sizes). Best of REPS for each.
Prints one JSON line for run.mjs.
    /usr/bin/python3 bench/drift/scipy_peer.py FILE COLS ROWS REPS
"""
import json
import sys
import time

import numpy as np
import scipy
import scipy.stats


def main():
    path, cols, rows, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    data = np.fromfile(path, dtype=np.float64).reshape(2, cols, rows)
    reference, current = data[0], data[1]
    out = {"version": scipy.__version__, "numpy": np.__version__}

    def wasserstein_normed(r, c):
        return scipy.stats.wasserstein_distance(r, c) / max(np.std(r), 0.001)

    def ks(r, c):
        res = scipy.stats.ks_2samp(r, c)
        return res.pvalue, res.statistic

    for name, test in [("wasserstein", wasserstein_normed), ("ks", ks)]:
        best, results = float("inf"), None
        for _ in range(reps):
            t = time.perf_counter()
            results = [test(reference[k], current[k]) for k in range(cols)]
            best = min(best, time.perf_counter() - t)
        if name == "ks":
            results = [{"score": float(p), "statistic": float(d)} for p, d in results]
        else:
            results = [{"score": float(w)} for w in results]
        out[name] = {"seconds": best, "columns": results}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
