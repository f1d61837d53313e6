# Shared compile options for every Wenyuan target.
add_library(wenyuan_options INTERFACE)
target_compile_options(wenyuan_options INTERFACE -Wall -Wextra -Wshadow -Wno-missing-field-initializers)
if(WENYUAN_SANITIZER)
  target_compile_options(wenyuan_options INTERFACE -fsanitize=${WENYUAN_SANITIZER} -fno-omit-frame-pointer)
  target_link_options(wenyuan_options INTERFACE -fsanitize=${WENYUAN_SANITIZER})
endif()
