#!/usr/bin/env python3
"""tools/labs.py: classroom labs cut from the one reference tree.

The reference code marks what a lab takes out, with the stub that
replaces it, in the preprocessor's own words, so that the stub is real C
that is compiled (cc -DLAB_PID) and the reference build never sees it:

    #ifndef LAB_PID	/* LAB pid: what the student writes */
        the reference code (the solution)
    #else
        the stub a student starts from, with its TODO comment
    #endif	/* LAB_PID */

A lab is named by its rubric, labs/NAME.rubric (tools/grade.py reads it),
and explained by its handout, docs/labs/NAME.md.  `make lab LAB=NAME
DEST=dir` writes a student tree: every region of that lab replaced by its
stub, every other lab's code left solved (and all markers gone), the lab's
rubric and handout, nothing of the solution: no line that exists only in
the lab's removed code may appear anywhere in the tree, git history
included (the tree is a fresh repository with one commit).  The
instructor's wrong solutions (labs/wrong/NAME/*.patch) and other labs'
rubrics and handouts stay out.

    python3 tools/labs.py list
    python3 tools/labs.py generate NAME DEST [--seed-build DIR] [--no-git]
    python3 tools/labs.py check NAME DEST       # the leak check on a tree
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

TOOLS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(TOOLS)

BEGIN_RE = re.compile(r"^\s*#\s*ifndef\s+LAB_([A-Z0-9_]+)\b")
ELSE_RE = re.compile(r"^\s*#\s*else\b")
ELIF_RE = re.compile(r"^\s*#\s*elif\b")
END_RE = re.compile(r"^\s*#\s*endif\b")
OPEN_RE = re.compile(r"^\s*#\s*if(n?def)?\b")
# The files regions may be in: the kernel's and the tests' sources.
SOURCE_EXTS = (".c", ".h", ".S", ".ld")
# Where a tree keeps what only the instructor sees.
INSTRUCTOR_ONLY = ("labs/wrong/",)
# Build products a seeded student tree may reuse (tools/check_labs.py):
# everything but logs, ISOs and other runs' output.
SEED_SKIP = ("logs", "iso", "harness-iso", "matryoshka.iso", "grade", "grade-all", "ktests",
             "labs", "test-results.xml")


class LabError(Exception):
    pass


# ---- regions ---------------------------------------------------------------

def parse_regions(lines, path="file"):
    """The LAB regions of a file: (lab, begin, else, end) line indexes each.

    A region's own #if/#endif nest inside it; regions do not nest."""
    regions, i = [], 0
    while i < len(lines):
        m = BEGIN_RE.match(lines[i])
        if not m:
            i += 1
            continue
        lab, begin, middle, depth = m.group(1).lower(), i, None, 0
        for j in range(i + 1, len(lines)):
            line = lines[j]
            if BEGIN_RE.match(line) and depth == 0:
                raise LabError("%s:%d: a LAB region inside LAB_%s's" % (path, j + 1,
                                                                       lab.upper()))
            if OPEN_RE.match(line):
                depth += 1
            elif END_RE.match(line) and depth:
                depth -= 1
            elif depth == 0 and ELIF_RE.match(line):
                raise LabError("%s:%d: #elif in a LAB region" % (path, j + 1))
            elif depth == 0 and ELSE_RE.match(line):
                if middle is not None:
                    raise LabError("%s:%d: a second #else" % (path, j + 1))
                middle = j
            elif depth == 0 and END_RE.match(line):
                if middle is None:
                    raise LabError("%s:%d: LAB_%s has no #else (no stub)"
                                   % (path, begin + 1, lab.upper()))
                regions.append((lab, begin, middle, j))
                i = j + 1
                break
        else:
            raise LabError("%s:%d: LAB_%s is never closed" % (path, begin + 1, lab.upper()))
    return regions


def resolve(lines, lab, path="file"):
    """@lines with @lab's regions replaced by their stubs, every other lab's
    by its solution, and the marker lines gone: (new lines, removed lines)."""
    out, removed, at = [], [], 0
    for name, begin, middle, end in parse_regions(lines, path):
        out += lines[at:begin]
        solution, stub = lines[begin + 1:middle], lines[middle + 1:end]
        if name == lab:
            out += stub
            removed += solution
        else:
            out += solution
        at = end + 1
    return out + lines[at:], removed


