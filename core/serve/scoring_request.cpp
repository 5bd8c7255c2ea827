// Scoring request bodies -> the model's feature table; the formats are listed in
// scoring_request.hpp.
#include "scoring_request.hpp"

#include "../data/csv_tokenizer.hpp"
#include "../error.hpp"
#include "json_body.hpp"
#include "media_type.hpp"
#include "scoring_error.hpp"
#include "table_builder.hpp"

namespace mlcore::serve {
namespace {

using nlohmann::json;

constexpr const char* kFormats[] = {"dataframe_split", "dataframe_records", "instances", "inputs"};

enum class Body { Json, Csv };

ScoringError unsupported(const std::string& message) {
  return ScoringError(415, "UNSUPPORTED_MEDIA_TYPE", "serve.unsupported_media_type", message);
}

Body body_kind(Route route, std::string_view content_type) {
  const std::string accepted = route == Route::Score ? "application/json" : "application/json or text/csv";
  if (content_type.find_first_not_of(" \t") == std::string_view::npos)
    throw unsupported("The request has no Content-Type; send the rows as " + accepted + ".");
  const auto m = parse_media_type(content_type);
  if (!m) throw unsupported("The Content-Type '" + excerpt_of(content_type) + "' is not a media type; send " + accepted + ".");
  if (!m->charset.empty() && m->charset != "utf-8" && m->charset != "utf8")
    throw unsupported("The charset '" + m->charset + "' is not supported; send " + accepted + " in UTF-8.");
  if (m->essence == "application/json") return Body::Json;
  if (m->essence == "text/csv" && route == Route::Invocations) return Body::Csv;
  throw unsupported("The Content-Type '" + m->essence + "' is not supported on " +
                    (route == Route::Score ? "/score" : "/invocations") + "; send " + accepted + ".");
}

ScoringError not_a_record(std::size_t row, const json& v, const char* expected) {
  return bad_request("serve.not_a_record",
                     TableBuilder::row_name(row) + " is " + excerpt_of(v.dump()) + ", not " + expected + ".", "", row);
}

bool is_feature(const std::vector<models::FeatureSpec>& features, const std::string& name) {
  for (const auto& f : features)
    if (f.name == name) return true;
  return false;
}

// /score: one record or a list of records.
void read_score(const json& j, TableBuilder& b, ScoringInput& in, const std::vector<models::FeatureSpec>& features) {
  if (j.is_object()) {
    for (const char* f : kFormats)
      if (j.contains(f) && !is_feature(features, f))
        throw bad_request("serve.bad_format", std::string("'") + f +
                                                  "' is one of MLflow's formats, which /invocations reads; /score takes "
                                                  "one record {\"field\": value, ...} or a list of records.");
    in.single_record = true;
    b.add_record(j);
    return;
  }
  if (!j.is_array())
    throw bad_request("serve.bad_format", "/score takes one record {\"field\": value, ...} or a list of records, not " +
                                              excerpt_of(j.dump()) + ".");
  for (const auto& r : j) {
    if (!r.is_object()) throw not_a_record(b.rows() + 1, r, "a record {\"field\": value, ...}");
    b.add_record(r);
  }
}

// A list of records, of rows in the model's feature order, or of single values (one feature).
void read_rows(const json& rows, TableBuilder& b, const std::string& where, std::size_t n_features) {
  if (!rows.is_array()) throw bad_request("serve.bad_format", "'" + where + "' should be a list of rows.");
  if (rows.empty()) return;  // finish() says the batch is empty
  const bool records = rows.front().is_object(), lists = rows.front().is_array();
  const auto order = b.feature_order();
  for (const auto& r : rows) {
    if (records && r.is_object()) b.add_record(r);
    else if (lists && r.is_array()) b.add_list(r, order);
    else if (!records && !lists && n_features == 1 && r.is_primitive()) b.add_list(json::array({r}), order);
    else
      throw not_a_record(b.rows() + 1, r,
                         records ? "a record like the rows before it" : lists ? "a list of values like the rows before it"
                                                                          : "a record or a list of values");
  }
}

// {"name": [values...], ...}, or {"name": value, ...} for one record.
void read_columns(const json& cols, TableBuilder& b, const std::string& where) {
  std::size_t lists = 0, length = 0;
  std::vector<std::string> names;
  for (const auto& [name, values] : cols.items()) {
    names.push_back(name);
    if (!values.is_array()) continue;
    if (lists++ && values.size() != length)
      throw bad_request("serve.row_length", "In '" + where + "', the column '" + name + "' has " +
                                                std::to_string(values.size()) + " values but the columns before it have " +
                                                std::to_string(length) + "; give every column the same number of values.",
                        name);
    length = values.size();
  }
  if (lists == 0) return b.add_record(cols);
  if (lists != names.size())
    throw bad_request("serve.bad_format", "'" + where + "' mixes lists and single values; give every column as a list.");
  const auto columns = b.map_columns(names);
  for (std::size_t r = 0; r < length; ++r) {
    json row = json::array();
    for (const auto& [name, values] : cols.items()) row.push_back(values[r]);
    b.add_list(row, columns);
  }
}

void read_split(const json& s, TableBuilder& b) {
  if (!s.is_object())
    throw bad_request("serve.bad_format", "'dataframe_split' should be an object {\"columns\": [...], \"data\": [[...]]}.");
  for (const auto& [key, value] : s.items()) {
    (void)value;
    if (key != "columns" && key != "data" && key != "index")
      throw bad_request("serve.bad_format", "'dataframe_split' has the unknown key '" + key +
                                                "'; it takes \"columns\", \"data\" and an optional \"index\".");
  }
  const auto cols = s.find("columns");
  if (cols == s.end() || !cols->is_array())
    throw bad_request("serve.bad_format", "'dataframe_split' needs \"columns\", the list of column names.");
  std::vector<std::string> names;
  for (const auto& c : *cols) {
    if (!c.is_string())
      throw bad_request("serve.bad_format", "'dataframe_split.columns' holds " + excerpt_of(c.dump()) + ", not a column name.");
    names.push_back(c.get<std::string>());
  }
  const auto columns = b.map_columns(names);
  const auto data = s.find("data");
  if (data == s.end() || !data->is_array())
    throw bad_request("serve.bad_format", "'dataframe_split' needs \"data\", a list of rows.");
  for (const auto& r : *data) {
    if (!r.is_array()) throw not_a_record(b.rows() + 1, r, "a list of values");
    b.add_list(r, columns);
  }
}

void read_invocation(const json& j, TableBuilder& b, std::size_t n_features) {
  const std::string one_of = "exactly one of \"dataframe_split\", \"dataframe_records\", \"instances\" or \"inputs\"";
  if (!j.is_object()) throw bad_request("serve.bad_format", "The body should be a JSON object with " + one_of + ".");
  std::string format;
  for (const auto& [key, value] : j.items()) {
    if (key == "params") {
      if (!value.is_null() && !(value.is_object() && value.empty()))
        throw bad_request("serve.params", "This model takes no inference parameters; leave 'params' out or empty.", "params");
      continue;
    }
    bool known = false;
    for (const char* f : kFormats) known = known || key == f;
    if (!known) throw bad_request("serve.bad_format", "The body has the unknown key '" + key + "'; it should have " + one_of + ".");
    if (!format.empty()) throw bad_request("serve.bad_format", "The body has both '" + format + "' and '" + key + "'; give " + one_of + ".");
    format = key;
  }
  if (format.empty()) throw bad_request("serve.bad_format", "The body should have " + one_of + ".");
  const json& v = j[format];
  if (format == "dataframe_split") return read_split(v, b);
  if (format == "dataframe_records") {
    if (!v.is_array()) throw bad_request("serve.bad_format", "'dataframe_records' should be a list of records.");
    for (const auto& r : v) {
      if (!r.is_object()) throw not_a_record(b.rows() + 1, r, "a record {\"field\": value, ...}");
      b.add_record(r);
    }
    return;
  }
  if (v.is_object()) return read_columns(v, b, format);
  read_rows(v, b, format, n_features);
}

// CSV rows go straight into the table as the tokenizer finds them.
class CsvSink : public data::csv::RowSink {
 public:
  explicit CsvSink(TableBuilder& b) : b_(b) {}
  void on_row(const std::vector<std::string_view>& fields, std::size_t line) override {
    if (!header_) {
      header_ = true;
      columns_ = b_.map_columns(std::vector<std::string>(fields.begin(), fields.end()));
      return;
    }
    b_.add_text_row(fields, columns_, line);
  }

 private:
  TableBuilder& b_;
  bool header_ = false;
  std::vector<int> columns_;
};

void read_csv_body(std::string_view body, TableBuilder& b) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw bad_request("serve.empty_body", "The request body is empty; send a header row and the rows to score.");
  CsvSink sink(b);
  try {
    data::csv::Tokenizer t(',', sink, "body");
    t.feed(body.data(), body.size());
    t.finish();
  } catch (const Error& e) {
    throw bad_request("serve.bad_csv", std::string("The CSV body cannot be read: ") + e.what());
  }
}

}  // namespace

ScoringInput parse_scoring_request(const std::vector<models::FeatureSpec>& features, Route route,
                                   std::string_view content_type, std::string_view body) {
  const Body kind = body_kind(route, content_type);
  ScoringInput in;
  TableBuilder b(features);
  if (kind == Body::Csv) read_csv_body(body, b);
  else if (route == Route::Score) read_score(parse_json_body(body), b, in, features);
  else read_invocation(parse_json_body(body), b, features.size());
  in.table = b.finish();
  in.ignored_fields = b.ignored_fields();
  return in;
}

}  // namespace mlcore::serve
