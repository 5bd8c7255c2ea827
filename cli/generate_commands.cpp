// `mlplay generate`: seeded synthetic datasets as CSV on standard output, for classes, tests and
// benchmarks (scikit-learn's make_classification / make_regression idea).
#include <iostream>

#include "cli.hpp"
#include "core/data/csv_writer.hpp"
#include "core/data/generators.hpp"

namespace mlplay {
namespace {

const char* kUsage =
    "Usage: mlplay generate classification|regression [--rows N] [--features N] [--informative N]\n"
    "                       [--classes K] [--class-sep X] [--flip-y X] [--noise X] [--seed N]\n\n"
    "Writes a seeded synthetic dataset as CSV to standard output: columns f0..f{N-1} and `target`.\n"
    "Defaults: --rows 1000 --features 10 --informative 3 --classes 2 --class-sep 1 --flip-y 0.01\n"
    "--noise 0 --seed 0. The same seed gives the same file, natively and in the page.\n";

double number(const std::string& flag, const std::string& v) {
  try {
    std::size_t used = 0;
    double x = std::stod(v, &used);
    if (used == v.size()) return x;
  } catch (const std::exception&) {
  }
  throw UsageError(flag + " needs a number, got '" + v + "'.");
}

int run(const std::vector<std::string>& a) {
  if (a.empty() || (a[0] != "classification" && a[0] != "regression"))
    throw UsageError("say what to generate: classification or regression.");
  mlcore::data::ClassificationSpec c;
  mlcore::data::RegressionSpec r;
  c.n_samples = r.n_samples = 1000;
  c.n_features = r.n_features = 10;
  c.n_informative = r.n_informative = 3;
  for (std::size_t i = 1; i < a.size(); ++i) {
    if (i + 1 >= a.size()) throw UsageError("'" + a[i] + "' needs a value.");
    const std::string& k = a[i];
    const double v = number(k, a[++i]);
    const auto count = static_cast<std::size_t>(v);
    if (k == "--rows") c.n_samples = r.n_samples = count;
    else if (k == "--features") c.n_features = r.n_features = count;
    else if (k == "--informative") c.n_informative = r.n_informative = count;
    else if (k == "--classes") c.n_classes = count;
    else if (k == "--class-sep") c.class_sep = v;
    else if (k == "--flip-y") c.flip_y = v;
    else if (k == "--noise") r.noise = v;
    else if (k == "--seed") c.seed = r.seed = static_cast<std::uint64_t>(v);
    else throw UsageError("unknown option '" + k + "'.");
  }
  std::cout << mlcore::data::write_csv(a[0] == "classification" ? mlcore::data::make_classification(c)
                                                                 : mlcore::data::make_regression(r));
  return kExitOk;
}

}  // namespace

void register_generate_sub_commands() {
  sub_commands()["generate"] = SubCommand{"Write a seeded synthetic dataset as CSV.", kUsage, run};
}

}  // namespace mlplay
