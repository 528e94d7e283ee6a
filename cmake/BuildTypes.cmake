# Extra build types on top of CMake's own:
#   Asan  — AddressSanitizer + UndefinedBehaviorSanitizer (leaks included), for the wrapper tests.
#   Tsan  — ThreadSanitizer, for the shared read-only snapshot and index code.
# -g1: line tables only, which is what a sanitizer report's stack needs (function, file, line);
# full debug information made these trees a third slower to compile, for nothing they print.
set(_sanitizer_common "-O1 -g1 -fno-omit-frame-pointer")
set(CMAKE_CXX_FLAGS_ASAN "${_sanitizer_common} -fsanitize=address,undefined -fno-sanitize-recover=undefined"
    CACHE STRING "C++ flags for the Asan build type" FORCE)
set(CMAKE_EXE_LINKER_FLAGS_ASAN "-fsanitize=address,undefined" CACHE STRING "" FORCE)
set(CMAKE_SHARED_LINKER_FLAGS_ASAN "-fsanitize=address,undefined" CACHE STRING "" FORCE)
set(CMAKE_CXX_FLAGS_TSAN "${_sanitizer_common} -fsanitize=thread" CACHE STRING "C++ flags for the Tsan build type" FORCE)
set(CMAKE_EXE_LINKER_FLAGS_TSAN "-fsanitize=thread" CACHE STRING "" FORCE)
set(CMAKE_SHARED_LINKER_FLAGS_TSAN "-fsanitize=thread" CACHE STRING "" FORCE)
mark_as_advanced(CMAKE_CXX_FLAGS_ASAN CMAKE_EXE_LINKER_FLAGS_ASAN CMAKE_SHARED_LINKER_FLAGS_ASAN
                 CMAKE_CXX_FLAGS_TSAN CMAKE_EXE_LINKER_FLAGS_TSAN CMAKE_SHARED_LINKER_FLAGS_TSAN)
