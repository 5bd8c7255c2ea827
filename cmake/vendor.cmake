# Copies the browser builds of the npm libraries the page uses into the built page, so it
# works offline and no request leaves 127.0.0.1. Run as: cmake -DSRC=... -DDST=... -P vendor.cmake
set(FILES
  "uplot/dist/uPlot.esm.js"
  "uplot/dist/uPlot.min.css"
)
file(MAKE_DIRECTORY ${DST})
foreach(f ${FILES})
  if(NOT EXISTS ${SRC}/node_modules/${f})
    message(FATAL_ERROR "node_modules/${f} is missing: run scripts/install-deps.sh (./run and ./test do).")
  endif()
  get_filename_component(name ${f} NAME)
  file(COPY_FILE ${SRC}/node_modules/${f} ${DST}/${name} ONLY_IF_DIFFERENT)
endforeach()
