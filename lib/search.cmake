# Search: the FTS5 tokenizers and their character tables (lib/src/search).
#
# The tables are generated at build time from Debian's unicode-data package by a host program,
# tools/gen_hanzi_tables.cpp; the Unihan files are decompressed with bzip2 (Debian package bzip2).
# Nothing generated is committed: it lands in the build tree as hanzi_tables.cpp.
set(WENYUAN_UNICODE_DIR /usr/share/unicode CACHE PATH "Where the unicode-data package installs UnicodeData.txt and Unihan")
set(search_unicode_inputs
  ${WENYUAN_UNICODE_DIR}/UnicodeData.txt
  ${WENYUAN_UNICODE_DIR}/CaseFolding.txt
  ${WENYUAN_UNICODE_DIR}/Unihan_Variants.txt.bz2
  ${WENYUAN_UNICODE_DIR}/Unihan_Readings.txt.bz2)
foreach(input IN LISTS search_unicode_inputs)
  if(NOT EXISTS ${input})
    message(FATAL_ERROR "${input} is missing: the search tables are generated from the Unicode "
      "character database. Install it with `apt-get install unicode-data` (or set WENYUAN_UNICODE_DIR).")
  endif()
endforeach()
find_program(WENYUAN_BZIP2 bzip2)
if(NOT WENYUAN_BZIP2)
  message(FATAL_ERROR "bzip2 is missing: it decompresses the Unihan files. Install it with `apt-get install bzip2`.")
endif()

# A host tool: built with the host compiler and run during the build, never installed.
add_executable(gen_hanzi_tables ${PROJECT_SOURCE_DIR}/tools/gen_hanzi_tables.cpp)
target_link_libraries(gen_hanzi_tables PRIVATE wenyuan_options)
target_include_directories(gen_hanzi_tables PRIVATE src)  # search/hanzi.hpp: table layout, UTF-8
set_target_properties(gen_hanzi_tables PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})

set(search_unihan_dir ${CMAKE_CURRENT_BINARY_DIR}/unihan)
foreach(name Variants Readings)
  add_custom_command(
    OUTPUT ${search_unihan_dir}/Unihan_${name}.txt
    COMMAND ${CMAKE_COMMAND} -E copy ${WENYUAN_UNICODE_DIR}/Unihan_${name}.txt.bz2 ${search_unihan_dir}/
    COMMAND ${WENYUAN_BZIP2} -d -f ${search_unihan_dir}/Unihan_${name}.txt.bz2
    DEPENDS ${WENYUAN_UNICODE_DIR}/Unihan_${name}.txt.bz2
    COMMENT "Decompressing Unihan_${name}.txt"
    VERBATIM)
endforeach()

add_custom_command(
  OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/hanzi_tables.cpp
  COMMAND gen_hanzi_tables
    --unicode-data ${WENYUAN_UNICODE_DIR}/UnicodeData.txt
    --case-folding ${WENYUAN_UNICODE_DIR}/CaseFolding.txt
    --variants ${search_unihan_dir}/Unihan_Variants.txt
    --readings ${search_unihan_dir}/Unihan_Readings.txt
    --output ${CMAKE_CURRENT_BINARY_DIR}/hanzi_tables.cpp
  DEPENDS gen_hanzi_tables
    ${WENYUAN_UNICODE_DIR}/UnicodeData.txt
    ${WENYUAN_UNICODE_DIR}/CaseFolding.txt
    ${search_unihan_dir}/Unihan_Variants.txt
    ${search_unihan_dir}/Unihan_Readings.txt
  COMMENT "Generating the search character tables from unicode-data"
  VERBATIM)

target_sources(wenyuan PRIVATE
  ${CMAKE_CURRENT_BINARY_DIR}/hanzi_tables.cpp
  src/search/hanzi.cpp
  src/search/tokenizer.cpp
  src/search/fts5_tokenizer.cpp)
