// mlplay: the command-line face of the core. Each sub-command lives in its own file and
// registers itself in sub_commands(); this file only dispatches and maps errors to exit codes.
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli.hpp"
#include "core/error.hpp"
#include "core/version.hpp"

namespace mlplay {

std::map<std::string, SubCommand>& sub_commands() {
  static std::map<std::string, SubCommand> table;
  return table;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw mlcore::Error("io.read_failed", "Cannot open '" + path + "' for reading.");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string option_value(const std::vector<std::string>& a, std::size_t& i) {
  if (i + 1 >= a.size()) throw UsageError("'" + a[i] + "' needs a value.");
  return a[++i];
}

std::string located_message(const std::string& source, const mlcore::Error& e) {
  std::string out = source;
  if (e.where().line) {
    out += ":" + std::to_string(e.where().line);
    if (e.where().column) out += ":" + std::to_string(e.where().column);
  }
  return out + ": " + e.what() + " [" + e.code() + "]";
}

void register_sub_commands();

}  // namespace mlplay

namespace {

void print_help() {
  std::cout << mlcore::version_string() << "\n\n"
            << "Usage: mlplay [--version] [--help] COMMAND [ARGS]\n\n"
            << "Commands:\n";
  for (const auto& [name, cmd] : mlplay::sub_commands()) std::cout << "  " << name << "  " << cmd.summary << "\n";
  std::cout << "\nRun 'mlplay COMMAND --help' for a command's options.\n";
}

}  // namespace

int main(int argc, char** argv) {
  mlplay::register_sub_commands();
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    print_help();
    return mlplay::kExitUsage;
  }
  const std::string& first = args[0];
  if (first == "--version" || first == "-V") {
    std::cout << mlcore::version_string() << "\n";
    return mlplay::kExitOk;
  }
  if (first == "--help" || first == "-h" || first == "help") {
    print_help();
    return mlplay::kExitOk;
  }
  auto it = mlplay::sub_commands().find(first);
  if (it == mlplay::sub_commands().end()) {
    std::cerr << "mlplay: unknown command '" << first << "'; run 'mlplay --help' for the list.\n";
    return mlplay::kExitUsage;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  for (const auto& a : rest)
    if (a == "--help" || a == "-h") {
      std::cout << it->second.usage;
      return mlplay::kExitOk;
    }
  try {
    return it->second.run(rest);
  } catch (const mlplay::UsageError& e) {
    std::cerr << "mlplay " << first << ": " << e.what() << "\n" << it->second.usage;
    return mlplay::kExitUsage;
  } catch (const mlplay::InputError& e) {
    std::cerr << mlplay::located_message(e.source, e) << "\n";
    return mlplay::kExitFailed;
  } catch (const mlcore::Error& e) {
    std::cerr << "mlplay " << first << ": " << e.what() << " [" << e.code() << "]\n";
    return mlplay::kExitFailed;
  } catch (const std::exception& e) {
    std::cerr << "mlplay " << first << ": " << e.what() << "\n";
    return mlplay::kExitFailed;
  }
}
