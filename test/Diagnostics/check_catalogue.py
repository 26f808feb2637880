#!/usr/bin/env python3
"""Checks that every diagnostic chainrule can emit is documented in
docs/diagnostics.md and checked by at least one lit test.

Three kinds of messages are collected from the sources:

  rows     every CHAINRULE_DIAG row of include/chainrule/Frontend/
           Diagnostics.def, expanded into one message per combination of
           its %select{...} choices, the %N arguments matching any text;
  pieces   the fixed texts the frontend passes as those arguments ("a 'goto'
           statement", "variadic functions are not supported", ...): the
           string literals of the statements that report a diagnostic in
           lib/Frontend/*.cpp and lib/Driver/Pipeline.cpp;
  driver   the messages of chainrule-gen's own errors (fail("...") in
           tools/chainrule-gen/chainrule-gen.cpp).

Each must appear in the docs, and on a FileCheck directive line after
`error: ` (or `warning: `, `note: `) in a test under test/ (this checker and
catalogue.test excepted). A row or piece that cannot be triggered is listed
in UNTESTABLE below with the reason; it must still be documented, and must
not turn up in a test (then it is testable after all and leaves the list).

Usage: check_catalogue.py <source root> [--docs FILE] [--def FILE]
Prints one line per problem and exits 1, or prints a summary and exits 0.
"""

import argparse
import itertools
import os
import re
import sys

# Rows (by name) and pieces (by text) no input can reach, with the reason.
UNTESTABLE = {
    "InternalError":
        "a bug in chainrule: the generated graph failed verification",
    "the lowered source":
        "the argument of InternalError",
    "functions nested in classes are not supported":
        "in C++17 every function that is not a member belongs to a "
        "namespace (a friend or a block-scope declaration included)",
    "the object of a member function":
        "the object is lowered, and rejected, before its member function",
    "it is a template":
        "chainrule only meets instantiated templates",
    "this expression":
        "only expressions of struct type reach lowerRecord",
    "a member function call":
        "calls are lowered as calls",
    "a call to an overloaded operator":
        "calls are lowered as calls",
    "a lambda expression":
        "a lambda is lowered as an object of its closure type",
    "a constructor call":
        "a constructor call is lowered as an object",
    "'%' on floating values":
        "C++ has no % on floating types",
    "'%=' on floating values":
        "C++ has no %= on floating types",
    "this compound assignment":
        "the computation types of C++ compound assignments are arithmetic "
        "types chainrule converts",
    "' on pointers":
        "C++ allows only comparisons and subtraction between two pointers",
    "' on a pointer":
        "C++ allows only +, -, +=, -= and = on a pointer",
    "a subscript of this type":
        "C++ subscripts only pointers and arrays, which chainrule lowers to "
        "pointers",
    "a member of this type":
        "a member access needs a struct, which chainrule lowers to one",
    "a dereference of this type":
        "C++ dereferences only pointers",
}

LEVELS = {"Error": "error", "Warning": "warning", "Note": "note"}

# A FileCheck directive that expects its text (not CHECK-NOT).
DIRECTIVE = re.compile(r"\b[A-Z][A-Z0-9_]*(?:-DAG|-NEXT|-SAME|-LABEL)?:")


def c_strings(text):
    """The contents of the C string literals in \p text, concatenated."""
    out = ""
    for m in re.finditer(r'"((?:[^"\\]|\\.)*)"', text):
        out += re.sub(r"\\(.)", r"\1", m.group(1))
    return out


def parse_rows(def_text):
    """(name, level, format) for each CHAINRULE_DIAG row."""
    rows = []
    for m in re.finditer(
            r'^CHAINRULE_DIAG\(\s*(\w+)\s*,\s*(\w+)\s*,((?:\s*"(?:[^"\\]|\\.)*")+)\s*\)',
            def_text, re.M):
        rows.append((m.group(1), m.group(2), c_strings(m.group(3))))
    return rows


