// Reading a table named on the command line: a CSV file path or a built-in dataset name
// ("iris"), with errors printed as FILE:LINE:COL: message.
#pragma once
#include <string>

#include "core/data/csv_reader.hpp"

namespace mlplay {

struct LoadedInput {
  std::string source;  // the path, or datasets/NAME.csv for a built-in
  mlcore::data::CsvResult csv;
};

// The folder of built-in datasets: $MLPLAY_DATASETS, else the repository's datasets/.
std::string datasets_dir();
// A path that exists is read as a file; otherwise a name of datasets/index.json is a built-in.
// Throws mlcore::Error (io.read_failed, data.unknown_dataset, csv.*), with the source set.
LoadedInput load_input(const std::string& arg, mlcore::data::CsvOptions options = {});
// "FILE:LINE:COL: message [code]" (LINE and COL left out when unknown).
std::string located_message(const std::string& source, const mlcore::Error& e);

}  // namespace mlplay
