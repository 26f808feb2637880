#!/usr/bin/env python3
"""Writes a random annotated C++ function for differential testing.

  gen_program.py <seed>   (deterministic per seed)

The function f(x, y, z, w, n) mixes arithmetic, <cmath> calls kept inside
their domains, locals reassigned with = += -= *=, a local array m[4] and
the buffer parameter w[4] read and written at constant and loop-dependent
indices (so values are overwritten and read again inside loops, and w is an
output whose seed matters), if/else, for and do loops whose
trip counts depend on n and on the data, break, continue and return inside
loops, switch with and without fallthrough, and an early return. check_main.cpp compares its _grad with its _jvp and with central
finite differences (see run.sh).
"""
import random
import sys

seed = int(sys.argv[1]); random.seed(seed)
FUNS1 = ['std::sin','std::cos','std::tanh','std::exp','std::atan','std::log1p','std::sqrt','std::cbrt','std::erf']
def expr(vars, depth):
    if depth <= 0 or random.random() < 0.3:
        r = random.random()
        if r < 0.6: return random.choice(vars)
        return repr(round(random.uniform(-2, 2), 2))
    k = random.random()
    a = expr(vars, depth-1); b = expr(vars, depth-1)
    if k < 0.25: return f'({a} + {b})'
    if k < 0.45: return f'({a} - {b})'
    if k < 0.65: return f'({a} * {b})'
    if k < 0.72: return f'({a} / (1.5 + {b} * {b}))'
    f = random.choice(FUNS1)
    if f in ('std::log1p','std::sqrt'): return f'{f}(1 + {a} * {a})'
    if f == 'std::exp': return f'{f}(0.3 * std::sin({a}))'
    return f'{f}({a})'
def stmts(vars, depth, inloop, indent):
    out = []
    for _ in range(random.randint(1, 3)):
        r = random.random()
        v = random.choice(vars)
        if r < 0.45 or depth <= 0:
            op = random.choice(['=', '+=', '*=', '-='])
            rhs = expr(vars, 2)
            if op == '*=': rhs = f'(0.5 + 0.25 * std::tanh({rhs}))'
            out.append(f'{indent}{v} {op} {rhs};')
        elif r < 0.7:
            out.append(f'{indent}if ({expr(vars,1)} > {round(random.uniform(-1,1),2)}) {{')
            out += stmts(vars, depth-1, inloop, indent+'  ')
            if random.random() < 0.5:
                out.append(f'{indent}}} else {{')
                out += stmts(vars, depth-1, inloop, indent+'  ')
            out.append(f'{indent}}}')
        elif r < 0.85:
            i = f'i{depth}{random.randint(0,99)}'
            out.append(f'{indent}for (int {i} = 0; {i} < n{"" if random.random()<0.5 else " + 1"}; ++{i}) {{')
            # The loop's counter indexes the array inside it.
            inner = vars + [f'm[({i} + {random.randint(0,3)}) % 4]',
                            f'w[({i} + {random.randint(0,3)}) % 4]']
            out += stmts(inner, depth-1, True, indent+'  ')
            out.append(f'{indent}}}')
        elif r < 0.9 and depth > 0:
            k = random.random()
            if k < 0.4:
                d = f'd{depth}{random.randint(0,99)}'
                # In braces: a case label may follow in a switch.
                out.append(f'{indent}{{')
                out.append(f'{indent}int {d} = 0;')
                out.append(f'{indent}do {{')
                out.append(f'{indent}  {d} += 1;')
                out += stmts(vars, depth-1, True, indent+'  ')
                out.append(f'{indent}}} while ({d} < n && {v} < {round(random.uniform(-1,1),2)});')
                out.append(f'{indent}}}')
            else:
                out.append(f'{indent}switch ((n + {random.randint(0,3)}) % 4) {{')
                for case in random.sample(range(4), random.randint(1, 3)):
                    out.append(f'{indent}case {case}:')
                    out += stmts(vars, depth-1, inloop, indent+'  ')
                    if random.random() < 0.6:
                        out.append(f'{indent}  break;')
                if random.random() < 0.5:
                    out.append(f'{indent}default:')
                    out += stmts(vars, depth-1, inloop, indent+'  ')
                out.append(f'{indent}}}')
        elif inloop:
            c = random.choice(['break', 'continue', 'return'])
            if c == 'return':
                out.append(f'{indent}if ({expr(vars,1)} > {round(random.uniform(0,2),2)}) return {expr(vars,1)};')
            else:
                out.append(f'{indent}if ({expr(vars,1)} > {round(random.uniform(0,2),2)}) {c};')
        else:
            out.append(f'{indent}{v} = {v} * 0.9 + 0.1;')
    return out
params = ['x', 'y', 'z']
body = ['  double a = x, b = y * 0.5, c = z;',
        '  double m[4] = {a, b, c, 0.5};']
vars_ = ['x', 'y', 'z', 'a', 'b', 'c', 'm[0]', f'm[{random.randint(1,3)}]',
         'm[(n + 1) % 4]', f'w[{random.randint(0,3)}]', 'w[(n + 2) % 4]']
body += stmts(vars_, 3, False, '  ')
if random.random() < 0.3:
    body.append(f'  if (a > b) return a * c;')
body.append(f'  return a * 0.3 + b * 0.2 + c * 0.1 + x * y + m[{random.randint(0,3)}] * 0.05;')
print('#include <chainrule/chainrule.h>\n#include <cmath>')
print('CHAINRULE_GRAD CHAINRULE_JVP')
print('double f(double x, double y, double z, double *w, int n) {')
print('\n'.join(body))
print('}')
