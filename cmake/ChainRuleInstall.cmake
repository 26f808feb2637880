# Installation: the layout of docs/cmake.md, relocatable (the package
# config finds everything relative to its own location).
#
#   bin/chainrule-gen
#   lib/libchainrule_rt.so (+ its versioned names), lib/libchainrule_rt.a
#   lib/pkgconfig/chainrule.pc
#   include/chainrule/chainrule.h, Tape.h and Math.h (used by generated
#   code), nn.h
#   lib/cmake/ChainRule/ChainRuleConfig.cmake (+ version, targets,
#                                              ChainRuleDifferentiate.cmake)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)
set(CHAINRULE_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/ChainRule")

set_target_properties(chainrule-gen PROPERTIES
  EXPORT_NAME gen
  INSTALL_RPATH "${LLVM_LIBRARY_DIR}")
# ChainRule::headers: the annotations alone, for targets that compile an
# annotated source as it is.
add_library(chainrule_headers INTERFACE)
target_include_directories(chainrule_headers INTERFACE
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
set_target_properties(chainrule_headers PROPERTIES EXPORT_NAME headers)
install(TARGETS chainrule-gen chainrule_rt chainrule_rt_static chainrule_headers EXPORT ChainRuleTargets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${CHAINRULE_PUBLIC_HEADERS} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/chainrule)
install(EXPORT ChainRuleTargets NAMESPACE ChainRule::
  DESTINATION ${CHAINRULE_CMAKE_DIR})

configure_package_config_file(cmake/ChainRuleConfig.cmake.in
  ${PROJECT_BINARY_DIR}/ChainRuleConfig.cmake
  INSTALL_DESTINATION ${CHAINRULE_CMAKE_DIR}
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/ChainRuleConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/ChainRuleConfig.cmake
  ${PROJECT_BINARY_DIR}/ChainRuleConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/ChainRuleDifferentiate.cmake
  DESTINATION ${CHAINRULE_CMAKE_DIR})

# pkg-config: the prefix relative to the .pc file, so the tree relocates.
file(RELATIVE_PATH CHAINRULE_PC_TO_PREFIX
  "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
string(REGEX REPLACE "/$" "" CHAINRULE_PC_TO_PREFIX "${CHAINRULE_PC_TO_PREFIX}")
configure_file(cmake/chainrule.pc.in ${PROJECT_BINARY_DIR}/chainrule.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/chainrule.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
