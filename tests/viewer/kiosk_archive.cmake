# cmake -DWENYUAN=<wenyuan> -DSOURCES_TOOL=<make_kiosk_sources> -DSOURCES=<dir> -DARCHIVE=<dir> -P kiosk_archive.cmake
# The kiosk tests' archive: two exhibitions over images (one with deep-zoom tiles), a 3D model and
# a captioned clip, all made by our own code and ffmpeg.
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_QUIET)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "kiosk test archive: `${ARGN}` failed (${status})")
  endif()
endfunction()

file(REMOVE_RECURSE ${ARCHIVE} ${SOURCES})
run(${SOURCES_TOOL} ${SOURCES})
run(ffmpeg -nostdin -loglevel error -f lavfi -i testsrc2=size=320x240:rate=15 -t 4 -pix_fmt yuv420p -c:v mpeg4 -q:v 6 ${SOURCES}/clip.mp4)
run(${WENYUAN} init ${ARCHIVE})
run(${WENYUAN} import ${ARCHIVE} --manifest ${SOURCES}/manifest.csv --no-progress)
run(${WENYUAN} exhibition import ${ARCHIVE} ${SOURCES}/village.json ${SOURCES}/factory.json)
