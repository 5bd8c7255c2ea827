// The workspace's artifact store: the bytes that commands only point at. A dataset version's
// table (kept as CSV text with its schema) under the version's content hash, and a trained model's
// file under "model-" + the hash of its text. Content-addressed, so the same content is stored
// once, a key can be checked against its content, and export/import carries exactly what the
// registries refer to.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "../data/schema.hpp"
#include "../data/table.hpp"

namespace mlcore::ops {

enum class BlobKind { dataset, model };

struct Blob {
  BlobKind kind = BlobKind::model;
  std::string text;    // dataset: CSV text written by data::write_csv (an empty-string category
                       // under a stand-in name, see blob_store.cpp); model: the model file JSON
  data::Schema schema;  // dataset only: the column types the CSV is read back with
};

class BlobStore {
 public:
  // Stores the table under its content hash (computed unless given) and returns that key.
  std::string put_table(const data::Table& table, std::string hash = "");
  // Stores an already checked blob under its key (export picks blobs this way).
  void put(const std::string& key, Blob blob) { blobs_.emplace(key, std::move(blob)); }
  // Stores a model file's text under "model-<32 hex>" and returns that key.
  std::string put_model(std::string text);

  bool contains(std::string_view key) const { return blobs_.find(key) != blobs_.end(); }
  // Throws blob.missing naming the key.
  const Blob& get(std::string_view key) const;
  // Reads a dataset blob back into a table and checks its content hash (blob.corrupt if not).
  data::Table table(std::string_view key) const;
  const std::map<std::string, Blob, std::less<>>& blobs() const { return blobs_; }
  void clear() { blobs_.clear(); }

  friend bool operator==(const BlobStore& a, const BlobStore& b);
  friend void from_json(const nlohmann::json& j, BlobStore& s);

 private:
  std::map<std::string, Blob, std::less<>> blobs_;
};

inline bool operator!=(const BlobStore& a, const BlobStore& b) { return !(a == b); }
bool operator==(const Blob& a, const Blob& b);

// "model-" + XXH3-128 of the text in 32 lowercase hex digits.
std::string model_key(std::string_view text);
const char* blob_kind_name(BlobKind kind);

// {"KEY": {"kind": "dataset", "schema": {...}, "text": "..."} | {"kind": "model", "text": "..."}}.
// Reading checks every key against its content (a model's text hash; a dataset's table content
// hash, after reading the CSV back) and throws blob.corrupt naming the key.
void to_json(nlohmann::json& j, const BlobStore& s);
void from_json(const nlohmann::json& j, BlobStore& s);

}  // namespace mlcore::ops
