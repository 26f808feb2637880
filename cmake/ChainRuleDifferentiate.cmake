# chainrule_differentiate(<target> SOURCES <files...> [HEADER_DIR <dir>])
#
# For each source, adds a build step that runs chainrule-gen on it with the
# flags the target compiles it with, and makes the target compile the
# generated <name>.ad.cpp (which includes the source and defines the
# derivatives) instead of the source (which leaves the target's source
# list; other targets may compile it as it is). Outputs are per target and keep the
# source's path relative to the current source directory, so one source in
# two targets, and a/model.cpp beside b/model.cpp, never collide:
#
#   <binary dir>/chainrule/<target>/<path>/<name>.ad.cpp (+ .ad.d)
#   <header dir>/<path>/<name>.ad.h      the derivatives' declarations
#
# The header directory (HEADER_DIR, by default
# <binary dir>/chainrule/<target>/include) is on the target's include path;
# for a library it is PUBLIC, so the targets that link the library see it
# too. chainrule-gen writes a depfile, so editing any header the source
# includes regenerates it, and rewrites its outputs only when they change,
# so an edit that changes no derivative recompiles nothing.
#
# Needs a target ChainRule::gen (the chainrule-gen executable) and the
# variable CHAINRULE_INCLUDE_DIR (where chainrule/chainrule.h is), both set
# by ChainRuleConfig.cmake, or by chainrule's own build.
function(chainrule_differentiate target)
  cmake_parse_arguments(ARG "" "HEADER_DIR" "SOURCES" ${ARGN})
  if(NOT TARGET ${target})
    message(FATAL_ERROR "chainrule_differentiate: no target '${target}'")
  endif()
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "chainrule_differentiate: no SOURCES for '${target}'")
  endif()
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    message(FATAL_ERROR "chainrule_differentiate: '${target}' is an INTERFACE "
      "library, which compiles nothing; differentiate the sources in the "
      "target that compiles them")
  elseif(type STREQUAL "EXECUTABLE")
    set(visibility PRIVATE)
  else()
    set(visibility PUBLIC)
  endif()
  cmake_policy(PUSH)
  cmake_policy(SET CMP0116 NEW) # depfile paths relative to the build tree
  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/chainrule/${target}")
  if(NOT ARG_HEADER_DIR)
    set(ARG_HEADER_DIR "${out_dir}/include")
  endif()
  get_filename_component(header_dir "${ARG_HEADER_DIR}" ABSOLUTE
    BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")

  # Flags of another compiler's warnings are not errors for Clang.
  set(flags -Wno-unknown-warning-option)
  _chainrule_target_flags(${target} flags)

  set(replaced)
  foreach(src IN LISTS ARG_SOURCES)
    get_filename_component(abs "${src}" ABSOLUTE)
    # The source's path below the source directory (outside it: below /).
    file(RELATIVE_PATH rel "${CMAKE_CURRENT_SOURCE_DIR}" "${abs}")
    if(rel MATCHES "^\\.\\./")
      string(REGEX REPLACE "^/" "" rel "${abs}")
    endif()
    string(REGEX REPLACE "\\.[^./]*$" "" stem "${rel}")
    set(out "${out_dir}/${stem}.ad.cpp")
    set(hdr "${header_dir}/${stem}.ad.h")
    set(dep "${out_dir}/${stem}.ad.d")
    # Two targets sharing one HEADER_DIR would write the same header.
    get_property(owner GLOBAL PROPERTY "CHAINRULE_OUTPUT:${hdr}")
    if(owner)
      cmake_policy(POP)
      message(FATAL_ERROR "chainrule_differentiate: '${target}' would write "
        "${hdr}, which '${owner}' writes already; give each target its own "
        "HEADER_DIR (or leave it out)")
    endif()
    set_property(GLOBAL PROPERTY "CHAINRULE_OUTPUT:${hdr}" ${target})
    get_filename_component(sub "${out}" DIRECTORY)
    file(MAKE_DIRECTORY "${sub}")
    add_custom_command(
      OUTPUT "${out}" "${hdr}"
      COMMAND ChainRule::gen "${abs}" -o "${out}" --header "${hdr}"
              -MD -MF "${dep}" -- ${flags}
      DEPENDS "${abs}" ChainRule::gen
      DEPFILE "${dep}"
      COMMENT "chainrule: differentiating ${rel} for ${target}"
      COMMAND_EXPAND_LISTS
      VERBATIM)
    list(APPEND replaced "${abs}")
    target_sources(${target} PRIVATE "${out}")
  endforeach()
  _chainrule_remove_sources(${target} "${replaced}")
  target_include_directories(${target} ${visibility}
    "$<BUILD_INTERFACE:${header_dir}>" "${CHAINRULE_INCLUDE_DIR}")
  cmake_policy(POP)
endfunction()

# Removes <sources> (absolute paths) from <target>'s own source list: the
# target compiles the generated files instead, while another target may
# still compile the same sources as they are.
function(_chainrule_remove_sources target sources)
  get_target_property(listed ${target} SOURCES)
  get_target_property(dir ${target} SOURCE_DIR)
  set(kept)
  foreach(src IN LISTS listed)
    get_filename_component(abs "${src}" ABSOLUTE BASE_DIR "${dir}")
    if(src MATCHES "^\\$<" OR NOT abs IN_LIST sources)
      list(APPEND kept "${src}")
    endif()
  endforeach()
  set_property(TARGET ${target} PROPERTY SOURCES ${kept})
endfunction()

# Appends to <out> the flags <target> compiles its C++ sources with, as
# generator expressions evaluated at generate time: CMAKE_CXX_FLAGS and the
# build type's flags, the C++ standard (CXX_STANDARD or the highest
# cxx_std_NN compile feature, with CXX_EXTENSIONS), include directories,
# definitions and compile options, including what linked targets propagate.
function(_chainrule_target_flags target out)
  set(flags ${${out}})
  separate_arguments(global UNIX_COMMAND "${CMAKE_CXX_FLAGS}")
  list(APPEND flags ${global})
  if(CMAKE_BUILD_TYPE)
    string(TOUPPER "${CMAKE_BUILD_TYPE}" config)
    separate_arguments(config_flags UNIX_COMMAND "${CMAKE_CXX_FLAGS_${config}}")
    list(APPEND flags ${config_flags})
  endif()

  set(tgt "$<TARGET_NAME:${target}>")
  set(std "$<TARGET_PROPERTY:${tgt},CXX_STANDARD>")
  set(features "$<TARGET_PROPERTY:${tgt},COMPILE_FEATURES>")
  set(ext "$<TARGET_PROPERTY:${tgt},CXX_EXTENSIONS>")
  # The highest standard asked for, as nested $<IF>s (empty: the
  # compiler's default, C++17 for Clang 19 and GCC 12, which CMake also
  # keeps for a lower cxx_std_NN feature).
  set(level "")
  foreach(n 98 11 14 17 20 23 26)
    if(n LESS 17 AND NOT n EQUAL 98)
      set(asked "$<STREQUAL:${std},${n}>")
    else()
      set(asked "$<OR:$<STREQUAL:${std},${n}>,$<IN_LIST:cxx_std_${n},${features}>>")
    endif()
    set(level "$<IF:${asked},${n},${level}>")
  endforeach()
  # CMake's default for CXX_EXTENSIONS is ON (gnu++NN).
  set(dialect "$<IF:$<OR:$<STREQUAL:${ext},>,$<BOOL:${ext}>>,gnu,c>")
  list(APPEND flags "$<$<BOOL:${level}>:-std=${dialect}++${level}>")

  set(incs "$<TARGET_PROPERTY:${tgt},INCLUDE_DIRECTORIES>")
  set(defs "$<TARGET_PROPERTY:${tgt},COMPILE_DEFINITIONS>")
  set(opts "$<TARGET_PROPERTY:${tgt},COMPILE_OPTIONS>")
  list(APPEND flags
    "$<$<BOOL:${incs}>:-I$<JOIN:${incs},$<SEMICOLON>-I>>"
    "$<$<BOOL:${defs}>:-D$<JOIN:${defs},$<SEMICOLON>-D>>"
    "${opts}")
  set(${out} ${flags} PARENT_SCOPE)
endfunction()
