#!/usr/bin/env python3
"""Differential testing of chainrule on random programs (program.py).

  run_random.py --chainrule-gen BIN --cxx CXX -I DIR [-I DIR] --work DIR
                --seeds FIRST-LAST [--batch K] [--jobs J] [--no-reduce]
                [--outputs cpp|llvm|cpp,llvm]

For each seed, program.py writes a program; chainrule differentiates it with
--grad-mode=reverse (reverse-mode f_grad) and with --grad-mode=forward
(f_grad from forward mode), and the generated code, compiled with the checks
of check_random.h, compares f_grad with f_jvp and with central differences
in double and float. --outputs names chainrule's outputs to check: the C++
source (cpp, the default), the LLVM IR module linked beside the program
(llvm), or both, whose derivatives must then agree bit for bit, the signs
of NaNs aside (both come from one graph and compile at -O0 without
contraction: the same operations in the same order). Programs go through chainrule and the C++ compiler in
batches of K (one translation unit, one namespace each) for speed; a batch
that fails is taken apart to find the programs that fail on their own.

Each failing program is saved under WORK/failures/seed<N>/: original.cpp,
reduced.cpp (the program made as small as possible while it fails the same
way: statements, cases, helpers and right-hand sides deleted one at a time
as long as the failure stays) and log.txt (the commands' output). The last
line printed is the summary; the exit status is non-zero on any failure.
"""
import argparse
import concurrent.futures
import copy
import os
import re
import shlex
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import program  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
MODES = ('reverse', 'forward')
TIMEOUT = 120