def tracked_files(root=ROOT):
    """The reference tree's files: git's, or every file outside build/ and .git/."""
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=root, capture_output=True,
                             check=True).stdout.decode()
        return sorted(f for f in out.split("\0") if f and os.path.isfile(os.path.join(root, f)))
    except (OSError, subprocess.CalledProcessError):
        files = []
        for top, dirs, names in os.walk(root):
            dirs[:] = [d for d in dirs if d not in (".git", "build")]
            files += [os.path.relpath(os.path.join(top, n), root) for n in names]
        return sorted(files)


def read_text(path):
    """A file's lines (keeping their ends), or None for a binary file."""
    with open(path, "rb") as f:
        data = f.read()
    if b"\0" in data:
        return None
    try:
        return data.decode().splitlines(keepends=True)
    except UnicodeDecodeError:
        return None


def lab_names(root=ROOT):
    """Every lab: the labs/NAME.rubric files."""
    labs = os.path.join(root, "labs")
    if not os.path.isdir(labs):
        return []
    return sorted(n[:-len(".rubric")] for n in os.listdir(labs) if n.endswith(".rubric"))


def all_regions(root=ROOT):
    """{lab: [(file, begin line, end line)]} over the whole tree."""
    found = {}
    for rel in tracked_files(root):
        lines = read_text(os.path.join(root, rel)) if rel.endswith(SOURCE_EXTS) else None
        if lines is None or rel.startswith(INSTRUCTOR_ONLY):
            continue
        for lab, begin, _, end in parse_regions(lines, rel):
            found.setdefault(lab, []).append((rel, begin + 1, end + 1))
    return found


def lab_files(lab, root=ROOT):
    """The files a lab's student changes: those holding its regions."""
    return sorted({rel for rel, _, _ in all_regions(root).get(lab, [])})


# ---- the student tree --------------------------------------------------------

def shipped(rel, lab):
    """Does the student tree of @lab get the reference file @rel?"""
    if rel.startswith(INSTRUCTOR_ONLY):
        return False
    if rel.startswith("labs/") and rel.endswith(".rubric"):
        return rel == "labs/%s.rubric" % lab
    if rel.startswith("docs/labs/"):
        return rel == "docs/labs/%s.md" % lab
    return rel not in ("tools/labs.py", "tools/grade_all.py", "tools/check_labs.py")


def student_files(lab, root=ROOT):
    """{path: text or None (copied as is)} of @lab's student tree, and the removed lines."""
    if lab not in lab_names(root):
        raise LabError("no lab %r: the labs are %s" % (lab, ", ".join(lab_names(root))))
    if not os.path.exists(os.path.join(root, "docs", "labs", lab + ".md")):
        raise LabError("lab %s has no handout docs/labs/%s.md" % (lab, lab))
    files, removed = {}, []
    for rel in tracked_files(root):
        if not shipped(rel, lab):
            continue
        lines = read_text(os.path.join(root, rel)) if rel.endswith(SOURCE_EXTS) else None
        if lines is None:
            files[rel] = None
            continue
        new, gone = resolve(lines, lab, rel)
        removed += gone
        files[rel] = None if new == lines else "".join(new)
    if not removed:
        raise LabError("lab %s marks no code (no #ifndef LAB_%s region)" % (lab, lab.upper()))
    return files, removed


def normal(line):
    return " ".join(line.split())


# Lines too common to say anything about a solution.
TRIVIAL_RE = re.compile(r"^[\s{}();,*/]*$|^(else|break;|continue;|return;|return 0;|"
                        r"return ret;|return err;|default:|out:|\*/|/\*)$")


def secret_lines(lab, root=ROOT):
    """The removed lines of @lab that exist nowhere else in the reference:
    the ones a student tree must not contain."""
    removed, elsewhere = set(), set()
    for rel in tracked_files(root):
        lines = read_text(os.path.join(root, rel))
        if lines is None or rel.startswith(INSTRUCTOR_ONLY):
            continue
        kept, gone = resolve(lines, lab, rel) if rel.endswith(SOURCE_EXTS) else (lines, [])
        removed.update(normal(l) for l in gone)
        if not rel.startswith("docs/labs/"):    # a handout must not quote the solution
            elsewhere.update(normal(l) for l in kept)
    return {l for l in removed - elsewhere if not TRIVIAL_RE.match(l)}


