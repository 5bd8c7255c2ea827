// See data_input.hpp.
#include "data_input.hpp"

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "core/error.hpp"

namespace mlplay {
namespace {

bool file_exists(const std::string& p) { return std::ifstream(p).good(); }

}  // namespace

std::string datasets_dir() {
  if (const char* env = std::getenv("MLPLAY_DATASETS")) return env;
  return MLPLAY_DATASETS_DIR;
}

LoadedInput load_input(const std::string& arg, mlcore::data::CsvOptions options) {
  LoadedInput in;
  in.source = arg;
  if (!file_exists(arg)) {
    std::string index_path = datasets_dir() + "/index.json";
    nlohmann::json index = nlohmann::json::parse(read_file(index_path));
    std::string names;
    for (const auto& d : index) {
      if (d.at("name") == arg) {
        in.source = datasets_dir() + "/" + d.at("file").get<std::string>();
        break;
      }
      names += (names.empty() ? "" : ", ") + d.at("name").get<std::string>();
    }
    if (in.source == arg)
      throw mlcore::Error("data.unknown_dataset", "No file '" + arg + "' and no built-in dataset of that name; the built-in datasets are: " + names + ".");
  }
  options.source = in.source;
  std::string text = read_file(in.source);
  in.csv = mlcore::data::read_csv(text, options);
  return in;
}

std::string located_message(const std::string& source, const mlcore::Error& e) {
  std::string out = source;
  if (e.where().line) {
    out += ":" + std::to_string(e.where().line);
    if (e.where().column) out += ":" + std::to_string(e.where().column);
  }
  return out + ": " + e.what() + " [" + e.code() + "]";
}

}  // namespace mlplay