class Runner:
    def __init__(self, args):
        self.gen = shlex.split(args.chainrule_gen)
        self.cxx = shlex.split(args.cxx)
        self.includes = args.include
        self.work = args.work
        self.outputs = args.outputs.split(',')

    def run(self, cmd, env=None):
        """(status, output) of \\p cmd; status None on a timeout."""
        try:
            p = subprocess.run(cmd, stdout=subprocess.PIPE, env=env,
                               stderr=subprocess.STDOUT, timeout=TIMEOUT)
            return p.returncode, p.stdout.decode(errors='replace')
        except subprocess.TimeoutExpired:
            return None, 'timed out after %d s' % TIMEOUT

    def check(self, programs, mode, stem):
        """Differentiates and checks \\p programs in \\p mode, through each
        output of chainrule asked for; with two, compares their values.

        Returns (failure, log, failing names): failure is None when all
        pass, else a key saying what went wrong (the same key for the same
        failure, so that the reducer can keep it)."""
        src = stem + '.cpp'
        with open(src, 'w') as f:
            f.write(program.source(programs))
        log, values = '', {}
        for output in self.outputs:
            key, olog, names, values[output] = self.checkOutput(
                src, mode, stem + '.' + mode, output)
            log += olog
            if key is not None:
                prefix = '' if output == 'cpp' else output + ' '
                return prefix + key, log, names
        if len(values) < 2:
            return None, log, []
        # Both outputs come from one graph and compile at -O0 without
        # contraction: the same operations in the same order, the same bits.
        first, second = (values[o] for o in self.outputs)
        differ = sorted(k for k in set(first) | set(second)
                        if first.get(k) != second.get(k))
        if not differ:
            return None, log, []
        for k in differ:
            log += 'outputs differ: %s\n  %s: %s\n  %s: %s\n' % (
                k, self.outputs[0], first.get(k), self.outputs[1],
                second.get(k))
        return 'outputs differ', log, sorted({k.split()[0] for k in differ})

    def checkOutput(self, src, mode, out, output):
        """Checks the derivatives of \\p src from \\p output ('cpp' or
        'llvm'); returns (failure, log, failing names, values), the values
        each program printed (run alone: CR_RANDOM_VALUES), by program, type
        and n."""
        inc = ['-I' + d for d in self.includes]
        if output == 'cpp':
            gen, inputs = out + '.ad.cpp', [out + '.ad.cpp']
        else:
            # The module beside the source it was made from (main() and
            # the checks are in the source, under RUN_CHECKS).
            gen, inputs = out + '.ad.ll', [src, out + '.ad.ll']
            out += '.llvm'
        status, log = self.run(self.gen + ['--emit=' + output,
                                           '--grad-mode=' + mode, src, '-o',
                                           gen, '--', '-std=c++17'] + inc)
        if status is None:
            return 'chainrule-gen: timeout', log, [], {}
        if status != 0:
            if status != 1:
                return 'chainrule-gen: crash (status %d)' % status, log, [], {}
            return 'chainrule-gen: ' + errorKey(log), log, [], {}
        # -O0 -fno-builtin: <cmath> calls are evaluated by the library at
        # run time, never folded by the compiler (whose correctly rounded
        # constants can differ in the last bit: libstdc++'s float overloads
        # call builtins, which an optimising compiler folds on constant
        # arguments whatever -fno-builtin says), and no multiply-add is
        # contracted, so the values of f_grad and f can be compared bit for
        # bit. -frounding-math: every operation obeys the rounding mode the
        # checks set to measure rounding noise (check_random.h).
        # AddressSanitizer: a read or write out of a buffer's bounds in the
        # generated code is a failure.
        status, clog = self.run(self.cxx + ['-std=c++17', '-O0', '-fno-builtin',
                                 '-ffp-contract=off', '-frounding-math',
                                 '-fsanitize=address',
                                 '-DRUN_CHECKS', '-I' + HERE] + inc +
                                inputs + ['-o', out])
        log += clog
        if status != 0:
            return 'compile: ' + errorKey(clog), log, [], {}
        env = dict(os.environ, CR_RANDOM_VALUES='1') \
            if len(self.outputs) > 1 else None
        status, rlog = self.run([out], env)
        log += rlog
        if status is None:
            return 'checks: timeout', log, [], {}
        values = {}
        for line in rlog.splitlines():
            m = re.match(r'values (\S+ \S+ n=\d+) (.*)', line)
            if m:
                # (The sign of a NaN is not specified: not compared.)
                values[m.group(1)] = m.group(2).replace('-nan', 'nan')
        names = sorted({line.split()[0] for line in rlog.splitlines()
                        if re.match(r'p\d+ ', line)})
        if status != 0 and not names:
            return 'checks: crash (status %d)' % status, log, [], values
        if status != 0:
            kinds = sorted({re.search(r' n=\d+ (\S+)', line).group(1)
                            for line in rlog.splitlines()
                            if re.match(r'p\d+ .* n=\d+ ', line)})
            return 'checks: ' + ','.join(kinds), log, names, values
        return None, log, [], values


def errorKey(log):
    """The first error of \\p log without its location and quoted names."""
    for line in log.splitlines():
        m = re.search(r'error: (.*)', line)
        if m:
            return re.sub(r"'[^']*'", "'_'", m.group(1))
    return 'failed'


def statementLists(fn):
    """Every statement list in \\p fn's body, outermost first."""
    lists = [fn.body]
    for stmts in lists:
        for s in stmts:
            lists.extend(s.bodies)
    return lists


def candidates(prog):
    """Smaller versions of \\p prog, each one change away from it."""
    out = []
    # A helper nothing calls.
    for i, h in enumerate(prog.helpers):
        c = copy.deepcopy(prog)
        del c.helpers[i]
        if h.name + '<' not in c.text():
            out.append(c)
    for f in range(len(prog.helpers) + 1):
        fn = (prog.helpers + [prog.main])[f]
        simple = {'h': 'u', 'b': 's', 'r': 'a'}.get(fn.name[0], 'x')
        for li, stmts in enumerate(statementLists(fn)):
            for i, s in enumerate(stmts):
                # Delete the statement, put one of its bodies in its place,
                # drop a case of a switch, or simplify an assignment.
                tries = [[]] + [b for b in s.bodies if b]
                if s.kind == 'switch' and len(s.bodies) > 1:
                    for k in range(len(s.bodies)):
                        t = copy.deepcopy(s)
                        del t.bodies[k]
                        del t.labels[k]
                        tries.append([t])
                m = re.match(r'(\S+) (=|\+=|-=|\*=) (.*);$', s.text) \
                    if s.kind == 'simple' else None
                if m and m.group(3) != simple:
                    tries.append([program.Stmt(
                        'simple', f'{m.group(1)} {m.group(2)} {simple};')])
                for t in tries:
                    c = copy.deepcopy(prog)
                    target = (c.helpers + [c.main])[f]
                    statementLists(target)[li][i:i + 1] = copy.deepcopy(t)
                    out.append(c)
    return out


