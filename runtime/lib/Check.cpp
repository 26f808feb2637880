//===- Check.cpp - Argument checks of the runtime -------------------------===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The reporting half of Check.h.
///
//===----------------------------------------------------------------------===//

#include "Check.h"

#include <cstdarg>
#include <cstdio>
#include <cstdlib>

void chainrule::nn::detail::fail(const char *Op, const char *Fmt, ...) {
  std::fprintf(stderr, "chainrule_rt: %s: ", Op);
  va_list Args;
  va_start(Args, Fmt);
  std::vfprintf(stderr, Fmt, Args);
  va_end(Args);
  std::fputc('\n', stderr);
  std::fflush(stderr);
  std::abort();
}
