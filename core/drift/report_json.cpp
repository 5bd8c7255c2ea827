// See report_json.hpp.
#include "report_json.hpp"

#include <cmath>
#include <cstdint>

#include "../error.hpp"

namespace mlcore::drift {
namespace {

using Json = nlohmann::json;

// JSON has no NaN or infinity: both become null (the notes say why).
Json number(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

std::string drift_when_text(const StatTest& t) {
  const std::string score = t.score_name == "p-value" ? "p" : t.score_name;
  return score + " " + drift_operator(t.drift_when, true) + " threshold";
}

template <class T>
T field(const Json& j, const char* name) {
  try {
    return j.at(name).get<T>();
  } catch (const Json::exception&) {
    throw Error("api.bad_args", std::string("The drift option '") + name + "' has the wrong type: " + j.at(name).dump() + ".");
  }
}

}  // namespace

Json to_json(const StatTest& t) {
  Json types = Json::array();
  for (FeatureType f : t.allowed_types) types.push_back(to_string(f));
  return {{"name", t.name},
          {"display_name", t.display_name},
          {"score", t.score_name},
          {"allowed_types", types},
          {"default_threshold", t.default_threshold},
          {"drift_when", drift_when_text(t)},
          {"needs_numbers", t.needs_order},
          {"description", t.description}};
}

Json counts(const std::vector<double>& c) {
  Json out = Json::array();
  for (double v : c) out.push_back(static_cast<std::int64_t>(v));
  return out;
}

Json to_json(const Histogram& h) {
  if (h.kind == Histogram::Kind::None) return nullptr;
  Json j = {{"kind", h.kind == Histogram::Kind::Bins ? "bins" : "categories"},
            {"source", h.source},
            {"reference", counts(h.reference)},
            {"current", counts(h.current)}};
  if (h.kind == Histogram::Kind::Bins) j["edges"] = h.edges;
  else j["labels"] = h.labels;
  return j;
}

Json to_json(const ColumnDrift& d) {
  Json j = {{"column", d.column},
            {"role", to_string(d.role)},
            {"type", to_string(d.type)},
            {"reference_rows", d.reference_rows},
            {"current_rows", d.current_rows},
            {"distinct_values", d.distinct_values},
            {"tested", d.test != nullptr},
            {"verdict", d.test ? (d.drift ? "drift" : "no drift") : "not tested"},
            {"drift", d.drift},
            {"reason", d.reason},
            {"explanation", d.explanation},
            {"departures", d.departures}};
  if (!d.type_reason.empty()) j["type_reason"] = d.type_reason;
  if (d.test) {
    j["test"] = d.test->name;
    j["test_display_name"] = d.test->display_name;
    j["chosen"] = d.automatic ? "automatic" : "asked";
    j["statistic"] = number(d.outcome.statistic);
    j["statistic_name"] = d.outcome.statistic_name;
    j["score"] = number(d.outcome.score);
    j["score_name"] = d.test->score_name;
    j["threshold"] = d.threshold;
    j["default_threshold"] = d.default_threshold;
    j["drift_when"] = drift_when_text(*d.test);
    if (!d.outcome.method.empty()) j["method"] = d.outcome.method;
    j["notes"] = d.outcome.notes;
  } else {
    j["test"] = nullptr;
  }
  j["histogram"] = to_json(d.histogram);
  return j;
}

Json to_json(const DatasetDrift& d) {
  return {{"columns", d.columns}, {"tested", d.tested},           {"drifted", d.drifted},
          {"share", d.share},     {"drift_share", d.drift_share}, {"drift", d.drift},
          {"explanation", d.explanation}};
}

Json to_json(const DriftReport& r) {
  Json cols = Json::array();
  for (const auto& c : r.columns) cols.push_back(to_json(c));
  return {{"reference_rows", r.reference_rows}, {"current_rows", r.current_rows}, {"columns", cols},
          {"dataset", to_json(r.dataset)}};
}

DriftOptions drift_options_from_json(const Json& j) {
  DriftOptions o;
  if (j.is_null()) return o;
  if (!j.is_object()) throw Error("api.bad_args", "The drift options must be an object, got " + j.dump() + ".");
  const auto has = [&](const char* k) { return j.contains(k) && !j[k].is_null(); };
  if (has("columns")) o.columns = field<std::vector<std::string>>(j, "columns");
  if (has("method")) o.method = field<std::string>(j, "method");
  if (has("threshold")) o.threshold = field<double>(j, "threshold");
  if (has("per_column_method")) o.per_column_method = field<std::map<std::string, std::string>>(j, "per_column_method");
  if (has("per_column_threshold")) o.per_column_threshold = field<std::map<std::string, double>>(j, "per_column_threshold");
  if (has("drift_share")) o.drift_share = field<double>(j, "drift_share");
  if (has("histograms")) o.histograms = field<bool>(j, "histograms");
  if (has("per_column_source")) o.per_column_source = field<std::string>(j, "per_column_source");
  if (has("method_source")) o.method_source = field<std::string>(j, "method_source");
  for (const auto& [k, v] : j.items()) {
    static const char* known[] = {"columns", "method", "threshold", "per_column_method", "per_column_threshold",
                                  "drift_share", "histograms", "per_column_source", "method_source"};
    bool ok = false;
    for (const char* n : known) ok = ok || k == n;
    if (!ok)
      throw Error("api.bad_args", "Unknown drift option '" + k + "'; the options are columns, method, threshold, "
                                  "per_column_method, per_column_threshold, drift_share and histograms.");
  }
  return o;
}

}  // namespace mlcore::drift
