// Model registry: version numbering, stage transitions with their history, rollback, aliases,
// and lookups whose errors list what exists. Its JSON form is in model_registry_json.cpp.
#include "model_registry.hpp"

#include <cctype>

#include "../error.hpp"

namespace mlcore::ops {

namespace {

using nlohmann::json;

const Stage kStages[] = {Stage::None, Stage::Staging, Stage::Production, Stage::Archived};

std::string ref(std::string_view name, int number) { return std::string(name) + ":" + std::to_string(number); }

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-'; }

// The time a version last entered Production, or nothing if it never did: rollback orders
// versions by it, since version numbers say nothing about the order of promotions.
std::optional<double> entered_production(const ModelVersion& v) {
  for (auto it = v.history.rbegin(); it != v.history.rend(); ++it)
    if (it->to == Stage::Production) return it->time;
  return std::nullopt;
}

// Is (time, number) of `a` later than that of `b`? Equal times fall back to the higher number.
bool later(double ta, int na, double tb, int nb) { return ta > tb || (ta == tb && na > nb); }

// Lookups whose errors list what exists.

[[noreturn]] void throw_unknown_alias(const RegisteredModel& m, std::string_view alias) {
  std::string have;
  for (const auto& [a, n] : m.aliases) have += (have.empty() ? "" : ", ") + a + " -> " + ref(m.name, n);
  throw Error("registry.unknown_alias", "Model '" + m.name + "' has no alias '" + excerpt_of(alias) + "'; " +
                                            (have.empty() ? "it has no aliases yet." : "its aliases are " + have + "."));
}

}  // namespace

std::string stage_name(Stage stage) {
  static const char* const names[] = {"None", "Staging", "Production", "Archived"};
  return names[static_cast<int>(stage)];
}

Stage parse_stage(std::string_view text) {
  for (Stage s : kStages) {
    std::string name = stage_name(s);
    bool same = name.size() == text.size();
    for (std::size_t i = 0; same && i < name.size(); ++i)
      same = std::tolower(static_cast<unsigned char>(name[i])) == std::tolower(static_cast<unsigned char>(text[i]));
    if (same) return s;
  }
  throw Error("registry.bad_stage", "'" + excerpt_of(text) +
                                        "' is not a stage; the stages are None, Staging, Production and Archived.");
}

void validate_model_name(std::string_view name) {
  if (name.empty())
    throw Error("registry.bad_name", "A registered model needs a name; use letters, digits, '_', '.' or '-'.");
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (word_char(name[i]) || name[i] == '.') continue;
    // ':' and '@' separate the name from a version or alias in references, so they cannot be in it.
    throw Error("registry.bad_name",
                "The model name '" + excerpt_of(name) + "' has a character that is not allowed at position " +
                    std::to_string(i + 1) + "; use only letters, digits, '_', '.' and '-' (no spaces).",
                Location{0, i + 1, excerpt_of(name)});
  }
}

void validate_alias(std::string_view alias) {
  bool chars = !alias.empty();
  for (char c : alias) chars = chars && word_char(c);
  if (!chars)
    throw Error("registry.bad_alias", "The alias '" + excerpt_of(alias) +
                                          "' is not allowed; use one or more letters, digits, '_' or '-', "
                                          "such as 'champion'.");
  // "IRIS@2" or "IRIS@v2" would read as a version and "latest" already means the newest one.
  bool versionish = all_digits(alias) || alias == "latest" ||
                    ((alias[0] == 'v' || alias[0] == 'V') && all_digits(alias.substr(1)));
  if (versionish)
    throw Error("registry.bad_alias", "The alias '" + excerpt_of(alias) +
                                          "' looks like a version number; pick a word such as 'champion'.");
}

const ModelVersion& RegisteredModel::version(int number) const {
  if (number < 1 || static_cast<std::size_t>(number) > versions.size()) {
    std::string have = versions.size() == 1 ? "it has version 1 only"
                                            : "its versions are 1 to " + std::to_string(versions.size());
    throw Error("registry.unknown_version", "Model '" + name + "' has no version " + std::to_string(number) +
                                                "; " + have + ".");
  }
  return versions[static_cast<std::size_t>(number - 1)];
}

const ModelVersion& RegisteredModel::latest() const { return version(static_cast<int>(versions.size())); }

const ModelVersion& ModelRegistry::register_version(std::string_view name, ModelVersionInput input) {
  validate_model_name(name);
  auto it = models_.find(name);
  if (it == models_.end()) {
    RegisteredModel m;
    m.name = std::string(name);
    it = models_.emplace(m.name, std::move(m)).first;
  }
  RegisteredModel& m = it->second;
  m.versions.push_back(ModelVersion{static_cast<int>(m.versions.size()) + 1, std::move(input.run_id),
                                    std::move(input.source), std::move(input.format), std::move(input.tags),
                                    std::move(input.description), std::move(input.dataset), input.created,
                                    std::move(input.created_by), Stage::None, {}});
  return m.versions.back();
}

RegisteredModel& ModelRegistry::model_mut(std::string_view name) {
  return const_cast<RegisteredModel&>(static_cast<const ModelRegistry&>(*this).model(name));
}

void ModelRegistry::set_description(std::string_view name, std::string description) {
  model_mut(name).description = std::move(description);
}

void ModelRegistry::set_tag(std::string_view name, const std::string& key, std::string value) {
  RegisteredModel& m = model_mut(name);
  if (key.empty()) throw Error("registry.bad_tag", "A tag needs a key, such as 'team'.");
  m.tags[key] = std::move(value);
}

