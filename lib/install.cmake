# Installs libwenyuan with an exported CMake package (find_package(Wenyuan) → wenyuan::wenyuan)
# and a pkg-config file (wenyuan.pc). The library is static; its private dependencies are found
# again by the package config, and listed in the pkg-config file.
include(CMakePackageConfigHelpers)

install(TARGETS wenyuan EXPORT WenyuanTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/wenyuan DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

set(wenyuan_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/Wenyuan)
install(EXPORT WenyuanTargets NAMESPACE wenyuan:: DESTINATION ${wenyuan_cmake_dir})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/WenyuanConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/WenyuanConfig.cmake INSTALL_DESTINATION ${wenyuan_cmake_dir})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/WenyuanConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/WenyuanConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/WenyuanConfigVersion.cmake
  DESTINATION ${wenyuan_cmake_dir})

# Relocatable: the prefix is found from the .pc file's own folder.
file(RELATIVE_PATH pc_to_prefix /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
configure_file(${PROJECT_SOURCE_DIR}/cmake/wenyuan.pc.in ${CMAKE_CURRENT_BINARY_DIR}/wenyuan.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/wenyuan.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
