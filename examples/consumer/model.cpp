// A tiny model: a smooth loss of two parameters, differentiated by
// chainrule as a build step (see CMakeLists.txt).
#include "model_config.h"

#include <chainrule/chainrule.h>

#include <cmath>

/// The loss of a one-neuron model y = tanh(w x + b) on one example, with
/// weight decay. MODEL_WIDTH comes from the target's compile definitions.
CHAINRULE_GRAD_WRT(w, b)
double loss(double w, double b, double x, double target) {
  double y = std::tanh(w * x + b);
  double err = y - target;
  return err * err + kWeightDecay * MODEL_WIDTH * w * w;
}
