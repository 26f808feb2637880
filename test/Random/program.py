"""Random annotated C++ programs for differential testing of chainrule.

A program is a namespace `p<seed>` holding helper function templates and an
annotated function template

    template <typename T> T f(T x, T y, T z, T *w, int n)

instantiated for float, double and long double. Its body mixes arithmetic,
<cmath> calls kept inside their domains (also the piecewise fmod, fdim,
std::clamp, std::max of a list; fma, asinh, atanh, lgamma), locals reassigned with = += -= *=,
a local array m[4] and the buffer parameter w[4] read and written at
constant and loop-dependent indices (so values are overwritten and read
again inside loops, and w is an output whose seed matters), if/else, ?:, for
loops bounded by n, do and while loops whose trip counts depend on the data
(counted in the body or in a condition that assigns),
break, continue and return inside loops, reads past the arrays' ends behind
a guard (`i + 1 < 4 ? m[i + 1] : ...`), switch with and without
fallthrough, an early return, and calls to the helpers: functions of values
(differentiated through a generated pullback or pushforward), a recursive
one, a recursive one walking a constant array, one keeping bookkeeping in
an integer array that it marks and restores around its recursive call, one
writing the buffer (inlined) and taking it as optional (`if (!w) return;`), a lambda capturing
locals by reference and a small struct with member functions. Blocks in
any position (branches, loop bodies, switch cases, the inlined helper)
declare their own local array (also 2x2), struct with an array member,
std::vector or heap buffer (`new T[4]()`, `new T[4]{a, b}` or `calloc`,
freed at the block's end, which no jump leaves, or a std::unique_ptr),
a std::vector grown by push_back at the function's top level (in loops
and branches, then read back), std::pair, std::tuple (bound by reference to
names) or std::complex (rotated, conjugated, multiplied), whose elements
the statements inside read and write (also in loops, whose reverse
reads them after the block has ended). The arrays are also filled, copied,
reduced and searched with the standard algorithms, and values swapped.
Integer expressions of n and of an integer local q use bitwise operators and
shifts (iexpr), as indices, switch subjects and values. A local of a scoped
enumeration is compared in conditions and switched on, and a constant table
of namespace scope is read at such indices, as is a view (a struct holding a
pointer into m or w, read through a member function).

The program is a tree of statements (Stmt) so that the reducer can delete
and flatten parts of it and print it again; everything is deterministic per
seed.
"""
import random

FUNS = ['std::sin', 'std::cos', 'std::tanh', 'std::exp', 'std::atan',
        'std::log1p', 'std::sqrt', 'std::cbrt', 'std::erf', 'std::fabs',
        'std::hypot', 'std::fmax', 'std::pow', 'std::asinh', 'std::atanh',
        'std::fma', 'std::fdim', 'std::fmod', 'std::lgamma', 'std::clamp',
        'std::max']


class Stmt:
    """A statement: `text` for a simple one, else a header with child lists.

    kind is one of 'simple', 'if', 'for', 'do', 'while', 'forever' (`while
    (true)` or `for (;;)` left by a break, or by the function's return),
    'switch', 'block'.
    bodies is a list of statement lists (then/else, loop body, the cases);
    labels gives each switch body its label line and whether it breaks.
    """

    def __init__(self, kind, text='', bodies=None, labels=None, tail=''):
        self.kind = kind
        self.text = text
        self.bodies = bodies or []
        self.labels = labels or []
        self.tail = tail

    def lines(self, indent):
        out = []
        if self.kind == 'simple':
            return [indent + self.text]
        if self.kind == 'if':
            out.append(f'{indent}if ({self.text}) {{')
            out += block(self.bodies[0], indent + '  ')
            if len(self.bodies) > 1 and self.bodies[1]:
                out.append(f'{indent}}} else {{')
                out += block(self.bodies[1], indent + '  ')
            out.append(f'{indent}}}')
        elif self.kind == 'block':
            out.append(f'{indent}{{')
            out += block(self.bodies[0], indent + '  ')
            out.append(f'{indent}}}')
        elif self.kind == 'for':
            out.append(f'{indent}for ({self.text}) {{')
            out += block(self.bodies[0], indent + '  ')
            out.append(f'{indent}}}')
        elif self.kind in ('do', 'while'):
            # In braces: a case label may follow in a switch.
            # The counter counts in the body, or in the condition
            # (`while ((k += 1) < n + 3 && ...)`).
            counter, cond, in_cond = self.text
            step = f'({counter} += 1)' if in_cond else counter
            out.append(f'{indent}{{')
            out.append(f'{indent}  int {counter} = 0;')
            if self.kind == 'do':
                out.append(f'{indent}  do {{')
            else:
                out.append(f'{indent}  while ({step} < n + 2 + {int(in_cond)} && {cond}) {{')
            if not in_cond:
                out.append(f'{indent}    {counter} += 1;')
            out += block(self.bodies[0], indent + '    ')
            if self.kind == 'do':
                out.append(f'{indent}  }} while ({step} < n && {cond});')
            else:
                out.append(f'{indent}  }}')
            out.append(f'{indent}}}')
        elif self.kind == 'forever':
            counter, cond, spelling, leave = self.text
            out.append(f'{indent}{{')
            out.append(f'{indent}  int {counter} = 0;')
            out.append(f'{indent}  {spelling} {{')
            out.append(f'{indent}    {counter} += 1;')
            # The exit first: a `continue` in the body must not skip it.
            out.append(f'{indent}    if ({counter} > n + 2 || {cond}) {leave};')
            out += block(self.bodies[0], indent + '    ')
            out.append(f'{indent}  }}')
            out.append(f'{indent}}}')
        elif self.kind == 'switch':
            out.append(f'{indent}switch ({self.text}) {{')
            for (label, brk), body in zip(self.labels, self.bodies):
                out.append(f'{indent}{label}:')
                out += block(body, indent + '  ')
                if brk:
                    out.append(f'{indent}  break;')
            out.append(f'{indent}}}')
        return out


