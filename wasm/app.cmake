# The browser app: shell (Dear ImGui views) + wasm (platform) + core, linked to magtreg.js/.wasm.
set(IMGUI_DIR "${MAGTREG_DEPS}/imgui")
add_library(imgui STATIC
  "${IMGUI_DIR}/imgui.cpp" "${IMGUI_DIR}/imgui_draw.cpp" "${IMGUI_DIR}/imgui_tables.cpp"
  "${IMGUI_DIR}/imgui_widgets.cpp" "${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp"
  "${IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp")
target_include_directories(imgui SYSTEM PUBLIC "${IMGUI_DIR}" "${IMGUI_DIR}/backends" "${IMGUI_DIR}/misc/cpp")
target_compile_definitions(imgui PUBLIC IMGUI_IMPL_OPENGL_ES3 IMGUI_DISABLE_OBSOLETE_FUNCTIONS
                           IMGUI_DISABLE_DEMO_WINDOWS IMGUI_DISABLE_DEBUG_TOOLS)

file(GLOB_RECURSE MAGTREG_SHELL_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/shell/*.cpp")
list(REMOVE_ITEM MAGTREG_SHELL_SOURCES ${MAGTREG_SHELL_LOGIC_SOURCES})  # in shell_logic (CMakeLists.txt)
add_library(shell STATIC ${MAGTREG_SHELL_SOURCES})
target_include_directories(shell PUBLIC "${CMAKE_SOURCE_DIR}")
target_link_libraries(shell PUBLIC shell_logic core imgui)
target_compile_options(shell PRIVATE ${MAGTREG_WARNINGS})

file(GLOB MAGTREG_WASM_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/wasm/*.cpp")
add_executable(magtreg_app ${MAGTREG_WASM_SOURCES})
set_target_properties(magtreg_app PROPERTIES OUTPUT_NAME magtreg RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/app")
target_link_libraries(magtreg_app PRIVATE shell core sqlite3 imgui)
target_compile_options(magtreg_app PRIVATE ${MAGTREG_WARNINGS})
target_link_options(magtreg_app PRIVATE
  -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2 -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=33554432
  -lidbfs.js "-sEXPORTED_RUNTIME_METHODS=['ccall','cwrap','FS','UTF8ToString']"
  "-sEXPORTED_FUNCTIONS=['_main','_magtreg_test_state','_magtreg_on_storage_ready','_magtreg_on_storage_saved','_magtreg_set_online','_magtreg_save_now','_magtreg_set_persisted','_magtreg_text_input','_magtreg_key_tap','_magtreg_on_http_done','_magtreg_on_store_key','_malloc','_free']"
  -sENVIRONMENT=web -sFILESYSTEM=1
  "--embed-file=${MAGTREG_DEPS}/fonts/DejaVuSans-subset.ttf@/fonts/DejaVuSans.ttf"
  "--embed-file=${MAGTREG_DEPS}/fonts/DejaVuSans-Bold-subset.ttf@/fonts/DejaVuSans-Bold.ttf")
set_property(TARGET magtreg_app APPEND PROPERTY LINK_DEPENDS
  "${MAGTREG_DEPS}/fonts/DejaVuSans-subset.ttf" "${MAGTREG_DEPS}/fonts/DejaVuSans-Bold-subset.ttf")

# The client benchmark (bench/client): the app's ClientStore and form row in a page of its own, driven
# in headless Chromium by tests/browser/bench_client.mjs (scripts/bench_client.sh). Not part of the app.
add_executable(bench_client "${CMAKE_SOURCE_DIR}/bench/client/bench_client.cpp")
set_target_properties(bench_client PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/bench_client")
target_link_libraries(bench_client PRIVATE shell core sqlite3 imgui)
target_compile_options(bench_client PRIVATE ${MAGTREG_WARNINGS})
target_link_options(bench_client PRIVATE
  -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=33554432 -lidbfs.js -sENVIRONMENT=web -sFILESYSTEM=1
  "-sEXPORTED_RUNTIME_METHODS=['ccall','cwrap','FS','UTF8ToString']"
  "-sEXPORTED_FUNCTIONS=['_main','_bench_open','_bench_reopen','_bench_seed','_bench_save','_bench_payload_bytes','_bench_raw_commit','_bench_file_bytes','_bench_frame_setup','_bench_frames','_bench_frame_vertices','_bench_last_error']"
  "--embed-file=${MAGTREG_DEPS}/fonts/DejaVuSans-subset.ttf@/fonts/DejaVuSans.ttf"
  "--embed-file=${MAGTREG_DEPS}/fonts/DejaVuSans-Bold-subset.ttf@/fonts/DejaVuSans-Bold.ttf")
