// What the core says about itself: the version string and the build it came from.
#pragma once
#include <string>

namespace mlcore {

// "MLOps Playground core 0.1.0": the same string natively and in wasm.
std::string version_string();
// {"version", "target" ("wasm32" or "native"), "compiler", "build_type"} as JSON text.
std::string build_info_json();

}  // namespace mlcore