def block(stmts, indent):
    out = []
    for s in stmts:
        out += s.lines(indent)
    return out


class Function:
    """A helper or the annotated function: a signature, a body, a return."""

    def __init__(self, name, header, prologue, body, result, annotated=False):
        self.name = name
        self.header = header
        self.prologue = prologue
        self.body = body
        self.result = result
        self.annotated = annotated

    def lines(self):
        out = ['template <typename T>']
        if self.annotated:
            out.append('CHAINRULE_GRAD CHAINRULE_JVP')
        out.append(self.header + ' {')
        out += ['  ' + p for p in self.prologue]
        out += block(self.body, '  ')
        if self.result:
            out.append(f'  return {self.result};')
        out.append('}')
        return out


class Program:
    def __init__(self, seed, helpers, main):
        self.seed = seed
        self.helpers = helpers
        self.main = main

    def lines(self):
        out = [f'namespace p{self.seed} {{']
        for h in self.helpers:
            out += h.lines()
        out += self.main.lines()
        for t in ('float', 'double', 'long double'):
            out.append(f'template {t} f<{t}>({t}, {t}, {t}, {t} *, int);')
        out.append(f'}} // namespace p{self.seed}')
        return out

    def text(self):
        return '\n'.join(self.lines()) + '\n'


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.seed = seed
        self.helpers = []
        self.names = 0
        self.lambda_ = self.struct = self.enum = self.table = False
        self.view = False
        # How many heap buffers' blocks enclose the statements generated.
        self.heap_blocks = 0
        # Whether the constant array e is in scope (for the t helper).
        self.e = False
        # The integers expressions may use (iexpr).
        self.ints = []
        # Reads of array elements past the end, behind a guard, in scope.
        self.guarded = []
        # The arrays in scope that are std::vectors, and that are 2x2.
        self.vectors = []
        self.matrices = []

    def const(self, lo=-2, hi=2):
        c = round(self.rng.uniform(lo, hi), 2)
        # A literal as the user writes it: a double constant, or a T one.
        return repr(c) if self.rng.random() < 0.7 else f'T({c!r})'

    def expr(self, vars, depth, calls=True):
        r = self.rng
        if depth <= 0 or r.random() < 0.3:
            if self.guarded and r.random() < 0.1:
                return r.choice(self.guarded)
            if self.ints and r.random() < 0.05:
                return f'T({self.iexpr()})'
            if self.table and self.ints and r.random() < 0.05:
                return f'T(kTable[{self.iexpr()} % 4])'
            if self.view and self.ints and r.random() < 0.05:
                return f'vw.at({self.iexpr()})'
            return r.choice(vars) if r.random() < 0.65 else self.const()
        a = self.expr(vars, depth - 1, calls)
        b = self.expr(vars, depth - 1, calls)
        k = r.random()
        if k < 0.2:
            return f'({a} + {b})'
        if k < 0.36:
            return f'({a} - {b})'
        if k < 0.54:
            return f'({a} * {b})'
        if k < 0.6:
            return f'({a} / (T(1.5) + {b} * {b}))'
        if k < 0.64:
            return f'({a} > {b} ? {a} : {b} * T(0.5))'
        if k < 0.68 and calls and self.lambda_:
            return f'g({a})'
        if k < 0.7 and calls and self.struct:
            return f'V2<T>{{T({a}), T({b})}}.scaled(c).dot(V2<T>{{x, T({b})}})'
        callable = [h for h in self.helpers
                    if h.name[0] in 'rh' or h.name[0] in 'tu' and self.e]
        if k < 0.72 and calls and callable:
            h = r.choice(callable)
            if h.name.startswith('r'):
                return f'{h.name}<T>({a}, n % 3)'
            if h.name.startswith('h'):
                return f'{h.name}<T>({a}, {b}, n)'
            if h.name.startswith('t'):
                return f'{h.name}<T>(e, {a}, n % 3)'
            if h.name.startswith('u'):
                return f'{h.name}<T>(e, {a}, n % 3, seen)'
        f = r.choice(FUNS)
        if f in ('std::log1p', 'std::sqrt'):
            return f'{f}(1 + {a} * {a})'
        if f == 'std::exp':
            return f'{f}(T(0.3) * std::sin({a}))'
        if f == 'std::hypot':
            return f'{f}({a}, T(0.5) + {b} * {b})'
        if f == 'std::fmax':
            return f'{f}({a}, {b})'
        if f == 'std::pow':
            return f'{f}(T(1.2) + {a} * {a}, T({r.choice([2, 3, 0.5])}))'
        if f == 'std::fabs':
            return f'{f}({a}) * T(0.5)'
        if f == 'std::atanh':
            return f'{f}(T(0.5) * std::tanh({a}))'
        if f == 'std::fma':
            return f'{f}({a}, {b}, T(0.5))'
        if f == 'std::fdim':
            return f'{f}({a}, {b})'
        if f == 'std::fmod':
            return f'{f}({a}, T(0.75) + {b} * {b})'
        if f == 'std::lgamma':
            return f'{f}(T(1.5) + {a} * {a})'
        if f == 'std::clamp':
            return f'{f}(T({a}), T(-1), T(1.25))'
        if f == 'std::max':
            return f'{f}({{T({a}), T({b}), T(0.5)}})'
        return f'{f}({a})'

    def iexpr(self):
        """A small non-negative integer from n (0, 1 or 3 in the checks) and
        the local q, through bitwise operators and shifts."""
        forms = ['n', '(n & 1)', '(n | 2)', '(n << 1)', '(~n & 3)',
                 '(n >> 1 ^ 1)']
        if 'q' in self.ints:
            forms += ['q', '(n ^ q)', '(q >> 1)', '((n ^ 2) & q)',
                      '(q | n >> 1)']
        return self.rng.choice(forms)

    def assign(self, v, vars):
        op = self.rng.choice(['=', '+=', '*=', '-='])
        rhs = self.expr(vars, 2)
        if op == '*=':
            rhs = f'(T(0.5) + T(0.25) * std::tanh({rhs}))'
        return Stmt('simple', f'{v} {op} {rhs};')

    def stmts(self, vars, depth, inloop, buffers=True):
        """1 to 3 statements over the lvalues \\p vars."""
        r = self.rng
        out = []
        for _ in range(r.randint(1, 3)):
            k = r.random()
            v = r.choice(vars)
            if depth > 0 and r.random() < 0.08:
                out.append(self.scoped(vars, depth, inloop, buffers))
            elif self.arrays and r.random() < 0.06:
                out.append(self.algorithm(vars))
            elif k < 0.42 or depth <= 0:
                out.append(self.assign(v, vars))
            elif k < 0.62:
                cond = f'{self.expr(vars, 1)} > {round(r.uniform(-1, 1), 2)}'
                if self.enum and r.random() < 0.3:
                    cond = (f'mode {r.choice(["==", "!="])} '
                            f'Mode::{r.choice("ABC")}')
                then = self.stmts(vars, depth - 1, inloop, buffers)
                other = self.stmts(vars, depth - 1, inloop, buffers) \
                    if r.random() < 0.5 else []
                out.append(Stmt('if', cond, [then, other]))
            elif k < 0.76:
                self.names += 1
                i = f'i{self.names}'
                bound = 'n' if r.random() < 0.5 else 'n + 1'
                # The loop's counter indexes the arrays inside it, also
                # past their ends behind a guard (out of bounds if the read
                # were made whatever the guard).
                inner = vars + [self.at(a, f'({i} + {r.randint(0, 3)}) % 4')
                                for a in self.arrays]
                saved = self.guarded
                self.guarded = saved + [
                    f'({i} + 1 < 4 ? {self.at(a, f"{i} + 1")} : T(0.5))'
                    for a in self.arrays] + [
                    f'({i} < 3 && {self.at(a, f"{i} + 1")} > 0 ? '
                    f'{self.at(a, i)} : {self.at(a, 0)})'
                    for a in self.arrays]
                body = self.stmts(inner, depth - 1, True, buffers)
                self.guarded = saved
                out.append(Stmt('for', f'int {i} = 0; {i} < {bound}; ++{i}',
                                [body]))
            elif k < 0.84 and depth > 0:
                # A loop whose trip count depends on the data.
                self.names += 1
                d = f'k{self.names}'
                cond = f'{v} < {round(r.uniform(-1, 1), 2)}'
                kind = r.choice(['do', 'while', 'forever'])
                body = [self.stmts(vars, depth - 1, True, buffers)]
                if kind == 'forever':
                    spelling = r.choice(['while (true)', 'for (;;)'])
                    out.append(Stmt(kind, (d, cond, spelling, 'break'), body))
                else:
                    out.append(Stmt(kind, (d, cond, r.random() < 0.4), body))
            elif k < 0.9 and depth > 0:
                labels, bodies = [], []
                on_enum = self.enum and r.random() < 0.4
                cases = sorted(r.sample(range(3 if on_enum else 4),
                                        r.randint(1, 3)))
                for case in cases:
                    label = f'case Mode::{"ABC"[case]}' if on_enum \
                        else f'case {case}'
                    labels.append((label, r.random() < 0.6))
                    bodies.append(self.stmts(vars, depth - 1, inloop, buffers))
                if r.random() < 0.5:
                    labels.append(('default', False))
                    bodies.append(self.stmts(vars, depth - 1, inloop, buffers))
                subject = self.iexpr() if self.ints else 'n'
                subject = 'mode' if on_enum \
                    else f'({subject} + {r.randint(0, 3)}) % 4'
                out.append(Stmt('switch', subject, bodies, labels))
            elif k < 0.95 and buffers and self.writer:
                out.append(Stmt('simple',
                                f'{self.writer.name}<T>(w, {self.expr(vars, 1)}, n);'))
            elif inloop:
                # (No return out of a heap buffer's block: it would leak.)
                c = r.choice(['break', 'continue'] +
                             ([] if self.heap_blocks else ['return']))
                cond = f'{self.expr(vars, 1)} > {round(r.uniform(0, 2), 2)}'
                if c == 'return':
                    out.append(Stmt('simple',
                                    f'if ({cond}) return {self.expr(vars, 1)};'))
                else:
                    out.append(Stmt('simple', f'if ({cond}) {c};'))
            elif 'q' in self.ints and r.random() < 0.5:
                op = r.choice(['^=', '|=', '&=', '<<=', '>>='])
                out.append(Stmt('simple', f'q {op} {r.randint(1, 3)}; q &= 3;'))
            else:
                out.append(Stmt('simple', f'{v} = {v} * T(0.9) + T(0.1);'))
        return out

    def at(self, a, k):
        """Element \\p k (an index expression, 0 to 3) of array \\p a: of a
        2x2 one, row k / 2 and column k % 2."""
        if a in self.matrices:
            return f'{a}[({k}) / 2][({k}) % 2]'
        return f'{a}[{k}]'

    def algorithm(self, vars):
        """A standard algorithm over the arrays in scope (4 elements each)."""
        r = self.rng

        def ends(a):
            if a in self.vectors:
                return f'{a}.begin()', f'{a}.end()'
            return a, f'{a} + 4'

        flat = [a for a in self.arrays if a not in self.matrices]
        if not flat:
            return Stmt('simple', f'{r.choice(vars)} *= T(0.9);')
        a = r.choice(flat)
        b = r.choice(flat)
        first, last = ends(a)
        other = ends(b)[0]
        v = r.choice(vars)
        k = r.randint(0, 6)
        if k == 0:
            text = f'std::fill({first}, {last}, T({self.expr(vars, 1)}));'
        elif k == 1:
            text = f'std::fill_n({first} + 1, 2, T({self.expr(vars, 1)}));'
        elif k == 2 and a != b:
            text = f'std::copy({other}, {other} + 2, {first} + 2);'
        elif k == 3:
            text = f'{v} += T(0.25) * std::accumulate({first}, {last}, T(0));'
        elif k == 4:
            text = (f'{v} += T(0.1) * std::inner_product({first}, {last}, '
                    f'{other}, T(0));')
        elif k == 5:
            pick = r.choice(['max_element', 'min_element'])
            text = f'{v} += {a}[std::{pick}({first}, {last}) - {first}];'
        else:
            text = f'std::swap({v}, {r.choice(vars)});'
        return Stmt('simple', text)

    def scoped(self, vars, depth, inloop, buffers):
        """A block with its own local array, struct, vector or heap buffer, used by the
        statements inside it and added into an outer lvalue at its end."""
        r = self.rng
        self.names += 1
        name = f'l{self.names}'
        e = [f'T({self.expr(vars, 1)})' for _ in range(3)]
        kind = r.choice(['array', 'matrix', 'struct', 'vector', 'heap',
                         'pair', 'tuple', 'complex'])
        inner = list(vars)
        if kind in ('pair', 'tuple', 'complex'):
            return self.value_block(name, kind, e, vars, depth, inloop, buffers)
        if kind == 'heap':
            # A heap buffer, freed at the block's end (no jump leaves it).
            new, free = r.choice([
                (f'new T[4]()', f'delete[] {name};'),
                (f'new T[4]{{{e[2]}, T(0.5)}}', f'delete[] {name};'),
                (f'static_cast<T *>(std::calloc(4, sizeof(T)))',
                 f'std::free({name});'),
                (f'std::make_unique<T[]>(4)', None),
                (f'std::unique_ptr<T[]>(new T[4]())', None)])
            # A std::unique_ptr frees its buffer itself; its elements are
            # reached through get() (algorithms take pointers).
            decl = [f'{"auto " if free is None else "T *"}{name} = {new};',
                    f'{name}[0] = {e[0]};',
                    f'{name}[{r.randint(1, 3)}] = {e[1]};']
            elem = name if free else f'{name}.get()'
        elif kind == 'array':
            decl = [f'T {name}[4] = {{{e[0]}, {e[1]}}};']
            elem = name
        elif kind == 'matrix':
            decl = [f'T {name}[2][2] = {{{{{e[0]}, {e[1]}}}, {{{e[2]}}}}};']
            elem = name
        elif kind == 'struct':
            decl = [f'L4<T> {name}{{{{{e[0]}, {e[1]}}}, {e[2]}}};']
            elem = f'{name}.a'
            inner.append(f'{name}.s')
            if LOCALS not in self.helpers:
                self.helpers.insert(0, LOCALS)
        else:
            decl = [f'std::vector<T> {name}(4);', f'{name}[0] = {e[0]};',
                    f'{name}[{r.randint(1, 3)}] = {e[1]};']
            elem = name
        saved = self.arrays, self.vectors, self.matrices
        self.arrays = saved[0] + [elem]
        if kind == 'vector':
            self.vectors = saved[1] + [elem]
        if kind == 'matrix':
            self.matrices = saved[2] + [elem]
        inner += [self.at(elem, r.randint(0, 3)), self.at(elem, '(n + 1) % 4')]
        self.heap_blocks += kind == 'heap'
        body = self.stmts(inner, depth - 1, inloop and kind != 'heap', buffers)
        self.heap_blocks -= kind == 'heap'
        # The block's result reaches an outer lvalue, perhaps through a loop
        # that only reads the local (whose reverse reads it again).
        target = r.choice(vars)
        if r.random() < 0.5:
            self.names += 1
            i = f'i{self.names}'
            fold = Stmt('for', f'int {i} = 0; {i} < n + 1; ++{i}', [[Stmt(
                'simple', f'{target} += T(0.25) * {self.at(elem, f"{i} % 4")} * '
                          f'{self.expr(vars, 1)};')]])
        else:
            fold = Stmt('simple', f'{target} += T(0.25) * '
                                  f'{self.at(elem, r.randint(0, 3))};')
        self.arrays, self.vectors, self.matrices = saved
        end = [Stmt('simple', free)] if kind == 'heap' and free else []
        return Stmt('block', '', [[Stmt('simple', d) for d in decl] + body +
                                  [fold] + end])

    def value_block(self, name, kind, e, vars, depth, inloop, buffers):
        """A block with a local std::pair, std::tuple (bound by reference to
        names) or std::complex, whose members the statements inside read and
        write, added into an outer lvalue at its end."""
        r = self.rng
        if kind == 'pair':
            decl = [r.choice([f'std::pair<T, T> {name}{{{e[0]}, {e[1]}}};',
                              f'auto {name} = std::make_pair({e[0]}, {e[1]});'])]
            members = [f'{name}.first', f'std::get<1>({name})']
        elif kind == 'tuple':
            decl = [f'std::tuple<T, T, T> {name}{{{e[0]}, {e[1]}, {e[2]}}};',
                    f'auto &[{name}a, {name}b, {name}c] = {name};']
            members = [f'{name}a', f'std::get<1>({name})', f'{name}c']
        else:
            # Rotations and conjugates keep the magnitude of the numbers.
            w = self.expr(vars, 1)
            decl = [f'std::complex<T> {name}{{{e[0]}, {e[1]}}};',
                    f'{name} *= std::polar(T(1), T({w}));',
                    f'{name} += std::conj({name}) * T(0.5) - T(0.25) * {e[2]};']
            members = []
        body = self.stmts(vars + members, depth - 1, inloop, buffers)
        if kind == 'complex':
            body.append(Stmt('simple', f'{name} = {name} * std::complex<T>('
                                       f'std::cos(T({self.expr(vars, 1)})), T(0.5));'))
            read = f'{name}.real() - std::imag({name}) * T(0.5)'
        elif kind == 'tuple':
            read = f'std::get<0>({name}) + {name}b * std::get<2>({name})'
        else:
            read = f'{name}.first + T(0.5) * {name}.second'
        fold = Stmt('simple', f'{r.choice(vars)} += T(0.25) * ({read});')
        return Stmt('block', '', [[Stmt('simple', d) for d in decl] + body +
                                  [fold]])

    def grown_vector(self, vars):
        """A std::vector of the function's top level grown by push_back in
        loops and branches (its final size depends on the data), then read
        back into the locals."""
        r = self.rng
        self.names += 1
        v, i, j = f'g{self.names}', f'gi{self.names}', f'gj{self.names}'
        push = lambda: Stmt('simple', f'{v}.push_back(T({self.expr(vars, 1)}));')
        inner = [push()]
        if r.random() < 0.6:
            cond = f'{self.expr(vars, 1)} > {round(r.uniform(-1, 1), 2)}'
            inner.append(Stmt('if', cond, [[push()], []]))
        if r.random() < 0.4:
            inner.append(Stmt('for', f'int {j} = 0; {j} < ({i} & 1) + 1; ++{j}',
                              [[push()]]))
        build = [Stmt('simple', f'std::vector<T> {v};')]
        if r.random() < 0.5:
            build.append(Stmt('simple', f'{v}.reserve(2 * n + 2);'))
        build.append(Stmt('for', f'int {i} = 0; {i} < n + 1; ++{i}', [inner]))
        if r.random() < 0.5:
            build.append(push())
        target = r.choice(vars)
        if r.random() < 0.5:
            read = Stmt('for', f'T e : {v}', [[Stmt(
                'simple', f'{target} += T(0.1) * std::tanh(e);')]])
        else:
            read = Stmt('for', f'int {i} = 0; {i} < (int){v}.size(); ++{i}',
                        [[Stmt('simple', f'{target} += T(0.05) * {v}[{i}] * '
                                         f'{v}[({i} + 1) % {v}.size()];')]])
        return build + [read]

    def value_helper(self, index):
        """T h<k>(T u, T v, int n): a function of two values."""
        self.arrays = []
        self.ints = ['n']
        vars = ['u', 'v', 's']
        body = self.stmts(vars, 1, False, buffers=False)
        return Function(f'h{index}', f'T h{index}(T u, T v, int n)', ['T s = u * v;'],
                        body, f'{self.expr(vars, 1, calls=False)} + s * T(0.1)')

    def recursive_helper(self, index):
        """T r<k>(T a, int k): a recursion on values."""
        self.ints = []
        e = self.expr(['a'], 2, calls=False)
        name = f'r{index}'
        return Function(name, f'T {name}(T a, int k)', [], [],
                        f'k <= 0 ? a : T(0.5) * {name}({e}, k - 1) + a')

    def buffer_recursive_helper(self, index):
        """T t<k>(const T *p, T a, int k): a recursion along a read-only
        buffer (the constant local array e, k < 3)."""
        self.ints = []
        e = self.expr(['a', 'p[0]', 'p[1]'], 2, calls=False)
        name = f't{index}'
        return Function(name, f'T {name}(const T *p, T a, int k)', [], [],
                        f'k <= 0 ? a * p[0] : p[0] * {name}<T>(p + 1, T({e}), k - 1) + a')

    def bookkeeping_helper(self, index):
        """T u<k>(const T *p, T a, int k, int *seen): a recursion that marks
        an integer array before its recursive call and restores it after
        (the reverse sweep must put the marks back for each pullback)."""
        self.ints = []
        e = self.expr(['a', 'p[0]', 'p[1]'], 2, calls=False)
        name = f'u{index}'
        body = [Stmt('simple', 'if (k <= 0) return a * p[seen[0] % 2];'),
                Stmt('simple', 'seen[k % 4] += 1;'),
                Stmt('simple', f'T r = p[seen[k % 4] % 2] * '
                               f'{name}<T>(p, T({e}), k - 1, seen) + a;'),
                Stmt('simple', 'seen[k % 4] -= 1;')]
        return Function(name, f'T {name}(const T *p, T a, int k, int *seen)',
                        [], body, 'r')

    def buffer_helper(self, index):
        """void b<k>(T *w, T s, int n): writes the buffer (inlined)."""
        vars = ['s', 'w[0]', 'w[(n + 1) % 4]']
        self.arrays = ['w']
        self.ints = ['n']
        self.names += 1
        i = f'j{self.names}'
        body = [Stmt('for', f'int {i} = 0; {i} < n; ++{i}',
                     [[self.assign(f'w[({i} + {self.rng.randint(0, 3)}) % 4]',
                                   vars + [f'w[{i} % 4]'])]])]
        body += self.stmts(vars, self.rng.randint(0, 1), False, buffers=False)
        # An optional buffer: the helper does nothing without one.
        guard = self.rng.random()
        if guard < 0.3:
            body = [Stmt('if', 'w != nullptr', [body, []])]
        elif guard < 0.6:
            body.insert(0, Stmt('simple', 'if (!w) return;'))
        return Function(f'b{index}', f'void b{index}(T *w, T s, int n)', [],
                        body, '')

    def program(self):
        r = self.rng
        self.writer = None
        for k in range(r.randint(0, 2)):
            self.helpers.append(self.value_helper(k))
        if r.random() < 0.4:
            self.helpers.append(self.recursive_helper(0))
        recursive_buffer = r.random() < 0.3
        if recursive_buffer:
            self.helpers.append(self.buffer_recursive_helper(0))
            if r.random() < 0.5:
                self.helpers.append(self.bookkeeping_helper(0))
        if r.random() < 0.4:
            self.writer = self.buffer_helper(0)
            self.helpers.append(self.writer)
        self.arrays = ['m', 'w']
        prologue = ['T a = x, b = y * T(0.5), c = z;',
                    'T m[4] = {a, b, c, T(0.5)};']
        if recursive_buffer:
            prologue.append('const T e[4] = {x * y, z, T(0.5), y};')
            prologue.append('int seen[4] = {0, 0, 0, 0};')
            self.e = True
        if r.random() < 0.4:
            # A lambda reading locals by reference (their values at each call).
            self.ints = []
            body = self.expr(['t', 'c', 'm[1]'], 2, calls=False)
            prologue.append(f'auto g = [&](T t) {{ return t * {body}; }};')
            self.lambda_ = True
        if r.random() < 0.4:
            # A small struct with member functions, built in expressions.
            self.helpers.insert(0, STRUCT)
            self.struct = True
        if r.random() < 0.3:
            # A table of constants of namespace scope.
            values = ', '.join(repr(round(r.uniform(-2, 2), 2)) for _ in range(4))
            self.helpers.insert(0, Table(values))
            self.table = True
        if r.random() < 0.3:
            # A view of two elements of m or w.
            self.helpers.insert(0, VIEW)
            prologue.append(f'V2p<T> vw{{{r.choice(["m", "w"])} + '
                            f'{r.randint(0, 2)}, 2}};')
            self.view = True
        if r.random() < 0.3:
            # A scoped enumeration: a local chosen from n.
            self.helpers.insert(0, ENUM)
            prologue.append('Mode mode = static_cast<Mode>(n % 3);')
            self.enum = True
        vars = ['x', 'y', 'z', 'a', 'b', 'c', 'm[0]', f'm[{r.randint(1, 3)}]',
                'm[(n + 1) % 4]', f'w[{r.randint(0, 3)}]', 'w[(n + 2) % 4]']
        if r.random() < 0.5:
            # An integer local changed by bitwise operators (iexpr), also in
            # loops, indexing the arrays.
            prologue.append('int q = (n ^ 5) & 3;')
            self.ints = ['n', 'q']
            vars += ['m[q]', 'w[(q + n) % 4]']
        else:
            self.ints = ['n']
        body = self.stmts(vars, 3, False)
        if r.random() < 0.3:
            body = self.grown_vector(vars) + body
        if any(h.name == 'u0' for h in self.helpers):
            body.append(Stmt('simple', f'{r.choice(vars)} += T(0.1) * '
                                       f'u0<T>(e, {r.choice(vars)}, n % 3, seen);'))
        if r.random() < 0.2:
            # The buffer taken as optional.
            body.append(Stmt('if', 'w != nullptr',
                             [[self.assign('w[n % 4]', vars)], []]))
        if r.random() < 0.3:
            body.append(Stmt('simple', 'if (a > b) return a * c;'))
        result = (f'a * T(0.3) + b * T(0.2) + c * T(0.1) + x * y + '
                  f'm[{r.randint(0, 3)}] * T(0.05)')
        if r.random() < 0.15:
            # The function ends in a loop left only by its return.
            self.names += 1
            spelling = r.choice(['while (true)', 'for (;;)'])
            body.append(Stmt('forever', (f'k{self.names}', 'false', spelling,
                                         f'return {result}'),
                             [[self.assign(r.choice(vars), vars)]]))
            result = ''
        main = Function('f', 'T f(T x, T y, T z, T *w, int n)', prologue, body,
                        result, annotated=True)
        return Program(self.seed, self.helpers, main)


