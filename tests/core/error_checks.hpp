// Helpers for expecting an mlcore::Error: the code of the error a call throws, to CHECK against.
#pragma once
#include <catch2/catch.hpp>

#include <functional>
#include <string>

#include "core/error.hpp"

namespace mlplay_test {

// The code of the mlcore::Error that `f` throws, or "" when it throws none; the error's message
// goes to `*message` when given.
template <class F>
inline std::string code_of(F f, std::string* message = nullptr) {
  try {
    f();
  } catch (const mlcore::Error& e) {
    if (message) *message = e.what();
    return e.code();
  }
  return "";
}

// The code of the mlcore::Error that `f` throws; fails the test when it throws nothing.
inline std::string error_code(const std::function<void()>& f) {
  try {
    f();
  } catch (const mlcore::Error& e) {
    return e.code();
  }
  FAIL("no mlcore::Error was thrown");
  return "";
}

}  // namespace mlplay_test
