// Dataset registry: versioning by content hash, lookups with errors that list what exists, and
// the JSON form that the saved workspace carries.
#include "dataset_registry.hpp"

#include "../data/table_hash.hpp"
#include "../error.hpp"

namespace mlcore::ops {

namespace {

std::string list_names(const std::map<std::string, Dataset, std::less<>>& datasets) {
  std::string out;
  for (const auto& [name, d] : datasets) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// Versions are consecutive, so a range says it all, however many there are.
std::string list_versions(const Dataset& d) {
  if (d.versions.empty()) return "it has no versions yet";
  if (d.versions.size() == 1) return "it has version 1 only";
  return "its versions are 1 to " + std::to_string(d.versions.size());
}

[[noreturn]] void throw_unknown_version(const Dataset& d, const std::string& asked) {
  throw Error("dataset.unknown_version", "Dataset '" + d.name + "' has no version " + asked + "; " +
                                             list_versions(d) + ".");
}

[[noreturn]] void corrupt(const std::string& why) {
  throw Error("dataset.corrupt", "The saved dataset registry is damaged: " + why +
                                     ". Import the workspace again from a good copy.");
}

bool valid_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

}  // namespace

std::string version_reference(std::string_view name, int number) {
  return std::string(name) + ":" + std::to_string(number);
}

void validate_dataset_name(std::string_view name) {
  if (name.empty())
    throw Error("dataset.bad_name", "A dataset needs a name; use letters, digits, '_', '.' or '-'.");
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (valid_name_char(name[i])) continue;
    // The name goes into references like "IRIS:2", file names and URLs, so it stays plain.
    throw Error("dataset.bad_name",
                "The dataset name '" + excerpt_of(name) + "' has a character that is not allowed at position " +
                    std::to_string(i + 1) + "; use only letters, digits, '_', '.' and '-' (no spaces).",
                Location{0, i + 1, excerpt_of(name)});
  }
}

const DatasetVersion& Dataset::version(int number) const {
  if (number < 1 || static_cast<std::size_t>(number) > versions.size())
    throw_unknown_version(*this, std::to_string(number));
  return versions[static_cast<std::size_t>(number - 1)];
}

const DatasetVersion& Dataset::latest() const {
  if (versions.empty()) throw_unknown_version(*this, "at all");
  return versions.back();
}

const DatasetVersion* Dataset::find_hash(std::string_view hash) const {
  for (const auto& v : versions)
    if (v.hash == hash) return &v;
  return nullptr;
}

Registered DatasetRegistry::register_version(std::string_view name, const data::Table& table,
                                             VersionInput input) {
  validate_dataset_name(name);  // before hashing: a bad name should fail fast on a big table
  return register_version(name, data::content_hash(table), data::schema_of(table), table.rows(),
                          std::move(input));
}

Registered DatasetRegistry::register_version(std::string_view name, std::string hash,
                                             data::Schema schema, std::uint64_t rows,
                                             VersionInput input) {
  validate_dataset_name(name);
  if (!data::is_content_hash(hash))
    throw Error("dataset.bad_hash", "'" + excerpt_of(hash) +
                                        "' is not a content hash; expected 32 lowercase hex digits.");
  auto it = datasets_.find(name);
  if (it == datasets_.end()) {
    Dataset d;
    d.name = std::string(name);
    it = datasets_.emplace(d.name, std::move(d)).first;
  }
  Dataset& d = it->second;
  // Any earlier version, not only the latest: going back to old content is that old version.
  if (const DatasetVersion* same = d.find_hash(hash))
    return Registered{*same, false, version_reference(name, same->number)};
  DatasetVersion v;
  v.number = static_cast<int>(d.versions.size()) + 1;
  v.hash = std::move(hash);
  v.schema = std::move(schema);
  v.rows = rows;
  v.created = input.created;
  v.source = std::move(input.source);
  v.profile = std::move(input.profile);
  d.versions.push_back(std::move(v));
  return Registered{d.versions.back(), true, version_reference(name, d.versions.back().number)};
}

Dataset& DatasetRegistry::dataset_mut(std::string_view name) {
  return const_cast<Dataset&>(static_cast<const DatasetRegistry&>(*this).dataset(name));
}

void DatasetRegistry::set_description(std::string_view name, std::string description) {
  dataset_mut(name).description = std::move(description);
}

void DatasetRegistry::set_tag(std::string_view name, const std::string& key, std::string value) {
  Dataset& d = dataset_mut(name);
  if (key.empty()) throw Error("dataset.bad_tag", "A tag needs a key, such as 'format'.");
  d.tags[key] = std::move(value);
}

void DatasetRegistry::remove_tag(std::string_view name, const std::string& key) {
  dataset_mut(name).tags.erase(key);
}

const Dataset* DatasetRegistry::find(std::string_view name) const {
  auto it = datasets_.find(name);
  return it == datasets_.end() ? nullptr : &it->second;
}

const Dataset& DatasetRegistry::dataset(std::string_view name) const {
  if (const Dataset* d = find(name)) return *d;
  if (datasets_.empty())
    throw Error("dataset.unknown", "No dataset named '" + excerpt_of(name) +
                                       "'; there are no datasets yet, register one first.");
  throw Error("dataset.unknown", "No dataset named '" + excerpt_of(name) + "'; the datasets are: " +
                                     list_names(datasets_) + ".");
}

const DatasetVersion& DatasetRegistry::version(std::string_view name, int number) const {
  return dataset(name).version(number);
}

const DatasetVersion& DatasetRegistry::resolve(std::string_view reference) const {
  std::size_t colon = reference.find(':');
  std::string_view name = reference.substr(0, colon);
  validate_dataset_name(name);
  const Dataset& d = dataset(name);
  if (colon == std::string_view::npos) return d.latest();
  std::string_view number = reference.substr(colon + 1);
  if (number == "latest") return d.latest();
  bool digits = !number.empty() && number.size() <= 9;
  for (char c : number) digits = digits && c >= '0' && c <= '9';
  if (!digits) throw_unknown_version(d, "'" + excerpt_of(number) + "'");
  return d.version(std::stoi(std::string(number)));
}

std::vector<std::string> DatasetRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& [name, d] : datasets_) out.push_back(name);
  return out;
}

