"""Vectorised numpy reference of the Backstop Monte Carlo (packages/risk/src/simulation/kernel.ts).

Same model, independent random numbers: Gaussian copula over category factors, own events when
a*F_c + sqrt(1-a^2)*eps < Phi^-1(p), asset events as independent Bernoullis, loss ratios passed
through the dependency closure and combined as 1 - prod(1 - r). Usage: risk_numpy.py model.json years seed
Prints JSON: seconds (simulation only), expected loss, VaR and TVaR at 99.5%.
"""
import json
import sys
import time

import numpy as np

A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239]
B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572]
C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783]
D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416]


def ndtri(p):
    """Acklam's inverse normal CDF, vectorised."""
    p = np.asarray(p, dtype=float)
    out = np.empty_like(p)
    low = p < 0.02425
    high = p > 1 - 0.02425
    mid = ~(low | high)
    q = p[mid] - 0.5
    r = q * q
    out[mid] = (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q / (
        ((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1)
    for mask, sign, base in ((low, 1.0, p), (high, -1.0, 1 - p)):
        qq = np.sqrt(-2 * np.log(base[mask]))
        out[mask] = sign * (((((C[0] * qq + C[1]) * qq + C[2]) * qq + C[3]) * qq + C[4]) * qq + C[5]) / (
            (((D[0] * qq + D[1]) * qq + D[2]) * qq + D[3]) * qq + 1)
    return out


def sample_ratio(rng, kind, a, b, usd):
    """Loss ratios for events with severity parameters (kind, a, b) given per event."""
    u = rng.random(kind.shape[0])
    ratio = a.copy()  # kind 2: fixed ratio
    exploit = kind == 0
    if exploit.any():
        ue = u[exploit]
        bw = 1 - usd["tailProbability"]
        x = np.empty_like(ue)
        body = ue <= bw
        x[body] = np.exp(usd["mu"] + usd["sigma"] * ndtri(ue[body] / bw * usd["bodyAtThreshold"]))
        q = (ue[~body] - bw) / usd["tailProbability"]
        x[~body] = usd["threshold"] + usd["beta"] / usd["xi"] * ((1 - q) ** -usd["xi"] - 1)
        ratio[exploit] = np.minimum(1.0, a[exploit] * (x / usd["median"]) ** b[exploit])
    depeg = kind == 1
    if depeg.any():
        ratio[depeg] = np.minimum(1.0, a[depeg] * (1 - u[depeg]) ** (-1 / b[depeg]))
    return ratio


def simulate(model, years, seed, chunk=20000):
    rng = np.random.default_rng(seed)
    n = len(model["marketIds"])
    k = len(model["categories"])
    n_assets = len(model["assetIds"])
    n_pools = len(model["poolIds"])
    cat = np.array(model["marketCategory"], dtype=np.int64)
    t = np.array(model["marketThreshold"])
    a = np.array(model["marketLoading"])
    resid = np.sqrt(1 - a * a)
    m_kind = np.array(model["marketSeverityKind"])
    m_a = np.array(model["marketSeverityA"])
    m_b = np.array(model["marketSeverityB"])
    cover = np.array(model["marketCover"])
    exposure = np.array(model["exposure"]).reshape(n_pools, n)
    capital = np.array(model["poolCapital"])
    q = np.array(model["assetProbability"])
    s_kind = np.array(model["assetSeverityKind"])
    s_a = np.array(model["assetSeverityA"])
    s_b = np.array(model["assetSeverityB"])
    chol = np.array(model["factorCholesky"]).reshape(k, k)
    start = model["affectedStart"]
    targets = np.array(model["affectedTarget"], dtype=np.int64)
    weights = np.array(model["affectedWeight"])
    usd = model["usdSeverity"]
    losses = np.empty(years)
    ruin = np.zeros(n_pools)
    for first in range(0, years, chunk):
        m = min(chunk, years - first)
        factors = rng.standard_normal((m, k)) @ chol.T
        latent = a * factors[:, cat] + resid * rng.standard_normal((m, n))
        own = np.zeros((m, n))
        rows, cols = np.nonzero(latent < t)
        own[rows, cols] = sample_ratio(rng, m_kind[cols], m_a[cols], m_b[cols], usd)
        survival = 1 - own
        for s in range(n):
            lo, hi = start[s], start[s + 1]
            if hi > lo:
                hit = own[:, s:s + 1]
                survival[:, targets[lo:hi]] *= 1 - hit * weights[lo:hi]
        if n_assets:
            fired = rng.random((m, n_assets)) < q
            asset_ratio = np.zeros((m, n_assets))
            r_rows, r_cols = np.nonzero(fired)
            asset_ratio[r_rows, r_cols] = sample_ratio(rng, s_kind[r_cols], s_a[r_cols], s_b[r_cols], usd)
            for d in range(n_assets):
                lo, hi = start[n + d], start[n + d + 1]
                if hi > lo:
                    survival[:, targets[lo:hi]] *= 1 - asset_ratio[:, d:d + 1] * weights[lo:hi]
        ratio = 1 - survival
        losses[first:first + m] = ratio @ cover
        ruin += (ratio @ exposure.T > capital).sum(axis=0)
    tail = max(1, round(years * 0.005))
    top = np.sort(losses)[-tail:]
    return {
        "expectedLoss": float(losses.mean()),
        "valueAtRisk": float(top[0]),
        "tailValueAtRisk": float(top.mean()),
        "ruinProbability": (ruin / years).tolist(),
    }


def main():
    model = json.load(open(sys.argv[1]))
    years = int(sys.argv[2])
    seed = int(sys.argv[3])
    started = time.perf_counter()
    result = simulate(model, years, seed)
    result["seconds"] = time.perf_counter() - started
    result["numpy"] = np.__version__
    print(json.dumps(result))


if __name__ == "__main__":
    main()
