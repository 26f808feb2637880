// Settings of the model, included by model.cpp: editing this header makes
// chainrule regenerate model.ad.cpp.
#pragma once

constexpr double kWeightDecay = 0.01;
