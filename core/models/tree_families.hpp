// The three tree families' schemas and factories: decision tree, random forest and histogram
// gradient boosting. Each parameter's default, range and help line is stated once, here; the
// registry (families.cpp) lists the families.
#pragma once
#include "family.hpp"

namespace mlcore::models {

// decision_tree: DecisionTree (tree.hpp).
Family decision_tree_family();
// random_forest: RandomForest (forest.hpp).
Family random_forest_family();
// gradient_boosting: GradientBoosting (boosting.hpp).
Family gradient_boosting_family();

}  // namespace mlcore::models
