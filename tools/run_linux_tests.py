#!/usr/bin/env python3
"""tools/run_linux_tests.py: the user-space tests on the host's Linux (make test-linux).

Every user-space test is a static Linux program, so it must pass on Linux
too: a test that fails here is a wrong test, not a kernel bug.  This runs
each binary given on the command line in its own process (as the current
user, in a fresh temporary directory, with a time limit), reads its KTAP
with the parser of tools/harness.py, and reports exactly as `make test`
does: one line per case (user/PROGRAM.CASE), then `N passed, N failed`.

    python3 tools/run_linux_tests.py [--timeout 60] [-v] build/tests/*
"""
import argparse
import os
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import format_result, node_results, parse_ktap, summary_line  # noqa: E402


def run_program(path, timeout):
    """Runs one test; returns its output and what the runner would say about its end."""
    with tempfile.TemporaryDirectory(prefix="matryoshka-test-") as cwd, \
            tempfile.TemporaryFile() as out:
        # Output to a file, not a pipe: a child the test leaves behind must
        # not keep us waiting.  Its own session, so killpg reaches them all.
        proc = subprocess.Popen([os.path.abspath(path)], cwd=cwd, stdin=subprocess.DEVNULL,
                                stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        try:
            proc.wait(timeout=timeout)
            directive = ""
        except subprocess.TimeoutExpired:
            directive = "TIMEOUT after %g s" % timeout
        kill_group(proc.pid)
        proc.wait()
        out.seek(0)
        text = out.read()
    if directive:
        return text, False, directive
    if proc.returncode < 0:
        return text, False, "killed by signal %d" % -proc.returncode
    if proc.returncode:
        return text, False, "exit status %d" % proc.returncode
    return text, True, ""


def kill_group(pgid):
    """Kills whatever the test left running in its process group."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def program_results(path, timeout, verbose):
    """The results of one program, named as on Matryoshka: user/NAME.CASE."""
    name = os.path.basename(path)
    out, ok, directive = run_program(path, timeout)
    text = out.decode(errors="replace")
    if verbose:
        for line in text.splitlines():
            print("%s| %s" % (name, line))
    # Wrapped as Matryoshka's test runner wraps it, so it parses the same way.
    wrapped = ["KTAP version 1", "1..1", "# Subtest: " + name]
    wrapped += ["    " + line for line in text.splitlines()]
    wrapped.append("%s 1 %s%s" % ("ok" if ok else "not ok", name,
                                  " # " + directive if directive else ""))
    return node_results(parse_ktap(wrapped).children[0], "user/" + name)


def main():
    ap = argparse.ArgumentParser(description="Run the user-space tests on Linux.")
    ap.add_argument("programs", nargs="*", help="test binaries (build/tests/*)")
    ap.add_argument("--timeout", type=float, default=60, help="seconds per program")
    ap.add_argument("-v", "--verbose", action="store_true", help="show every output line")
    opts = ap.parse_args()
    results = []
    for path in opts.programs:
        for result in program_results(path, opts.timeout, opts.verbose):
            print(format_result(result), flush=True)
            results.append(result)
    print(summary_line(results))
    return 1 if any(r.status == "FAIL" for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
