// The pieces every mlplay sub-command shares: arguments, usage errors, exit codes.
#pragma once
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace mlplay {

// Exit codes: 0 done, 1 the work failed (bad input, failed pipeline), 2 the command line was wrong.
constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct SubCommand {
  std::string summary;  // one line for `mlplay --help`
  std::string usage;    // the full usage text for `mlplay NAME --help`
  std::function<int(const std::vector<std::string>& args)> run;
};

// Sub-commands register themselves in this table from their own files (see main.cpp).
std::map<std::string, SubCommand>& sub_commands();

// Reads the whole file; throws mlcore::Error (io.read_failed) naming the file.
std::string read_file(const std::string& path);

// The value after the option a[i], advancing i; a UsageError when the option is last.
std::string option_value(const std::vector<std::string>& a, std::size_t& i);

// A failure reading a named input (a CSV file, a model file): main prints it as
// FILE:LINE:COL: message [code] and exits 1.
struct InputError : mlcore::Error {
  InputError(std::string input, const mlcore::Error& e) : mlcore::Error(e), source(std::move(input)) {}
  std::string source;
};
// "FILE:LINE:COL: message [code]" (LINE and COL left out when unknown).
std::string located_message(const std::string& source, const mlcore::Error& e);

}  // namespace mlplay
