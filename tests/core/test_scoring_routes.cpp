// The endpoint's routing and HTTP-level answers, as the native server and the page's Service
// Worker both give them: health checks, 404, 405 with Allow, 413, 415, and the X-Ignored-Fields
// header.
#include <catch2/catch.hpp>

#include "core/serve/media_type.hpp"
#include "scoring_fixture.hpp"

using namespace scoring_test;
using mlcore::serve::score;

TEST_CASE("scoring: /ping and /health answer 200 to GET and HEAD", "[serve]") {
  for (const char* path : {"/ping", "/health", "/ping?probe=1"})
    for (const char* method : {"GET", "HEAD"}) {
      INFO(path << " " << method);
      const auto r = score(iris_tree(), {method, path, "", ""});
      CHECK(r.status == 200);
      CHECK(r.content_type == "application/json");
      CHECK(r.body == R"({"status":"ok"})");
    }
}

TEST_CASE("scoring: an unknown path is 404 JSON listing the endpoints", "[serve]") {
  for (const char* path : {"/", "/predict", "/score/", "/SCORE"}) {
    INFO(path);
    const auto r = score(iris_tree(), {"POST", path, "application/json", kTutorialRecord});
    CHECK(r.status == 404);
    const auto j = body_of(r);
    CHECK(j["error_code"] == "NOT_FOUND");
    CHECK(j["code"] == "serve.not_found");
    CHECK(j["message"].get<std::string>().find("/invocations") != std::string::npos);
  }
}

TEST_CASE("scoring: a wrong method is 405 with an Allow header", "[serve]") {
  const auto r = score(iris_tree(), {"GET", "/score", "", ""});
  CHECK(r.status == 405);
  CHECK(header(r, "Allow") == "POST");
  CHECK(body_of(r)["error_code"] == "METHOD_NOT_ALLOWED");
  CHECK(header(score(iris_tree(), {"PUT", "/invocations", "application/json", "{}"}), "Allow") == "POST");
  const auto p = score(iris_tree(), {"POST", "/ping", "application/json", "{}"});
  CHECK(p.status == 405);
  CHECK(header(p, "Allow") == "GET, HEAD");
}

TEST_CASE("scoring: a body over 16 MiB is 413", "[serve]") {
  const std::string big(mlcore::serve::kMaxBodyBytes + 1, ' ');
  const auto r = post(iris_tree(), "/score", big);
  CHECK(r.status == 413);
  CHECK(body_of(r)["error_code"] == "PAYLOAD_TOO_LARGE");
  CHECK(mlcore::serve::too_large_response(1u << 30).status == 413);
}

TEST_CASE("scoring: a missing, malformed or unsupported content type is 415", "[serve]") {
  struct Case {
    const char* path;
    const char* type;
  };
  for (const Case& c : {Case{"/score", ""}, Case{"/score", "  "}, Case{"/score", "text/plain"}, Case{"/score", "json"},
                        Case{"/score", "text/csv"}, Case{"/score", "application/json; charset=latin-1"},
                        Case{"/invocations", ""}, Case{"/invocations", "application/x-www-form-urlencoded"},
                        Case{"/invocations", "text/csv; charset=utf-16"}}) {
    INFO(c.path << " '" << c.type << "'");
    const auto r = post(iris_tree(), c.path, kTutorialRecord, c.type);
    CHECK(r.status == 415);
    const auto j = body_of(r);
    CHECK(j["error_code"] == "UNSUPPORTED_MEDIA_TYPE");
    CHECK(j["code"] == "serve.unsupported_media_type");
    CHECK(j["message"].get<std::string>().find("application/json") != std::string::npos);
  }
}

TEST_CASE("scoring: media types parse case-insensitively with their charset", "[serve]") {
  const auto m = mlcore::serve::parse_media_type(" Text/CSV ; Charset=\"UTF-8\" ; header=present");
  REQUIRE(m);
  CHECK(m->essence == "text/csv");
  CHECK(m->charset == "utf-8");
  CHECK_FALSE(mlcore::serve::parse_media_type("application/"));
  CHECK_FALSE(mlcore::serve::parse_media_type("application/json; charset"));
  CHECK_FALSE(mlcore::serve::parse_media_type("a b/json"));
}

TEST_CASE("scoring: unknown fields are ignored on /invocations and named in X-Ignored-Fields", "[serve]") {
  const auto r = post(iris_tree(), "/invocations",
                      R"({"dataframe_records": [{"SepalLengthCm": 6.6, "SepalWidthCm": 3, "PetalLengthCm": 4.4,
                          "PetalWidthCm": 1.4, "colour": "blue"}, {"SepalLengthCm": 6.6, "SepalWidthCm": 3,
                          "PetalLengthCm": 4.4, "PetalWidthCm": 1.4, "Species": 1, "colour": "red"}]})");
  CHECK(r.status == 200);
  CHECK(r.body == R"({"predictions":[1,1]})");
  CHECK(header(r, "X-Ignored-Fields") == "colour, Species");
  CHECK(header(post(iris_tree(), "/invocations", R"({"instances": [[6.6, 3, 4.4, 1.4]]})"), "X-Ignored-Fields").empty());
}

TEST_CASE("scoring: field names in X-Ignored-Fields are percent-encoded so they cannot break the header", "[serve]") {
  CHECK(mlcore::serve::ignored_fields_header({"a,b\r\nX-Evil: 1", "caf\xc3\xa9", "50%"}) ==
        "a%2Cb%0D%0AX-Evil:%201, caf%C3%A9, 50%25");
  std::vector<std::string> many;
  for (int i = 0; i < 40; ++i) many.push_back("f" + std::to_string(i));
  const std::string h = mlcore::serve::ignored_fields_header(many);
  CHECK(h.find("f31") != std::string::npos);
  CHECK(h.find("f32") == std::string::npos);
  CHECK(h.substr(h.size() - 3) == "...");
}

TEST_CASE("scoring: error bodies put MLflow's error_code and message first", "[serve]") {
  const auto r = post(iris_tree(), "/score", "{}");
  CHECK(r.body.rfind(R"({"error_code":"BAD_REQUEST","message":")", 0) == 0);
}
