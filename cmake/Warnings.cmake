# Warning flags shared by every bando target through one INTERFACE library.
add_library(bando_warnings INTERFACE)
target_compile_options(bando_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Wunused -Woverloaded-virtual
  -Wimplicit-fallthrough)
if(BANDO_WERROR)
  target_compile_options(bando_warnings INTERFACE -Werror)
endif()
