from itertools import product


def collapse(path: str) -> str:
    """Merge runs of the same symbol, then drop the blanks ("-")."""
    merged = [s for i, s in enumerate(path) if i == 0 or s != path[i - 1]]
    return "".join(s for s in merged if s != "-")


print(collapse("-aa--ab-b"))

# Every path of T = 3 frames over the symbols "-" (blank) and "a", grouped by what it becomes.
for target in ["", "a", "aa"]:
    paths = ["".join(p) for p in product("-a", repeat=3) if collapse("".join(p)) == target]
    print(f"{target!r:5} {paths}")