def reduce(runner, prog, mode, key, stem):
    """Makes \\p prog smaller while it fails with \\p key in \\p mode: tries
    each one-change candidate in turn, takes the first that still fails and
    goes on from there, and passes over the program again until a whole
    pass changes nothing."""
    i, changed = 0, False
    while True:
        cands = candidates(prog)
        for j in range(i, len(cands)):
            k, _, _ = runner.check([cands[j]], mode, stem)
            if k == key:
                prog, i, changed = cands[j], j, True
                break
        else:
            if not changed:
                return prog
            i, changed = 0, False


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--chainrule-gen', required=True)
    ap.add_argument('--cxx', required=True,
                    help='the C++ compiler, with any flags of its own')
    ap.add_argument('-I', '--include', action='append', default=[])
    ap.add_argument('--work', required=True)
    ap.add_argument('--seeds', required=True, help='FIRST-LAST')
    ap.add_argument('--batch', type=int, default=25)
    ap.add_argument('--jobs', type=int, default=2)
    ap.add_argument('--no-reduce', action='store_true')
    ap.add_argument('--outputs', default='cpp',
                    help='cpp, llvm, or cpp,llvm to compare the two')
    args = ap.parse_args()
    first, last = map(int, args.seeds.split('-'))
    os.makedirs(args.work, exist_ok=True)
    runner = Runner(args)
    seeds = list(range(first, last + 1))
    batches = [seeds[i:i + args.batch] for i in range(0, len(seeds), args.batch)]

    def runAlone(seed, mode):
        """Checks program \\p seed alone; saves and reduces it if it fails."""
        prog = program.generate(seed)
        stem = os.path.join(args.work, 'seed%d' % seed)
        key, log, _ = runner.check([prog], mode, stem)
        if key is None:
            return None
        dest = os.path.join(args.work, 'failures', 'seed%d-%s' % (seed, mode))
        os.makedirs(dest, exist_ok=True)
        with open(os.path.join(dest, 'original.cpp'), 'w') as f:
            f.write(program.source([prog]))
        with open(os.path.join(dest, 'log.txt'), 'w') as f:
            f.write('--grad-mode=%s: %s\n%s' % (mode, key, log))
        if not args.no_reduce:
            small = reduce(runner, prog, mode, key, stem + '.reduce')
            with open(os.path.join(dest, 'reduced.cpp'), 'w') as f:
                f.write(program.source([small]))
        return 'FAIL seed %d (--grad-mode=%s): %s: %s' % (seed, mode, key, dest)

    def runBatch(batch):
        """The failures of \\p batch, a line each: the programs that fail on
        their own, or the batch if none does (programs that clash)."""
        progs = [program.generate(s) for s in batch]
        lines = []
        for mode in MODES:
            stem = os.path.join(args.work, 'batch%d' % batch[0])
            key, _, names = runner.check(progs, mode, stem)
            if key is None:
                continue
            suspects = [s for s in batch if 'p%d' % s in names] or batch
            alone = [r for r in (runAlone(s, mode) for s in suspects) if r]
            lines += alone or ['FAIL seeds %d-%d (--grad-mode=%s): only together'
                               % (batch[0], batch[-1], mode)]
        return lines

    failed = set()  # the programs (or batches) that failed, in any mode
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for lines in pool.map(runBatch, batches):
            for line in lines:
                print(line, flush=True)
                failed.add(line.split(' (')[0])
    print('random programs: %d tried, %d failed' % (len(seeds), len(failed)))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
