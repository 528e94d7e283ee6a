# layoutd_library(NAME ROOM <folder> SOURCES <files> [PUBLIC <targets>] [PRIVATE <targets>]):
# one static library per room of the source tree, whose include root holds that room's headers
# and nothing else.
#
# The headers are included by their path from the repository root ("geo/tiles/mvt_encoder.hpp"),
# but no target puts the repository root on its include path. Each gets its own root,
# build/include/<NAME>/, where every header of its ROOM (that folder only, not the rooms below
# it) appears at its repository path as a symbolic link. A target sees its own headers and those
# of the targets it links, PUBLIC or PRIVATE, and no other: `geo/` including "server/app.hpp"
# fails to compile ("No such file or directory") instead of waiting for a reviewer.
# tests/layering/ proves it with probes that must fail (tests/CMakeLists.txt).
function(layoutd_library name)
  cmake_parse_arguments(ARG "" "ROOM" "SOURCES;PUBLIC;PRIVATE" ${ARGN})
  if(NOT ARG_ROOM)
    message(FATAL_ERROR "layoutd_library(${name}): ROOM is required")
  endif()
  add_library(${name} STATIC ${ARG_SOURCES})
  set(root ${CMAKE_BINARY_DIR}/include/${name})
  file(GLOB headers CONFIGURE_DEPENDS RELATIVE ${PROJECT_SOURCE_DIR}/${ARG_ROOM}
       ${PROJECT_SOURCE_DIR}/${ARG_ROOM}/*.hpp)
  # Links left from a header that was removed or moved would keep it includable: start afresh.
  file(REMOVE_RECURSE ${root})
  foreach(header IN LISTS headers)
    file(MAKE_DIRECTORY ${root}/${ARG_ROOM})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${ARG_ROOM}/${header} ${root}/${ARG_ROOM}/${header} SYMBOLIC)
  endforeach()
  target_include_directories(${name} PUBLIC ${root})
  target_link_libraries(${name} PUBLIC ${ARG_PUBLIC} PRIVATE ${ARG_PRIVATE})
  set_property(GLOBAL APPEND PROPERTY LAYOUTD_LIBRARIES ${name})
  layoutd_warnings(${name})
endfunction()
