# Tests of wenyuan_kiosk_playback, included by tests/viewer/CMakeLists.txt.
# Source paths are absolute.
# GL tests run under xvfb-run on Mesa llvmpipe.
find_package(GTest REQUIRED)
find_package(OpenGL REQUIRED)
include(GoogleTest)
pkg_check_modules(KIOSK_TEST_GLFW REQUIRED IMPORTED_TARGET glfw3)

# kiosk_playback_test(<name> LABELS <label>... SOURCES <file>... [LIBS <target>...] [XVFB])
function(kiosk_playback_test name)
  cmake_parse_arguments(ARG "XVFB" "" "LABELS;SOURCES;LIBS" ${ARGN})
  list(TRANSFORM ARG_SOURCES PREPEND ${PROJECT_SOURCE_DIR}/tests/viewer/playback/)
  add_executable(${name} ${ARG_SOURCES} ${PROJECT_SOURCE_DIR}/tests/support/test_support.cpp)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/support
                             ${PROJECT_SOURCE_DIR}/viewer/playback/src ${PROJECT_SOURCE_DIR}/tests/importers)
  target_link_libraries(${name} PRIVATE wenyuan_options wenyuan_kiosk_playback GTest::gtest GTest::gtest_main ${ARG_LIBS})
  target_compile_definitions(${name} PRIVATE GL_GLEXT_PROTOTYPES
    WENYUAN_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    WENYUAN_BINARY_DIR="${PROJECT_BINARY_DIR}"
    WENYUAN_SHARED_DATA="${PROJECT_SOURCE_DIR}/../shared/data")
  if(ARG_XVFB)
    # One CTest test for the whole executable: one X server, one GL context.
    add_test(NAME ${name} COMMAND xvfb-run -a -s "-screen 0 1280x1024x24" $<TARGET_FILE:${name}>)
    set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}" ENVIRONMENT "LIBGL_ALWAYS_SOFTWARE=1" TIMEOUT 300)
  else()
    gtest_discover_tests(${name} TEST_PREFIX "playback." PROPERTIES LABELS "${ARG_LABELS}" ENVIRONMENT "SDL_AUDIODRIVER=dummy" DISCOVERY_TIMEOUT 60)
  endif()
endfunction()

kiosk_playback_test(kiosk_playback_test LABELS unit SOURCES timed_text_test.cpp lod_policy_test.cpp mesh_solid_test.cpp)
kiosk_playback_test(kiosk_media_test LABELS unit SOURCES media_player_test.cpp)
if(TARGET wenyuan_model)  # GLB fixtures come from the model importer's own writer
  kiosk_playback_test(kiosk_glb_test LABELS unit SOURCES glb_mesh_test.cpp glb_fixtures.cpp
    scan_lod_test.cpp ../../importers/model_fixtures.cpp
    LIBS wenyuan_model nlohmann_json::nlohmann_json)
  target_include_directories(kiosk_glb_test PRIVATE ${PROJECT_SOURCE_DIR}/importers/model/src)
endif()
if(TARGET wenyuan_model)
  kiosk_playback_test(kiosk_gl_test XVFB LABELS render SOURCES gl_test.cpp glb_fixtures.cpp
    LIBS wenyuan_model PkgConfig::KIOSK_TEST_GLFW OpenGL::GL)
  target_include_directories(kiosk_gl_test PRIVATE ${PROJECT_SOURCE_DIR}/importers/model/src)
  # The same tests on a GL 3.0 context with the GLSL 1.30 shaders (the kiosk's low end).
  add_test(NAME kiosk_gl_test_glsl130 COMMAND xvfb-run -a -s "-screen 0 1280x1024x24" $<TARGET_FILE:kiosk_gl_test>)
  set_tests_properties(kiosk_gl_test_glsl130 PROPERTIES LABELS render TIMEOUT 300
    ENVIRONMENT "LIBGL_ALWAYS_SOFTWARE=1;WENYUAN_TEST_GL=3.0")
endif()
kiosk_playback_test(kiosk_speech_test LABELS unit SOURCES speech_test.cpp)
if(TARGET wenyuan_model)
  kiosk_playback_test(kiosk_shared_data_test LABELS importer SOURCES shared_data_test.cpp
    LIBS wenyuan_model nlohmann_json::nlohmann_json)
  target_include_directories(kiosk_shared_data_test PRIVATE ${PROJECT_SOURCE_DIR}/importers/model/src)
endif()
