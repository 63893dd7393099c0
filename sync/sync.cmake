# Native-only targets: the magtreg executable (server + admin CLI) and its server tests.
file(GLOB MAGTREG_SYNC_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/sync/*.cpp")
list(FILTER MAGTREG_SYNC_SOURCES EXCLUDE REGEX ".*/main\\.cpp$")
# The common-password list new passwords are checked against (scripts/setup.sh fetches it, pinned).
set(MAGTREG_PASSWORDS_JSON "${MAGTREG_DEPS}/passwords/passwords.json")
if(NOT EXISTS "${MAGTREG_PASSWORDS_JSON}")
  message(FATAL_ERROR "deps/passwords is missing: run scripts/setup.sh first")
endif()
set(MAGTREG_PASSWORDS_CPP "${CMAKE_BINARY_DIR}/generated/common_passwords_data.cpp")
add_custom_command(
  OUTPUT "${MAGTREG_PASSWORDS_CPP}"
  COMMAND ${CMAKE_COMMAND} -DOUT=${MAGTREG_PASSWORDS_CPP} -DIN=${MAGTREG_PASSWORDS_JSON}
          -P "${CMAKE_SOURCE_DIR}/scripts/embed_passwords.cmake"
  DEPENDS "${MAGTREG_PASSWORDS_JSON}" "${CMAKE_SOURCE_DIR}/scripts/embed_passwords.cmake"
  COMMENT "Embedding the common-password list")
add_library(synclib STATIC ${MAGTREG_SYNC_SOURCES} "${MAGTREG_PASSWORDS_CPP}")
target_include_directories(synclib PUBLIC "${CMAKE_SOURCE_DIR}")
target_link_libraries(synclib PUBLIC core sqlite3 thirdparty_headers PkgConfig::HTTPLIB PkgConfig::SODIUM PkgConfig::CJOSE)
target_compile_options(synclib PRIVATE ${MAGTREG_WARNINGS})
target_compile_definitions(synclib PUBLIC MAGTREG_VERSION="${PROJECT_VERSION}")

add_executable(magtreg "${CMAKE_SOURCE_DIR}/sync/main.cpp")
target_link_libraries(magtreg PRIVATE synclib)
target_compile_options(magtreg PRIVATE ${MAGTREG_WARNINGS})

file(GLOB MAGTREG_SYNC_TEST_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/tests/sync/*.cpp")
add_executable(sync_tests ${MAGTREG_SYNC_TEST_SOURCES} $<TARGET_OBJECTS:test_main>)
target_link_libraries(sync_tests PRIVATE synclib)
target_compile_options(sync_tests PRIVATE ${MAGTREG_WARNINGS})
target_compile_definitions(sync_tests PRIVATE
  MAGTREG_SOURCE_DIR="${CMAKE_SOURCE_DIR}" MAGTREG_BINARY="$<TARGET_FILE:magtreg>")
add_dependencies(sync_tests magtreg)
add_test(NAME sync_tests COMMAND sync_tests)

# --- [SECTION] Load benchmarks over HTTP (print figures; run by scripts/bench_sync.sh, not by the tests)
file(GLOB MAGTREG_SYNC_BENCH_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/bench/sync/*.cpp")
foreach(src ${MAGTREG_SYNC_BENCH_SOURCES})
  get_filename_component(name "${src}" NAME_WE)
  add_executable(${name} "${src}")
  target_link_libraries(${name} PRIVATE synclib)
  target_compile_options(${name} PRIVATE ${MAGTREG_WARNINGS})
  target_compile_definitions(${name} PRIVATE
    MAGTREG_SOURCE_DIR="${CMAKE_SOURCE_DIR}" MAGTREG_BINARY="$<TARGET_FILE:magtreg>")
  add_dependencies(${name} magtreg)
endforeach()

# --- [SECTION] Fuzz target (clang + libFuzzer; scripts/fuzz.sh configures build/fuzz with it) ---------
option(MAGTREG_FUZZ "Build the libFuzzer target fuzz_upload (clang only; see scripts/fuzz.sh)" OFF)
if(MAGTREG_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "MAGTREG_FUZZ needs clang and libFuzzer: configure with CC=clang CXX=clang++ (scripts/fuzz.sh)")
  endif()
  add_executable(fuzz_upload "${CMAKE_SOURCE_DIR}/fuzz/fuzz_upload.cpp")
  target_link_libraries(fuzz_upload PRIVATE synclib)
  target_compile_options(fuzz_upload PRIVATE ${MAGTREG_WARNINGS})
  target_link_options(fuzz_upload PRIVATE -fsanitize=fuzzer)
endif()
