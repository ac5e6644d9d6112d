import math

# Cross-entropy as a series in (1 − p_t): −log p_t = Σ_j (1 − p_t)^j / j.
p_t = 0.7
terms = [(1 - p_t) ** j / j for j in range(1, 31)]
print(f"first term {terms[0]:.4f}")
print(f"30 terms   {sum(terms):.4f}")
print(f"-log p_t   {-math.log(p_t):.4f}")

# Poly-1 changes only the first coefficient, from 1 to 1 + ε.
epsilon = 2.0
print(f"Poly-1     {-math.log(p_t) + epsilon * (1 - p_t):.4f}")
