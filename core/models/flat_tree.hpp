// One fitted tree as flat arrays, the way scikit-learn's tree_ holds it: node 0 is the root, a
// node's children have larger ids than the node, leaves have feature -1. Shared by the decision
// tree, the forest's trees and the boosting trees; it predicts from raw feature values, because
// each split's threshold is a real value (the node midpoint or the bin edge, see tree_grower.hpp).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

namespace mlcore::models {

struct TreeNode {
  std::int32_t feature = -1;  // -1 at a leaf
  std::int32_t left = -1;     // rows with x[feature] <= threshold
  std::int32_t right = -1;
  double threshold = 0.0;
  double n_samples = 0;  // training rows in the node (a bootstrap row drawn twice counts twice)
  double impurity = 0;   // gini, entropy or variance; 0 in boosting trees
  double gain = 0;       // the split's decrease of n * impurity (boosting: its gain); 0 at a leaf
};

class FlatTree {
 public:
  explicit FlatTree(int n_values = 1) : n_values_(n_values) {}

  int n_values() const { return n_values_; }  // numbers per node: class shares, or one value
  std::size_t size() const { return nodes_.size(); }
  const std::vector<TreeNode>& nodes() const { return nodes_; }
  const TreeNode& node(int id) const { return nodes_[static_cast<std::size_t>(id)]; }
  const double* value(int id) const { return values_.data() + static_cast<std::size_t>(id) * n_values_; }

  // Appends a leaf and returns its id.
  int add_node(double n_samples, double impurity, const double* value);
  // Turns leaf `id` into a split whose children are `left` and `right`.
  void set_split(int id, int feature, double threshold, double gain, int left, int right);
  void set_value(int id, const double* value);
  // Multiplies every leaf value (boosting's learning rate).
  void scale_values(double factor);

  // The leaf that row `row` of X falls in.
  int leaf(const Eigen::MatrixXd& X, Eigen::Index row) const {
    const TreeNode* n = nodes_.data();
    int id = 0;
    while (n[id].feature >= 0) id = X(row, n[id].feature) <= n[id].threshold ? n[id].left : n[id].right;
    return id;
  }
  int depth() const;
  int n_leaves() const;
  // Adds each split's gain to its feature's entry.
  void add_gains(std::vector<double>& per_feature) const;

  // Columns: {"n_values", "feature", "threshold", "left", "right", "n_samples", "impurity", "gain",
  // "value"} (value: n_values numbers per node, node after node).
  nlohmann::json to_json() const;
  // Checks every index so a damaged file cannot make predict loop or read out of bounds
  // (model.corrupt naming `path`).
  static FlatTree from_json(const nlohmann::json& j, const std::string& path, int n_features);

 private:
  int n_values_;
  std::vector<TreeNode> nodes_;
  std::vector<double> values_;
};

// Importances from summed gains: divided by their sum, or all zeros when no tree made a split.
std::vector<double> normalised(std::vector<double> v);

}  // namespace mlcore::models
