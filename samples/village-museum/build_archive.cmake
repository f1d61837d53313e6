# cmake -DWENYUAN=<wenyuan> -DSOURCES=<dir> -DARCHIVE=<dir> -P build_archive.cmake
function(wenyuan)
  execute_process(COMMAND ${WENYUAN} ${ARGN} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "sample archive: `wenyuan ${ARGN}` failed (${status})")
  endif()
endfunction()

wenyuan(init ${ARCHIVE})
wenyuan(import ${ARCHIVE} --manifest ${SOURCES}/manifest.csv --no-progress)
wenyuan(relate ${ARCHIVE} ICH-003 inheritor_of ICH-002)
wenyuan(relate ${ARCHIVE} CF-002 part_of CF-001)
wenyuan(relate ${ARCHIVE} CF-003 about CF-001)