bool operator==(const DatasetVersion& a, const DatasetVersion& b) {
  return a.number == b.number && a.hash == b.hash && a.schema == b.schema && a.rows == b.rows &&
         a.created == b.created && a.source == b.source && a.profile == b.profile;
}

bool operator==(const Dataset& a, const Dataset& b) {
  return a.name == b.name && a.description == b.description && a.tags == b.tags &&
         a.versions == b.versions;
}

bool operator==(const DatasetRegistry& a, const DatasetRegistry& b) { return a.datasets_ == b.datasets_; }

data::VersionDiff diff_versions(const DatasetVersion& from, const DatasetVersion& to,
                                const data::Table* from_table, const data::Table* to_table,
                                const data::DiffOptions& options) {
  return data::diff_versions(from.schema, from.rows, to.schema, to.rows, from_table, to_table, options);
}

void to_json(nlohmann::json& j, const DatasetVersion& v) {
  j = nlohmann::json{{"number", v.number}, {"hash", v.hash},       {"key", v.key()},
                     {"schema", v.schema}, {"rows", v.rows},       {"created", v.created},
                     {"profile", v.profile}};
  if (!v.source.empty()) j["source"] = v.source;
}

void from_json(const nlohmann::json& j, DatasetVersion& v) {
  v.number = j.at("number").get<int>();
  v.hash = j.at("hash").get<std::string>();  // "key" is derived from it, so it is not read
  v.schema = j.at("schema").get<data::Schema>();
  v.rows = j.at("rows").get<std::uint64_t>();
  v.created = j.at("created").get<double>();
  v.source = j.value("source", std::string());
  v.profile = j.value("profile", nlohmann::json());
}

void to_json(nlohmann::json& j, const Dataset& d) {
  j = nlohmann::json{{"name", d.name}, {"description", d.description}, {"tags", d.tags},
                     {"versions", d.versions}};
}

void from_json(const nlohmann::json& j, Dataset& d) {
  d.name = j.at("name").get<std::string>();
  d.description = j.value("description", std::string());
  d.tags = j.value("tags", std::map<std::string, std::string>());
  d.versions = j.at("versions").get<std::vector<DatasetVersion>>();
}

void to_json(nlohmann::json& j, const DatasetRegistry& r) {
  auto list = nlohmann::json::array();
  for (const auto& [name, d] : r.datasets()) list.push_back(d);
  j = nlohmann::json{{"datasets", std::move(list)}};
}

void from_json(const nlohmann::json& j, DatasetRegistry& r) {
  std::map<std::string, Dataset, std::less<>> loaded;
  try {
    for (const auto& item : j.at("datasets")) {
      Dataset d = item.get<Dataset>();
      try {
        validate_dataset_name(d.name);
      } catch (const Error& e) {
        corrupt(e.what());
      }
      for (std::size_t i = 0; i < d.versions.size(); ++i) {
        const DatasetVersion& v = d.versions[i];
        if (v.number != static_cast<int>(i) + 1)
          corrupt("dataset '" + d.name + "' has version " + std::to_string(v.number) + " where version " +
                  std::to_string(i + 1) + " belongs");
        if (!data::is_content_hash(v.hash))
          corrupt("version " + version_reference(d.name, v.number) + " has no valid content hash");
      }
      std::string name = d.name;
      if (!loaded.emplace(name, std::move(d)).second) corrupt("dataset '" + name + "' appears twice");
    }
  } catch (const nlohmann::json::exception& e) {
    corrupt(e.what());
  } catch (const Error& e) {
    if (e.code() == "dataset.corrupt") throw;
    corrupt(e.what());  // e.g. an unknown column type: still a damaged registry to the user
  }
  r.datasets_ = std::move(loaded);  // only now: a damaged file leaves the registry as it was
}

}  // namespace mlcore::ops
