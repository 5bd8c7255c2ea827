// Routing a scoring request to its answer; see scoring.hpp.
#include "scoring.hpp"

#include "../error.hpp"
#include "scoring_request.hpp"

namespace mlcore::serve {
namespace {

std::string_view without_query(std::string_view path) { return path.substr(0, path.find_first_of("?#")); }

ScoringResponse health() {
  ScoringResponse r;
  r.body = R"({"status":"ok"})";
  return r;
}

ScoringResponse run_model(const models::ModelBundle& model, Route route, const ScoringRequest& req) {
  ScoringInput in = parse_scoring_request(model.pre.features(), route, req.content_type, req.body);
  const models::Predictions p = models::predict_table(model, in.table);
  ScoringResponse r;
  r.body = route == Route::Score ? score_body(model, p, in.single_record) : invocations_body(model, p);
  if (!in.ignored_fields.empty()) r.headers.emplace_back("X-Ignored-Fields", ignored_fields_header(in.ignored_fields));
  return r;
}

}  // namespace

std::string_view allowed_methods(std::string_view path) {
  path = without_query(path);
  if (path == "/score" || path == "/invocations") return "POST";
  if (path == "/ping" || path == "/health") return "GET, HEAD";
  return {};
}

ScoringResponse too_large_response(std::size_t length) {
  return error_response(ScoringError(413, "PAYLOAD_TOO_LARGE", "serve.too_large",
                                     "The body has " + std::to_string(length) + " bytes, over the limit of " +
                                         std::to_string(kMaxBodyBytes) + " (16 MiB); send the rows in smaller batches."));
}

ScoringResponse score(const models::ModelBundle& model, const ScoringRequest& req) {
  const std::string_view path = without_query(req.path);
  const std::string_view allow = allowed_methods(path);
  if (allow.empty())
    return error_response(ScoringError(404, "NOT_FOUND", "serve.not_found",
                                       "There is no endpoint at '" + excerpt_of(path) +
                                           "'; the endpoints are POST /score, POST /invocations, GET /ping and GET /health."));
  const bool is_post = allow == "POST";
  if (is_post ? req.method != "POST" : req.method != "GET" && req.method != "HEAD") {
    ScoringResponse r = error_response(ScoringError(
        405, "METHOD_NOT_ALLOWED", "serve.method_not_allowed",
        std::string(path) + " answers " + std::string(allow) + ", not " + excerpt_of(req.method) + "."));
    r.headers.emplace_back("Allow", std::string(allow));
    return r;
  }
  if (!is_post) return health();
  if (req.body.size() > kMaxBodyBytes) return too_large_response(req.body.size());
  try {
    return run_model(model, path == "/score" ? Route::Score : Route::Invocations, req);
  } catch (const ScoringError& e) {
    return error_response(e);
  } catch (const std::exception& e) {
    // The request passed every check, so a failure here is the model's, not the client's.
    return error_response(ScoringError(500, "INTERNAL_ERROR", "serve.prediction_failed",
                                       std::string("The model could not score the rows: ") + e.what()));
  }
}

}  // namespace mlcore::serve
