// The Content-Type of a scoring request, read the way HTTP defines it (RFC 9110 section 8.3): the
// type and subtype compared case-insensitively, parameters after ';' allowed. Only a charset
// parameter matters here; every other parameter is ignored.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace mlcore::serve {

struct MediaType {
  std::string essence;  // "type/subtype", lower-cased: "application/json", "text/csv"
  std::string charset;  // lower-cased and unquoted; empty when not given
};

// nullopt when the header is empty or not of the form type/subtype[; name=value]...
std::optional<MediaType> parse_media_type(std::string_view header);

}  // namespace mlcore::serve
