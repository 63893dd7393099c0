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
add_library(shell STATIC ${MAGTREG_SHELL_SOURCES})
target_include_directories(shell PUBLIC "${CMAKE_SOURCE_DIR}")
target_link_libraries(shell PUBLIC core imgui)
target_compile_options(shell PRIVATE ${MAGTREG_WARNINGS})

file(GLOB MAGTREG_WASM_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/wasm/*.cpp")
add_executable(magtreg_app ${MAGTREG_WASM_SOURCES})
set_target_properties(magtreg_app PROPERTIES OUTPUT_NAME magtreg RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/app")
target_link_libraries(magtreg_app PRIVATE shell core sqlite3 imgui)
target_compile_options(magtreg_app PRIVATE ${MAGTREG_WARNINGS})
target_link_options(magtreg_app PRIVATE
  -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2 -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=33554432
  -lidbfs.js "-sEXPORTED_RUNTIME_METHODS=['ccall','cwrap','FS','UTF8ToString']"
  "-sEXPORTED_FUNCTIONS=['_main','_magtreg_test_state','_magtreg_on_storage_ready','_magtreg_on_storage_saved','_magtreg_set_online','_magtreg_set_persisted','_magtreg_text_input','_magtreg_key_tap','_magtreg_on_http_done','_malloc','_free']"
  -sENVIRONMENT=web -sFILESYSTEM=1
  "--embed-file=${MAGTREG_DEPS}/fonts/DejaVuSans-subset.ttf@/fonts/DejaVuSans.ttf"
  "--embed-file=${MAGTREG_DEPS}/fonts/DejaVuSans-Bold-subset.ttf@/fonts/DejaVuSans-Bold.ttf")
set_property(TARGET magtreg_app APPEND PROPERTY LINK_DEPENDS
  "${MAGTREG_DEPS}/fonts/DejaVuSans-subset.ttf" "${MAGTREG_DEPS}/fonts/DejaVuSans-Bold-subset.ttf")
