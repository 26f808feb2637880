//===- SanitizerDefaults.h - AddressSanitizer options of the tools -*- C++ -*-//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Included once by each tool's main file. In the sanitized build only
/// chainrule's code is instrumented, not Debian's LLVM and Clang, and
/// LLVM's headers poison the unused part of each new slab of a bump
/// allocator: a slab that chainrule's instrumented copy of an inline
/// allocation starts (a new identifier, `new (Ctx) Expr`) is then handed
/// out by clang's uninstrumented copy without being unpoisoned, and
/// clang's memcpy into it is reported as a use after poisoning that is
/// not one. Manual poisoning is turned off; every other check stays.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_TOOLS_SANITIZERDEFAULTS_H
#define CHAINRULE_TOOLS_SANITIZERDEFAULTS_H

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
extern "C" const char *__asan_default_options() {
  return "allow_user_poisoning=0";
}
#endif
#endif

#endif // CHAINRULE_TOOLS_SANITIZERDEFAULTS_H
