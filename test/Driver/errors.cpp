// chainrule-gen's own errors, about its command line and its output files:
// each is `chainrule-gen: error: ...` on stderr with exit status 1, and no
// output file is created (the directory holds only what the test put
// there).
#include <chainrule/chainrule.h>

CHAINRULE_GRAD double square(double x) { return x * x; }

// RUN: rm -rf %t && mkdir -p %t

// A response file that names itself, and a directory as response file.
// RUN: echo @%t/self.rsp > %t/self.rsp
// RUN: not %chainrule-gen @%t/self.rsp 2>&1 | FileCheck %s --check-prefix=RSP
// RUN: not %chainrule-gen @%t 2>&1 | FileCheck %s --check-prefix=RSP
// RSP: chainrule-gen: error: cannot read a response file

// The option parser's errors: no source, two sources, an unknown option, an
// unknown value (the parser prints that one itself, on one line).
// RUN: not %chainrule-gen 2>&1 | FileCheck %s --check-prefix=NOSRC
// NOSRC: chainrule-gen: Not enough positional command line arguments specified!
// RUN: not %chainrule-gen %s %s -o %t/two.cpp -- %cxxflags 2>&1 | FileCheck %s --check-prefix=TWO
// TWO: chainrule-gen: Too many positional arguments specified!
// RUN: not %chainrule-gen %s --bogus -o %t/bogus.cpp -- %cxxflags 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: chainrule-gen: Unknown command line argument '--bogus'.
// RUN: not %chainrule-gen %s --emit=xml -o %t/xml.cpp -- %cxxflags 2>&1 | FileCheck %s --check-prefix=VALUE --implicit-check-not=error
// VALUE: chainrule-gen: for the --emit option: Cannot find option named 'xml'!

// -MD with the output on stdout, without a depfile name.
// RUN: not %chainrule-gen %s -MD -- %cxxflags 2>&1 | FileCheck %s --check-prefix=MD
// MD: chainrule-gen: error: -MD with output to stdout needs -MF <file>

// An output that would replace the source, under its own name or another;
// the source is left as it was.
// RUN: cp %s %t/src.cpp && cp %s %t/src.orig
// RUN: not %chainrule-gen %t/src.cpp -o %t/src.cpp -- %cxxflags 2>&1 | FileCheck %s --check-prefix=SELF -DFILE=%t/src.cpp
// RUN: not %chainrule-gen %t/src.cpp -o %t/x.cpp -MD -MF %t/./src.cpp -- %cxxflags 2>&1 | FileCheck %s --check-prefix=SELF -DFILE=%t/./src.cpp
// SELF: chainrule-gen: error: the output '[[FILE]]' is the source file
// RUN: cmp %t/src.cpp %t/src.orig

// An output in a directory that does not exist, and one that is a
// directory.
// RUN: not %chainrule-gen %s -o %t/missing/out.cpp -- %cxxflags 2>&1 | FileCheck %s --check-prefix=NODIR -DFILE=%t/missing/out.cpp
// NODIR: chainrule-gen: error: '[[FILE]]': No such file or directory
// RUN: mkdir %t/adir
// RUN: not %chainrule-gen %s -o %t/out.cpp --header %t/adir -- %cxxflags 2>&1 | FileCheck %s --check-prefix=ISDIR -DFILE=%t/adir
// ISDIR: chainrule-gen: error: '[[FILE]]': Is a directory

// Nothing was written: the directory holds adir, self.rsp, src.cpp and
// src.orig.
// RUN: ls -A %t | count 4
