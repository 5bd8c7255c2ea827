// A recorded pipeline run as text, the way a CI system prints a job log: a header, each step's
// timestamped lines under its stage and job, skipped steps, and a summary with the status, the
// duration and the compute cost. `mlplay pipeline run` prints it; the page may show it as is.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace mlcore::ops {

// Simulated seconds as a clock: "00:04:15", or "2d 00:04:15" from the second day on.
std::string format_clock(double seconds);
// "4 min 15 s", "38 s", "1 h 2 min".
std::string format_duration(double seconds);

std::string run_log_text(const nlohmann::json& run);

}  // namespace mlcore::ops
