// Included into every source of the project by -include (a usage
// requirement of the settings target).
#pragma once
#define PRELUDE_SCALE 0.5
