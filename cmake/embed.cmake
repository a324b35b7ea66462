# Turns a file into a C++ translation unit holding its bytes, so the data
# ships inside the executable. Usage: cmake -DINPUT=f -DOUTPUT=f.cpp -P embed.cmake
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
"// Generated from ${INPUT} by cmake/embed.cmake; do not edit.\n"
"#include \"pairinfo/bundled.hpp\"\n"
"namespace pairinfo {\n"
"namespace {\n"
"constexpr unsigned char bytes[${byte_count} + 1] = {\n${bytes}0};\n"
"}\n"
"std::string_view bundled_data() noexcept {\n"
"  return {reinterpret_cast<const char*>(bytes), ${byte_count}};\n"
"}\n"
"}\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
