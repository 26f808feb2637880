# Sourced by the package tests: installs chainrule from <build dir> into
# $work/prefix and sets $cxx (the compiler chainrule's runtime was built
# with) and $sanitize (its sanitizer flags in a sanitized build, which a
# program linking the runtime needs too).
#   build=<chainrule build dir> work=<work dir>; source install.sh
rm -rf "$work" && mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" > "$work/install.log"
cxx=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt")
sanitize=""
if grep -q '^CHAINRULE_SANITIZE:BOOL=ON' "$build/CMakeCache.txt"; then
  sanitize="-fsanitize=address,undefined -fno-sanitize=vptr"
fi
