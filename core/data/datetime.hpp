// ISO 8601 dates and times <-> seconds since 1970-01-01T00:00:00Z, without the C library's
// time zone or locale, so native and wasm agree.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace mlcore::data {

// Accepts YYYY-MM-DD, optionally followed by 'T' or ' ' and hh:mm, hh:mm:ss or hh:mm:ss.fff,
// optionally followed by 'Z' or +hh:mm / -hh:mm. Returns nullopt for anything else.
std::optional<double> parse_datetime(std::string_view text);
// YYYY-MM-DD when the time is midnight, otherwise YYYY-MM-DDThh:mm:ss (UTC).
std::string format_datetime(double seconds);
// Declared here because numbers and dates share one round-trip formatter.
std::string format_number(double v);

}  // namespace mlcore::data
