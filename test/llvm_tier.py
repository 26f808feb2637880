#!/usr/bin/env python3
"""The LLVM IR tier of the execution tests (`lit --param emit=llvm`).

The tests stay as they are. `%chainrule-gen` runs as the test asks and, for a
C++ output, records how it was made (its arguments, as JSON, in a file of
the state directory named after the output's absolute path). `%cxx` then compiles each such generated file as the
source it includes plus the LLVM IR module `chainrule-gen --emit=llvm` makes
from the same arguments: the same main(), the same checks, the derivatives
from the other backend.

    llvm_tier.py gen <state dir> <chainrule-gen> <args...>
    llvm_tier.py cxx <state dir> <chainrule-gen> <compiler words> -- <args...>
"""

import hashlib
import json
import os
import re
import subprocess
import sys

STATE = None


def record_path(output):
    """Where the arguments that made \p output are recorded."""
    key = hashlib.sha1(os.path.abspath(output).encode()).hexdigest()
    return os.path.join(STATE, key + ".json")


def option_value(args, name):
    """The value of `name <v>` or `name=<v>` before `--`, or None."""
    for i, a in enumerate(args):
        if a == "--":
            break
        if a == name and i + 1 < len(args):
            return args[i + 1]
        if a.startswith(name + "="):
            return a[len(name) + 1:]
    return None


def gen(tool, args):
    status = subprocess.call([tool] + args)
    out = option_value(args, "-o")
    emit = option_value(args, "--emit") or "cpp"
    if status == 0 and out and out != "-" and emit == "cpp":
        os.makedirs(STATE, exist_ok=True)
        with open(record_path(out), "w") as f:
            json.dump({"args": args, "cwd": os.getcwd()}, f)
    return status


def included_source(generated):
    """The source a generated translation unit includes (its first
    `#include "..."`), as a path."""
    with open(generated) as f:
        for line in f:
            m = re.match(r'#include "(.*)"$', line.strip())
            if m:
                return os.path.normpath(
                    os.path.join(os.path.dirname(generated), m.group(1)))
    sys.exit("llvm_tier.py: no #include of the source in " + generated)


def make_module(tool, generated):
    """Runs chainrule-gen --emit=llvm as `generated` was made; returns the
    module's path."""
    with open(record_path(generated)) as f:
        record = json.load(f)
    args = list(record["args"])
    module = re.sub(r"\.cpp$", "", os.path.abspath(generated)) + ".llvm.ll"
    i = args.index("-o") if "-o" in args else None
    if i is not None:
        args[i + 1] = module
    else:
        args = [a if not a.startswith("-o=") else "-o=" + module for a in args]
    status = subprocess.call([tool, "--emit=llvm"] + args, cwd=record["cwd"])
    if status != 0:
        sys.exit(status)
    return module


def cxx(tool, compiler, args):
    inputs, modules = [], []
    for a in args:
        if not a.startswith("-") and os.path.isfile(record_path(a)):
            inputs.append(a)
            modules.append((a, make_module(tool, a)))
    if not inputs:
        return subprocess.call(compiler + args)
    if "-c" not in args:
        new = []
        for a in args:
            if a in inputs:
                new += [included_source(a), dict(modules)[a]]
            else:
                new.append(a)
        return subprocess.call(compiler + new)
    # One object from two inputs: each compiled alone, then joined.
    out = option_value(args, "-o")
    if len(inputs) != 1 or not out:
        sys.exit("llvm_tier.py: -c of several generated files")
    rest = [a for i, a in enumerate(args)
            if a not in inputs and a != "-o" and (i == 0 or args[i - 1] != "-o")]
    objects = []
    for n, path in enumerate([included_source(inputs[0]), modules[0][1]]):
        obj = "{}.part{}.o".format(out, n)
        # (The module alone uses none of the preprocessor flags.)
        quiet = ["-Wno-unused-command-line-argument"] if n else []
        status = subprocess.call(compiler + rest + quiet + [path, "-o", obj])
        if status != 0:
            return status
        objects.append(obj)
    return subprocess.call(["ld", "-r"] + objects + ["-o", out])


def main():
    global STATE
    mode, STATE, tool = sys.argv[1], sys.argv[2], sys.argv[3]
    if mode == "gen":
        return gen(tool, sys.argv[4:])
    # The compiler is the words up to `--`, its arguments after.
    rest = sys.argv[4:]
    split = rest.index("--")
    return cxx(tool, rest[:split], rest[split + 1:])


if __name__ == "__main__":
    sys.exit(main())
