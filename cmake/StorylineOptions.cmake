# Warnings and sanitizers live on INTERFACE targets linked PRIVATE to our own
# targets only, so third-party headers never trip -Werror.
add_library(storyline_warnings INTERFACE)
target_compile_options(storyline_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow)
if(STORYLINE_WERROR)
  target_compile_options(storyline_warnings INTERFACE -Werror)
endif()

if(STORYLINE_SANITIZE)
  add_compile_options(-fsanitize=${STORYLINE_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${STORYLINE_SANITIZE})
endif()