class Struct:
    """A fixed helper: a 2-vector with member functions."""

    name = 'V2'
    body = []

    def lines(self):
        return ['template <typename T> struct V2 {',
                '  T u, v;',
                '  T dot(const V2 &o) const { return u * o.u + v * o.v; }',
                '  V2 scaled(T s) const { return {u * s, v * std::tanh(s)}; }',
                '};']


STRUCT = Struct()


class Locals:
    """A fixed helper: the struct that blocks declare locally."""

    name = 'L4'
    body = []

    def lines(self):
        return ['template <typename T> struct L4 {',
                '  T a[4];',
                '  T s;',
                '};']


LOCALS = Locals()


class Enum:
    """A fixed helper: a scoped enumeration."""

    name = 'Mode'
    body = []

    def lines(self):
        return ['enum class Mode { A, B, C };']


ENUM = Enum()


class View:
    """A fixed helper: a struct holding a pointer and a size."""

    name = 'V2p'
    body = []

    def lines(self):
        return ['template <typename T> struct V2p {',
                '  const T *p;',
                '  int n;',
                '  T at(int i) const { return p[i % n]; }',
                '};']


VIEW = View()


class Table:
    """A fixed helper: a constant table of namespace scope."""

    name = 'kTable'
    body = []

    def __init__(self, values):
        self.values = values

    def lines(self):
        return [f'constexpr double kTable[4] = {{{self.values}}};']


def generate(seed):
    return Generator(seed).program()


HEADER = '''// Random programs for differential testing (test/Random/program.py).
#include <chainrule/chainrule.h>
#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdlib>
#include <memory>
#include <numeric>
#include <tuple>
#include <utility>
#include <vector>
'''


def source(programs):
    """A translation unit holding \\p programs and, under RUN_CHECKS, the
    main that checks each (check_random.h)."""
    out = [HEADER]
    for p in programs:
        out.append(p.text())
    out.append('#ifdef RUN_CHECKS')
    out.append('#include "check_random.h"')
    for p in programs:
        out.append(f'CR_DECLARE_DERIVATIVES(p{p.seed})')
    out.append('int main() {')
    out.append('  int bad = 0;')
    for p in programs:
        out.append(f'  bad += CR_CHECK_PROGRAM(p{p.seed});')
    out.append('  return bad != 0;')
    out.append('}')
    out.append('#endif')
    return '\n'.join(out) + '\n'


if __name__ == '__main__':
    import sys
    print(source([generate(int(s)) for s in sys.argv[1:]]), end='')
