// An endpoint's whole answer to one HTTP request, without the HTTP: method, path, Content-Type
// and body in; status, Content-Type, body and extra headers out. The native server (`mlplay
// serve`) and the page's Service Worker both call this, so they answer byte for byte alike.
//
// Routes:  POST /score, POST /invocations (formats in scoring_request.hpp, answers in
//          scoring_response.hpp); GET or HEAD /ping and /health -> 200 {"status": "ok"}.
//          The query string is ignored.
// Errors:  404 NOT_FOUND for an unknown path, 405 METHOD_NOT_ALLOWED with an Allow header,
//          413 PAYLOAD_TOO_LARGE for a body over kMaxBodyBytes, 415 UNSUPPORTED_MEDIA_TYPE,
//          400 BAD_REQUEST (scoring_request.hpp), each with the JSON error body.
// Headers: X-Ignored-Fields names the request fields the model does not use, when there are any.
#pragma once
#include <cstddef>
#include <string_view>

#include "../models/model_file.hpp"
#include "scoring_response.hpp"

namespace mlcore::serve {

// 16 MiB: about 200,000 Iris rows as JSON records, far beyond any one scoring call, and small
// enough that a server thread can hold a few at once.
constexpr std::size_t kMaxBodyBytes = std::size_t{16} << 20;

struct ScoringRequest {
  std::string_view method;  // "POST", "GET", ... (case-sensitive, as HTTP methods are)
  std::string_view path;    // "/score", "/invocations?x=1"
  std::string_view content_type;
  std::string_view body;
};

// Never throws for a bad request: every refusal is a response.
ScoringResponse score(const models::ModelBundle& model, const ScoringRequest& request);

// The 413 answer for a body of `length` bytes, which a server sends before reading the body.
ScoringResponse too_large_response(std::size_t length);

// The Allow header's value for a path ("POST", "GET, HEAD"), or empty for an unknown path.
std::string_view allowed_methods(std::string_view path);

}  // namespace mlcore::serve
