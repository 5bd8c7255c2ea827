// Schemas and factories of the tree families; see tree_families.hpp. A parameter that exists for
// one task only (criterion gini vs squared_error), or whose default differs by task (the forest's
// max_features: sqrt for classification, all features for regression, as scikit-learn 1.2), is
// listed once per task with `tasks` set. max_features mixes names and numbers in scikit-learn; here
// it is a Choice: "all", "sqrt", "log2" or a fraction of the features written as text ("0.5").
#include "tree_families.hpp"

#include "boosting.hpp"
#include "forest.hpp"
#include "param_specs.hpp"
#include "tree.hpp"

namespace mlcore::models {
namespace {

// The parameters the decision tree and the forest share, in scikit-learn's order.
std::vector<ParamSpec> tree_specs() {
  return {
      choice_param("criterion", "gini", {"gini", "entropy"},
             "How a node's impurity is measured: gini (Gini impurity) or entropy (information gain).",
             {Task::Classification}),
      choice_param("criterion", "squared_error", {"squared_error"},
             "How a node's impurity is measured: squared_error (variance of the target in the node).",
             {Task::Regression}),
      unlimited_int_param("max_depth", 1, 1000,
                          "Deepest level a node may sit at (the root is level 0); none grows until leaves "
                          "are pure or too small to split."),
      int_param("min_samples_split", 2, 2, kNoLimit, "A node needs at least this many rows to be split."),
      int_param("min_samples_leaf", 1, 1, kNoLimit,
                "Every leaf keeps at least this many rows; larger values give smoother, simpler trees."),
  };
}

const std::vector<std::string> kMaxFeatures = {"all", "sqrt", "log2", "0.25", "0.5", "0.75"};
const char* const kMaxFeaturesHelp =
    "Features drawn at random at each node to search for its split: all, the square root or log2 "
    "of their number, or a fraction of them.";

}  // namespace

Family decision_tree_family() {
  Family f;
  f.name = "decision_tree";
  f.display_name = "Decision Tree";
  f.help = "One tree of yes/no questions on the features, each chosen to make the groups below it purest.";
  f.tasks = {Task::Classification, Task::Regression};
  f.params = tree_specs();
  f.params.push_back(choice_param("max_features", "all", kMaxFeatures, kMaxFeaturesHelp));
  f.make = [](const nlohmann::json& p, Task task) -> std::unique_ptr<Estimator> {
    return std::make_unique<DecisionTree>(task, tree_params_from_json(p, task));
  };
  return f;
}

Family random_forest_family() {
  Family f;
  f.name = "random_forest";
  f.display_name = "Random Forest";
  f.help = "Many decision trees, each grown on a bootstrap sample of the rows with random features per "
           "split; their predictions are averaged.";
  f.tasks = {Task::Classification, Task::Regression};
  f.params = {int_param("n_estimators", 100, 1, 1000,
                        "Number of trees; more trees give steadier predictions and take longer.")};
  for (auto& p : tree_specs()) f.params.push_back(std::move(p));
  f.params.push_back(choice_param("max_features", "sqrt", kMaxFeatures, kMaxFeaturesHelp, {Task::Classification}));
  f.params.push_back(choice_param("max_features", "all", kMaxFeatures, kMaxFeaturesHelp, {Task::Regression}));
  f.params.push_back(bool_param("bootstrap", true,
                                "Grow each tree on rows drawn with replacement (a bootstrap sample) instead of all rows."));
  f.make = [](const nlohmann::json& p, Task task) -> std::unique_ptr<Estimator> {
    ForestParams fp;
    fp.tree = tree_params_from_json(p, task);
    if (!p.contains("max_features")) fp.tree.max_features = task == Task::Classification ? "sqrt" : "all";
    if (p.contains("n_estimators")) fp.n_estimators = p.at("n_estimators").get<int>();
    if (p.contains("bootstrap")) fp.bootstrap = p.at("bootstrap").get<bool>();
    return std::make_unique<RandomForest>(task, fp);
  };
  return f;
}

Family gradient_boosting_family() {
  Family f;
  f.name = "gradient_boosting";
  f.display_name = "Gradient Boosting";
  f.help = "Small trees added one after another, each correcting the errors left by the ones before it "
           "(histogram-based, like LightGBM).";
  f.tasks = {Task::Classification, Task::Regression};
  ParamSpec leaves = int_param("max_leaf_nodes", 31, 2, kNoLimit,
                               "Leaves per tree; each tree splits its most promising leaf next until it has this many.");
  leaves.nullable = true;  // none = unlimited, with a default of 31
  f.params = {
      float_param("learning_rate", 0.1, 0, 10,
                  "How much of each new tree's correction is added; smaller needs more iterations.", true),
      int_param("max_iter", 100, 1, 10000,
                "Boosting iterations: one tree per iteration (one per class for three or more classes)."),
      leaves,
      unlimited_int_param("max_depth", 1, 1000, "Deepest level a node may sit at; none = no limit."),
      int_param("min_samples_leaf", 20, 1, kNoLimit, "Every leaf keeps at least this many rows."),
      float_param("l2_regularization", 0.0, 0, kNoLimit,
                  "Shrinks leaf values towards zero; larger values give more cautious trees."),
      int_param("max_bins", 255, 2, 255,
                "Bins per feature: splits are searched between bins, not between every pair of values."),
      choice_param("early_stopping", "auto", {"auto", "true", "false"},
                   "Stop when the loss on held-out rows stops improving; auto = only above 10,000 rows."),
      float_param("validation_fraction", 0.1, 0, 0.9, "Share of the rows held out to decide early stopping.", true),
      int_param("n_iter_no_change", 10, 1, kNoLimit,
                "Early stopping waits this many iterations without improvement before stopping."),
      float_param("tol", 1e-7, 0, kNoLimit, "The smallest drop in validation loss that counts as improvement."),
  };
  f.make = [](const nlohmann::json& p, Task task) -> std::unique_ptr<Estimator> {
    return std::make_unique<GradientBoosting>(task, boosting_params_from_json(p));
  };
  return f;
}

}  // namespace mlcore::models
