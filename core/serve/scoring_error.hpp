// A scoring request the endpoint refuses, as a value the native server and the page's Service
// Worker turn into the same HTTP answer: the status, MLflow's error_code ("BAD_REQUEST"), a
// stable code of our own that tests assert ("serve.missing_field"), a sentence a student can act
// on, and the field and row it is about when there are ones.
#pragma once
#include <cstddef>
#include <stdexcept>
#include <string>

namespace mlcore::serve {

class ScoringError : public std::runtime_error {
 public:
  ScoringError(int status, std::string error_code, std::string code, const std::string& message,
               std::string field = "", std::size_t row = 0)
      : std::runtime_error(message),
        status(status),
        error_code(std::move(error_code)),
        code(std::move(code)),
        field(std::move(field)),
        row(row) {}

  int status;
  std::string error_code;  // MLflow's word: BAD_REQUEST, UNSUPPORTED_MEDIA_TYPE, ...
  std::string code;        // ours, stable: serve.missing_field, serve.non_finite, ...
  std::string field;       // the feature or column concerned; empty when none
  std::size_t row;         // 1-based row of the batch; 0 when the error is about no one row
};

// 400 BAD_REQUEST: the body was read but is not a batch the model can score.
inline ScoringError bad_request(std::string code, const std::string& message,
                                std::string field = "", std::size_t row = 0) {
  return ScoringError(400, "BAD_REQUEST", std::move(code), message, std::move(field), row);
}

}  // namespace mlcore::serve
