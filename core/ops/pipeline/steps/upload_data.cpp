// See upload_data.hpp.
#include "upload_data.hpp"

#include <cmath>

#include "../../../data/profile.hpp"
#include "../../dataset_registry.hpp"

namespace mlcore::ops {

const StepKind& upload_data_step() {
  static const StepKind kind = [] {
    StepKind k;
    k.name = "upload_data";
    k.display_name = "Upload data";
    k.help = "Upload a data source and register it as the next version of a dataset (real: the dataset registry).";
    k.inputs = {
        {"source", InputType::String, true, nullptr,
         "The data: a built-in dataset or file the run is given (iris), or a dataset version (IRIS:2)."},
        {"dataset", InputType::String, true, nullptr, "The dataset to register it as, e.g. IRIS."},
    };
    k.check = [](const nlohmann::json& in, std::vector<InputProblem>& problems) {
      try {
        validate_dataset_name(in["dataset"].get<std::string>());
      } catch (const std::exception& e) {
        problems.push_back({"dataset", "pipeline.bad_input", e.what()});
      }
    };
    k.run = [](StepRun& r) {
      const std::string source = r.text("source"), name = r.text("dataset");
      const auto table = r.host().source_table(source);
      const double cells = static_cast<double>(table->rows() * table->cols());
      r.log("$ az ml datastore upload -n workspaceblobstore -p " + source + " -u " + name + " --overwrite true");
      r.log("Uploading " + source + ": " + std::to_string(table->rows()) + " rows x " + std::to_string(table->cols()) +
            " columns.");
      r.wait(5 + std::ceil(cells / 20000));
      const data::Profile profile = data::profile_table(*table);
      for (const auto& w : profile.warnings) r.log("##[warning]" + w.code + ": " + w.message);
      const DatasetOutcome d = r.host().register_dataset(*table, name, source, data::to_json(profile), r.now());
      r.catch_up();
      const std::string ref = version_reference(d.name, d.version);
      r.log(d.created ? "Registered dataset version " + ref + " (content hash " + d.hash.substr(0, 12) + ")."
                      : ref + " already holds this content: no new version.");
      r.outputs()["dataset"] = {{"name", d.name}, {"version", d.version}, {"hash", d.hash}, {"created", d.created}};
    };
    return k;
  }();
  return kind;
}

}  // namespace mlcore::ops
