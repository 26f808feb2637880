# chainrule_differentiate(<target> SOURCES <files...> [HEADER_DIR <dir>])
#
# For each source, adds a build step that runs chainrule-gen on it with the
# target's own include directories, compile definitions and C++ standard,
# writing <name>.ad.cpp (which includes the source and defines the
# derivatives) and <name>.ad.h (their declarations, in HEADER_DIR, by default
# <binary dir>/chainrule). The target compiles <name>.ad.cpp instead of the
# source. chainrule-gen writes a depfile, so editing any header the source
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
  cmake_policy(PUSH)
  cmake_policy(SET CMP0116 NEW) # depfile paths relative to the build tree
  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/chainrule")
  if(NOT ARG_HEADER_DIR)
    set(ARG_HEADER_DIR "${out_dir}")
  endif()
  get_filename_component(header_dir "${ARG_HEADER_DIR}" ABSOLUTE
    BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")

  # The target's flags, evaluated at generate time (generator expressions
  # include what linked targets propagate).
  set(tgt "$<TARGET_NAME:${target}>")
  set(std "$<TARGET_PROPERTY:${tgt},CXX_STANDARD>")
  set(incs "$<TARGET_PROPERTY:${tgt},INCLUDE_DIRECTORIES>")
  set(defs "$<TARGET_PROPERTY:${tgt},COMPILE_DEFINITIONS>")
  # The target's CXX_STANDARD, else CMAKE_CXX_STANDARD, else C++17.
  set(default_std 17)
  if(CMAKE_CXX_STANDARD)
    set(default_std ${CMAKE_CXX_STANDARD})
  endif()
  set(flags "$<IF:$<BOOL:${std}>,-std=c++${std},-std=c++${default_std}>\n")
  string(APPEND flags "$<$<BOOL:${incs}>:-I$<JOIN:${incs},\n-I>\n>")
  string(APPEND flags "$<$<BOOL:${defs}>:-D$<JOIN:${defs},\n-D>\n>")
  string(APPEND flags "-I${CHAINRULE_INCLUDE_DIR}\n")

  foreach(src IN LISTS ARG_SOURCES)
    get_filename_component(abs "${src}" ABSOLUTE)
    get_filename_component(name "${src}" NAME_WE)
    set(out "${out_dir}/${name}.ad.cpp")
    set(hdr "${header_dir}/${name}.ad.h")
    set(dep "${out_dir}/${name}.ad.d")
    set(rsp "${out_dir}/${name}.ad.rsp")
    file(GENERATE OUTPUT "${rsp}" CONTENT
      "${abs}\n-o\n${out}\n--header\n${hdr}\n-MD\n-MF\n${dep}\n--\n${flags}")
    add_custom_command(
      OUTPUT "${out}" "${hdr}"
      COMMAND ChainRule::gen "@${rsp}"
      DEPENDS "${abs}" "${rsp}" ChainRule::gen
      DEPFILE "${dep}"
      COMMENT "chainrule: differentiating ${src}"
      VERBATIM)
    set_source_files_properties("${abs}" PROPERTIES HEADER_FILE_ONLY ON)
    target_sources(${target} PRIVATE "${out}")
  endforeach()
  target_include_directories(${target} PRIVATE "${header_dir}"
    "${CHAINRULE_INCLUDE_DIR}")
  cmake_policy(POP)
endfunction()
