# LAYOUTD_FUZZ=ON: a tree for libFuzzer (scripts/fuzz builds it in build-fuzz/ with Debian's clang).
# Every target of the project is compiled with the fuzzer's coverage instrumentation and with
# AddressSanitizer + UndefinedBehaviorSanitizer, so that a bug anywhere on the path a fuzz target
# drives is found, not only in the target's own file; only tests/fuzz's executables link libFuzzer's
# main (-fsanitize=fuzzer). The system libraries (GEOS, GDAL, protobuf) stay gcc-built and
# uninstrumented: clang's objects link to them through the same libstdc++.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "LAYOUTD_FUZZ needs clang (libFuzzer): configure with CC=clang CXX=clang++")
endif()
if(NOT LAYOUTD_BUILD_TESTS)
  message(FATAL_ERROR "LAYOUTD_FUZZ needs LAYOUTD_BUILD_TESTS=ON: the fuzz targets use tests/support")
endif()
# -O1 -g1 as the Asan build type (cmake/BuildTypes.cmake): line tables are what a report's stack
# needs. UB aborts (no recovery), so libFuzzer stops on it and keeps the input.
add_compile_options(-O1 -g1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined
                    -fno-sanitize-recover=undefined)
add_link_options(-fsanitize=address,undefined)
