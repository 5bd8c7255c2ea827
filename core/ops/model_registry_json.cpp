// The model registry's JSON form: written sorted by name, and read back field by field, so
// damage names its path (registry.models[0].versions[1].stage) and leaves the registry as it was.
#include "model_registry.hpp"

#include "../error.hpp"

namespace mlcore::ops {

namespace {

using nlohmann::json;

[[noreturn]] void corrupt(const std::string& field, const std::string& why) {
  throw Error("registry.corrupt", "The saved model registry is damaged: " + field + " " + why +
                                      ". Import the workspace again from a good copy.");
}

const json& field(const json& j, const char* key, const std::string& path) {
  if (!j.is_object()) corrupt(path, "is not an object");
  auto it = j.find(key);
  if (it == j.end()) corrupt(path + "." + key, "is missing");
  return *it;
}

// Any field whose JSON type does not fit T; nlohmann's message would not say which field it is.
template <class T>
T read(const json& j, const char* key, const std::string& path) {
  try {
    return field(j, key, path).get<T>();
  } catch (const json::exception&) {
    corrupt(path + "." + key, "has the wrong type");
  }
}

std::optional<int> read_version_number(const json& v, const std::string& path, bool nullable) {
  if (nullable && v.is_null()) return std::nullopt;
  if (!v.is_number_integer() || v.get<long long>() < 1 || v.get<long long>() > 1000000000)
    corrupt(path, nullable ? "is not a version number or null" : "is not a version number");
  return static_cast<int>(v.get<long long>());
}

Stage read_stage(const json& v, const std::string& path) {
  if (!v.is_string()) corrupt(path, "is not a stage name");
  try {
    return parse_stage(v.get<std::string>());
  } catch (const Error& e) {
    corrupt(path, "is not a stage: " + std::string(e.what()));
  }
}

// Each element of the list j[key] read by `item`, which is given the element's path.
template <class F>
auto read_list(const json& j, const char* key, const std::string& path, F item) {
  const json& list = field(j, key, path);
  if (!list.is_array()) corrupt(path + "." + key, "is not a list");
  std::vector<decltype(item(list, path))> out;
  for (std::size_t i = 0; i < list.size(); ++i)
    out.push_back(item(list[i], path + "." + key + "[" + std::to_string(i) + "]"));
  return out;
}

// A name that would be refused on entry is damage too, whatever put it there.
void check_name(void (*validate)(std::string_view), std::string_view value, const std::string& path) {
  try {
    validate(value);
  } catch (const Error& e) {
    corrupt(path, e.what());
  }
}

StageTransition read_transition(const json& j, const std::string& path) {
  return StageTransition{read_stage(field(j, "from", path), path + ".from"),
                         read_stage(field(j, "to", path), path + ".to"), read<double>(j, "time", path),
                         read<std::string>(j, "by", path), read<std::string>(j, "comment", path)};
}

AliasChange read_alias_change(const json& j, const std::string& path) {
  return AliasChange{read<std::string>(j, "alias", path),
                     read_version_number(field(j, "from_version", path), path + ".from_version", true),
                     read_version_number(field(j, "to_version", path), path + ".to_version", true),
                     read<double>(j, "time", path), read<std::string>(j, "by", path)};
}

ModelVersion read_version(const json& j, const std::string& path) {
  // Braced initialisation evaluates left to right, so the first bad field is the one reported.
  ModelVersion v{*read_version_number(field(j, "number", path), path + ".number", false),
                 read<std::string>(j, "run_id", path), read<std::string>(j, "source", path),
                 read<std::string>(j, "format", path), read<std::map<std::string, std::string>>(j, "tags", path),
                 read<std::string>(j, "description", path), field(j, "dataset", path),
                 read<double>(j, "created", path), read<std::string>(j, "created_by", path),
                 read_stage(field(j, "stage", path), path + ".stage"), read_list(j, "history", path, read_transition)};
  Stage at = Stage::None;  // the registry only ever moves a version from where it is
  for (std::size_t i = 0; i < v.history.size(); ++i) {
    if (v.history[i].from != at)
      corrupt(path + ".history[" + std::to_string(i) + "].from", "should be " + stage_name(at));
    at = v.history[i].to;
  }
  if (v.stage != at) corrupt(path + ".stage", "disagrees with its history, which ends in " + stage_name(at));
  return v;
}

RegisteredModel read_model(const json& j, const std::string& path) {
  RegisteredModel m;
  m.name = read<std::string>(j, "name", path);
  check_name(validate_model_name, m.name, path + ".name");
  m.description = read<std::string>(j, "description", path);
  m.tags = read<std::map<std::string, std::string>>(j, "tags", path);
  m.versions = read_list(j, "versions", path, read_version);
  for (std::size_t i = 0; i < m.versions.size(); ++i)
    if (m.versions[i].number != static_cast<int>(i) + 1)
      corrupt(path + ".versions[" + std::to_string(i) + "].number", "should be " + std::to_string(i + 1));
  auto check_exists = [&](std::optional<int> n, const std::string& p) {
    if (n && *n > static_cast<int>(m.versions.size())) corrupt(p, "names a version that does not exist");
  };
  const json& aliases = field(j, "aliases", path);
  if (!aliases.is_object()) corrupt(path + ".aliases", "is not an object");
  for (auto it = aliases.begin(); it != aliases.end(); ++it) {
    std::string p = path + ".aliases." + it.key();
    check_name(validate_alias, it.key(), p);
    m.aliases[it.key()] = *read_version_number(it.value(), p, false);
    check_exists(m.aliases[it.key()], p);
  }
  m.alias_history = read_list(j, "alias_history", path, read_alias_change);
  for (std::size_t i = 0; i < m.alias_history.size(); ++i) {
    std::string p = path + ".alias_history[" + std::to_string(i) + "]";
    check_exists(m.alias_history[i].from_version, p + ".from_version");
    check_exists(m.alias_history[i].to_version, p + ".to_version");
  }
  return m;
}

}  // namespace

bool operator==(const StageTransition& a, const StageTransition& b) {
  return a.from == b.from && a.to == b.to && a.time == b.time && a.by == b.by && a.comment == b.comment;
}

bool operator==(const AliasChange& a, const AliasChange& b) {
  return a.alias == b.alias && a.from_version == b.from_version && a.to_version == b.to_version &&
         a.time == b.time && a.by == b.by;
}

bool operator==(const ModelVersion& a, const ModelVersion& b) {
  return a.number == b.number && a.run_id == b.run_id && a.source == b.source && a.format == b.format &&
         a.tags == b.tags && a.description == b.description && a.dataset == b.dataset &&
         a.created == b.created && a.created_by == b.created_by && a.stage == b.stage && a.history == b.history;
}

bool operator==(const RegisteredModel& a, const RegisteredModel& b) {
  return a.name == b.name && a.description == b.description && a.tags == b.tags && a.versions == b.versions &&
         a.aliases == b.aliases && a.alias_history == b.alias_history;
}

void to_json(json& j, Stage s) { j = stage_name(s); }
void from_json(const json& j, Stage& s) { s = read_stage(j, "stage"); }

void to_json(json& j, const StageTransition& t) {
  j = json{{"from", t.from}, {"to", t.to}, {"time", t.time}, {"by", t.by}, {"comment", t.comment}};
}
void from_json(const json& j, StageTransition& t) { t = read_transition(j, "transition"); }

void to_json(json& j, const AliasChange& c) {
  auto opt = [](std::optional<int> n) { return n ? json(*n) : json(nullptr); };
  j = json{{"alias", c.alias}, {"from_version", opt(c.from_version)}, {"to_version", opt(c.to_version)},
           {"time", c.time}, {"by", c.by}};
}
void from_json(const json& j, AliasChange& c) { c = read_alias_change(j, "alias_change"); }

void to_json(json& j, const ModelVersion& v) {
  j = json{{"number", v.number},   {"run_id", v.run_id},           {"source", v.source},
           {"format", v.format},   {"tags", v.tags},               {"description", v.description},
           {"dataset", v.dataset}, {"created", v.created},         {"created_by", v.created_by},
           {"stage", v.stage},     {"history", v.history}};
}
void from_json(const json& j, ModelVersion& v) { v = read_version(j, "version"); }

void to_json(json& j, const RegisteredModel& m) {
  j = json{{"name", m.name},       {"description", m.description}, {"tags", m.tags},
           {"versions", m.versions}, {"aliases", m.aliases},       {"alias_history", m.alias_history}};
}
void from_json(const json& j, RegisteredModel& m) { m = read_model(j, "model"); }

void to_json(json& j, const ModelRegistry& r) {
  auto list = json::array();
  for (const auto& [name, m] : r.models()) list.push_back(m);
  j = json{{"models", std::move(list)}};
}

void from_json(const json& j, ModelRegistry& r) {
  std::map<std::string, RegisteredModel, std::less<>> loaded;
  std::vector<RegisteredModel> models = read_list(j, "models", "registry", read_model);
  for (std::size_t i = 0; i < models.size(); ++i) {
    std::string name = models[i].name;
    if (!loaded.emplace(name, std::move(models[i])).second)
      corrupt("registry.models[" + std::to_string(i) + "].name", "repeats the model '" + name + "'");
  }
  r.models_ = std::move(loaded);  // only now: a damaged file leaves the registry as it was
}


}  // namespace mlcore::ops
