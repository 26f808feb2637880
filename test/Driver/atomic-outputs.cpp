// chainrule-gen never changes its source, and writes its outputs all or
// none: after a failing run (a source chainrule rejects, an output it cannot
// create) the outputs of an earlier run are left exactly as they were,
// time stamps included, nothing is written to stdout, and no temporary file
// is left beside them.
#include <chainrule/chainrule.h>

#include <cmath>

CHAINRULE_GRAD CHAINRULE_JVP
double loss(double w, double b) { return std::tanh(w * b) + w * w; }

// RUN: rm -rf %t && mkdir -p %t/out
// RUN: cp %s %t/good.cpp && cp %s %t/good.orig
// RUN: cp %S/Inputs/rejected.cpp %t/bad.cpp && cp %S/Inputs/rejected.cpp %t/bad.orig
// RUN: touch -d @946684800 %t/good.cpp %t/bad.cpp

// A successful run, then a failing one: neither changes its source.
// RUN: %chainrule-gen %t/good.cpp -o %t/out/m.ad.cpp --header %t/out/m.ad.h -MD -MF %t/out/m.d -- %cxxflags
// RUN: not %chainrule-gen %t/bad.cpp -o %t/bad.ad.cpp -- %cxxflags 2>&1 | FileCheck %s --check-prefix=REJECTED
// REJECTED: error: chainrule: cannot differentiate a 'goto' statement
// RUN: cmp %t/good.cpp %t/good.orig
// RUN: cmp %t/bad.cpp %t/bad.orig
// RUN: stat -c %%Y %t/good.cpp %t/bad.cpp | sort -u | FileCheck %s --check-prefix=OLD
// RUN: test ! -e %t/bad.ad.cpp

// The outputs of the successful run are kept aside, and their time stamps
// set back, for the failing runs below.
// RUN: mkdir %t/saved && cp %t/out/m.ad.cpp %t/out/m.ad.h %t/out/m.d %t/saved/
// RUN: touch -d @946684800 %t/out/m.ad.cpp %t/out/m.ad.h %t/out/m.d

// A source chainrule rejects, written to the same outputs.
// RUN: not %chainrule-gen %t/bad.cpp -o %t/out/m.ad.cpp --header %t/out/m.ad.h -MD -MF %t/out/m.d -- %cxxflags 2>&1 | FileCheck %s --check-prefix=REJECTED
// RUN: cmp %t/out/m.ad.cpp %t/saved/m.ad.cpp && cmp %t/out/m.ad.h %t/saved/m.ad.h && cmp %t/out/m.d %t/saved/m.d

// The good source with its header in a directory that does not exist: the
// main output would be unchanged, and stays.
// RUN: not %chainrule-gen %t/good.cpp -o %t/out/m.ad.cpp --header %t/missing/m.ad.h -- %cxxflags 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: error: '{{.*}}missing/m.ad.h': No such file or directory
// RUN: cmp %t/out/m.ad.cpp %t/saved/m.ad.cpp

// The main output would change (the SSA instead of C++), the header cannot
// be created: the main output stays as it was.
// RUN: not %chainrule-gen %t/good.cpp --emit=ssa -o %t/out/m.ad.cpp --header %t/missing/m.ad.h -- %cxxflags 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: cmp %t/out/m.ad.cpp %t/saved/m.ad.cpp

// The depfile's path is a directory: main output and header stay.
// RUN: mkdir %t/out/dir.d
// RUN: not %chainrule-gen %t/good.cpp --emit=ssa -o %t/out/m.ad.cpp --header %t/out/m.ad.h -MD -MF %t/out/dir.d -- %cxxflags 2>&1 | FileCheck %s --check-prefix=ISDIR
// ISDIR: error: '{{.*}}dir.d': Is a directory
// RUN: rmdir %t/out/dir.d
// RUN: cmp %t/out/m.ad.cpp %t/saved/m.ad.cpp && cmp %t/out/m.ad.h %t/saved/m.ad.h

// Standard output is written only once every file is in place.
// RUN: not %chainrule-gen %t/good.cpp --header %t/missing/m.ad.h -- %cxxflags > %t/stdout.txt 2> /dev/null
// RUN: count 0 < %t/stdout.txt

// Time stamps untouched, and nothing but the three outputs in their
// directory (no temporary left).
// RUN: stat -c %%Y %t/out/m.ad.cpp %t/out/m.ad.h %t/out/m.d %t/good.cpp %t/bad.cpp | sort -u | FileCheck %s --check-prefix=OLD
// OLD:     {{^}}946684800{{$}}
// OLD-NOT: {{.}}
// RUN: ls -A %t/out | count 3
