# Native-only targets: the magtreg executable (server + admin CLI) and its server tests.
file(GLOB MAGTREG_SYNC_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/sync/*.cpp")
list(FILTER MAGTREG_SYNC_SOURCES EXCLUDE REGEX ".*/main\\.cpp$")
add_library(synclib STATIC ${MAGTREG_SYNC_SOURCES})
target_include_directories(synclib PUBLIC "${CMAKE_SOURCE_DIR}")
target_link_libraries(synclib PUBLIC core sqlite3 thirdparty_headers PkgConfig::HTTPLIB PkgConfig::SODIUM)
target_compile_options(synclib PRIVATE ${MAGTREG_WARNINGS})

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
