// Drift reports and test descriptors as JSON, and report options from JSON: the shape the page
// gets from drift.report and drift.tests, and `mlplay drift --json` prints. NaN (an undefined
// p-value) is written as null.
#pragma once
#include <nlohmann/json.hpp>

#include "report.hpp"

namespace mlcore::drift {

nlohmann::json to_json(const StatTest& test);
nlohmann::json to_json(const Histogram& h);
nlohmann::json to_json(const ColumnDrift& d);
nlohmann::json to_json(const DatasetDrift& d);
nlohmann::json to_json(const DriftReport& r);

// {columns?, method?, threshold?, per_column_method?, per_column_threshold?, drift_share?,
// histograms?}; throws api.bad_args naming a field of the wrong type.
DriftOptions drift_options_from_json(const nlohmann::json& j);

}  // namespace mlcore::drift
