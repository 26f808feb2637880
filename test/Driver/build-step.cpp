// chainrule-gen as a build step: a depfile (-MD -MF) that lists the source and
// every header it reads; outputs left untouched when their contents do not
// change (so build systems see nothing to redo); arguments from a response
// file; compiler flags from compile_commands.json (-p).
#include "params.h"

#include <chainrule/chainrule.h>

CHAINRULE_GRAD
double scaled(double x) { return kScale * x * x; }

// The depfile names the output and lists the source and both headers.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %chainrule-gen %s -o %t/out.ad.cpp --header %t/out.ad.h -MD -MF %t/out.d -- %cxxflags -I%S/Inputs -DSCALE=3
// RUN: FileCheck %s --check-prefix=DEP --input-file=%t/out.d
// DEP:     out.ad.cpp: \
// DEP-DAG: /test/Driver/build-step.cpp
// DEP-DAG: /test/Driver/Inputs/params.h
// DEP-DAG: /include/chainrule/chainrule.h

// Unchanged outputs keep their time stamps; a changed one is rewritten.
// RUN: touch -d @946684800 %t/out.ad.cpp %t/out.ad.h %t/out.d
// RUN: %chainrule-gen %s -o %t/out.ad.cpp --header %t/out.ad.h -MD -MF %t/out.d -- %cxxflags -I%S/Inputs -DSCALE=3
// RUN: stat -c %%Y %t/out.ad.cpp %t/out.ad.h %t/out.d | FileCheck %s --check-prefix=SAME
// SAME:      946684800
// SAME-NEXT: 946684800
// SAME-NEXT: 946684800
// RUN: %chainrule-gen %s -o %t/out.ad.cpp --header %t/out.ad.h -- %cxxflags -I%S/Inputs -DSCALE=5
// RUN: stat -c %%Y %t/out.ad.cpp %t/out.ad.h | FileCheck %s --check-prefix=CHANGED
// CHANGED-NOT: 946684800
// CHANGED:     {{[0-9]+}}
// CHANGED-NEXT: 946684800

// A response file holds all the arguments.
// RUN: echo '%s -o %t/rsp.ad.cpp -- %cxxflags -I%S/Inputs -DSCALE=3' > %t/args.rsp
// RUN: %chainrule-gen @%t/args.rsp
// RUN: FileCheck %s --check-prefix=GEN --input-file=%t/rsp.ad.cpp
// GEN: 3 * x

// Flags from a compilation database.
// RUN: mkdir -p %t/db
// RUN: echo '[{"directory": "%t/db", "file": "%s", "command": "clang++ %cxxflags -I%S/Inputs -DSCALE=7 -c %s"}]' > %t/db/compile_commands.json
// RUN: %chainrule-gen -p %t/db %s -o %t/db.ad.cpp
// RUN: FileCheck %s --check-prefix=DB --input-file=%t/db.ad.cpp
// DB: 7 * x
