// The artifact store: every built-in dataset comes back from its blob with the same content hash,
// category texts that look like missing values survive, and tampered blobs are refused.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/data/csv_reader.hpp"
#include "core/data/table_hash.hpp"
#include "core/ops/blob_store.hpp"
#include "error_checks.hpp"
#include "table_builders.hpp"

using mlcore::ops::BlobKind;
using mlcore::ops::BlobStore;
using mlplay_test::code_of;
using nlohmann::json;

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Row by row, the text a person would read, with "<missing>" for a missing cell.
std::vector<std::string> cells(const mlcore::data::Table& t) {
  std::vector<std::string> out;
  for (const auto& c : t.columns)
    for (std::size_t r = 0; r < c.size(); ++r) out.push_back(c.is_missing(r) ? "<missing>" : c.text(r));
  return out;
}

}  // namespace

TEST_CASE("Every built-in dataset round-trips through the blob store with the same content hash", "[blob_store]") {
  int seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(MLPLAY_SOURCE_DIR) + "/datasets")) {
    if (entry.path().extension() != ".csv") continue;
    ++seen;
    INFO(entry.path().filename().string());
    const mlcore::data::Table table = mlcore::data::read_csv(slurp(entry.path())).table;
    const std::string hash = mlcore::data::content_hash(table);
    BlobStore store;
    CHECK(store.put_table(table) == hash);
    REQUIRE(store.contains(hash));
    CHECK(store.get(hash).kind == BlobKind::dataset);
    const mlcore::data::Table back = store.table(hash);
    CHECK(mlcore::data::content_hash(back) == hash);
    CHECK(back.rows() == table.rows());
    CHECK(cells(back) == cells(table));
    // And through the store's JSON, which checks every key against its content.
    CHECK(json(store).get<BlobStore>() == store);
  }
  CHECK(seen >= 6);  // iris, penguins, wine, diabetes, breast_cancer, seattle_weather
}

TEST_CASE("A category NA and an empty-string category survive the blob store, apart from missing", "[blob_store]") {
  mlcore::data::Table t;
  t.columns.push_back(mlplay_test::coded("answer", {0, 1, -1, 0, 1}, {"NA", ""}));
  t.columns.push_back(mlplay_test::numeric("x", {1, 2, 3, mlplay_test::NA, 5}));
  const std::string hash = mlcore::data::content_hash(t);
  BlobStore store;
  REQUIRE(store.put_table(t) == hash);
  const mlcore::data::Table back = store.table(hash);
  CHECK(mlcore::data::content_hash(back) == hash);
  const auto& answer = back.column("answer");
  REQUIRE(answer.size() == 5);
  CHECK(answer.text(0) == "NA");
  CHECK_FALSE(answer.is_missing(1));
  CHECK(answer.text(1).empty());
  CHECK(answer.is_missing(2));
  CHECK(answer.text(3) == "NA");
  CHECK(back.column("x").is_missing(3));
  CHECK(json(store).get<BlobStore>() == store);
}

TEST_CASE("A one-column table whose only cell in a row is missing keeps that row", "[blob_store]") {
  mlcore::data::Table t;
  t.columns.push_back(mlplay_test::coded("label", {0, -1, 0}, {"a"}));
  BlobStore store;
  const std::string key = store.put_table(t);
  const mlcore::data::Table back = store.table(key);
  REQUIRE(back.rows() == 3);
  CHECK(back.columns[0].is_missing(1));
}

TEST_CASE("A tampered dataset or model blob is refused as blob.corrupt", "[blob_store]") {
  BlobStore store;
  const std::string table_key = store.put_table(mlplay_test::iris_like());
  const std::string model_key = store.put_model(R"({"format":"mlplay.model"})");
  CHECK(model_key.rfind("model-", 0) == 0);
  CHECK(model_key.size() == 6 + 32);

  json j = store;
  json table_changed = j;
  std::string text = table_changed[table_key]["text"].get<std::string>();
  const std::size_t at = text.find("5.1");  // the first SepalLengthCm
  REQUIRE(at != std::string::npos);
  text.replace(at, 3, "5.2");
  table_changed[table_key]["text"] = text;
  std::string message;
  CHECK(code_of([&] { (void)table_changed.get<BlobStore>(); }, &message) == "blob.corrupt");
  CHECK(message.find(table_key) != std::string::npos);

  json model_changed = j;
  model_changed[model_key]["text"] = R"({"format":"mlplay.model","x":1})";
  CHECK(code_of([&] { (void)model_changed.get<BlobStore>(); }) == "blob.corrupt");

  // A blob placed without the check is caught when the table is read back.
  BlobStore placed;
  mlcore::ops::Blob b = store.get(table_key);
  b.text = text;
  placed.put(table_key, b);
  CHECK(code_of([&] { (void)placed.table(table_key); }) == "blob.corrupt");
  CHECK(code_of([&] { (void)store.table(model_key); }) == "blob.corrupt");
  CHECK(code_of([&] { (void)store.get("nope"); }) == "blob.missing");
}
