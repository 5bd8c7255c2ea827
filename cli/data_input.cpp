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

// The file behind a built-in dataset's name; data.unknown_dataset listing the names otherwise.
std::string builtin_path(const std::string& name) {
  nlohmann::json index = nlohmann::json::parse(read_file(datasets_dir() + "/index.json"));
  std::string names;
  for (const auto& d : index) {
    if (d.at("name") == name) return datasets_dir() + "/" + d.at("file").get<std::string>();
    names += (names.empty() ? "" : ", ") + d.at("name").get<std::string>();
  }
  throw mlcore::Error("data.unknown_dataset", "No file '" + name +
                                                  "' and no built-in dataset of that name; the built-in datasets are: " +
                                                  names + ".");
}

}  // namespace

std::string datasets_dir() {
  if (const char* env = std::getenv("MLPLAY_DATASETS")) return env;
  return MLPLAY_DATASETS_DIR;
}

LoadedInput load_input(const std::string& arg, mlcore::data::CsvOptions options) {
  LoadedInput in;
  in.source = arg;
  try {
    if (!file_exists(arg)) in.source = builtin_path(arg);
    options.source = in.source;
    in.csv = mlcore::data::read_csv(read_file(in.source), options);
  } catch (const mlcore::Error& e) {
    throw InputError(in.source, e);
  }
  return in;
}

}  // namespace mlplay
