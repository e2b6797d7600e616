"""Warm a freshly started server before the class arrives: open every lesson page once, as a teacher checking the
projector would (and, with ``--experiments``, every experiment link the pages list).

    python -m deploy.warm http://127.0.0.1:8501 [http://127.0.0.1:8502 ...]    # each replica, not the proxy

A server computes what a page shows the first time someone asks for it (a lesson's trainings, surfaces and
statistics, cached for everyone after). When 30 students open the lessons of a fresh server in the same few
seconds, those first computations queue up: on a 2-core machine the class's first 15 s waited up to 3 s at p95,
against under 1 s afterwards. Warming computes them beforehand: about 8 s per replica on that machine (30 s with
the experiments, which then open at once when the teacher says "open this experiment"). Give the replicas' own
addresses: through the proxy, a warm-up would reach one replica only.
"""

from __future__ import annotations

import argparse
import asyncio
import time

from deploy.students import Student
from pages import lesson_pages


async def warm(base: str, experiments: bool = False) -> list[str]:
    """Open every lesson page of the app at ``base`` (and, with ``experiments``, each experiment link of each);
    return what went wrong (an exception shown on a page, a page that did not load), empty when all is well."""
    problems = []
    student = Student(base, timeout=120)
    try:
        for page in lesson_pages():
            outcome = await student.open(page.url_path)
            links = list(student.page.links) if experiments else []
            for query in ["", *links]:
                if query:
                    outcome = await student.open(page.url_path, query)
                if outcome.error:
                    problems.append(f"{page.url_path}?{query}: {outcome.error}")
    finally:
        await student.close()
    return problems


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m deploy.warm", description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="+", metavar="url", help="a replica's address, e.g. http://127.0.0.1:8501")
    parser.add_argument("--experiments", action="store_true", help="open every experiment link of every page too")
    args = parser.parse_args(argv)
    for url in args.urls:
        started = time.perf_counter()
        problems = asyncio.run(warm(url, experiments=args.experiments))
        print(f"{url}: warm in {time.perf_counter() - started:.1f} s" + "".join(f"\n  {p}" for p in problems))
        if problems:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
