"""Vectorized scipy reference for the CLV benchmark: the same BG/NBD and Gamma-Gamma log-likelihoods
(Fader, Hardie & Lee 2005), summed over the same distinct tuples with customer counts, maximized with
scipy.optimize.minimize (L-BFGS-B) on log-parameters.

Usage: python3 reference.py DIR   (DIR holds bgnbd_{x,tx,T,n}.f64 and gg_{x,m,n}.f64, little-endian float64,
written by ClvBench from the arrays our fit uses). Prints one JSON object: parameters, log-likelihoods, seconds.

Two variants per model: with the analytic gradient (the strong baseline) and, when --numeric is given, with
scipy's default finite-difference gradient (what a straightforward port of lifetimes would do).
"""
import json
import sys
import time

import numpy as np
from scipy.optimize import minimize
from scipy.special import digamma, gammaln


def load(directory, name):
    return np.fromfile(f"{directory}/{name}.f64", dtype="<f8")


def bgnbd_negll(logp, x, tx, T, n, with_grad=True):
    r, alpha, a, b = np.exp(logp)
    rx = r + x
    u = -rx * np.log(alpha + T)
    pos = x > 0
    v = np.where(pos, np.log(a) - np.log(np.where(pos, b + x - 1, 1.0)) - rx * np.log(alpha + tx), -np.inf)
    m = np.maximum(u, v)
    log34 = m + np.log(np.exp(u - m) + np.exp(v - m))
    ll = (gammaln(rx) - gammaln(r) + r * np.log(alpha) + gammaln(a + b) + gammaln(b + x) - gammaln(b)
          - gammaln(a + b + x) + log34)
    total = np.dot(n, ll)
    N = n.sum()
    if not with_grad:
        return -total / N
    w = np.exp(v - log34)
    d_r = digamma(rx) - digamma(r) + np.log(alpha) - (1 - w) * np.log(alpha + T) - w * np.log(alpha + tx)
    d_alpha = r / alpha - (1 - w) * rx / (alpha + T) - w * rx / (alpha + tx)
    d_a = digamma(a + b) - digamma(a + b + x) + w / a
    d_b = (digamma(a + b) + digamma(b + x) - digamma(b) - digamma(a + b + x)
           - np.where(pos, w / np.where(pos, b + x - 1, 1.0), 0.0))
    grad = np.array([r * np.dot(n, d_r), alpha * np.dot(n, d_alpha), a * np.dot(n, d_a), b * np.dot(n, d_b)])
    return -total / N, -grad / N


def gg_negll(logp, x, mv, n, with_grad=True):
    p, q, g = np.exp(logp)
    px = p * x
    ls = np.log(g + x * mv)
    ll = (gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(g) + (px - 1) * np.log(mv) + px * np.log(x)
          - (px + q) * ls)
    N = n.sum()
    total = np.dot(n, ll)
    if not with_grad:
        return -total / N
    d_p = x * (digamma(px + q) - digamma(px) + np.log(mv) + np.log(x) - ls)
    d_q = digamma(px + q) - digamma(q) + np.log(g) - ls
    d_g = q / g - (px + q) / (g + x * mv)
    grad = np.array([p * np.dot(n, d_p), q * np.dot(n, d_q), g * np.dot(n, d_g)])
    return -total / N, -grad / N


def fit(fun, start, args, analytic):
    t0 = time.perf_counter()
    if analytic:
        res = minimize(fun, np.log(start), args=args + (True,), jac=True, method="L-BFGS-B",
                       options={"maxiter": 2000, "ftol": 1e-15, "gtol": 1e-9})
    else:
        res = minimize(fun, np.log(start), args=args + (False,), method="L-BFGS-B",
                       options={"maxiter": 2000, "ftol": 1e-15, "gtol": 1e-9})
    seconds = time.perf_counter() - t0
    value = fun(res.x, *args, False)
    return {"params": np.exp(res.x).tolist(), "log_likelihood": float(-value * args[-1].sum()),
            "seconds": seconds, "iterations": int(res.nit), "evaluations": int(res.nfev),
            "success": bool(res.success)}


def main():
    directory = sys.argv[1]
    numeric = "--numeric" in sys.argv
    x, tx, T, n = (load(directory, "bgnbd_" + k) for k in ("x", "tx", "T", "n"))
    gx, gm, gn = (load(directory, "gg_" + k) for k in ("x", "m", "n"))
    rate = np.dot(n, x) / np.dot(n, T)
    bg_start = np.array([1.0, 1.0 / rate, 1.0, 1.0])  # the first of our starting points
    mean = np.dot(gn, gm) / gn.sum()
    gg_start = np.array([1.0, 2.0, mean])
    out = {"bgnbd_tuples": int(len(x)), "gg_tuples": int(len(gx)),
           "bgnbd": fit(bgnbd_negll, bg_start, (x, tx, T, n), True),
           "gamma_gamma": fit(gg_negll, gg_start, (gx, gm, gn), True)}
    if numeric:
        out["bgnbd_numeric"] = fit(bgnbd_negll, bg_start, (x, tx, T, n), False)
        out["gamma_gamma_numeric"] = fit(gg_negll, gg_start, (gx, gm, gn), False)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
