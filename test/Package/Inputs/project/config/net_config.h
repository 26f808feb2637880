// Found through the settings target's include directory.
#pragma once
constexpr int kLayers = 2;
