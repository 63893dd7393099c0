# Generates a C++ source holding the common-password list (deps/passwords/passwords.json, fetched by
# scripts/setup.sh) as one raw string. Invoked by the build: cmake -DOUT=... -DIN=... -P embed_passwords.cmake
file(READ "${IN}" content)
string(FIND "${content}" ")MAGTREGPW\"" bad)
if(NOT bad EQUAL -1)
  message(FATAL_ERROR "${IN} contains the raw-string delimiter")
endif()
set(body "// Generated from deps/passwords/passwords.json by scripts/embed_passwords.cmake. Do not edit.\n")
string(APPEND body "namespace magtreg::sync {\nextern const char* const k_common_passwords_json;\n")
string(APPEND body "const char* const k_common_passwords_json = R\"MAGTREGPW(${content})MAGTREGPW\";\n}  // namespace magtreg::sync\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
