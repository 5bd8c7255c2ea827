// The dataset registry of the workspace: named datasets, each with numbered versions (IRIS:1,
// IRIS:2, ...) identified by the content hash of their table. It keeps metadata only (hash,
// schema, row count, simulated creation time, source note, profile); the caller keeps the tables,
// under each version's key().
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "../data/schema.hpp"
#include "../data/table.hpp"
#include "../data/version_diff.hpp"

namespace mlcore::ops {

struct DatasetVersion {
  int number = 0;  // 1, 2, 3, ... within its dataset
  std::string hash;  // data::content_hash of the table
  data::Schema schema;
  std::uint64_t rows = 0;
  double created = 0;      // simulated clock, in seconds; the core has no clock of its own
  std::string source;      // a note such as the file name; empty = none
  nlohmann::json profile;  // computed elsewhere, stored as given

  // Where the caller stores this version's table: the content hash, so equal content is stored
  // once whichever dataset or version it belongs to, and a reloaded table can be checked.
  const std::string& key() const { return hash; }
};

struct Dataset {
  std::string name;
  std::string description;
  std::map<std::string, std::string> tags;  // e.g. "format": "CSV"
  std::vector<DatasetVersion> versions;     // versions[i].number == i + 1

  // Throw dataset.unknown_version naming the versions that exist.
  const DatasetVersion& version(int number) const;
  const DatasetVersion& latest() const;
  // nullptr when no version has this content hash.
  const DatasetVersion* find_hash(std::string_view hash) const;
};

// What the caller knows about a new version besides its table.
struct VersionInput {
  double created = 0;
  std::string source;
  nlohmann::json profile;
};

struct Registered {
  DatasetVersion version;  // a copy: later registrations do not invalidate it
  bool created = false;    // false when this content was already a version of the dataset
  std::string reference;   // "IRIS:2"
};

// "IRIS:2".
std::string version_reference(std::string_view name, int number);
// Throws dataset.bad_name unless the name is non-empty and only [A-Za-z0-9_.-].
void validate_dataset_name(std::string_view name);

class DatasetRegistry {
 public:
  // Adds the table as the next version of `name` (creating the dataset on first use), unless a
  // version of that dataset already has the same content hash: then that version is returned
  // with created = false and nothing changes.
  Registered register_version(std::string_view name, const data::Table& table, VersionInput input = {});
  // The same, from a hash and schema computed by the caller.
  Registered register_version(std::string_view name, std::string hash, data::Schema schema,
                              std::uint64_t rows, VersionInput input = {});

  // These throw dataset.unknown for a dataset that does not exist.
  void set_description(std::string_view name, std::string description);
  void set_tag(std::string_view name, const std::string& key, std::string value);
  void remove_tag(std::string_view name, const std::string& key);

  bool contains(std::string_view name) const { return find(name) != nullptr; }
  const Dataset* find(std::string_view name) const;
  // Throws dataset.unknown, listing the datasets that exist.
  const Dataset& dataset(std::string_view name) const;
  const DatasetVersion& version(std::string_view name, int number) const;
  // "IRIS:2", "IRIS:latest" or "IRIS" (the latest version). Throws dataset.bad_name,
  // dataset.unknown or dataset.unknown_version.
  const DatasetVersion& resolve(std::string_view reference) const;
  // Sorted by name.
  std::vector<std::string> names() const;
  const std::map<std::string, Dataset, std::less<>>& datasets() const { return datasets_; }

  friend bool operator==(const DatasetRegistry& a, const DatasetRegistry& b);
  friend void from_json(const nlohmann::json& j, DatasetRegistry& r);

 private:
  Dataset& dataset_mut(std::string_view name);

  std::map<std::string, Dataset, std::less<>> datasets_;
};

bool operator==(const DatasetVersion& a, const DatasetVersion& b);
bool operator==(const Dataset& a, const Dataset& b);
inline bool operator!=(const DatasetRegistry& a, const DatasetRegistry& b) { return !(a == b); }

// The diff between two versions; cells are compared when both tables are given.
data::VersionDiff diff_versions(const DatasetVersion& from, const DatasetVersion& to,
                                const data::Table* from_table = nullptr,
                                const data::Table* to_table = nullptr,
                                const data::DiffOptions& options = {});

// Version: {"number", "hash", "key", "schema", "rows", "created", "source"?, "profile"}.
// Dataset: {"name", "description", "tags": {...}, "versions": [...]}.
// Registry: {"datasets": [...]} sorted by name. Reading checks names, hashes and version numbers
// and throws dataset.corrupt with what is wrong.
void to_json(nlohmann::json& j, const DatasetVersion& v);
void from_json(const nlohmann::json& j, DatasetVersion& v);
void to_json(nlohmann::json& j, const Dataset& d);
void from_json(const nlohmann::json& j, Dataset& d);
void to_json(nlohmann::json& j, const DatasetRegistry& r);
void from_json(const nlohmann::json& j, DatasetRegistry& r);

}  // namespace mlcore::ops