def parse_format(fmt):
    """clang's format syntax as a tree: text, ('arg', N) and
    ('select', N, [choices]) nodes."""
    nodes, i = [], 0
    while i < len(fmt):
        if fmt[i] != "%":
            j = fmt.find("%", i)
            j = len(fmt) if j < 0 else j
            nodes.append(fmt[i:j])
            i = j
            continue
        m = re.match(r"%select\{", fmt[i:])
        if m:
            depth, j, start, choices = 1, i + len(m.group(0)), i + len(m.group(0)), []
            while depth:
                c = fmt[j]
                if c == "{":
                    depth += 1
                elif c == "}":
                    depth -= 1
                elif c == "|" and depth == 1:
                    choices.append(fmt[start:j])
                    start = j + 1
                j += 1
            choices.append(fmt[start:j - 1])
            n = re.match(r"\d+", fmt[j:]).group(0)
            nodes.append(("select", int(n), [parse_format(c) for c in choices]))
            i = j + len(n)
            continue
        m = re.match(r"%[a-z]*(\d+)", fmt[i:])
        nodes.append(("arg", int(m.group(1))))
        i += len(m.group(0))
    return nodes


def selects(nodes, out):
    """Adds {argument index: number of choices} of the selects in \p nodes."""
    for n in nodes:
        if isinstance(n, tuple) and n[0] == "select":
            out[n[1]] = max(out.get(n[1], 0), len(n[2]))
            for c in n[2]:
                selects(c, out)
    return out


def variant_regex(nodes, choice):
    """A regex for \p nodes with the selects fixed by \p choice; an argument
    matches any text within one line and one code span."""
    out = ""
    for n in nodes:
        if isinstance(n, str):
            out += re.escape(n)
        elif n[0] == "arg":
            out += r"[^\n`]+?"
        else:
            out += variant_regex(n[2][choice[n[1]]], choice)
    return out


def expand(fmt):
    """(readable variant, regex) for each combination of select choices."""
    nodes = parse_format(fmt)
    sel = selects(nodes, {})
    keys = sorted(sel)
    result = []
    for values in itertools.product(*(range(sel[k]) for k in keys)):
        choice = dict(zip(keys, values))
        regex = variant_regex(nodes, choice)
        readable = re.sub(r"\[\^\\n`\]\+\?", "...", regex).replace("\\", "")
        result.append((readable, regex))
    return result


def cpp_tokens(text):
    """The tokens of C++ \p text, comments dropped, adjacent string literals
    joined into one ('str', contents) token."""
    tokens = []
    pattern = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:[^"\\\n]|\\.)*"|'
                         r"'(?:[^'\\\n]|\\.)*'|\w+|\S", re.S)
    for m in pattern.finditer(text):
        t = m.group(0)
        if t.startswith("//") or t.startswith("/*"):
            continue
        if t.startswith('"'):
            s = c_strings(t)
            if tokens and tokens[-1][0] == "str":
                tokens[-1] = ("str", tokens[-1][1] + s)
            else:
                tokens.append(("str", s))
        else:
            tokens.append(("tok", t))
    return tokens


# Statements naming one of these report a diagnostic (or build its text).
REPORTING = {"unsupported", "Reject", "report", "reportUnsupportedType",
             "What", "Member"}
# Functions whose string literals are all texts of diagnostics.
DESCRIBING = {"describeStmt", "describeExpr", "structProblem"}


def diagnostic_pieces(text):
    """The string literals of \p text that are parts of diagnostics."""
    tokens = cpp_tokens(text)
    pieces = []
    # The bodies of the describing functions: from their name followed by
    # '(' at depth 0 up to the matching '}'.
    in_body = [False] * len(tokens)
    depth = 0
    i = 0
    while i < len(tokens):
        kind, t = tokens[i]
        if depth == 0 and kind == "tok" and t in DESCRIBING and \
                i + 1 < len(tokens) and tokens[i + 1][1] == "(":
            j = i
            while tokens[j][1] not in ("{", ";"):
                j += 1
            if tokens[j][1] == "{":
                d = 0
                for k in range(j, len(tokens)):
                    d += tokens[k][1] == "{"
                    d -= tokens[k][1] == "}"
                    in_body[k] = True
                    if d == 0:
                        break
        depth += (t == "{") - (t == "}") if kind == "tok" else 0
        i += 1
    # Statements: the tokens between ';', '{' and '}'.
    start = 0
    for i, (kind, t) in enumerate(tokens + [("tok", ";")]):
        if kind == "tok" and t in (";", "{", "}"):
            stmt = tokens[start:i]
            reporting = any(k == "tok" and s in REPORTING for k, s in stmt)
            for k, (kind2, s) in enumerate(stmt):
                # Words, not the suffix of a name ("_vjp").
                if kind2 == "str" and (reporting or in_body[start + k]) and \
                        re.search(r"[a-z]{2}", s) and not re.fullmatch(r"_\w+", s):
                    pieces.append(s)
            start = i + 1
    return pieces


