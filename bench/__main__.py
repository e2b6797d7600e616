"""Run one benchmark: ``python -m bench <name> [options]``; without a name, list them."""

import importlib
import pkgutil
import sys

import bench


def main() -> None:
    names = sorted(info.name for info in pkgutil.iter_modules(bench.__path__) if not info.name.startswith("_"))
    if len(sys.argv) < 2 or sys.argv[1] not in names:
        print("usage: python -m bench <name> [options]\n\nbenchmarks:")
        for name in names:
            doc = (importlib.import_module(f"bench.{name}").__doc__ or "").strip().splitlines()
            print(f"  {name:<16} {doc[0] if doc else ''}")
        sys.exit(0 if len(sys.argv) < 2 else 2)
    importlib.import_module(f"bench.{sys.argv[1]}").main(sys.argv[2:])


if __name__ == "__main__":
    main()
