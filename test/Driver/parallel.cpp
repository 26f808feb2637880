// Runs of chainrule-gen in parallel, writing their outputs, headers and
// depfiles into one directory, do not interfere: eight runs on eight
// sources started together give, byte for byte, what each gives alone, and
// leave no temporary file behind.
#include <chainrule/chainrule.h>

#include <cmath>

CHAINRULE_GRAD CHAINRULE_VJP CHAINRULE_JVP
double energy_N(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(-x[i] * x[i]) * (i + N);
  return s;
}

// Eight sources, each with its own function name and constant.
// RUN: rm -rf %t && mkdir -p %t/src %t/out %t/alone
// RUN: for i in 0 1 2 3 4 5 6 7; do sed -e "s/energy_N/energy_$i/" -e "s/(i + N)/(i + $i)/" %s > %t/src/m$i.cpp; done

// Each alone, its outputs then moved aside.
// RUN: for i in 0 1 2 3 4 5 6 7; do %chainrule-gen %t/src/m$i.cpp -o %t/out/m$i.ad.cpp --header %t/out/m$i.ad.h -MD -MF %t/out/m$i.d -- %cxxflags || exit 1; done
// RUN: mv %t/out/* %t/alone/

// All eight at once, into the same directory.
// RUN: for i in 0 1 2 3 4 5 6 7; do { %chainrule-gen %t/src/m$i.cpp -o %t/out/m$i.ad.cpp --header %t/out/m$i.ad.h -MD -MF %t/out/m$i.d -- %cxxflags; echo $? > %t/status$i; } & done; wait
// RUN: cat %t/status? | sort -u | FileCheck %s --check-prefix=STATUS
// STATUS:     {{^}}0{{$}}
// STATUS-NOT: {{.}}
// RUN: for i in 0 1 2 3 4 5 6 7; do for f in m$i.ad.cpp m$i.ad.h m$i.d; do cmp %t/alone/$f %t/out/$f || exit 1; done; done
// RUN: ls -A %t/out | count 24

// The outputs differ from one source to the next (so that a mix-up would
// show), and each is complete.
// RUN: FileCheck %s --check-prefix=GEN3 --input-file=%t/out/m3.ad.cpp
// GEN3: double energy_3_grad(const double *x, int n, double *d_x) {
// GEN3: double energy_3_jvp(
// RUN: FileCheck %s --check-prefix=DEP5 --input-file=%t/out/m5.d
// DEP5: m5.ad.cpp: \
// DEP5: src/m5.cpp
