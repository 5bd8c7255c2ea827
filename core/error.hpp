// Errors and warnings of the core: a stable code, an actionable sentence and, where there is
// one, a location (line and column are 1-based; 0 means "no location").
#pragma once
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace mlcore {

struct Location {
  std::size_t line = 0;    // 1-based; 0 = none
  std::size_t column = 0;  // 1-based; 0 = none
  std::string excerpt;     // the offending text, cut short
};

// Cut a piece of input short enough to quote in a message.
std::string excerpt_of(std::string_view text, std::size_t max_chars = 40);

class Error : public std::runtime_error {
 public:
  Error(std::string code, const std::string& message, Location where = {})
      : std::runtime_error(message), code_(std::move(code)), where_(std::move(where)) {}
  const std::string& code() const { return code_; }
  const Location& where() const { return where_; }

 private:
  std::string code_;
  Location where_;
};

struct Warning {
  std::string code;
  std::string message;
  Location where;
};

}  // namespace mlcore
