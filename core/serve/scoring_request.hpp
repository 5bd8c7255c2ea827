// Reading a scoring request: a body and its Content-Type, for one of the two scoring routes, into
// the table of the model's features, or a ScoringError. Protocol-independent (no sockets), so the
// native server and the page's Service Worker refuse and accept exactly the same requests.
//
// POST /score (the tutorial's endpoint), application/json:
//   {"SepalLengthCm": 6.6, ...}            one record  -> {"output": {...}}
//   [{"SepalLengthCm": 6.6, ...}, ...]     a batch     -> {"output": [{...}, ...]}
// POST /invocations (MLflow's scoring server), application/json, exactly one of:
//   {"dataframe_split": {"columns": [...], "data": [[...], ...], "index": [...] (ignored)}}
//   {"dataframe_records": [{...}, ...]}
//   {"instances": ...} or {"inputs": ...}, where ... is a list of records, a list of rows in the
//     model's feature order (a list of values for a one-feature model), a record, or an object of
//     columns {"name": [values...], ...}
//   plus an optional "params": {} (this playground's models take no inference parameters)
// or text/csv: a header row naming the columns, then one row per line (RFC 4180 quoting).
//
// Both routes: Content-Type compared case-insensitively, parameters allowed, a charset must be
// utf-8; anything else is 415. Fields the model does not use are ignored (named in
// ScoringInput::ignored_fields); every value is checked by feature_value.hpp's rules; an empty
// batch, a missing field, a bad value are 400 naming the field and the 1-based row.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "../data/table.hpp"
#include "../models/preprocess.hpp"

namespace mlcore::serve {

enum class Route { Score, Invocations };

struct ScoringInput {
  data::Table table;  // one column per model feature, in the model's order
  std::vector<std::string> ignored_fields;
  bool single_record = false;  // /score with one object: answer one output, not a list
};

// Throws ScoringError (400 or 415).
ScoringInput parse_scoring_request(const std::vector<models::FeatureSpec>& features, Route route,
                                   std::string_view content_type, std::string_view body);

}  // namespace mlcore::serve
