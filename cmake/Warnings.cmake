# layoutd_warnings(TARGET): the project's warning set, errors with -DLAYOUTD_WERROR=ON.
function(layoutd_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
    -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
  if(LAYOUTD_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
