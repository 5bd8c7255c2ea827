// See validate_data.hpp.
#include "validate_data.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "../../../data/quality.hpp"

namespace mlcore::ops {
namespace {

const std::vector<std::string>& quality_codes() {
  static const std::vector<std::string> codes = {
      "quality.constant_column", "quality.high_missing",   "quality.duplicate_rows",  "quality.id_like_column",
      "quality.class_imbalance", "quality.extreme_outliers", "quality.numeric_as_text"};
  return codes;
}

// The data_validation failure: an upstream extract that lost 40% of the first numeric feature
// (2 rows in every 5), as a broken join would.
std::string lose_column(data::Table& t, const std::string& target) {
  for (auto& c : t.columns) {
    if (c.name == target || !data::is_numeric_storage(c.type)) continue;
    for (std::size_t i = 0; i < c.numbers.size(); ++i)
      if (i % 5 < 2) c.numbers[i] = std::numeric_limits<double>::quiet_NaN();
    return c.name;
  }
  return "";
}

}  // namespace

const StepKind& validate_data_step() {
  static const StepKind kind = [] {
    StepKind k;
    k.name = "validate_data";
    k.display_name = "Validate data";
    k.help = "Run the data quality checks on a dataset version; blocking warnings fail the step (real: core/data/quality).";
    k.failure = "data_validation";
    k.inputs = {
        {"dataset", InputType::String, true, nullptr, "The dataset version to check: IRIS (the latest) or IRIS:2."},
        {"target", InputType::String, false, nullptr, "The target column, for the class imbalance check."},
        {"fail_on", InputType::StringList, false,
         nlohmann::json::array({"quality.high_missing", "quality.constant_column", "quality.class_imbalance"}),
         "Warning codes that fail the step; other warnings are only logged."},
    };
    k.check = [](const nlohmann::json& in, std::vector<InputProblem>& problems) {
      for (const auto& code : in["fail_on"]) {
        if (std::find(quality_codes().begin(), quality_codes().end(), code.get<std::string>()) != quality_codes().end()) continue;
        std::string known;
        for (const auto& c : quality_codes()) known += (known.empty() ? "" : ", ") + c;
        problems.push_back({"fail_on", "pipeline.bad_input",
                            "fail_on names '" + code.get<std::string>() + "', which is not a quality check; they are " + known + "."});
      }
    };
    k.run = [](StepRun& r) {
      nlohmann::json ref;
      const auto shared = r.host().dataset_table(r.text("dataset"), ref);
      data::Table table = *shared;
      const std::string target = r.has("target") ? r.text("target") : "";
      r.log("Checking " + ref["name"].get<std::string>() + ":" + std::to_string(ref["version"].get<int>()) + ": " +
            std::to_string(table.rows()) + " rows x " + std::to_string(table.cols()) + " columns.");
      if (r.injected("data_validation")) {
        const std::string lost = lose_column(table, target);
        r.log("(injected failure data_validation: the extract lost 40% of the values of " + lost + ")");
      }
      data::QualityOptions q;
      q.target = target;
      const auto warnings = data::check_quality(table, q);
      r.wait(2 + std::ceil(static_cast<double>(table.rows() * table.cols()) / 50000));
      std::vector<std::string> blocking;
      nlohmann::json found = nlohmann::json::array();
      const auto& fail_on = r.input("fail_on");
      for (const auto& w : warnings) {
        const bool blocks = std::find(fail_on.begin(), fail_on.end(), w.code) != fail_on.end();
        if (!blocks) r.log("##[warning]" + w.code + ": " + w.message);  // blocking ones are the step's error
        if (blocks) blocking.push_back(w.code + ": " + w.message);
        found.push_back({{"code", w.code}, {"message", w.message}, {"blocking", blocks}});
      }
      r.outputs()["warnings"] = found;
      if (!blocking.empty()) {
        std::string why;
        for (const auto& b : blocking) why += (why.empty() ? "" : " ") + b;
        r.fail("pipeline.data_validation_failed", "Data validation failed on " + std::to_string(blocking.size()) +
                                                      " blocking warning" + (blocking.size() == 1 ? "" : "s") + ": " + why);
      }
      r.log("Data validation passed: " + std::to_string(warnings.size()) + " warning" + (warnings.size() == 1 ? "" : "s") +
            ", none blocking.");
    };
    return k;
  }();
  return kind;
}

}  // namespace mlcore::ops
