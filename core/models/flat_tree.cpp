// Flat tree storage, its statistics and its JSON; see flat_tree.hpp.
#include "flat_tree.hpp"

#include <algorithm>

#include "model_json.hpp"

namespace mlcore::models {

int FlatTree::add_node(double n_samples, double impurity, const double* value) {
  TreeNode node;
  node.n_samples = n_samples;
  node.impurity = impurity;
  nodes_.push_back(node);
  values_.insert(values_.end(), value, value + n_values_);
  return static_cast<int>(nodes_.size() - 1);
}

void FlatTree::set_split(int id, int feature, double threshold, double gain, int left, int right) {
  TreeNode& n = nodes_[static_cast<std::size_t>(id)];
  n.feature = feature;
  n.threshold = threshold;
  n.gain = gain;
  n.left = left;
  n.right = right;
}

void FlatTree::set_value(int id, const double* value) {
  std::copy(value, value + n_values_, values_.begin() + static_cast<std::ptrdiff_t>(id) * n_values_);
}

void FlatTree::scale_values(double factor) {
  for (double& v : values_) v *= factor;
}

int FlatTree::depth() const {
  // Children come after their parent, so one forward pass sees every parent's depth first.
  std::vector<int> d(nodes_.size(), 0);
  int deepest = 0;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    deepest = std::max(deepest, d[i]);
    if (nodes_[i].feature >= 0) {
      d[static_cast<std::size_t>(nodes_[i].left)] = d[i] + 1;
      d[static_cast<std::size_t>(nodes_[i].right)] = d[i] + 1;
    }
  }
  return deepest;
}

int FlatTree::n_leaves() const {
  return static_cast<int>(std::count_if(nodes_.begin(), nodes_.end(),
                                        [](const TreeNode& n) { return n.feature < 0; }));
}

void FlatTree::add_gains(std::vector<double>& per_feature) const {
  for (const auto& n : nodes_)
    if (n.feature >= 0) per_feature[static_cast<std::size_t>(n.feature)] += n.gain;
}

nlohmann::json FlatTree::to_json() const {
  nlohmann::json feature = nlohmann::json::array(), threshold = nlohmann::json::array(),
                 left = nlohmann::json::array(), right = nlohmann::json::array(),
                 n_samples = nlohmann::json::array(), impurity = nlohmann::json::array(),
                 gain = nlohmann::json::array();
  for (const auto& n : nodes_) {
    feature.push_back(n.feature);
    threshold.push_back(n.threshold);
    left.push_back(n.left);
    right.push_back(n.right);
    n_samples.push_back(static_cast<std::int64_t>(n.n_samples));
    impurity.push_back(n.impurity);
    gain.push_back(n.gain);
  }
  return {{"n_values", n_values_}, {"feature", feature},     {"threshold", threshold},
          {"left", left},          {"right", right},         {"n_samples", n_samples},
          {"impurity", impurity},  {"gain", gain},           {"value", values_}};
}

FlatTree FlatTree::from_json(const nlohmann::json& j, const std::string& path, int n_features) {
  const auto n_values = get_int(j, "n_values", path);
  if (n_values < 1 || n_values > 100000) throw_corrupt(path + ".n_values", "should be at least 1");
  FlatTree tree(static_cast<int>(n_values));
  const Eigen::VectorXd feature = vector_from_json(j, "feature", path);
  const auto n = feature.size();
  if (n == 0) throw_corrupt(path + ".feature", "should list at least the root");
  const Eigen::VectorXd threshold = vector_from_json(j, "threshold", path, n);
  const Eigen::VectorXd left = vector_from_json(j, "left", path, n);
  const Eigen::VectorXd right = vector_from_json(j, "right", path, n);
  const Eigen::VectorXd n_samples = vector_from_json(j, "n_samples", path, n);
  const Eigen::VectorXd impurity = vector_from_json(j, "impurity", path, n);
  const Eigen::VectorXd gain = vector_from_json(j, "gain", path, n);
  const Eigen::VectorXd value = vector_from_json(j, "value", path, n * n_values);
  tree.nodes_.resize(static_cast<std::size_t>(n));
  tree.values_.assign(value.data(), value.data() + value.size());
  for (Eigen::Index i = 0; i < n; ++i) {
    TreeNode& node = tree.nodes_[static_cast<std::size_t>(i)];
    node.feature = static_cast<std::int32_t>(feature[i]);
    node.threshold = threshold[i];
    node.n_samples = n_samples[i];
    node.impurity = impurity[i];
    node.gain = gain[i];
    if (feature[i] < 0) continue;  // a leaf: its child fields are not read
    // Children after their parent rules out cycles; in range rules out stray reads.
    if (feature[i] >= n_features || feature[i] != node.feature)
      throw_corrupt(path + ".feature", "names a feature the model does not have at node " + std::to_string(i));
    if (!(left[i] > i && left[i] < n && right[i] > i && right[i] < n))
      throw_corrupt(path + ".left", "points outside the tree at node " + std::to_string(i));
    node.left = static_cast<std::int32_t>(left[i]);
    node.right = static_cast<std::int32_t>(right[i]);
  }
  return tree;
}

std::vector<double> normalised(std::vector<double> v) {
  double total = 0;
  for (double x : v) total += x;
  if (total > 0)
    for (double& x : v) x /= total;
  return v;
}

}  // namespace mlcore::models
