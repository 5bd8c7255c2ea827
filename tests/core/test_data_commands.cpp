// The data commands end to end through the Session, as the page and the CLI use them: a CSV
// streamed in, registered as a dataset version, registered again with CRLF line ends, changed in
// one cell, and diffed.
#include <catch2/catch.hpp>

#include <string>

#include "core/api/session.hpp"

using mlcore::api::Json;
using mlcore::api::Session;

namespace {

const std::string kIrisHead =
    "SepalLengthCm,SepalWidthCm,PetalLengthCm,PetalWidthCm,Species\n"
    "5.1,3.5,1.4,0.2,0\n"
    "4.9,3.0,1.4,0.2,0\n"
    "7.0,3.2,4.7,1.4,1\n"
    "6.3,3.3,6.0,2.5,2\n";

std::string crlf(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
  return out;
}

int load(Session& s, const std::string& text, std::size_t chunk = 7) {
  int up = s.call("data.csv.begin", Json::object())["upload"];
  for (std::size_t i = 0; i < text.size(); i += chunk)
    s.call("data.csv.feed", {{"upload", up}, {"text", text.substr(i, chunk)}});
  return s.call("data.csv.finish", {{"upload", up}, {"source", "iris.csv"}})["table"];
}

Json reg(Session& s, int table) { return s.call("data.dataset.register", {{"table", table}, {"name", "IRIS"}}); }

}  // namespace

TEST_CASE("the same CSV registered twice, once with CRLF line ends, is one dataset version", "[data_commands]") {
  Session s;
  Json first = reg(s, load(s, kIrisHead));
  CHECK(first["reference"] == "IRIS:1");
  CHECK(first["created"] == true);
  CHECK(first["rows"] == 4);
  Json again = reg(s, load(s, crlf(kIrisHead), 5));
  CHECK(again["reference"] == "IRIS:1");
  CHECK(again["created"] == false);
  CHECK(again["hash"] == first["hash"]);
  CHECK(s.call("data.dataset.list", Json::object())["datasets"][0]["versions"].size() == 1);
}

TEST_CASE("a CSV with one changed cell registers as version 2 with a diff naming the cell", "[data_commands]") {
  Session s;
  reg(s, load(s, kIrisHead));
  std::string changed = kIrisHead;
  changed.replace(changed.find("7.0,3.2,4.7"), 11, "7.0,3.2,4.8");  // data row 3, PetalLengthCm
  Json second = reg(s, load(s, changed));
  CHECK(second["reference"] == "IRIS:2");
  CHECK(second["created"] == true);
  const Json& diff = second["diff"];
  CHECK(diff["cells"]["changed"] == 1);
  REQUIRE(diff["cells"]["examples"].size() == 1);
  const Json& cell = diff["cells"]["examples"][0];
  CHECK(cell["row"] == 3);
  CHECK(cell["column"] == "PetalLengthCm");
  CHECK(cell["before"] == "4.7");
  CHECK(cell["after"] == "4.8");
  CHECK(diff["summary"].get<std::string>().find("PetalLengthCm") != std::string::npos);
  // The same diff on demand, between the registered versions.
  Json again = s.call("data.dataset.diff", {{"name", "IRIS"}, {"from", 1}, {"to", 2}});
  CHECK(again["cells"]["changed"] == 1);
}

TEST_CASE("a ragged row comes back as an error value with its line, and the session keeps working", "[data_commands]") {
  Session s;
  int up = s.call("data.csv.begin", Json::object())["upload"];
  s.call_safe("data.csv.feed", {{"upload", up}, {"text", "a,b,c\n1,2,3\n4,5\n"}});
  Json r = s.call_safe("data.csv.finish", {{"upload", up}});
  REQUIRE(r.contains("error"));
  CHECK(r["error"]["code"] == "csv.ragged_row");
  CHECK(r["error"]["line"] == 3);
  // A fresh upload still works.
  CHECK(load(s, kIrisHead) > 0);
}

TEST_CASE("the rows window gives values as parsed: numbers, text, null for missing", "[data_commands]") {
  Session s;
  int up = s.call("data.csv.begin", Json::object())["upload"];
  s.call("data.csv.feed", {{"upload", up}, {"text", "x,name,flag\n1.5,ann,true\nNA,bob,false\n"}});
  int t = s.call("data.csv.finish", {{"upload", up}})["table"];
  Json rows = s.call("data.table.rows", {{"table", t}, {"offset", 0}, {"limit", 10}})["rows"];
  CHECK(rows == Json::parse(R"([[1.5,"ann",true],[null,"bob",false]])"));
}

TEST_CASE("unknown tables and uploads are errors with stable codes", "[data_commands]") {
  Session s;
  CHECK(s.call_safe("data.table.profile", {{"table", 99}})["error"]["code"] == "data.unknown_table");
  CHECK(s.call_safe("data.csv.finish", {{"upload", 99}})["error"]["code"] == "data.unknown_upload");
  CHECK(s.call_safe("data.dataset.diff", {{"name", "NOPE"}, {"from", 1}, {"to", 2}})["error"]["code"] == "dataset.unknown");
}
