// Predictions and errors -> scoring response bodies; see scoring_response.hpp.
#include "scoring_response.hpp"

#include <cmath>

#include "../data/csv_values.hpp"
#include "../data/datetime.hpp"

namespace mlcore::serve {
namespace {

using nlohmann::json;

bool is_classification(const models::ModelBundle& m) { return m.task == models::Task::Classification; }

json value_of_row(const models::ModelBundle& m, const models::Predictions& p, Eigen::Index r) {
  if (is_classification(m)) return p.labels[static_cast<std::size_t>(r)];
  return p.values[r];
}

// The labels as MLflow would send them: numbers when every class label reads back as the same
// number, so "1" -> 1 but "01" and "setosa" stay text.
std::vector<json> mlflow_labels(const std::vector<std::string>& classes) {
  std::vector<json> out;
  for (const auto& c : classes) {
    double v = 0;
    bool integer = false;
    if (!data::csv::parse_number(c, '.', v, integer) || !std::isfinite(v) || data::format_number(v) != c) {
      return std::vector<json>(classes.begin(), classes.end());
    }
    if (integer) out.emplace_back(static_cast<std::int64_t>(v));
    else out.emplace_back(v);
  }
  return out;
}

}  // namespace

std::string prediction_key(const std::string& target) {
  std::string key = "predicted_" + target;
  for (char& c : key)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return key;
}

std::string score_body(const models::ModelBundle& model, const models::Predictions& p, bool single_record) {
  const std::string key = prediction_key(model.target.name());
  if (single_record) return json{{"output", {{key, value_of_row(model, p, 0)}}}}.dump();
  json rows = json::array();
  for (Eigen::Index r = 0; r < p.values.size(); ++r) rows.push_back({{key, value_of_row(model, p, r)}});
  return json{{"output", std::move(rows)}}.dump();
}

std::string invocations_body(const models::ModelBundle& model, const models::Predictions& p) {
  json out = json::array();
  if (is_classification(model)) {
    const auto labels = mlflow_labels(model.target.classes());
    for (Eigen::Index r = 0; r < p.values.size(); ++r) out.push_back(labels[static_cast<std::size_t>(p.values[r])]);
  } else {
    for (Eigen::Index r = 0; r < p.values.size(); ++r) out.push_back(p.values[r]);
  }
  return json{{"predictions", std::move(out)}}.dump();
}

ScoringResponse error_response(const ScoringError& e) {
  // In MLflow's order: error_code and message first.
  nlohmann::ordered_json body = {{"error_code", e.error_code}, {"message", e.what()}, {"code", e.code}};
  if (!e.field.empty()) body["field"] = e.field;
  if (e.row) body["row"] = e.row;
  ScoringResponse r;
  r.status = e.status;
  // Invalid UTF-8 in a quoted field name must not make the error itself fail to serialise.
  r.body = body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  return r;
}

std::string ignored_fields_header(const std::vector<std::string>& names) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += ", ";
    if (i == 32) return out + "...";
    for (unsigned char c : names[i]) {
      if (c < 0x21 || c > 0x7E || c == '%' || c == ',') out += '%', out += hex[c >> 4], out += hex[c & 15];
      else out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace mlcore::serve
