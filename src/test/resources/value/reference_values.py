"""Independent reference values for ValueFormulasTest, computed with scipy (python3 reference_values.py).

Formulas: Fader, Hardie & Lee (2005) BG/NBD eqs. (6), (7), (10) and P(alive); Gamma-Gamma likelihood and
conditional mean (Fader, Hardie & Lee 2005, "RFM and CLV"). Written directly from the papers, not from our Java.
"""
from scipy.special import gammaln, hyp2f1
import numpy as np

r, alpha, a, b = 0.243, 4.414, 0.793, 2.426  # CDNOW estimates from FHL 2005, in weeks

def bgnbd_ll(x, tx, T):
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = (alpha + T) ** -(r + x)
    a4 = (a / (b + x - 1)) * (alpha + tx) ** -(r + x) if x > 0 else 0.0
    return a1 + a2 + np.log(a3 + a4)

def p_alive(x, tx, T):
    if x == 0:
        return 1.0
    return 1.0 / (1.0 + a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x))

def cond_exp(t, x, tx, T):
    z = t / (alpha + T + t)
    num = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z))
    den = 1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x) if x > 0 else 1.0
    return num / den

def uncond_exp(t):
    return (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t)))

for case in [(0, 0.0, 38.86), (2, 30.43, 38.86), (1, 1.71, 38.86), (7, 35.0, 36.0)]:
    print("bgnbd", case, "ll=%.12f" % bgnbd_ll(*case), "palive=%.12f" % p_alive(*case),
          "E39=%.12f" % cond_exp(39.0, *case))
print("uncond E[X(39)]=%.12f E[X(78)]=%.12f" % (uncond_exp(39.0), uncond_exp(78.0)))

p, q, g = 6.25, 3.74, 15.44  # CDNOW Gamma-Gamma estimates (Fader & Hardie note)

def gg_ll(x, m):
    return (gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * np.log(g) + (p * x - 1) * np.log(m)
            + p * x * np.log(x) - (p * x + q) * np.log(g + x * m))

def gg_mean(x, m):
    return p * (g + x * m) / (p * x + q - 1)

for case in [(1, 12.0), (2, 35.5), (10, 80.25)]:
    print("gg", case, "ll=%.12f" % gg_ll(*case), "mean=%.12f" % gg_mean(*case))
