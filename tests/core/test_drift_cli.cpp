// `mlplay drift` as a user runs it: Iris against itself shows no drift; against a copy whose
// PetalLengthCm is shifted by one standard deviation (written here) it shows drift on that
// column only; exit 0 either way, 1 on errors that name the column or the types, 2 on usage.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace {

using mlplay_test::mlplay;
using mlplay_test::Run;
using nlohmann::json;

std::string iris_path() { return std::string(MLPLAY_SOURCE_DIR) + "/datasets/iris.csv"; }

// Iris with `column` (0-based) replaced through f; every other field copied as written.
std::string write_iris_copy(const std::string& name, int column, double shift, const std::string& replace_species = "") {
  std::ifstream in(iris_path());
  std::string header, line;
  std::getline(in, header);
  std::vector<std::vector<std::string>> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
    rows.push_back(f);
  }
  std::string path = "/tmp/mlplay_test_drift_" + name + ".csv";
  std::ofstream out(path);
  out << header << "\n";
  for (auto& f : rows) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", std::stod(f[column]) + shift);
    f[column] = buf;
    if (!replace_species.empty()) f[4] = replace_species + f[4];
    for (std::size_t i = 0; i < f.size(); ++i) out << (i ? "," : "") << f[i];
    out << "\n";
  }
  return path;
}

// The sample standard deviation of an Iris column.
double iris_std(int column) {
  std::ifstream in(iris_path());
  std::string line;
  std::getline(in, line);
  std::vector<double> v;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::stringstream ss(line);
    std::string cell;
    for (int i = 0; i <= column; ++i) std::getline(ss, cell, ',');
    v.push_back(std::stod(cell));
  }
  double mean = 0, ss = 0;
  for (double x : v) mean += x / static_cast<double>(v.size());
  for (double x : v) ss += (x - mean) * (x - mean);
  return std::sqrt(ss / static_cast<double>(v.size() - 1));
}

}  // namespace

TEST_CASE("mlplay drift on Iris against itself reports no drift in any column and exits 0", "[drift]") {
  Run r = mlplay("drift --reference iris --current iris --json");
  REQUIRE(r.status == 0);
  const json j = json::parse(r.out);
  REQUIRE(j["columns"].size() == 5);
  for (const auto& c : j["columns"]) {
    CHECK(c["verdict"] == "no drift");
    CHECK(c["score"] == 1.0);
  }
  CHECK(j["dataset"]["drift"] == false);
  CHECK(j["dataset"]["drifted"] == 0);
  Run text = mlplay("drift --reference iris --current iris");
  CHECK(text.status == 0);
  CHECK(text.out.find("No dataset drift: 0 of 5 tested columns drifted (share 0 < 0.5).") != std::string::npos);
}

TEST_CASE("mlplay drift finds drift on PetalLengthCm shifted by one standard deviation and nowhere else", "[drift]") {
  const std::string shifted = write_iris_copy("petal_shift", 2, iris_std(2));
  Run r = mlplay("drift --reference iris --current " + shifted + " --json");
  REQUIRE(r.status == 0);
  const json j = json::parse(r.out);
  for (const auto& c : j["columns"]) {
    INFO(c["column"]);
    CHECK(c["drift"] == (c["column"] == "PetalLengthCm"));
  }
  const json& petal = j["columns"][2];
  CHECK(petal["test"] == "ks");
  CHECK(petal["method"] == "exact");
  CHECK(petal["score"].get<double>() < 1e-6);
  CHECK(j["dataset"]["drifted"] == 1);
  CHECK(j["dataset"]["drift"] == false);  // 1 of 5 is below the 0.5 share
  Run text = mlplay("drift --reference iris --current " + shifted);
  CHECK(text.status == 0);
  CHECK(text.out.find("PetalLengthCm: drift. K-S p-value ") != std::string::npos);
  CHECK(text.out.find("K-S because the column is numerical with ") != std::string::npos);
  CHECK(text.out.find("and the reference has 150 rows (at most 1,000).") != std::string::npos);
}

TEST_CASE("mlplay drift takes a test and a threshold per column and a drift share", "[drift]") {
  const std::string shifted = write_iris_copy("petal_shift2", 2, iris_std(2));
  Run r = mlplay("drift --reference iris --current " + shifted +
                 " --json --columns PetalLengthCm,Species --test PetalLengthCm=psi --threshold PetalLengthCm=0.2 "
                 "--drift-share 0.5");
  REQUIRE(r.status == 0);
  const json j = json::parse(r.out);
  REQUIRE(j["columns"].size() == 2);
  CHECK(j["columns"][0]["test"] == "psi");
  CHECK(j["columns"][0]["threshold"] == 0.2);
  CHECK(j["columns"][0]["chosen"] == "asked");
  CHECK(j["dataset"]["drift"] == true);  // 1 of 2 reaches 0.5
}

TEST_CASE("mlplay drift errors: an unknown column is named, a type change names both types, exit 1", "[drift]") {
  Run unknown = mlplay("drift --reference iris --current iris --columns PetalLengthCm,Petals", true);
  CHECK(unknown.status == 1);
  CHECK(unknown.out.find("'Petals'") != std::string::npos);
  CHECK(unknown.out.find("[drift.unknown_column]") != std::string::npos);
  const std::string relabelled = write_iris_copy("species_text", 0, 0.0, "class-");
  Run mismatch = mlplay("drift --reference iris --current " + relabelled, true);
  CHECK(mismatch.status == 1);
  CHECK(mismatch.out.find("'Species' is integer in the reference data but categorical in the current data") != std::string::npos);
  CHECK(mlplay("drift --reference iris --current /tmp/no_such_file_drift.csv").status == 1);
}

TEST_CASE("mlplay drift usage errors exit 2: a missing input, an unknown test, a bad share or threshold", "[drift]") {
  CHECK(mlplay("drift --reference iris").status == 2);
  CHECK(mlplay("drift --current iris").status == 2);
  CHECK(mlplay("drift --reference iris --current iris --test Species=t_test").status == 2);
  CHECK(mlplay("drift --reference iris --current iris --drift-share 1.5").status == 2);
  CHECK(mlplay("drift --reference iris --current iris --threshold Species=lots").status == 2);
  CHECK(mlplay("drift --reference iris --current iris --frobnicate").status == 2);
  Run help = mlplay("drift --help");
  CHECK(help.status == 0);
  CHECK(help.out.find("Exit status: 0 when the report was made, whether or not drift was found") != std::string::npos);
}
