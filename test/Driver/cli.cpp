// chainrule-gen as a new user first runs it: a bare `chainrule-gen x.cpp`
// with no flags, no -I and no compilation database finds chainrule's own
// headers (next to the executable) and says nothing but the output;
// --version and --help; flags either after `--` or from -p.
#include <chainrule/chainrule.h>

CHAINRULE_GRAD
double square(double x) { return x * x; }

// A compilation database without the file, so that none above %t is used.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/x.cpp && echo '[]' > %t/compile_commands.json
// RUN: cd %t && %chainrule-gen x.cpp > %t/out.cpp 2> %t/err.txt
// RUN: FileCheck %s --check-prefix=BARE --input-file=%t/out.cpp
// RUN: count 0 < %t/err.txt
// BARE: double square_grad(double x, double *d_x) {

// The headers it found are the copies beside it, not the source tree's.
// RUN: cd %t && %chainrule-gen x.cpp -o %t/x.ad.cpp -MD
// RUN: FileCheck %s --check-prefix=OWN --input-file=%t/x.ad.cpp.d -DOBJ=%chainrule_obj_root
// OWN: [[OBJ]]/include/chainrule/chainrule.h

// RUN: %chainrule-gen --version | FileCheck %s --check-prefix=VERSION
// VERSION: chainrule 0.1.0 (built with LLVM 19.{{[0-9]+}}.{{[0-9]+}})

// RUN: %chainrule-gen --help | FileCheck %s --check-prefix=HELP
// HELP:     OVERVIEW: differentiates the annotated functions of one C++ source file
// HELP:     USAGE: chainrule-gen [options] <source>
// HELP-NOT: --extra-arg
// HELP:     -p <dir>

// RUN: not %chainrule-gen -p %t %t/x.cpp -- -DX 2>&1 | FileCheck %s --check-prefix=BOTH
// BOTH: error: give the compiler flags either after '--' or with -p, not both

// RUN: not %chainrule-gen -p %t/nowhere %t/x.cpp 2>&1 | FileCheck %s --check-prefix=NODB
// NODB: error: no compilation database in '{{.*}}nowhere'
// RUN: not %chainrule-gen -p %t %t/x.cpp 2>&1 | FileCheck %s --check-prefix=NOCMD
// NOCMD: error: the compilation database in '{{.*}}' has no command for '{{.*}}x.cpp' nor a similar file
