// bench/drift, wasm half: the bench-only entry point. Columns come in as Float64Arrays, copied
// once into the module's memory (the same Table the page's session would hold), then the same
// data_drift_report the page runs; the reply is a small JSON summary, never the data.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>

#include <nlohmann/json.hpp>

#include "core/drift/report.hpp"

using emscripten::val;

namespace {

class DriftBench {
 public:
  // Rows of one column for both tables, as two Float64Arrays.
  void add_column(const std::string& name, const val& reference, const val& current) {
    reference_.columns.push_back(copy(name, reference));
    current_.columns.push_back(copy(name, current));
  }

  // The report with `method` for every column ("" = the automatic choice): a summary as JSON text.
  std::string run(const std::string& method) {
    try {
      mlcore::drift::DriftOptions o;
      o.method = method;
      const auto r = mlcore::drift::data_drift_report(reference_, current_, o);
      nlohmann::json cols = nlohmann::json::array();
      for (const auto& c : r.columns)
        cols.push_back({{"column", c.column}, {"test", c.test ? c.test->name : ""}, {"statistic", c.outcome.statistic},
                        {"score", c.outcome.score}, {"drift", c.drift}, {"method", c.outcome.method}});
      return nlohmann::json{{"columns", cols}, {"drifted", r.dataset.drifted}, {"drift", r.dataset.drift}}.dump();
    } catch (const std::exception& e) {
      return nlohmann::json{{"error", e.what()}}.dump();
    }
  }

 private:
  static mlcore::data::Column copy(const std::string& name, const val& array) {
    mlcore::data::Column c;
    c.name = name;
    c.type = mlcore::data::ColumnType::Float;
    const std::size_t n = array["length"].as<std::size_t>();
    c.numbers.resize(n);
    val(emscripten::typed_memory_view(n, c.numbers.data())).call<void>("set", array);
    return c;
  }

  mlcore::data::Table reference_, current_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(bench_drift) {
  emscripten::class_<DriftBench>("DriftBench")
      .constructor<>()
      .function("addColumn", &DriftBench::add_column)
      .function("run", &DriftBench::run);
}
