// A header included by build-step.cpp: it must appear in the depfile.
#pragma once
constexpr double kScale = SCALE;
