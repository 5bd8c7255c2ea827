// The dataset registry: versions by content hash, lookups by name and "NAME:N", errors with
// stable codes, and a JSON round trip that gives back an equal registry.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/data/table_hash.hpp"
#include "core/error.hpp"
#include "core/ops/dataset_registry.hpp"
#include "error_checks.hpp"
#include "table_builders.hpp"

using namespace mlcore::data;
using mlcore::ops::DatasetRegistry;
using mlcore::ops::Registered;
using mlcore::ops::VersionInput;
using mlplay_test::code_of;
using mlplay_test::coded;
using mlplay_test::iris_like;
using mlplay_test::numeric;

TEST_CASE("the first registration creates version 1 with its metadata", "[registry]") {
  DatasetRegistry reg;
  Registered r = reg.register_version("IRIS", iris_like(), VersionInput{12.5, "iris.csv", {{"rows", 5}}});
  CHECK(r.created);
  CHECK(r.reference == "IRIS:1");
  CHECK(r.version.number == 1);
  CHECK(r.version.hash == content_hash(iris_like()));
  CHECK(r.version.key() == r.version.hash);
  CHECK(r.version.rows == 5);
  CHECK(r.version.schema == schema_of(iris_like()));
  CHECK(r.version.created == 12.5);
  CHECK(r.version.source == "iris.csv");
  CHECK(r.version.profile == nlohmann::json{{"rows", 5}});
  CHECK(reg.names() == std::vector<std::string>{"IRIS"});
}

TEST_CASE("registering the same content twice returns version 1 with created=false", "[registry]") {
  DatasetRegistry reg;
  reg.register_version("IRIS", iris_like(), VersionInput{1, "a.csv", {}});
  Registered again = reg.register_version("IRIS", iris_like(), VersionInput{2, "b.csv", {}});
  CHECK_FALSE(again.created);
  CHECK(again.version.number == 1);
  CHECK(again.version.source == "a.csv");  // the existing version is returned unchanged
  // Another dictionary order is still the same content.
  Table reordered = iris_like();
  reordered.columns[2] = coded("Species", {2, 2, 0, 0, 1}, {"versicolor", "virginica", "setosa"});
  CHECK_FALSE(reg.register_version("IRIS", reordered).created);
  CHECK(reg.dataset("IRIS").versions.size() == 1);
}

TEST_CASE("one changed cell makes version 2 and the diff names the cell", "[registry][diff]") {
  DatasetRegistry reg;
  Table v1 = iris_like();
  Table v2 = iris_like();
  v2.columns[1].numbers[4] = 1.5;
  reg.register_version("IRIS", v1);
  Registered r = reg.register_version("IRIS", v2, VersionInput{60, "iris-fixed.csv", {}});
  CHECK(r.created);
  CHECK(r.reference == "IRIS:2");
  CHECK(r.version.key() != reg.version("IRIS", 1).key());
  auto d = mlcore::ops::diff_versions(reg.resolve("IRIS:1"), reg.resolve("IRIS:2"), &v1, &v2);
  CHECK(d.summary() == "1 cell changed in PetalLengthCm (row 5: 1.4 -> 1.5)");
  // Going back to the first content is version 1 again, not a version 3.
  Registered back = reg.register_version("IRIS", v1);
  CHECK_FALSE(back.created);
  CHECK(back.reference == "IRIS:1");
}

TEST_CASE("the same content under two names is a version of each", "[registry]") {
  DatasetRegistry reg;
  reg.register_version("IRIS", iris_like());
  Registered other = reg.register_version("flowers", iris_like());
  CHECK(other.created);
  CHECK(other.reference == "flowers:1");
  CHECK(reg.names() == std::vector<std::string>{"IRIS", "flowers"});
}

TEST_CASE("references resolve by NAME:N, NAME:latest and NAME", "[registry]") {
  DatasetRegistry reg;
  Table v2 = iris_like();
  v2.columns[0].numbers[0] = 6;
  reg.register_version("IRIS", iris_like());
  reg.register_version("IRIS", v2);
  CHECK(reg.resolve("IRIS:1").number == 1);
  CHECK(reg.resolve("IRIS:2").number == 2);
  CHECK(reg.resolve("IRIS:latest").number == 2);
  CHECK(reg.resolve("IRIS").number == 2);
  CHECK(reg.dataset("IRIS").latest().hash == content_hash(v2));
  CHECK(reg.contains("IRIS"));
  CHECK(reg.find("iris") == nullptr);  // names are case-sensitive, like MLflow's
}

TEST_CASE("unknown datasets and versions have stable codes and list what exists", "[registry]") {
  DatasetRegistry reg;
  std::string msg;
  CHECK(code_of([&] { reg.resolve("IRIS:1"); }, &msg) == "dataset.unknown");
  CHECK(msg.find("no datasets yet") != std::string::npos);
  reg.register_version("IRIS", iris_like());
  reg.register_version("TITANIC", Table{{numeric("Age", {22, 38})}});
  CHECK(code_of([&] { reg.dataset("WINE"); }, &msg) == "dataset.unknown");
  CHECK(msg.find("IRIS, TITANIC") != std::string::npos);
  CHECK(code_of([&] { reg.resolve("IRIS:2"); }, &msg) == "dataset.unknown_version");
  CHECK(msg.find("version 1 only") != std::string::npos);
  CHECK(code_of([&] { reg.resolve("IRIS:0"); }) == "dataset.unknown_version");
  CHECK(code_of([&] { reg.resolve("IRIS:two"); }) == "dataset.unknown_version");
  CHECK(code_of([&] { reg.resolve("IRIS:"); }) == "dataset.unknown_version");
  CHECK(code_of([&] { reg.resolve("IRIS:99999999999999"); }) == "dataset.unknown_version");
  CHECK(code_of([&] { reg.set_tag("WINE", "format", "CSV"); }) == "dataset.unknown");
}

