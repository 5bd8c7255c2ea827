// Target encoding and task inference; see target.hpp.
#include "target.hpp"

#include <algorithm>
#include <numeric>
#include <set>
#include <unordered_map>

#include "../error.hpp"
#include "model_json.hpp"

namespace mlcore::models {
namespace {

[[noreturn]] void missing_target(const data::Column& c, std::size_t row) {
  throw Error("model.missing_target", "Data row " + std::to_string(row + 1) +
                                          " has no value in the target column '" + c.name +
                                          "'; drop rows with a missing target before training.");
}

void require_numeric(const data::Column& c) {
  if (c.type == data::ColumnType::Categorical)
    throw Error("model.target_not_numeric",
                "The target column '" + c.name +
                    "' holds text, so it cannot be predicted as a number "
                    "(regression); choose classification or a numeric target.");
}

std::vector<std::size_t> all_rows(const data::Column& c) {
  std::vector<std::size_t> rows(c.size());
  std::iota(rows.begin(), rows.end(), std::size_t{0});
  return rows;
}

}  // namespace

Task infer_task(const data::Column& target) {
  using data::ColumnType;
  if (target.type == ColumnType::Categorical || target.type == ColumnType::Boolean)
    return Task::Classification;
  if (target.type == ColumnType::Integer) {
    std::set<double> distinct;
    for (double v : target.numbers)
      if (!std::isnan(v) && distinct.insert(v).second && distinct.size() > 20)
        return Task::Regression;
    return Task::Classification;
  }
  return Task::Regression;
}

void TargetEncoder::fit(const data::Column& target, const std::vector<std::size_t>& rows,
                        Task task) {
  name_ = target.name;
  task_ = task;
  classes_.clear();
  if (task == Task::Regression) {
    require_numeric(target);
    return;
  }
  for (std::size_t r : rows)
    if (r >= target.size() || target.is_missing(r)) missing_target(target, r);
  if (target.type == data::ColumnType::Categorical) {
    std::set<std::string> labels;  // std::string's order is byte order, numpy.unique's for text
    for (std::size_t r : rows)
      labels.insert(target.categories[static_cast<std::size_t>(target.codes[r])]);
    classes_.assign(labels.begin(), labels.end());
  } else {
    std::set<double> values;  // numbers sort as numbers: 2 before 10
    for (std::size_t r : rows) values.insert(target.numbers[r]);
    for (double v : values) {
      data::Column one{target.name, target.type, {v}, {}, {}};
      classes_.push_back(one.text(0));
    }
  }
}

void TargetEncoder::fit(const data::Column& target, Task task) {
  fit(target, all_rows(target), task);
}

Eigen::VectorXd TargetEncoder::encode(const data::Column& target,
                                      const std::vector<std::size_t>& rows) const {
  Eigen::VectorXd out(static_cast<Eigen::Index>(rows.size()));
  if (task_ == Task::Regression) {
    require_numeric(target);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i] >= target.size() || target.is_missing(rows[i])) missing_target(target, rows[i]);
      out[static_cast<Eigen::Index>(i)] = target.numbers[rows[i]];
    }
    return out;
  }
  std::unordered_map<std::string, int> index;
  for (std::size_t c = 0; c < classes_.size(); ++c) index[classes_[c]] = static_cast<int>(c);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::size_t r = rows[i];
    if (r >= target.size() || target.is_missing(r)) missing_target(target, r);
    // Labels are compared as text, so 1 read as an integer and 1.0 read as a float are one class.
    const std::string label = target.text(r);
    auto it = index.find(label);
    if (it == index.end()) {
      std::string known;
      for (const auto& c : classes_) known += (known.empty() ? "" : ", ") + c;
      throw Error("model.unknown_class", "Data row " + std::to_string(r + 1) + " has class '" +
                                             label + "' in '" + target.name +
                                             "', which the model was not trained on; "
                                             "its classes are: " +
                                             known + ".");
    }
    out[static_cast<Eigen::Index>(i)] = it->second;
  }
  return out;
}

Eigen::VectorXd TargetEncoder::encode(const data::Column& target) const {
  return encode(target, all_rows(target));
}

const std::string& TargetEncoder::decode(int index) const {
  if (index < 0 || index >= n_classes())
    throw Error("model.bad_class", "Class index " + std::to_string(index) + " is outside 0.." +
                                       std::to_string(n_classes() - 1) + ".");
  return classes_[static_cast<std::size_t>(index)];
}

nlohmann::json TargetEncoder::to_json() const { return {{"name", name_}, {"classes", classes_}}; }

void TargetEncoder::from_json(const nlohmann::json& j, Task task) {
  std::string name = get_string(j, "name", "target");
  const auto& c = get_field(j, "classes", "target");
  if (!c.is_array()) throw_corrupt("target.classes", "should be a list of labels");
  std::vector<std::string> classes;
  for (const auto& v : c) {
    if (!v.is_string()) throw_corrupt("target.classes", "should be a list of labels (strings)");
    classes.push_back(v.get<std::string>());
  }
  if (task == Task::Classification && classes.empty()) throw_corrupt("target.classes", "is empty");
  name_ = std::move(name);
  task_ = task;
  classes_ = std::move(classes);
}

}  // namespace mlcore::models
