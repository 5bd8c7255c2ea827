// `mlplay serve` end to end: the real binary on a free port, real HTTP/1.1 over a socket. Its
// predictions are checked against `mlplay predict` on the same rows and against the tutorial's
// known answer (versicolor, "1").
#include <catch2/catch.hpp>

#include <fstream>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"
#include "serve_client.hpp"

using nlohmann::json;
using serve_test::Client;
using serve_test::Response;
using serve_test::ServerProcess;

namespace {

const char* kTutorial = R"({"SepalLengthCm": 6.6, "SepalWidthCm": 3, "PetalLengthCm": 4.4, "PetalWidthCm": 1.4})";

// Rows from the three species and the tutorial's, as a CSV body and a file for `mlplay predict`.
const char* kRowsCsv =
    "SepalLengthCm,SepalWidthCm,PetalLengthCm,PetalWidthCm\n"
    "5.1,3.5,1.4,0.2\n4.9,3.0,1.4,0.2\n7.0,3.2,4.7,1.4\n6.4,3.2,4.5,1.5\n6.3,3.3,6.0,2.5\n5.8,2.7,5.1,1.9\n"
    "6.6,3,4.4,1.4\n5.9,3.0,5.1,1.8\n";

const std::string& model_file() {
  static const std::string path = [] {
    // Per process: ctest runs the test cases as parallel processes, each training its own file.
    const std::string p = "/tmp/mlplay_test_serve_iris_" + std::to_string(::getpid()) + ".json";
    const auto r = mlplay_test::mlplay("train --data iris --target Species --model decision_tree --seed 7 --out " + p + " --json");
    REQUIRE(r.status == 0);
    return p;
  }();
  return path;
}

std::vector<std::string> predicted_by_cli() {
  const std::string csv = "/tmp/mlplay_test_serve_rows_" + std::to_string(::getpid()) + ".csv";
  std::ofstream(csv, std::ios::binary) << kRowsCsv;
  const auto r = mlplay_test::mlplay("predict --model " + model_file() + " --data " + csv + " --json");
  REQUIRE(r.status == 0);
  return json::parse(r.out)["predictions"].get<std::vector<std::string>>();
}

}  // namespace

TEST_CASE("mlplay serve answers the tutorial payload, CSV, a 400, a 415 and ping over real HTTP", "[serve][cli]") {
  ServerProcess server({"--model", model_file(), "--port", "0", "--threads", "2"});
  CHECK(server.url == "http://127.0.0.1:" + std::to_string(server.port) + "/");
  Client c(server.port);

  Response tutorial = c.request("POST", "/score", kTutorial);
  CHECK(tutorial.status == 200);
  CHECK(tutorial.headers["content-type"] == "application/json");
  CHECK(tutorial.body == R"({"output":{"predicted_species":"1"}})");

  // The same rows through /invocations as CSV and through `mlplay predict`.
  Response csv = c.request("POST", "/invocations", kRowsCsv, "text/csv; charset=utf-8");
  CHECK(csv.status == 200);
  CHECK(csv.headers["content-type"] == "application/json");
  json want = json::array();
  for (const auto& label : predicted_by_cli()) want.push_back(std::stoi(label));
  CHECK(want[6] == 1);  // the tutorial's row
  CHECK(json::parse(csv.body) == json{{"predictions", want}});

  Response bad = c.request("POST", "/score", R"({"SepalLengthCm": 6.6, "SepalWidthCm": 3, "PetalLengthCm": 4.4})");
  CHECK(bad.status == 400);
  CHECK(bad.headers["content-type"] == "application/json");
  const json err = json::parse(bad.body);
  CHECK(err["error_code"] == "BAD_REQUEST");
  CHECK(err["code"] == "serve.missing_field");
  CHECK(err["field"] == "PetalWidthCm");
  CHECK(err["row"] == 1);

  Response media = c.request("POST", "/score", kTutorial, "text/plain");
  CHECK(media.status == 415);
  CHECK(media.headers["content-type"] == "application/json");
  CHECK(json::parse(media.body)["error_code"] == "UNSUPPORTED_MEDIA_TYPE");

  Response ping = c.request("GET", "/ping", "", "");
  CHECK(ping.status == 200);
  CHECK(ping.headers["content-type"] == "application/json");
  CHECK(ping.body == R"({"status":"ok"})");
  CHECK(c.request("GET", "/health", "", "").status == 200);

  CHECK(server.stop() == 0);  // SIGTERM stops it cleanly
}

TEST_CASE("mlplay serve keeps connections alive, answers pipelined requests in order, and 404, 405, 411, 413", "[serve][cli]") {
  ServerProcess server({"--model", model_file(), "--port", "0", "--threads", "1"});
  Client c(server.port);
  const std::string body = R"({"inputs": [[6.6, 3, 4.4, 1.4], [5.1, 3.5, 1.4, 0.2]], "colour": 1})";
  // Three requests in one write: the second is a 400 (an unknown top-level key), the others
  // succeed, in order, on the one connection.
  const std::string ok = "POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
                         std::to_string(std::string(kTutorial).size() + 14) + "\r\n\r\n{\"inputs\": [" + kTutorial + "]}";
  c.send_raw(ok + "POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
             std::to_string(body.size()) + "\r\n\r\n" + body + ok);
  CHECK(c.read_response().body == R"({"predictions":[1]})");
  CHECK(c.read_response().status == 400);
  CHECK(c.read_response().body == R"({"predictions":[1]})");

  Response missing = c.request("GET", "/nowhere", "", "");
  CHECK(missing.status == 404);
  Response method = c.request("DELETE", "/score", "", "");
  CHECK(method.status == 405);
  CHECK(method.headers["allow"] == "POST");
  // HEAD: the GET answer's headers without its body; the next answer follows at once.
  c.send_raw("HEAD /ping HTTP/1.1\r\nHost: x\r\n\r\nGET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
  Response head = c.read_response(true);
  CHECK(head.status == 200);
  CHECK(head.headers["content-length"] == "15");
  CHECK(head.body.empty());
  CHECK(c.read_response().body == R"({"status":"ok"})");

  Client chunked(server.port);
  chunked.send_raw("POST /score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                   "3\r\n{}\n\r\n0\r\n\r\n");
  Response lr = chunked.read_response();
  CHECK(lr.status == 411);
  CHECK(lr.headers["connection"] == "close");
  CHECK(chunked.closed_by_server());

  Client large(server.port);
  large.send_raw("POST /score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 16777217\r\n\r\n{");
  Response big = large.read_response();
  CHECK(big.status == 413);
  CHECK(json::parse(big.body)["error_code"] == "PAYLOAD_TOO_LARGE");

  Client no_host(server.port);
  no_host.send_raw("GET /ping HTTP/1.1\r\n\r\n");
  CHECK(no_host.read_response().status == 400);

  // An HTTP/1.0 client gets its answer and the connection closes.
  Client old(server.port);
  old.send_raw("GET /ping HTTP/1.0\r\n\r\n");
  CHECK(old.read_response().status == 200);
  CHECK(old.closed_by_server());
  CHECK(server.stop() == 0);
}

TEST_CASE("mlplay serve: a bad model file or port is a failure before listening", "[serve][cli]") {
  CHECK(mlplay_test::mlplay("serve --model /no/such/model.json --port 0").status == 1);
  CHECK(mlplay_test::mlplay("serve --model " + model_file() + " --port 70000").status == 2);
  CHECK(mlplay_test::mlplay("serve --port 0").status == 2);
  CHECK(mlplay_test::mlplay("serve --model " + model_file() + " --host 203.0.113.1 --port 0").status == 1);
}
