// Content-addressed blobs of the workspace: tables as CSV text read back with their own schema,
// model files as text, each checked against its key when read.
#include "blob_store.hpp"

#include <algorithm>
#include <cstdio>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "../data/csv_reader.hpp"
#include "../data/csv_writer.hpp"
#include "../data/table_hash.hpp"
#include "../error.hpp"

namespace mlcore::ops {
namespace {

using nlohmann::json;

[[noreturn]] void corrupt(const std::string& key, const std::string& why) {
  throw Error("blob.corrupt", "The stored artifact '" + excerpt_of(key) + "' is damaged: " + why);
}

// Read back exactly as written: ',' and '.', a header row, only the empty field as missing (so a
// category "NA" stays a category) and every column's type forced from the schema.
data::CsvOptions read_back_options(const data::Schema& schema) {
  data::CsvOptions o;
  o.delimiter = ',';
  o.header = 1;
  o.decimal = '.';
  o.missing = {""};
  for (const auto& c : schema.columns) o.types[c.name] = c.type;
  return o;
}

// A present empty category and a missing cell both read back from CSV as an empty field, so a
// column whose categories include "" writes that category under a stand-in the column does not
// use. The schema kept with the blob lists the categories, so the reader finds the same stand-in.
bool has_empty_category(const data::ColumnSchema& c) {
  return c.type == data::ColumnType::Categorical &&
         std::find(c.categories.begin(), c.categories.end(), std::string()) != c.categories.end();
}

std::string empty_stand_in(const std::vector<std::string>& categories) {
  std::string s = "(empty)";
  while (std::find(categories.begin(), categories.end(), s) != categories.end()) s += "'";
  return s;
}

std::string csv_text(const data::Table& table, const data::Schema& schema) {
  if (std::none_of(schema.columns.begin(), schema.columns.end(), has_empty_category)) return data::write_csv(table);
  data::Table copy = table;
  for (std::size_t j = 0; j < copy.columns.size() && j < schema.columns.size(); ++j)
    if (has_empty_category(schema.columns[j]))
      std::replace(copy.columns[j].categories.begin(), copy.columns[j].categories.end(), std::string(),
                   empty_stand_in(schema.columns[j].categories));
  return data::write_csv(copy);
}

data::Table read_back(const std::string& key, const Blob& b) {
  data::CsvResult r;
  try {
    r = data::read_csv(b.text, read_back_options(b.schema));
  } catch (const Error& e) {
    corrupt(key, std::string("its CSV does not read (") + e.code() + "): " + e.what());
  }
  for (const auto& c : b.schema.columns) {
    const int j = has_empty_category(c) ? r.table.find(c.name) : -1;
    if (j < 0 || r.table.columns[j].type != data::ColumnType::Categorical) continue;
    auto& categories = r.table.columns[j].categories;
    std::replace(categories.begin(), categories.end(), empty_stand_in(c.categories), std::string());
  }
  if (data::content_hash(r.table) != key) corrupt(key, "its table does not match its content hash.");
  return std::move(r.table);
}

}  // namespace

std::string model_key(std::string_view text) {
  const XXH128_hash_t h = XXH3_128bits(text.data(), text.size());
  char hex[33];
  std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return std::string("model-") + hex;
}

const char* blob_kind_name(BlobKind kind) { return kind == BlobKind::dataset ? "dataset" : "model"; }

std::string BlobStore::put_table(const data::Table& table, std::string hash) {
  std::string key = hash.empty() ? data::content_hash(table) : std::move(hash);
  if (!contains(key)) {
    Blob b;
    b.kind = BlobKind::dataset;
    b.schema = data::schema_of(table);
    b.text = csv_text(table, b.schema);
    blobs_.emplace(key, std::move(b));
  }
  return key;
}

std::string BlobStore::put_model(std::string text) {
  std::string key = model_key(text);
  if (!contains(key)) blobs_.emplace(key, Blob{BlobKind::model, std::move(text), {}});
  return key;
}

const Blob& BlobStore::get(std::string_view key) const {
  auto it = blobs_.find(key);
  if (it == blobs_.end())
    throw Error("blob.missing", "The workspace holds no artifact '" + excerpt_of(key) +
                                    "'; it was not saved with the workspace.");
  return it->second;
}

data::Table BlobStore::table(std::string_view key) const {
  const Blob& b = get(key);
  if (b.kind != BlobKind::dataset) corrupt(std::string(key), "it is a model file, not a table.");
  return read_back(std::string(key), b);
}

bool operator==(const Blob& a, const Blob& b) { return a.kind == b.kind && a.text == b.text && a.schema == b.schema; }
bool operator==(const BlobStore& a, const BlobStore& b) { return a.blobs_ == b.blobs_; }

void to_json(json& j, const BlobStore& s) {
  j = json::object();
  for (const auto& [key, b] : s.blobs()) {
    json e = {{"kind", blob_kind_name(b.kind)}, {"text", b.text}};
    if (b.kind == BlobKind::dataset) e["schema"] = b.schema;
    j[key] = std::move(e);
  }
}

void from_json(const json& j, BlobStore& out) {
  if (!j.is_object()) corrupt("blobs", "it is not an object of artifacts.");
  BlobStore s;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    const json& e = it.value();
    if (!e.is_object() || !e.contains("kind") || !e["kind"].is_string() || !e.contains("text") || !e["text"].is_string())
      corrupt(key, "it is not {\"kind\", \"text\"}.");
    Blob b;
    b.text = e["text"].get<std::string>();
    const std::string kind = e["kind"].get<std::string>();
    if (kind == "model") {
      b.kind = BlobKind::model;
      if (model_key(b.text) != key) corrupt(key, "its text does not match its hash (it was changed or cut short).");
    } else if (kind == "dataset") {
      b.kind = BlobKind::dataset;
      if (!data::is_content_hash(key)) corrupt(key, "a dataset's key is the 32-digit content hash of its table.");
      try {
        b.schema = e.at("schema").get<data::Schema>();
      } catch (const std::exception& ex) {
        corrupt(key, std::string("its schema cannot be read: ") + ex.what());
      }
      (void)read_back(key, b);
    } else {
      corrupt(key, "its kind is " + excerpt_of(e["kind"].dump()) + "; the kinds are dataset and model.");
    }
    s.blobs_.emplace(key, std::move(b));
  }
  out = std::move(s);
}

}  // namespace mlcore::ops