ModelVersion& ModelRegistry::move(RegisteredModel& m, int version, Stage to, double time,
                                  const std::string& by, const std::string& comment) {
  ModelVersion& v = const_cast<ModelVersion&>(m.version(version));
  v.history.push_back(StageTransition{v.stage, to, time, by, comment});
  v.stage = to;
  return v;
}

const ModelVersion& ModelRegistry::transition(std::string_view name, int version, Stage to, double time,
                                              const std::string& by, const std::string& comment,
                                              bool archive_existing) {
  RegisteredModel& m = model_mut(name);
  const ModelVersion& target = m.version(version);
  if (target.stage == to)
    throw Error("registry.bad_stage", ref(name, version) + " is already in " + stage_name(to) +
                                          "; pick another stage to move it to.");
  if (archive_existing && (to == Stage::Staging || to == Stage::Production))
    for (const ModelVersion& other : m.versions)
      if (other.number != version && other.stage == to)
        move(m, other.number, Stage::Archived, time, by, "archived on promotion of " + ref(name, version));
  return move(m, version, to, time, by, comment);
}

const ModelVersion& ModelRegistry::rollback(std::string_view name, double time, const std::string& by,
                                            const std::string& comment) {
  RegisteredModel& m = model_mut(name);
  // The version among those `keep` accepts that entered Production last.
  auto last_promoted = [&m](auto keep) {
    const ModelVersion* best = nullptr;
    for (const ModelVersion& v : m.versions)
      if (std::optional<double> t = entered_production(v); t && keep(v) &&
          (!best || later(*t, v.number, *entered_production(*best), best->number)))
        best = &v;
    return best;
  };
  const ModelVersion* current = last_promoted([](const ModelVersion& v) { return v.stage == Stage::Production; });
  if (!current)
    throw Error("registry.no_production", "Model '" + m.name +
                                              "' has no version in Production, so there is nothing to roll back.");
  const ModelVersion* previous = last_promoted([current](const ModelVersion& v) { return &v != current; });
  if (!previous)
    throw Error("registry.no_previous_production",
                "No version of '" + m.name + "' other than " + ref(m.name, current->number) +
                    " has been in Production, so there is nothing to roll back to.");
  int back = previous->number;
  move(m, current->number, Stage::Archived, time, by, comment);
  // Already in Production when it was promoted without archiving: it only stays there.
  if (previous->stage != Stage::Production) move(m, back, Stage::Production, time, by, comment);
  return m.version(back);
}

void ModelRegistry::set_alias(std::string_view name, const std::string& alias, int version, double time,
                              const std::string& by) {
  validate_alias(alias);
  RegisteredModel& m = model_mut(name);
  m.version(version);  // throws for a version that does not exist
  auto it = m.aliases.find(alias);
  std::optional<int> from;
  if (it != m.aliases.end()) {
    if (it->second == version) return;
    from = it->second;
  }
  m.aliases[alias] = version;
  m.alias_history.push_back(AliasChange{alias, from, version, time, by});
}

void ModelRegistry::delete_alias(std::string_view name, const std::string& alias, double time,
                                 const std::string& by) {
  RegisteredModel& m = model_mut(name);
  auto it = m.aliases.find(alias);
  if (it == m.aliases.end()) throw_unknown_alias(m, alias);
  m.alias_history.push_back(AliasChange{alias, it->second, std::nullopt, time, by});
  m.aliases.erase(it);
}

const RegisteredModel* ModelRegistry::find(std::string_view name) const {
  auto it = models_.find(name);
  return it == models_.end() ? nullptr : &it->second;
}

const RegisteredModel& ModelRegistry::model(std::string_view name) const {
  if (const RegisteredModel* m = find(name)) return *m;
  std::string have;
  for (const auto& [n, m] : models_) have += (have.empty() ? "" : ", ") + n;
  throw Error("registry.unknown_model", "No registered model named '" + excerpt_of(name) + "'; " +
                                            (have.empty() ? "there are none yet, register a version first."
                                                          : "the models are: " + have + "."));
}

const ModelVersion& ModelRegistry::version(std::string_view name, int number) const {
  return model(name).version(number);
}

const ModelVersion& ModelRegistry::resolve(std::string_view reference) const {
  std::size_t cut = reference.find_first_of(":@");
  std::string_view name = reference.substr(0, cut);
  validate_model_name(name);
  const RegisteredModel& m = model(name);
  if (cut == std::string_view::npos) return m.latest();
  std::string_view rest = reference.substr(cut + 1);
  if (reference[cut] == '@') {
    auto it = m.aliases.find(std::string(rest));
    if (it == m.aliases.end()) throw_unknown_alias(m, rest);
    return m.version(it->second);
  }
  if (rest == "latest") return m.latest();
  if (!all_digits(rest) || rest.size() > 9)
    throw Error("registry.unknown_version", "'" + excerpt_of(reference) +
                                                "' does not name a version; write NAME:N, NAME@alias or NAME.");
  return m.version(std::stoi(std::string(rest)));
}

std::vector<ModelVersion> ModelRegistry::latest_versions(std::string_view name,
                                                         const std::vector<Stage>& stages) const {
  const RegisteredModel& m = model(name);
  std::vector<Stage> wanted = stages.empty() ? std::vector<Stage>(std::begin(kStages), std::end(kStages)) : stages;
  std::vector<ModelVersion> out;
  for (Stage s : wanted)
    for (auto it = m.versions.rbegin(); it != m.versions.rend(); ++it)
      if (it->stage == s) {
        out.push_back(*it);
        break;
      }
  return out;
}

std::vector<std::string> ModelRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& [name, m] : models_) out.push_back(name);
  return out;
}

}  // namespace mlcore::ops