TEST_CASE("dataset names are limited to letters, digits, '_', '.' and '-'", "[registry]") {
  DatasetRegistry reg;
  for (const char* bad : {"", "my data", "a:b", "caf\xc3\xa9", "a/b"})
    CHECK(code_of([&] { reg.register_version(bad, iris_like()); }) == "dataset.bad_name");
  CHECK(code_of([&] { reg.resolve(" IRIS:1"); }) == "dataset.bad_name");
  CHECK(reg.register_version("iris_v2.1-clean", iris_like()).created);
  CHECK(reg.names().size() == 1);
}

TEST_CASE("a hash that is not a content hash is refused", "[registry]") {
  DatasetRegistry reg;
  CHECK(code_of([&] { reg.register_version("IRIS", "not-a-hash", Schema{}, 0); }) == "dataset.bad_hash");
}

TEST_CASE("description and tags belong to the dataset", "[registry]") {
  DatasetRegistry reg;
  reg.register_version("IRIS", iris_like());
  reg.set_description("IRIS", "Fisher's iris flowers");
  reg.set_tag("IRIS", "format", "CSV");
  reg.set_tag("IRIS", "licence", "CC0");
  reg.remove_tag("IRIS", "licence");
  CHECK(reg.dataset("IRIS").description == "Fisher's iris flowers");
  CHECK(reg.dataset("IRIS").tags == std::map<std::string, std::string>{{"format", "CSV"}});
  CHECK(code_of([&] { reg.set_tag("IRIS", "", "x"); }) == "dataset.bad_tag");
}

TEST_CASE("a JSON round trip gives an equal registry", "[registry]") {
  DatasetRegistry reg;
  Table v2 = iris_like();
  v2.columns[1].numbers[4] = 1.5;
  reg.register_version("IRIS", iris_like(), VersionInput{0.1, "iris.csv", {{"columns", {{"Species", 3}}}}});
  reg.register_version("IRIS", v2, VersionInput{1e9 / 3, "", nullptr});
  reg.register_version("TITANIC", Table{{numeric("Age", {22, 38})}}, VersionInput{7, "titanic.csv", {}});
  reg.set_description("IRIS", "Fisher's iris flowers");
  reg.set_tag("IRIS", "format", "CSV");
  nlohmann::json j = reg;
  CHECK(j["datasets"][0]["versions"][1]["key"] == reg.resolve("IRIS:2").key());
  CHECK(j["datasets"][0]["versions"][0]["source"] == "iris.csv");
  CHECK_FALSE(j["datasets"][0]["versions"][1].contains("source"));
  DatasetRegistry back = nlohmann::json::parse(j.dump()).get<DatasetRegistry>();
  CHECK(back == reg);
  CHECK(nlohmann::json(back) == j);
  CHECK(back.resolve("IRIS:2").created == 1e9 / 3);
}

TEST_CASE("the registry keeps metadata, not table data", "[registry]") {
  DatasetRegistry reg;
  reg.register_version("BIG", Table{{numeric("x", std::vector<double>(100000, 1.25))}});
  CHECK(nlohmann::json(reg).dump().size() < 1000);
}

TEST_CASE("a damaged registry JSON is dataset.corrupt and changes nothing", "[registry]") {
  DatasetRegistry reg;
  reg.register_version("IRIS", iris_like());
  const nlohmann::json good = reg;
  auto load = [&](nlohmann::json j) { return code_of([&] { from_json(j, reg); }); };
  nlohmann::json skipped = good;
  skipped["datasets"][0]["versions"][0]["number"] = 2;
  CHECK(load(skipped) == "dataset.corrupt");
  nlohmann::json bad_hash = good;
  bad_hash["datasets"][0]["versions"][0]["hash"] = "xyz";
  CHECK(load(bad_hash) == "dataset.corrupt");
  nlohmann::json bad_name = good;
  bad_name["datasets"][0]["name"] = "my data";
  CHECK(load(bad_name) == "dataset.corrupt");
  nlohmann::json twice = good;
  twice["datasets"].push_back(good["datasets"][0]);
  CHECK(load(twice) == "dataset.corrupt");
  nlohmann::json bad_type = good;
  bad_type["datasets"][0]["versions"][0]["schema"]["columns"][0]["type"] = "complex";
  CHECK(load(bad_type) == "dataset.corrupt");
  CHECK(load(nlohmann::json{{"datasets", 3}}) == "dataset.corrupt");
  CHECK(load(nlohmann::json::object()) == "dataset.corrupt");
  CHECK(nlohmann::json(reg) == good);
}
