# storyline_add_library(<stage> SOURCES ... DEPS ...) defines storyline_<stage>
# with alias storyline::<stage>. Public headers live in include/storyline/.
function(storyline_add_library stage)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(storyline_${stage} STATIC ${ARG_SOURCES})
  add_library(storyline::${stage} ALIAS storyline_${stage})
  target_include_directories(storyline_${stage} PUBLIC ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR})
  target_link_libraries(storyline_${stage} PUBLIC ${ARG_DEPS} PRIVATE storyline_warnings)
endfunction()

# storyline_add_test(src/text/normalizer_test.cc DEPS storyline::text) builds
# one GoogleTest binary named after the file and registers its tests with ctest.
# Tests run from the source tree so they find ../shared and tests/golden.
function(storyline_add_test file)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  get_filename_component(name ${file} NAME_WE)
  add_executable(${name} ${PROJECT_SOURCE_DIR}/${file})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main GTest::gmock storyline_warnings)
  target_compile_definitions(${name} PRIVATE STORYLINE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  gtest_discover_tests(${name} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} DISCOVERY_TIMEOUT 60)
endfunction()

# storyline_add_fuzzer(name file DEPS ...) builds a libFuzzer target when
# STORYLINE_BUILD_FUZZ is ON (clang), and otherwise a replay binary
# (fuzz/replay_main.cc) that ctest runs over fuzz/corpus/<name>/.
function(storyline_add_fuzzer name file)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  if(STORYLINE_BUILD_FUZZ)
    add_executable(${name} ${file})
    target_compile_options(${name} PRIVATE -fsanitize=fuzzer)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  else()
    add_executable(${name} ${file} ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cc)
    add_test(NAME ${name}_replay COMMAND ${name} ${PROJECT_SOURCE_DIR}/fuzz/corpus/${name})
  endif()
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} storyline_warnings)
endfunction()
