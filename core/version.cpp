// Version and build facts, filled in by the compiler and CMake.
#include "version.hpp"

#include <nlohmann/json.hpp>

namespace mlcore {
#if defined(__clang__)
namespace {
// __clang_version__ ends with a space; the status line should not.
std::string trimmed(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}
}  // namespace
#endif

std::string version_string() { return std::string("MLOps Playground core ") + MLPLAY_VERSION; }

std::string build_info_json() {
#if defined(__EMSCRIPTEN__)
  const char* target = "wasm32";
  const std::string compiler = std::string("emscripten ") + std::to_string(__EMSCRIPTEN_major__) + "." +
                               std::to_string(__EMSCRIPTEN_minor__) + "." +
                               std::to_string(__EMSCRIPTEN_tiny__) + " (clang " + trimmed(__clang_version__) + ")";
#else
  const char* target = "native";
#if defined(__clang__)
  const std::string compiler = "clang " + trimmed(__clang_version__);
#else
  const std::string compiler = std::string("gcc ") + __VERSION__;
#endif
#endif
  nlohmann::json j = {{"version", MLPLAY_VERSION},
                      {"name", version_string()},
                      {"target", target},
                      {"compiler", compiler},
                      {"build_type", MLPLAY_BUILD_TYPE}};
  return j.dump();
}

}  // namespace mlcore
