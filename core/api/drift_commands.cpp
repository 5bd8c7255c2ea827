// The drift commands of a session: drift.tests lists the registered tests (the descriptors the
// page shows), drift.report compares two loaded tables column by column. Handlers only
// translate JSON to core/drift calls.
#include "../drift/report_json.hpp"
#include "../drift/stattest.hpp"
#include "data_commands.hpp"
#include "registry.hpp"
#include "session.hpp"

namespace mlcore::api {

void register_drift_commands(Session& s) {
  s.add_command("drift.tests", "The drift tests: {} -> {tests: [{name, display_name, score, default_threshold, ...}]}.",
                [](Session&, const Json&) {
                  Json tests = Json::array();
                  for (const drift::StatTest* t : drift::stattests()) tests.push_back(drift::to_json(*t));
                  return Json{{"tests", tests}};
                });
  s.add_command("drift.report",
                "Data drift of one loaded table against another: {reference: table, current: table, options?: "
                "{columns, method, threshold, per_column_method, per_column_threshold, drift_share, histograms}} -> "
                "{columns: [...], dataset: {...}}.",
                [](Session& self, const Json& args) {
                  auto reference = shared_table(self, Json{{"table", require_field(args, "reference")}});
                  auto current = shared_table(self, Json{{"table", require_field(args, "current")}});
                  const drift::DriftOptions options =
                      drift::drift_options_from_json(args.contains("options") ? args["options"] : Json());
                  return drift::to_json(drift::data_drift_report(*reference, *current, options));
                });
}

}  // namespace mlcore::api
