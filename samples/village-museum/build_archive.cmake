# cmake -DWENYUAN=<wenyuan> -DSOURCES=<dir> -DARCHIVE=<dir> -DEXHIBITIONS=<dir> -P build_archive.cmake
function(wenyuan)
  execute_process(COMMAND ${WENYUAN} ${ARGN} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "sample archive: `wenyuan ${ARGN}` failed (${status})")
  endif()
endfunction()

# The stage video: our generator's frames (640x360, 12 fps, 8 s; see generate.cpp) with the
# synthesised opera excerpt as its sound, encoded by the ffmpeg CLI (Debian package ffmpeg).
execute_process(
  COMMAND ffmpeg -nostdin -v error -y -f rawvideo -pix_fmt rgb24 -s 640x360 -r 12 -i ${SOURCES}/video/opera_stage.rgb
          -i ${SOURCES}/audio/sichuan_opera_excerpt.wav -c:v libx264 -preset veryfast -crf 26 -pix_fmt yuv420p
          -c:a aac -b:a 96k -shortest -movflags +faststart ${SOURCES}/video/opera_stage.mp4
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "sample archive: ffmpeg could not encode the stage video (${status}); install the Debian package ffmpeg")
endif()
file(REMOVE ${SOURCES}/video/opera_stage.rgb)

wenyuan(init ${ARCHIVE})
wenyuan(import ${ARCHIVE} --manifest ${SOURCES}/manifest.csv --no-progress)
wenyuan(relate ${ARCHIVE} ICH-003 inheritor_of ICH-002)
wenyuan(relate ${ARCHIVE} CF-002 part_of CF-001)
wenyuan(relate ${ARCHIVE} CF-003 about CF-001)

# The exhibitions, after the items they show; then the whole archive is verified.
wenyuan(exhibition import ${ARCHIVE} ${EXHIBITIONS}/cunshiguan.json ${EXHIBITIONS}/laochang.json)
wenyuan(exhibition validate ${ARCHIVE})
wenyuan(verify ${ARCHIVE})
