// The registry of model families, in the order the page lists them. Adding a family is one line
// here plus its own file pair.
#include "family.hpp"
#include "knn.hpp"
#include "linear_regression.hpp"
#include "logistic_regression.hpp"
#include "naive_bayes.hpp"
#include "tree_families.hpp"

namespace mlcore::models {

const std::vector<Family>& families() {
  // Built on first use, not at static initialisation: the tree families live in other files
  // whose statics may not be initialised yet.
  static const std::vector<Family> all = {decision_tree_family(),     random_forest_family(),
                                          gradient_boosting_family(), logistic_regression_family(),
                                          linear_regression_family(), knn_family(),
                                          naive_bayes_family()};
  return all;
}

}  // namespace mlcore::models
