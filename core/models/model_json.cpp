// Checked JSON readers for fitted models; see model_json.hpp.
#include "model_json.hpp"

#include <cmath>

#include "../error.hpp"

namespace mlcore::models {
namespace {

std::string join_path(const std::string& path, const std::string& name) {
  return path.empty() ? name : path + "." + name;
}

// Numbers only: nlohmann writes NaN and infinity as null, so a null here means the file was
// written from a broken model or edited by hand.
double as_number(const nlohmann::json& j, const std::string& where) {
  if (!j.is_number())
    throw_corrupt(where, "should be a number but is " + std::string(j.type_name()));
  return j.get<double>();
}

}  // namespace

void throw_corrupt(const std::string& field, const std::string& why) {
  throw Error("model.corrupt", "The model file is damaged: '" + field + "' " + why +
                                   ". Save the model again from a run, or export it anew.");
}

const nlohmann::json& get_field(const nlohmann::json& obj, const std::string& name,
                                const std::string& path) {
  if (!obj.is_object()) throw_corrupt(path.empty() ? "(top level)" : path, "should be an object");
  auto it = obj.find(name);
  if (it == obj.end()) throw_corrupt(join_path(path, name), "is missing");
  return *it;
}

double get_number(const nlohmann::json& obj, const std::string& name, const std::string& path) {
  return as_number(get_field(obj, name, path), join_path(path, name));
}

std::int64_t get_int(const nlohmann::json& obj, const std::string& name, const std::string& path) {
  const auto& j = get_field(obj, name, path);
  if (!j.is_number_integer()) throw_corrupt(join_path(path, name), "should be an integer");
  return j.get<std::int64_t>();
}

bool get_bool(const nlohmann::json& obj, const std::string& name, const std::string& path) {
  const auto& j = get_field(obj, name, path);
  if (!j.is_boolean()) throw_corrupt(join_path(path, name), "should be true or false");
  return j.get<bool>();
}

std::string get_string(const nlohmann::json& obj, const std::string& name,
                       const std::string& path) {
  const auto& j = get_field(obj, name, path);
  if (!j.is_string()) throw_corrupt(join_path(path, name), "should be a string");
  return j.get<std::string>();
}

nlohmann::json vector_to_json(const Eigen::VectorXd& v) {
  nlohmann::json out = nlohmann::json::array();
  for (Eigen::Index i = 0; i < v.size(); ++i) out.push_back(v[i]);
  return out;
}

Eigen::VectorXd vector_from_json(const nlohmann::json& obj, const std::string& name,
                                 const std::string& path, Eigen::Index expected_size) {
  const auto& j = get_field(obj, name, path);
  const std::string where = join_path(path, name);
  if (!j.is_array()) throw_corrupt(where, "should be a list of numbers");
  const auto n = static_cast<Eigen::Index>(j.size());
  if (expected_size >= 0 && n != expected_size)
    throw_corrupt(where, "has " + std::to_string(n) + " numbers where " +
                             std::to_string(expected_size) + " were expected");
  Eigen::VectorXd v(n);
  for (Eigen::Index i = 0; i < n; ++i) v[i] = as_number(j[static_cast<std::size_t>(i)], where);
  return v;
}

nlohmann::json matrix_to_json(const Eigen::MatrixXd& m) {
  nlohmann::json out = nlohmann::json::array();
  for (Eigen::Index r = 0; r < m.rows(); ++r) out.push_back(vector_to_json(m.row(r).transpose()));
  return out;
}

Eigen::MatrixXd matrix_from_json(const nlohmann::json& obj, const std::string& name,
                                 const std::string& path, Eigen::Index expected_rows,
                                 Eigen::Index expected_cols) {
  const auto& j = get_field(obj, name, path);
  const std::string where = join_path(path, name);
  if (!j.is_array()) throw_corrupt(where, "should be a list of rows");
  const auto rows = static_cast<Eigen::Index>(j.size());
  if (expected_rows >= 0 && rows != expected_rows)
    throw_corrupt(where, "has " + std::to_string(rows) + " rows where " +
                             std::to_string(expected_rows) + " were expected");
  Eigen::Index cols = expected_cols >= 0 ? expected_cols : 0;
  if (rows > 0 && expected_cols < 0) {
    if (!j[0].is_array()) throw_corrupt(where, "should be a list of rows");
    cols = static_cast<Eigen::Index>(j[0].size());
  }
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index r = 0; r < rows; ++r) {
    const auto& row = j[static_cast<std::size_t>(r)];
    if (!row.is_array() || static_cast<Eigen::Index>(row.size()) != cols)
      throw_corrupt(where, "row " + std::to_string(r + 1) + " should hold " + std::to_string(cols) +
                               " numbers");
    for (Eigen::Index c = 0; c < cols; ++c)
      m(r, c) = as_number(row[static_cast<std::size_t>(c)], where);
  }
  return m;
}

}  // namespace mlcore::models
