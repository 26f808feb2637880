// Types of the model's signatures, from a header of the user's.
#pragma once

#include <vector>

namespace fit {
struct Params {
  double w, b;
};
using Row = std::vector<double>;
} // namespace fit
