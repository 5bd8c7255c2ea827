# Copies the browser builds of the npm libraries the page uses into the built page, so it
# works offline and no request leaves 127.0.0.1. Run as: cmake -DSRC=... -DDST=... -P vendor.cmake
set(FILES
  "uplot/dist/uPlot.esm.js"
  "uplot/dist/uPlot.min.css"
)
# Libraries whose browser build is a tree of ES modules: copied whole, as vendor/NAME/.
#   yaml: pipeline specs parsed in the page with line numbers (web/pipeline_yaml.mjs)
set(DIRS
  "yaml/browser/dist=yaml"
)
file(MAKE_DIRECTORY ${DST})
foreach(f ${FILES})
  if(NOT EXISTS ${SRC}/node_modules/${f})
    message(FATAL_ERROR "node_modules/${f} is missing: run scripts/install-deps.sh (./run and ./test do).")
  endif()
  get_filename_component(name ${f} NAME)
  file(COPY_FILE ${SRC}/node_modules/${f} ${DST}/${name} ONLY_IF_DIFFERENT)
endforeach()
foreach(entry ${DIRS})
  string(REPLACE "=" ";" parts ${entry})
  list(GET parts 0 from)
  list(GET parts 1 to)
  if(NOT IS_DIRECTORY ${SRC}/node_modules/${from})
    message(FATAL_ERROR "node_modules/${from} is missing: run scripts/install-deps.sh (./run and ./test do).")
  endif()
  file(GLOB_RECURSE files RELATIVE ${SRC}/node_modules/${from} ${SRC}/node_modules/${from}/*.js)
  foreach(f ${files})
    get_filename_component(dir ${DST}/${to}/${f} DIRECTORY)
    file(MAKE_DIRECTORY ${dir})
    file(COPY_FILE ${SRC}/node_modules/${from}/${f} ${DST}/${to}/${f} ONLY_IF_DIFFERENT)
  endforeach()
endforeach()