def leaks(lab, dest, root=ROOT):
    """Where the student tree at @dest holds a secret line: ["file: line", ...].

    Every file is read, and with a git repository every object in it."""
    secret, found = secret_lines(lab, root), []
    if not secret:
        return []
    for top, dirs, names in os.walk(dest):
        dirs[:] = [d for d in dirs if d not in (".git", "build")]
        for n in names:
            path = os.path.join(top, n)
            lines = read_text(path) if os.path.isfile(path) else None
            for line in lines or ():
                if normal(line) in secret:
                    found.append("%s: %s" % (os.path.relpath(path, dest), normal(line)))
    if os.path.isdir(os.path.join(dest, ".git")):
        blobs = subprocess.run(["git", "cat-file", "--batch-all-objects", "--batch"],
                               cwd=dest, capture_output=True, check=True).stdout
        for line in blobs.decode(errors="replace").splitlines():
            if normal(line) in secret:
                found.append("git object: %s" % normal(line))
    return found


def seed_build(src, dest):
    """Copies @src's build products into @dest/build with their times, so
    that make rebuilds only what the lab changed (see generate)."""
    out = os.path.join(dest, "build")
    for name in os.listdir(src):
        inside = os.path.abspath(out).startswith(os.path.abspath(os.path.join(src, name)) + "/")
        if name in SEED_SKIP or inside:
            continue
        s, d = os.path.join(src, name), os.path.join(out, name)
        if os.path.isdir(s):
            shutil.copytree(s, d, symlinks=True)
        else:
            os.makedirs(out, exist_ok=True)
            shutil.copy2(s, d)


def generate(lab, dest, root=ROOT, seed=None, git=True, check=True):
    """Writes @lab's student tree into @dest (new or empty); returns its lab files.

    Unchanged files keep the reference's modification times and changed
    ones get now: with @seed (a reference build/ directory copied in),
    make rebuilds only the objects the lab changed."""
    if os.path.exists(dest) and os.listdir(dest):
        raise LabError("%s exists and is not empty" % dest)
    files, _ = student_files(lab, root)
    for rel, text in files.items():
        path = os.path.join(dest, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if text is None:
            shutil.copy2(os.path.join(root, rel), path)
        else:
            with open(path, "w") as f:
                f.write(text)
            shutil.copymode(os.path.join(root, rel), path)
    if seed:
        seed_build(seed, dest)
    if git:
        make_repository(dest, lab)
    found = leaks(lab, dest, root) if check else []
    if found:
        raise LabError("the student tree holds solution lines:\n  " + "\n  ".join(found[:20]))
    return lab_files(lab, root)


def make_repository(dest, lab):
    """A fresh git repository with the tree as its one commit."""
    env = dict(os.environ, GIT_AUTHOR_NAME="Matryoshka labs", GIT_COMMITTER_NAME="Matryoshka labs",
               GIT_AUTHOR_EMAIL="labs@matryoshka.invalid",
               GIT_COMMITTER_EMAIL="labs@matryoshka.invalid")
    for cmd in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"],
                ["git", "commit", "-q", "-m", "Lab %s: the starting tree" % lab]):
        subprocess.run(cmd, cwd=dest, env=env, check=True, capture_output=True)


# ---- main --------------------------------------------------------------------

def cmd_list(_args):
    regions = all_regions()
    for lab in lab_names():
        print("%s:" % lab)
        for rel, begin, end in regions.get(lab, []):
            print("    %s:%d-%d" % (rel, begin, end))
    unknown = sorted(set(regions) - set(lab_names()))
    if unknown:
        print("regions without a rubric: %s" % ", ".join(unknown))
        return 1
    return 0


def cmd_generate(args):
    files = generate(args.lab, args.dest, seed=args.seed_build, git=not args.no_git)
    print("lab %s: student tree in %s (%s); the student changes %s"
          % (args.lab, args.dest, "one git commit" if not args.no_git else "no git",
             ", ".join(files)))
    print("handout: %s" % os.path.join(args.dest, "docs", "labs", args.lab + ".md"))
    return 0


def cmd_check(args):
    found = leaks(args.lab, args.dest)
    for line in found:
        print("leak: " + line)
    print("%d solution line(s) found in %s" % (len(found), args.dest))
    return 1 if found else 0


def main(argv=None):
    ap = argparse.ArgumentParser(description="Lab trees from the reference code.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("list", help="the labs and their regions")
    g = sub.add_parser("generate", help="write a student tree")
    g.add_argument("lab")
    g.add_argument("dest")
    g.add_argument("--seed-build", metavar="DIR",
                   help="copy this build/ in, so only the lab's files recompile")
    g.add_argument("--no-git", action="store_true", help="no git repository")
    c = sub.add_parser("check", help="look for solution lines in a tree")
    c.add_argument("lab")
    c.add_argument("dest")
    args = ap.parse_args(argv)
    try:
        return {"list": cmd_list, "generate": cmd_generate, "check": cmd_check}[args.cmd](args)
    except LabError as e:
        print("labs.py: %s" % e, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
