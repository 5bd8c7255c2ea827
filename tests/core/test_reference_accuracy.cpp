// Every classification family against scikit-learn 1.2 on the same data: 5-fold stratified
// cross-validation (shuffled, seeded), mean accuracy within 2 points of scikit-learn's figure
// (3 points for the decision tree, averaged over seeds, whose figure moves with the seed).
// Reference figures: iris and breast_cancer as quoted in the Training issue; wine computed with
// Debian's python3-sklearn 1.2.1: StratifiedKFold(5, shuffle=True, random_state=0), k-NN and
// logistic regression in make_pipeline(StandardScaler(), ...), decision tree averaged over
// random_state 0..7, random forest 100 trees, HistGradientBoostingClassifier defaults.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "core/data/csv_reader.hpp"
#include "core/eval/metrics_classification.hpp"
#include "core/eval/splits.hpp"
#include "core/models/family.hpp"
#include "core/models/preprocess.hpp"
#include "core/models/target.hpp"

using namespace mlcore;

namespace {

data::Table load(const std::string& name) {
  std::ifstream in(std::string(MLPLAY_SOURCE_DIR) + "/datasets/" + name + ".csv", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return data::read_csv(ss.str()).table;
}

double cv_accuracy(const data::Table& t, const std::string& target, const std::string& family_name, std::uint64_t seed,
                   std::uint64_t fold_seed) {
  const auto& family = models::find_family(family_name);
  const auto task = models::Task::Classification;
  const nlohmann::json params = models::resolve_params(family, nlohmann::json::object(), task);
  models::TargetEncoder enc;
  enc.fit(t.column(target), task);
  const Eigen::VectorXd y = enc.encode(t.column(target));
  std::vector<int> labels(static_cast<std::size_t>(y.size()));
  for (Eigen::Index i = 0; i < y.size(); ++i) labels[static_cast<std::size_t>(i)] = static_cast<int>(y[i]);
  std::vector<std::string> features;
  for (const auto& c : t.columns)
    if (c.name != target) features.push_back(c.name);
  double sum = 0;
  const auto folds = eval::stratified_kfold(labels, 5, true, fold_seed);
  for (const auto& fold : folds) {
    models::Preprocessor pre;
    pre.fit(t, features, fold.train, {"mean", family.needs_scaling});
    models::TrainingSet data;
    data.X = pre.transform(t, fold.train);
    data.y = enc.encode(t.column(target), fold.train);
    data.n_classes = enc.n_classes();
    data.task = task;
    data.feature_names = pre.output_names();
    auto est = family.make(params, task);
    est->fit(data, seed);
    const Eigen::VectorXd pred = est->predict(pre.transform(t, fold.test));
    std::vector<int> truth, guess;
    for (std::size_t i = 0; i < fold.test.size(); ++i) {
      truth.push_back(labels[fold.test[i]]);
      guess.push_back(static_cast<int>(pred[static_cast<Eigen::Index>(i)]));
    }
    sum += eval::accuracy_score(truth, guess);
  }
  return sum / static_cast<double>(folds.size());
}

struct Reference {
  const char* dataset;
  const char* target;
  std::map<std::string, double> accuracy;
};

const Reference kReferences[] = {
    {"iris", "Species", {{"decision_tree", 0.933}, {"random_forest", 0.940}, {"gradient_boosting", 0.947},
                         {"logistic_regression", 0.960}, {"knn", 0.953}, {"naive_bayes", 0.960}}},
    {"breast_cancer", "target", {{"decision_tree", 0.926}, {"random_forest", 0.965}, {"gradient_boosting", 0.970},
                                 {"logistic_regression", 0.979}, {"knn", 0.965}, {"naive_bayes", 0.939}}},
    {"wine", "cultivar", {{"decision_tree", 0.929}, {"random_forest", 0.972}, {"gradient_boosting", 0.972},
                          {"logistic_regression", 0.983}, {"knn", 0.961}, {"naive_bayes", 0.972}}},
};

}  // namespace

TEST_CASE("5-fold CV accuracy of every family is within 2 points of scikit-learn's (3 for a tree, over seeds)", "[reference]") {
  for (const auto& ref : kReferences) {
    const data::Table t = load(ref.dataset);
    for (const auto& [family, expected] : ref.accuracy) {
      // Our folds cannot be scikit-learn's (another random stream), and on 150 rows one row is
      // 0.7 points, so the figure is averaged over 5 fold shuffles (and 8 tree seeds for a tree).
      double sum = 0;
      int n = 0;
      for (std::uint64_t fold_seed = 0; fold_seed < 5; ++fold_seed)
        for (std::uint64_t seed = 0; seed < (family == "decision_tree" ? 8u : 1u); ++seed, ++n)
          sum += cv_accuracy(t, ref.target, family, seed, fold_seed);
      const double got = sum / n;
      const double tolerance = family == "decision_tree" ? 0.03 : 0.02;
      INFO(ref.dataset << " " << family << ": " << got << " against scikit-learn's " << expected);
      CHECK(got >= expected - tolerance);
      CHECK(got <= expected + tolerance + 0.02);  // far better than scikit-learn would be a leak
    }
  }
}
