# lit configuration for the chainrule test suite.
import os

import lit.formats
from lit.llvm import llvm_config

config.name = "chainrule"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".cpp", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py"]
config.test_source_root = os.path.dirname(__file__)

llvm_config.with_system_environment(["HOME", "TMPDIR"])
llvm_config.use_default_substitutions()

include_dir = os.path.join(config.chainrule_src_root, "include")
runtime_include_dir = os.path.join(config.chainrule_src_root, "runtime", "include")
inputs_dir = os.path.join(config.chainrule_src_root, "test", "Inputs")
flags = "-std=c++17 -I{} -I{} -I{}".format(include_dir, runtime_include_dir, inputs_dir)

chainrule_gen = os.path.join(config.chainrule_tools_dir, "chainrule-gen")
# `--param emit=llvm`: the execution tests run again with the derivatives
# from the LLVM IR output (test/llvm_tier.py), linked beside the
# clang-compiled source; the golden C++ checks are unchanged.
llvm_tier = lit_config.params.get("emit", "cpp") == "llvm"
tier_script = os.path.join(config.chainrule_src_root, "test", "llvm_tier.py")
tier_state = os.path.join(config.chainrule_obj_root, "test", "llvm-tier")
if llvm_tier:
    config.available_features.add("llvm-tier")
    config.substitutions.append(("%chainrule-gen", "python3 {} gen {} {}".format(tier_script, tier_state, chainrule_gen)))
else:
    config.substitutions.append(("%chainrule-gen", chainrule_gen))
config.substitutions.append(("%cxxflags", flags))
# In the sanitized build, every generated program the tests compile and run
# runs under AddressSanitizer and UndefinedBehaviorSanitizer too: a read of
# an object after its scope, or past its end, fails the test.
test_cxx = config.test_cxx
if config.chainrule_sanitize:
    # (The unit tests too: tools/SanitizerDefaults.h says why.)
    config.environment["ASAN_OPTIONS"] = "allow_user_poisoning=0"
    test_cxx += " -fsanitize=address,undefined -fno-sanitize=vptr -fno-sanitize-recover=all"
if llvm_tier:
    config.substitutions.append(("%cxx", "python3 {} cxx {} {} {} --".format(tier_script, tier_state, chainrule_gen, test_cxx)))
else:
    config.substitutions.append(("%cxx", test_cxx))
# Linking a program that calls the runtime's operators: the shared runtime
# brings its own dependencies (a sanitized runtime needs the sanitizers'
# libraries).
rtlibs = "-L{0} -lchainrule_rt -Wl,-rpath,{0}".format(config.chainrule_lib_dir)
if config.chainrule_sanitize:
    rtlibs += " -fsanitize=address,undefined -fno-sanitize=vptr"
config.substitutions.append(("%rtlibs", rtlibs))
# The libFuzzer target, in a build with -DCHAINRULE_FUZZ=ON.
if config.chainrule_fuzz:
    config.available_features.add("fuzzer")
    config.substitutions.append(("%chainrule-fuzz", os.path.join(config.chainrule_tools_dir, "chainrule-fuzz")))
config.substitutions.append(("%chainrule_obj_root", config.chainrule_obj_root))
config.substitutions.append(("%chainrule_src_root", config.chainrule_src_root))

llvm_config.add_tool_substitutions(["FileCheck", "not", "count", "llvm-dis"], [config.llvm_tools_dir])
