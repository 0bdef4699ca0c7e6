#!/usr/bin/env python3
"""Runs one command and prints its wall time and CPU time (user + system, its whole process tree,
from wait4) as JSON: {"wall": s, "cpu": s, "status": n}. bench/compare.mjs times each command
through it, so that the figures do not include this script's own start-up. stdout goes to
/dev/null; stderr is passed through.

  python3 bench/rusage.py COMMAND [ARG...]
"""
import json
import os
import sys
import time


def main(argv):
    started = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=[
            (os.POSIX_SPAWN_DUP2, devnull.fileno(), 1),
        ])
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    print(json.dumps({
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "status": os.waitstatus_to_exitcode(status),
    }))


if __name__ == "__main__":
    main(sys.argv[1:])
