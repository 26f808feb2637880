# Installation: the layout of docs/cmake.md, relocatable (the package
# config finds everything relative to its own location).
#
#   bin/chainrule-gen
#   lib/libchainrule_rt.a
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
install(TARGETS chainrule-gen chainrule_rt EXPORT ChainRuleTargets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES
  ${PROJECT_SOURCE_DIR}/include/chainrule/chainrule.h
  ${PROJECT_SOURCE_DIR}/include/chainrule/Tape.h
  ${PROJECT_SOURCE_DIR}/include/chainrule/Math.h
  ${PROJECT_SOURCE_DIR}/runtime/include/chainrule/nn.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/chainrule)
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
