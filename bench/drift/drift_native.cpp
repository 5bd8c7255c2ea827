// bench/drift, native half: reads the benchmark's columns (the raw float64 file run.mjs wrote:
// COLS columns of ROWS reference values, then COLS columns of ROWS current values), and times
// data_drift_report with the automatic choice (normed Wasserstein at these sizes) and with K-S
// for every column, best of REPS. Prints one JSON line for run.mjs.
//   bench_drift FILE COLS ROWS REPS
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/drift/report.hpp"

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::cerr << "usage: bench_drift FILE COLS ROWS REPS\n";
    return 2;
  }
  const std::size_t cols = std::stoul(argv[2]), rows = std::stoul(argv[3]);
  const int reps = std::stoi(argv[4]);
  std::FILE* f = std::fopen(argv[1], "rb");
  if (!f) {
    std::cerr << "cannot open " << argv[1] << "\n";
    return 1;
  }
  mlcore::data::Table reference, current;
  for (auto* t : {&reference, &current})
    for (std::size_t c = 0; c < cols; ++c) {
      mlcore::data::Column col;
      col.name = "x" + std::to_string(c);
      col.numbers.resize(rows);
      if (std::fread(col.numbers.data(), sizeof(double), rows, f) != rows) {
        std::cerr << "short file\n";
        return 1;
      }
      t->columns.push_back(std::move(col));
    }
  std::fclose(f);

  nlohmann::json out = nlohmann::json::object();
  for (const std::string method : {"", "ks"}) {
    mlcore::drift::DriftOptions o;
    o.method = method;
    double best = 1e300;
    mlcore::drift::DriftReport r;
    for (int i = 0; i < reps; ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      r = mlcore::drift::data_drift_report(reference, current, o);
      best = std::min(best, seconds_since(t0));
    }
    nlohmann::json columns = nlohmann::json::array();
    for (const auto& c : r.columns)
      columns.push_back({{"column", c.column}, {"test", c.test->name}, {"statistic", c.outcome.statistic},
                         {"score", c.outcome.score}, {"drift", c.drift}, {"method", c.outcome.method}});
    out[method.empty() ? "auto" : method] = {{"seconds", best}, {"columns", columns}, {"drifted", r.dataset.drifted}};
  }
  std::cout << out.dump() << "\n";
  return 0;
}
