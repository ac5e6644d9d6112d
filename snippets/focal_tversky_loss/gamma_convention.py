# The paper writes (1 - TI) ** (1 / gamma) with gamma = 4/3; several libraries write
# (1 - TI) ** gamma. lossref's `exponent` is the power itself: paper gamma 4/3 -> 0.75.
print("1 - TI |  exponent 0.75        |  exponent 1 (Tversky) |  exponent 4/3")
print("       |  loss    slope factor |  loss    slope factor |  loss    slope factor")
for x in [0.9, 0.5, 0.1, 0.01]:
    cells = [f"{x**e:.4f}  {e * x ** (e - 1):.4f}" for e in (0.75, 1.0, 4 / 3)]
    print(f"{x:6} |  " + "        |  ".join(cells))
