# add_chainrule_library(<name> <sources...> [LINK <targets...>])
#
# One library of the pipeline: its public headers live in
# include/chainrule/<name>/, its sources in lib/<name>/.
function(add_chainrule_library name)
  cmake_parse_arguments(ARG "" "" "LINK" ${ARGN})
  add_library(ChainRule${name} STATIC ${ARG_UNPARSED_ARGUMENTS})
  target_include_directories(ChainRule${name}
    PUBLIC ${PROJECT_SOURCE_DIR}/include
    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(ChainRule${name} PUBLIC ${ARG_LINK})
  set_target_properties(ChainRule${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  if(CHAINRULE_FUZZ)
    target_compile_options(ChainRule${name} PRIVATE -fsanitize=fuzzer-no-link)
    target_link_options(ChainRule${name} INTERFACE -fsanitize=fuzzer-no-link)
  endif()
endfunction()