def driver_messages(text):
    """The literal messages of fail("...") in chainrule-gen.cpp."""
    tokens = cpp_tokens(text)
    return [tokens[i + 2][1] for i in range(len(tokens) - 2)
            if tokens[i] == ("tok", "fail") and tokens[i + 1] == ("tok", "(")
            and tokens[i + 2][0] == "str"]


def test_lines(root, skip):
    """The FileCheck directive lines of the lit tests under test/."""
    lines = []
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, "test")):
        dirnames[:] = [d for d in dirnames if d not in ("Inputs", "Unit")]
        for f in filenames:
            path = os.path.join(dirpath, f)
            if not f.endswith((".cpp", ".test")) or os.path.abspath(path) in skip:
                continue
            with open(path, encoding="utf-8") as fh:
                lines += [l for l in fh if DIRECTIVE.search(l)]
    return "".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("--docs")
    ap.add_argument("--def", dest="def_file")
    args = ap.parse_args()
    root = args.root
    read = lambda p: open(p, encoding="utf-8").read()
    docs = read(args.docs or os.path.join(root, "docs", "diagnostics.md"))
    def_text = read(args.def_file or os.path.join(
        root, "include", "chainrule", "Frontend", "Diagnostics.def"))
    here = os.path.dirname(os.path.abspath(__file__))
    tests = test_lines(root, {os.path.abspath(__file__),
                              os.path.join(here, "catalogue.test")})
    problems = []
    used = set()

    def check(what, label, key, regex, level, test_regex=None):
        """Reports the message \p label (\p key in UNTESTABLE) missing from
        the docs (\p regex) or the tests (\p test_regex, or \p regex)."""
        if not re.search(regex, docs):
            problems.append("%s %s: not in docs/diagnostics.md" % (what, label))
        in_tests = re.search(r"\b%s: [^\n]*%s" % (level, test_regex or regex),
                             tests)
        if key in UNTESTABLE:
            used.add(key)
            if in_tests:
                problems.append("%s %s: listed as untestable, but a test "
                                "checks it" % (what, label))
        elif not in_tests:
            problems.append("%s %s: no test checks it (on a FileCheck line "
                            "after %s)" % (what, label, level.replace("?:", "")))

    rows = parse_rows(def_text)
    written = len(re.findall(r"^CHAINRULE_DIAG\(", def_text, re.M))
    if not rows or len(rows) != written:
        problems.append("understood %d of the %d CHAINRULE_DIAG rows" %
                        (len(rows), written))
    nvariants = 0
    for name, level, fmt in rows:
        text = fmt[len("chainrule: "):] if fmt.startswith("chainrule: ") else fmt
        variants = expand(text)
        for readable, regex in variants:
            nvariants += 1
            label = name if len(variants) == 1 else '%s "%s"' % (name, readable)
            check("row", label, name, regex, LEVELS[level])

    sources = [os.path.join(root, "lib", "Frontend", f)
               for f in sorted(os.listdir(os.path.join(root, "lib", "Frontend")))
               if f.endswith(".cpp")]
    sources.append(os.path.join(root, "lib", "Driver", "Pipeline.cpp"))
    pieces = []
    for path in sources:
        for p in diagnostic_pieces(read(path)):
            if p not in pieces:
                pieces.append(p)
    for p in pieces:
        # A part that opens with a word follows "differentiate " (the whole
        # %0), ": " (the reason after the name) or "' " (after a quoted
        # name), not the end of a longer part ("the address of this
        # expression" is not "this expression").
        context = r"(?:(?<=differentiate )|(?<=: )|(?<=' ))" \
            if re.match(r"\w", p) else ""
        check("message", '"%s"' % p, p, re.escape(p), "(?:error|note)",
              context + re.escape(p))

    driver = driver_messages(read(os.path.join(
        root, "tools", "chainrule-gen", "chainrule-gen.cpp")))
    for m in driver:
        check("driver error", '"%s"' % m, m, re.escape(m), "error")

    for name in sorted(set(UNTESTABLE) - used):
        problems.append('untestable "%s": no longer in the sources (remove it '
                        "from UNTESTABLE)" % name)

    for p in problems:
        print(p)
    if problems:
        return 1
    print("catalogue: %d rows (%d messages), %d message parts, %d driver "
          "errors: documented and tested" % (len(rows), nvariants, len(pieces),
                                             len(driver)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
