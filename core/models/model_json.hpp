// Reading a fitted model's JSON back with checks: every missing or mistyped field becomes a
// model.corrupt error naming the field by its path ("model.coef"), so a damaged file says what
// is wrong instead of crashing or predicting nonsense. Also vectors and matrices as JSON arrays
// (doubles round-trip exactly: nlohmann writes the shortest text that reads back to the same bits).
#pragma once
#include <cstdint>
#include <string>

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

namespace mlcore::models {

// Throws model.corrupt: "The model file is damaged: <field> <why>."
[[noreturn]] void throw_corrupt(const std::string& field, const std::string& why);

// obj[name], where `path` names obj ("model"); throws model.corrupt for a non-object or a
// missing field.
const nlohmann::json& get_field(const nlohmann::json& obj, const std::string& name,
                                const std::string& path);
double get_number(const nlohmann::json& obj, const std::string& name, const std::string& path);
std::int64_t get_int(const nlohmann::json& obj, const std::string& name, const std::string& path);
bool get_bool(const nlohmann::json& obj, const std::string& name, const std::string& path);
std::string get_string(const nlohmann::json& obj, const std::string& name, const std::string& path);

nlohmann::json vector_to_json(const Eigen::VectorXd& v);
// expected_size < 0: any size.
Eigen::VectorXd vector_from_json(const nlohmann::json& obj, const std::string& name,
                                 const std::string& path, Eigen::Index expected_size = -1);
// A list of rows, like scikit-learn's coef_ printed as a list.
nlohmann::json matrix_to_json(const Eigen::MatrixXd& m);
// expected_rows / expected_cols < 0: any. An empty list is a 0 x expected_cols matrix.
Eigen::MatrixXd matrix_from_json(const nlohmann::json& obj, const std::string& name,
                                 const std::string& path, Eigen::Index expected_rows = -1,
                                 Eigen::Index expected_cols = -1);

}  // namespace mlcore::models
