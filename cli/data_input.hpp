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
// Throws InputError (io.read_failed, data.unknown_dataset, csv.*) naming the file.
LoadedInput load_input(const std::string& arg, mlcore::data::CsvOptions options = {});

}  // namespace mlplay
