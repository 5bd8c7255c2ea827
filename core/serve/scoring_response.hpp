// The JSON the scoring endpoints answer with, built from a model's predictions or a ScoringError.
//
// /score:        {"output": {"predicted_species": "1"}} for one record, {"output": [{...}, ...]}
//                for a list of records, in request order. The key is "predicted_" plus the
//                target's name in lower case; the value is the class label as text for
//                classification and a number for regression.
// /invocations:  {"predictions": [...]}, as MLflow's scoring server answers for a scikit-learn
//                model: numbers for regression; for classification the class labels, as numbers
//                when every label of the model is a number written plainly ("1", "2.5": MLflow
//                returns numpy's numbers for a numeric target), otherwise as text.
// Errors:        {"error_code": "BAD_REQUEST", "message": "...", "code": "serve.missing_field",
//                "field": "PetalWidthCm", "row": 2}; "field" and "row" only when there are ones.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "../models/model_file.hpp"
#include "scoring_error.hpp"

namespace mlcore::serve {

struct ScoringResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // beyond Content-Type and Content-Length
};

// "predicted_" + the target name in lower case (ASCII letters only are lowered).
std::string prediction_key(const std::string& target);
std::string score_body(const models::ModelBundle& model, const models::Predictions& p, bool single_record);
std::string invocations_body(const models::ModelBundle& model, const models::Predictions& p);

ScoringResponse error_response(const ScoringError& e);
// The value of X-Ignored-Fields: the names joined by ", ", each byte outside printable ASCII and
// each '%' and ',' percent-encoded (a field name must never break the header), at most 32 names
// (then ", ..."). Empty when `names` is.
std::string ignored_fields_header(const std::vector<std::string>& names);

}  // namespace mlcore::serve
