// Runs the built mlplay as a user would (a shell command) for the CLI tests: exit status and output.
#pragma once
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace mlplay_test {

struct Run {
  int status;
  std::string out;
};

// Runs mlplay with the arguments; stderr is merged into `out` only when asked.
inline Run mlplay(const std::string& args, bool merge_stderr = false) {
  std::string cmd = std::string(MLPLAY_CLI) + " " + args + (merge_stderr ? " 2>&1" : " 2>/dev/null");
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int status = pclose(p);
  return {WEXITSTATUS(status), out};
}

}  // namespace mlplay_test
