// Releases as a value (see releases.hpp).
#include "releases.hpp"

#include "../error.hpp"

namespace mlcore::ops {
namespace {

using nlohmann::json;

constexpr const char* kStatusNames[] = {"not deployed", "waiting for approval", "succeeded", "failed", "rejected"};

bool done(ReleaseStatus s) {
  return s == ReleaseStatus::succeeded || s == ReleaseStatus::failed || s == ReleaseStatus::rejected;
}

json optional_time(const std::optional<double>& t) { return t ? json(*t) : json(nullptr); }

bool same_stage(const ReleaseStage& a, const ReleaseStage& b) {
  if (a.log.size() != b.log.size()) return false;
  for (std::size_t i = 0; i < a.log.size(); ++i)
    if (a.log[i].time != b.log[i].time || a.log[i].text != b.log[i].text) return false;
  return a.name == b.name && a.endpoint == b.endpoint && a.status == b.status && a.started == b.started &&
         a.finished == b.finished && a.smoke_test == b.smoke_test && a.approval == b.approval;
}

}  // namespace

const char* release_status_name(ReleaseStatus s) { return kStatusNames[static_cast<int>(s)]; }

ReleaseStatus parse_release_status(std::string_view text) {
  for (int i = 0; i < 5; ++i)
    if (text == kStatusNames[i]) return static_cast<ReleaseStatus>(i);
  throw Error("release.bad_status", "'" + excerpt_of(text) +
                                        "' is not a release status; they are: not deployed, waiting for approval, "
                                        "succeeded, failed, rejected.");
}

ReleaseStatus Release::status() const {
  bool all = !stages.empty();
  for (const ReleaseStage& s : stages) {
    if (s.status == ReleaseStatus::failed || s.status == ReleaseStatus::rejected) return s.status;
    if (s.status == ReleaseStatus::waiting_for_approval) return s.status;
    all = all && s.status == ReleaseStatus::succeeded;
  }
  return all ? ReleaseStatus::succeeded : ReleaseStatus::not_deployed;
}

ReleaseStage stage_from_json(const json& j) {
  ReleaseStage s;
  s.name = j.at("name").get<std::string>();
  s.endpoint = j.value("endpoint", std::string());
  s.status = parse_release_status(j.at("status").get<std::string>());
  if (j.contains("started") && !j["started"].is_null()) s.started = j["started"].get<double>();
  if (j.contains("finished") && !j["finished"].is_null()) s.finished = j["finished"].get<double>();
  if (j.contains("log"))
    for (const json& line : j["log"]) s.log.push_back({line.at("time").get<double>(), line.at("text").get<std::string>()});
  s.smoke_test = j.value("smoke_test", json(nullptr));
  s.approval = j.value("approval", json(nullptr));
  return s;
}

json stage_to_json(const ReleaseStage& s) {
  json log = json::array();
  for (const auto& line : s.log) log.push_back({{"time", line.time}, {"text", line.text}});
  return {{"name", s.name}, {"endpoint", s.endpoint}, {"status", release_status_name(s.status)},
          {"started", optional_time(s.started)}, {"finished", optional_time(s.finished)}, {"log", log},
          {"smoke_test", s.smoke_test}, {"approval", s.approval}};
}

const Release& ReleaseRegistry::create(std::string model, int version, json definition, std::vector<std::string> failures,
                                       std::vector<ReleaseStage> stages, double time, const std::string& by) {
  Release r;
  r.number = static_cast<int>(releases_.size()) + 1;
  r.model = std::move(model);
  r.version = version;
  r.definition = std::move(definition);
  r.failures = std::move(failures);
  r.stages = std::move(stages);
  r.created = time;
  r.by = by;
  releases_.push_back(std::move(r));
  return releases_.back();
}

const Release& ReleaseRegistry::update(int number, const std::vector<ReleaseStage>& stages) {
  release(number);
  Release copy = releases_[static_cast<std::size_t>(number - 1)];
  for (const ReleaseStage& s : stages) {
    ReleaseStage* target = nullptr;
    for (ReleaseStage& t : copy.stages)
      if (t.name == s.name) target = &t;
    if (!target) throw Error("release.unknown_stage", copy.name() + " has no stage '" + excerpt_of(s.name) + "'.");
    if (done(target->status))
      throw Error("release.stage_done", copy.name() + "'s stage " + s.name + " is already " +
                                            release_status_name(target->status) + "; start a new release instead.");
    const std::string endpoint = target->endpoint;
    *target = s;
    if (target->endpoint.empty()) target->endpoint = endpoint;
  }
  releases_[static_cast<std::size_t>(number - 1)] = std::move(copy);
  return releases_[static_cast<std::size_t>(number - 1)];
}

const Release& ReleaseRegistry::release(int number) const {
  if (number < 1 || static_cast<std::size_t>(number) > releases_.size())
    throw Error("release.unknown", "There is no Release-" + std::to_string(number) +
                                       (releases_.empty() ? "; nothing has been released yet."
                                                          : "; the releases are Release-1 to Release-" +
                                                                std::to_string(releases_.size()) + "."));
  return releases_[static_cast<std::size_t>(number - 1)];
}

bool operator==(const ReleaseRegistry& a, const ReleaseRegistry& b) {
  if (a.releases_.size() != b.releases_.size()) return false;
  for (std::size_t i = 0; i < a.releases_.size(); ++i) {
    const Release& x = a.releases_[i];
    const Release& y = b.releases_[i];
    if (x.number != y.number || x.model != y.model || x.version != y.version || x.definition != y.definition ||
        x.failures != y.failures || x.created != y.created || x.by != y.by || x.stages.size() != y.stages.size())
      return false;
    for (std::size_t s = 0; s < x.stages.size(); ++s)
      if (!same_stage(x.stages[s], y.stages[s])) return false;
  }
  return true;
}

void to_json(json& j, const ReleaseRegistry& r) {
  json list = json::array();
  for (const Release& x : r.releases()) {
    json stages = json::array();
    for (const ReleaseStage& s : x.stages) stages.push_back(stage_to_json(s));
    list.push_back({{"number", x.number}, {"name", x.name()}, {"model", x.model}, {"version", x.version},
                    {"status", release_status_name(x.status())}, {"definition", x.definition},
                    {"failures", x.failures}, {"created", x.created}, {"by", x.by}, {"stages", stages}});
  }
  j = {{"releases", list}};
}

void from_json(const json& j, ReleaseRegistry& out) {
  ReleaseRegistry r;
  try {
    for (const json& x : j.at("releases")) {
      Release rel;
      rel.number = x.at("number").get<int>();
      if (rel.number != static_cast<int>(r.releases_.size()) + 1)
        throw Error("release.corrupt", "The saved releases are damaged: Release-" + std::to_string(rel.number) +
                                           " is out of order.");
      rel.model = x.at("model").get<std::string>();
      rel.version = x.at("version").get<int>();
      rel.definition = x.at("definition");
      rel.failures = x.at("failures").get<std::vector<std::string>>();
      rel.created = x.at("created").get<double>();
      rel.by = x.at("by").get<std::string>();
      for (const json& s : x.at("stages")) rel.stages.push_back(stage_from_json(s));
      r.releases_.push_back(std::move(rel));
    }
  } catch (const Error& e) {
    if (e.code() == "release.corrupt") throw;
    throw Error("release.corrupt", std::string("The saved releases are damaged: ") + e.what());
  } catch (const json::exception& e) {
    throw Error("release.corrupt", std::string("The saved releases are damaged: ") + e.what());
  }
  out = std::move(r);
}

}  // namespace mlcore::ops
